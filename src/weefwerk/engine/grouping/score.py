"""Scoring a finished plan from its groups alone.

Deliberately separate from the search's incremental bookkeeping: this is the straightforward
count that the reported score comes from, so a bug in the fast delta code cannot hide.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations

from .model import Person, Score


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _pair_set(pairs: Iterable) -> set[tuple[str, str]]:
    return {_key(p[0], p[1]) for p in pairs}


def _spread_deviation(counts: Sequence[int], total: int) -> int:
    """How far group counts stray outside floor(total/g)..ceil(total/g)."""
    g = len(counts)
    low, high = total // g, -(-total // g)
    return sum(max(0, c - high) + max(0, low - c) for c in counts)


def colleague_lower_bound(organisations: Iterable[str | None], groups: int) -> int:
    """Pigeonhole: colleagues spread as evenly as possible over the groups."""
    total = 0
    for org, c in Counter(o for o in organisations if o is not None).items():
        del org
        q, rest = divmod(c, groups)
        total += rest * (q + 1) * q // 2 + (groups - rest) * q * (q - 1) // 2
    return total


def score_plan(
    people: Sequence[Person],
    rounds: Sequence[Sequence[Sequence[str]]],
    *,
    met: Iterable = (),
    apart: Iterable = (),
    together: Iterable = (),
    locked: Sequence[Mapping[str, int]] | None = None,
    sizes: Sequence[Sequence[int]] | None = None,
) -> Score:
    by_id = {p.id: p for p in people}
    met_pairs = _pair_set(met)
    apart_pairs = _pair_set(apart)
    together_pairs = _pair_set(together)
    score = Score()
    times: Counter[tuple[str, str]] = Counter()
    co_present: set[tuple[str, str]] = set()
    capacity: Counter[str] = Counter()

    for r, groups in enumerate(rounds):
        g = len(groups)
        if g == 0:
            continue
        where: dict[str, int] = {}
        for k, group in enumerate(groups):
            for pid in group:
                if pid in where:
                    score.hard_violations += 1  # one person in two groups
                where[pid] = k
        present = sorted(where)
        if sizes is not None and sorted(len(x) for x in groups) != sorted(sizes[r]):
            score.size_violations += 1
        for a, b in apart_pairs:
            if a in where and b in where and where[a] == where[b]:
                score.hard_violations += 1
        for a, b in together_pairs:
            if a in where and b in where and where[a] != where[b]:
                score.hard_violations += 1
        if locked is not None:
            for pid, k in locked[r].items():
                if pid in where and where[pid] != k:
                    score.hard_violations += 1

        experts = [sum(by_id[p].expert for p in group) for group in groups]
        trained = [sum(by_id[p].expert and by_id[p].trained for p in group) for group in groups]
        score.expert_imbalance += _spread_deviation(experts, sum(experts))
        score.trained_imbalance += _spread_deviation(trained, sum(trained))
        score.groups_without_expert += sum(1 for c in experts if c == 0)
        score.groups_without_expert_lower_bound += max(0, g - sum(experts))

        score.colleague_pairs_lower_bound += colleague_lower_bound(
            (by_id[p].organisation for p in present), g
        )
        domain_totals = Counter(d for p in present for d in set(by_id[p].domains))
        score.domain_duplicates_lower_bound += sum(max(0, c - g) for c in domain_totals.values())
        largest = max(len(group) for group in groups)
        for p in present:
            capacity[p] += largest - 1
        for a, b in combinations(present, 2):
            co_present.add((a, b))

        for group in groups:
            domains = Counter(d for p in group for d in set(by_id[p].domains))
            score.domain_duplicates += sum(c - 1 for c in domains.values() if c > 1)
            for a, b in combinations(sorted(group), 2):
                times[(a, b)] += 1
                org_a, org_b = by_id[a].organisation, by_id[b].organisation
                if org_a is not None and org_a == org_b:
                    score.colleague_pairs += 1

    total = sum(times.values())
    for pair, m in times.items():
        if pair in met_pairs:
            score.repeat_pairs += m
        else:
            score.new_pairs += 1
            score.repeat_pairs += m - 1
    reachable = co_present - met_pairs
    per_person: Counter[str] = Counter()
    for a, b in reachable:
        per_person[a] += 1
        per_person[b] += 1
    by_degree = sum(min(capacity[p], per_person[p]) for p in per_person) // 2
    score.new_pairs_upper_bound = min(total, len(reachable), by_degree)
    score.repeat_pairs_lower_bound = total - score.new_pairs_upper_bound
    return score
