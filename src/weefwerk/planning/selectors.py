"""Reads of the planning app."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from weefwerk.planning.models import AgendaItem


@dataclass
class TimedItem:
    item: AgendaItem
    start: datetime | timedelta
    end: datetime | timedelta


def timed_agenda(meeting, items=None) -> list[TimedItem]:
    """Each item with its clock time, from the session's start (or from 0:00 without one)."""
    clock = meeting.starts_at or timedelta(0)
    timed = []
    for item in meeting.agenda_items.all() if items is None else items:
        end = clock + timedelta(minutes=item.minutes)
        timed.append(TimedItem(item=item, start=clock, end=end))
        clock = end
    return timed
