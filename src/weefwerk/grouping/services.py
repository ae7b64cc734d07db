"""Writes of the grouping app. Every function runs in one transaction; rows that two taps could
change at the same moment (an attendance, a group round) are locked with select_for_update."""

from __future__ import annotations

import math
from itertools import combinations

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weefwerk.engine.grouping import GroupingError, RoundSpec, plan_groups
from weefwerk.grouping import selectors
from weefwerk.grouping.models import Attendance, Encounter, Group, GroupMember, GroupRound
from weefwerk.people.models import Person
from weefwerk.planning.models import AgendaItem
from weefwerk.trajectories.models import Meeting, Trajectory


class GroupingRefused(Exception):
    """A write that cannot be done; the message is Dutch and shown to the user."""


# --------------------------------------------------------------------------------------------
# Attendance


def _check_person(meeting: Meeting, person: Person) -> None:
    if person.trajectory_id != meeting.trajectory_id:
        raise ValueError("person and meeting belong to different trajectories")


def _locked_attendance(meeting: Meeting, person: Person) -> Attendance:
    Attendance.objects.get_or_create(meeting=meeting, person=person)
    return Attendance.objects.select_for_update().get(meeting=meeting, person=person)


@transaction.atomic
def attendance_set(
    *,
    meeting: Meeting,
    person: Person,
    status: str,
    by: str = Attendance.CheckedInBy.FACILITATOR,
    replaced_by: Person | None = None,
) -> Attendance:
    """Sets one person's status. Present records when and by whom; a colleague sent in
    someone's place is marked as coming."""
    _check_person(meeting, person)
    if status not in Attendance.Status.values:
        raise ValueError(f"unknown status {status!r}")
    attendance = _locked_attendance(meeting, person)
    if status == Attendance.Status.PRESENT:
        if attendance.status != Attendance.Status.PRESENT or not attendance.checked_in_at:
            attendance.checked_in_at = timezone.now()
            attendance.checked_in_by = by
    else:
        attendance.checked_in_at = None
        attendance.checked_in_by = ""
    attendance.status = status
    if status == Attendance.Status.SENT_COLLEAGUE and replaced_by is not None:
        _check_person(meeting, replaced_by)
        if replaced_by.pk == person.pk:
            raise GroupingRefused(_("Iemand kan niet zichzelf sturen als collega."))
        attendance.replaced_by = replaced_by
        colleague = _locked_attendance(meeting, replaced_by)
        if colleague.status not in (Attendance.Status.PRESENT, Attendance.Status.CONFIRMED):
            colleague.status = Attendance.Status.CONFIRMED
            colleague.save()
    elif status != Attendance.Status.SENT_COLLEAGUE:
        attendance.replaced_by = None
    attendance.save()
    return attendance


@transaction.atomic
def attendance_invite_all(*, meeting: Meeting) -> int:
    """Everybody without a status for this session gets 'invited'. Returns how many."""
    have = set(Attendance.objects.filter(meeting=meeting).values_list("person_id", flat=True))
    new = [
        Attendance(meeting=meeting, person=person, status=Attendance.Status.INVITED)
        for person in meeting.trajectory.people.all()
        if person.pk not in have
    ]
    Attendance.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


@transaction.atomic
def self_checkin(*, meeting: Meeting, person: Person) -> Attendance:
    """A participant checks in through the session's code."""
    if not meeting.joining_open or meeting.status == Meeting.Status.CANCELLED:
        raise GroupingRefused(_("Aanmelden voor deze bijeenkomst is gesloten."))
    return attendance_set(
        meeting=meeting,
        person=person,
        status=Attendance.Status.PRESENT,
        by=Attendance.CheckedInBy.SELF,
    )


@transaction.atomic
def joining_set(*, meeting: Meeting, open_: bool) -> Meeting:
    Meeting.objects.filter(pk=meeting.pk).update(joining_open=open_)
    meeting.joining_open = open_
    return meeting


CHECKIN_FAILURES = 20
CHECKIN_WINDOW = 10 * 60


def _failure_key(ip: str) -> str:
    return f"grouping:checkin-failures:{ip}"


def checkin_blocked(ip: str) -> bool:
    """Too many wrong codes from this address lately (someone guessing codes)."""
    return (cache.get(_failure_key(ip)) or 0) >= CHECKIN_FAILURES


def checkin_failed(ip: str) -> int:
    key = _failure_key(ip)
    cache.add(key, 0, timeout=CHECKIN_WINDOW)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=CHECKIN_WINDOW)
        return 1


# --------------------------------------------------------------------------------------------
# Encounters


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


