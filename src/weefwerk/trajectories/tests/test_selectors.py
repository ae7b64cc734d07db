from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from weefwerk.people.models import InformFrequency
from weefwerk.people.tests.factories import OrganisationFactory, PersonFactory
from weefwerk.trajectories import selectors
from weefwerk.trajectories.models import Role, Trajectory
from weefwerk.trajectories.tests.factories import MeetingFactory, make_trajectory

pytestmark = pytest.mark.django_db


def gaps(trajectory) -> str:
    return "\n".join(selectors.preparation_gaps(trajectory))


def test_a_new_trajectory_misses_everything(trajectory):
    text = gaps(trajectory)
    assert "De gezamenlijke ambitie is nog niet beschreven." in text
    assert "Er is nog geen projectteam" in text
    assert "Er zijn nog geen leidinggevenden vastgelegd met hun wensen." in text
    assert "Er doet nog geen ervaringsdeskundige mee." in text
    assert "Nog niemand uit deze domeinen: Schuldhulpverlening" in text
    assert "Er zijn 0 van de 6 bijeenkomsten aangemaakt." in text
    assert "vaste deelnemer" not in text
    assert "geen datum" not in text


def test_gaps_disappear_as_data_is_added(trajectory):
    trajectory.ambition = "Elk kind doet mee."
    trajectory.save()
    assert "ambitie" not in gaps(trajectory)

    PersonFactory(trajectory=trajectory, is_project_team=True)
    assert "projectteam" not in gaps(trajectory)

    manager = PersonFactory(trajectory=trajectory, is_manager=True)
    assert "Niet van alle leidinggevenden is bekend hoe vaak" in gaps(trajectory)
    manager.inform_frequency = InformFrequency.MONTHLY
    manager.save()
    assert "leidinggevenden" not in gaps(trajectory)

    PersonFactory(trajectory=trajectory, is_expert=True)
    assert "ervaringsdeskundige" not in gaps(trajectory)


def test_a_project_team_account_counts_as_project_team(trajectory, project_member):
    assert "projectteam" not in gaps(trajectory)


def test_organisations_without_a_fixed_participant(trajectory):
    organisation = OrganisationFactory(trajectory=trajectory)
    assert "1 organisatie heeft nog geen vaste deelnemer." in gaps(trajectory)
    OrganisationFactory(trajectory=trajectory)
    assert "2 organisaties hebben nog geen vaste deelnemer." in gaps(trajectory)
    PersonFactory(trajectory=trajectory, organisation=organisation, is_fixed_participant=False)
    assert "2 organisaties" in gaps(trajectory)
    PersonFactory(trajectory=trajectory, organisation=organisation, is_fixed_participant=True)
    assert "1 organisatie heeft" in gaps(trajectory)


def test_empty_domains_fill_up_through_organisations_and_people(trajectory):
    domains = {d.name: d for d in trajectory.domains.all()}
    OrganisationFactory(trajectory=trajectory, domains=[domains["Schuldhulpverlening"]])
    text = gaps(trajectory)
    assert "Nog niemand uit deze domeinen: Budgetcoaching" in text
    person = PersonFactory(trajectory=trajectory)
    person.domains.set([domains["Budgetcoaching"]])
    assert "Nog niemand uit deze domeinen: Kerkelijke organisaties" in gaps(trajectory)
    for domain in domains.values():
        OrganisationFactory(trajectory=trajectory, domains=[domain])
    assert "Nog niemand uit deze domeinen" not in gaps(trajectory)


def test_meetings_planned_and_dated(trajectory):
    start = timezone.now() + timedelta(days=14)
    for number in range(5):
        MeetingFactory(trajectory=trajectory, number=number, starts_at=start)
    MeetingFactory(trajectory=trajectory, number=5, starts_at=None)
    text = gaps(trajectory)
    assert "bijeenkomsten aangemaakt" not in text
    assert "1 bijeenkomst heeft nog geen datum." in text
    trajectory.meetings.update(starts_at=start)
    assert "datum" not in gaps(trajectory)


def test_the_encounters_series_expects_five_meetings(trajectory):
    trajectory.approach = Trajectory.Approach.ENCOUNTERS
    trajectory.save()
    assert "Er zijn 0 van de 5 bijeenkomsten aangemaakt." in gaps(trajectory)


def test_domain_counts_people_through_their_organisation_unless_their_own(trajectory):
    domains = {d.name: d for d in trajectory.domains.all()}
    school = OrganisationFactory(
        trajectory=trajectory, domains=[domains["Onderwijs"], domains["Kinderopvang"]]
    )
    PersonFactory(trajectory=trajectory, organisation=school)  # counts for both
    teacher = PersonFactory(trajectory=trajectory, organisation=school)
    teacher.domains.set([domains["Jeugdgezondheidszorg"]])  # only their own
    PersonFactory(trajectory=trajectory)  # no organisation, no domains: nowhere
    counts = {row["domain"].name: row for row in selectors.domain_counts(trajectory)}
    assert len(counts) == 15
    assert counts["Onderwijs"]["organisations"] == 1
    assert counts["Onderwijs"]["people"] == 1
    assert counts["Kinderopvang"]["people"] == 1
    assert counts["Jeugdgezondheidszorg"]["organisations"] == 0
    assert counts["Jeugdgezondheidszorg"]["people"] == 1
    assert counts["Welzijnswerk"] == {
        "domain": domains["Welzijnswerk"],
        "organisations": 0,
        "people": 0,
    }


def test_domain_counts_keep_the_list_order(trajectory):
    names = [row["domain"].name for row in selectors.domain_counts(trajectory)]
    assert names == list(trajectory.domains.values_list("name", flat=True))


def test_membership_for_raises_404_for_outsiders_and_strangers(trajectory, outsider, facilitator):
    assert selectors.membership_for(facilitator, trajectory.pk).role == Role.FACILITATOR
    for user, trajectory_id in [(outsider, trajectory.pk), (facilitator, 999999)]:
        with pytest.raises(Http404):
            selectors.membership_for(user, trajectory_id)


def test_trajectories_for_user_counts_people_and_organisations(facilitator, outsider):
    mine = make_trajectory(user=facilitator, name="Mijn traject")
    make_trajectory(user=outsider, name="Niet van mij")
    organisation = OrganisationFactory(trajectory=mine)
    PersonFactory(trajectory=mine, organisation=organisation)
    PersonFactory(trajectory=mine)
    [row] = selectors.trajectories_for_user(facilitator)
    assert row == mine
    assert (row.people_count, row.organisation_count) == (2, 1)
