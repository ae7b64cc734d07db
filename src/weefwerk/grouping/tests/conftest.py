"""Fixtures of the grouping tests: a session with a group item and people to divide."""

import pytest
from django.core.cache import cache

from weefwerk.people.models import Organisation, Person
from weefwerk.planning.models import AgendaItem
from weefwerk.trajectories.tests.factories import MeetingFactory


@pytest.fixture(autouse=True)
def short_searches(settings):
    """Keep the optimiser short so that the whole test run stays fast."""
    settings.WEEFWERK_GROUPS_SECONDS = 0.2
    settings.WEEFWERK_FORECAST_SECONDS = 0.3
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def meeting(trajectory):
    return MeetingFactory(trajectory=trajectory, number=2, title="Stap 2: de casus")


@pytest.fixture
def item(meeting):
    return AgendaItem.objects.create(
        meeting=meeting, position=0, title="Kennismaken", minutes=15, group_max_size=4
    )


def make_people(trajectory, count, *, experts=0, organisations=None, domains=True):
    """``count`` people, the first ``experts`` of them experts by experience; each in one of
    ``organisations`` organisations (default: everybody their own) with one domain each."""
    all_domains = list(trajectory.domains.all())
    orgs = []
    for n in range(organisations or count):
        org = Organisation.objects.create(trajectory=trajectory, name=f"Organisatie {n}")
        if domains and all_domains:
            org.domains.add(all_domains[n % len(all_domains)])
        orgs.append(org)
    return [
        Person.objects.create(
            trajectory=trajectory,
            name=f"Persoon {i:02d}",
            email=f"persoon{i}@voorbeeld.example",
            organisation=orgs[i % len(orgs)],
            is_expert=i < experts,
            expert_trained=i < experts,
        )
        for i in range(count)
    ]


@pytest.fixture
def people(trajectory):
    return make_people(trajectory, 12, experts=3)
