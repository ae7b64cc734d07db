"""The map page and its JSON endpoints: contents, query count, writes, access."""

import json

import pytest
from django.urls import reverse

from weefwerk.networkmap import services
from weefwerk.networkmap.models import Connection, Element, Position
from weefwerk.people.models import Organisation
from weefwerk.trajectories.tests.factories import make_trajectory


def url(name, trajectory, **kwargs):
    return reverse(f"networkmap:{name}", kwargs={"trajectory_id": trajectory.pk, **kwargs})


def post(client, address, data):
    return client.post(address, json.dumps(data), content_type="application/json")


@pytest.fixture
def network(trajectory):
    domains = list(trajectory.domains.all()[:2])
    school = services.element_create(
        trajectory=trajectory, kind="organisation", label="Basisschool De Linde", domains=domains
    )
    team = services.element_create(
        trajectory=trajectory, kind="table", label="Buurtnetwerk", tags=["wijk", "zorg"]
    )
    anna = services.element_create(
        trajectory=trajectory, kind="person", label="Anna", status="proposed"
    )
    works = services.connection_create(
        trajectory=trajectory, source=school, target=team, kind="takes_part_in", role="member"
    )
    calls = services.connection_create(
        trajectory=trajectory, source=anna, target=school, kind="calls_when_stuck", strength=3
    )
    services.positions_save(services.default_map(trajectory), {school.pk: (10.0, 20.0)})
    return {
        "school": school,
        "team": team,
        "anna": anna,
        "works": works,
        "calls": calls,
        "domains": domains,
    }


def test_map_page_renders_for_an_editor(facilitator_client, trajectory, network):
    response = facilitator_client.get(url("map", trajectory))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'id="map-new-form"' in html
    assert 'data-can-edit="true"' in html
    assert url("map_data", trajectory) in html
    assert "cytoscape-fcose.js" in html
    # No inline script: the words for the script travel in a JSON block.
    assert 'id="map-texts" type="application/json"' in html


def test_map_page_is_read_only_for_a_manager(client, manager, trajectory, network):
    client.force_login(manager)
    response = client.get(url("map", trajectory))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-can-edit="false"' in html
    assert 'id="map-new-form"' not in html
    assert 'id="map-element-form"' not in html
    assert 'id="map-undo"' not in html


def test_data_has_elements_connections_positions_and_legend(
    facilitator_client, trajectory, network
):
    data = facilitator_client.get(url("map_data", trajectory)).json()
    labels = [element["label"] for element in data["elements"]]
    assert labels == ["Anna", "Basisschool De Linde", "Buurtnetwerk"]
    school = next(e for e in data["elements"] if e["id"] == network["school"].pk)
    assert school["kind"] == "organisation"
    assert school["domains"] == sorted(d.pk for d in network["domains"])
    team = next(e for e in data["elements"] if e["id"] == network["team"].pk)
    assert team["tags"] == ["wijk", "zorg"]
    anna = next(e for e in data["elements"] if e["id"] == network["anna"].pk)
    assert anna["status"] == "proposed"
    connections = {c["id"]: c for c in data["connections"]}
    assert connections[network["works"].pk]["role"] == "member"
    assert connections[network["works"].pk]["source"] == network["school"].pk
    assert connections[network["calls"].pk]["strength"] == 3
    assert connections[network["calls"].pk]["kind"] == "calls_when_stuck"
    # Fields with their default value are left out; "defaults" says what they are.
    assert "description" not in school and data["defaults"]["element"]["description"] == ""
    assert "strength" not in connections[network["works"].pk]
    assert data["defaults"]["connection"]["strength"] == 2
    assert data["positions"] == {str(network["school"].pk): [10.0, 20.0]}
    assert {d["id"] for d in data["domains"]} == set(
        trajectory.domains.values_list("pk", flat=True)
    )
    assert [k["value"] for k in data["legend"]["kinds"]] == [
        "organisation",
        "person",
        "table",
        "programme",
        "informal",
    ]
    assert all(k["shape"] and k["colour"].startswith("#") for k in data["legend"]["kinds"])
    assert data["can_edit"] is True


def test_data_query_count_does_not_grow(
    facilitator_client, trajectory, network, django_assert_max_num_queries
):
    # Session, user, two two-step devices, membership; then domains, element domains,
    # elements, connections, positions: one query per table whatever the size.
    with django_assert_max_num_queries(10):
        facilitator_client.get(url("map_data", trajectory))
    domains = list(trajectory.domains.all())
    elements = [
        services.element_create(
            trajectory=trajectory, kind="organisation", label=f"Org {n}", domains=domains[:2]
        )
        for n in range(30)
    ]
    for left, right in zip(elements, elements[1:], strict=False):
        services.connection_create(trajectory=trajectory, source=left, target=right)
    services.positions_save(
        services.default_map(trajectory), {e.pk: (n, n) for n, e in enumerate(elements)}
    )
    with django_assert_max_num_queries(10):
        response = facilitator_client.get(url("map_data", trajectory))
    assert len(response.json()["elements"]) == 33


