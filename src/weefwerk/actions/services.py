"""Writes of the actions app: wishes, votes, agreements, commitments, progress, follow-up."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from weefwerk.actions import selectors
from weefwerk.actions.models import (
    ActionUpdate,
    Agreement,
    ChangeWish,
    Commitment,
    WishVote,
    WishVoting,
)
from weefwerk.people.models import Organisation, Person
from weefwerk.planning.schedule_services import series_schedule
from weefwerk.planning.scheduling import SeriesPlan
from weefwerk.planning.services import agenda_from_template
from weefwerk.planning.templates_data import library
from weefwerk.trajectories.models import Meeting, Trajectory
from weefwerk.trajectories.services import save_fields

FOLLOWUP_COUNT = 8
FOLLOWUP_INTERVAL_WEEKS = 6  # eight meetings about every six weeks: a year


def _same_trajectory(trajectory_id: int, *objects) -> None:
    for obj in objects:
        if obj is not None and obj.trajectory_id != trajectory_id:
            raise ValueError(f"{obj!r} belongs to another trajectory")


# --------------------------------------------------------------------------------------------
# Change wishes


@transaction.atomic
def wish_create(
    *,
    trajectory: Trajectory,
    text: str,
    raised_by: Iterable[Person] = (),
    meeting: Meeting | None = None,
    votes: int = 0,
    source: str = ChangeWish.Source.TYPED,
    note_id: int | None = None,
) -> ChangeWish:
    raised_by = list(raised_by)
    _same_trajectory(trajectory.pk, meeting, *raised_by)
    wish = ChangeWish(
        trajectory=trajectory,
        text=text.strip(),
        meeting=meeting,
        votes=votes,
        source=source,
        note_id=note_id,
    )
    wish.full_clean()
    wish.save()
    wish.raised_by.set(raised_by)
    return wish


@transaction.atomic
def wish_from_note(
    trajectory: Trajectory,
    text: str,
    person: Person | None,
    meeting: Meeting | None,
    note_id: int,
) -> ChangeWish:
    """A wish from a live note (for the live-session app). Once per note: calling it again for
    the same note adds the person to those who raised it and changes nothing else."""
    wish = (
        ChangeWish.objects.select_for_update()
        .filter(trajectory=trajectory, note_id=note_id)
        .first()
    )
    if wish is None:
        wish = wish_create(
            trajectory=trajectory,
            text=text,
            raised_by=[person] if person else [],
            meeting=meeting,
            source=ChangeWish.Source.LIVE_NOTE,
            note_id=note_id,
        )
    elif person is not None:
        _same_trajectory(trajectory.pk, person)
        wish.raised_by.add(person)
    return wish


@transaction.atomic
def wish_update(wish: ChangeWish, **fields) -> ChangeWish:
    _same_trajectory(wish.trajectory_id, fields.get("meeting"), *fields.get("raised_by", []))
    return save_fields(wish, **fields)


@transaction.atomic
def wish_merge(*, wish: ChangeWish, into: ChangeWish) -> ChangeWish:
    """``wish`` becomes part of ``into``: everyone who raised either is kept, the dots move,
    and wishes merged into ``wish`` earlier now point at ``into``."""
    wish, into = (
        ChangeWish.objects.select_for_update().get(pk=wish.pk),
        ChangeWish.objects.select_for_update().get(pk=into.pk),
    )
    if wish.pk == into.pk or wish.trajectory_id != into.trajectory_id:
        raise ValidationError(_("Een wens kan alleen samengaan met een andere wens."))
    if ChangeWish.Status.MERGED in (wish.status, into.status):
        raise ValidationError(_("Deze wens is al samengevoegd met een andere wens."))
    into.raised_by.add(*wish.raised_by.all())
    into.owners.add(*wish.owners.all())
    WishVote.objects.filter(wish=wish).update(wish=into)
    ChangeWish.objects.filter(pk=into.pk).update(votes=F("votes") + wish.votes)
    ChangeWish.objects.filter(merged_into=wish).update(merged_into=into)
    wish.status = ChangeWish.Status.MERGED
    wish.merged_into = into
    wish.votes = 0
    wish.save(update_fields=["status", "merged_into", "votes"])
    into.refresh_from_db()
    return into


@transaction.atomic
def wall_votes_save(trajectory: Trajectory, counts: dict[int, int]) -> int:
    """Store the dots counted on the wall per open wish; returns how many wishes changed."""
    changed = 0
    for wish in ChangeWish.objects.select_for_update().filter(
        trajectory=trajectory, pk__in=list(counts), status=ChangeWish.Status.OPEN
    ):
        if wish.votes != counts[wish.pk]:
            wish.votes = counts[wish.pk]
            wish.save(update_fields=["votes"])
            changed += 1
    return changed


@transaction.atomic
def voting_save(*, trajectory: Trajectory, dots_per_person: int, is_open: bool) -> WishVoting:
    voting, _created = WishVoting.objects.select_for_update().get_or_create(trajectory=trajectory)
    voting.dots_per_person = dots_per_person
    voting.is_open = is_open
    voting.full_clean()
    voting.save()
    return voting


class VoteRefused(Exception):
    """The dot was not placed; ``str(error)`` says why, in Dutch."""


def vote_add(*, person: Person, wish: ChangeWish) -> WishVote:
    """Place one dot of ``person`` on ``wish``, within the person's number of dots.

    The person's row is locked first (``select_for_update``), so two requests of the same
    person at the same moment are handled one after the other: the second one counts the
    first one's dot and cannot go over the limit.
    """
    with transaction.atomic():
        Person.objects.select_for_update().only("pk").get(pk=person.pk)
        voting = WishVoting.objects.filter(trajectory_id=person.trajectory_id).first()
        if voting is None or not voting.is_open:
            raise VoteRefused(_("Stemmen kan nu niet. De gespreksleider zet het stemmen open."))
        wish = ChangeWish.objects.filter(pk=wish.pk, trajectory_id=person.trajectory_id).first()
        if wish is None or wish.status != ChangeWish.Status.OPEN:
            raise VoteRefused(_("Op deze wens kun je niet (meer) stemmen."))
        if selectors.dots_used(person) >= voting.dots_per_person:
            raise VoteRefused(
                _("Je hebt al je %(count)s stippen gebruikt. Haal eerst een stip weg.")
                % {"count": voting.dots_per_person}
            )
        return WishVote.objects.create(wish=wish, person=person)


@transaction.atomic
def vote_remove(*, person: Person, wish: ChangeWish) -> bool:
    vote = WishVote.objects.filter(person=person, wish=wish).order_by("-pk").first()
    if vote is None:
        return False
    vote.delete()
    return True


@transaction.atomic
def wish_choose(*, wish: ChangeWish, owners: Iterable[Person]) -> Agreement:
    """The group chose ``wish``: it gets its owners and becomes an agreement (to complete with
    a date and how the group will know it worked)."""
    wish = ChangeWish.objects.select_for_update().get(pk=wish.pk)
    owners = list(owners)
    _same_trajectory(wish.trajectory_id, *owners)
    if not owners:
        raise ValidationError(_("Kies minstens één trekker."))
    if wish.status == ChangeWish.Status.MERGED:
        raise ValidationError(_("Deze wens is samengevoegd met een andere wens."))
    wish.status = ChangeWish.Status.CHOSEN
    wish.save(update_fields=["status"])
    wish.owners.set(owners)
    agreement = wish.agreements.order_by("pk").first()
    if agreement is None:
        agreement = Agreement.objects.create(
            trajectory_id=wish.trajectory_id, what=wish.text[:300], from_wish=wish
        )
    agreement.owners.set(owners)
    organisations = {owner.organisation_id for owner in owners if owner.organisation_id}
    agreement.organisations.add(*organisations)
    return agreement


# --------------------------------------------------------------------------------------------
# Agreements and commitments


@transaction.atomic
def agreement_save(
    agreement: Agreement,
    *,
    owners: Iterable[Person],
    organisations: Iterable[Organisation] = (),
    **fields,
) -> Agreement:
    owners, organisations = list(owners), list(organisations)
    _same_trajectory(agreement.trajectory_id, *owners, *organisations)
    return save_fields(agreement, owners=owners, organisations=organisations, **fields)


@transaction.atomic
def agreement_delete(agreement: Agreement) -> None:
    """Deletes the agreement with its commitments and progress; its wish is open again."""
    wish = agreement.from_wish
    agreement.delete()
    if wish is not None and not wish.agreements.exists():
        wish.status = ChangeWish.Status.OPEN
        wish.save(update_fields=["status"])


@transaction.atomic
def commit(
    *,
    agreement: Agreement,
    person: Person,
    via: str = Commitment.Via.LINK,
    when: datetime | None = None,
) -> Commitment:
    """Record that ``person`` commits to ``agreement`` ("Ik doe mee"), with the moment.
    Committing again keeps the first moment."""
    _same_trajectory(agreement.trajectory_id, person)
    commitment, _created = Commitment.objects.get_or_create(
        agreement=agreement,
        person=person,
        defaults={"via": via, "committed_at": when or timezone.now()},
    )
    return commitment


@transaction.atomic
def commit_many(
    *, agreement: Agreement, people: Iterable[Person], when: datetime | None = None
) -> list[Commitment]:
    """The facilitator records commitments on behalf of people (who said so in the room)."""
    return [
        commit(agreement=agreement, person=person, via=Commitment.Via.FACILITATOR, when=when)
        for person in people
    ]


# --------------------------------------------------------------------------------------------
# Progress


@transaction.atomic
def update_report(
    *,
    agreement: Agreement,
    person: Person | None,
    status: str,
    meeting: Meeting | None = None,
    now: datetime | None = None,
    **answers,
) -> ActionUpdate:
    """A progress report on ``agreement``; it sets the agreement's status. Without ``meeting``
    it is for the next follow-up meeting of the trajectory."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    _same_trajectory(agreement.trajectory_id, person, meeting)
    now = now or timezone.now()
    if meeting is None:
        meeting = selectors.next_followup_meeting(agreement.trajectory, now)
    update = ActionUpdate(
        agreement=agreement,
        person=person,
        meeting=meeting,
        status=status,
        created_at=now,
        **{name: (answers.get(name) or "").strip() for name in ActionUpdate.QUESTIONS},
    )
    update.full_clean()
    update.save()
    if agreement.status != status:
        agreement.status = status
        agreement.save(update_fields=["status", "updated_at"])
    return update


