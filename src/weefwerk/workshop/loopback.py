"""Run the app as real server processes on loopback ports, for the two-process test and for
``benchmarks/live_wall.py``; with a tiny HTTP and WebSocket client (asyncio streams only, so no
extra packages).

- ``Cluster(processes=2, phones=200)`` makes a fresh database (a new PostgreSQL database next
  to ``DATABASE_URL``'s, or a SQLite file), migrates it, seeds one session with an open
  assignment, ``phones`` participants and a logged-in facilitator, and starts ``processes``
  daphne servers on free loopback ports. Leaving the ``with`` block stops the servers and
  drops the database.
- With ``REDIS_URL`` set the servers share the Redis channel layer; without it each process
  has its own in-memory layer and a wall only hears notes posted to its own process.

``python -m weefwerk.workshop.loopback seed N`` is what the cluster runs to seed (it prints
JSON); it is not meant to be run by hand.
"""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import contextlib
import json
import os
import secrets
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HOST = "127.0.0.1"


def run_async(coroutine):
    """asyncio.run, also when the calling thread already runs an event loop (as under some
    test runners): then the coroutine runs in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


# --------------------------------------------------------------------------------------------
# A database of its own


def _pg_admin(url: str):
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    return psycopg.connect(admin, autocommit=True)


def create_database(base_url: str | None, workdir: Path) -> str:
    """A new, empty database; its URL."""
    if base_url and base_url.startswith(("postgres://", "postgresql://")):
        name = f"weefwerk_loop_{os.getpid()}_{secrets.token_hex(3)}"
        with _pg_admin(base_url) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return urlunsplit(urlsplit(base_url)._replace(path=f"/{name}"))
    return f"sqlite:///{workdir / 'loopback.sqlite3'}"


def drop_database(url: str) -> None:
    if url.startswith(("postgres://", "postgresql://")):
        name = urlsplit(url).path.lstrip("/")
        with _pg_admin(url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --------------------------------------------------------------------------------------------
# Server processes


@dataclass
class Server:
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def address(self) -> tuple[str, int]:
        return HOST, self.port

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def wait_for_http(port: int, timeout: float = 30.0, process: subprocess.Popen | None = None):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {process.returncode}")
        try:
            status, _headers, _body = run_async(http(HOST, port, "GET", "/doe-mee/"))
            if status == 200:
                return
            last = status
        except OSError as error:
            last = error
        time.sleep(0.2)
    raise TimeoutError(f"server on port {port} not ready: {last}")


@dataclass
class Cluster:
    processes: int = 2
    phones: int = 1
    database_url: str | None = None  # default: DATABASE_URL, else a SQLite file
    redis_url: str | None = None  # default: REDIS_URL
    workdir: Path | None = None
    servers: list[Server] = field(default_factory=list)
    seed: dict = field(default_factory=dict)

    def env(self) -> dict:
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="weefwerk.conf.test",
            DATABASE_URL=self.db_url,
            WEEFWERK_VAR=str(self.workdir),
            DEBUG="false",
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SECRET_KEY=env.get("SECRET_KEY") or "loopback-only-secret-key",
            LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        else:
            env.pop("REDIS_URL", None)
        return env

    def __enter__(self) -> Cluster:
        self._own_dir = self.workdir is None
        self.workdir = Path(self.workdir or tempfile.mkdtemp(prefix="weefwerk-loop-"))
        if self.redis_url is None:
            self.redis_url = os.environ.get("REDIS_URL") or None
        base = self.database_url or os.environ.get("DATABASE_URL")
        self.db_url = create_database(base, self.workdir)
        try:
            env = self.env()
            python = sys.executable
            subprocess.run(
                [python, "-m", "django", "migrate", "--verbosity", "0"],
                env=env,
                check=True,
                timeout=300,
            )
            out = subprocess.run(
                [python, "-m", "weefwerk.workshop.loopback", "seed", str(self.phones)],
                env=env,
                check=True,
                timeout=300,
                capture_output=True,
                text=True,
            )
            self.seed = json.loads(out.stdout.strip().splitlines()[-1])
            for n in range(self.processes):
                port = free_port()
                log = self.workdir / f"daphne-{n}.log"
                process = subprocess.Popen(
                    [
                        python,
                        "-m",
                        "daphne",
                        "-b",
                        HOST,
                        "-p",
                        str(port),
                        "weefwerk.conf.asgi:application",
                    ],
                    env=env,
                    stdout=log.open("wb"),
                    stderr=subprocess.STDOUT,
                )
                self.servers.append(Server(port, process, log))
            for server in self.servers:
                wait_for_http(server.port, process=server.process)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc):
        for server in self.servers:
            server.stop()
        with contextlib.suppress(Exception):
            drop_database(self.db_url)
        if self._own_dir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def logs(self) -> str:
        return "\n".join(
            f"--- {s.log.name}\n{s.log.read_text(errors='replace')[-3000:]}" for s in self.servers
        )


# --------------------------------------------------------------------------------------------
# HTTP over asyncio streams (one request per connection)


async def http(host, port, method, path, headers=None, body=b"", timeout=30.0):
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    try:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: close"]
        for key, value in (headers or {}).items():
            lines.append(f"{key}: {value}")
        if body or method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()
    head, _, rest = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    parsed = {}
    for line in header_lines:
        key, _, value = line.partition(":")
        parsed.setdefault(key.strip().lower(), []).append(value.strip())
    return int(status_line.split()[1]), parsed, rest


def note_form(seed: dict, text: str) -> tuple[dict, bytes]:
    """Headers and body of a phone's note POST (with a CSRF cookie and token of our own)."""
    from urllib.parse import urlencode

    csrf = secrets.token_hex(16)  # 32 characters, as Django expects
    prefix = f"opdracht-{seed['assignment']}"
    body = urlencode(
        {
            "opdracht": seed["assignment"],
            f"{prefix}-text": text,
            f"{prefix}-category": seed["category"],
            "csrfmiddlewaretoken": csrf,
        }
    ).encode()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/json",
        "Cookie": f"csrftoken={csrf}",
    }
    return headers, body


