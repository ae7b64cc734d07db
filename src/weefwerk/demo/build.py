"""Builds the demo trajectory from ``data``. Safe to run again: it replaces the old demo.

The trajectory is in progress: step 0 to 3 lie in the past and were held, step 4, step 5 and
the follow-up meetings lie ahead. Everything the held sessions left behind (attendance, groups
and who met whom, the network map and its snapshots, live notes with clusters and dots, a case
discussion, homework, feedback, change wishes and agreements) is made through the apps' own
services, in the order a project team would make it, so the data hang together as in real use.
Only the timestamps are moved back afterwards, to the days the sessions took place.
"""

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from weefwerk.actions import services as actions
from weefwerk.actions.models import ChangeWish
from weefwerk.cases import services as cases
from weefwerk.cases.models import CaseDiscussion
from weefwerk.demo import data
from weefwerk.grouping import services as grouping
from weefwerk.grouping.models import Attendance, Encounter, GroupRound
from weefwerk.grouping.selectors import participants
from weefwerk.networkmap import services as networkmap
from weefwerk.networkmap.analysis import webber_confirm
from weefwerk.networkmap.models import Connection, Element, ElementKind, Snapshot
from weefwerk.people.models import Organisation, Person
from weefwerk.planning import holidays
from weefwerk.planning.checklist import MANUAL_KEYS, checklist_mark
from weefwerk.planning.followup_services import _rate_key as feedback_rate_key
from weefwerk.planning.followup_services import (
    feedback_submit,
    homework_answer_save,
    homework_create,
)
from weefwerk.planning.models import FeedbackResponse, HomeworkAnswer
from weefwerk.planning.schedule_services import series_schedule
from weefwerk.planning.scheduling import SeriesPlan
from weefwerk.planning.services import trajectory_start
from weefwerk.trajectories.models import Meeting, Role, Trajectory
from weefwerk.trajectories.services import meeting_update, member_add, save_fields
from weefwerk.workshop import services as workshop
from weefwerk.workshop.models import Assignment, Note, Participant, Vote

DEMO_EMAIL = "gespreksleider@lindeveen.example"
MANAGER_EMAIL = "leidinggevende@lindeveen.example"
DEMO_PASSWORD = "weefwerk-demo"  # noqa: S105 - fictional demo account, printed on purpose

# The group optimiser's bound while the demo is built.
OPTIMISER_ITERATIONS = 5
SESSION_TIME = time(13, 30)
TEAM_TIME = time(10, 0)  # the project team (step 0) meets in the morning


@transaction.atomic
def build_demo(*, today=None) -> Trajectory:
    User = get_user_model()
    facilitator, _ = User.objects.get_or_create(
        email=DEMO_EMAIL, defaults={"full_name": "Anouk Verbeek"}
    )
    facilitator.set_password(DEMO_PASSWORD)
    facilitator.save()
    Trajectory.objects.filter(name=data.TRAJECTORY["name"]).delete()

    trajectory = trajectory_start(user=facilitator, region=data.REGION, **data.TRAJECTORY)
    manager = member_add(
        trajectory=trajectory, email=MANAGER_EMAIL, role=Role.MANAGER, full_name="Ruud Hagedoorn"
    ).user
    manager.set_password(DEMO_PASSWORD)
    manager.save()

    today = today or timezone.localdate()
    organisations = _add_organisations(trajectory)
    people = _add_people(trajectory, organisations)
    demo = Demo(trajectory, facilitator, organisations, people, random.Random(data.SEED))
    _schedule_meetings(demo, today)
    _run_trajectory(demo)
    return trajectory


@dataclass
class Demo:
    """What the steps of the story share."""

    trajectory: Trajectory
    facilitator: object
    organisations: dict[str, Organisation]
    people: dict[str, Person]
    rng: random.Random
    meetings: dict[int, Meeting] = field(default_factory=dict)  # held and planned steps 0-5
    elements: dict[str, Element] = field(default_factory=dict)  # by label
    present: dict[int, list[Person]] = field(default_factory=dict)  # per held step
    wishes: list[ChangeWish] = field(default_factory=list)
    started: datetime = field(default_factory=timezone.now)

    def person(self, name: str) -> Person:
        return self.people[name]

    def element(self, label: str) -> Element:
        return self.elements[label]


