"""The kaasschaafmethode: examples and hypothesis properties."""

from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from weefwerk.engine.agenda import ShaveError, minimum_total, shave

# Step 3 of the playbook ("Wie is er nodig?"): the items with their minutes. Welcome and closing
# have no minutes in the playbook; the assignment of 100 minutes is 2 x 45 with a fixed break.
STEP_3 = [
    (0, False),  # Welkom
    (15, False),  # Kennismaking
    (15, False),  # Terugblik naar de tweede bijeenkomst
    (20, False),  # Wat gaan we vandaag doen?
    (45, False),  # Opdracht 3, eerste ronde
    (10, True),  # Pauze bij de wissel
    (45, False),  # Opdracht 3, tweede ronde
    (20, False),  # Moment van reflectie
    (10, False),  # Wat gaan we de volgende sessie doen?
    (0, False),  # Afronding
]


def test_step_3_shaved_to_120_minutes():
    result = shave(STEP_3, 120)
    assert sum(result) == 120
    assert result == [0, 10, 10, 13, 29, 10, 29, 13, 6, 0]


def test_step_3_lengthened_to_240_minutes():
    result = shave(STEP_3, 240)
    assert sum(result) == 240
    assert result[5] == 10  # the break stays
    assert result[0] == result[-1] == 0  # zero-minute items stay zero
    # 230 minutes over 170: ratio 23/17
    assert result[4] == result[6] == 61  # 45 * 23/17 = 60.88


def test_same_target_returns_the_same_minutes():
    assert shave(STEP_3, 180) == [m for m, _ in STEP_3]


def test_small_items_are_clamped_and_the_rest_re_proportioned():
    # 60 + 10 + 10 to 40 minutes: the 10s would get 5 each exactly (ratio 1/2).
    assert shave([(60, False), (10, False), (10, False)], 40) == [30, 5, 5]
    # To 30: ratio 3/8 would give the 10s 3.75, below the minimum of 5, so they are clamped at 5
    # and the 60 gets the remaining 20.
    assert shave([(60, False), (10, False), (10, False)], 30) == [20, 5, 5]


def test_item_shorter_than_the_minimum_is_never_shaved():
    assert shave([(3, False), (40, False)], 20) == [3, 17]


def test_minimum_can_be_changed():
    assert shave([(30, False), (30, False)], 4, minimum=2) == [2, 2]
    assert shave([(30, False), (30, False)], 0, minimum=0) == [0, 0]


def test_impossible_target_says_the_minimum_in_dutch():
    with pytest.raises(ShaveError) as caught:
        shave(STEP_3, 40)
    assert caught.value.minimum_total == 45
    assert "minstens 45 minuten" in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_minimum_total():
    assert minimum_total(STEP_3) == 10 + 7 * 5
    assert minimum_total([(3, False), (20, True)], minimum=5) == 23
    assert minimum_total([]) == 0


def test_empty_agenda():
    assert shave([], 0) == []
    with pytest.raises(ShaveError):
        shave([], 10)


def test_only_fixed_items():
    assert shave([(10, True), (20, True)], 30) == [10, 20]
    with pytest.raises(ShaveError, match="minstens 30"):
        shave([(10, True), (20, True)], 29)
    with pytest.raises(ShaveError, match="Langer maken kan niet"):
        shave([(10, True), (20, True)], 31)


def test_only_zero_minute_flexible_items_cannot_grow():
    assert shave([(0, False), (10, True)], 10) == [0, 10]
    with pytest.raises(ShaveError, match="Langer maken kan niet") as caught:
        shave([(0, False), (10, True)], 20)
    assert caught.value.maximum_total == 10


@pytest.mark.parametrize(
    ("items", "target", "minimum"),
    [
        ([(-1, False)], 10, 5),
        ([(1.5, False)], 10, 5),
        ([(True, False)], 10, 5),
        ([(10,)], 10, 5),
        ([None], 10, 5),
        ([(10, False)], -1, 5),
        ([(10, False)], 7.0, 5),
        ([(10, False)], 7, -1),
    ],
)
def test_bad_input_is_rejected_with_a_dutch_message(items, target, minimum):
    with pytest.raises(ShaveError) as caught:
        shave(items, target, minimum)
    message = str(caught.value).lower()
    assert "minuten" in message or "agendapunt" in message


