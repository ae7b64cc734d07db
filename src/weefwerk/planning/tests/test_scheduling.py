"""Planning a series of dates and the school holiday table: plain Python, no database."""

from datetime import date, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from weefwerk.planning import holidays
from weefwerk.planning.scheduling import (
    PlanError,
    SeriesPlan,
    next_weekday,
    parse_dates,
    plan_dates,
)

MONDAY = date(2027, 1, 11)


# --------------------------------------------------------------------------------------------
# Dates of a series


def test_every_two_weeks_by_default():
    assert plan_dates(MONDAY, 3) == [date(2027, 1, 11), date(2027, 1, 25), date(2027, 2, 8)]


@pytest.mark.parametrize("weeks", [1, 2, 3, 4, 5, 6])
def test_any_interval_from_one_to_six_weeks(weeks):
    dates = plan_dates(MONDAY, 4, interval_weeks=weeks)
    assert [b - a for a, b in zip(dates, dates[1:], strict=False)] == [timedelta(weeks=weeks)] * 3


@pytest.mark.parametrize("weeks", [0, 7, -2])
def test_other_intervals_are_refused(weeks):
    with pytest.raises(PlanError):
        plan_dates(MONDAY, 3, interval_weeks=weeks)


def test_the_first_date_moves_forward_to_the_weekday():
    # Monday 11 January -> Thursday 14 January; the date itself when it is that day already.
    assert plan_dates(MONDAY, 2, weekday=3) == [date(2027, 1, 14), date(2027, 1, 28)]
    assert plan_dates(MONDAY, 1, weekday=0) == [MONDAY]
    # Sunday is 6: from a Monday that is six days later, never earlier.
    assert next_weekday(MONDAY, 6) == date(2027, 1, 17)
    with pytest.raises(PlanError):
        next_weekday(MONDAY, 7)


def test_an_excluded_date_moves_that_session_one_week_and_the_rest_follow():
    dates = plan_dates(MONDAY, 4, interval_weeks=2, excluded=[date(2027, 1, 25)])
    assert dates == [
        date(2027, 1, 11),
        date(2027, 2, 1),  # 25 January cannot: one week later
        date(2027, 2, 15),  # then every two weeks again from there
        date(2027, 3, 1),
    ]


def test_excluded_dates_in_a_row_move_the_session_further():
    excluded = {date(2027, 1, 25), date(2027, 2, 1)}
    assert plan_dates(MONDAY, 2, excluded=excluded) == [date(2027, 1, 11), date(2027, 2, 8)]


def test_an_excluded_first_date_and_other_weekdays_are_ignored_where_they_do_not_fall():
    assert plan_dates(MONDAY, 2, excluded={MONDAY, date(2027, 1, 26)}) == [
        date(2027, 1, 18),
        date(2027, 2, 1),
    ]


def test_a_plan_gives_times_of_day():
    plan = SeriesPlan(first_date=MONDAY, start_time=time(13, 30), interval_weeks=3)
    [first, second] = plan.datetimes(2)
    assert (first.date(), first.time(), second.date()) == (MONDAY, time(13, 30), date(2027, 2, 1))
    assert first.tzinfo is None
    assert plan.dates(0) == []


def test_parse_dates_reads_dutch_dates_and_names_the_wrong_lines():
    text = "24-12-2026\n 1-1-2027 \n2027-02-03\n\n5/3/2027\nmorgen\n31-02-2027"
    dates, wrong = parse_dates(text)
    assert dates == [date(2026, 12, 24), date(2027, 1, 1), date(2027, 2, 3), date(2027, 3, 5)]
    assert wrong == ["morgen", "31-02-2027"]


@given(
    first=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    count=st.integers(min_value=0, max_value=12),
    weeks=st.integers(min_value=1, max_value=6),
    weekday=st.one_of(st.none(), st.integers(min_value=0, max_value=6)),
    excluded=st.sets(st.dates(min_value=date(2024, 1, 1), max_value=date(2032, 12, 31))),
)
def test_property_increasing_spaced_on_the_weekday_and_never_excluded(
    first, count, weeks, weekday, excluded
):
    dates = plan_dates(first, count, interval_weeks=weeks, weekday=weekday, excluded=excluded)
    assert len(dates) == count
    assert all(a < b for a, b in zip(dates, dates[1:], strict=False))
    assert all(b - a >= timedelta(weeks=weeks) for a, b in zip(dates, dates[1:], strict=False))
    assert not set(dates) & excluded
    expected_weekday = first.weekday() if weekday is None else weekday
    assert all(d.weekday() == expected_weekday for d in dates)
    if dates:
        assert first <= dates[0]
    # Without exclusions every gap is exactly the interval.
    if not excluded:
        assert all(b - a == timedelta(weeks=weeks) for a, b in zip(dates, dates[1:], strict=False))


