import pytest

from weefwerk.people.forms import OrganisationForm, PersonForm
from weefwerk.people.tests.factories import OrganisationFactory, PersonFactory
from weefwerk.trajectories.tests.factories import make_trajectory

pytestmark = pytest.mark.django_db


def person_form(trajectory, instance=None, **data):
    return PersonForm(
        data={"name": "Sam de Vries", **data}, trajectory=trajectory, instance=instance
    )


def test_a_name_is_enough(trajectory):
    assert person_form(trajectory).is_valid()
    form = PersonForm(data={}, trajectory=trajectory)
    assert form.errors["name"] == ["Dit veld is verplicht."]


def test_trained_without_being_an_expert_is_an_error(trajectory):
    form = person_form(trajectory, expert_trained="on")
    assert form.errors["expert_trained"] == [
        "Alleen een ervaringsdeskundige kan als ervaringsdeskundige opgeleid zijn."
    ]
    assert person_form(trajectory, expert_trained="on", is_expert="on").is_valid()


def test_inform_wishes_only_for_managers(trajectory):
    form = person_form(trajectory, inform_frequency="monthly")
    assert form.errors["is_manager"] == [
        "Vul alleen bij leidinggevenden in hoe ze op de hoogte willen blijven."
    ]
    assert not person_form(trajectory, inform_channel="email").is_valid()
    form = person_form(
        trajectory, is_manager="on", inform_channel="email", inform_frequency="monthly"
    )
    assert form.is_valid(), form.errors


def test_inform_choices_are_checked(trajectory):
    form = person_form(trajectory, is_manager="on", inform_frequency="elke dag")
    assert "inform_frequency" in form.errors


def test_duplicate_email_in_the_trajectory_is_an_error(trajectory):
    existing = PersonFactory(trajectory=trajectory, email="sam@voorbeeld.example")
    form = person_form(trajectory, email="SAM@voorbeeld.example")
    assert form.errors["email"] == ["Er is al een persoon met dit e-mailadres."]
    # The person themselves may keep their address.
    form = person_form(trajectory, instance=existing, email="sam@voorbeeld.example")
    assert form.is_valid(), form.errors


def test_the_same_email_in_another_trajectory_is_fine(trajectory, outsider):
    PersonFactory(trajectory=trajectory, email="sam@voorbeeld.example")
    other = make_trajectory(user=outsider, name="Ander")
    assert person_form(other, email="sam@voorbeeld.example").is_valid()


def test_a_bad_email_address_is_refused(trajectory):
    assert "email" in person_form(trajectory, email="sam-at-voorbeeld").errors


def test_choices_are_limited_to_the_trajectorys_own(trajectory, outsider):
    other = make_trajectory(user=outsider, name="Ander")
    foreign_organisation = OrganisationFactory(trajectory=other)
    foreign_domain = other.domains.first()
    own_organisation = OrganisationFactory(trajectory=trajectory)
    own_domain = trajectory.domains.first()

    form = PersonForm(trajectory=trajectory)
    assert list(form.fields["organisation"].queryset) == [own_organisation]
    assert set(form.fields["domains"].queryset) == set(trajectory.domains.all())

    form = person_form(trajectory, organisation=foreign_organisation.pk)
    assert "organisation" in form.errors
    form = person_form(trajectory, domains=[foreign_domain.pk])
    assert "domains" in form.errors
    form = person_form(trajectory, organisation=own_organisation.pk, domains=[own_domain.pk])
    assert form.is_valid(), form.errors

    form = OrganisationForm(
        data={"name": "Nieuw", "domains": [foreign_domain.pk]}, trajectory=trajectory
    )
    assert "domains" in form.errors


def test_organisation_form_refuses_a_duplicate_name_whatever_the_case(trajectory):
    existing = OrganisationFactory(trajectory=trajectory, name="Voedselbank Testdorp")
    form = OrganisationForm(data={"name": " voedselbank TESTDORP "}, trajectory=trajectory)
    assert form.errors["name"] == ["Er is al een organisatie met deze naam."]
    form = OrganisationForm(
        data={"name": "Voedselbank testdorp"}, instance=existing, trajectory=trajectory
    )
    assert form.is_valid(), form.errors


def test_organisation_form_accepts_a_full_organisation(trajectory):
    domains = [d.pk for d in trajectory.domains.all()[:2]]
    form = OrganisationForm(
        data={
            "name": "  Buurtkamer De Linde ",
            "domains": domains,
            "is_formal": "",
            "description": "Koffie en hulp.",
            "website": "buurtkamer.example",
        },
        trajectory=trajectory,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Buurtkamer De Linde"
    assert form.cleaned_data["is_formal"] is False
    assert form.cleaned_data["website"] == "https://buurtkamer.example"
