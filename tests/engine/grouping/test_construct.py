from collections import Counter
from itertools import combinations

import pytest

from weefwerk.engine.grouping.construct import affine_rounds, field_tables, max_rounds, prime_power
from weefwerk.engine.grouping.doubled import (
    _double_covers,
    _sign_functions,
    doubled_max_rounds,
    doubled_rounds,
)


@pytest.mark.parametrize("q", [2, 3, 4, 5, 7, 8, 9])
def test_field_tables_form_a_field(q):
    add, mul = field_tables(q)
    for a in range(q):
        assert sorted(add[a]) == list(range(q))
        assert mul[a][0] == 0
        if a:
            assert sorted(mul[a][1:]) == list(range(1, q))
    for a in range(q):
        for b in range(q):
            for c in range(q):
                assert mul[a][add[b][c]] == add[mul[a][b]][mul[a][c]]


def test_prime_power():
    assert prime_power(8) == (2, 3)
    assert prime_power(9) == (3, 2)
    assert prime_power(6) is None
    assert prime_power(1) is None


@pytest.mark.parametrize(
    ("groups", "size", "rounds"),
    [(4, 4, 5), (5, 5, 6), (7, 7, 8), (8, 4, 9), (5, 3, 5), (9, 3, 10), (8, 8, 9)],
)
def test_affine_rounds_never_repeat_a_pair(groups, size, rounds):
    assert max_rounds(groups, size) == rounds
    plan = affine_rounds(groups, size, rounds)
    assert len(plan) == rounds
    seen = set()
    for rnd in plan:
        assert sorted(x for g in rnd for x in g) == list(range(groups * size))
        assert all(len(g) == size for g in rnd)
        for g in rnd:
            for pair in combinations(sorted(g), 2):
                assert pair not in seen
                seen.add(pair)


def test_no_construction_for_six_groups():
    assert max_rounds(6, 3) == 0


def test_doubled_construction_gives_ten_rounds_of_eight_groups_of_four_without_repeats():
    assert doubled_max_rounds(8, 4) == 10
    plan = doubled_rounds(8, 4, 10)
    assert len(plan) == 10
    times = Counter()
    for rnd in plan:
        assert sorted(x for g in rnd for x in g) == list(range(32))
        assert [len(g) for g in rnd] == [4] * 8
        times.update(pair for g in rnd for pair in combinations(sorted(g), 2))
    assert max(times.values()) == 1 and len(times) == 10 * 8 * 6
    # The pairs that never meet are the perfect matching {2y, 2y + 1}.
    unmet = {pair for pair in combinations(range(32), 2) if pair not in times}
    assert unmet == {(2 * y, 2 * y + 1) for y in range(16)}


def test_doubled_construction_applies_to_eight_groups_of_four_only():
    assert doubled_max_rounds(4, 4) == 0
    assert doubled_max_rounds(8, 3) == 0
    assert len(doubled_rounds(8, 4, 3)) == 3
    with pytest.raises(ValueError):
        doubled_rounds(4, 4, 2)


def test_sign_equations_have_no_solution_when_a_pair_meets_in_one_subspace_twice():
    # The same line twice: a pair inside it would need different parities in one coset.
    cover = [(1, 2, 3)] * 2 + [(4, 8, 12), (5, 10, 15), (6, 11, 13), (7, 9, 14)] * 2
    assert _sign_functions(cover, 4) is None


def test_every_double_cover_holds_each_vector_twice():
    cover = next(_double_covers(4))
    assert len(cover) == 10 and len(set(cover)) == 10
    assert Counter(d for line in cover for d in line) == dict.fromkeys(range(1, 16), 2)