@transaction.atomic
def encounter_add(
    *,
    trajectory: Trajectory,
    person_a: Person,
    person_b: Person,
    meeting: Meeting | None = None,
    source: str = Encounter.Source.MANUAL,
) -> tuple[Encounter, bool]:
    """Records that two people have met; an existing pair keeps its first meeting."""
    if person_a.pk == person_b.pk:
        raise GroupingRefused(_("Kies twee verschillende mensen."))
    for person in (person_a, person_b):
        if person.trajectory_id != trajectory.pk:
            raise ValueError("person of another trajectory")
    a, b = _pair(person_a.pk, person_b.pk)
    return Encounter.objects.get_or_create(
        person_a_id=a,
        person_b_id=b,
        defaults={"trajectory": trajectory, "first_meeting": meeting, "source": source},
    )


@transaction.atomic
def encounter_delete(*, encounter: Encounter) -> None:
    encounter.delete()


# --------------------------------------------------------------------------------------------
# Group rounds


def _group_seconds() -> float:
    return getattr(settings, "WEEFWERK_GROUPS_SECONDS", 2.0)


def _store_groups(round_: GroupRound, plan_groups_: list[list[str]], locked: set[int]) -> None:
    for number, ids in enumerate(plan_groups_, start=1):
        group = Group.objects.create(round=round_, number=number)
        GroupMember.objects.bulk_create(
            GroupMember(group=group, person_id=int(pid), locked=int(pid) in locked) for pid in ids
        )


def _rescore(round_: GroupRound) -> GroupRound:
    round_.score = selectors.round_score(round_)
    round_.save(update_fields=["score"])
    return round_


def _locked_round(round_: GroupRound) -> GroupRound:
    found = GroupRound.objects.select_for_update().get(pk=round_.pk)
    if found.is_held:
        raise GroupingRefused(_("Deze groepen zijn al gehouden. Ze kunnen niet meer veranderen."))
    return found


@transaction.atomic
def groups_make(
    *, item: AgendaItem, seed: int | None = None, max_iterations: int | None = None
) -> GroupRound:
    """Divides the people of the session into groups for this item.

    With a draft round already there, it is made again: locked people stay in their group, the
    rest is divided anew (with the next seed, so the result is new but reproducible).

    Planning ahead, re-optimised on the day: the group rounds still to come up to session five
    (with the people expected there, see ``selectors.future_group_rounds``) are planned together
    with this one, so that today's groups leave the best chances for everybody to meet everybody
    later. Only today's round is stored. The whole plan gets the same time limit as before
    (WEEFWERK_GROUPS_SECONDS).
    """
    if not item.group_max_size:
        raise GroupingRefused(_("Dit agendapunt gaat niet in groepjes uiteen."))
    # Lock the item row so two taps on "maak groepen" do not make two rounds.
    AgendaItem.objects.select_for_update().get(pk=item.pk)
    meeting = item.meeting
    current = selectors.current_round(item)
    if current is not None:
        current = _locked_round(current)
    people, basis = selectors.people_for_groups(meeting)
    if len(people) < 2:
        raise GroupingRefused(_("Er zijn te weinig mensen om groepen te maken."))
    present = {p.pk for p in people}
    locks: dict[int, int] = {}
    if current is not None:
        for member in GroupMember.objects.filter(group__round=current, locked=True).select_related(
            "group"
        ):
            if member.person_id in present:
                locks[member.person_id] = member.group.number - 1
    groups_count = math.ceil(len(people) / item.group_max_size)
    if locks and max(locks.values()) >= groups_count:
        # Fewer groups than before: keep who is locked together, renumber their groups.
        order = {n: i for i, n in enumerate(sorted(set(locks.values())))}
        locks = {pid: order[n] for pid, n in locks.items()}
    future = selectors.future_group_rounds(item, people)
    everybody = {p.pk: p for p in people}
    for _future_item, expected in future:
        everybody.update((p.pk, p) for p in expected if p.pk not in everybody)
    met = selectors.met_pairs(meeting.trajectory, list(everybody))
    if seed is None:
        seed = current.seed + 1 if current is not None else 1
    today = RoundSpec(
        present=tuple(str(p.pk) for p in people),
        max_size=item.group_max_size,
        locked={str(pid): k for pid, k in locks.items()},
    )
    later = [
        RoundSpec(present=tuple(str(p.pk) for p in expected), max_size=future_item.group_max_size)
        for future_item, expected in future
    ]
    try:
        try:
            plan = plan_groups(
                [selectors.engine_person(p) for p in everybody.values()],
                [today, *later],
                met=[(str(a), str(b)) for a, b in met],
                seed=seed,
                time_limit=_group_seconds(),
                max_iterations=max_iterations,
            )
        except GroupingError:
            if not later:
                raise
            # A later round cannot be planned (say, too few people expected): today's alone.
            plan = plan_groups(
                [selectors.engine_person(p) for p in people],
                [today],
                met=[(str(a), str(b)) for a, b in met],
                seed=seed,
                time_limit=_group_seconds(),
                max_iterations=max_iterations,
            )
    except GroupingError as error:
        raise GroupingRefused(str(error)) from error
    if current is None:
        current = GroupRound.objects.create(
            agenda_item=item, max_size=item.group_max_size, seed=seed, basis=basis
        )
    else:
        current.groups.all().delete()
        current.seed = seed
        current.basis = basis
        current.max_size = item.group_max_size
        current.planned_ahead = False
        current.save()
    _store_groups(current, plan.rounds[0], set(locks))
    return _rescore(current)


