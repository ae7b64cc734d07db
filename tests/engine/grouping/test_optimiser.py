import itertools

import pytest

from weefwerk.engine.grouping import GroupingError, Person, plan_groups


def golfers(n):
    return [{"id": f"g{i}"} for i in range(n)]


@pytest.mark.parametrize(("groups", "size", "rounds"), [(4, 4, 5), (5, 5, 6), (7, 7, 8)])
def test_affine_instances_have_no_repeats_at_once(groups, size, rounds):
    plan = plan_groups(golfers(groups * size), rounds, groups=groups, seed=3, time_limit=5)
    assert plan.score.repeat_pairs == 0
    assert plan.seconds < 2


def test_eight_groups_of_four_for_ten_rounds_without_repeats():
    """The original Social Golfer instance: the doubled construction solves it outright."""
    plan = plan_groups(golfers(32), 10, groups=8, seed=5, time_limit=10)
    assert plan.score.repeat_pairs == 0
    assert plan.method.startswith("doubled")
    assert plan.seconds < 2


def test_kirkman_schoolgirls_by_search():
    plan = plan_groups(golfers(15), 7, max_size=3, seed=1, time_limit=5)
    assert plan.score.repeat_pairs == 0


def test_same_seed_same_plan():
    people = [
        {"id": f"p{i}", "organisation": f"o{i % 4}", "domains": [f"d{i % 5}"]} for i in range(18)
    ]
    one = plan_groups(people, 3, max_size=4, seed=7, max_iterations=200)
    two = plan_groups(people, 3, max_size=4, seed=7, max_iterations=200)
    assert one.rounds == two.rounds


def test_sizes_differ_by_at_most_one():
    plan = plan_groups(golfers(23), 2, max_size=5, seed=1, time_limit=0.5)
    for rnd in plan.rounds:
        sizes = sorted(len(g) for g in rnd)
        assert sizes[-1] - sizes[0] <= 1 and sizes[-1] <= 5 and len(rnd) == 5


def test_experts_spread_and_colleagues_split():
    people = [
        Person(f"p{i}", organisation=f"o{i % 5}", expert=i < 4, trained=i < 2) for i in range(20)
    ]
    plan = plan_groups(people, 2, max_size=5, seed=2, time_limit=2)
    assert plan.score.expert_imbalance == 0
    assert plan.score.groups_without_expert == 0
    assert plan.score.colleague_pairs == plan.score.colleague_pairs_lower_bound
    assert plan.score.trained_imbalance == 0


def test_met_pairs_are_avoided():
    people = golfers(9)
    met = [["g0", "g1"], ["g0", "g2"], ["g1", "g2"]]
    plan = plan_groups(people, 1, max_size=3, met=met, seed=1, time_limit=1)
    assert plan.score.repeat_pairs == 0


def test_locked_together_apart_hold():
    people = golfers(12)
    plan = plan_groups(
        people,
        3,
        max_size=4,
        apart=[["g0", "g1"]],
        together=[["g2", "g3"], ["g3", "g4"]],
        locked={"g5": 2, "g6": [0, None, 1]},
        seed=4,
        time_limit=1,
    )
    for r, rnd in enumerate(plan.rounds):
        where = {p: k for k, g in enumerate(rnd) for p in g}
        assert where["g0"] != where["g1"]
        assert where["g2"] == where["g3"] == where["g4"]
        assert where["g5"] == 2
        if r == 0:
            assert where["g6"] == 0
        if r == 2:
            assert where["g6"] == 1
    assert plan.score.hard_violations == 0


def test_locks_may_force_a_bigger_group():
    people = golfers(9)
    plan = plan_groups(people, 1, groups=3, locked={f"g{i}": 0 for i in range(4)}, time_limit=0.2)
    assert sorted(len(g) for g in plan.rounds[0]) == [2, 3, 4]


def test_round_specs_with_attendance_and_sizes():
    people = golfers(10)
    rounds = [
        {"present": [f"g{i}" for i in range(8)], "max_size": 4},
        {"present": [f"g{i}" for i in range(2, 10)], "groups": 4},
        {},
    ]
    plan = plan_groups(people, rounds, max_size=5, seed=1, time_limit=0.5)
    assert [len(r) for r in plan.rounds] == [2, 4, 2]
    assert sorted(itertools.chain.from_iterable(plan.rounds[1])) == sorted(
        f"g{i}" for i in range(2, 10)
    )
    assert len(list(itertools.chain.from_iterable(plan.rounds[2]))) == 10


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"max_size": 3, "apart": [["g0", "zz"]]}, "Onbekende persoon"),
        ({"max_size": 3, "min_size": 3, "groups": 2}, "kleiner dan 3"),
        ({"max_size": 2, "locked": {"g0": 0, "g1": 0, "g2": 0}}, "hoogstens 2"),
        ({"max_size": 3, "apart": [["g0", "g1"]], "together": [["g0", "g1"]]}, "spreekt"),
        ({"max_size": 3, "together": [["g0", "g1"]], "locked": {"g0": 0, "g1": 1}}, "samen"),
        ({"max_size": 3, "locked": {"g0": 7}}, "groep 7"),
        ({}, "max_size"),
        ({"max_size": 3, "min_size": 4}, "groter"),
    ],
)
def test_bad_input_is_refused(kwargs, fragment):
    with pytest.raises(GroupingError, match=fragment):
        plan_groups(golfers(5), 1, time_limit=0.2, **kwargs)


