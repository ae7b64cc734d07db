"""Plan a series of sessions: plain dates in, plain dates out (no Django).

The playbook asks to plan every session before the trajectory starts and to meet every two to
three weeks. ``plan_dates`` takes a first date, an interval in weeks, optionally a weekday, and
the dates that cannot, and gives one date per session.

How an excluded date is handled (a decision, tested in ``tests/test_scheduling.py``): the
session moves **one week later**, on the same weekday, as often as needed; the sessions after
it keep the interval from the moved date. So a 2-week series with one excluded date has one gap
of 3 weeks, not 4: the playbook warns against long gaps. Every gap is at least the interval.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

DEFAULT_INTERVAL = 2
MIN_INTERVAL, MAX_INTERVAL = 1, 6
MAX_SESSIONS = 20


class PlanError(ValueError):
    """The plan cannot be made; the message says why (in English, for developers)."""


@dataclass(frozen=True)
class SeriesPlan:
    first_date: date
    start_time: time
    interval_weeks: int = DEFAULT_INTERVAL
    weekday: int | None = None  # 0 is Monday; None keeps the weekday of the first date
    excluded: frozenset[date] = field(default_factory=frozenset)

    def dates(self, count: int) -> list[date]:
        return plan_dates(
            self.first_date,
            count,
            interval_weeks=self.interval_weeks,
            weekday=self.weekday,
            excluded=self.excluded,
        )

    def datetimes(self, count: int) -> list[datetime]:
        """Naive date-times (local wall-clock time); the caller adds the time zone."""
        return [datetime.combine(day, self.start_time) for day in self.dates(count)]


def next_weekday(day: date, weekday: int) -> date:
    """``day`` itself when it is that weekday, else the first such weekday after it."""
    if not 0 <= weekday <= 6:
        raise PlanError(f"weekday must be 0 (Monday) to 6 (Sunday), not {weekday}")
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def plan_dates(
    first_date: date,
    count: int,
    *,
    interval_weeks: int = DEFAULT_INTERVAL,
    weekday: int | None = None,
    excluded: Iterable[date] = (),
) -> list[date]:
    """``count`` dates, ``interval_weeks`` apart, none of them excluded.

    With ``weekday`` the first date moves forward to that weekday. An excluded date moves its
    session one week later (see the module's docstring); the next session counts from there.
    """
    if not MIN_INTERVAL <= interval_weeks <= MAX_INTERVAL:
        raise PlanError(f"interval must be {MIN_INTERVAL} to {MAX_INTERVAL} weeks")
    if count < 0:
        raise PlanError("count must not be negative")
    skip = set(excluded)
    day = next_weekday(first_date, weekday) if weekday is not None else first_date
    dates: list[date] = []
    while len(dates) < count:
        while day in skip:
            day += timedelta(weeks=1)
        dates.append(day)
        day += timedelta(weeks=interval_weeks)
    return dates


def parse_dates(text: str) -> tuple[list[date], list[str]]:
    """Dates from text, one per line (dd-mm-jjjj, also d-m-jjjj, with - / or . and jjjj-mm-dd).

    Returns the dates and the lines that are not a date, so the form can name them.
    """
    dates, wrong = [], []
    for raw in text.replace(",", "\n").replace(";", "\n").splitlines():
        line = raw.strip()
        if not line:
            continue
        parsed = _parse_date(line)
        if parsed is None:
            wrong.append(line)
        else:
            dates.append(parsed)
    return dates, wrong


def _parse_date(text: str) -> date | None:
    parts = text.replace("/", "-").replace(".", "-").split("-")
    if len(parts) != 3 or not all(p.strip().isdigit() for p in parts):
        return None
    a, b, c = (int(p) for p in parts)
    day, month, year = (c, b, a) if len(parts[0].strip()) == 4 else (a, b, c)
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None
