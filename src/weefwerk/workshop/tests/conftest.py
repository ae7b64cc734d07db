"""Fixtures of the live-session tests: a session with a categorised assignment and people."""

import pytest
from django.core.cache import cache

from weefwerk.people.models import Person
from weefwerk.planning.models import AgendaItem
from weefwerk.trajectories.tests.factories import MeetingFactory
from weefwerk.workshop import joining, services

CATEGORIES = ["Motivatoren", "Demotivatoren", "Randvoorwaarden", "Belemmeringen"]


@pytest.fixture(autouse=True)
def clean_cache_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def meeting(trajectory):
    return MeetingFactory(trajectory=trajectory, number=4, title="Stap 4: wat motiveert?")


@pytest.fixture
def item(meeting):
    return AgendaItem.objects.create(
        meeting=meeting,
        position=4,
        title="Opdracht 4B",
        minutes=60,
        kind="assignment",
        assignment={
            "type": "categorised_notes",
            "categories": CATEGORIES,
            "questions": ["Wat motiveert jou om samen te werken?"],
            "mode": "plenary",
        },
    )


@pytest.fixture
def assignment(item):
    (assignment,) = services.assignments_from_item(item=item)
    return services.assignment_control(assignment=assignment, action="open")


@pytest.fixture
def people(trajectory):
    return [
        Person.objects.create(trajectory=trajectory, name=name)
        for name in ("Anna Jansen", "Bram de Boer", "Chantal Visser")
    ]


@pytest.fixture
def anna(meeting, people):
    return services.participant_join(meeting=meeting, person=people[0])


@pytest.fixture
def bram(meeting, people):
    return services.participant_join(meeting=meeting, person=people[1])


def phone(participant) -> str:
    return f"/doe-mee/deelname/{joining.make_token(participant)}/"


def note_data(assignment, text, category="Motivatoren") -> dict:
    prefix = f"opdracht-{assignment.pk}"
    return {"opdracht": assignment.pk, f"{prefix}-text": text, f"{prefix}-category": category}
