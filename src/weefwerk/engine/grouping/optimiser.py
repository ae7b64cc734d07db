"""Public entry point: plan one or more rounds of groups."""

from __future__ import annotations

import random
import time
from collections.abc import Iterable, Mapping, Sequence

from .construct import affine_rounds, max_rounds
from .doubled import doubled_max_rounds, doubled_rounds
from .model import GroupingError, Person, Plan, RoundSpec
from .problem import Problem, build_problem
from .score import score_plan
from .search import Search

# Work units (see search.py) the search may spend per second of `time_limit`. Measured on the
# reference machine (2 shared cores): the slowest kind of instance spends about 1.2 million
# units a second there, so a run ends on its budget in about half of `time_limit`, leaving
# room for a busy machine before the wall-clock safety net is needed.
WORK_PER_SECOND = 600_000
# Shares of the budget when domains count: the tabu phase ends at TABU_SHARE at the latest,
# the domains-first phase at DOMAINS_SHARE, and the domain polish gets the rest.
TABU_SHARE = 0.6
DOMAINS_SHARE = 0.9


def _construction(problem: Problem, rng: random.Random) -> tuple[str, dict[int, list[list[int]]]]:
    """(name, rounds) of a construction when every round has the same people in equal groups:
    the affine one, or the doubled one where that gives more rounds (8 groups of 4)."""
    rounds = problem.rounds
    first = rounds[0]
    if not first.sizes or any(r.locked or r.blocks for r in rounds):
        return "", {}
    g, s = len(first.sizes), first.sizes[0]
    present = set(first.present)
    if any(set(r.present) != present or r.sizes != first.sizes for r in rounds):
        return "", {}
    if any(size != s for size in first.sizes):
        return "", {}
    affine = min(len(rounds), max_rounds(g, s))
    doubled = min(len(rounds), doubled_max_rounds(g, s))
    if max(affine, doubled) < 2:
        return "", {}
    if doubled > affine:
        name, plan = "doubled", doubled_rounds(g, s, doubled)
    else:
        name, plan = "affine", affine_rounds(g, s, affine)
    people = list(first.present)
    rng.shuffle(people)
    return name, {r: [[people[x] for x in group] for group in rnd] for r, rnd in enumerate(plan)}


def plan_groups(
    people: Sequence[Person | Mapping],
    rounds: int | Sequence[RoundSpec | Mapping] = 1,
    *,
    max_size: int | None = None,
    min_size: int | None = None,
    groups: int | None = None,
    met: Iterable = (),
    apart: Iterable = (),
    together: Iterable = (),
    locked: Mapping | None = None,
    seed: int = 0,
    time_limit: float = 10.0,
    max_iterations: int | None = None,
    work_budget: float | None = None,
    search: bool = True,
) -> Plan:
    """Plan all requested rounds together and return the best plan found.

    `rounds` is a number of rounds for everybody, or a list of round specifications with their
    own people present and sizes. Raises GroupingError (Dutch message) on input that cannot be
    planned. `search=False` gives the greedy start only (the benchmark's baseline).

    Reproducible: the same input and seed give the same plan. The search stops on a
    deterministic work budget, never on the clock: `work_budget` work units (candidate swaps
    looked at, see search.py), by default ``time_limit * WORK_PER_SECOND``, which the search
    uses up in about half of `time_limit` on the reference machine; bigger instances cost more
    units per iteration, so the budget scales with the problem size by itself. It also stops
    early at the proven lower bound, after a long stretch without improvement, or after
    `max_iterations`. `time_limit` itself is only a safety net for a much slower or busier
    machine: when it ends the run, ``plan.stats["time_limit_hit"]`` is true and that plan may
    differ from run to run.
    """
    started = time.perf_counter()
    if isinstance(time_limit, bool) or not isinstance(time_limit, int | float) or time_limit <= 0:
        raise GroupingError("'time_limit' moet een positief aantal seconden zijn.")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise GroupingError("'seed' moet een geheel getal zijn.")
    if work_budget is None:
        work_budget = time_limit * WORK_PER_SECOND
    elif (
        isinstance(work_budget, bool)
        or not isinstance(work_budget, int | float)
        or work_budget <= 0
    ):
        raise GroupingError("'work_budget' moet een positief getal zijn.")
    met, apart, together = list(met or ()), list(apart or ()), list(together or ())
    problem = build_problem(
        people,
        rounds,
        max_size=max_size,
        min_size=min_size,
        groups=groups,
        met=met,
        apart=apart,
        together=together,
        locked=locked,
    )
    rng = random.Random(seed)
    engine = Search(problem, rng)
    construction, fixed = _construction(problem, rng) if search else ("", {})
    engine.load(engine.greedy_plan(fixed))
    method = f"{construction}+greedy" if fixed else "greedy"
    if search:
        # Tabu search for everything; with domains it hands over to the domains-first phase once
        # the higher levels are at their bounds, and at the latest after TABU_SHARE of the
        # budget; that phase hands over to the domain polish after DOMAINS_SHARE.
        engine.run(
            started + time_limit,
            max_iterations,
            budget=work_budget,
            tabu_budget=TABU_SHARE * work_budget if engine.has_domains else None,
            # Safety net only: on a very busy machine the polish still gets its share of time.
            tabu_deadline=started + TABU_SHARE * time_limit if engine.has_domains else None,
            domains_budget=DOMAINS_SHARE * work_budget if engine.has_domains else None,
            domains_deadline=started + DOMAINS_SHARE * time_limit,
        )
        method += "+tabu"
        if engine.domain_iterations:
            method += "+domains-first"
        if engine.polish_steps:
            method += "+polish"

    ids = [p.id for p in problem.people]
    plan_rounds = [[[ids[x] for x in sorted(group)] for group in rnd] for rnd in engine.groups]
    score = score_plan(
        problem.people,
        plan_rounds,
        met=[(ids[a], ids[b]) for a, b in problem.met],
        apart=[(ids[a], ids[b]) for a, b in problem.apart],
        together=[(ids[a], ids[b]) for a, b in problem.together],
        locked=[{ids[p]: k for p, k in r.locked.items()} for r in problem.rounds],
        sizes=[r.sizes for r in problem.rounds],
    )
    if score.hard_violations or score.size_violations:
        raise GroupingError(
            "Er is geen indeling gevonden die aan alle harde eisen voldoet (uit elkaar, samen, "
            "vastgezet en groepsgrootte). Maak de eisen ruimer of geef meer tijd."
        )
    return Plan(
        rounds=plan_rounds,
        score=score,
        seconds=time.perf_counter() - started,
        iterations=getattr(engine, "iterations", 0),
        method=method,
        stats={"work": int(engine.work), "time_limit_hit": engine.timed_out},
    )
