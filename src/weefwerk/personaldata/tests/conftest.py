"""A person with data in every app: Marit Zonnebloem, linked to an account of her own."""

import datetime

import pytest
from django.apps import apps

from weefwerk.people.models import Organisation, Person
from weefwerk.trajectories.models import Membership, Role
from weefwerk.trajectories.tests.factories import MeetingFactory, UserFactory

NAME = "Marit Zonnebloem"
EMAIL = "marit.zonnebloem@voorbeeld.example"


def build_world(trajectory, facilitator):
    """Marit and a colleague, with a row in every model that points at a person."""
    from weefwerk.actions.models import (
        ActionUpdate,
        Agreement,
        ChangeWish,
        Commitment,
        SentReminder,
        WishVote,
    )
    from weefwerk.cases.models import Case, CaseDiscussion
    from weefwerk.grouping.models import Attendance, Encounter, Group, GroupMember, GroupRound
    from weefwerk.networkmap.models import Connection, Element, Snapshot
    from weefwerk.people.models import ImportBatch
    from weefwerk.planning.models import AgendaItem, Homework, HomeworkAnswer
    from weefwerk.workshop.models import Assignment, Note, Participant, Vote

    account = UserFactory(email=EMAIL, full_name=NAME)
    Membership.objects.create(trajectory=trajectory, user=account, role=Role.PARTICIPANT)
    organisation = Organisation.objects.create(trajectory=trajectory, name="Voedselbank Testdorp")
    marit = Person.objects.create(
        trajectory=trajectory,
        name=NAME,
        email=EMAIL,
        phone="06 12345678",
        function="Coördinator",
        organisation=organisation,
        user=account,
        is_expert=True,
    )
    marit.domains.set(trajectory.domains.all()[:1])
    other = Person.objects.create(trajectory=trajectory, name="Bas Berkhout", email="bas@x.example")
    meeting = MeetingFactory(trajectory=trajectory, number=1, title="Kennismaken")
    item = AgendaItem.objects.create(meeting=meeting, title="Groepsgesprek")
    homework = Homework.objects.create(meeting=meeting, title="Huiswerk", text="Bel iemand")
    HomeworkAnswer.objects.create(homework=homework, person=marit, text=f"Ik, {NAME}, belde Bas")
    Attendance.objects.create(meeting=meeting, person=marit)
    Attendance.objects.create(meeting=meeting, person=other, replaced_by=marit)
    first, second = sorted([marit, other], key=lambda p: p.pk)
    Encounter.objects.create(
        trajectory=trajectory,
        person_a=first,
        person_b=second,
        first_meeting=meeting,
        source="group",
    )
    round_ = GroupRound.objects.create(agenda_item=item, max_size=4)
    group = Group.objects.create(round=round_, number=1)
    GroupMember.objects.create(group=group, person=marit)
    GroupMember.objects.create(group=group, person=other)
    own = Element.objects.create(trajectory=trajectory, kind="person", label=NAME, person=marit)
    org = Element.objects.create(
        trajectory=trajectory,
        kind="organisation",
        label="Voedselbank",
        reported_by=marit,
        description=f"Contact via {EMAIL}",
    )
    Connection.objects.create(trajectory=trajectory, source=own, target=org, reported_by=marit)
    Connection.objects.create(
        trajectory=trajectory,
        source=org,
        target=Element.objects.create(
            trajectory=trajectory, kind="organisation", label="Schuldhulp"
        ),
        reported_by=marit,
        note=f"Volgens {NAME.upper()}",
    )
    Snapshot.objects.create(
        trajectory=trajectory,
        name="Na bijeenkomst 1",
        data={"elements": [{"label": NAME, "extra": {"email": EMAIL}}, {"label": "Voedselbank"}]},
    )
    ImportBatch.objects.create(
        trajectory=trajectory,
        created_by=facilitator,
        filename="personen.csv",
        kind="people",
        rows={"people": [{"name": NAME, "fields": {"email": EMAIL}}]},
    )
    assignment = Assignment.objects.create(meeting=meeting, agenda_item=item, title="Stickies")
    participant = Participant.objects.create(meeting=meeting, person=marit)
    kept_note = Note.objects.create(
        assignment=assignment, person=marit, participant=participant, text="Meer samenwerken"
    )
    phone_note = Note.objects.create(
        assignment=assignment, participant=participant, text=f"Vraag het {NAME}"
    )
    other_note = Note.objects.create(assignment=assignment, person=other, text="Eerder signaleren")
    Vote.objects.create(assignment=assignment, participant=participant, note=other_note)
    wish = ChangeWish.objects.create(trajectory=trajectory, text=f"Als we nu eens {NAME} vragen")
    wish.raised_by.set([marit])
    wish.owners.set([marit, other])
    WishVote.objects.create(wish=wish, person=marit)
    agreement = Agreement.objects.create(trajectory=trajectory, what="Samen een folder")
    agreement.owners.set([marit])
    Commitment.objects.create(agreement=agreement, person=marit)
    update = ActionUpdate.objects.create(
        agreement=agreement, person=marit, status="under_way", what_i_did="Folder ontworpen"
    )
    SentReminder.objects.create(
        kind="due", agreement=agreement, person=marit, for_date=datetime.date(2030, 1, 1)
    )
    case = Case.objects.create(
        trajectory=trajectory,
        title="Gezin met schulden",
        description="Een casus",
        created_by=account,
    )
    CaseDiscussion.objects.create(case=case, group_label="Groep 1", created_by=account)
    try:
        ManagerUpdate = apps.get_model("reports", "ManagerUpdate")
    except LookupError:
        ManagerUpdate = None
    if ManagerUpdate is not None:
        ManagerUpdate.objects.create(
            trajectory=trajectory, person=marit, key="manual-1", reason="manual", email=EMAIL
        )
    return {
        "marit": marit,
        "account": account,
        "other": other,
        "meeting": meeting,
        "kept_note": kept_note,
        "phone_note": phone_note,
        "other_note": other_note,
        "update": update,
        "wish": wish,
        "agreement": agreement,
        "org_element": org,
        "case": case,
    }


@pytest.fixture
def world(trajectory, facilitator):
    return build_world(trajectory, facilitator)


@pytest.fixture
def participant(trajectory):
    user = UserFactory()
    Membership.objects.create(trajectory=trajectory, user=user, role=Role.PARTICIPANT)
    return user