# --------------------------------------------------------------------------------------------
# People and organisations


def _add_organisations(trajectory):
    domains = {d.name: d for d in trajectory.domains.all()}
    organisations = {}
    for name, (domain_names, formal, description) in data.ORGANISATIONS.items():
        organisation = Organisation.objects.create(
            trajectory=trajectory, name=name, is_formal=formal, description=description
        )
        organisation.domains.set(domains[d] for d in domain_names)
        organisations[name] = organisation
    return organisations


def _add_people(trajectory, organisations) -> dict[str, Person]:
    expert_domain = trajectory.domains.get(name="Ervaringsdeskundigheid")
    people = {}
    for name, organisation, function, roles in data.PEOPLE:
        roles = set(roles.split())
        channel, frequency = data.MANAGER_WISHES.get(name, ("", ""))
        local = name.lower().replace(" ", ".")
        person = Person.objects.create(
            trajectory=trajectory,
            name=name,
            organisation=organisations.get(organisation),
            function=function,
            email=f"{local}@voorbeeld.example",
            shares_contact=len(name) % 2 == 0,
            is_fixed_participant="fixed" in roles,
            is_project_team="team" in roles,
            is_expert="expert" in roles,
            expert_trained="trained" in roles,
            is_manager="manager" in roles,
            inform_channel=channel,
            inform_frequency=frequency,
        )
        if person.is_expert:
            person.domains.add(expert_domain)
        people[name] = person
    return people


# --------------------------------------------------------------------------------------------
# Dates


def _in_holiday(day: date) -> bool:
    return holidays.check(day, data.REGION).in_holiday


def _past_days(today: date) -> dict[int, date]:
    """Step 3 on the Tuesday at least five days ago, the earlier steps before it, every one
    moved a week earlier while it falls in a school holiday."""
    latest = today - timedelta(days=5)
    day = latest - timedelta(days=(latest.weekday() - 1) % 7)
    while _in_holiday(day):
        day -= timedelta(weeks=1)
    days = {3: day}
    for step in (2, 1, 0):
        day = days[step + 1] - timedelta(weeks=data.WEEKS_BEFORE[step])
        while _in_holiday(day):
            day -= timedelta(weeks=1)
        days[step] = day
    return days


def _holiday_tuesdays(start: date, weeks: int) -> frozenset[date]:
    """The days the series planner must skip (it moves such a session a week later)."""
    return frozenset(
        day for day in (start + timedelta(weeks=n) for n in range(weeks)) if _in_holiday(day)
    )


def _schedule_meetings(demo: Demo, today: date) -> None:
    """Held steps on their past Tuesdays; the rest with the series planner, three weeks apart
    (a week later when a date falls in a school holiday), like the schedule page does it."""
    trajectory = demo.trajectory
    demo.meetings = {m.number: m for m in trajectory.meetings.order_by("number")}
    for step, day in _past_days(today).items():
        meeting_update(
            demo.meetings[step],
            starts_at=timezone.make_aware(
                datetime.combine(day, TEAM_TIME if step == 0 else SESSION_TIME)
            ),
            location=data.LOCATIONS[bool(step)],
        )
    first = demo.meetings[3].starts_at.date() + timedelta(weeks=data.WEEKS_AHEAD)
    while first <= today:  # step 3 moved back for a holiday that ended just now
        first += timedelta(weeks=1)
    ahead = [m for number, m in demo.meetings.items() if number not in data.HELD_STEPS]
    plan = SeriesPlan(
        first_date=first,
        start_time=SESSION_TIME,
        interval_weeks=data.WEEKS_AHEAD,
        excluded=_holiday_tuesdays(first, 80),
    )
    series_schedule(trajectory, plan, ahead)
    for meeting in ahead:
        meeting.refresh_from_db()
        meeting_update(meeting, location=data.LOCATIONS[True])
    last = max(m.starts_at for m in ahead).date()
    followup_first = last + timedelta(weeks=actions.FOLLOWUP_INTERVAL_WEEKS)
    actions.followup_track_plan(
        trajectory=trajectory,
        first_date=followup_first,
        start_time=SESSION_TIME,
        excluded=_holiday_tuesdays(followup_first, 60),
    )
    for meeting in trajectory.meetings.filter(location=""):
        meeting_update(meeting, location=data.LOCATIONS[True])
    for meeting in demo.meetings.values():
        meeting.refresh_from_db()


