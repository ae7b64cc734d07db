"""Reminder e-mails: before each follow-up meeting and when an agreement's date has passed.

Idempotent: the :class:`SentReminder` row is inserted *before* the mail is sent, and its unique
constraint lets only one run insert it. A second run (or a run at the same moment on another
machine) gets an IntegrityError and sends nothing. When sending fails the row is removed, so
the next run tries again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from weefwerk.actions import links, selectors
from weefwerk.actions.models import ActionStatus, Agreement, SentReminder
from weefwerk.people.models import Person
from weefwerk.trajectories.models import Meeting

logger = logging.getLogger(__name__)

DEFAULT_DAYS_AHEAD = 7
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def days_ahead() -> int:
    return getattr(settings, "ACTIONS_REMINDER_DAYS_AHEAD", DEFAULT_DAYS_AHEAD)


def base_url() -> str:
    return getattr(settings, "WEEFWERK_BASE_URL", "") or DEFAULT_BASE_URL


@dataclass
class ReminderRun:
    sent: list[SentReminder] = field(default_factory=list)
    skipped: int = 0  # already sent earlier (or by a run at the same moment)
    failed: int = 0


def send_reminders(
    *, today: date | None = None, days: int | None = None, site_url: str | None = None
) -> ReminderRun:
    """Send every reminder that is due on ``today``; safe to run as often as you like."""
    today = today or timezone.localdate()
    days = days_ahead() if days is None else days
    site_url = (site_url or base_url()).rstrip("/")
    run = ReminderRun()
    with translation.override(settings.LANGUAGE_CODE):
        for meeting in _meetings_soon(today, days):
            day = timezone.localtime(meeting.starts_at).date()
            owners = {}
            for action in selectors.actions_for_meeting(meeting):
                for owner in action.agreement.owners.all():
                    owners.setdefault(owner.pk, (owner, []))[1].append(action.agreement)
            for person, agreements in owners.values():
                _send_once(
                    run,
                    kind=SentReminder.Kind.MEETING,
                    person=person,
                    for_date=day,
                    meeting=meeting,
                    subject=_("Vertel hoe het gaat: %(meeting)s op %(date)s")
                    % {"meeting": meeting.title, "date": date_format(day, "j F")},
                    body=_meeting_body(person, meeting, day, agreements, site_url),
                )
        for agreement in _agreements_overdue(today):
            for person in agreement.owners.all():
                _send_once(
                    run,
                    kind=SentReminder.Kind.DUE,
                    person=person,
                    for_date=agreement.due_date,
                    agreement=agreement,
                    subject=_("De datum van je afspraak is voorbij: %(what)s")
                    % {"what": agreement.what[:80]},
                    body=_due_body(person, agreement, site_url),
                )
    return run


def _meetings_soon(today: date, days: int):
    """Planned follow-up meetings from today up to ``days`` days ahead."""
    start = timezone.make_aware(datetime.combine(today, time.min))
    end = start + timedelta(days=days + 1)
    return (
        Meeting.objects.filter(
            template_key__startswith=selectors.FOLLOWUP_PREFIX,
            status=Meeting.Status.PLANNED,
            starts_at__gte=start,
            starts_at__lt=end,
        )
        .select_related("trajectory")
        .order_by("starts_at", "pk")
    )


def _agreements_overdue(today: date):
    return (
        Agreement.objects.filter(due_date__lt=today)
        .exclude(status=ActionStatus.DONE)
        .select_related("trajectory")
        .prefetch_related("owners__trajectory")
        .order_by("due_date", "pk")
    )


def _send_once(run: ReminderRun, *, kind, person: Person, for_date, subject, body, **about):
    if not person.email:
        return
    try:
        with transaction.atomic():
            row = SentReminder.objects.create(kind=kind, person=person, for_date=for_date, **about)
    except IntegrityError:
        run.skipped += 1
        return
    try:
        send_mail(subject, body, None, [person.email])
    except Exception:  # the mail server refused: forget the row, the next run tries again
        logger.exception("reminder %s to person %s failed", kind, person.pk)
        row.delete()
        run.failed += 1
        return
    run.sent.append(row)


def _link(person: Person, site_url: str) -> str:
    return site_url + links.person_path(person)


def _meeting_body(person, meeting, day, agreements, site_url) -> str:
    lines = "\n".join(f"- {agreement.what}" for agreement in agreements)
    return _(
        "Beste %(name)s,\n\nOp %(date)s is %(meeting)s. Daar vertel je hoe het gaat met jouw "
        "afspraken:\n%(lines)s\n\nWil je vooraf de vier vragen invullen? Dat kan via je "
        "persoonlijke link:\n%(url)s\n\n- Wat heb ik al kunnen doen?\n- Wat gaat goed, en hoe "
        "staat het ervoor?\n- Wat lukt nog niet, en waarom?\n- Wat heb ik van jullie of anderen "
        "nodig?\n\nDeel deze link niet met anderen.\n"
    ) % {
        "name": person.name,
        "date": date_format(day, "l j F"),
        "meeting": meeting.title,
        "lines": lines,
        "url": _link(person, site_url),
    }


def _due_body(person, agreement, site_url) -> str:
    return _(
        "Beste %(name)s,\n\nDe afspraak „%(what)s” zou klaar zijn op %(date)s. Hoe staat het "
        "ervoor? Vertel het via je persoonlijke link:\n%(url)s\n\nIs de afspraak klaar? Kies "
        "dan de status ‘Klaar’. Loopt het vast? Zeg het ook: dan kan de groep helpen.\n"
    ) % {
        "name": person.name,
        "what": agreement.what,
        "date": date_format(agreement.due_date, "j F Y"),
        "url": _link(person, site_url),
    }