def test_data_without_a_map_creates_none(facilitator_client, facilitator):
    trajectory = make_trajectory(user=facilitator, name="Leeg")
    data = facilitator_client.get(url("map_data", trajectory)).json()
    assert data["elements"] == [] and data["positions"] == {}
    assert not trajectory.network_maps.exists()


def test_create_update_and_delete_an_element(facilitator_client, trajectory, network):
    domain = network["domains"][0]
    response = post(
        facilitator_client,
        url("map_element_create", trajectory),
        {"label": "  Voedselbank ", "kind": "organisation", "domains": [domain.pk], "x": 5, "y": 6},
    )
    assert response.status_code == 201, response.content
    created = response.json()["element"]
    assert created["label"] == "Voedselbank" and created["domains"] == [domain.pk]
    element = Element.objects.get(pk=created["id"])
    assert element.trajectory == trajectory
    position = Position.objects.get(element=element)
    assert (position.x, position.y) == (5.0, 6.0)

    response = post(
        facilitator_client,
        url("map_element_update", trajectory, pk=element.pk),
        {"label": "Voedselbank Lindeveen", "tags": "eten, gezin", "status": "wanted"},
    )
    assert response.status_code == 200, response.content
    element.refresh_from_db()
    assert element.label == "Voedselbank Lindeveen"
    assert element.tags == ["eten", "gezin"]
    assert element.status == "wanted"
    assert element.kind == "organisation"  # untouched: the update is partial
    assert list(element.domains.all()) == [domain]

    services.connection_create(trajectory=trajectory, source=element, target=network["team"])
    response = post(facilitator_client, url("map_element_delete", trajectory, pk=element.pk), {})
    assert response.status_code == 200
    assert response.json()["deleted"] == element.pk
    assert len(response.json()["deleted_connections"]) == 1
    assert not Element.objects.filter(pk=element.pk).exists()


def test_create_element_links_a_trajectory_organisation(facilitator_client, trajectory):
    organisation = Organisation.objects.create(trajectory=trajectory, name="GGD")
    response = post(
        facilitator_client,
        url("map_element_create", trajectory),
        {"label": "GGD", "kind": "organisation", "organisation": organisation.pk},
    )
    assert response.status_code == 201
    assert Element.objects.get(pk=response.json()["element"]["id"]).organisation == organisation


