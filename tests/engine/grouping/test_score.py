from weefwerk.engine.grouping import Person, score_plan
from weefwerk.engine.grouping.score import colleague_lower_bound


def test_colleague_lower_bound_is_pigeonhole():
    assert colleague_lower_bound(["a"] * 5, 2) == 3 + 1  # groups of 3 and 2
    assert colleague_lower_bound(["a", "a", "b", None, None], 3) == 0


def test_score_counts_each_rule():
    people = [
        Person("a", organisation="o", domains=("zorg",), expert=True, trained=True),
        Person("b", organisation="o", domains=("zorg",)),
        Person("c", domains=("school",), expert=True),
        Person("d", domains=("zorg",)),
    ]
    rounds = [[["a", "b"], ["c", "d"]], [["a", "b"], ["c", "d"]]]
    score = score_plan(people, rounds, met=[("c", "d")], apart=[("a", "b")])
    assert score.hard_violations == 2
    assert score.colleague_pairs == 2
    assert score.colleague_pairs_lower_bound == 0
    assert score.repeat_pairs == 3  # a-b once more, c-d twice after meeting before
    assert score.new_pairs == 1
    assert score.domain_duplicates == 2
    assert score.domain_duplicates_lower_bound == 2  # three "zorg" in two groups, each round
    assert score.groups_without_expert == 0
    assert score.expert_imbalance == 0
