"""Reads of the actions app: ranking, duplicates, the board, the follow-up lists, the needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, F, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from weefwerk.actions import dedupe
from weefwerk.actions.models import (
    ActionStatus,
    ActionUpdate,
    Agreement,
    ChangeWish,
    WishVote,
    WishVoting,
    default_dots,
)
from weefwerk.people.models import Organisation, Person
from weefwerk.trajectories.models import Meeting, Trajectory

FOLLOWUP_PREFIX = "followup-"

# --------------------------------------------------------------------------------------------
# Change wishes


def wishes(trajectory: Trajectory, status: str | None = None) -> QuerySet[ChangeWish]:
    found = trajectory.change_wishes.select_related("meeting").prefetch_related(
        "raised_by", "owners"
    )
    if status:
        found = found.filter(status=status)
    return found.annotate(
        person_dots=Count("person_votes", distinct=True),
        total_votes=F("votes") + Count("person_votes", distinct=True),
    )


def wishes_ranked(trajectory: Trajectory) -> list[ChangeWish]:
    """The open wishes, most dots first (dots from the wall plus dots through the links);
    each with ``rank`` (equal totals share a rank)."""
    ranked = list(
        wishes(trajectory, ChangeWish.Status.OPEN).order_by("-total_votes", "created_at", "pk")
    )
    rank, previous = 0, None
    for index, wish in enumerate(ranked, start=1):
        if wish.total_votes != previous:
            rank, previous = index, wish.total_votes
        wish.rank = rank
    return ranked


def duplicate_suggestions(
    wish: ChangeWish, threshold: float = dedupe.DEFAULT_THRESHOLD
) -> list[tuple[ChangeWish, float]]:
    """Other open or chosen wishes of the trajectory that are probably the same wish."""
    others = (
        ChangeWish.objects.filter(
            trajectory_id=wish.trajectory_id,
            status__in=[ChangeWish.Status.OPEN, ChangeWish.Status.CHOSEN],
        )
        .exclude(pk=wish.pk)
        .prefetch_related("raised_by")
    )
    by_id = {other.pk: other for other in others}
    found = dedupe.likely_duplicates(
        wish.text, [(pk, other.text) for pk, other in by_id.items()], threshold
    )
    return [(by_id[pk], score) for pk, score in found]


def voting_for(trajectory: Trajectory) -> WishVoting:
    """The trajectory's dot vote settings; not saved when there are none yet."""
    voting = WishVoting.objects.filter(trajectory=trajectory).first()
    return voting or WishVoting(trajectory=trajectory, dots_per_person=default_dots())


def dots_used(person: Person) -> int:
    return WishVote.objects.filter(person=person, wish__trajectory_id=person.trajectory_id).count()


def dots_per_wish(person: Person) -> dict[int, int]:
    rows = (
        WishVote.objects.filter(person=person)
        .values("wish_id")
        .annotate(n=Count("pk"))
        .values_list("wish_id", "n")
    )
    return dict(rows)


# --------------------------------------------------------------------------------------------
# Agreements


def agreements(trajectory: Trajectory) -> QuerySet[Agreement]:
    return (
        trajectory.agreements.select_related("from_wish")
        .prefetch_related("owners__organisation", "organisations", "commitments__person")
        .annotate(
            update_count=Count("updates", distinct=True),
            last_update_at=Max("updates__created_at"),
        )
        .order_by("due_date", "created_at", "pk")
    )


def involving_organisation(organisation: Organisation) -> Q:
    return Q(organisations=organisation) | Q(owners__organisation=organisation)


BOARD_STATUSES = ("open", "stuck", "done")


def board(
    trajectory: Trajectory,
    *,
    person_ids: list[int] | None = None,
    status: str = "",
    organisation: Organisation | None = None,
) -> list[Agreement]:
    """All agreements, filtered: ``person_ids`` (owners, for "mine"), ``status`` ("open" is
    everything not done; "stuck"; "done") and ``organisation`` (its own agreements and those
    of its people)."""
    found = agreements(trajectory)
    if person_ids is not None:
        found = found.filter(owners__in=person_ids)
    if status == "open":
        found = found.exclude(status=ActionStatus.DONE)
    elif status in (ActionStatus.STUCK, ActionStatus.DONE):
        found = found.filter(status=status)
    if organisation is not None:
        found = found.filter(involving_organisation(organisation))
    return list(found.distinct())


def agreement_history(agreement: Agreement) -> QuerySet[ActionUpdate]:
    """Every update of the agreement, oldest first."""
    return agreement.updates.select_related("person", "meeting").order_by("created_at", "pk")


def agreements_for_person(person: Person) -> tuple[list[Agreement], list[Agreement]]:
    """(mine, others): the agreements the person owns or joined, and the rest of the
    trajectory's agreements (to join with "Ik doe mee")."""
    everything = list(agreements(person.trajectory))
    mine, others = [], []
    for agreement in everything:
        owners = {owner.pk for owner in agreement.owners.all()}
        joined = {c.person_id: c for c in agreement.commitments.all()}
        agreement.is_owner = person.pk in owners
        agreement.my_commitment = joined.get(person.pk)
        (mine if agreement.is_owner or agreement.my_commitment else others).append(agreement)
    return mine, others


def organisation_agreements(organisation: Organisation) -> list[Agreement]:
    trajectory = organisation.trajectory
    return list(agreements(trajectory).filter(involving_organisation(organisation)).distinct())


def people_with_user(trajectory: Trajectory, user) -> list[int]:
    """The ids of the trajectory's people linked to ``user`` (for the filter "mine")."""
    if not user.is_authenticated:
        return []
    return list(trajectory.people.filter(user=user).values_list("pk", flat=True))


