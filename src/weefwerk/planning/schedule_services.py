"""Plan the dates of a trajectory's sessions in one go: a preview, then save.

The dates come from ``scheduling.plan_dates`` (pure); the holiday warnings from ``holidays``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from weefwerk.planning import holidays
from weefwerk.planning.scheduling import SeriesPlan
from weefwerk.trajectories.models import Meeting, Trajectory
from weefwerk.trajectories.services import meeting_update


@dataclass(frozen=True)
class ScheduleRow:
    meeting: Meeting
    new_start: datetime | None  # aware; None when the row only shows the current date
    old_start: datetime | None
    warning: str
    checked: bool = False  # whether the holiday check ran (a date and a region)

    @property
    def changed(self) -> bool:
        return self.new_start is not None and self.new_start != self.old_start


def schedulable_meetings(trajectory: Trajectory):
    """The sessions a series plan dates: not yet held and not cancelled, in order of number."""
    return trajectory.meetings.filter(status=Meeting.Status.PLANNED).order_by("number", "pk")


def holiday_warning(trajectory: Trajectory, when: datetime | None) -> str:
    """The warning for a session at ``when``; "" without a date or without a region."""
    if when is None or not trajectory.region:
        return ""
    day = timezone.localtime(when).date() if timezone.is_aware(when) else when.date()
    return holidays.warning_text(holidays.check(day, trajectory.region))


def schedule_preview(
    trajectory: Trajectory, plan: SeriesPlan, meetings: list[Meeting] | None = None
) -> list[ScheduleRow]:
    """One row per session with its new date, its old date and a holiday warning."""
    if meetings is None:
        meetings = list(schedulable_meetings(trajectory))
    starts = [timezone.make_aware(moment) for moment in plan.datetimes(len(meetings))]
    return [
        ScheduleRow(
            meeting=meeting,
            new_start=start,
            old_start=meeting.starts_at,
            warning=holiday_warning(trajectory, start),
            checked=bool(trajectory.region),
        )
        for meeting, start in zip(meetings, starts, strict=True)
    ]


def current_schedule(trajectory: Trajectory) -> list[ScheduleRow]:
    """Every session as it is planned now, with a holiday warning for the dated ones."""
    rows = []
    for meeting in trajectory.meetings.order_by("number", "pk"):
        checked = bool(
            trajectory.region and meeting.starts_at and meeting.status == Meeting.Status.PLANNED
        )
        rows.append(
            ScheduleRow(
                meeting=meeting,
                new_start=None,
                old_start=meeting.starts_at,
                warning=holiday_warning(trajectory, meeting.starts_at) if checked else "",
                checked=checked,
            )
        )
    return rows


@transaction.atomic
def series_schedule(
    trajectory: Trajectory, plan: SeriesPlan, meetings: list[Meeting] | None = None
) -> list[Meeting]:
    """Save the plan's dates on the sessions (by default every not yet held one).

    A session whose date changes gets a higher calendar sequence, so calendars update the
    event instead of adding a second one.
    """
    if meetings is None:
        meetings = list(schedulable_meetings(trajectory))
    meetings = list(Meeting.objects.select_for_update().filter(pk__in=[m.pk for m in meetings]))
    meetings.sort(key=lambda m: (m.number, m.pk))
    changed = []
    for row in schedule_preview(trajectory, plan, meetings):
        if not row.changed:
            continue
        changed.append(_set_start(row.meeting, row.new_start))
    return changed


def _set_start(meeting: Meeting, starts_at: datetime) -> Meeting:
    # meeting_update raises calendar_sequence when the date changes.
    return meeting_update(meeting, starts_at=starts_at)
