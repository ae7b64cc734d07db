"""The managers' update by e-mail: a personal link to a short document, on the rhythm each
manager asked for (``Person.inform_frequency``).

- every_session: after a session is newly marked held (once per held session, the latest);
- monthly and quarterly: once per calendar month or quarter while the trajectory runs;
- at_end: once, when the trajectory is closed.

Only managers who want to hear by e-mail or through the report (or did not say) get mail from
the daily command; for managers who asked for a conversation or a phone call the project team
uses the preview and presses Verstuur when it suits them.

Idempotent like the reminders of the actions app: the :class:`ManagerUpdate` row is inserted
*before* the mail is sent, its unique constraint lets only one run insert it, and it is removed
again when sending fails so the next run tries again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from weefwerk.people.models import InformChannel, InformFrequency, Person
from weefwerk.reports.links import manager_path
from weefwerk.reports.models import ManagerUpdate
from weefwerk.trajectories.models import Meeting, Trajectory

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "http://127.0.0.1:8000"
BY_MAIL = ("", InformChannel.EMAIL, InformChannel.REPORT)


def base_url() -> str:
    return getattr(settings, "WEEFWERK_BASE_URL", "") or DEFAULT_BASE_URL


@dataclass
class UpdateRun:
    sent: list[ManagerUpdate] = field(default_factory=list)
    skipped: int = 0  # already sent for this moment (or by a run at the same moment)
    failed: int = 0


def due_key(person: Person, today: date) -> str | None:
    """What an update for ``person`` today would be for, or None when none is due."""
    trajectory = person.trajectory
    frequency = person.inform_frequency
    closed = trajectory.status == Trajectory.Status.CLOSED
    if frequency == InformFrequency.AT_END:
        return "end" if closed else None
    if closed:
        return None
    if frequency == InformFrequency.EVERY_SESSION:
        latest = (
            trajectory.meetings.filter(status=Meeting.Status.HELD)
            .order_by("-starts_at", "-number", "-pk")
            .first()
        )
        return f"session-{latest.pk}" if latest else None
    if trajectory.status == Trajectory.Status.PREPARING:
        return None
    if frequency == InformFrequency.MONTHLY:
        return f"month-{today:%Y-%m}"
    if frequency == InformFrequency.QUARTERLY:
        return f"quarter-{today.year}-{(today.month - 1) // 3 + 1}"
    return None


def send_manager_updates(*, today: date | None = None, site_url: str | None = None) -> UpdateRun:
    """Send every update that is due today; safe to run as often as you like."""
    today = today or timezone.localdate()
    site_url = (site_url or base_url()).rstrip("/")
    run = UpdateRun()
    people = (
        Person.objects.filter(is_manager=True, inform_channel__in=BY_MAIL)
        .exclude(email="")
        .exclude(inform_frequency="")
        .select_related("trajectory", "organisation")
        .order_by("trajectory_id", "name", "pk")
    )
    with translation.override(settings.LANGUAGE_CODE):
        for person in people:
            key = due_key(person, today)
            if key is None:
                continue
            send_update(person, key=key, reason=person.inform_frequency, site_url=site_url, run=run)
    return run


def send_now(person: Person, *, user, site_url: str) -> ManagerUpdate | None:
    """The project team pressed Verstuur: send the update now, whatever the rhythm."""
    run = UpdateRun()
    key = f"manual-{timezone.now():%Y%m%d%H%M%S%f}"
    send_update(
        person,
        key=key,
        reason=ManagerUpdate.Reason.MANUAL,
        site_url=site_url,
        run=run,
        user=user,
    )
    return run.sent[0] if run.sent else None


def send_update(person: Person, *, key: str, reason: str, site_url: str, run: UpdateRun, user=None):
    if not person.email:
        return
    try:
        with transaction.atomic():
            row = ManagerUpdate.objects.create(
                trajectory=person.trajectory,
                person=person,
                key=key,
                reason=reason,
                email=person.email,
                sent_by=user,
            )
    except IntegrityError:
        run.skipped += 1
        return
    try:
        send_mail(_subject(person), _body(person, site_url), None, [person.email])
    except Exception:  # the mail server refused: forget the row, the next run tries again
        logger.exception("manager update %s to person %s failed", key, person.pk)
        row.delete()
        run.failed += 1
        return
    run.sent.append(row)


def _subject(person: Person) -> str:
    return _("Stand van zaken: %(trajectory)s") % {"trajectory": person.trajectory.name}


def _body(person: Person, site_url: str) -> str:
    return _(
        "Beste %(name)s,\n\nU wilde op de hoogte blijven van %(trajectory)s. Via deze "
        "persoonlijke link leest u hoe het ervoor staat: de bijeenkomsten, de afspraken waar "
        "uw organisatie bij betrokken is en wat de deelnemers nodig hebben. U kunt het ook als "
        "PDF of Word downloaden. U hebt geen account nodig.\n\n%(url)s\n\nDeel deze link niet "
        "met anderen.\n"
    ) % {
        "name": person.name,
        "trajectory": person.trajectory.name,
        "url": site_url + manager_path(person),
    }