def test_ties_go_to_the_longer_item_then_the_earlier():
    # 3 x 10 to 20: ideal 6.67 each; two leftover minutes go to the first two.
    assert shave([(10, False), (10, False), (10, False)], 20) == [7, 7, 6]


# --- properties ---------------------------------------------------------------------------

items_strategy = st.lists(
    st.tuples(st.integers(min_value=0, max_value=180), st.booleans()), min_size=0, max_size=15
)


def _floor(minutes: int, minimum: int) -> int:
    return min(minutes, minimum)


def _common_ratio_exists(items, result, minimum) -> bool:
    """Independent check of proportionality within one minute.

    There must be one ratio r such that every non-fixed item with minutes either ends within
    one minute of r * minutes, or ends on its floor where r * minutes is below floor + 1
    (clamped, or rounded down onto the floor).
    """
    low, high = Fraction(0), None
    for (minutes, fixed), new in zip(items, result, strict=True):
        if fixed or minutes == 0:
            continue
        floor = _floor(minutes, minimum)
        if new == floor:
            upper = Fraction(floor + 1, minutes)
        else:
            low = max(low, Fraction(new - 1, minutes))
            upper = Fraction(new + 1, minutes)
        high = upper if high is None else min(high, upper)
    return high is None or low < high


def _reachable(items, target, minimum) -> bool:
    lowest = minimum_total(items, minimum)
    growable = sum(m for m, fixed in items if not fixed)
    current = sum(m for m, _ in items)
    return target >= lowest and (growable > 0 or target == current)


@given(items_strategy, st.integers(min_value=0, max_value=1500), st.integers(0, 15))
def test_properties_of_a_reachable_target(items, target, minimum):
    assume(_reachable(items, target, minimum))
    result = shave(items, target, minimum)

    assert all(isinstance(m, int) for m in result)
    assert len(result) == len(items)
    assert sum(result) == target  # total preserved exactly
    for (minutes, fixed), new in zip(items, result, strict=True):
        if fixed:
            assert new == minutes  # fixed items untouched
        else:
            assert new >= _floor(minutes, minimum)  # minimum respected
            if minutes == 0:
                assert new == 0
            if target <= sum(m for m, _ in items):
                assert new <= minutes  # shaving never lengthens an item
            else:
                assert new >= minutes  # lengthening never shortens an item
    assert _common_ratio_exists(items, result, minimum)  # proportional within one minute


@given(items_strategy, st.integers(min_value=0, max_value=1500), st.integers(0, 15))
def test_longer_items_never_end_shorter(items, target, minimum):
    assume(_reachable(items, target, minimum))
    result = shave(items, target, minimum)
    flexible = [(m, new) for (m, fixed), new in zip(items, result, strict=True) if not fixed]
    for m1, new1 in flexible:
        for m2, new2 in flexible:
            if m1 > m2:
                assert new1 >= new2


@given(items_strategy, st.integers(0, 15), st.integers(min_value=1, max_value=100))
def test_impossible_targets_are_rejected_with_a_message(items, minimum, short_by):
    lowest = minimum_total(items, minimum)
    assume(lowest - short_by >= 0)
    with pytest.raises(ShaveError) as caught:
        shave(items, lowest - short_by, minimum)
    assert caught.value.minimum_total == lowest
    assert f"minstens {lowest} minuten" in str(caught.value)


@given(items_strategy, st.integers(0, 15))
def test_the_minimum_total_itself_is_reachable(items, minimum):
    lowest = minimum_total(items, minimum)
    assume(_reachable(items, lowest, minimum))
    result = shave(items, lowest, minimum)
    assert result == [m if fixed else _floor(m, minimum) for m, fixed in items]