# --------------------------------------------------------------------------------------------
# The follow-up track


@transaction.atomic
def followup_meetings_ensure(trajectory: Trajectory) -> list[Meeting]:
    """Add the eight follow-up meetings ("Vervolgontmoeting 1" to "8") that the trajectory does
    not have yet, each with the agenda of the built-in template. Returns the new ones."""
    existing = set(
        trajectory.meetings.filter(template_key__startswith=selectors.FOLLOWUP_PREFIX).values_list(
            "template_key", flat=True
        )
    )
    templates = library().templates
    created = []
    for number in range(1, FOLLOWUP_COUNT + 1):
        key = f"{selectors.FOLLOWUP_PREFIX}{number}"
        if key in existing:
            continue
        template = templates.get(key)
        meeting = Meeting.objects.create(
            trajectory=trajectory,
            number=template.number if template else 5 + number,
            title=template.title if template else _("Vervolgontmoeting %(n)s") % {"n": number},
            goal=template.goal if template else "",
            what_to_bring=template.what_to_bring if template else "",
            planned_minutes=template.planned_minutes if template else 120,
            template_key=key,
        )
        if template:
            agenda_from_template(meeting, template)
        created.append(meeting)
    return created


@transaction.atomic
def followup_track_plan(
    *,
    trajectory: Trajectory,
    first_date: date,
    start_time: time,
    interval_weeks: int = FOLLOWUP_INTERVAL_WEEKS,
    excluded: Iterable[date] = (),
) -> list[Meeting]:
    """Make sure the eight follow-up meetings exist, then date the ones not yet held with the
    planning's series tool (``interval_weeks`` apart, excluded dates move a week). Returns the
    follow-up meetings whose date changed."""
    followup_meetings_ensure(trajectory)
    plan = SeriesPlan(
        first_date=first_date,
        start_time=start_time,
        interval_weeks=interval_weeks,
        excluded=frozenset(excluded),
    )
    meetings = list(
        trajectory.meetings.filter(
            template_key__startswith=selectors.FOLLOWUP_PREFIX, status=Meeting.Status.PLANNED
        ).order_by("number", "pk")
    )
    return series_schedule(trajectory, plan, meetings)
