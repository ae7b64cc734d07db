from datetime import date, datetime, time

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from weefwerk.actions import reminders
from weefwerk.actions.models import SentReminder
from weefwerk.actions.tests.factories import make_agreement, make_person
from weefwerk.trajectories.models import Meeting


def aware(day, hour=14):
    return timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture
def followup(trajectory):
    return Meeting.objects.create(
        trajectory=trajectory,
        number=6,
        title="Vervolgontmoeting 1",
        template_key="followup-1",
        starts_at=aware(date(2030, 3, 12)),
    )


def test_reminder_before_a_followup_meeting_once(trajectory, sanne, ahmed, followup):
    make_agreement(trajectory, owners=[sanne, ahmed], what="Brieven op dinsdag")
    make_agreement(trajectory, owners=[sanne], what="Spreekuur op school")
    nobody_email = make_person(trajectory, "Zonder Mail", email="")
    make_agreement(trajectory, owners=[nobody_email])

    call_command("send_reminders", "--date", "2030-03-06", "--base-url", "https://ww.example")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ahmed@voorbeeld.example",
        "sanne@voorbeeld.example",
    ]
    to_sanne = next(m for m in mail.outbox if m.to == ["sanne@voorbeeld.example"])
    assert "Vervolgontmoeting 1" in to_sanne.subject
    assert "Brieven op dinsdag" in to_sanne.body and "Spreekuur op school" in to_sanne.body
    assert "https://ww.example/mijn-afspraken/" in to_sanne.body

    call_command("send_reminders", "--date", "2030-03-06")
    call_command("send_reminders", "--date", "2030-03-10")
    assert len(mail.outbox) == 2
    assert SentReminder.objects.filter(kind="meeting").count() == 2


def test_no_reminder_too_early_or_for_cancelled(trajectory, sanne, followup):
    make_agreement(trajectory, owners=[sanne])
    reminders.send_reminders(today=date(2030, 3, 1), days=7)
    assert mail.outbox == []
    followup.status = Meeting.Status.CANCELLED
    followup.save()
    reminders.send_reminders(today=date(2030, 3, 10), days=7)
    assert mail.outbox == []


def test_reminder_when_the_due_date_passed_once(trajectory, sanne):
    agreement = make_agreement(trajectory, owners=[sanne], due_date=date(2030, 4, 1))
    reminders.send_reminders(today=date(2030, 4, 1))
    assert mail.outbox == []  # on the day itself it has not passed yet
    run = reminders.send_reminders(today=date(2030, 4, 2))
    assert len(run.sent) == 1 and "voorbij" in mail.outbox[0].subject
    run = reminders.send_reminders(today=date(2030, 4, 3))
    assert run.sent == [] and run.skipped == 1
    assert len(mail.outbox) == 1
    # A new date is a new reminder; a done agreement gets none.
    agreement.due_date = date(2030, 5, 1)
    agreement.save()
    reminders.send_reminders(today=date(2030, 5, 2))
    assert len(mail.outbox) == 2
    agreement.due_date = date(2030, 6, 1)
    agreement.status = "done"
    agreement.save()
    reminders.send_reminders(today=date(2030, 6, 2))
    assert len(mail.outbox) == 2


def test_a_row_inserted_by_a_concurrent_run_means_no_mail(trajectory, sanne):
    """Insert first, then send: a run that finds the row already there sends nothing."""
    agreement = make_agreement(trajectory, owners=[sanne], due_date=date(2030, 4, 1))
    SentReminder.objects.create(
        kind=SentReminder.Kind.DUE, agreement=agreement, person=sanne, for_date=date(2030, 4, 1)
    )
    run = reminders.send_reminders(today=date(2030, 4, 2))
    assert run.skipped == 1 and mail.outbox == []


def test_a_failed_mail_is_tried_again(trajectory, sanne, monkeypatch):
    make_agreement(trajectory, owners=[sanne], due_date=date(2030, 4, 1))

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(reminders, "send_mail", broken)
    run = reminders.send_reminders(today=date(2030, 4, 2))
    assert run.failed == 1 and not SentReminder.objects.exists()
    monkeypatch.undo()
    run = reminders.send_reminders(today=date(2030, 4, 2))
    assert len(run.sent) == 1 and len(mail.outbox) == 1
