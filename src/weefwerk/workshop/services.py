"""Writes of the workshop app. Each runs in one transaction and tells the live screens after it
commits. Rows that two phones could change at the same moment are locked with
select_for_update (a participant's votes: the participant row is the lock)."""

from __future__ import annotations

from django.apps import apps
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from weefwerk.planning.models import AgendaItem, ItemKind
from weefwerk.planning.services import agenda_changed
from weefwerk.trajectories.models import Meeting
from weefwerk.workshop import events, selectors
from weefwerk.workshop.models import (
    NOTE_MAX_LENGTH,
    Assignment,
    Cluster,
    Note,
    Participant,
    Photo,
    Vote,
)
from weefwerk.workshop.photos import clean_photo

CARRY_OVER_TOP = 5


class WorkshopRefused(Exception):
    """A write that cannot be done now; the message is Dutch and shown to the user."""


# --------------------------------------------------------------------------------------------
# Assignments


def _clean_list(values) -> list[str]:
    return [str(v).strip()[:300] for v in values or [] if str(v).strip()]


def _from_template(data: dict, title: str) -> dict:
    type_ = data.get("type") if data.get("type") in Assignment.Type.values else "open_question"
    mode = data.get("mode") if data.get("mode") in Assignment.Mode.values else "plenary"
    return {
        "type": type_,
        "title": title[:200],
        "questions": _clean_list(data.get("questions")),
        "categories": _clean_list(data.get("categories")),
        "mode": mode,
    }


@transaction.atomic
def assignments_from_item(*, item: AgendaItem) -> list[Assignment]:
    """One click: the item's assignment(s) from its session template (an item may have a second
    one under "also", done by the other half of the groups). Without template data: an open
    question with the item's title."""
    AgendaItem.objects.select_for_update().filter(pk=item.pk).first()
    existing = list(item.assignments.all())
    if existing:
        return existing
    data = item.assignment or {}
    specs = [_from_template(data, item.title)] if data else []
    if isinstance(data.get("also"), dict):
        also = _from_template(data["also"], item.title)
        also["title"] = f"{item.title}: {Assignment.Type(also['type']).label}"[:200]
        specs.append(also)
    if not specs:
        mode = "groups" if item.group_max_size else "plenary"
        specs = [
            {
                "type": "open_question",
                "title": item.title,
                "questions": [item.title],
                "categories": [],
                "mode": mode,
            }
        ]
    created = [
        Assignment.objects.create(meeting=item.meeting, agenda_item=item, position=n, **spec)
        for n, spec in enumerate(specs)
    ]
    events.refresh(item.meeting_id)
    return created


@transaction.atomic
def assignment_save(
    *,
    assignment: Assignment,
    title: str,
    type: str,
    questions: list[str],
    categories: list[str],
    mode: str,
    votes_per_person: int,
) -> Assignment:
    assignment.title = title
    assignment.type = type
    assignment.questions = _clean_list(questions)
    assignment.categories = _clean_list(categories)
    assignment.mode = mode
    assignment.votes_per_person = votes_per_person
    assignment.save()
    events.refresh(assignment.meeting_id, assignment_id=assignment.pk)
    return assignment


def _locked(assignment: Assignment) -> Assignment:
    return Assignment.objects.select_for_update().get(pk=assignment.pk)