# --------------------------------------------------------------------------------------------
# The story, session by session


def _run_trajectory(demo: Demo) -> None:
    save_fields(demo.trajectory, status=Trajectory.Status.RUNNING)
    for key in sorted(MANUAL_KEYS):
        checklist_mark(trajectory=demo.trajectory, key=key, done=True, user=demo.facilitator)
    _known_encounters(demo)

    _map_organisations(demo)
    _attendance(demo, 0)
    _held(demo, 0)

    _attendance(demo, 1)
    _map_people(demo)
    _group_rounds(demo, 1)
    _notes_step_1(demo)
    _feedback(demo, 1)
    _held(demo, 1)

    case = cases.example_case_copy(
        trajectory=demo.trajectory, key=data.CASE_KEY, user=demo.facilitator
    )
    _attendance(demo, 2)
    _group_rounds(demo, 2)
    _notes_step_2(demo)
    _map_tables(demo)
    _homework(demo, 2)
    _feedback(demo, 2)
    _held(demo, 2)

    _attendance(demo, 3)
    _group_rounds(demo, 3)
    _notes_step_3(demo)
    _map_nominations(demo)
    _case_discussion(demo, case)
    _wishes_and_agreements(demo)
    _homework(demo, 3)
    _feedback(demo, 3)
    _held(demo, 3)

    _after_step_3(demo)
    _backdate(demo)


def _held(demo: Demo, step: int) -> None:
    """Marked held on the session page: joining closes and the network map is frozen.

    What the map got since the last session is dated to this session first, so the map's
    history reads as it happened."""
    meeting = demo.meetings[step]
    moment = meeting.starts_at + timedelta(hours=1)
    for model in (Element, Connection):
        model.objects.filter(trajectory=demo.trajectory, created_at__gte=demo.started).update(
            created_at=moment, updated_at=moment
        )
    meeting_update(meeting, status=Meeting.Status.HELD)


def _known_encounters(demo: Demo) -> None:
    """Colleagues know each other, and a few people met before the trajectory began."""
    people = list(participants(demo.trajectory))
    pairs = [
        (a, b)
        for i, a in enumerate(people)
        for b in people[i + 1 :]
        if a.organisation_id and a.organisation_id == b.organisation_id
    ]
    pairs += [(demo.person(a), demo.person(b)) for a, b in data.KNEW_EACH_OTHER]
    for a, b in pairs:
        grouping.encounter_add(trajectory=demo.trajectory, person_a=a, person_b=b)


def _attendance(demo: Demo, step: int) -> None:
    meeting = demo.meetings[step]
    if step == 0:
        present = [demo.person(name) for name in data.PROJECT_TEAM_PRESENT]
        absent, sent = [], None
    else:
        absent = [demo.person(name) for name in data.ABSENT.get(step, [])]
        sent = data.SENT_COLLEAGUE.get(step)
        skip = {p.pk for p in absent} | ({demo.person(sent[0]).pk} if sent else set())
        present = [p for p in participants(demo.trajectory) if p.pk not in skip]
    for person in absent:
        grouping.attendance_set(meeting=meeting, person=person, status=Attendance.Status.ABSENT)
    if sent:
        grouping.attendance_set(
            meeting=meeting,
            person=demo.person(sent[0]),
            status=Attendance.Status.SENT_COLLEAGUE,
            replaced_by=demo.person(sent[1]),
        )
    for person in present:
        if demo.rng.random() < 0.7:  # most check in with the code on their phone
            grouping.self_checkin(meeting=meeting, person=person)
        else:
            grouping.attendance_set(
                meeting=meeting, person=person, status=Attendance.Status.PRESENT
            )
    demo.present[step] = present


