""" "Whom do you need" -> the network map: link lines, add wanted parties, the selector."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from weefwerk.cases import selectors, services
from weefwerk.cases.models import Case, CaseDiscussion, NeededParty
from weefwerk.networkmap.models import Element, ElementKind, Status
from weefwerk.networkmap.services import element_create
from weefwerk.trajectories.tests.factories import make_trajectory

pytestmark = pytest.mark.django_db

NEEDED = "- Schuldhulp Testdorp\n* huisarts\n\n2. Buurtsportcoach\nHuisarts\n"


@pytest.fixture
def case(trajectory):
    return Case.objects.create(trajectory=trajectory, title="Casus", description="Tekst")


@pytest.fixture
def discussion(case):
    return CaseDiscussion.objects.create(case=case, group_label="Groep 1", needed=NEEDED)


@pytest.fixture
def debt(trajectory):
    return element_create(
        trajectory=trajectory, kind=ElementKind.ORGANISATION, label="Schuldhulpverlening Testdorp"
    )


def page_url(discussion):
    return reverse(
        "cases:discussion",
        args=[discussion.case.trajectory_id, discussion.case_id, discussion.pk],
    )


def test_needed_lines_drop_bullets_empty_lines_and_repeats():
    assert selectors.needed_lines(NEEDED) == ["Schuldhulp Testdorp", "huisarts", "Buurtsportcoach"]
    assert selectors.needed_lines("") == []
    assert selectors.needed_lines("  a   b  ") == ["a b"]


def test_link_a_line_to_an_existing_element(facilitator_client, discussion, debt, facilitator):
    page = facilitator_client.get(page_url(discussion))
    html = page.content.decode()
    assert "Lijkt op deze regel" in html  # "Schuldhulp Testdorp" looks like the element
    assert html.count("<h1") == 1

    response = facilitator_client.post(
        page_url(discussion),
        {
            "actie": "koppelen",
            "regel": "0",
            "koppel-0-line": "Schuldhulp Testdorp",
            "koppel-0-element": debt.pk,
        },
    )
    assert response.status_code == 302
    party = NeededParty.objects.get()
    assert (party.discussion, party.line, party.element) == (
        discussion,
        "Schuldhulp Testdorp",
        debt,
    )
    assert party.created_by == facilitator
    html = facilitator_client.get(page_url(discussion)).content.decode()
    assert (
        "„Schuldhulpverlening Testdorp”</a>" in html or "„Schuldhulpverlening Testdorp” (" in html
    )
    assert "Gekoppeld aan" in html

    # Linking again replaces the link; unlinking removes it and keeps the element.
    other = element_create(trajectory=debt.trajectory, kind=ElementKind.PERSON, label="Budgetcoach")
    services.needed_party_link(discussion=discussion, line="schuldhulp testdorp", element=other)
    assert NeededParty.objects.get().element == other
    response = facilitator_client.post(
        page_url(discussion), {"actie": "ontkoppelen", "regel": "0", "line": "Schuldhulp Testdorp"}
    )
    assert response.status_code == 302
    assert not NeededParty.objects.exists()
    assert Element.objects.filter(pk=other.pk).exists()


def test_add_a_line_to_the_map_as_a_wanted_party(facilitator_client, discussion):
    response = facilitator_client.post(
        page_url(discussion),
        {
            "actie": "toevoegen",
            "regel": "2",
            "nieuw-2-line": "Buurtsportcoach",
            "nieuw-2-label": "Buurtsportcoach Testdorp",
            "nieuw-2-kind": ElementKind.PERSON,
        },
    )
    assert response.status_code == 302
    element = Element.objects.get()
    assert element.label == "Buurtsportcoach Testdorp"
    assert element.kind == ElementKind.PERSON
    assert element.status == Status.WANTED
    assert element.trajectory == discussion.case.trajectory
    assert "Casus" in element.description
    assert NeededParty.objects.get().element == element

    # The same name from another line or discussion links to that element, no second one.
    other = CaseDiscussion.objects.create(
        case=discussion.case, group_label="Groep 2", needed="buurtsportcoach testdorp"
    )
    party, created = services.needed_party_add_wanted(
        discussion=other, line="buurtsportcoach testdorp", kind=ElementKind.ORGANISATION
    )
    assert not created and party.element == element
    assert Element.objects.count() == 1


def test_bad_link_requests_change_nothing(facilitator_client, discussion, debt):
    foreign = element_create(
        trajectory=make_trajectory(name="Ander traject"), kind=ElementKind.ORGANISATION, label="X"
    )
    # An element of another trajectory is not a choice.
    response = facilitator_client.post(
        page_url(discussion),
        {
            "actie": "koppelen",
            "regel": "0",
            "koppel-0-line": "Schuldhulp Testdorp",
            "koppel-0-element": foreign.pk,
        },
    )
    assert response.status_code == 200
    assert "Kies een element." in response.content.decode()
    # A line that is not in the answer.
    response = facilitator_client.post(
        page_url(discussion),
        {
            "actie": "koppelen",
            "regel": "0",
            "koppel-0-line": "Iemand anders",
            "koppel-0-element": debt.pk,
        },
    )
    assert response.status_code == 200
    assert "staat niet (meer) in het antwoord" in response.content.decode()
    # A name with personal data in it does not go on the map.
    response = facilitator_client.post(
        page_url(discussion),
        {
            "actie": "toevoegen",
            "regel": "1",
            "nieuw-1-line": "huisarts",
            "nieuw-1-label": "Huisarts 06-12345678",
            "nieuw-1-kind": ElementKind.PERSON,
        },
    )
    assert response.status_code == 200
    assert 'value="Huisarts 06-12345678"' in response.content.decode()  # kept what was typed
    assert not NeededParty.objects.exists()
    assert Element.objects.count() == 2
    with pytest.raises(ValidationError):
        services.needed_party_link(
            discussion=discussion, line="Schuldhulp Testdorp", element=foreign
        )


def test_links_of_removed_lines_go_when_the_discussion_is_saved(discussion, debt):
    services.needed_party_link(discussion=discussion, line="Schuldhulp Testdorp", element=debt)
    services.needed_party_link(discussion=discussion, line="huisarts", element=debt)
    services.discussion_save(discussion, needed="Huisarts\nWijkteam")
    assert [p.line for p in NeededParty.objects.all()] == ["huisarts"]


def test_parties_needed_not_in_network(trajectory, case, discussion, debt):
    wanted = element_create(
        trajectory=trajectory,
        kind=ElementKind.PERSON,
        label="Buurtsportcoach",
        status=Status.WANTED,
    )
    element_create(trajectory=trajectory, kind=ElementKind.ORGANISATION, label="Wijkteam")
    services.needed_party_link(discussion=discussion, line="Schuldhulp Testdorp", element=debt)
    services.needed_party_link(discussion=discussion, line="Buurtsportcoach", element=wanted)
    CaseDiscussion.objects.create(case=case, group_label="Groep 2", needed="Huisarts\nwijkteam")

    missing = selectors.parties_needed_not_in_network(trajectory)
    # Huisarts: asked twice (once as "huisarts"), not linked. Buurtsportcoach: linked to a
    # wanted element. Schuldhulp (linked to an active element) and Wijkteam (an active element
    # of that name) are in the network.
    assert [(p.name, p.mentions, p.status) for p in missing] == [
        ("huisarts", 2, ""),
        ("Buurtsportcoach", 1, Status.WANTED),
    ]
    assert missing[1].element == wanted
    assert missing[0].cases == [case]

    # Once the wanted party is active, it is no longer missing.
    wanted.status = Status.ACTIVE
    wanted.save()
    assert [p.name for p in selectors.parties_needed_not_in_network(trajectory)] == ["huisarts"]
    assert selectors.parties_needed_not_in_network(make_trajectory(name="Leeg")) == []


def test_the_page_works_without_elements_on_the_map(facilitator_client, discussion):
    html = facilitator_client.get(page_url(discussion)).content.decode()
    assert "Er staat nog niets op de netwerkkaart om aan te koppelen." in html
    assert "Op de kaart zetten als gewenste partij" in html


def test_search_narrows_the_elements(facilitator_client, discussion, debt, trajectory):
    element_create(trajectory=trajectory, kind=ElementKind.TABLE, label="Zorgoverleg Jeugd")
    response = facilitator_client.get(page_url(discussion), {"zoek": "zorgoverleg"})
    row = response.context["rows"][0]
    labels = [label for value, label in _flat(row["link_form"].fields["element"].widget.choices)]
    assert labels == ["Zorgoverleg Jeugd (Overleg)"]


def _flat(choices):
    for value, label in choices:
        if isinstance(label, list | tuple):
            yield from label
        elif value != "":
            yield value, label