@transaction.atomic
def assignment_control(*, assignment: Assignment, action: str) -> Assignment:
    """The facilitator's buttons: open, close, back to draft, hide or reveal notes, show or hide
    names, start and close dot voting."""
    a = _locked(assignment)
    if action == "open":
        a.status = Assignment.Status.OPEN
        a.opened_at = timezone.now()
    elif action == "close":
        a.status = Assignment.Status.CLOSED
    elif action == "draft":
        a.status = Assignment.Status.DRAFT
    elif action == "hide":
        a.reveal_notes = False
    elif action == "reveal":
        a.reveal_notes = True
    elif action == "names_on":
        a.show_names = True
    elif action == "names_off":
        a.show_names = False
    elif action == "vote_start":
        if a.voting == Assignment.Voting.OPEN:
            raise WorkshopRefused(_("Het stemmen loopt al."))
        if not selectors.live_notes(a).exists():
            raise WorkshopRefused(_("Er zijn nog geen notities om op te stemmen."))
        if a.voting == Assignment.Voting.CLOSED:
            a.votes.all().delete()  # a new round of voting starts from zero
        a.voting = Assignment.Voting.OPEN
        a.status = Assignment.Status.OPEN
        a.opened_at = a.opened_at or timezone.now()
    elif action == "vote_close":
        if a.voting != Assignment.Voting.OPEN:
            raise WorkshopRefused(_("Er loopt geen stemming."))
        a.voting = Assignment.Voting.CLOSED
    else:
        raise WorkshopRefused(_("Deze knop kennen we niet."))
    a.save()
    if a.type == Assignment.Type.WISHES and action in ("close", "vote_close"):
        wishes_to_actions(assignment=a)
    if action == "vote_close" and a.type == Assignment.Type.WISHES:
        carry_over(assignment=a)
    events.refresh(a.meeting_id, assignment_id=a.pk)
    return a


@transaction.atomic
def assignment_delete(*, assignment: Assignment) -> None:
    meeting_id = assignment.meeting_id
    for photo in assignment.photos.all():
        photo.image.delete(save=False)
    assignment.delete()
    events.refresh(meeting_id)


# --------------------------------------------------------------------------------------------
# Joining


@transaction.atomic
def participant_join(*, meeting: Meeting, person=None) -> Participant:
    """A participant row for this person (the same one when they join again on another phone),
    or a new anonymous one."""
    if person is not None and person.trajectory_id != meeting.trajectory_id:
        raise ValueError("person of another trajectory")
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    if person is None:
        return Participant.objects.create(meeting=meeting)
    participant, _created = Participant.objects.get_or_create(meeting=meeting, person=person)
    return participant


@transaction.atomic
def joining_set(*, meeting: Meeting, open_: bool) -> Meeting:
    """Open or close joining by hand; after a session was marked held, opening it again is
    the facilitator's explicit choice (for example for latecomers' notes)."""
    meeting.joining_open = open_
    meeting.save(update_fields=["joining_open"])
    events.refresh(meeting.pk)
    return meeting


def close_joining_when_held(sender, instance: Meeting, raw=False, **kwargs) -> None:
    """``pre_save`` of Meeting: a session that is marked held closes joining (and checking in).

    Only the change to held closes it, however the session is saved (the session form, the
    admin, a service with ``update_fields``); a facilitator may open it again afterwards with
    :func:`joining_set`. Open phones reload and show "Deze sessie is gesloten".
    """
    if raw or instance.pk is None or instance.status != Meeting.Status.HELD:
        return
    if not instance.joining_open:
        return
    before = Meeting.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    if before is None or before == Meeting.Status.HELD:
        return
    # Written at once as well, for saves with ``update_fields`` that leave joining_open out.
    Meeting.objects.filter(pk=instance.pk).update(joining_open=False)
    instance.joining_open = False
    meeting_id = instance.pk
    transaction.on_commit(lambda: events.refresh(meeting_id))


# --------------------------------------------------------------------------------------------
# Notes


def _clean_note(assignment: Assignment, *, text: str, category: str) -> tuple[str, str]:
    text = (text or "").strip()
    if not text:
        raise WorkshopRefused(_("Schrijf iets op het kaartje."))
    if len(text) > NOTE_MAX_LENGTH:
        raise WorkshopRefused(
            _("Je notitie is te lang. Gebruik hoogstens %(n)s tekens.") % {"n": NOTE_MAX_LENGTH}
        )
    category = (category or "").strip()
    if category and category not in assignment.columns:
        raise WorkshopRefused(_("Kies een categorie uit de lijst."))
    return text, category


def _group_number(assignment: Assignment, person_id, chosen) -> int | None:
    if assignment.mode != Assignment.Mode.GROUPS:
        return None
    groups = selectors.item_groups(assignment.agenda_item)
    if chosen not in (None, ""):
        try:
            number = int(chosen)
        except (TypeError, ValueError) as error:
            raise WorkshopRefused(_("Kies een groep uit de lijst.")) from error
        if number not in groups:
            raise WorkshopRefused(_("Kies een groep uit de lijst."))
        return number
    return selectors.group_of(groups, person_id)


