"""Benchmark of the live wall (issue 7): 200 phones post notes while 2 walls listen.

Starts the app on loopback (daphne, two processes; a fresh database next to DATABASE_URL's, or a
SQLite file; Redis channel layer from REDIS_URL), connects two walls (one to each process),
then lets every phone post a few notes over HTTP, alternating between the processes, spread
over a bounded time. Prints notes sent, notes received by each wall (they must be equal), and
the post-to-wall latency: from just before a phone sends its POST to the moment a wall's
WebSocket delivers the note.

Without REDIS_URL each process has its own in-memory channel layer, so notes cannot cross
processes: the benchmark then runs one process and says so.

    REDIS_URL=redis://127.0.0.1:6379/0 DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        .venv/bin/python benchmarks/live_wall.py [--phones 200] [--notes 3] [--spread 20]

Loopback only; everything it starts it stops, and the database it made is dropped.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from weefwerk.workshop import loopback  # noqa: E402

MAX_PHONES, MAX_NOTES, MAX_SPREAD = 500, 10, 120.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, from /proc (Linux); NaN elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


async def run(cluster: loopback.Cluster, phones: int, notes: int, spread: float, seed: int):
    rng = random.Random(seed)
    servers, info = cluster.servers, cluster.seed
    sent_at: dict[str, float] = {}
    received: list[dict[str, float]] = [{} for _ in range(2)]
    expected = phones * notes
    statuses: list[int] = []
    post_times: list[float] = []
    done = asyncio.Event()

    walls = [await loopback.connect_wall(servers[i % len(servers)], info) for i in range(2)]

    async def listen(index: int, wall):
        while True:
            event = await wall.recv_json()
            if event is None:
                return
            if event.get("type") == "note" and event["note"]["text"] is not None:
                received[index].setdefault(event["note"]["text"], time.perf_counter())
                if all(len(r) >= expected for r in received):
                    done.set()

    listeners = [asyncio.create_task(listen(i, w)) for i, w in enumerate(walls)]

    async def phone(n: int):
        for k in range(notes):
            await asyncio.sleep(rng.uniform(0, spread / notes))
            text = f"Telefoon {n:03d} notitie {k}"
            server = servers[(n + k) % len(servers)]
            sent_at[text] = start = time.perf_counter()
            try:
                status = await loopback.post_note(server, info, n, text)
            except OSError:
                status = 0
            post_times.append(time.perf_counter() - start)
            statuses.append(status)

    started = time.perf_counter()
    await asyncio.gather(*(phone(n) for n in range(phones)))
    posting = time.perf_counter() - started
    ok = statuses.count(201)
    if ok == expected:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(done.wait(), timeout=15)
    else:
        await asyncio.sleep(5)
    for task in listeners:
        task.cancel()
    for wall in walls:
        await wall.close()

    latencies = [
        (at - sent_at[text]) * 1000 for r in received for text, at in r.items() if text in sent_at
    ]
    return {
        "statuses": dict(Counter(statuses)),
        "sent": ok,
        "failed": len(statuses) - ok,
        "received": [len(r) for r in received],
        "posting_seconds": posting,
        "latencies": latencies,
        "post_ms": [t * 1000 for t in post_times],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, default=200)
    parser.add_argument("--notes", type=int, default=3, help="notes per phone")
    parser.add_argument("--spread", type=float, default=60.0, help="seconds to post over")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    phones = max(1, min(args.phones, MAX_PHONES))
    notes = max(1, min(args.notes, MAX_NOTES))
    spread = max(0.0, min(args.spread, MAX_SPREAD))

    redis = os.environ.get("REDIS_URL")
    database = os.environ.get("DATABASE_URL", "")
    processes = 2 if redis else 1
    print("Live wall benchmark")
    print(f"  database: {'PostgreSQL' if database.startswith('postgres') else 'SQLite (file)'}")
    if redis:
        print("  channel layer: Redis (shared by the processes)")
    else:
        print(
            "  channel layer: in-memory. REDIS_URL is not set, so notes cannot cross processes:"
            " running ONE server process. Set REDIS_URL for the two-process run."
        )
    print(
        f"  {processes} daphne process(es) on loopback, {phones} phones x {notes} notes, "
        f"posted over {spread:.0f} s, 2 walls listening"
    )

    with loopback.Cluster(processes=processes, phones=phones) as cluster:
        cpu_before = sum(cpu_seconds(s.process.pid) for s in cluster.servers)
        result = asyncio.run(run(cluster, phones, notes, spread, args.seed))
        cpu = sum(cpu_seconds(s.process.pid) for s in cluster.servers) - cpu_before
        if result["failed"]:
            print(cluster.logs())

    lat, post = result["latencies"], result["post_ms"]
    print(
        f"\nnotes sent (201):      {result['sent']} of {phones * notes}"
        f" ({result['failed']} failed) in {result['posting_seconds']:.1f} s"
    )
    if result["failed"]:
        print(f"answers:               {result['statuses']} (0: no answer)")
    for i, count in enumerate(result["received"], start=1):
        print(f"notes received wall {i}: {count}")
    equal = len(set(result["received"])) == 1 and result["received"][0] == result["sent"]
    print(f"nothing lost:          {'yes' if equal else 'NO'}")
    print(
        "post-to-wall latency:  "
        f"p50 {percentile(lat, 50):.1f} ms, p95 {percentile(lat, 95):.1f} ms, "
        f"p99 {percentile(lat, 99):.1f} ms, max {max(lat, default=float('nan')):.1f} ms"
    )
    print(
        "POST response time:    "
        f"p50 {percentile(post, 50):.1f} ms, p95 {percentile(post, 95):.1f} ms, "
        f"mean {statistics.fmean(post) if post else float('nan'):.1f} ms"
    )
    if cpu == cpu:  # not NaN: /proc was readable
        print(
            f"server CPU:            {cpu:.1f} s in all, "
            f"{cpu * 1000 / max(1, result['sent']):.0f} ms per note"
            f" (daphne processes only; on {os.cpu_count()} cores)"
        )
    return 0 if equal else 1


if __name__ == "__main__":
    sys.exit(main())
