"""Dutch school holidays per region, read from ``data/school_holidays.json``.

The table is data: it says which school years it covers, and a date in a school year it does
not cover gets "we do not know" rather than "no holiday". ``HolidayTable`` and ``check`` are
plain Python; only ``warning_text`` (the Dutch sentence for the page) uses Django's gettext.

A school year runs from 1 August to 31 July (as in Dutch education law). The summer holiday
is listed under the school year it ends, so a date in August is first looked up in every
holiday of the table, and only then judged by its own school year.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "school_holidays.json"

# Trajectory.region values -> the region names of the data file.
REGION_KEYS = {"north": "noord", "middle": "midden", "south": "zuid"}


@dataclass(frozen=True)
class Holiday:
    name: str  # herfstvakantie, kerstvakantie, ...
    school_year: str  # "2025-2026"
    region: str  # noord, midden, zuid
    first: date
    last: date  # inclusive
    advisory: bool  # only an advice of the government; schools may choose other weeks

    def __contains__(self, day: date) -> bool:
        return self.first <= day <= self.last


@dataclass(frozen=True)
class HolidayCheck:
    """What the table says about one date in one region."""

    day: date
    holiday: Holiday | None = None
    covered: bool = True  # False: the table has no data for this date's school year
    school_year: str = ""
    year_known: bool = True  # False: the table has nothing at all for this calendar year

    @property
    def in_holiday(self) -> bool:
        return self.holiday is not None


def school_year_of(day: date) -> str:
    """The school year of a date, "2026-2027", running from 1 August to 31 July."""
    start = day.year if day.month >= 8 else day.year - 1
    return f"{start}-{start + 1}"


@dataclass(frozen=True)
class HolidayTable:
    holidays: tuple[Holiday, ...]
    school_years: tuple[str, ...]
    source: str = ""

    @classmethod
    def from_dict(cls, data: dict) -> HolidayTable:
        holidays = []
        for school_year, entries in data["school_years"].items():
            for entry in entries:
                for region in data["regions"]:
                    first, last = entry[region]
                    holidays.append(
                        Holiday(
                            name=entry["name"],
                            school_year=school_year,
                            region=region,
                            first=date.fromisoformat(first),
                            last=date.fromisoformat(last),
                            advisory=bool(entry.get("advisory", False)),
                        )
                    )
        return cls(
            holidays=tuple(holidays),
            school_years=tuple(sorted(data["school_years"])),
            source=data.get("source", ""),
        )

    def covers(self, day: date) -> bool:
        return school_year_of(day) in self.school_years

    def covered_calendar_years(self) -> set[int]:
        years = set()
        for school_year in self.school_years:
            start, end = school_year.split("-")
            years.update({int(start), int(end)})
        return years

    def check(self, day: date, region: str) -> HolidayCheck:
        """Whether ``day`` falls in a school holiday of ``region`` (noord/midden/zuid or
        north/middle/south)."""
        region = REGION_KEYS.get(region, region)
        for holiday in self.holidays:
            if holiday.region == region and day in holiday:
                return HolidayCheck(day=day, holiday=holiday, school_year=holiday.school_year)
        school_year = school_year_of(day)
        if not self.covers(day):
            return HolidayCheck(
                day=day,
                covered=False,
                school_year=school_year,
                year_known=day.year in self.covered_calendar_years(),
            )
        return HolidayCheck(day=day, school_year=school_year)


@cache
def table() -> HolidayTable:
    """The table from the data file, read once."""
    return HolidayTable.from_dict(json.loads(DATA_FILE.read_text(encoding="utf-8")))


def check(day: date, region: str) -> HolidayCheck:
    return table().check(day, region)


def warning_text(result: HolidayCheck) -> str:
    """The Dutch warning for a date, or "" when there is nothing to warn about."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    if result.holiday is not None:
        holiday = result.holiday
        values = {
            "name": holiday.name,
            "first": date_format(holiday.first, "j F"),
            "last": date_format(holiday.last, "j F Y"),
        }
        if holiday.advisory:
            return (
                _(
                    "Valt in de %(name)s (%(first)s tot en met %(last)s). Dit is een "
                    "adviesweek: kijk of de scholen bij u die week vrij zijn."
                )
                % values
            )
        return _("Valt in de %(name)s (%(first)s tot en met %(last)s).") % values
    if not result.covered:
        if not result.year_known:
            return _(
                "Voor %(year)s hebben we geen vakantiedata; kijk zelf of er een schoolvakantie is."
            ) % {"year": result.day.year}
        return _(
            "Voor schooljaar %(school_year)s hebben we geen vakantiedata; kijk zelf of er een "
            "schoolvakantie is."
        ) % {"school_year": result.school_year}
    return ""
