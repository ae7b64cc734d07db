"""Writes of the planning app: sessions from templates, agenda editing, the kaasschaafmethode."""

from django.db import transaction
from django.db.models import Max

from weefwerk.engine.agenda import shave
from weefwerk.planning.models import AgendaItem
from weefwerk.planning.templates_data import SessionTemplate, library
from weefwerk.trajectories.models import Meeting, Trajectory
from weefwerk.trajectories.services import meeting_update, save_fields, trajectory_create

# What a calendar shows of an agenda item: the event's description lists the agenda with clock
# times (title, minutes) and the participants' text. The team's notes are not in it.
CALENDAR_ITEM_FIELDS = ("title", "minutes", "participant_text")


@transaction.atomic
def trajectory_start(*, user, **fields) -> Trajectory:
    """A new trajectory with every session of its approach, each with its template agenda."""
    trajectory = trajectory_create(user=user, **fields)
    series_create(trajectory)
    return trajectory


@transaction.atomic
def series_create(trajectory: Trajectory) -> list[Meeting]:
    """Adds the approach's sessions that the trajectory does not have yet (by template key)."""
    existing = set(trajectory.meetings.values_list("template_key", flat=True))
    meetings = []
    for template in library().for_approach(trajectory.approach):
        if template.key in existing:
            continue
        meeting = Meeting.objects.create(
            trajectory=trajectory,
            number=template.number,
            title=template.title,
            goal=template.goal,
            what_to_bring=template.what_to_bring,
            planned_minutes=template.planned_minutes,
            template_key=template.key,
        )
        agenda_from_template(meeting, template)
        meetings.append(meeting)
    return meetings


def agenda_from_template(meeting: Meeting, template: SessionTemplate) -> list[AgendaItem]:
    return AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            position=index,
            title=item.title,
            minutes=item.minutes,
            kind=item.kind,
            fixed=item.fixed,
            participant_text=item.participant_text,
            team_notes=item.team_notes,
            group_max_size=item.groups.get("max_size"),
            group_purpose=item.groups.get("purpose", ""),
            assignment=item.assignment,
        )
        for index, item in enumerate(template.items)
    )


@transaction.atomic
def item_add(*, meeting: Meeting, **fields) -> AgendaItem:
    last = meeting.agenda_items.aggregate(last=Max("position"))["last"]
    item = AgendaItem(meeting=meeting, position=0 if last is None else last + 1, **fields)
    item.full_clean()
    item.save()
    agenda_changed(meeting)
    return item


@transaction.atomic
def save_item(item: AgendaItem, **fields) -> AgendaItem:
    """Save an item; the calendar hears of it only when something it shows changed.

    Compares with the stored row: a ModelForm has already put the new values on ``item``.
    """
    stored = AgendaItem.objects.filter(pk=item.pk).values(*CALENDAR_ITEM_FIELDS).first()
    save_fields(item, **fields)
    if stored is None or any(getattr(item, name) != stored[name] for name in CALENDAR_ITEM_FIELDS):
        agenda_changed(item.meeting)
    return item


@transaction.atomic
def item_delete(item: AgendaItem) -> None:
    meeting = item.meeting
    item.delete()
    agenda_changed(meeting)


@transaction.atomic
def agenda_reorder(meeting: Meeting, ordered_ids: list[int]) -> None:
    """Puts the items in the given order. The ids must be exactly the meeting's items."""
    current = list(meeting.agenda_items.select_for_update())
    items = {item.pk: item for item in current}
    if sorted(ordered_ids) != sorted(items):
        raise ValueError("The order must name every item of the agenda once.")
    if [item.pk for item in current] == list(ordered_ids):
        return  # the same order: nothing for the calendar either
    for position, pk in enumerate(ordered_ids):
        items[pk].position = position
    AgendaItem.objects.bulk_update(items.values(), ["position"])
    agenda_changed(meeting)


def item_move(item: AgendaItem, offset: int) -> None:
    """Moves an item up (-1) or down (+1); at the edge nothing happens."""
    ids = list(item.meeting.agenda_items.values_list("pk", flat=True))
    index = ids.index(item.pk)
    target = index + offset
    if 0 <= target < len(ids):
        ids[index], ids[target] = ids[target], ids[index]
        agenda_reorder(item.meeting, ids)


def fit_preview(items: list[AgendaItem], target_minutes: int) -> list[tuple[AgendaItem, int]]:
    """What the kaasschaafmethode makes of these items; raises ShaveError when impossible."""
    new_minutes = shave([(item.minutes, item.fixed) for item in items], target_minutes)
    return list(zip(items, new_minutes, strict=True))


@transaction.atomic
def agenda_fit(meeting: Meeting, target_minutes: int, *, from_item: AgendaItem | None = None):
    """Shaves (or lengthens) the agenda, or the part from ``from_item`` on, to the target."""
    items = list(meeting.agenda_items.select_for_update())
    if from_item is not None:
        items = items[[i.pk for i in items].index(from_item.pk) :]
    changes = fit_preview(items, target_minutes)
    changed = [item for item, minutes in changes if item.minutes != minutes]
    for item, minutes in changes:
        item.minutes = minutes
    if changed:
        AgendaItem.objects.bulk_update(changed, ["minutes"])
        agenda_changed(meeting)
    return changes


def agenda_changed(meeting: Meeting) -> None:
    """The agenda changed in a way a calendar shows (items, order, minutes, texts).

    The session's planned length follows its agenda, and the event's description (the agenda
    with clock times) changed, so calendars must update the event: ``meeting_update`` raises
    ``calendar_sequence``, once, the same way as for a new date or place.
    """
    total = sum(meeting.agenda_items.values_list("minutes", flat=True))
    fields = {"planned_minutes": total} if total else {}
    meeting_update(meeting, calendar_changed=True, **fields)
