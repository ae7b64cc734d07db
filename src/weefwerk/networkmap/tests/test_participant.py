"""The phone form: personal link or session code, proposals, and the team's review."""

import pytest
from django.test import Client
from django.urls import reverse

from weefwerk.networkmap import selectors, services
from weefwerk.networkmap.models import Connection, Element, Status
from weefwerk.trajectories.tests.factories import MeetingFactory


def link(person):
    return reverse("networkmap_public:participant", args=[selectors.participant_token(person)])


def answer(client, url, question, name, **extra):
    data = {"vraag": question, f"{question}-name": name}
    data.update({f"{question}-{k}": v for k, v in extra.items()})
    return client.post(url, data)


def test_a_participant_fills_in_their_part(trajectory, network):
    client = Client()
    sanne = network["sanne"]
    url = link(sanne)
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Sanne Jansen" in html
    assert '<option value="Wijkteamoverleg">' in html  # the datalist offers existing tables
    assert answer(client, url, "overleg", "wijkteamoverleg", role="chair").status_code == 302
    assert answer(client, url, "organisatie", "Voedselbank").status_code == 302
    assert answer(client, url, "bellen", "Juf Petra").status_code == 302
    assert (
        answer(client, url, "programma", "Kansrijke Start", relation="doe-mee").status_code == 302
    )
    own = network["person"]  # found through the person, not made again
    assert Element.objects.filter(person=sanne).count() == 1
    proposals = Connection.objects.filter(status=Status.PROPOSED, reported_by=sanne)
    kinds = {(c.kind, c.target.label) for c in proposals}
    assert kinds == {
        ("works_with", "Voedselbank"),
        ("calls_when_stuck", "Juf Petra"),
        ("takes_part_in", "Kansrijke Start"),
    }
    assert all(c.source == own for c in proposals)
    # Sanne already sat at the table (entered by the team): her answer updates nothing new.
    assert not proposals.filter(target=network["table"]).exists()
    petra = Element.objects.get(label="Juf Petra")
    assert (petra.kind, petra.status, petra.reported_by) == ("person", "proposed", sanne)
    html = client.get(url).content.decode()
    assert "Juf Petra" in html and "wacht op het projectteam" in html


def test_an_empty_name_keeps_the_form(trajectory, network):
    response = answer(Client(), link(network["sanne"]), "organisatie", "  ")
    assert response.status_code == 400
    assert "utrecht-form-field--invalid" in response.content.decode()


def test_a_participant_takes_back_an_answer(trajectory, network):
    client = Client()
    url = link(network["sanne"])
    answer(client, url, "bellen", "Juf Petra")
    tie = Connection.objects.get(target__label="Juf Petra")
    assert client.post(url, {"weghalen": tie.pk}).status_code == 302
    assert not Connection.objects.filter(pk=tie.pk).exists()
    assert not Element.objects.filter(label="Juf Petra").exists()
    # Not someone else's tie.
    other = network["works"]
    client.post(url, {"weghalen": other.pk})
    assert Connection.objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize("mangle", [lambda t: t + "x", lambda t: "onzin", lambda t: t[:-3]])
def test_a_tampered_link_gives_404(trajectory, network, mangle):
    token = mangle(selectors.participant_token(network["sanne"]))
    url = reverse("networkmap_public:participant", args=[token])
    response = Client().get(url)
    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode()
    assert Client().post(url, {"vraag": "bellen", "bellen-name": "X"}).status_code == 404
    assert not Element.objects.filter(label="X").exists()


