from itertools import combinations

import pytest

from weefwerk.engine.grouping.construct import affine_rounds, field_tables, max_rounds, prime_power


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
