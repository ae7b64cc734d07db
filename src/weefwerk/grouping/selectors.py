"""Reads of the grouping app: attendance, who has met whom, group rounds and their scores.

Definitions used on the pages:

- **Participants** of a trajectory are its people, except those who are only a manager
  (leidinggevende without another role): managers gave the mandate but do not join the groups.
- **Active participants** are the participants who were present at one session or more. As long
  as nobody has been marked present at any session, all participants count as active, so the
  acquaintance page is useful before the first check-in.
- **Met** means: an Encounter exists for the pair (they were in one group of a round that was
  marked as held, or someone recorded that they knew each other already).
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from weefwerk.engine.grouping import GroupingError, RoundSpec, plan_groups, score_plan
from weefwerk.engine.grouping import Person as EnginePerson
from weefwerk.grouping.models import Attendance, Encounter, GroupRound
from weefwerk.people.models import Person
from weefwerk.planning.models import AgendaItem
from weefwerk.trajectories.models import Meeting, Trajectory
from weefwerk.trajectories.selectors import person_domain_ids

# --------------------------------------------------------------------------------------------
# People


def participants(trajectory: Trajectory):
    """Everybody who can join groups: not the people who are only a manager."""
    only_manager = Q(
        is_manager=True, is_fixed_participant=False, is_project_team=False, is_expert=False
    )
    return (
        trajectory.people.exclude(only_manager)
        .select_related("organisation")
        .prefetch_related("domains", "organisation__domains")
        .order_by("name", "pk")
    )


def engine_person(person: Person) -> EnginePerson:
    """The engine's view of a person: ids as text, domains of their own or their organisation."""
    return EnginePerson(
        id=str(person.pk),
        organisation=str(person.organisation_id) if person.organisation_id else None,
        domains=tuple(str(d) for d in sorted(person_domain_ids(person))),
        expert=person.is_expert,
        trained=person.is_expert and person.expert_trained,
    )


def met_pairs(trajectory: Trajectory, person_ids=None) -> set[tuple[int, int]]:
    """Pairs (smallest id first) that have met, optionally only among ``person_ids``."""
    encounters = Encounter.objects.filter(trajectory=trajectory)
    if person_ids is not None:
        ids = list(person_ids)
        encounters = encounters.filter(person_a__in=ids, person_b__in=ids)
    return set(encounters.values_list("person_a_id", "person_b_id"))


# --------------------------------------------------------------------------------------------
# Attendance


@dataclass
class AttendanceRow:
    person: Person
    attendance: Attendance | None

    @property
    def status(self) -> str:
        return self.attendance.status if self.attendance else ""

    @property
    def is_present(self) -> bool:
        return self.status == Attendance.Status.PRESENT


def attendance_rows(meeting: Meeting) -> list[AttendanceRow]:
    """Every person of the trajectory with their attendance at this session (or None)."""
    records = {
        a.person_id: a
        for a in Attendance.objects.filter(meeting=meeting).select_related("replaced_by")
    }
    people = meeting.trajectory.people.select_related("organisation").order_by("name", "pk")
    return [AttendanceRow(person, records.get(person.pk)) for person in people]


def attendance_row(meeting: Meeting, person: Person) -> AttendanceRow:
    attendance = (
        Attendance.objects.filter(meeting=meeting, person=person)
        .select_related("replaced_by")
        .first()
    )
    return AttendanceRow(person, attendance)


def attendance_counts(rows: list[AttendanceRow]) -> list[tuple[str, str, int]]:
    """(status, label, count) for every status, and the people without one."""
    counts = Counter(row.status for row in rows)
    found = [(value, label, counts.get(value, 0)) for value, label in Attendance.Status.choices]
    found.append(("", _("Nog geen status"), counts.get("", 0)))
    return found


def checkin_url(meeting: Meeting, build_absolute_uri) -> str:
    return build_absolute_uri(reverse("grouping_public:checkin", args=[meeting.join_code]))


def meeting_for_code(code: str) -> Meeting | None:
    code = (code or "").strip().upper()
    if not code or len(code) > 12:
        return None
    return Meeting.objects.select_related("trajectory").filter(join_code=code).first()


