"""Doubled affine construction: 8 groups of 4 for 10 rounds with no pair meeting twice.

The affine construction (construct.py) over GF(2)^5 stops at 9 rounds for 8 groups of 4: its
rounds are cosets of 2-dimensional subspaces, and PG(4, 2) holds at most 9 disjoint lines. This
construction drops the demand that every round be closed under all translations.

Points are (y, a) with y in GF(2)^4 and a in GF(2), numbered 2*y + a; the 16 pairs
{(y, 0), (y, 1)} are the pairs that never meet (32 people meet at most 30 others in 10 rounds of
groups of 4, so exactly such a perfect matching stays unmet in a perfect plan).

1. Take 10 distinct 2-dimensional subspaces U_1..U_10 of GF(2)^4 that together hold every
   nonzero vector exactly twice (a double cover of PG(3, 2) by lines; found by backtracking).
2. Round i cuts GF(2)^4 into the 4 cosets of U_i. A sign function s_i: GF(2)^4 -> GF(2) lifts
   each coset B into the two groups {(y, s_i(y))} and {(y, s_i(y) + 1)} for y in B.
3. Points y != z with d = y + z meet in the two rounds i, j whose subspaces hold d. Round i
   covers the two of the four pairs (y, a), (z, b) with a + b = s_i(y) + s_i(z), round j those
   with a + b = s_j(y) + s_j(z); all four meet exactly once if and only if
   s_i(y) + s_i(z) + s_j(y) + s_j(z) = 1. That is one linear equation over GF(2) per pair
   {y, z}: 120 equations in the 160 values of the sign functions, solved by elimination.

Linear sign functions would make every round a set of cosets again, so a solution needs
non-linear ones; many double covers admit them and the first one in a fixed order is used.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

DIMENSION = 4  # GF(2)^4: 16 points, doubled to 32 people in groups of 4
GROUPS, SIZE, ROUNDS = 8, 4, 10


def doubled_max_rounds(groups: int, size: int) -> int:
    """Rounds the doubled construction gives for `groups` groups of `size`, 0 if it does not apply.

    Only 8 groups of 4: over GF(2)^m the round count 2 * (2^m - 1) / 3 is whole for even m only,
    m = 2 has too few lines for a double cover, and m >= 6 gives instances (128 people and more)
    this engine is not tuned or tested for.
    """
    return ROUNDS if (groups, size) == (GROUPS, SIZE) else 0


def _lines(m: int) -> list[tuple[int, int, int]]:
    """The 2-dimensional subspaces of GF(2)^m, each as its three nonzero vectors, sorted."""
    found = {tuple(sorted((a, b, a ^ b))) for a in range(1, 2**m) for b in range(a + 1, 2**m)}
    return sorted(found)


def _double_covers(m: int) -> Iterator[list[tuple[int, int, int]]]:
    """Sets of distinct lines holding every nonzero vector of GF(2)^m exactly twice."""
    lines = _lines(m)
    points = range(1, 2**m)
    count = dict.fromkeys(points, 0)
    chosen: list[int] = []

    def extend(start: int) -> Iterator[list[tuple[int, int, int]]]:
        need = next((p for p in points if count[p] < 2), None)
        if need is None:
            yield [lines[i] for i in chosen]
            return
        for i in range(start, len(lines)):
            line = lines[i]
            if need in line and all(count[p] < 2 for p in line):
                for p in line:
                    count[p] += 1
                chosen.append(i)
                yield from extend(i + 1)
                chosen.pop()
                for p in line:
                    count[p] -= 1

    yield from extend(0)


def _sign_functions(cover: list[tuple[int, int, int]], m: int) -> list[list[int]] | None:
    """Sign functions s_i that make every pair meet exactly once (see step 3), or None.

    Gaussian elimination over GF(2) with one bit per unknown s_i(y) (bit i * 2^m + y); free
    unknowns are set to 0.
    """
    size = 2**m
    rounds_of: dict[int, list[int]] = {}
    for i, line in enumerate(cover):
        for d in line:
            rounds_of.setdefault(d, []).append(i)
    pivots: dict[int, tuple[int, int]] = {}
    for y in range(size):
        for z in range(y + 1, size):
            i, j = rounds_of[y ^ z]
            row = 0
            for r in (i, j):
                row ^= (1 << (r * size + y)) ^ (1 << (r * size + z))
            rhs = 1
            while row:
                top = row.bit_length() - 1
                if top not in pivots:
                    pivots[top] = (row, rhs)
                    break
                other, other_rhs = pivots[top]
                row ^= other
                rhs ^= other_rhs
            else:
                if rhs:
                    return None  # inconsistent: this cover has no sign functions
    value = 0
    for top in sorted(pivots):  # lowest pivot first: its row holds no higher unknowns
        row, rhs = pivots[top]
        if rhs ^ ((row & value).bit_count() & 1):
            value |= 1 << top
    return [[value >> (i * size + y) & 1 for y in range(size)] for i in range(len(cover))]


@lru_cache(maxsize=1)
def _doubled_plan() -> tuple[tuple[tuple[int, ...], ...], ...]:
    m = DIMENSION
    for cover in _double_covers(m):
        signs = _sign_functions(cover, m)
        if signs is None:
            continue
        plan = []
        for line, sign in zip(cover, signs, strict=True):
            subspace = (0, *line)
            cosets = sorted({min(y ^ u for u in subspace) for y in range(2**m)})
            groups = []
            for base in cosets:
                coset = sorted(base ^ u for u in subspace)
                groups.append(tuple(2 * y + sign[y] for y in coset))
                groups.append(tuple(2 * y + 1 - sign[y] for y in coset))
            plan.append(tuple(groups))
        return tuple(plan)
    raise AssertionError("no double cover with sign functions")  # cannot happen for m = 4


def doubled_rounds(groups: int, size: int, rounds: int) -> list[list[list[int]]]:
    """Up to doubled_max_rounds(groups, size) rounds over 0..groups*size-1, no pair twice."""
    available = doubled_max_rounds(groups, size)
    if available == 0:
        raise ValueError("no doubled construction for these sizes")
    return [[list(g) for g in rnd] for rnd in _doubled_plan()[: min(rounds, available)]]