async def post_note(server: Server, seed: dict, phone: int, text: str) -> int:
    headers, body = note_form(seed, text)
    token = seed["tokens"][phone]
    status, _h, _b = await http(
        HOST, server.port, "POST", f"/doe-mee/deelname/{token}/notitie/", headers, body
    )
    return status


# --------------------------------------------------------------------------------------------
# A minimal WebSocket client (RFC 6455: text frames, ping/pong, close)


class WebSocket:
    def __init__(self, reader, writer):
        self.reader, self.writer = reader, writer

    @classmethod
    async def connect(cls, host, port, path, headers=None, timeout=10.0) -> WebSocket:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
        key = base64.b64encode(secrets.token_bytes(16)).decode()
        lines = [
            f"GET {path} HTTP/1.1",
            f"Host: {host}:{port}",
            "Upgrade: websocket",
            "Connection: Upgrade",
            f"Sec-WebSocket-Key: {key}",
            "Sec-WebSocket-Version: 13",
            f"Origin: http://{host}:{port}",
        ]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
        status = head.split(b"\r\n", 1)[0]
        if b" 101 " not in status + b" ":
            writer.close()
            raise ConnectionError(f"WebSocket refused: {status!r}")
        return cls(reader, writer)

    def _send(self, opcode: int, payload: bytes) -> None:
        mask = secrets.token_bytes(4)
        header = bytes([0x80 | opcode])
        n = len(payload)
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 65536:
            header += bytes([0x80 | 126]) + struct.pack("!H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack("!Q", n)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.writer.write(header + mask + masked)

    async def recv(self) -> str | None:
        """The next text message; None when the server closed the connection."""
        parts = []
        while True:
            b0, b1 = await self.reader.readexactly(2)
            opcode, n = b0 & 0x0F, b1 & 0x7F
            if n == 126:
                (n,) = struct.unpack("!H", await self.reader.readexactly(2))
            elif n == 127:
                (n,) = struct.unpack("!Q", await self.reader.readexactly(8))
            mask = await self.reader.readexactly(4) if b1 & 0x80 else None
            payload = await self.reader.readexactly(n)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            if opcode == 0x9:  # ping
                self._send(0xA, payload)
                await self.writer.drain()
                continue
            if opcode == 0xA:
                continue
            if opcode == 0x8:
                return None
            parts.append(payload)
            if b0 & 0x80:
                return b"".join(parts).decode()

    async def recv_json(self, timeout: float | None = None):
        text = await asyncio.wait_for(self.recv(), timeout)
        return None if text is None else json.loads(text)

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            self._send(0x8, struct.pack("!H", 1000))
            await self.writer.drain()
        self.writer.close()
        with contextlib.suppress(Exception):
            await self.writer.wait_closed()


async def connect_wall(server: Server, seed: dict) -> WebSocket:
    path = f"/ws/trajecten/{seed['trajectory']}/bijeenkomsten/{seed['meeting']}/muur/"
    return await WebSocket.connect(
        HOST, server.port, path, headers={"Cookie": f"sessionid={seed['session']}"}
    )


# --------------------------------------------------------------------------------------------
# Seeding (runs in the cluster's environment)


def _seed(phones: int) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from weefwerk.people.models import Person
    from weefwerk.planning.models import AgendaItem
    from weefwerk.trajectories.models import Meeting
    from weefwerk.trajectories.services import trajectory_create
    from weefwerk.workshop import joining, services

    user = get_user_model().objects.create_user(
        email="muur@loopback.example", password=secrets.token_urlsafe(16), full_name="Muur"
    )
    trajectory = trajectory_create(user=user, name="Loopback", municipality="Lus")
    meeting = Meeting.objects.create(trajectory=trajectory, number=4, title="Live")
    item = AgendaItem.objects.create(
        meeting=meeting,
        title="Opdracht",
        assignment={
            "type": "categorised_notes",
            "categories": ["Motivatoren", "Demotivatoren"],
            "questions": ["Wat motiveert jou?"],
            "mode": "plenary",
        },
    )
    (assignment,) = services.assignments_from_item(item=item)
    services.assignment_control(assignment=assignment, action="open")
    tokens = []
    people = Person.objects.bulk_create(
        Person(trajectory=trajectory, name=f"Telefoon {n:03d}") for n in range(phones)
    )
    for person in people:
        tokens.append(joining.make_token(services.participant_join(meeting=meeting, person=person)))
    client = Client()
    client.force_login(user)
    return {
        "trajectory": trajectory.pk,
        "meeting": meeting.pk,
        "assignment": assignment.pk,
        "category": "Motivatoren",
        "session": client.cookies["sessionid"].value,
        "tokens": tokens,
    }


if __name__ == "__main__":  # pragma: no cover - run by Cluster in a subprocess
    if len(sys.argv) == 3 and sys.argv[1] == "seed":
        print(json.dumps(_seed(int(sys.argv[2]))))
    else:
        sys.exit(__doc__)