def note_add(
    *,
    assignment: Assignment,
    text: str,
    category: str = "",
    participant: Participant | None = None,
    person=None,
    typed_by=None,
    group=None,
) -> Note:
    """A new note. From a phone (``participant``) only while the assignment is open; the
    facilitator (``typed_by``) may also type notes for someone after it closed."""
    assignment = Assignment.objects.get(pk=assignment.pk)  # its status now
    if participant is not None:
        if participant.meeting_id != assignment.meeting_id:
            raise WorkshopRefused(_("Deze opdracht hoort bij een andere bijeenkomst."))
        if not assignment.is_open:
            raise WorkshopRefused(_("Deze opdracht is gesloten. Je kunt niets meer toevoegen."))
        person = participant.person  # of the meeting's trajectory: checked when joining
    elif person is not None and person.trajectory_id != assignment.meeting.trajectory_id:
        raise ValueError("person of another trajectory")
    text, category = _clean_note(assignment, text=text, category=category)
    group_number = _group_number(assignment, person.pk if person else None, group)
    # The checks above read outside the transaction; it starts with the write, so SQLite
    # takes its write lock at once (and waits for it) instead of failing to upgrade a read.
    with transaction.atomic():
        note = Note.objects.create(
            assignment=assignment,
            participant=participant,
            person=person,
            typed_by=typed_by,
            category=category,
            group_number=group_number,
            text=text,
        )
        events.note_changed(note, assignment)
    return note


def _own_note(participant: Participant, note_id: int) -> Note:
    note = (
        Note.objects.select_for_update(of=("self",))
        .select_related("assignment")
        .filter(pk=note_id, participant=participant)
        .first()
    )
    if note is None:
        raise WorkshopRefused(_("Dit is niet jouw notitie."))
    if not note.assignment.is_open:
        raise WorkshopRefused(
            _("Deze opdracht is gesloten. Je kunt je notitie niet meer wijzigen.")
        )
    return note


@transaction.atomic
def note_update_own(
    *, participant: Participant, note_id: int, text: str, category: str = ""
) -> Note:
    note = _own_note(participant, note_id)
    note.text, note.category = _clean_note(note.assignment, text=text, category=category)
    note.save(update_fields=["text", "category", "updated_at"])
    events.note_changed(note, note.assignment)
    return note


@transaction.atomic
def note_delete_own(*, participant: Participant, note_id: int) -> None:
    note = _own_note(participant, note_id)
    _note_delete(note)


def _note_delete(note: Note) -> None:
    assignment = note.assignment
    had_duplicates = note.duplicates.exists()
    note.duplicates.update(merged_into=None)
    pk = note.pk
    note.delete()
    note.pk = pk
    if had_duplicates:
        events.refresh(assignment.meeting_id, assignment_id=assignment.pk)
    else:
        events.note_changed(note, assignment, deleted=True)


@transaction.atomic
def note_delete(*, note: Note) -> None:
    """The facilitator removes a note (for example an empty or rude one)."""
    _note_delete(
        Note.objects.select_for_update(of=("self",)).select_related("assignment").get(pk=note.pk)
    )


# --------------------------------------------------------------------------------------------
# Clusters and duplicates


@transaction.atomic
def cluster_add(*, assignment: Assignment, name: str) -> Cluster:
    name = (name or "").strip()[:120]
    if not name:
        raise WorkshopRefused(_("Geef het cluster een naam."))
    position = (assignment.clusters.aggregate(m=Max("position"))["m"] or 0) + 1
    cluster = Cluster.objects.create(assignment=assignment, name=name, position=position)
    events.refresh(assignment.meeting_id, assignment_id=assignment.pk, phones=False)
    return cluster


@transaction.atomic
def cluster_rename(*, cluster: Cluster, name: str) -> Cluster:
    name = (name or "").strip()[:120]
    if not name:
        raise WorkshopRefused(_("Geef het cluster een naam."))
    cluster.name = name
    cluster.save(update_fields=["name"])
    events.refresh(cluster.assignment.meeting_id, assignment_id=cluster.assignment_id, phones=False)
    return cluster


