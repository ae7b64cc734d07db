"""Two real server processes (daphne) on loopback ports, sharing the Redis channel layer: a
note posted to one process appears on a wall WebSocket connected to the other.

Runs only with REDIS_URL set (CI sets it, with DATABASE_URL on PostgreSQL). The servers get a
database of their own (a fresh PostgreSQL database next to DATABASE_URL's, or a SQLite file),
migrated and seeded by ``weefwerk.workshop.loopback``; the test's own database is not used.
"""

import os

import pytest

from weefwerk.workshop import loopback

pytestmark = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs REDIS_URL: the processes share Redis"
)


def test_note_posted_to_one_process_reaches_a_wall_on_the_other(tmp_path):
    with loopback.Cluster(processes=2, phones=2, workdir=tmp_path) as cluster:
        first, second = cluster.servers
        seed = cluster.seed

        async def scenario():
            wall = await loopback.connect_wall(second, seed)
            try:
                status = await loopback.post_note(first, seed, 0, "Over de brug <b>heen</b>")
                assert status == 201, cluster.logs()
                event = await wall.recv_json(timeout=10)
                assert event["type"] == "note"
                assert event["note"]["text"] == "Over de brug <b>heen</b>"
                # And the other way round.
                other_wall = await loopback.connect_wall(first, seed)
                try:
                    assert await loopback.post_note(second, seed, 1, "Terug") == 201
                    event = await other_wall.recv_json(timeout=10)
                    assert event["note"]["text"] == "Terug"
                finally:
                    await other_wall.close()
            finally:
                await wall.close()

        loopback.run_async(scenario())