def people_for_groups(meeting: Meeting) -> tuple[list[Person], str]:
    """Who to divide into groups now, and on what basis.

    ``present`` when someone was checked in; otherwise ``expected`` (confirmed or invited, and
    colleagues sent in someone's place); otherwise ``everybody`` (all participants).
    """
    everybody = list(participants(meeting.trajectory))
    records = list(Attendance.objects.filter(meeting=meeting))
    present = {a.person_id for a in records if a.status == Attendance.Status.PRESENT}
    if present:
        return [p for p in everybody if p.pk in present], "present"
    expected_status = {Attendance.Status.CONFIRMED, Attendance.Status.INVITED}
    expected = {a.person_id for a in records if a.status in expected_status}
    expected |= {a.replaced_by_id for a in records if a.replaced_by_id}
    expected -= {
        a.person_id
        for a in records
        if a.status in (Attendance.Status.ABSENT, Attendance.Status.SENT_COLLEAGUE)
    }
    if expected:
        return [p for p in everybody if p.pk in expected], "expected"
    return everybody, "everybody"


BASIS_TEXT = {
    "expected": gettext_lazy(
        "Nog niemand is aangemeld als aanwezig. Daarom zijn de mensen ingedeeld die komen of "
        "uitgenodigd zijn. Meld eerst aan wie er is en deel dan opnieuw in."
    ),
    "everybody": gettext_lazy(
        "Er is voor deze bijeenkomst nog niemand aangemeld of uitgenodigd. Daarom zijn alle "
        "deelnemers van het traject ingedeeld."
    ),
}


def basis_text(basis: str) -> str:
    return str(BASIS_TEXT.get(basis, ""))


# --------------------------------------------------------------------------------------------
# Group rounds


def current_round(item: AgendaItem) -> GroupRound | None:
    return item.rounds.order_by("-created_at", "-pk").first()


@dataclass
class MemberView:
    member: object
    person: Person
    domains: list[str]
    new_count: int


@dataclass
class GroupView:
    group: object
    members: list[MemberView]
    domains: list[tuple[str, int]]  # (domain name, how many members have it)
    experts: int
    too_big: bool


@dataclass
class RoundView:
    round: GroupRound
    groups: list[GroupView]
    score_lines: list[str]
    warnings: list[str] = field(default_factory=list)


def round_people_and_groups(round_: GroupRound):
    """The round's groups as lists of Person, loaded with what the engine needs."""
    groups = list(round_.groups.order_by("number").prefetch_related("members"))
    ids = [m.person_id for g in groups for m in g.members.all()]
    people = {
        p.pk: p
        for p in Person.objects.filter(pk__in=ids)
        .select_related("organisation")
        .prefetch_related("domains", "organisation__domains")
    }
    return groups, people


def round_score(round_: GroupRound) -> dict:
    """The score of the round's groups as they are now, recomputed from scratch."""
    groups, people = round_people_and_groups(round_)
    plan = [[str(m.person_id) for m in g.members.all()] for g in groups if g.members.all()]
    if not plan:
        return {}
    trajectory = round_.agenda_item.meeting.trajectory
    met = _met_before(round_, trajectory, people)
    score = score_plan(
        [engine_person(p) for p in people.values()],
        [plan],
        met=[(str(a), str(b)) for a, b in met],
    )
    return score.as_dict()


def _met_before(round_: GroupRound, trajectory, people) -> set[tuple[int, int]]:
    """Pairs that met before this round: for a held round, not the pairs it created."""
    encounters = Encounter.objects.filter(
        trajectory=trajectory, person_a__in=list(people), person_b__in=list(people)
    )
    if round_.is_held:
        encounters = encounters.exclude(
            source=Encounter.Source.GROUP, first_meeting=round_.agenda_item.meeting
        )
    return set(encounters.values_list("person_a_id", "person_b_id"))


