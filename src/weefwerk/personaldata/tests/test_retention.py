"""Retention: closed_at, the due date, the daily command and its idempotence."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from weefwerk.networkmap.models import Element
from weefwerk.people.models import ImportBatch, Person
from weefwerk.personaldata import audit, services
from weefwerk.personaldata.models import AuditEntry
from weefwerk.personaldata.tests.conftest import EMAIL, NAME
from weefwerk.personaldata.tests.helpers import database_content, traces
from weefwerk.trajectories.forms import TrajectoryForm
from weefwerk.trajectories.models import Trajectory, add_months
from weefwerk.workshop.models import Note


def close(trajectory, *, months_ago: int):
    trajectory.status = Trajectory.Status.CLOSED
    trajectory.save()
    closed_at = add_months(timezone.now(), -months_ago)
    Trajectory.objects.filter(pk=trajectory.pk).update(closed_at=closed_at)
    trajectory.refresh_from_db()
    return trajectory


def test_closed_at_follows_the_status(trajectory):
    assert trajectory.closed_at is None and trajectory.retention_months == 12
    trajectory.status = Trajectory.Status.CLOSED
    trajectory.save()
    first = trajectory.closed_at
    assert first is not None
    trajectory.save()
    assert trajectory.closed_at == first  # saving again keeps the moment it was closed
    trajectory.status = Trajectory.Status.FOLLOW_UP
    trajectory.save(update_fields=["status"])
    trajectory.refresh_from_db()
    assert trajectory.closed_at is None


def test_add_months():
    moment = datetime(2030, 1, 31, 12, 0, tzinfo=UTC)
    assert add_months(moment, 1) == datetime(2030, 2, 28, 12, 0, tzinfo=UTC)
    assert add_months(moment, 12) == datetime(2031, 1, 31, 12, 0, tzinfo=UTC)
    assert add_months(moment, -2) == datetime(2029, 11, 30, 12, 0, tzinfo=UTC)


def test_retention_is_in_the_edit_form(trajectory):
    form = TrajectoryForm(
        {
            "name": trajectory.name,
            "municipality": "Testdorp",
            "approach": trajectory.approach,
            "status": "closed",
            "retention_months": "0",
        },
        instance=trajectory,
    )
    assert not form.is_valid() and "retention_months" in form.errors


def test_not_due_before_the_period_ends(world, trajectory):
    close(trajectory, months_ago=11)
    assert services.due_trajectories() == []
    assert services.apply_retention().trajectories == []
    assert Person.objects.filter(name=NAME).exists()


def test_running_trajectory_is_never_due(world, trajectory):
    trajectory.retention_months = 1
    trajectory.save()
    Trajectory.objects.filter(pk=trajectory.pk).update(
        closed_at=timezone.now() - timedelta(days=400)
    )
    assert services.due_trajectories() == []  # status is not closed


def test_command_anonymises_and_second_run_changes_nothing(world, trajectory, facilitator):
    Element.objects.create(trajectory=trajectory, kind="person", label="Kees Onbekend")
    close(trajectory, months_ago=13)
    old = AuditEntry.objects.create(action="viewed", trajectory=trajectory)
    AuditEntry.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=200))

    call_command("apply_retention", stdout=open("/dev/null", "w"))  # noqa: SIM115

    trajectory.refresh_from_db()
    assert trajectory.personal_data_anonymised_at is not None
    assert not trajectory.people.exists()
    assert not ImportBatch.objects.filter(trajectory=trajectory).exists()
    assert Note.objects.filter(text="Meer samenwerken", person__isnull=True).exists()
    assert list(Element.objects.filter(kind="person").values_list("label", flat=True)) == [
        "anonieme deelnemer 1"
    ]
    assert traces(NAME, EMAIL, "Kees Onbekend") == []
    assert not AuditEntry.objects.filter(pk=old.pk).exists()
    assert AuditEntry.objects.filter(action="anonymised", trajectory=trajectory).count() == 1
    assert AuditEntry.objects.filter(action="retention").count() == 1

    before = database_content()
    call_command("apply_retention", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert database_content() == before


def test_facilitators_keep_access_after_retention(world, trajectory, facilitator):
    Person.objects.create(trajectory=trajectory, name="Fenna", user=facilitator)
    close(trajectory, months_ago=24)
    services.apply_retention()
    assert trajectory.memberships.filter(user=facilitator).exists()
    facilitator.refresh_from_db()
    assert facilitator.is_active


def test_audit_lines_older_than_six_months_are_purged(trajectory):
    audit.record(action=audit.VIEWED, trajectory=trajectory)
    stale = audit.record(action=audit.VIEWED, trajectory=trajectory)
    AuditEntry.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(days=190))
    result = services.apply_retention()
    assert result.audit_purged == 1
    assert AuditEntry.objects.filter(action="viewed").count() == 1


@pytest.mark.parametrize("argument", ["--date=2031-13-01", "--date=gisteren"])
def test_command_rejects_a_bad_date(argument):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("apply_retention", argument)


def test_overview_shows_when_data_will_be_anonymised(facilitator_client, trajectory):
    from django.urls import reverse

    url = reverse("trajectories:overview", args=[trajectory.pk])
    assert (
        "12 maanden nadat het traject is afgesloten" in facilitator_client.get(url).content.decode()
    )
    close(trajectory, months_ago=1)
    due = timezone.localtime(trajectory.retention_due_at)
    page = facilitator_client.get(url).content.decode()
    assert f"Op {due.day} " in page and "maakt Weefwerk de gegevens van personen anoniem" in page
