"""Several maps of one network: each keeps its own places; the map page shows the chosen one."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from weefwerk.networkmap import services
from weefwerk.networkmap.models import NetworkMap, Position
from weefwerk.trajectories.tests.factories import make_trajectory


def url(name, trajectory, **kwargs):
    return reverse(f"networkmap:{name}", kwargs={"trajectory_id": trajectory.pk, **kwargs})


def positions(network_map):
    return {
        element_id: (x, y)
        for element_id, x, y in network_map.positions.values_list("element_id", "x", "y")
    }


def test_a_new_map_copies_the_places_of_another_or_starts_empty(trajectory, network):
    first = services.default_map(trajectory)
    copy = services.map_create(trajectory, name="Voor de wethouder", copy_from=first)
    empty = services.map_create(trajectory, name="Leeg")
    assert positions(copy) == positions(first) != {}
    assert positions(empty) == {}
    services.positions_save(copy, {network["org_a"].pk: (500, 600)})
    assert positions(first)[network["org_a"].pk] == (10, 20)  # the other map keeps its place


def test_the_last_map_cannot_be_deleted(trajectory, network):
    only = services.default_map(trajectory)
    with pytest.raises(ValidationError):
        services.map_delete(only)
    other = services.map_create(trajectory, name="Tweede", copy_from=only)
    services.map_delete(other)
    assert list(trajectory.network_maps.all()) == [only]
    assert Position.objects.filter(map=only).count() == 2


def test_map_chosen_ignores_maps_of_other_trajectories(trajectory, network, facilitator):
    first = services.default_map(trajectory)
    second = services.map_create(trajectory, name="Tweede")
    foreign = services.default_map(make_trajectory(user=facilitator))
    assert services.map_chosen(trajectory, str(second.pk)) == second
    assert services.map_chosen(trajectory, str(foreign.pk)) == first
    assert services.map_chosen(trajectory, "onzin") == first
    assert services.map_chosen(make_trajectory(user=facilitator), None) is None


def test_the_map_page_and_its_data_follow_the_chosen_map(facilitator_client, trajectory, network):
    first = services.default_map(trajectory)
    second = services.map_create(trajectory, name="Overleggen")
    services.positions_save(second, {network["table"].pk: (1, 2)})

    page = facilitator_client.get(url("map", trajectory), {"kaart": second.pk}).content.decode()
    assert f'data-url-data="{url("map_data", trajectory)}?kaart={second.pk}"' in page
    assert f'data-url-positions="{url("map_positions", trajectory)}?kaart={second.pk}"' in page
    assert f'<option value="{second.pk}" selected>Overleggen</option>' in page

    data = facilitator_client.get(url("map_data", trajectory), {"kaart": second.pk}).json()
    assert data["positions"] == {str(network["table"].pk): [1.0, 2.0]}
    default = facilitator_client.get(url("map_data", trajectory)).json()
    assert set(default["positions"]) == {str(network["org_a"].pk), str(network["org_b"].pk)}

    saved = facilitator_client.post(
        f"{url('map_positions', trajectory)}?kaart={second.pk}",
        json.dumps({"positions": {network["org_b"].pk: [7, 8]}}),
        content_type="application/json",
    )
    assert saved.status_code == 200
    assert positions(second)[network["org_b"].pk] == (7, 8)
    assert positions(first)[network["org_b"].pk] == (-5.5, 3)


def test_positions_for_an_unknown_map_are_refused(
    facilitator_client, facilitator, trajectory, network
):
    foreign = services.default_map(make_trajectory(user=facilitator))
    response = facilitator_client.post(
        f"{url('map_positions', trajectory)}?kaart={foreign.pk}",
        json.dumps({"positions": {network["org_b"].pk: [7, 8]}}),
        content_type="application/json",
    )
    assert response.status_code == 404
    assert response.json()["message"] == "Deze kaart bestaat niet meer."
    assert not foreign.positions.exists()


def test_one_map_shows_no_choice_but_a_link_to_the_maps(facilitator_client, trajectory, network):
    page = facilitator_client.get(url("map", trajectory)).content.decode()
    assert 'id="map-choice"' not in page
    assert url("maps", trajectory) in page


def test_make_rename_and_delete_maps_through_the_pages(facilitator_client, trajectory, network):
    first = services.default_map(trajectory)
    listing = facilitator_client.get(url("maps", trajectory)).content.decode()
    assert "2 van 4 elementen" in listing

    response = facilitator_client.post(
        url("maps", trajectory), {"name": "  Voor de   wethouder ", "copy_from": first.pk}
    )
    made = NetworkMap.objects.get(name="Voor de wethouder")
    assert response.status_code == 302
    assert response["Location"] == f"{url('map', trajectory)}?kaart={made.pk}"
    assert positions(made) == positions(first)

    again = facilitator_client.post(url("maps", trajectory), {"name": "voor de wethouder"})
    assert "Er is al een kaart met deze naam." in again.content.decode()
    assert 'value="voor de wethouder"' in again.content.decode()
    assert trajectory.network_maps.count() == 2

    facilitator_client.post(url("map_rename", trajectory, pk=made.pk), {"name": "Wethouder"})
    made.refresh_from_db()
    assert made.name == "Wethouder"

    facilitator_client.post(url("map_delete", trajectory, pk=made.pk))
    assert list(trajectory.network_maps.all()) == [first]
    refused = facilitator_client.post(url("map_delete", trajectory, pk=first.pk), follow=True)
    assert "Dit is de enige kaart. Die kan niet weg." in refused.content.decode()
    assert trajectory.network_maps.count() == 1


def test_a_manager_sees_the_maps_but_cannot_change_them(client, manager, trajectory, network):
    services.map_create(trajectory, name="Tweede")
    client.force_login(manager)
    listing = client.get(url("maps", trajectory)).content.decode()
    assert "Tweede" in listing
    assert "Kaart maken" not in listing
    assert client.post(url("maps", trajectory), {"name": "Derde"}).status_code == 403
    assert trajectory.network_maps.count() == 2