def test_invalid_element_gives_400_with_dutch_messages(facilitator_client, trajectory, network):
    other = make_trajectory(name="Ander traject")
    foreign_domain = other.domains.first()
    response = post(
        facilitator_client,
        url("map_element_create", trajectory),
        {"label": "", "kind": "planeet", "domains": [foreign_domain.pk]},
    )
    assert response.status_code == 400
    body = response.json()
    assert body["message"] == "Dit kon niet worden opgeslagen."
    assert body["errors"]["label"] == ["Geef het element een naam."]
    assert body["errors"]["kind"] == ["Kies een van de mogelijkheden uit de lijst."]
    assert "domains" in body["errors"]
    assert Element.objects.filter(trajectory=trajectory).count() == 3

    response = post(
        facilitator_client,
        url("map_element_update", trajectory, pk=network["school"].pk),
        {"label": "x" * 201},
    )
    assert response.status_code == 400
    assert "hoogstens 200" in response.json()["errors"]["label"][0]

    response = facilitator_client.post(
        url("map_element_create", trajectory), "{niet", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"]["__all__"] == ["De gegevens konden niet worden gelezen."]


def test_form_encoded_posts_work_too(facilitator_client, trajectory):
    response = facilitator_client.post(
        url("map_element_create", trajectory), {"label": "Kerk", "kind": "informal"}
    )
    assert response.status_code == 201
    assert Element.objects.filter(trajectory=trajectory, label="Kerk").exists()


def test_connections_through_the_endpoints(facilitator_client, trajectory, network):
    school, anna = network["school"], network["anna"]
    response = post(
        facilitator_client,
        url("map_connection_create", trajectory),
        {"source": school.pk, "target": anna.pk, "direction": "mutual", "strength": "1"},
    )
    assert response.status_code == 201, response.content
    created = response.json()["connection"]
    assert created["kind"] == "works_with" and created["strength"] == 1
    connection = Connection.objects.get(pk=created["id"])
    assert connection.direction == "mutual"

    response = post(
        facilitator_client,
        url("map_connection_update", trajectory, pk=connection.pk),
        {"kind": "custom", "custom_kind": "deelt kennis met", "note": "Elke maand"},
    )
    assert response.status_code == 200
    assert response.json()["connection"]["kind_label"] == "deelt kennis met"
    connection.refresh_from_db()
    assert connection.note == "Elke maand" and connection.strength == 1

    response = post(
        facilitator_client,
        url("map_connection_update", trajectory, pk=connection.pk),
        {"custom_kind": "", "strength": 7},
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"custom_kind", "strength"}

    response = post(
        facilitator_client, url("map_connection_delete", trajectory, pk=connection.pk), {}
    )
    assert response.status_code == 200
    assert not Connection.objects.filter(pk=connection.pk).exists()


def test_invalid_connections(facilitator_client, trajectory, network):
    other = make_trajectory(name="Ander traject")
    stranger = services.element_create(trajectory=other, kind="person", label="Vreemde")
    address = url("map_connection_create", trajectory)
    response = post(
        facilitator_client, address, {"source": network["school"].pk, "target": stranger.pk}
    )
    assert response.status_code == 400
    assert response.json()["errors"]["target"] == ["Kies een element uit dit netwerk."]
    response = post(
        facilitator_client,
        address,
        {"source": network["school"].pk, "target": network["school"].pk},
    )
    assert response.status_code == 400
    assert "zichzelf" in response.json()["errors"]["target"][0]
    assert Connection.objects.filter(trajectory=trajectory).count() == 2


def test_positions_save_ignores_foreign_ids(facilitator_client, trajectory, network):
    other = make_trajectory(name="Ander traject")
    stranger = services.element_create(trajectory=other, kind="person", label="Vreemde")
    response = post(
        facilitator_client,
        url("map_positions", trajectory),
        {
            "positions": {
                str(network["school"].pk): [1.5, 2.5],
                str(network["team"].pk): {"x": 3, "y": 4},
                str(stranger.pk): [9, 9],
                "niet-een-id": [1, 1],
                str(network["anna"].pk): ["NaN", 1],
            }
        },
    )
    assert response.status_code == 200
    assert response.json() == {"saved": 2}
    positions = {p.element_id: (p.x, p.y) for p in Position.objects.all()}
    assert positions == {network["school"].pk: (1.5, 2.5), network["team"].pk: (3.0, 4.0)}
    assert not Position.objects.filter(element=stranger).exists()

    response = post(facilitator_client, url("map_positions", trajectory), {"positions": [1, 2]})
    assert response.status_code == 400


def test_objects_of_another_trajectory_are_not_found(facilitator_client, trajectory, network):
    other = make_trajectory(name="Ander traject")
    stranger = services.element_create(trajectory=other, kind="person", label="Vreemde")
    response = post(
        facilitator_client,
        url("map_element_update", trajectory, pk=stranger.pk),
        {"label": "Gekaapt"},
    )
    assert response.status_code == 404
    stranger.refresh_from_db()
    assert stranger.label == "Vreemde"
    response = post(facilitator_client, url("map_element_delete", trajectory, pk=stranger.pk), {})
    assert response.status_code == 404
    assert Element.objects.filter(pk=stranger.pk).exists()


WRITES = [
    ("map_element_create", False, {"label": "Nieuw", "kind": "person"}),
    ("map_element_update", "school", {"label": "Veranderd"}),
    ("map_element_delete", "school", {}),
    ("map_connection_create", False, None),
    ("map_connection_update", "works", {"strength": 1}),
    ("map_connection_delete", "works", {}),
    ("map_positions", False, None),
]


@pytest.mark.parametrize(("name", "target", "data"), WRITES)
def test_manager_gets_403_on_every_write(client, manager, trajectory, network, name, target, data):
    client.force_login(manager)
    if name == "map_connection_create":
        data = {"source": network["anna"].pk, "target": network["team"].pk}
    if name == "map_positions":
        data = {"positions": {str(network["school"].pk): [99, 99]}}
    kwargs = {"pk": network[target].pk} if target else {}
    before = (Element.objects.count(), Connection.objects.count(), Position.objects.count())
    response = post(client, url(name, trajectory, **kwargs), data)
    assert response.status_code == 403
    assert response.json()["message"] == "U mag deze kaart alleen bekijken, niet veranderen."
    after = (Element.objects.count(), Connection.objects.count(), Position.objects.count())
    assert before == after
    network["school"].refresh_from_db()
    assert network["school"].label == "Basisschool De Linde"
    assert Position.objects.get(element=network["school"]).x == 10.0


def test_manager_reads_the_data(client, manager, trajectory, network):
    client.force_login(manager)
    response = client.get(url("map_data", trajectory))
    assert response.status_code == 200
    assert response.json()["can_edit"] is False


@pytest.mark.parametrize(
    "name", ["map", "map_data", "map_element_create", "map_positions", "map_element_update"]
)
def test_non_member_gets_404(client, outsider, trajectory, network, name):
    client.force_login(outsider)
    kwargs = {"pk": network["school"].pk} if name == "map_element_update" else {}
    assert client.get(url(name, trajectory, **kwargs)).status_code == 404
    assert post(client, url(name, trajectory, **kwargs), {"label": "x"}).status_code == 404
    network["school"].refresh_from_db()
    assert network["school"].label == "Basisschool De Linde"


def test_anonymous_is_sent_to_login(client, trajectory):
    response = client.get(url("map_data", trajectory))
    assert response.status_code == 302
    assert "/account/inloggen/" in response["Location"]


def test_write_endpoints_refuse_get(facilitator_client, trajectory):
    assert facilitator_client.get(url("map_element_create", trajectory)).status_code == 405
    assert facilitator_client.post(url("map_data", trajectory)).status_code == 405
