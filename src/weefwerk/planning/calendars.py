"""Calendar files (iCalendar, RFC 5545): one .ics per session and a feed per trajectory.

The first half builds the file from plain data (``CalendarEvent``); the second half turns
sessions into that data. What calendar programs need to update an event instead of adding a
second one:

- a UID that never changes for a session: its primary key plus ``CALENDAR_UID_DOMAIN``, never
  the trajectory's feed token (that can be reset);
- a SEQUENCE that rises with every change (``Meeting.calendar_sequence``);
- times with TZID=Europe/Amsterdam and the matching VTIMEZONE definition in the same file.

A cancelled session stays in the file with STATUS:CANCELLED; sessions without a date are left out.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from weefwerk.planning.selectors import timed_agenda
from weefwerk.trajectories.models import Meeting, Trajectory

TZID = "Europe/Amsterdam"
AMSTERDAM = ZoneInfo(TZID)
PRODID = "-//Weefwerk//Weefwerk//NL"
# How often a subscribed calendar should fetch the feed again.
REFRESH = timedelta(hours=1)


@dataclass(frozen=True)
class AgendaLine:
    start: datetime
    end: datetime
    title: str
    text: str = ""


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    start: datetime  # aware
    end: datetime  # aware
    sequence: int = 0
    cancelled: bool = False
    location: str = ""
    description: str = ""
    url: str = ""


def amsterdam_timezone() -> icalendar.Timezone:
    """Europe/Amsterdam as a VTIMEZONE with the EU rules (as Outlook and Google write it)."""
    tz = icalendar.Timezone()
    tz.add("tzid", TZID)
    tz.add("x-lic-location", TZID)
    for kind, name, offset_from, offset_to, start, month in (
        (icalendar.TimezoneDaylight, "CEST", 1, 2, datetime(1970, 3, 29, 2, 0), 3),
        (icalendar.TimezoneStandard, "CET", 2, 1, datetime(1970, 10, 25, 3, 0), 10),
    ):
        part = kind()
        part.add("tzname", name)
        part.add("tzoffsetfrom", timedelta(hours=offset_from))
        part.add("tzoffsetto", timedelta(hours=offset_to))
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        tz.add_component(part)
    return tz


def build_calendar(
    events: list[CalendarEvent], *, name: str = "", method: str = "PUBLISH", feed: bool = False
) -> bytes:
    """The iCalendar file for ``events``; ``feed`` adds the hints for a subscribed calendar."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
    if feed:
        calendar.add("x-wr-timezone", TZID)
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", icalendar.vDuration(REFRESH))
    calendar.add_component(amsterdam_timezone())
    stamp = timezone.now().astimezone(ZoneInfo("UTC")).replace(microsecond=0)
    for data in events:
        calendar.add_component(_event(data, stamp))
    return calendar.to_ical()


def _event(data: CalendarEvent, stamp: datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", data.uid)
    event.add("dtstamp", stamp)
    event.add("sequence", data.sequence)
    event.add("summary", data.summary)
    event.add("dtstart", _local(data.start))
    event.add("dtend", _local(data.end))
    event.add("status", "CANCELLED" if data.cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if data.cancelled else "OPAQUE")
    if data.location:
        event.add("location", data.location)
    if data.description:
        event.add("description", data.description)
    if data.url:
        event.add("url", data.url)
    return event


def _local(moment: datetime) -> datetime:
    return moment.astimezone(AMSTERDAM).replace(second=0, microsecond=0)


def describe(
    *, goal: str = "", lines: Sequence[AgendaLine] = (), what_to_bring: str = "", url: str = ""
) -> str:
    """The event's DESCRIPTION: the agenda with clock times, as participants read it."""
    parts = []
    if goal:
        parts.append(_("Doel: %(goal)s") % {"goal": goal.strip()})
    if lines:
        agenda = [_("Agenda:")]
        for line in lines:
            clock = _clock(line.start)
            if line.end > line.start:
                clock = f"{clock}–{_clock(line.end)}"
            agenda.append(f"{clock}  {line.title}")
            if line.text:
                agenda.append(f"    {line.text.strip()}")
        parts.append("\n".join(agenda))
    if what_to_bring:
        parts.append(_("Neem mee: %(things)s") % {"things": what_to_bring.strip()})
    if url:
        parts.append(_("Meer informatie: %(url)s") % {"url": url})
    return "\n\n".join(parts)


def _clock(moment: datetime) -> str:
    return moment.astimezone(AMSTERDAM).strftime("%H:%M")


# --------------------------------------------------------------------------------------------
# From sessions to plain data.


def meeting_uid(meeting: Meeting) -> str:
    """Stable for the life of the session: no title, date or token in it."""
    return f"weefwerk-meeting-{meeting.pk}@{settings.CALENDAR_UID_DOMAIN}"


def meeting_event(meeting: Meeting, *, url: str = "") -> CalendarEvent | None:
    """The session as a calendar event, or None when it has no date yet."""
    if meeting.starts_at is None:
        return None
    lines = [
        AgendaLine(
            start=row.start, end=row.end, title=row.item.title, text=row.item.participant_text
        )
        for row in timed_agenda(meeting)
    ]
    cancelled = meeting.status == Meeting.Status.CANCELLED
    summary = meeting.title
    if cancelled:
        summary = _("Afgelast: %(title)s") % {"title": meeting.title}
    return CalendarEvent(
        uid=meeting_uid(meeting),
        summary=summary,
        start=meeting.starts_at,
        end=meeting.ends_at,
        sequence=meeting.calendar_sequence,
        cancelled=cancelled,
        location=meeting.location,
        description=describe(
            goal=meeting.goal, lines=lines, what_to_bring=meeting.what_to_bring, url=url
        ),
        url=url,
    )


def meeting_calendar(meeting: Meeting, *, url: str = "") -> bytes:
    """One session's .ics: METHOD:CANCEL when it is cancelled, so a calendar removes it."""
    event = meeting_event(meeting, url=url)
    cancelled = event is not None and event.cancelled
    return build_calendar(
        [event] if event else [],
        name=meeting.title,
        method="CANCEL" if cancelled else "PUBLISH",
    )


def trajectory_calendar(trajectory: Trajectory, *, url_for) -> bytes:
    """The feed: every session with a date; ``url_for(meeting)`` gives its page's address."""
    meetings = trajectory.meetings.filter(starts_at__isnull=False).prefetch_related("agenda_items")
    events = [meeting_event(meeting, url=url_for(meeting)) for meeting in meetings]
    return build_calendar(
        [event for event in events if event is not None],
        name=_("Weefwerk: %(name)s") % {"name": trajectory.name},
        feed=True,
    )
