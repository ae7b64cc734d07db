import pytest

from weefwerk.actions.tests.factories import make_organisation, make_person


@pytest.fixture
def organisation(trajectory):
    return make_organisation(trajectory)


@pytest.fixture
def sanne(trajectory, organisation):
    return make_person(trajectory, "Sanne de Vries", organisation)


@pytest.fixture
def ahmed(trajectory):
    other = make_organisation(trajectory, "Schuldhulp Testdorp")
    return make_person(trajectory, "Ahmed Bakker", other)
