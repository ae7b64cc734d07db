"""A trajectory with rows in every model: through the apps' services where they exist, directly
otherwise, and (for models added later that nothing here knows yet) a generic filler."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from PIL import Image

from weefwerk.actions import services as actions
from weefwerk.actions.models import (
    ActionUpdate,
    Agreement,
    ChangeWish,
    SentReminder,
    WishVote,
)
from weefwerk.archive import graph
from weefwerk.cases.models import Case, CaseDiscussion, NeededParty, PrivacyConfirmation
from weefwerk.grouping import services as grouping
from weefwerk.grouping.models import Attendance, Encounter
from weefwerk.networkmap import services as network
from weefwerk.networkmap.models import ConnectionKind, ElementKind, MemberRole
from weefwerk.people.models import Organisation, Person
from weefwerk.planning.models import (
    AgendaItem,
    ChecklistMark,
    FeedbackResponse,
    Homework,
    HomeworkAnswer,
    MeetingRun,
)
from weefwerk.trajectories.models import Membership, Role
from weefwerk.trajectories.tests.factories import MeetingFactory, UserFactory, make_trajectory
from weefwerk.workshop import services as workshop
from weefwerk.workshop.models import Assignment, Note


def png_upload(colour=(200, 180, 40), name="flip-over.png"):
    data = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(data, "PNG")
    return SimpleUploadedFile(name, data.getvalue(), content_type="image/png")


def build_rich_trajectory(facilitator, *, name="Samen sterk in Archiefdorp"):
    trajectory = make_trajectory(
        user=facilitator, name=name, municipality="Archiefdorp", district="Oost", region="middle"
    )
    trajectory.ambition = "Elk kind doet mee, ook als er thuis weinig geld is."
    trajectory.status = "running"
    trajectory.save()
    manager = UserFactory(full_name="Mila Manager")
    reader = UserFactory(full_name="Daan Deelnemer")
    Membership.objects.create(trajectory=trajectory, user=manager, role=Role.MANAGER)
    Membership.objects.create(trajectory=trajectory, user=reader, role=Role.PARTICIPANT)
    domains = list(trajectory.domains.all())

    # People and organisations, with M2M to domains and a person with an account.
    school = Organisation.objects.create(
        trajectory=trajectory, name="Basisschool De Linde", website="https://linde.example"
    )
    school.domains.set(domains[:2])
    bank = Organisation.objects.create(trajectory=trajectory, name="Voedselbank Archiefdorp")
    bank.domains.set(domains[2:3])
    people = [
        Person.objects.create(
            trajectory=trajectory,
            name=name_,
            organisation=org,
            email=f"{name_.split()[0].lower()}@voorbeeld.example",
            phone="030-1234567",
            is_expert=expert,
            is_manager=name_.startswith("Mila"),
            inform_channel="email" if name_.startswith("Mila") else "",
            user=user,
        )
        for name_, org, expert, user in (
            ("Anna Jansen", school, False, None),
            ("Bram de Boer", bank, False, None),
            ("Chantal Visser", None, True, reader),
            ("Mila Manager", bank, False, manager),
        )
    ]
    people[0].domains.set(domains[3:5])
    anna, bram, chantal, mila = people

    # Sessions, agenda, planning.
    meeting = MeetingFactory(
        trajectory=trajectory,
        number=4,
        title="Stap 4: wat motiveert?",
        starts_at=timezone.make_aware(dt.datetime(2025, 3, 4, 13, 30, 0, 123456)),
        location="Buurthuis De Kern",
        status="held",
    )
    next_meeting = MeetingFactory(trajectory=trajectory, number=5, title="Stap 5: afspraken")
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=1,
        title="Opdracht 4B",
        minutes=60,
        kind="assignment",
        group_max_size=3,
        assignment={
            "type": "categorised_notes",
            "categories": ["Motivatoren", "Belemmeringen"],
            "questions": ["Wat motiveert jou?"],
            "mode": "plenary",
        },
    )
    AgendaItem.objects.create(meeting=next_meeting, position=0, title="Welkom", minutes=10)
    ChecklistMark.objects.create(
        trajectory=trajectory, key="ambition", done=True, marked_by=manager
    )
    homework = Homework.objects.create(
        meeting=meeting,
        title="Wie ken je?",
        text="Schrijf drie namen op.",
        due_date=dt.date(2025, 3, 1),
    )
    HomeworkAnswer.objects.create(homework=homework, person=anna, text="Bram, Chantal en Mila")
    FeedbackResponse.objects.create(
        meeting=meeting, useful=5, met_new_people=4, pace=3, atmosphere=5, comment="Fijn!"
    )
    now = timezone.now()
    MeetingRun.objects.create(
        meeting=meeting,
        started_at=now,
        ends_at=now + dt.timedelta(hours=2),
        current_item=item,
        item_started_at=now,
    )

    # Attendance, encounters, groups.
    for person in people:
        grouping.attendance_set(meeting=meeting, person=person, status="present")
    Attendance.objects.filter(meeting=meeting, person=mila).update(
        status="sent_colleague", replaced_by=bram
    )
    grouping.encounter_add(trajectory=trajectory, person_a=chantal, person_b=anna, meeting=meeting)
    round_ = grouping.groups_make(item=item, seed=3)
    grouping.round_held(round_=round_)
    assert Encounter.objects.filter(trajectory=trajectory).count() > 1

    # Network: elements, connections, map positions, snapshots, then a deleted element.
    org_el = network.element_create(
        trajectory=trajectory,
        kind=ElementKind.ORGANISATION,
        label="Basisschool De Linde",
        organisation=school,
        domains=domains[:1],
        tags=["school"],
        custom_fields={"website": "https://linde.example"},
    )
    person_el = network.element_create(
        trajectory=trajectory, kind=ElementKind.PERSON, label="Anna Jansen", person=anna
    )
    table = network.element_create(
        trajectory=trajectory, kind=ElementKind.TABLE, label="Wijkteamoverleg", rhythm="elke maand"
    )
    gone = network.element_create(
        trajectory=trajectory, kind=ElementKind.INFORMAL, label="Oude buurtgroep"
    )
    network.member_add(group=table, member=org_el, role=MemberRole.CHAIR)
    network.member_add(group=table, member=person_el)
    network.connection_create(
        trajectory=trajectory,
        source=person_el,
        target=gone,
        kind=ConnectionKind.CALLS_WHEN_STUCK,
        reported_by=bram,
    )
    network.positions_save(
        network.default_map(trajectory), {org_el.pk: (10.5, -20.25), gone.pk: (1.0, 2.0)}
    )
    network.snapshot_take(trajectory=trajectory, name="Voor", meeting=meeting)
    network.element_delete(gone)
    network.snapshot_take(trajectory=trajectory, name="Na")

    # Cases.
    case = Case.objects.create(
        trajectory=trajectory,
        title="Moeder met drie banen",
        description="De moeder werkt veel; het kind (8) is vaak alleen.",
        created_by=facilitator,
    )
    case.domains.set(domains[:2])
    discussion = CaseDiscussion.objects.create(
        case=case, meeting=meeting, group_label="Groep 1", needed="Huisarts\nSchool"
    )
    NeededParty.objects.create(discussion=discussion, line="School", element=org_el)
    for target in ({"case": case}, {"discussion": discussion}):
        PrivacyConfirmation.objects.create(
            **target,
            field_name="description",
            kind="date",
            start=3,
            length=4,
            match_hash="a" * 64,
            text_hash="b" * 64,
            confirmed_by=facilitator,
        )

    # Live session: participants, notes with a cluster and a merge, votes, a photo, carry over.
    (assignment,) = workshop.assignments_from_item(item=item)
    workshop.assignment_control(assignment=assignment, action="open")
    p_anna = workshop.participant_join(meeting=meeting, person=anna)
    p_bram = workshop.participant_join(meeting=meeting, person=bram)
    p_anon = workshop.participant_join(meeting=meeting)
    n1 = workshop.note_add(
        assignment=assignment, text="Samen koffie", category="Motivatoren", participant=p_anna
    )
    n2 = workshop.note_add(
        assignment=assignment,
        text="Samen koffie drinken",
        category="Motivatoren",
        participant=p_bram,
    )
    n3 = workshop.note_add(
        assignment=assignment, text="Te weinig tijd", category="Belemmeringen", participant=p_anon
    )
    workshop.note_add(
        assignment=assignment,
        text="Voor Mila getypt",
        category="Motivatoren",
        person=mila,
        typed_by=facilitator,
    )
    cluster = workshop.cluster_add(assignment=assignment, name="Ontmoeten")
    workshop.note_move(note=n1, cluster=cluster)
    workshop.note_merge(note=n2, into=n1)
    Assignment.objects.filter(pk=assignment.pk).update(voting="open")
    workshop.vote_add(participant=p_anna, note_id=n1.pk)
    workshop.vote_add(participant=p_bram, note_id=n1.pk)
    workshop.vote_add(participant=p_bram, note_id=n3.pk)
    workshop.photo_add(
        assignment=assignment, uploaded=png_upload(), caption="Flip-over 1", user=facilitator
    )
    workshop.photo_add(
        assignment=assignment, uploaded=png_upload((10, 90, 200)), participant=p_anna
    )
    Assignment.objects.filter(pk=assignment.pk).update(voting="closed")
    workshop.carry_over(assignment=Assignment.objects.get(pk=assignment.pk))
    workshop.wishes_to_actions(assignment=Assignment.objects.get(pk=assignment.pk))
    assert Note.objects.filter(merged_into__isnull=False).exists()

    # Change wishes, votes, agreements, commitments, progress, reminders.
    wish = actions.wish_create(
        trajectory=trajectory, text="Als we nu eens samen ontbijten", meeting=meeting
    )
    wish.raised_by.set([anna, bram])
    twin = actions.wish_create(trajectory=trajectory, text="Als we nu eens ontbijten met elkaar")
    actions.wish_merge(wish=twin, into=wish)
    actions.voting_save(trajectory=trajectory, dots_per_person=4, is_open=True)
    actions.vote_add(person=chantal, wish=wish)
    WishVote.objects.create(wish=wish, person=anna)
    agreement = actions.wish_choose(wish=wish, owners=[anna, bram])
    agreement.organisations.set([school, bank])
    Agreement.objects.filter(pk=agreement.pk).update(
        due_date=dt.date(2025, 6, 1), success_criterion="Tien ontbijten"
    )
    actions.commit(agreement=agreement, person=anna)
    actions.commit(agreement=agreement, person=chantal, via="facilitator")
    actions.update_report(
        agreement=agreement,
        person=anna,
        status="under_way",
        meeting=next_meeting,
        what_i_did="Gebeld",
        what_i_need="Een ruimte",
    )
    SentReminder.objects.create(
        kind="due", agreement=agreement, person=anna, for_date=dt.date(2025, 6, 2)
    )
    SentReminder.objects.create(
        kind="meeting", meeting=next_meeting, person=bram, for_date=dt.date(2025, 5, 1)
    )
    assert ChangeWish.objects.filter(trajectory=trajectory, note_id__isnull=False).exists()
    assert ActionUpdate.objects.filter(agreement=agreement).exists()

    fill_missing(trajectory)
    return trajectory


def empty_models(trajectory) -> list[str]:
    return [
        name
        for name, info in graph.covered_models().items()
        if not info.model._base_manager.filter(
            graph.owner_filter(info.model, trajectory.pk)
        ).exists()
    ]


def _value_for(f, trajectory, made):
    """A plausible value for a required field of a model nothing here knows yet."""
    if f.is_relation:
        target = f.related_model
        if target is graph.user_model():
            return trajectory.memberships.first().user
        if target in graph.owner_lookups():
            return target._base_manager.filter(graph.owner_filter(target, trajectory.pk)).first()
        return target._base_manager.first()
    if f.choices:
        return f.choices[0][0]
    if isinstance(f, models.BooleanField):
        return True
    if isinstance(f, models.DateTimeField):
        return timezone.now()
    if isinstance(f, models.DateField):
        return timezone.localdate()
    if isinstance(f, models.TimeField):
        return dt.time(12, 0)
    if isinstance(f, models.DurationField):
        return dt.timedelta(days=30)
    if isinstance(f, models.IntegerField | models.FloatField | models.DecimalField):
        return 1
    if isinstance(f, models.JSONField):
        return {"voorbeeld": made}
    if isinstance(f, models.EmailField):
        return "voorbeeld@voorbeeld.example"
    if isinstance(f, models.FileField):
        return None
    if isinstance(f, models.CharField | models.TextField):
        return f"Voorbeeld {made}"[: f.max_length or 200]
    return None


def fill_missing(trajectory) -> None:
    """One row (best effort) in each covered model that has none yet: models that other apps add
    later are in the round trip even before someone writes a builder for them."""
    for _ in range(3):  # a model may need a row of another new model first
        for name in empty_models(trajectory):
            model = graph.covered_models()[name].model
            values = {}
            for f in model._meta.concrete_fields:
                if (
                    f.primary_key
                    or f.has_default()
                    or getattr(f, "auto_now", False)
                    or getattr(f, "auto_now_add", False)
                ):
                    continue
                if f.null and not f.is_relation:
                    continue
                value = _value_for(f, trajectory, name)
                if value is None and not f.null:
                    break
                values[f.name] = value
            else:
                try:
                    with transaction.atomic():
                        model._base_manager.create(**values)
                except (IntegrityError, ValueError, TypeError):
                    continue