def _group_rounds(demo: Demo, step: int) -> None:
    """Every group item of the session: groups from the optimiser, then marked held."""
    items = demo.meetings[step].agenda_items.exclude(group_max_size=None).order_by("position")
    for item in items:
        # A fixed, small amount of work: the same groups on every machine, in a fraction of
        # the time a click may take.
        round_ = grouping.groups_make(
            item=item, seed=data.SEED % 1000 + step, max_iterations=OPTIMISER_ITERATIONS
        )
        grouping.round_held(round_=round_)


def _item(demo: Demo, step: int, *, purpose: str = "", index: int = 0):
    items = demo.meetings[step].agenda_items.exclude(group_max_size=None).order_by("position")
    if purpose:
        items = items.filter(group_purpose=purpose)
    return list(items)[index]


def _open(item) -> list[Assignment]:
    assignments = workshop.assignments_from_item(item=item)
    workshop.assignment_control(assignment=assignments[0], action="open")
    return assignments


def _participant(demo: Demo, step: int, name: str) -> Participant:
    return workshop.participant_join(meeting=demo.meetings[step], person=demo.person(name))


def _add_notes(demo: Demo, step: int, assignment: Assignment, notes) -> list[Note]:
    """Notes typed on the participants' phones; ``notes`` holds (name, column index, text)."""
    columns = assignment.columns
    added = []
    for name, column, text in notes:
        category = columns[column] if columns and column is not None else ""
        participant = _participant(demo, step, name)
        added.append(
            workshop.note_add(
                assignment=assignment, participant=participant, text=text, category=category
            )
        )
    return added


def _notes_step_1(demo: Demo) -> None:
    assignment = _open(_item(demo, 1, purpose="discussion"))[0]
    notes = [(name, None, text) for name, _category, text in data.NOTES_STEP_1]
    _add_notes(demo, 1, assignment, notes)
    workshop.assignment_control(assignment=assignment, action="close")


def _notes_step_2(demo: Demo) -> None:
    assignment = _open(_item(demo, 2, purpose="case"))[0]
    _add_notes(demo, 2, assignment, data.NOTES_STEP_2)
    workshop.assignment_control(assignment=assignment, action="close")


def _notes_step_3(demo: Demo) -> None:
    """Round 1: the case questions with clusters and dots; round 2: the network questions."""
    assignment = _open(_item(demo, 3, purpose="case", index=0))[0]
    notes = _add_notes(demo, 3, assignment, data.NOTES_STEP_3)
    for name, indexes in data.CLUSTERS_STEP_3.items():
        cluster = workshop.cluster_add(assignment=assignment, name=name)
        for index in indexes:
            workshop.note_move(note=notes[index], cluster=cluster)
    workshop.assignment_control(assignment=assignment, action="reveal")
    workshop.assignment_control(assignment=assignment, action="vote_start")
    for name, indexes in data.VOTES_STEP_3.items():
        participant = _participant(demo, 3, name)
        for index in indexes:
            workshop.vote_add(participant=participant, note_id=notes[index].pk)
    workshop.assignment_control(assignment=assignment, action="vote_close")
    workshop.assignment_control(assignment=assignment, action="close")

    second = _open(_item(demo, 3, purpose="case", index=1))[0]
    _add_notes(demo, 3, second, [(name, None, text) for name, text in data.NOTES_STEP_3_ROUND_2])
    workshop.assignment_control(assignment=second, action="close")


def _homework(demo: Demo, step: int) -> None:
    title, text, answers = data.HOMEWORK[step]
    following = demo.meetings[step + 1]
    homework = homework_create(
        meeting=demo.meetings[step],
        title=title,
        text=text,
        due_date=following.starts_at.date() - timedelta(days=2),
    )
    for name, answer in answers.items():
        homework_answer_save(homework=homework, person=demo.person(name), text=answer)


def _feedback(demo: Demo, step: int) -> None:
    rng = random.Random(data.SEED + step)
    meeting = demo.meetings[step]
    for n in range(data.FEEDBACK_COUNT[step]):
        feedback_submit(
            meeting=meeting,
            useful=rng.choice([3, 4, 4, 5, 5]),
            met_new_people=rng.choice([3, 4, 5, 5]) if step > 1 else rng.choice([4, 5, 5]),
            pace=rng.choice([2, 3, 3, 4, 4, 5]),
            atmosphere=rng.choice([4, 4, 5, 5]),
            comment=data.FEEDBACK_COMMENTS[(n + step) % len(data.FEEDBACK_COMMENTS)],
        )
    # The demo is no flood: forget its responses in the per-minute guard, so building the demo
    # again within a minute (the ids come back) is not refused.
    cache.delete(feedback_rate_key(meeting))