def test_the_session_code_asks_for_your_name(trajectory, network):
    meeting = MeetingFactory(trajectory=trajectory, number=3, title="Stap 3")
    client = Client()
    pick = reverse("networkmap_public:session", args=[meeting.join_code.lower()])
    page = client.get(pick)
    assert page.status_code == 200
    assert "Sanne Jansen" in page.content.decode()
    form = reverse("networkmap_public:session_form", args=[meeting.join_code])
    assert client.get(form)["Location"].endswith(
        reverse("networkmap_public:session", args=[meeting.join_code])
    )
    response = client.post(pick, {"persoon": network["sanne"].pk})
    assert response.status_code == 302
    assert client.get(form).status_code == 200
    answer(client, form, "organisatie", "Buurtkamer")
    assert Connection.objects.filter(
        reported_by=network["sanne"], target__label="Buurtkamer"
    ).exists()
    # Closed joining, or an unknown code: a friendly 404.
    meeting.joining_open = False
    meeting.save()
    assert client.get(pick).status_code == 404
    assert client.get(reverse("networkmap_public:session", args=["ONBEKEND"])).status_code == 404


def test_someone_from_another_trajectory_cannot_be_picked(trajectory, network):
    from weefwerk.people.models import Person
    from weefwerk.trajectories.tests.factories import make_trajectory

    other = Person.objects.create(trajectory=make_trajectory(name="Ander"), name="Ander")
    meeting = MeetingFactory(trajectory=trajectory, number=3, title="Stap 3")
    pick = reverse("networkmap_public:session", args=[meeting.join_code])
    assert Client().post(pick, {"persoon": other.pk}).status_code == 400


def test_the_team_reviews_proposals(facilitator_client, trajectory, network):
    sanne = network["sanne"]
    services.answer_add(
        person=sanne,
        label="Juf Petra",
        kinds=["person"],
        new_kind="person",
        connection_kind="calls_when_stuck",
    )
    tie, _ = services.answer_add(
        person=sanne,
        label="Voedselbank",
        kinds=["organisation"],
        new_kind="organisation",
        connection_kind="works_with",
    )
    url = reverse("networkmap:proposals", args=[trajectory.pk])
    html = facilitator_client.get(url).content.decode()
    assert "Juf Petra" in html and "Sanne Jansen" in html
    facilitator_client.post(url, {"action": f"accept_connection:{tie.pk}"})
    tie.refresh_from_db()
    assert tie.status == Status.ACTIVE
    petra = Element.objects.get(label="Juf Petra")
    facilitator_client.post(url, {"action": f"reject_element:{petra.pk}"})
    assert not Element.objects.filter(pk=petra.pk).exists()
    assert not Connection.objects.filter(status=Status.PROPOSED).exists()


def test_accept_all_and_merge(facilitator_client, trajectory, network):
    sanne = network["sanne"]
    tie, _ = services.answer_add(
        person=sanne,
        label="Voedselbank Testdorp",
        kinds=["organisation"],
        new_kind="organisation",
        connection_kind="works_with",
    )
    proposed = tie.target
    response = facilitator_client.post(
        reverse("networkmap:element_merge", args=[trajectory.pk, proposed.pk]),
        {"into": network["org_a"].pk},
    )
    assert response.status_code == 302
    assert not Element.objects.filter(pk=proposed.pk).exists()
    tie.refresh_from_db()
    assert tie.target == network["org_a"]
    services.answer_add(
        person=sanne,
        label="Bibliotheek",
        kinds=["organisation"],
        new_kind="organisation",
        connection_kind="works_with",
    )
    url = reverse("networkmap:proposals", args=[trajectory.pk])
    facilitator_client.post(url, {"action": "accept_all"})
    assert not Element.objects.filter(status=Status.PROPOSED).exists()
    assert not Connection.objects.filter(status=Status.PROPOSED).exists()


def test_a_manager_cannot_review(client, manager, trajectory, network):
    tie, _ = services.answer_add(
        person=network["sanne"],
        label="Bibliotheek",
        kinds=["organisation"],
        new_kind="organisation",
        connection_kind="works_with",
    )
    client.force_login(manager)
    url = reverse("networkmap:proposals", args=[trajectory.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "accept_all"}).status_code == 403
    tie.refresh_from_db()
    assert tie.status == Status.PROPOSED
