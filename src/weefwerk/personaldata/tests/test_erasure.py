"""Erasure on request: no trace of the name or e-mail address anywhere in the database."""

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from weefwerk.actions.models import ActionUpdate, ChangeWish, Commitment
from weefwerk.grouping.models import Attendance, Encounter, GroupMember
from weefwerk.networkmap.models import Connection, Element
from weefwerk.people.models import Person
from weefwerk.personaldata import services
from weefwerk.personaldata.models import AuditEntry
from weefwerk.personaldata.tests.conftest import EMAIL, NAME
from weefwerk.personaldata.tests.helpers import traces
from weefwerk.trajectories.models import Membership, Role
from weefwerk.trajectories.tests.factories import make_trajectory
from weefwerk.workshop.models import Note, Participant, Vote


def test_world_holds_the_name_in_many_places(world):
    assert len(traces(NAME, EMAIL)) > 10  # the search below would find them


def test_no_trace_after_erasure_through_the_page(world, trajectory, facilitator, client):
    # Marit uses Weefwerk herself: logs in, looks at her data; an admin once edited her.
    client.force_login(world["account"])
    assert (
        client.get(reverse("personaldata_account:mine_download", args=["json"])).status_code == 200
    )
    client.logout()
    LogEntry.objects.create(
        user=facilitator,
        content_type=ContentType.objects.get_for_model(Person),
        object_id=str(world["marit"].pk),
        object_repr=NAME,
        action_flag=ADDITION,
        change_message=f"Added {NAME} <{EMAIL}>",
    )
    client.force_login(facilitator)
    url = reverse("personaldata:person_erase", args=[trajectory.pk, world["marit"].pk])
    response = client.post(url, {"notes": "keep"})
    assert response.status_code == 302, response.content.decode()[:2000]

    assert traces(NAME, EMAIL) == []
    assert traces("Zonnebloem", "marit.zonnebloem") == []  # no part of it either


def test_keeping_notes_keeps_their_text_without_the_person(world):
    result = services.erase_person(world["marit"], keep_notes=True)
    kept = Note.objects.get(pk=world["kept_note"].pk)
    assert kept.text == "Meer samenwerken"
    assert kept.person is None and kept.participant is None
    phone = Note.objects.get(pk=world["phone_note"].pk)
    assert phone.text == "Vraag het anonieme deelnemer"
    assert ActionUpdate.objects.get(pk=world["update"].pk).person is None
    assert result.notes_kept == 4 and result.notes_removed == 0


def test_not_keeping_notes_removes_them(world):
    result = services.erase_person(world["marit"], keep_notes=False)
    assert not Note.objects.filter(pk__in=[world["kept_note"].pk, world["phone_note"].pk]).exists()
    assert not ActionUpdate.objects.filter(pk=world["update"].pk).exists()
    assert Note.objects.filter(pk=world["other_note"].pk).exists()  # someone else's note
    assert result.notes_removed == 3  # two notes and one progress update


def test_everything_else_removed_or_unlinked(world, trajectory):
    other = world["other"]
    services.erase_person(world["marit"], keep_notes=True)
    assert not Person.objects.filter(name=NAME).exists()
    assert not Encounter.objects.exists()
    assert list(GroupMember.objects.values_list("person", flat=True)) == [other.pk]
    assert Attendance.objects.get().person == other
    assert Attendance.objects.get().replaced_by is None
    assert not Participant.objects.filter(person__isnull=True, meeting=world["meeting"]).exists()
    assert not Vote.objects.exists()
    assert not Commitment.objects.exists()
    assert not Element.objects.filter(kind="person").exists()
    org = Element.objects.get(pk=world["org_element"].pk)
    assert org.reported_by is None
    assert "[e-mailadres verwijderd]" in org.description
    assert not Connection.objects.filter(reported_by__isnull=False).exists()
    assert Connection.objects.get().note == "Volgens anonieme deelnemer"
    wish = ChangeWish.objects.get(pk=world["wish"].pk)
    assert list(wish.owners.all()) == [other] and not wish.raised_by.exists()
    assert wish.text == "Als we nu eens anonieme deelnemer vragen"
    assert not world["agreement"].owners.exists()
    # The colleague is untouched.
    other.refresh_from_db()
    assert other.name == "Bas Berkhout" and other.email == "bas@x.example"
    case = world["case"]
    case.refresh_from_db()
    assert case.created_by is None and case.description == "Een casus"


def test_account_without_other_trajectory_is_deactivated(world, trajectory):
    services.erase_person(world["marit"], keep_notes=True)
    account = world["account"]
    account.refresh_from_db()
    assert not account.is_active and account.full_name == ""
    assert account.email.endswith("@example.invalid") and not account.has_usable_password()
    assert not Membership.objects.filter(user=account).exists()


def test_account_with_another_trajectory_stays(world, trajectory, facilitator):
    second = make_trajectory(user=facilitator, name="Tweede traject")
    Membership.objects.create(trajectory=second, user=world["account"], role=Role.PARTICIPANT)
    result = services.erase_person(world["marit"], keep_notes=True)
    account = world["account"]
    account.refresh_from_db()
    assert account.is_active and account.email == EMAIL and not result.account_deactivated
    assert list(Membership.objects.filter(user=account).values_list("trajectory", flat=True)) == [
        second.pk
    ]


def test_one_audit_line_without_the_name(world, trajectory, facilitator):
    services.erase_person(world["marit"], keep_notes=False, user=facilitator)
    entry = AuditEntry.objects.get(action="erased")
    assert entry.user == facilitator and entry.trajectory == trajectory
    assert entry.object_type == "people.person" and entry.object_id == str(world["marit"].pk)
    assert NAME not in entry.description and "Marit" not in entry.description
    # The erasure writes no separate "deleted" line per row.
    assert not AuditEntry.objects.filter(action="deleted").exists()


def test_last_facilitator_cannot_be_erased(trajectory, facilitator):
    person = Person.objects.create(trajectory=trajectory, name="Fenna", user=facilitator)
    with pytest.raises(services.ErasureError):
        services.erase_person(person, keep_notes=True)
    assert Person.objects.filter(pk=person.pk).exists()


def test_short_names_are_not_replaced_inside_words(trajectory):
    person = Person.objects.create(trajectory=trajectory, name="Jo")
    wish = ChangeWish.objects.create(trajectory=trajectory, text="Johan en Jo bellen")
    services.erase_person(person, keep_notes=True)
    wish.refresh_from_db()
    assert wish.text == "Johan en Jo bellen"  # two letters: too short to look for safely


def test_whole_words_only(trajectory):
    person = Person.objects.create(trajectory=trajectory, name="Anna Smit")
    wish = ChangeWish.objects.create(
        trajectory=trajectory, text="Anna Smitsen en anna smit, Anna Smit."
    )
    services.erase_person(person, keep_notes=True)
    wish.refresh_from_db()
    assert wish.text == "Anna Smitsen en anonieme deelnemer, anonieme deelnemer."