@transaction.atomic
def cluster_delete(*, cluster: Cluster) -> None:
    assignment = cluster.assignment
    cluster.delete()  # its notes stay, without cluster
    events.refresh(assignment.meeting_id, assignment_id=assignment.pk, phones=False)


@transaction.atomic
def note_move(*, note: Note, cluster: Cluster | None) -> Note:
    if cluster is not None and cluster.assignment_id != note.assignment_id:
        raise WorkshopRefused(_("Dit cluster hoort bij een andere opdracht."))
    note.cluster = cluster
    note.save(update_fields=["cluster", "updated_at"])
    events.note_changed(note, note.assignment)
    return note


@transaction.atomic
def note_merge(*, note: Note, into: Note) -> Note:
    """``note`` is a duplicate of ``into``: it leaves the wall, its votes go to ``into``.
    The text is kept and shown under ``into`` on the results page."""
    if note.pk == into.pk or note.assignment_id != into.assignment_id:
        raise WorkshopRefused(_("Kies een andere notitie van dezelfde opdracht."))
    if into.merged_into_id:
        into = into.merged_into
    Note.objects.filter(merged_into=note).update(merged_into=into)
    Vote.objects.filter(note=note).update(note=into)
    note.merged_into = into
    note.save(update_fields=["merged_into", "updated_at"])
    assignment = note.assignment
    events.refresh(assignment.meeting_id, assignment_id=assignment.pk)
    return note


@transaction.atomic
def note_unmerge(*, note: Note) -> Note:
    note.merged_into = None
    note.save(update_fields=["merged_into", "updated_at"])
    events.refresh(note.assignment.meeting_id, assignment_id=note.assignment_id)
    return note


# --------------------------------------------------------------------------------------------
# Dot voting


def _lock_participant(participant: Participant) -> Participant:
    """The per-person lock for voting. The UPDATE comes first so that SQLite takes its write
    lock at the start of the transaction (it has no row locks and ignores FOR UPDATE);
    on PostgreSQL the UPDATE and the SELECT ... FOR UPDATE lock the participant's row."""
    Participant.objects.filter(pk=participant.pk).update(last_seen_at=timezone.now())
    return Participant.objects.select_for_update().get(pk=participant.pk)


@transaction.atomic
def vote_add(*, participant: Participant, note_id: int) -> Vote:
    """One dot on a note. The participant's row is locked first, so two taps at the same
    moment (or two phones of the same person) cannot together exceed the limit."""
    locked = _lock_participant(participant)
    note = (
        Note.objects.select_related("assignment")
        .filter(pk=note_id, assignment__meeting_id=locked.meeting_id, merged_into__isnull=True)
        .first()
    )
    if note is None:
        raise WorkshopRefused(_("Deze notitie bestaat niet meer."))
    assignment = note.assignment
    if assignment.voting != Assignment.Voting.OPEN:
        raise WorkshopRefused(_("Het stemmen is gesloten."))
    used = Vote.objects.filter(assignment=assignment, participant=locked).count()
    if used >= assignment.votes_per_person:
        raise WorkshopRefused(
            _("Je hebt al je %(n)s stippen gegeven. Haal er eerst een weg.")
            % {"n": assignment.votes_per_person}
        )
    vote = Vote.objects.create(assignment=assignment, participant=locked, note=note)
    _votes_changed(assignment)
    return vote


@transaction.atomic
def vote_remove(*, participant: Participant, note_id: int) -> None:
    locked = _lock_participant(participant)
    vote = (
        Vote.objects.select_related("assignment")
        .filter(participant=locked, note_id=note_id, assignment__voting=Assignment.Voting.OPEN)
        .order_by("-pk")
        .first()
    )
    if vote is None:
        raise WorkshopRefused(_("Je hebt hier geen stip op gezet."))
    assignment = vote.assignment
    vote.delete()
    _votes_changed(assignment)


def _votes_changed(assignment: Assignment) -> None:
    # Votes stay hidden while voting: walls hear only how many dots were given.
    events.publish(
        assignment.meeting_id,
        wall={"type": "votes", "assignment": assignment.pk, "cast": assignment.votes.count()},
    )


