"""Benchmark of the group optimiser (issue 4). Prints figures; asserts nothing.

    .venv/bin/python benchmarks/groups.py            # full suite, about half a minute to a minute
    .venv/bin/python benchmarks/groups.py --quick    # short run, fewer seeds and less time

Pure Social Golfer instances (g-s-w: g groups of s for w rounds) and realistic sessions: 40 and
80 people from 12 to 20 organisations, 8 domains, 4 experts by experience (2 trained), 85 %
attendance. Every instance also runs the greedy start alone as the simple baseline.

The engine stops on a work budget (time limit x WORK_PER_SECOND units), so its figures do not
depend on how busy the machine is; "clock" counts the runs that the wall-clock safety net ended
instead (those figures may vary between runs).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from weefwerk.engine.grouping import plan_groups  # noqa: E402

DOMAINS = [
    "onderwijs",
    "zorg",
    "schuldhulp",
    "jeugd",
    "welzijn",
    "kerk",
    "werk en inkomen",
    "sport en cultuur",
]


def golfers(groups: int, size: int) -> list[dict]:
    return [{"id": f"g{i}"} for i in range(groups * size)]


def realistic_people(n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    organisations = [f"org{i}" for i in range(rng.randint(12, 20))]
    people = []
    for i in range(n):
        domains = rng.sample(DOMAINS, 2 if rng.random() < 0.25 else 1)
        people.append(
            {
                "id": f"p{i}",
                "organisation": rng.choice(organisations),
                "domains": domains,
                "expert": i < 4,
                "trained": i < 2,
            }
        )
    # Experts by experience come on their own account, not for an organisation.
    for person in people[:4]:
        person["organisation"] = None
    return people


def attendance(people: list[dict], sizes: list[int], seed: int) -> list[dict]:
    rng = random.Random(seed * 7919 + len(people))
    rounds = []
    for size in sizes:
        present = [p["id"] for p in people if rng.random() < 0.85]
        rounds.append({"present": present, "max_size": size})
    return rounds


HEADER = (
    f"{'instance':<26}{'method':<16}{'runs':>5}{'repeats':>16}{'zero':>6}{'new/UB':>12}"
    f"{'hard':>6}{'coll(LB)':>10}{'noexp(LB)':>11}{'expimb':>7}{'dom(LB)':>10}{'sec':>8}"
    f"{'clock':>6}"
)


def row(name: str, method: str, plans: list) -> None:
    repeats = [p.score.repeat_pairs for p in plans]
    seconds = [p.seconds for p in plans]
    s = plans[0].score
    rep = (
        f"{statistics.median(repeats):g} [{min(repeats)}-{max(repeats)}]"
        if len(plans) > 1
        else str(repeats[0])
    )
    zero = sum(r == 0 for r in repeats)
    print(
        f"{name:<26}{method:<16}{len(plans):>5}{rep:>16}{zero:>6}"
        f"{f'{s.new_pairs}/{s.new_pairs_upper_bound}':>12}"
        f"{max(p.score.hard_violations for p in plans):>6}"
        f"{f'{s.colleague_pairs}({s.colleague_pairs_lower_bound})':>10}"
        f"{f'{s.groups_without_expert}({s.groups_without_expert_lower_bound})':>11}"
        f"{s.expert_imbalance + s.trained_imbalance:>7}"
        f"{f'{s.domain_duplicates}({s.domain_duplicates_lower_bound})':>10}"
        f"{statistics.median(seconds):>8.2f}"
        f"{sum(bool(p.stats.get('time_limit_hit')) for p in plans):>6}",
        flush=True,
    )


def run(name, people, rounds, seeds, time_limit, **kwargs) -> None:
    engine = [
        plan_groups(people, rounds, seed=seed, time_limit=time_limit, **kwargs) for seed in seeds
    ]
    row(name, "engine", engine)
    greedy = [plan_groups(people, rounds, seed=seed, search=False, **kwargs) for seed in seeds]
    row(name, "greedy baseline", greedy)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer seeds, shorter time limits")
    args = parser.parse_args(argv)
    quick = args.quick
    limit = 2.0 if quick else 10.0
    many = range(3) if quick else range(10)
    started = time.perf_counter()

    print("Social Golfer (no constraints besides sizes); time limit", limit, "s")
    print(HEADER)
    for g, s, w, seeds in [
        (4, 4, 5, range(3)),
        (5, 5, 6, range(3)),
        (7, 7, 8, range(3)),
        (5, 3, 7, many),
        (8, 4, 9, many),
        (8, 4, 10, many),
    ]:
        run(f"SGP {g}-{s}-{w}", golfers(g, s), w, list(seeds), limit, groups=g)

    print()
    print("Realistic (12-20 organisations, 8 domains, 4 experts, 85 % attendance)")
    print(HEADER)
    for n in (40, 80):
        people = realistic_people(n, seed=n)
        run(f"{n}p 1 round of 5", people, attendance(people, [5], 1), [1], limit)
        for size in (5, 6, 8):
            rounds = attendance(people, [size] * 4, size)
            run(f"{n}p 4 rounds of {size}", people, rounds, [1], limit)
    for n in (24, 40, 80):
        people = realistic_people(n, seed=n + 1)
        rounds = attendance(people, [5, 6, 8, 6, 5], 3)
        run(f"{n}p sessions 5-6-8-6-5", people, rounds, [1], limit)
    print()
    print(f"total {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
