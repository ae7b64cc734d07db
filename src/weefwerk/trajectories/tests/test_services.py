import pytest
from django.contrib.auth import get_user_model

from weefwerk.trajectories import services
from weefwerk.trajectories.domains import DEFAULT_DOMAINS
from weefwerk.trajectories.models import Membership, Role, Trajectory
from weefwerk.trajectories.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_trajectory_create_seeds_the_fifteen_domains_in_order(facilitator):
    trajectory = services.trajectory_create(
        user=facilitator, name="Samen sterk", municipality="Lindeveen", district="Noord"
    )
    names = list(trajectory.domains.values_list("name", flat=True))
    assert len(names) == 15
    assert names == [str(name) for name in DEFAULT_DOMAINS]
    assert names[:7] == [
        "Schuldhulpverlening",
        "Budgetcoaching",
        "Kerkelijke organisaties",
        "Welzijnswerk",
        "Jeugdgezondheidszorg",
        "Onderwijs",
        "Ervaringsdeskundigheid",
    ]
    assert list(trajectory.domains.values_list("position", flat=True)) == list(range(15))


def test_trajectory_create_makes_the_creator_facilitator(facilitator):
    trajectory = services.trajectory_create(user=facilitator, name="X", municipality="Y")
    membership = Membership.objects.get(trajectory=trajectory)
    assert membership.user == facilitator
    assert membership.role == Role.FACILITATOR


def test_each_trajectory_gets_its_own_domains(facilitator):
    a = services.trajectory_create(user=facilitator, name="A", municipality="Y")
    b = services.trajectory_create(user=facilitator, name="B", municipality="Y")
    a.domains.filter(name="GGD").update(name="GGD Noord")
    assert b.domains.filter(name="GGD").exists()


def test_domain_create_appends_at_the_end(trajectory):
    domain = services.domain_create(trajectory=trajectory, name="  Bibliotheek ")
    assert domain.name == "Bibliotheek"
    assert domain.position == 15
    assert list(trajectory.domains.all())[-1] == domain


def test_member_add_creates_an_account_without_a_usable_password(trajectory):
    membership = services.member_add(
        trajectory=trajectory, email=" Nieuw@Voorbeeld.Example ", role=Role.MANAGER, full_name="Nel"
    )
    user = membership.user
    assert user.email == "nieuw@voorbeeld.example"
    assert user.full_name == "Nel"
    assert not user.has_usable_password()
    assert membership.role == Role.MANAGER


def test_member_add_reuses_an_existing_account_whatever_the_case(trajectory):
    existing = UserFactory(email="Bestaand@Voorbeeld.example")
    membership = services.member_add(
        trajectory=trajectory, email="bestaand@voorbeeld.example", role=Role.PARTICIPANT
    )
    assert membership.user == existing
    assert existing.has_usable_password()
    assert get_user_model().objects.filter(email__iexact="bestaand@voorbeeld.example").count() == 1


def test_member_add_for_a_member_changes_the_role(trajectory, manager):
    membership = services.member_add(
        trajectory=trajectory, email=manager.email, role="project_team"
    )
    assert membership.role == Role.PROJECT_TEAM
    assert trajectory.memberships.filter(user=manager).count() == 1


def test_the_last_facilitator_cannot_be_downgraded_by_member_add(trajectory, facilitator):
    with pytest.raises(services.LastFacilitatorError) as error:
        services.member_add(trajectory=trajectory, email=facilitator.email, role=Role.MANAGER)
    assert "enige gespreksleider" in error.value.messages[0]
    assert trajectory.memberships.get(user=facilitator).role == Role.FACILITATOR


def test_the_last_facilitator_cannot_be_downgraded_or_removed(trajectory, facilitator):
    membership = trajectory.memberships.get(user=facilitator)
    with pytest.raises(services.LastFacilitatorError):
        services.member_change_role(membership=membership, role=Role.PROJECT_TEAM)
    with pytest.raises(services.LastFacilitatorError):
        services.member_remove(membership=membership)
    membership.refresh_from_db()
    assert membership.role == Role.FACILITATOR


def test_a_facilitator_may_step_down_when_there_is_another(trajectory, facilitator, manager):
    services.member_change_role(
        membership=trajectory.memberships.get(user=manager), role=Role.FACILITATOR
    )
    old = trajectory.memberships.get(user=facilitator)
    services.member_change_role(membership=old, role=Role.PROJECT_TEAM)
    assert old.role == Role.PROJECT_TEAM
    # Now the former manager is the only one left.
    with pytest.raises(services.LastFacilitatorError):
        services.member_remove(membership=trajectory.memberships.get(user=manager))


def test_the_rule_checks_the_stored_role_not_an_edited_copy(trajectory, facilitator):
    membership = trajectory.memberships.get(user=facilitator)
    membership.role = Role.MANAGER  # as a bound ModelForm leaves it
    with pytest.raises(services.LastFacilitatorError):
        services.member_change_role(membership=membership, role=Role.MANAGER)


def test_other_members_can_be_changed_and_removed(trajectory, manager):
    membership = trajectory.memberships.get(user=manager)
    services.member_change_role(membership=membership, role=Role.PARTICIPANT)
    assert membership.role == Role.PARTICIPANT
    services.member_remove(membership=membership)
    assert not trajectory.memberships.filter(user=manager).exists()


def test_facilitators_of_other_trajectories_do_not_count(trajectory, facilitator):
    other = Trajectory.objects.create(name="Ander", municipality="Elders")
    Membership.objects.create(trajectory=other, user=UserFactory(), role=Role.FACILITATOR)
    with pytest.raises(services.LastFacilitatorError):
        services.member_remove(membership=trajectory.memberships.get(user=facilitator))


def test_save_fields_validates_and_sets_many_to_many(trajectory):
    from django.core.exceptions import ValidationError

    from weefwerk.people.models import Organisation

    organisation = Organisation(trajectory=trajectory)
    domains = list(trajectory.domains.all()[:2])
    services.save_fields(organisation, name="Voedselbank", domains=domains, is_formal=True)
    assert set(organisation.domains.all()) == set(domains)
    with pytest.raises(ValidationError):
        services.save_fields(Organisation(trajectory=trajectory), name="")