@transaction.atomic
def member_move(*, round_: GroupRound, person_id: int, number: int) -> GroupRound:
    """Moves one person to group ``number`` (a new group when it is one past the last)."""
    round_ = _locked_round(round_)
    member = (
        GroupMember.objects.select_related("group")
        .filter(group__round=round_, person_id=person_id)
        .first()
    )
    if member is None:
        raise GroupingRefused(_("Deze persoon zit niet in deze indeling."))
    if member.group.number == number:
        return round_
    last = round_.groups.count()
    if number < 1 or number > last + 1:
        raise GroupingRefused(_("Die groep bestaat niet."))
    target, _created = Group.objects.get_or_create(round=round_, number=number)
    old = member.group
    member.group = target
    member.save(update_fields=["group"])
    if not old.members.exists():
        _remove_group(round_, old)
    return _rescore(round_)


def _remove_group(round_: GroupRound, group: Group) -> None:
    """Deletes an empty group and closes the gap in the numbers."""
    number = group.number
    group.delete()
    for later in round_.groups.filter(number__gt=number).order_by("number"):
        later.number -= 1
        later.save(update_fields=["number"])


@transaction.atomic
def member_lock(*, round_: GroupRound, person_id: int, locked: bool) -> GroupRound:
    round_ = _locked_round(round_)
    updated = GroupMember.objects.filter(group__round=round_, person_id=person_id).update(
        locked=locked
    )
    if not updated:
        raise GroupingRefused(_("Deze persoon zit niet in deze indeling."))
    return round_


@transaction.atomic
def round_held(*, round_: GroupRound) -> int:
    """Marks the round as held and records every pair in a group as having met.

    Pairs that had met already keep their first meeting. Returns the number of new pairs.
    """
    round_ = _locked_round(round_)
    meeting = round_.agenda_item.meeting
    trajectory = meeting.trajectory
    existing = selectors.met_pairs(trajectory)
    new = []
    for group in round_.groups.prefetch_related("members"):
        ids = sorted(m.person_id for m in group.members.all())
        for a, b in combinations(ids, 2):
            if (a, b) not in existing:
                existing.add((a, b))
                new.append(
                    Encounter(
                        trajectory=trajectory,
                        person_a_id=a,
                        person_b_id=b,
                        first_meeting=meeting,
                        source=Encounter.Source.GROUP,
                    )
                )
    Encounter.objects.bulk_create(new, ignore_conflicts=True)
    round_.status = GroupRound.Status.HELD
    round_.held_at = timezone.now()
    round_.save(update_fields=["status", "held_at"])
    return len(new)


@transaction.atomic
def plan_ahead(*, trajectory: Trajectory, items: list[AgendaItem], seed: int = 1) -> int:
    """Draft rounds for the remaining group items, planned together so that as many people as
    possible meet. On the day "maak groepen" re-divides for who actually came.

    Items that already have a draft round of their own (not planned ahead) are left alone.
    Returns the number of rounds stored.
    """
    todo = []
    for item in items:
        current = selectors.current_round(item)
        if current is None or (current.planned_ahead and not current.is_held):
            todo.append((item, current))
    if not todo:
        return 0
    people, _basis = selectors.active_participants(trajectory)
    if len(people) < 2:
        raise GroupingRefused(_("Er zijn te weinig deelnemers om groepen te plannen."))
    ids = tuple(str(p.pk) for p in people)
    met = selectors.met_pairs(trajectory, [p.pk for p in people])
    try:
        plan = plan_groups(
            [selectors.engine_person(p) for p in people],
            [RoundSpec(present=ids, max_size=item.group_max_size) for item, _c in todo],
            met=[(str(a), str(b)) for a, b in met],
            seed=seed,
            time_limit=getattr(settings, "WEEFWERK_FORECAST_SECONDS", 2.0),
        )
    except GroupingError as error:
        raise GroupingRefused(str(error)) from error
    for (item, current), groups in zip(todo, plan.rounds, strict=True):
        if current is not None:
            current.delete()
        round_ = GroupRound.objects.create(
            agenda_item=item,
            max_size=item.group_max_size,
            seed=seed,
            basis="everybody",
            planned_ahead=True,
        )
        _store_groups(round_, groups, set())
        _rescore(round_)
    return len(todo)