# --------------------------------------------------------------------------------------------
# School holidays


def test_the_table_says_which_school_years_it_covers():
    table = holidays.table()
    assert table.school_years == ("2024-2025", "2025-2026")
    assert "rijksoverheid.nl" in table.source
    assert holidays.school_year_of(date(2026, 7, 31)) == "2025-2026"
    assert holidays.school_year_of(date(2026, 8, 1)) == "2026-2027"


@pytest.mark.parametrize(
    ("day", "region", "name"),
    [
        # Autumn 2025: south a week earlier than north and middle.
        (date(2025, 10, 14), "south", "herfstvakantie"),
        (date(2025, 10, 14), "north", None),
        (date(2025, 10, 21), "middle", "herfstvakantie"),
        (date(2025, 10, 21), "zuid", None),
        # Christmas is the same everywhere.
        (date(2026, 1, 2), "north", "kerstvakantie"),
        (date(2026, 1, 2), "south", "kerstvakantie"),
        (date(2026, 1, 5), "south", None),
        # Spring 2026: north a week later.
        (date(2026, 2, 17), "middle", "voorjaarsvakantie"),
        (date(2026, 2, 17), "north", None),
        (date(2026, 2, 24), "north", "voorjaarsvakantie"),
        # Summer 2026: north first, then south, then middle; edges are inclusive.
        (date(2026, 7, 4), "north", "zomervakantie"),
        (date(2026, 7, 4), "south", None),
        (date(2026, 7, 11), "south", "zomervakantie"),
        (date(2026, 8, 30), "middle", "zomervakantie"),
        (date(2026, 8, 30), "south", None),
    ],
)
def test_holidays_per_region(day, region, name):
    result = holidays.check(day, region)
    assert (result.holiday.name if result.holiday else None) == name
    if name is None and result.covered:
        assert holidays.warning_text(result) == ""


def test_advisory_and_fixed_holidays_are_told_apart():
    autumn = holidays.warning_text(holidays.check(date(2025, 10, 21), "north"))
    assert "herfstvakantie" in autumn
    assert "adviesweek" in autumn
    christmas = holidays.warning_text(holidays.check(date(2025, 12, 23), "north"))
    assert christmas.startswith("Valt in de kerstvakantie (20 december tot en met 4 januari 2026)")
    assert "advies" not in christmas


def test_a_year_the_table_does_not_cover_is_named():
    result = holidays.check(date(2029, 3, 6), "north")
    assert not result.covered
    assert holidays.warning_text(result) == (
        "Voor 2029 hebben we geen vakantiedata; kijk zelf of er een schoolvakantie is."
    )
    # A school year that is not covered, in a calendar year that is partly known.
    later = holidays.check(date(2026, 11, 24), "south")
    assert not later.covered
    assert holidays.warning_text(later) == (
        "Voor schooljaar 2026-2027 hebben we geen vakantiedata; kijk zelf of er een "
        "schoolvakantie is."
    )


def test_a_known_summer_holiday_still_counts_in_the_next_school_year():
    # 20 August 2026 belongs to school year 2026-2027 (not covered), but the summer of
    # 2025-2026 in the middle region runs until 30 August.
    assert holidays.check(date(2026, 8, 20), "middle").holiday.name == "zomervakantie"


def test_the_data_file_is_consistent():
    table = holidays.table()
    for holiday in table.holidays:
        assert holiday.first <= holiday.last
        assert holiday.first.weekday() == 5, holiday  # Saturday
        assert holiday.last.weekday() == 6, holiday  # Sunday
        assert holiday.advisory == (holiday.name not in ("zomervakantie", "kerstvakantie"))
    summers = [h for h in table.holidays if h.name == "zomervakantie"]
    assert all((h.last - h.first).days == 43 for h in summers)  # six weeks and a weekend