# --------------------------------------------------------------------------------------------
# The network map, growing over the sessions


def _place(demo: Demo, positions: dict[str, tuple[float, float]]) -> None:
    """Saved positions, as when someone drags elements on the map."""
    network_map = networkmap.default_map(demo.trajectory)
    networkmap.positions_save(
        network_map, {demo.element(label).pk: xy for label, xy in positions.items()}
    )


ORGANISATION_RADIUS = 520.0
PERSON_RADIUS = 720.0


def _angle(label: str) -> float:
    """Organisations on a ring, neighbours in the playbook's sense next to each other."""
    order = data.MAP_ORDER
    return 2 * math.pi * order.index(label) / len(order)


def _polar(angle: float, radius: float) -> tuple[float, float]:
    return (round(radius * math.cos(angle), 1), round(radius * math.sin(angle), 1))


def _position_of(demo: Demo, label: str) -> tuple[float, float]:
    element = demo.element(label)
    position = element.positions.get()
    return position.x, position.y


def _place_near_members(demo: Demo, labels) -> None:
    """A table or programme between its members, a little towards the middle."""
    positions = {}
    for label in labels:
        members = [m for m, _role in data.MEMBERS.get(label, [])] or [
            t[0] if t[1] == label else t[1] for t in data.TIES if label in t[:2]
        ]
        points = [_position_of(demo, member) for member in members]
        x = sum(p[0] for p in points) / len(points)
        y = sum(p[1] for p in points) / len(points)
        positions[label] = (round(0.6 * x, 1), round(0.6 * y, 1))
    _place(demo, positions)


def _map_organisations(demo: Demo) -> None:
    """Step 0, "Wat is er al?": the project team puts the organisations on the map."""
    for name, organisation in demo.organisations.items():
        demo.elements[name] = networkmap.element_create(
            trajectory=demo.trajectory,
            kind=ElementKind.ORGANISATION if organisation.is_formal else ElementKind.INFORMAL,
            label=name,
            description=organisation.description,
            organisation=organisation,
            domains=list(organisation.domains.all()),
        )
    _map_add_people(demo, data.MAP_PEOPLE[0])
    _place(demo, {name: _polar(_angle(name), ORGANISATION_RADIUS) for name in demo.organisations})
    _place_people(demo, data.MAP_PEOPLE[0])


def _map_add_people(demo: Demo, names) -> None:
    for name in names:
        person = demo.person(name)
        element = networkmap.element_create(
            trajectory=demo.trajectory,
            kind=ElementKind.PERSON,
            label=name,
            description=person.function,
            person=person,
            domains=list(person.domains.all()),
        )
        demo.elements[name] = element
        if person.organisation_id:
            networkmap.affiliation_ensure(
                person_element=element,
                organisation_element=demo.element(person.organisation.name),
            )


def _place_people(demo: Demo, names) -> None:
    """A person just outside their organisation; colleagues side by side."""

    def beside(name):
        person = demo.person(name)
        return person.organisation.name if person.organisation_id else data.NO_ORGANISATION

    on_map = data.MAP_PEOPLE[0] + data.MAP_PEOPLE[1]
    positions = {}
    for name in names:
        organisation = beside(name)
        colleagues = [n for n in on_map if beside(n) == organisation]
        offset = (colleagues.index(name) - (len(colleagues) - 1) / 2) * 0.14
        positions[name] = _polar(_angle(organisation) + offset, PERSON_RADIUS)
    _place(demo, positions)


def _map_people(demo: Demo) -> None:
    """Step 1: the participants put themselves on the map, and the ties between the
    organisations that the groups named."""
    _map_add_people(demo, data.MAP_PEOPLE[1])
    _place_people(demo, data.MAP_PEOPLE[1])
    _map_ties(
        demo, [tie for tie in data.TIES if tie[0] in demo.elements and tie[1] in demo.elements]
    )