def test_duplicate_ids_are_refused():
    with pytest.raises(GroupingError, match="twee keer"):
        plan_groups([{"id": "a"}, {"id": "a"}], 1, max_size=2)


def _domain_people():
    return [
        {
            "id": f"p{i}",
            "organisation": f"o{i % 6}",
            "domains": [f"d{i % 4}"] + ([f"d{(i // 4) % 4}"] if i % 3 == 0 else []),
            "expert": i < 3,
        }
        for i in range(24)
    ]


def test_domain_polish_keeps_its_bookkeeping_and_never_worsens_higher_levels():
    import random
    import time

    from weefwerk.engine.grouping.problem import build_problem
    from weefwerk.engine.grouping.search import Search

    problem = build_problem(_domain_people(), 3, max_size=5)
    engine = Search(problem, random.Random(5))
    engine.load(engine.greedy_plan())
    engine.run(time.perf_counter() + 5, max_iterations=50, check=True)
    before = engine.components()
    engine.polish_patience = 10**9
    engine.polish(time.perf_counter() + 5, max_steps=3000, check=True)
    engine.check_tables()
    after = engine.components()
    assert after[:5] <= before[:5]
    assert after <= before


def test_same_seed_same_plan_with_domain_polish():
    one = plan_groups(_domain_people(), 3, max_size=5, seed=3, max_iterations=100)
    two = plan_groups(_domain_people(), 3, max_size=5, seed=3, max_iterations=100)
    assert one.rounds == two.rounds


def test_domains_first_phase_keeps_its_bookkeeping_and_never_worsens_the_plan():
    import random
    import time

    from weefwerk.engine.grouping.problem import build_problem
    from weefwerk.engine.grouping.search import Search

    problem = build_problem(_domain_people(), 3, max_size=5)
    engine = Search(problem, random.Random(2))
    engine.load(engine.greedy_plan())
    engine.run(time.perf_counter() + 5, max_iterations=30, check=True)
    before = engine.components()
    engine.run_domains_first(time.perf_counter() + 5, 300, True, budget=10**9)
    assert not engine.domains_first  # back to the true, repeat-first weights
    engine.check_tables()
    assert engine.components() <= before
    assert engine.cost == engine.full_cost()


def test_domains_first_weights_order_domains_above_repeats():
    import random

    from weefwerk.engine.grouping.problem import build_problem
    from weefwerk.engine.grouping.search import Search

    problem = build_problem(_domain_people(), 2, max_size=5)
    engine = Search(problem, random.Random(1))
    plan = engine.greedy_plan()
    engine.set_weights(domains_first=True)
    engine.load(plan)
    hard, exp, tr, coll, rep, dom = engine.components()
    assert rep < engine.WD  # one domain duplicate outweighs every repeat pair together
    high, rest = divmod(engine.cost, engine.WC)
    assert divmod(rest, engine.WD) == (dom, rep)
    higher = engine.WH * hard + engine.WE * exp + engine.WT * tr + engine.WC * coll
    assert high * engine.WC == higher


def test_realistic_rounds_reach_the_domain_bound_without_repeats():
    """80 people of 16 organisations, 4 rounds of groups of 6: the domains-first phase brings
    domain duplicates down to their lower bound and keeps repeat pairs at zero."""
    import random

    rng = random.Random(80)
    domains = [f"d{i}" for i in range(8)]
    people = [
        {
            "id": f"p{i}",
            "organisation": None if i < 4 else f"o{rng.randrange(16)}",
            "domains": rng.sample(domains, 2 if rng.random() < 0.25 else 1),
            "expert": i < 4,
            "trained": i < 2,
        }
        for i in range(80)
    ]
    rounds = [
        {"present": [p["id"] for p in people if rng.random() < 0.85], "max_size": 6}
        for _ in range(4)
    ]
    plan = plan_groups(people, rounds, seed=1, time_limit=60, work_budget=6_000_000)
    score = plan.score
    assert score.repeat_pairs == 0
    assert score.colleague_pairs == score.colleague_pairs_lower_bound
    assert score.expert_imbalance == 0
    assert score.domain_duplicates == score.domain_duplicates_lower_bound
