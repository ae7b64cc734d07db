import pytest
from django.urls import reverse

from weefwerk.people.models import Organisation, Person
from weefwerk.people.tests.factories import OrganisationFactory, PersonFactory
from weefwerk.trajectories.tests.factories import make_trajectory

pytestmark = pytest.mark.django_db


def url(name, trajectory, *args):
    return reverse(f"people:{name}", args=[trajectory.pk, *args])


# Organisations


def test_create_edit_and_delete_an_organisation(facilitator_client, trajectory):
    domain = trajectory.domains.get(name="Voedselbank")
    assert facilitator_client.get(url("organisation_create", trajectory)).status_code == 200
    response = facilitator_client.post(
        url("organisation_create", trajectory),
        {"name": "Voedselbank Testdorp", "domains": [domain.pk], "is_formal": "on"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("organisations", trajectory)
    assert "„Voedselbank Testdorp” is opgeslagen." in response.content.decode()
    organisation = trajectory.organisations.get()
    assert list(organisation.domains.all()) == [domain]

    facilitator_client.post(
        url("organisation_edit", trajectory, organisation.pk),
        {"name": "Voedselbank Testdorp e.o.", "description": "Ook voor de buurdorpen."},
    )
    organisation.refresh_from_db()
    assert organisation.name == "Voedselbank Testdorp e.o."
    assert not organisation.is_formal
    assert organisation.domains.count() == 0

    page = facilitator_client.get(url("organisation_delete", trajectory, organisation.pk))
    assert "Dit kunt u niet ongedaan maken." in page.content.decode()
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    facilitator_client.post(url("organisation_delete", trajectory, organisation.pk))
    assert not Organisation.objects.filter(pk=organisation.pk).exists()


def test_a_failed_organisation_form_keeps_what_was_typed(facilitator_client, trajectory):
    OrganisationFactory(trajectory=trajectory, name="Wijkteam Noord")
    domain = trajectory.domains.get(name="Wijkteam")
    response = facilitator_client.post(
        url("organisation_create", trajectory),
        {"name": "wijkteam noord", "domains": [domain.pk], "description": "Mijn lange tekst"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Er is al een organisatie met deze naam." in html
    assert 'value="wijkteam noord"' in html
    assert "Mijn lange tekst" in html
    assert f'value="{domain.pk}" id="id_domains_' in html
    assert response.context["form"]["domains"].value() == [str(domain.pk)]
    assert trajectory.organisations.count() == 1


def test_organisation_list_and_detail(client, trajectory, manager):
    organisation = OrganisationFactory(trajectory=trajectory, name="Buurtkamer")
    PersonFactory(trajectory=trajectory, organisation=organisation, name="Kim Kok")
    client.force_login(manager)
    html = client.get(url("organisations", trajectory)).content.decode()
    assert "Buurtkamer" in html
    html = client.get(url("organisation", trajectory, organisation.pk)).content.decode()
    assert "Kim Kok" in html
    assert url("organisation_edit", trajectory, organisation.pk) not in html


def test_organisation_list_filters(facilitator_client, trajectory):
    OrganisationFactory(trajectory=trajectory, name="Buurtkamer", is_formal=False)
    OrganisationFactory(trajectory=trajectory, name="Gemeente Testdorp")
    response = facilitator_client.get(url("organisations", trajectory), {"kind": "informal"})
    assert [o.name for o in response.context["results"]] == ["Buurtkamer"]
    assert response.context["filtered"]
    # A filter value that does not exist is ignored rather than an error.
    response = facilitator_client.get(url("organisations", trajectory), {"domain": "999999"})
    assert response.status_code == 200
    assert len(response.context["results"]) == 2


def test_organisations_of_another_trajectory_are_not_found(
    facilitator_client, trajectory, outsider
):
    other = make_trajectory(user=outsider, name="Ander")
    foreign = OrganisationFactory(trajectory=other)
    for name in ("organisation", "organisation_edit", "organisation_delete"):
        assert facilitator_client.get(url(name, trajectory, foreign.pk)).status_code == 404
    facilitator_client.post(url("organisation_delete", trajectory, foreign.pk))
    assert Organisation.objects.filter(pk=foreign.pk).exists()


# People


def person_data(**changes):
    return {
        "name": "Sam de Vries",
        "function": "Budgetcoach",
        "email": "sam@voorbeeld.example",
        **changes,
    }


def test_create_edit_and_delete_a_person(facilitator_client, trajectory):
    organisation = OrganisationFactory(trajectory=trajectory)
    page = facilitator_client.get(
        url("person_create", trajectory), {"organisatie": organisation.pk}
    )
    assert page.context["form"].initial["organisation"] == str(organisation.pk)
    response = facilitator_client.post(
        url("person_create", trajectory),
        person_data(organisation=organisation.pk, is_fixed_participant="on"),
    )
    assert response.url == url("people", trajectory)
    person = trajectory.people.get()
    assert (person.organisation, person.is_fixed_participant) == (organisation, True)

    facilitator_client.post(
        url("person_edit", trajectory, person.pk),
        person_data(is_manager="on", inform_channel="email", inform_frequency="quarterly"),
    )
    person.refresh_from_db()
    assert person.organisation is None
    assert (person.is_manager, person.inform_frequency) == (True, "quarterly")

    page = facilitator_client.get(url("person_delete", trajectory, person.pk))
    assert "Sam de Vries" in page.content.decode()
    facilitator_client.post(url("person_delete", trajectory, person.pk))
    assert not Person.objects.filter(pk=person.pk).exists()


def test_a_failed_person_form_keeps_what_was_typed(facilitator_client, trajectory):
    response = facilitator_client.post(
        url("person_create", trajectory),
        person_data(phone="06 12345678", expert_trained="on", shares_contact="on"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alleen een ervaringsdeskundige kan als ervaringsdeskundige opgeleid zijn." in html
    assert "Niet alles is goed ingevuld." in html
    for typed in ('value="Sam de Vries"', 'value="Budgetcoach"', 'value="06 12345678"'):
        assert typed in html
    assert response.context["form"]["shares_contact"].value() is True
    assert not trajectory.people.exists()


def test_a_failed_edit_changes_nothing(facilitator_client, trajectory):
    person = PersonFactory(trajectory=trajectory, name="Oud")
    facilitator_client.post(url("person_edit", trajectory, person.pk), person_data(name=""))
    person.refresh_from_db()
    assert person.name == "Oud"


def test_people_list_filters_by_role_and_text(facilitator_client, trajectory):
    PersonFactory(trajectory=trajectory, name="Ella Expert", is_expert=True)
    PersonFactory(trajectory=trajectory, name="Max Manager", is_manager=True)
    response = facilitator_client.get(url("people", trajectory), {"role": "expert"})
    assert [p.name for p in response.context["results"]] == ["Ella Expert"]
    response = facilitator_client.get(url("people", trajectory), {"q": "max"})
    assert [p.name for p in response.context["results"]] == ["Max Manager"]
    assert "1 persoon" in response.content.decode()


def test_contact_details_hidden_from_a_manager_without_consent(client, trajectory, manager):
    PersonFactory(
        trajectory=trajectory,
        name="Geheim Persoon",
        email="geheim@voorbeeld.example",
        phone="06 11111111",
        shares_contact=False,
    )
    PersonFactory(
        trajectory=trajectory,
        name="Open Persoon",
        email="open@voorbeeld.example",
        phone="06 22222222",
        shares_contact=True,
    )
    client.force_login(manager)
    html = client.get(url("people", trajectory)).content.decode()
    assert "Geheim Persoon" in html
    assert "geheim@voorbeeld.example" not in html
    assert "06 11111111" not in html
    assert "niet gedeeld" in html
    assert "open@voorbeeld.example" in html
    assert "06 22222222" in html
    # Searching on a hidden address must not reveal who has it.
    response = client.get(url("people", trajectory), {"q": "geheim@voorbeeld"})
    assert [p.name for p in response.context["results"]] == []


def test_the_project_team_sees_contact_details(client, trajectory, project_member):
    PersonFactory(trajectory=trajectory, email="geheim@voorbeeld.example", shares_contact=False)
    client.force_login(project_member)
    assert "geheim@voorbeeld.example" in client.get(url("people", trajectory)).content.decode()


def test_a_manager_cannot_write(client, trajectory, manager):
    person = PersonFactory(trajectory=trajectory)
    client.force_login(manager)
    assert client.get(url("person_create", trajectory)).status_code == 403
    assert client.post(url("person_create", trajectory), person_data()).status_code == 403
    assert client.post(url("person_delete", trajectory, person.pk)).status_code == 403
    assert Person.objects.filter(pk=person.pk).exists()
    assert (
        url("person_edit", trajectory, person.pk)
        not in client.get(url("people", trajectory)).content.decode()
    )


def test_people_of_another_trajectory_are_not_found(facilitator_client, trajectory, outsider):
    other = make_trajectory(user=outsider, name="Ander")
    foreign = PersonFactory(trajectory=other)
    assert facilitator_client.get(url("person_edit", trajectory, foreign.pk)).status_code == 404
    assert facilitator_client.post(url("person_delete", trajectory, foreign.pk)).status_code == 404
    assert Person.objects.filter(pk=foreign.pk).exists()


def test_outsiders_get_404(client, trajectory, outsider):
    client.force_login(outsider)
    for name in ("organisations", "organisation_create", "people", "person_create"):
        assert client.get(url(name, trajectory)).status_code == 404
