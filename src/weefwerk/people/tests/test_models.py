import pytest
from django.db import IntegrityError, transaction

from weefwerk.people.models import Organisation, Person
from weefwerk.people.tests.factories import OrganisationFactory, PersonFactory
from weefwerk.trajectories.tests.factories import make_trajectory

pytestmark = pytest.mark.django_db


def test_organisation_names_are_unique_per_trajectory_whatever_the_case(trajectory, outsider):
    OrganisationFactory(trajectory=trajectory, name="Voedselbank Testdorp")
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(trajectory=trajectory, name="VOEDSELBANK testdorp")
    other = make_trajectory(user=outsider, name="Ander")
    assert Organisation.objects.create(trajectory=other, name="Voedselbank Testdorp").pk


def test_organisation_defaults(trajectory):
    organisation = Organisation.objects.create(trajectory=trajectory, name="Buurtkamer")
    assert organisation.is_formal
    assert str(organisation) == "Buurtkamer"


def test_person_role_labels(trajectory):
    person = PersonFactory(trajectory=trajectory, name="Sam")
    assert str(person) == "Sam"
    assert person.role_labels() == []
    person.is_fixed_participant = person.is_project_team = person.is_manager = True
    person.is_expert = True
    assert person.role_labels() == [
        "vaste deelnemer",
        "projectteam",
        "ervaringsdeskundige",
        "leidinggevende",
    ]
    person.expert_trained = True
    assert "ervaringsdeskundige (opgeleid)" in person.role_labels()


def test_contact_details_are_not_shared_by_default(trajectory):
    assert not PersonFactory(trajectory=trajectory).shares_contact


def test_deleting_an_organisation_keeps_its_people(trajectory):
    organisation = OrganisationFactory(trajectory=trajectory)
    person = PersonFactory(trajectory=trajectory, organisation=organisation)
    organisation.delete()
    person.refresh_from_db()
    assert person.organisation is None


def test_people_are_listed_by_name(trajectory):
    PersonFactory(trajectory=trajectory, name="Zoë")
    PersonFactory(trajectory=trajectory, name="Anna")
    assert [p.name for p in Person.objects.all()] == ["Anna", "Zoë"]
