"""Fixtures shared by every Django test: users in each role of one trajectory."""

import pytest

from weefwerk.trajectories.models import Role


@pytest.fixture
def password():
    return "geheim-wachtwoord-123"


@pytest.fixture
def facilitator(db):
    from weefwerk.trajectories.tests.factories import UserFactory

    return UserFactory(full_name="Fenna Gespreksleider")


@pytest.fixture
def trajectory(facilitator):
    from weefwerk.trajectories.tests.factories import make_trajectory

    return make_trajectory(user=facilitator)


def _member(trajectory, role):
    from weefwerk.trajectories.models import Membership
    from weefwerk.trajectories.tests.factories import UserFactory

    user = UserFactory()
    Membership.objects.create(trajectory=trajectory, user=user, role=role)
    return user


@pytest.fixture
def manager(trajectory):
    return _member(trajectory, Role.MANAGER)


@pytest.fixture
def project_member(trajectory):
    return _member(trajectory, Role.PROJECT_TEAM)


@pytest.fixture
def outsider(db):
    from weefwerk.trajectories.tests.factories import UserFactory

    return UserFactory()


@pytest.fixture
def facilitator_client(client, facilitator):
    client.force_login(facilitator)
    return client