def ranking(assignment: Assignment, top: int | None = None) -> list[Note]:
    notes = (
        selectors.live_notes(assignment)
        .annotate(vote_count=Count("votes"))
        .filter(vote_count__gt=0)
        .order_by("-vote_count", "pk")
    )
    return list(notes[:top] if top else notes)


def next_meeting(meeting: Meeting) -> Meeting | None:
    """The session after this one: by date when both have one, else by number."""
    others = meeting.trajectory.meetings.exclude(pk=meeting.pk).exclude(
        status=Meeting.Status.CANCELLED
    )
    if meeting.starts_at:
        later = others.filter(starts_at__gt=meeting.starts_at).order_by("starts_at", "number")
        if later.exists():
            return later.first()
    return others.filter(number__gt=meeting.number).order_by("number", "pk").first()


def wishes_to_actions(*, assignment: Assignment) -> int:
    """When the actions app is installed: every change-wish note becomes a ChangeWish through
    its service (once per note), with its dots when the voting has closed. Returns how many."""
    if not apps.is_installed("weefwerk.actions"):
        return 0
    from weefwerk.actions.services import wish_from_note, wish_update

    meeting = assignment.meeting
    notes = selectors.live_notes(assignment).select_related("person").annotate(n=Count("votes"))
    count = 0
    for note in notes:
        wish = wish_from_note(meeting.trajectory, note.text, note.person, meeting, note.pk)
        if assignment.voting == Assignment.Voting.CLOSED and wish.votes != note.n:
            wish_update(wish, votes=note.n)
        count += 1
    # Whoever wrote a duplicate raised the same wish.
    duplicates = assignment.notes.filter(merged_into__isnull=False, person__isnull=False)
    for dup in duplicates.select_related("person", "merged_into"):
        target = dup.merged_into
        wish_from_note(meeting.trajectory, target.text, dup.person, meeting, target.pk)
    return count


def carry_over(*, assignment: Assignment) -> AgendaItem | None:
    """Open items carry over: the top change wishes become (or update) the agenda item
    "Veranderwensen van vorige keer" at the start of the next session. When the actions app is
    installed, the wishes themselves go there too (``wishes_to_actions``)."""
    top = ranking(assignment, CARRY_OVER_TOP)
    if not top:
        return None
    target = next_meeting(assignment.meeting)
    if target is None:
        return None
    lines = [_("De meeste stippen bij „%(title)s”:") % {"title": assignment.title}]
    lines += [f"{n}. {note.text} ({note.vote_count})" for n, note in enumerate(top, start=1)]
    text = "\n".join(lines)
    item = assignment.carried_to
    if item is None or item.meeting_id != target.pk:
        # First after the opening items (welcome, getting to know each other, look back).
        opening = {ItemKind.WELCOME, ItemKind.ACQUAINTANCE, ItemKind.LOOK_BACK}
        items = list(target.agenda_items.order_by("position", "pk"))
        position = 0
        for existing in items:
            if existing.kind in opening:
                position = existing.position + 1
        target.agenda_items.filter(position__gte=position).update(position=F("position") + 1)
        item = AgendaItem.objects.create(
            meeting=target,
            position=position,
            title=_("Veranderwensen van vorige keer"),
            minutes=10,
            kind=ItemKind.LOOK_BACK,
            participant_text=text,
        )
        assignment.carried_to = item
        assignment.save(update_fields=["carried_to"])
    elif item.participant_text != text:
        item.participant_text = text
        item.save(update_fields=["participant_text"])
    else:
        return item  # nothing new for the next session's agenda
    agenda_changed(target)  # the next session's calendar event shows the new agenda
    return item


# --------------------------------------------------------------------------------------------
# Photos


@transaction.atomic
def photo_add(
    *, assignment: Assignment, uploaded, caption: str = "", participant=None, user=None
) -> Photo:
    clean = clean_photo(uploaded)
    photo = Photo(
        assignment=assignment,
        content_type=clean.content_type,
        width=clean.width,
        height=clean.height,
        caption=(caption or "").strip()[:200],
        participant=participant,
        uploaded_by=user,
    )
    photo.image.save("foto", ContentFile(clean.content), save=False)
    photo.save()
    return photo


@transaction.atomic
def photo_delete(*, photo: Photo) -> None:
    photo.image.delete(save=False)
    photo.delete()