def _map_ties(demo: Demo, ties) -> None:
    for source, target, kind, direction, strength, note in ties:
        networkmap.connection_create(
            trajectory=demo.trajectory,
            source=demo.element(source),
            target=demo.element(target),
            kind=kind,
            direction=direction,
            strength=strength,
            note=note,
        )


def _map_tables(demo: Demo) -> None:
    """Step 2: the consultation tables with their members and roles, a programme and an
    informal network."""
    domains = {d.name: d for d in demo.trajectory.domains.all()}
    for label, (kind, rhythm, description, missing, domain_names) in data.GROUP_ELEMENTS.items():
        demo.elements[label] = networkmap.element_create(
            trajectory=demo.trajectory,
            kind=kind,
            label=label,
            rhythm=rhythm,
            description=description,
            missing_note=missing,
            domains=[domains[name] for name in domain_names],
        )
    for group, members in data.MEMBERS.items():
        for member, role in members:
            networkmap.member_add(group=demo.element(group), member=demo.element(member), role=role)
    done = {
        (c.source.label, c.target.label)
        for c in Connection.objects.filter(trajectory=demo.trajectory).select_related(
            "source", "target"
        )
    }
    _map_ties(demo, [tie for tie in data.TIES if (tie[0], tie[1]) not in done])
    _place_near_members(demo, data.GROUP_ELEMENTS)


def _map_nominations(demo: Demo) -> None:
    """Step 3: on their phones participants say whom they call when they are stuck; the
    project team accepts the answers, and leaves the last ones for later."""
    answers = []
    for name, whom in data.CALLS_WHEN_STUCK:
        connection, _new = networkmap.answer_add(
            person=demo.person(name),
            label=whom,
            kinds=(ElementKind.PERSON, ElementKind.ORGANISATION, ElementKind.INFORMAL),
            new_kind=ElementKind.PERSON,
            connection_kind="calls_when_stuck",
        )
        answers.append(connection)
    name, organisation = data.PROPOSED_ORGANISATION
    proposed, _new = networkmap.answer_add(
        person=demo.person(name),
        label=organisation,
        kinds=(ElementKind.ORGANISATION, ElementKind.INFORMAL),
        new_kind=ElementKind.ORGANISATION,
        connection_kind="works_with",
    )
    demo.elements[organisation] = proposed.target
    for connection in answers[: len(answers) - data.UNREVIEWED_CALLS]:
        networkmap.proposal_accept_connection(connection)
    _place(demo, {organisation: _polar(_angle(data.PROPOSED_NEAR), PERSON_RADIUS + 120)})


def _case_discussion(demo: Demo, case) -> None:
    """Group 1 of round 1 discussed the example case; the parties it needs go on the map."""
    fields = dict(data.CASE_DISCUSSION)
    discussion = cases.discussion_save(
        CaseDiscussion(case=case, meeting=demo.meetings[3]), user=demo.facilitator, **fields
    )
    for line, label in data.NEEDED_LINKS.items():
        cases.needed_party_link(
            discussion=discussion, line=line, element=demo.element(label), user=demo.facilitator
        )
    for line, (kind, label) in data.NEEDED_WANTED.items():
        party, _created = cases.needed_party_add_wanted(
            discussion=discussion, line=line, kind=kind, label=label, user=demo.facilitator
        )
        demo.elements[label] = party.element
        _place(demo, {label: _polar(_angle(data.WANTED_NEAR), PERSON_RADIUS + 120)})


