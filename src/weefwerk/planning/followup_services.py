"""Writes for homework and feedback after a session."""

import time

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from weefwerk.people.models import Person
from weefwerk.planning.models import FeedbackResponse, Homework, HomeworkAnswer
from weefwerk.trajectories.models import Meeting

# At most this many feedback responses per session per minute (a simple guard against floods).
FEEDBACK_PER_MINUTE = 30


class FeedbackRefused(Exception):
    """The response was not saved; ``str(error)`` says why, in Dutch."""

    def __init__(self, message: str, *, status: int):
        super().__init__(message)
        self.status = status


@transaction.atomic
def homework_create(*, meeting: Meeting, **fields) -> Homework:
    homework = Homework(meeting=meeting, **fields)
    homework.full_clean()
    homework.save()
    return homework


@transaction.atomic
def homework_update(homework: Homework, **fields) -> Homework:
    for name, value in fields.items():
        setattr(homework, name, value)
    homework.full_clean()
    homework.save()
    return homework


@transaction.atomic
def homework_delete(homework: Homework) -> None:
    """Deletes the homework and every answer to it."""
    homework.delete()


@transaction.atomic
def homework_answer_save(*, homework: Homework, person: Person, text: str) -> HomeworkAnswer:
    """The person's answer, created or replaced. The person comes from the signed link only."""
    if person.trajectory_id != homework.meeting.trajectory_id:
        raise ValueError("person and homework belong to different trajectories")
    answer, _created = HomeworkAnswer.objects.update_or_create(
        homework=homework, person=person, defaults={"text": text.strip()}
    )
    return answer


def _rate_key(meeting: Meeting) -> str:
    return f"planning:feedback-rate:{meeting.pk}:{int(time.time() // 60)}"


def _count_one(meeting: Meeting) -> int:
    key = _rate_key(meeting)
    cache.add(key, 0, timeout=120)
    try:
        return cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=120)
        return 1


def feedback_submit(*, meeting: Meeting, **answers) -> FeedbackResponse:
    """Save one anonymous response; refuses cancelled sessions and too many at once."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise FeedbackRefused(
            _("Deze bijeenkomst is afgelast. Je kunt er geen feedback over geven."), status=409
        )
    if _count_one(meeting) > FEEDBACK_PER_MINUTE:
        raise FeedbackRefused(
            _(
                "Er komen nu heel veel reacties tegelijk binnen. "
                "Probeer het over een minuut opnieuw."
            ),
            status=429,
        )
    response = FeedbackResponse(meeting=meeting, **answers)
    response.full_clean()
    response.save()
    return response
