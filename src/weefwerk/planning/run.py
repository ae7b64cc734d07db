"""Run mode: moving through the agenda during a session, and re-shaving when it runs late."""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from weefwerk.engine.agenda import ShaveError, shave
from weefwerk.planning.models import AgendaItem, MeetingRun
from weefwerk.planning.services import agenda_changed


@dataclass
class RunState:
    run: MeetingRun
    items: list[AgendaItem]
    index: int  # of the current item in ``items``
    now: datetime

    @property
    def current(self) -> AgendaItem | None:
        return self.items[self.index] if 0 <= self.index < len(self.items) else None

    @property
    def next(self) -> AgendaItem | None:
        return self.items[self.index + 1] if self.index + 1 < len(self.items) else None

    @property
    def item_ends_at(self) -> datetime:
        minutes = self.current.minutes if self.current else 0
        return self.run.item_started_at + timedelta(minutes=minutes)

    @property
    def remaining_items(self) -> list[AgendaItem]:
        return self.items[self.index + 1 :]

    @property
    def projected_end(self) -> datetime:
        """The current item ends as planned (or now, when it overran); the rest as planned."""
        end = max(self.item_ends_at, self.now)
        return end + timedelta(minutes=sum(item.minutes for item in self.remaining_items))

    @property
    def late_minutes(self) -> int:
        # Whole minutes only: a few seconds spent on a zero-minute welcome is not "late".
        late = (self.projected_end - self.run.ends_at).total_seconds() // 60
        return max(0, int(late))

    def schedule(self) -> list[tuple[AgendaItem, datetime]]:
        """Clock times of the remaining items from the projected end of the current one."""
        clock = max(self.item_ends_at, self.now)
        rows = []
        for item in self.remaining_items:
            rows.append((item, clock))
            clock += timedelta(minutes=item.minutes)
        return rows


def run_state(meeting, now=None) -> RunState | None:
    run = MeetingRun.objects.filter(meeting=meeting, finished_at__isnull=True).first()
    if run is None:
        return None
    items = list(meeting.agenda_items.all())
    ids = [item.pk for item in items]
    index = ids.index(run.current_item_id) if run.current_item_id in ids else len(items)
    return RunState(run=run, items=items, index=index, now=now or timezone.now())


@transaction.atomic
def run_start(meeting, now=None) -> MeetingRun:
    """Starts (or restarts) run mode at the first item; the end is fixed from the plan."""
    now = now or timezone.now()
    first = meeting.agenda_items.first()
    MeetingRun.objects.filter(meeting=meeting).delete()
    return MeetingRun.objects.create(
        meeting=meeting,
        started_at=now,
        ends_at=now + timedelta(minutes=meeting.planned_minutes),
        current_item=first,
        item_started_at=now,
    )


@transaction.atomic
def run_step(meeting, offset: int, now=None) -> RunState | None:
    """Goes to the next (+1) or previous (-1) item; past the last item the run finishes."""
    state = run_state(meeting, now)
    if state is None:
        return None
    target = state.index + offset
    run = state.run
    if target >= len(state.items):
        run.finished_at = state.now
        run.current_item = None
    elif target >= 0:
        run.current_item = state.items[target]
    run.item_started_at = state.now
    run.save()
    return run_state(meeting, state.now)


@transaction.atomic
def run_reshave(meeting, now=None) -> list[tuple[AgendaItem, int]]:
    """Shaves the items after the current one so that the session still ends on time.

    The current item keeps the time it still has (none when it already overran).
    Raises ShaveError when even the shortest agenda would not fit.
    """
    state = run_state(meeting, now)
    if state is None or not state.remaining_items:
        return []
    current = state.current
    if current is not None and state.now > state.item_ends_at:
        # It overran: record how long it really took, so the agenda shows what happened.
        elapsed = (state.now - state.run.item_started_at).total_seconds() / 60
        current.minutes = math.ceil(elapsed)
        current.save(update_fields=["minutes"])
    free_from = max(state.item_ends_at, state.now)
    target = math.floor((state.run.ends_at - free_from).total_seconds() / 60)
    if target < 0:
        raise ShaveError("De tijd is al om: er is geen tijd meer voor de volgende punten.")
    items = state.remaining_items
    new_minutes = shave([(item.minutes, item.fixed) for item in items], target)
    for item, minutes in zip(items, new_minutes, strict=True):
        item.minutes = minutes
    AgendaItem.objects.bulk_update(items, ["minutes"])
    agenda_changed(meeting)
    return list(zip(items, new_minutes, strict=True))
