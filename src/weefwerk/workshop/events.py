"""Live events: what walls and phones of one session hear through the channel layer.

Walls (logged-in members, the projector) join ``wall_group(meeting_id)`` and get each note as
the wall shows it (text hidden until revealed, names only when shown). Phones join
``phone_group(meeting_id)`` and only hear counts and that something changed, never other
people's notes. Events are sent after the transaction commits, so a wall never fetches a
state that is not in the database yet.
"""

from __future__ import annotations

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

PHONE_COUNT_EVERY = 3  # seconds


def wall_group(meeting_id: int) -> str:
    return f"workshop.wall.{meeting_id}"


def phone_group(meeting_id: int) -> str:
    return f"workshop.phone.{meeting_id}"


def note_for_wall(note, assignment) -> dict:
    """A note as the wall shows it. Text is plain text: the wall sets it with textContent."""
    hidden = not assignment.reveal_notes
    votes = None
    if assignment.voting == assignment.Voting.CLOSED:
        votes = getattr(note, "vote_count", None)
        if votes is None:
            votes = note.votes.count()
    return {
        "id": note.pk,
        "assignment": note.assignment_id,
        "category": note.category,
        "group": note.group_number,
        "cluster": note.cluster_id,
        "merged_into": note.merged_into_id,
        "text": None if hidden else note.text,
        "author": note.author_name if assignment.show_names and not hidden else None,
        "votes": votes,
    }


def _send(group: str, message: dict) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, message)
    except Exception:  # a live screen missing one event must never fail the write
        logger.exception("workshop: could not send a live event to %s", group)


def publish(meeting_id: int, *, wall: dict | None = None, phone: dict | None = None) -> None:
    """Sends the events once the current transaction (if any) has committed."""

    def send():
        if wall is not None:
            _send(wall_group(meeting_id), {"type": "workshop.event", "event": wall})
        if phone is not None:
            _send(phone_group(meeting_id), {"type": "workshop.event", "event": phone})

    transaction.on_commit(send)


def note_changed(note, assignment, *, deleted: bool = False) -> None:
    """A note was added, changed or deleted: walls get the note, phones the new count."""
    from weefwerk.workshop.selectors import live_note_count

    wall = (
        {"type": "note.deleted", "assignment": assignment.pk, "id": note.pk}
        if deleted
        else {"type": "note", "note": note_for_wall(note, assignment)}
    )
    count = live_note_count(assignment)
    wall["count"] = count
    # Every phone of the room hears the count: at most once per PHONE_COUNT_EVERY seconds per
    # assignment, or 200 phones would get 200 messages for every note. (Phones also poll.)
    phone = None
    if cache.add(f"workshop:phone-count:{assignment.pk}", 1, timeout=PHONE_COUNT_EVERY):
        phone = {"type": "count", "assignment": assignment.pk, "count": count}
    publish(assignment.meeting_id, wall=wall, phone=phone)


def refresh(meeting_id: int, *, assignment_id: int | None = None, phones: bool = True) -> None:
    """Something other than one note changed (clusters, merge, reveal, votes, status):
    screens fetch the state again."""
    event = {"type": "refresh", "assignment": assignment_id}
    publish(meeting_id, wall=event, phone=event if phones else None)