def score_lines(score: dict) -> list[str]:
    """The score in plain Dutch, each figure with the lowest number that is possible."""
    if not score:
        return []
    lines = []
    lines.append(
        _("Collega's in dezelfde groep: %(n)s paar (minstens %(low)s is niet te voorkomen).")
        % {"n": score["colleague_pairs"], "low": score["colleague_pairs_lower_bound"]}
    )
    lines.append(
        _(
            "Mensen die elkaar al eerder spraken en weer samen zitten: %(n)s paar "
            "(minstens %(low)s is niet te voorkomen)."
        )
        % {"n": score["repeat_pairs"], "low": score["repeat_pairs_lower_bound"]}
    )
    lines.append(
        _("Nieuwe kennismakingen: %(n)s paar (hoogstens %(high)s mogelijk).")
        % {"n": score["new_pairs"], "high": score["new_pairs_upper_bound"]}
    )
    lines.append(
        _("Groepen zonder ervaringsdeskundige: %(n)s (minstens %(low)s is niet te voorkomen).")
        % {"n": score["groups_without_expert"], "low": score["groups_without_expert_lower_bound"]}
    )
    if score.get("expert_imbalance"):
        lines.append(
            _(
                "Let op: er zit een groep met twee of meer ervaringsdeskundigen, terwijl een "
                "andere groep er minder heeft dan kan."
            )
        )
    lines.append(
        _(
            "Dubbele domeinen (twee mensen uit hetzelfde domein in één groep): %(n)s "
            "(minstens %(low)s is niet te voorkomen)."
        )
        % {"n": score["domain_duplicates"], "low": score["domain_duplicates_lower_bound"]}
    )
    return lines


def round_view(round_: GroupRound) -> RoundView:
    groups, people = round_people_and_groups(round_)
    trajectory = round_.agenda_item.meeting.trajectory
    domain_names = dict(trajectory.domains.values_list("pk", "name"))
    met = _met_before(round_, trajectory, people)
    views = []
    warnings = []
    for group in groups:
        members = list(group.members.all())
        ids = [m.person_id for m in members]
        member_views = []
        counter: Counter[str] = Counter()
        for member in sorted(members, key=lambda m: people[m.person_id].name):
            person = people[member.person_id]
            names = [
                domain_names[d] for d in sorted(person_domain_ids(person)) if d in domain_names
            ]
            counter.update(names)
            new = sum(
                1
                for other in ids
                if other != person.pk and (min(other, person.pk), max(other, person.pk)) not in met
            )
            member_views.append(MemberView(member, person, names, new))
        too_big = len(members) > round_.max_size
        if too_big:
            warnings.append(
                _("Groep %(n)s heeft nu %(size)s mensen; het maximum is %(max)s.")
                % {"n": group.number, "size": len(members), "max": round_.max_size}
            )
        views.append(
            GroupView(
                group=group,
                members=member_views,
                domains=sorted(counter.items()),
                experts=sum(1 for mv in member_views if mv.person.is_expert),
                too_big=too_big,
            )
        )
    return RoundView(round_, views, score_lines(round_.score), warnings)


# --------------------------------------------------------------------------------------------
# Who has met whom


def _ordered_meetings(trajectory: Trajectory) -> list[Meeting]:
    return [m for m in trajectory.meetings.all() if m.status != Meeting.Status.CANCELLED]


def active_participants(trajectory: Trajectory) -> tuple[list[Person], str]:
    """Participants present at one session or more; all participants when nobody was."""
    everybody = list(participants(trajectory))
    present = set(
        Attendance.objects.filter(
            meeting__trajectory=trajectory, status=Attendance.Status.PRESENT
        ).values_list("person_id", flat=True)
    )
    if present:
        return [p for p in everybody if p.pk in present], "present"
    return everybody, "everybody"


