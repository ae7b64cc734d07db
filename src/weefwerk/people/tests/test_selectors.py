import pytest

from weefwerk.people.selectors import organisations_search, people_search
from weefwerk.people.tests.factories import OrganisationFactory, PersonFactory
from weefwerk.trajectories.tests.factories import make_trajectory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(trajectory, outsider):
    domains = {d.name: d for d in trajectory.domains.all()}
    bank = OrganisationFactory(
        trajectory=trajectory,
        name="Voedselbank Testdorp",
        domains=[domains["Voedselbank"]],
        description="Pakketten voor gezinnen",
    )
    school = OrganisationFactory(
        trajectory=trajectory, name="Basisschool De Regenboog", domains=[domains["Onderwijs"]]
    )
    club = OrganisationFactory(
        trajectory=trajectory,
        name="Buurtclub",
        domains=[domains["Sport en cultuur"]],
        is_formal=False,
    )
    people = {
        "anna": PersonFactory(
            trajectory=trajectory, name="Anna Bakker", organisation=bank, is_fixed_participant=True
        ),
        "bram": PersonFactory(
            trajectory=trajectory,
            name="Bram Visser",
            organisation=school,
            function="Intern begeleider",
            is_manager=True,
        ),
        "cor": PersonFactory(
            trajectory=trajectory, name="Cor Smit", organisation=school, is_expert=True
        ),
        "dina": PersonFactory(trajectory=trajectory, name="Dina Jansen", is_project_team=True),
    }
    people["cor"].domains.set([domains["Ervaringsdeskundigheid"]])
    other = make_trajectory(user=outsider, name="Ander")
    PersonFactory(trajectory=other, name="Anna Anders")
    OrganisationFactory(trajectory=other, name="Voedselbank Elders")
    return {"domains": domains, "people": people, "bank": bank, "school": school, "club": club}


def names(results):
    return [item.name for item in results]


def test_people_search_without_filters_lists_this_trajectory_only(trajectory, data):
    assert names(people_search(trajectory)) == [
        "Anna Bakker",
        "Bram Visser",
        "Cor Smit",
        "Dina Jansen",
    ]


def test_people_search_by_text(trajectory, data):
    assert names(people_search(trajectory, q="anna")) == ["Anna Bakker"]
    assert names(people_search(trajectory, q="begeleider")) == ["Bram Visser"]
    assert names(people_search(trajectory, q="regenboog")) == ["Bram Visser", "Cor Smit"]
    email = data["people"]["dina"].email
    assert names(people_search(trajectory, q=email.upper())) == ["Dina Jansen"]
    assert names(people_search(trajectory, q="niemand")) == []


def test_people_search_by_domain_uses_own_domains_first(trajectory, data):
    domains = data["domains"]
    # Cor works at the school but has their own domain, so only Bram counts for Onderwijs.
    assert names(people_search(trajectory, domain=domains["Onderwijs"])) == ["Bram Visser"]
    assert names(people_search(trajectory, domain=domains["Ervaringsdeskundigheid"])) == [
        "Cor Smit"
    ]
    assert names(people_search(trajectory, domain=domains["Voedselbank"])) == ["Anna Bakker"]
    assert names(people_search(trajectory, domain=domains["GGD"])) == []


def test_people_search_by_domain_gives_each_person_once(trajectory, data):
    domains = data["domains"]
    data["people"]["cor"].domains.add(domains["Onderwijs"])
    result = people_search(trajectory, domain=domains["Onderwijs"])
    assert names(result) == ["Bram Visser", "Cor Smit"]


def test_people_search_by_role(trajectory, data):
    assert names(people_search(trajectory, role="fixed")) == ["Anna Bakker"]
    assert names(people_search(trajectory, role="manager")) == ["Bram Visser"]
    assert names(people_search(trajectory, role="expert")) == ["Cor Smit"]
    assert names(people_search(trajectory, role="project_team")) == ["Dina Jansen"]
    assert len(people_search(trajectory, role="onbekend")) == 4


def test_people_search_combines_filters(trajectory, data):
    school = data["domains"]["Onderwijs"]
    assert names(people_search(trajectory, q="bram", domain=school, role="manager")) == [
        "Bram Visser"
    ]
    assert names(people_search(trajectory, q="bram", role="expert")) == []


def test_organisations_search(trajectory, data):
    domains = data["domains"]
    assert names(organisations_search(trajectory)) == [
        "Basisschool De Regenboog",
        "Buurtclub",
        "Voedselbank Testdorp",
    ]
    assert names(organisations_search(trajectory, q="voedsel")) == ["Voedselbank Testdorp"]
    assert names(organisations_search(trajectory, q="pakketten")) == ["Voedselbank Testdorp"]
    assert names(organisations_search(trajectory, domain=domains["Onderwijs"])) == [
        "Basisschool De Regenboog"
    ]
    assert names(organisations_search(trajectory, kind="informal")) == ["Buurtclub"]
    assert len(organisations_search(trajectory, kind="formal")) == 2


def test_organisations_search_counts_people(trajectory, data):
    counts = {o.name: o.people_count for o in organisations_search(trajectory)}
    assert counts == {"Basisschool De Regenboog": 2, "Buurtclub": 0, "Voedselbank Testdorp": 1}


def test_readers_cannot_search_on_hidden_email_addresses(trajectory, data):
    dina = data["people"]["dina"]
    assert names(people_search(trajectory, q=dina.email, show_contact=False)) == []
    dina.shares_contact = True
    dina.save()
    assert names(people_search(trajectory, q=dina.email, show_contact=False)) == ["Dina Jansen"]
    assert names(people_search(trajectory, q="dina", show_contact=False)) == ["Dina Jansen"]
