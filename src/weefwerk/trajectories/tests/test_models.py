from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from weefwerk.trajectories.models import Domain, Meeting, Membership, Role, Trajectory
from weefwerk.trajectories.tests.factories import MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_trajectory_defaults_and_url(trajectory):
    assert str(trajectory) == "Samen tegen kinderarmoede in Testdorp"
    assert trajectory.approach == Trajectory.Approach.NETWORK
    assert trajectory.status == Trajectory.Status.PREPARING
    assert trajectory.get_absolute_url() == f"/trajecten/{trajectory.pk}/"


def test_only_facilitators_and_project_team_can_edit(trajectory):
    editors = {role for role in Role if Membership(role=role).can_edit}
    assert editors == {Role.FACILITATOR, Role.PROJECT_TEAM}


def test_one_membership_per_user_and_trajectory(trajectory, facilitator):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(trajectory=trajectory, user=facilitator, role=Role.MANAGER)


def test_membership_reads_as_user_and_role(trajectory, facilitator):
    membership = trajectory.memberships.get(user=facilitator)
    assert str(membership) == "Fenna Gespreksleider – Gespreksleider"


def test_domain_names_are_unique_per_trajectory_whatever_the_case(trajectory):
    with pytest.raises(IntegrityError), transaction.atomic():
        Domain.objects.create(trajectory=trajectory, name="ONDERWIJS")
    other = Trajectory.objects.create(name="Ander traject", municipality="Elders")
    assert Domain.objects.create(trajectory=other, name="Onderwijs").pk


def test_domains_are_ordered_by_position(trajectory):
    names = [d.name for d in trajectory.domains.all()]
    assert names[0] == "Schuldhulpverlening"
    assert names[-1] == "Huisarts / zorg"


def test_meeting_end_and_order(trajectory):
    start = timezone.now() + timedelta(days=7)
    later = MeetingFactory(trajectory=trajectory, number=1, starts_at=start + timedelta(days=14))
    undated = MeetingFactory(trajectory=trajectory, number=2, starts_at=None)
    first = MeetingFactory(trajectory=trajectory, number=0, starts_at=start, planned_minutes=90)
    assert first.ends_at == start + timedelta(minutes=90)
    assert undated.ends_at is None
    assert list(trajectory.meetings.all()) == [first, later, undated]
    assert str(first) == "Stap 0"
    assert Meeting._meta.get_field("planned_minutes").default == 150


def test_deleting_a_trajectory_removes_what_belongs_to_it(trajectory):
    from weefwerk.people.tests.factories import OrganisationFactory, PersonFactory

    MeetingFactory(trajectory=trajectory)
    organisation = OrganisationFactory(trajectory=trajectory)
    PersonFactory(trajectory=trajectory, organisation=organisation)
    user = UserFactory()
    Membership.objects.create(trajectory=trajectory, user=user, role=Role.MANAGER)
    trajectory.delete()
    assert not Meeting.objects.exists()
    assert not Domain.objects.exists()
    assert not Membership.objects.exists()
    user.refresh_from_db()  # accounts stay