# --------------------------------------------------------------------------------------------
# The follow-up track


def followup_meetings(trajectory: Trajectory) -> QuerySet[Meeting]:
    """The follow-up meetings (vervolgontmoetingen), in order."""
    return trajectory.meetings.filter(template_key__startswith=FOLLOWUP_PREFIX).order_by(
        F("starts_at").asc(nulls_last=True), "number", "pk"
    )


def next_followup_meeting(trajectory: Trajectory, now: datetime | None = None) -> Meeting | None:
    """The follow-up meeting a report made now is for: the next planned one (also on its own
    day), else the first planned one without a date."""
    now = now or timezone.now()
    planned = followup_meetings(trajectory).filter(status=Meeting.Status.PLANNED)
    start_of_today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    dated = planned.filter(starts_at__gte=start_of_today).order_by("starts_at").first()
    return dated or planned.filter(starts_at__isnull=True).order_by("number", "pk").first()


@dataclass
class MeetingAction:
    agreement: Agreement
    status: str  # the status at the meeting (the latest update before it ended)
    carried_over: bool  # it was on the previous follow-up meeting's list too
    updates: list[ActionUpdate] = field(default_factory=list)  # reported for this meeting

    @property
    def status_label(self) -> str:
        return ActionStatus(self.status).label


@dataclass
class FollowUp:
    meeting: Meeting
    actions: list[MeetingAction]

    @property
    def carried_over_count(self) -> int:
        return sum(1 for action in self.actions if action.carried_over)


def _status_as_of(updates: list[ActionUpdate], moment: datetime) -> str:
    status = ActionStatus.NOT_STARTED
    for update in updates:  # oldest first
        if update.created_at <= moment:
            status = update.status
    return status


def followup_lists(trajectory: Trajectory, now: datetime | None = None) -> list[FollowUp]:
    """Per follow-up meeting the actions on its list.

    An agreement is on a meeting's list when it existed before the meeting began and it was
    not yet done when the previous follow-up meeting began. So every open action carries over
    to the next meeting by itself, and an action reported done is on one more list (where the
    owner tells it is done) and then leaves. For meetings still to come "when it began" means
    now.
    """
    now = now or timezone.now()
    meetings = list(followup_meetings(trajectory).exclude(status=Meeting.Status.CANCELLED))
    updates_prefetch = Prefetch(
        "updates",
        queryset=ActionUpdate.objects.select_related("person").order_by("created_at", "pk"),
    )
    all_agreements = list(
        trajectory.agreements.prefetch_related("owners__organisation", updates_prefetch)
    )
    lists, previous_ids, previous_start = [], set(), None
    for index, meeting in enumerate(meetings):
        start = min(meeting.starts_at, now) if meeting.starts_at else now
        end = min(meeting.ends_at, now) if meeting.ends_at else now
        actions = []
        for agreement in all_agreements:
            updates = list(agreement.updates.all())
            if agreement.created_at > start:
                continue
            if index > 0 and _status_as_of(updates, previous_start) == ActionStatus.DONE:
                continue
            actions.append(
                MeetingAction(
                    agreement=agreement,
                    status=_status_as_of(updates, end),
                    carried_over=agreement.pk in previous_ids,
                    updates=[u for u in updates if u.meeting_id == meeting.pk],
                )
            )
        lists.append(FollowUp(meeting=meeting, actions=actions))
        previous_ids = {action.agreement.pk for action in actions}
        previous_start = start
    return lists


def actions_for_meeting(meeting: Meeting, now: datetime | None = None) -> list[MeetingAction]:
    """The actions on the list of one follow-up meeting (see :func:`followup_lists`)."""
    for followup in followup_lists(meeting.trajectory, now):
        if followup.meeting.pk == meeting.pk:
            return followup.actions
    return []


# --------------------------------------------------------------------------------------------
# "What do I need?" for the managers' update


def _group_key(group) -> tuple:
    organisation = group.organisation
    return (organisation is None, organisation.name.lower() if organisation else "")


@dataclass
class Need:
    agreement: Agreement
    person: Person | None
    text: str
    created_at: datetime
    meeting: Meeting | None


@dataclass
class OrganisationNeeds:
    organisation: Organisation | None  # None: people without an organisation
    needs: list[Need]


def needs_for_managers(
    trajectory: Trajectory, organisation: Organisation | None = None
) -> list[OrganisationNeeds]:
    """The latest "what do I need" answer of each owner on each agreement that is not done,
    grouped by the organisation of the person who answered (organisations by name, people
    without an organisation last). With ``organisation``, only that organisation's group.

    An owner whose latest report leaves the question empty needs nothing (any more).
    """
    updates = (
        ActionUpdate.objects.filter(agreement__trajectory=trajectory)
        .exclude(agreement__status=ActionStatus.DONE)
        .select_related("agreement", "person__organisation", "meeting")
        .order_by("created_at", "pk")
    )
    latest: dict[tuple[int, int | None], ActionUpdate] = {}
    for update in updates:
        latest[(update.agreement_id, update.person_id)] = update
    groups: dict[int | None, OrganisationNeeds] = {}
    for update in latest.values():
        text = update.what_i_need.strip()
        if not text:
            continue
        org = update.person.organisation if update.person else None
        if organisation is not None and (org is None or org.pk != organisation.pk):
            continue
        group = groups.setdefault(org.pk if org else None, OrganisationNeeds(org, []))
        group.needs.append(
            Need(
                agreement=update.agreement,
                person=update.person,
                text=text,
                created_at=update.created_at,
                meeting=update.meeting,
            )
        )
    for group in groups.values():
        group.needs.sort(key=lambda need: need.created_at, reverse=True)
    return sorted(
        groups.values(),
        key=_group_key,
    )