def _wishes_and_agreements(demo: Demo) -> None:
    """The reflection of step 3 gave change wishes; the group put dots on them through their
    personal links and chose three to start with now."""
    meeting = demo.meetings[3]
    wishes = [
        actions.wish_create(
            trajectory=demo.trajectory,
            text=text,
            raised_by=[demo.person(name) for name in raised_by],
            meeting=meeting,
        )
        for text, raised_by in data.WISHES
    ]
    for index, into in data.WISH_MERGES.items():
        actions.wish_merge(wish=wishes[index], into=wishes[into])
    actions.voting_save(trajectory=demo.trajectory, dots_per_person=data.WISH_DOTS, is_open=True)
    for name, indexes in data.WISH_VOTES.items():
        for index in indexes:
            actions.vote_add(person=demo.person(name), wish=wishes[index])
    actions.voting_save(trajectory=demo.trajectory, dots_per_person=data.WISH_DOTS, is_open=False)

    present = {p.pk for p in demo.present[3]}
    for index, details in data.AGREEMENTS.items():
        owners = [demo.person(name) for name in details["owners"]]
        agreement = actions.wish_choose(wish=wishes[index], owners=owners)
        actions.agreement_save(
            agreement,
            owners=owners,
            organisations=[demo.organisations[name] for name in details["organisations"]],
            what=details["what"],
            due_date=meeting.starts_at.date() + timedelta(weeks=details["weeks"]),
            success_criterion=details["success_criterion"],
        )
        for name in details["commit"]:
            person = demo.person(name)
            in_room = person.pk in present
            actions.commit(
                agreement=agreement,
                person=person,
                via="facilitator" if in_room else "link",
                when=meeting.ends_at if in_room else meeting.ends_at + timedelta(days=2),
            )
    demo.wishes = wishes


def _after_step_3(demo: Demo) -> None:
    """Between step 3 and today: a progress report, and the team confirms a webber."""
    progress = dict(data.PROGRESS)
    index = progress.pop("agreement")
    wish = demo.wishes[index]
    agreement = wish.agreements.get()
    meeting = demo.meetings[3]
    actions.update_report(
        agreement=agreement,
        person=demo.person(progress.pop("person")),
        status=progress.pop("status"),
        now=meeting.ends_at + timedelta(days=progress.pop("days_after")),
        **progress,
    )
    webber_confirm(demo.element(data.CONFIRMED_WEBBER), confirmed=True)


# --------------------------------------------------------------------------------------------
# Timestamps: everything above was made just now; move it back to when it happened.


def _backdate(demo: Demo) -> None:
    trajectory = demo.trajectory
    first = demo.meetings[0].starts_at
    Trajectory.objects.filter(pk=trajectory.pk).update(created_at=first - timedelta(weeks=2))
    trajectory.memberships.update(created_at=first - timedelta(weeks=2))
    Encounter.objects.filter(trajectory=trajectory, first_meeting=None).update(
        created_at=first - timedelta(days=1)
    )
    for step in data.HELD_STEPS:
        meeting = demo.meetings[step]
        start, end = meeting.starts_at, meeting.ends_at
        Attendance.objects.filter(meeting=meeting, checked_in_at__isnull=False).update(
            checked_in_at=start - timedelta(minutes=5)
        )
        Attendance.objects.filter(meeting=meeting).update(updated_at=start)
        Encounter.objects.filter(first_meeting=meeting).update(
            created_at=start + timedelta(hours=1)
        )
        GroupRound.objects.filter(agenda_item__meeting=meeting).update(
            created_at=start - timedelta(days=1), held_at=start + timedelta(hours=1)
        )
        Participant.objects.filter(meeting=meeting).update(
            created_at=start + timedelta(minutes=20), last_seen_at=start + timedelta(hours=2)
        )
        Assignment.objects.filter(meeting=meeting, opened_at__isnull=False).update(
            opened_at=start + timedelta(minutes=40)
        )
        Note.objects.filter(assignment__meeting=meeting).update(
            created_at=start + timedelta(minutes=45), updated_at=start + timedelta(minutes=50)
        )
        Vote.objects.filter(assignment__meeting=meeting).update(
            created_at=start + timedelta(minutes=80)
        )
        FeedbackResponse.objects.filter(meeting=meeting).update(created_at=end + timedelta(hours=2))
        HomeworkAnswer.objects.filter(homework__meeting=meeting).update(
            updated_at=end + timedelta(days=7)
        )
        meeting.homework.update(created_at=end + timedelta(hours=1))
        CaseDiscussion.objects.filter(meeting=meeting).update(created_at=end, updated_at=end)
        ChangeWish.objects.filter(meeting=meeting).update(created_at=end)
        Snapshot.objects.filter(meeting=meeting).update(created_at=end + timedelta(hours=1))
    step3 = demo.meetings[3].ends_at
    trajectory.agreements.update(created_at=step3)
    trajectory.cases.update(created_at=demo.meetings[2].starts_at - timedelta(days=3))