def join_dutch(items: list) -> str:
    """'5, 6 en 8'."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s en %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


@dataclass
class Reachability:
    sizes: list[int]
    meetings: int
    people: int
    per_person: int  # most new people one person can still meet
    most_needed: int  # most people one participant still has to meet
    reachable: bool  # whether 100 % is not ruled out by the bound
    bound_share: float  # the highest share the sizes allow (an upper bound)
    text: str


def reachability(
    sizes: list[int], meetings: int, unmet: dict, met_count: int, total_pairs: int
) -> Reachability:
    """Whether 'everybody knows everybody' can still be reached with these group sizes.

    In a group of s people one meets at most s - 1 others, so over the remaining rounds one
    person meets at most sum(s - 1) new people. Person p still has unmet[p] people to meet; no
    plan can give more new pairs than sum(min(unmet[p], that maximum)) / 2.
    """
    people = len(unmet)
    per_person = sum(max(0, s - 1) for s in sizes)
    most_needed = max(unmet.values(), default=0)
    bound_new = sum(min(u, per_person) for u in unmet.values()) // 2
    bound_share = (met_count + bound_new) / total_pairs if total_pairs else 1.0
    reachable = most_needed <= per_person
    if total_pairs and met_count >= total_pairs:
        text = _("Iedereen kent iedereen al. Het doel is gehaald.")
    elif not sizes:
        text = _(
            "Er staan geen groepsrondes meer op de agenda. ‘Iedereen kent iedereen’ wordt dus "
            "niet gehaald."
        )
    else:
        first = ngettext(
            "Met %(sizes)s kan iemand in %(meetings)s bijeenkomst hoogstens %(max)s anderen "
            "ontmoeten",
            "Met %(sizes)s kan iemand in %(meetings)s bijeenkomsten hoogstens %(max)s anderen "
            "ontmoeten",
            meetings,
        ) % {
            "sizes": ngettext("een groepje van %(list)s", "groepjes van %(list)s", len(sizes))
            % {"list": join_dutch(sizes)},
            "meetings": meetings,
            "max": per_person,
        }
        if reachable:
            second = _(
                "; ‘iedereen kent iedereen’ kan dus nog, als de groepen goed worden ingedeeld."
            )
        elif met_count == 0:
            second = _("; met %(n)s deelnemers lukt ‘iedereen kent iedereen’ dus niet.") % {
                "n": people
            }
        else:
            second = _(
                "; er is iemand die nog %(need)s mensen moet leren kennen, dus ‘iedereen kent "
                "iedereen’ lukt niet."
            ) % {"need": most_needed}
        text = first + second
        if not reachable:
            text += " " + _("Hoogstens haalbaar is %(share)s %%.") % {
                "share": math.floor(100 * bound_share)
            }
    return Reachability(
        sizes=list(sizes),
        meetings=meetings,
        people=people,
        per_person=per_person,
        most_needed=most_needed,
        reachable=reachable,
        bound_share=bound_share,
        text=text,
    )


@dataclass
class MeetingShare:
    label: str
    meeting: Meeting | None
    met: int
    share: float

    @property
    def percent(self) -> int:
        return math.floor(100 * self.share)


@dataclass
class Acquaintance:
    people: list[Person]
    basis: str
    total_pairs: int
    met: int
    per_meeting: list[MeetingShare]
    unmet: list[tuple[Person, list[Person]]]
    remaining_items: list[AgendaItem]
    target: Meeting | None
    reach: Reachability

    @property
    def share(self) -> float:
        return self.met / self.total_pairs if self.total_pairs else 0.0

    @property
    def percent(self) -> int:
        return math.floor(100 * self.share)


def target_meeting(meetings: list[Meeting]) -> Meeting | None:
    """Session five (the playbook's goal), or else the last session."""
    fives = [m for m in meetings if m.number == 5]
    if fives:
        return fives[0]
    return meetings[-1] if meetings else None


def remaining_group_items(meetings: list[Meeting], target: Meeting | None) -> list[AgendaItem]:
    """Items that split into groups, in sessions up to the target, without a held round yet.

    Every group round counts (acquaintance, case discussion, motivation): every round that is
    marked as held records who met whom.
    """
    if target is None:
        return []
    upto = meetings[: meetings.index(target) + 1]
    open_meetings = [m for m in upto if m.status != Meeting.Status.HELD]
    items = (
        AgendaItem.objects.filter(meeting__in=open_meetings, group_max_size__isnull=False)
        .exclude(rounds__status=GroupRound.Status.HELD)
        .select_related("meeting")
        .distinct()
    )
    order = {m.pk: i for i, m in enumerate(meetings)}
    return sorted(items, key=lambda i: (order[i.meeting_id], i.position, i.pk))


def acquaintance(trajectory: Trajectory) -> Acquaintance:
    people, basis = active_participants(trajectory)
    ids = [p.pk for p in people]
    total = len(ids) * (len(ids) - 1) // 2
    encounters = list(
        Encounter.objects.filter(
            trajectory=trajectory, person_a__in=ids, person_b__in=ids
        ).values_list("person_a_id", "person_b_id", "first_meeting_id")
    )
    meetings = _ordered_meetings(trajectory)
    per_first = Counter(first for _a, _b, first in encounters)
    running = per_first.get(None, 0)
    per_meeting = []
    if running:
        per_meeting.append(
            MeetingShare(_("Kenden elkaar al"), None, running, running / total if total else 0)
        )
    known = {m.pk for m in meetings}
    # Encounters from a session that was cancelled later still count, at the start.
    orphans = sum(c for first, c in per_first.items() if first is not None and first not in known)
    running += orphans
    for meeting in meetings:
        running += per_first.get(meeting.pk, 0)
        if meeting.status == Meeting.Status.HELD or per_first.get(meeting.pk):
            per_meeting.append(
                MeetingShare(meeting.title, meeting, running, running / total if total else 0)
            )
    met = {(a, b) for a, b, _f in encounters}
    unmet = []
    for person in people:
        others = [
            o
            for o in people
            if o.pk != person.pk and (min(o.pk, person.pk), max(o.pk, person.pk)) not in met
        ]
        unmet.append((person, others))
    target = target_meeting(meetings)
    items = remaining_group_items(meetings, target)
    reach = reachability(
        [i.group_max_size for i in items],
        len({i.meeting_id for i in items}),
        {p.pk: len(others) for p, others in unmet},
        len(met),
        total,
    )
    return Acquaintance(
        people=people,
        basis=basis,
        total_pairs=total,
        met=len(met),
        per_meeting=per_meeting,
        unmet=unmet,
        remaining_items=items,
        target=target,
        reach=reach,
    )


def future_group_rounds(item: AgendaItem, present: list[Person]) -> list[tuple[AgendaItem, list]]:
    """The group rounds still to come after ``item``, up to session five, each with the people
    expected there: planning today's groups together with these keeps "everybody knows
    everybody by session five" in view.

    Later items of the same session expect the people divided now. A later session expects its
    confirmed and invited people (and colleagues sent in someone's place); when nobody has been
    invited yet, the active participants and the people divided now. Rounds that were already
    held are not planned again.
    """
    meeting = item.meeting
    meetings = _ordered_meetings(meeting.trajectory)
    if meeting not in meetings:
        return []
    target = target_meeting(meetings)
    if target is None or meetings.index(meeting) > meetings.index(target):
        return []
    later = set(meetings[meetings.index(meeting) + 1 : meetings.index(target) + 1])
    rounds = []
    default = None
    for future in remaining_group_items(meetings, target):
        if future.meeting_id == meeting.pk:
            if (future.position, future.pk) <= (item.position, item.pk):
                continue
            people = present
        elif future.meeting in later:
            people, basis = people_for_groups(future.meeting)
            if basis == "everybody":
                if default is None:
                    active, _basis = active_participants(meeting.trajectory)
                    ids = {p.pk for p in active} | {p.pk for p in present}
                    default = [p for p in participants(meeting.trajectory) if p.pk in ids]
                people = default
        else:
            continue
        if len(people) >= 2:
            rounds.append((future, people))
    return rounds


@dataclass
class Forecast:
    share: float | None
    new_pairs: int
    seconds: float
    error: str = ""

    @property
    def percent(self) -> int | None:
        return None if self.share is None else math.floor(100 * self.share)


def _forecast_key(trajectory, ids, met, sizes) -> str:
    digest = hashlib.sha256(repr((ids, sorted(met), sizes)).encode()).hexdigest()[:24]
    return f"grouping:forecast:{trajectory.pk}:{digest}"


def forecast(trajectory: Trajectory, summary: Acquaintance, *, refresh=False) -> Forecast | None:
    """How close the best plan for the remaining rounds gets to everybody knowing everybody.

    Runs the optimiser over every remaining group round with all active participants present
    (who will come is not known yet). The result is cached until the input changes.
    """
    sizes = [i.group_max_size for i in summary.remaining_items]
    ids = [p.pk for p in summary.people]
    if not sizes or len(ids) < 2 or summary.met >= summary.total_pairs:
        return None
    met = met_pairs(trajectory, ids)
    key = _forecast_key(trajectory, ids, met, sizes)
    if not refresh:
        found = cache.get(key)
        if found is not None:
            return found
    present = tuple(str(i) for i in ids)
    try:
        plan = plan_groups(
            [engine_person(p) for p in summary.people],
            [RoundSpec(present=present, max_size=s) for s in sizes],
            met=[(str(a), str(b)) for a, b in met],
            seed=1,
            time_limit=getattr(settings, "WEEFWERK_FORECAST_SECONDS", 2.0),
        )
    except GroupingError as error:
        result = Forecast(None, 0, 0.0, str(error))
    else:
        new = plan.score.new_pairs
        result = Forecast((len(met) + new) / summary.total_pairs, new, plan.seconds)
    cache.set(key, result, timeout=60 * 60 * 24)
    return result
