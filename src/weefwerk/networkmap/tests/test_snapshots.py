"""Snapshots by hand and when a session is held; showing and comparing them."""

import xml.etree.ElementTree as ET

from django.urls import reverse

from weefwerk.engine.mapimage.model import ADDED_COLOUR, MUTED_COLOUR, REMOVED_COLOUR
from weefwerk.networkmap import services
from weefwerk.networkmap.models import ConnectionKind, ElementKind, Snapshot
from weefwerk.trajectories.models import Meeting
from weefwerk.trajectories.services import meeting_update
from weefwerk.trajectories.tests.factories import MeetingFactory

SVG = "{http://www.w3.org/2000/svg}"


def test_a_snapshot_freezes_elements_connections_and_positions(trajectory, network):
    snapshot = services.snapshot_take(trajectory=trajectory, name="Start")
    assert len(snapshot.data["elements"]) == 4
    assert len(snapshot.data["connections"]) == 3
    assert snapshot.data["positions"][str(network["org_a"].pk)] == [10, 20]
    services.element_update(network["org_a"], label="Andere naam")
    snapshot.refresh_from_db()
    assert "Voedselbank" in {e["label"] for e in snapshot.data["elements"]}


def test_a_session_marked_held_takes_one_snapshot(trajectory, network):
    meeting = MeetingFactory(trajectory=trajectory, number=3, title="Stap 3")
    meeting_update(meeting, location="Buurthuis")
    assert not Snapshot.objects.exists()
    meeting_update(meeting, status=Meeting.Status.HELD)
    snapshot = Snapshot.objects.get()
    assert snapshot.meeting == meeting and "Stap 3" in snapshot.name
    meeting_update(meeting, location="Bibliotheek")
    assert Snapshot.objects.count() == 1


def test_compare_two_snapshots(facilitator_client, trajectory, network):
    first = services.snapshot_take(trajectory=trajectory, name="Eerst")
    services.element_delete(network["org_b"])  # its tie goes too
    ggd = services.element_create(trajectory=trajectory, kind=ElementKind.ORGANISATION, label="GGD")
    services.connection_create(
        trajectory=trajectory, source=ggd, target=network["org_a"], kind=ConnectionKind.FUNDS
    )
    second = services.snapshot_take(trajectory=trajectory, name="Daarna")
    url = reverse("networkmap:snapshot_compare_json", args=[trajectory.pk])
    data = facilitator_client.get(url, {"a": first.pk, "b": second.pk}).json()
    assert [e["label"] for e in data["added_elements"]] == ["GGD"]
    assert [e["label"] for e in data["removed_elements"]] == ["De Regenboog"]
    assert [(c["source_label"], c["target_label"]) for c in data["added_connections"]] == [
        ("GGD", "Voedselbank")
    ]
    assert [(c["source_label"], c["target_label"]) for c in data["removed_connections"]] == [
        ("Voedselbank", "De Regenboog")
    ]
    # Without a and b: the two latest snapshots.
    assert facilitator_client.get(url).json() == data
    html = facilitator_client.get(
        reverse("networkmap:snapshot_compare", args=[trajectory.pk]), {"a": first.pk, "b": "nu"}
    ).content.decode()
    assert "GGD" in html and "De Regenboog" in html
    assert facilitator_client.get(url, {"a": 999999, "b": first.pk}).status_code == 404


def test_snapshot_pages(facilitator_client, trajectory, network):
    url = reverse("networkmap:snapshots", args=[trajectory.pk])
    response = facilitator_client.post(url, {"name": ""})
    assert response.status_code == 302
    snapshot = Snapshot.objects.get()
    assert snapshot.name.startswith("Momentopname van")
    html = facilitator_client.get(response["Location"]).content.decode()
    assert "Wijkteamoverleg" in html and "Voedselbank" in html
    delete = reverse("networkmap:snapshot_delete", args=[trajectory.pk, snapshot.pk])
    assert facilitator_client.post(delete).status_code == 302
    assert not Snapshot.objects.exists()


def svg_shapes(svg: str) -> dict:
    """Each element's shape in a map picture by its name (the shape's tooltip)."""
    root = ET.fromstring(svg)
    return {
        shape.find(f"{SVG}title").text: shape
        for shape in root.iter()
        if shape.find(f"{SVG}title") is not None and shape.tag != f"{SVG}svg"
    }


def test_the_snapshot_page_shows_its_map_picture(facilitator_client, trajectory, network):
    snapshot = services.snapshot_take(trajectory=trajectory, name="Na stap 2")
    page = facilitator_client.get(reverse("networkmap:snapshot", args=[trajectory.pk, snapshot.pk]))
    svg_url = reverse("networkmap:snapshot_picture", args=[trajectory.pk, snapshot.pk, "svg"])
    html = page.content.decode()
    assert f'src="{svg_url}"' in html
    assert 'alt="Netwerkkaart met 4 elementen en 3 verbindingen. Momentopname: Na stap 2."' in html
    response = facilitator_client.get(svg_url)
    assert response["Content-Type"] == "image/svg+xml"
    assert "Content-Disposition" not in response
    assert set(svg_shapes(response.content.decode())) == {
        "Voedselbank",
        "De Regenboog",
        "Sanne Jansen",
        "Wijkteamoverleg",
    }
    png_url = reverse("networkmap:snapshot_picture", args=[trajectory.pk, snapshot.pk, "png"])
    response = facilitator_client.get(png_url, {"download": "1"})
    assert response.content.startswith(b"\x89PNG")
    assert response["Content-Disposition"] == 'attachment; filename="na-stap-2.png"'
    gif = reverse("networkmap:snapshot_picture", args=[trajectory.pk, snapshot.pk, "gif"])
    assert facilitator_client.get(gif).status_code == 404


def test_an_empty_snapshot_has_no_picture(facilitator_client, trajectory):
    snapshot = services.snapshot_take(trajectory=trajectory, name="Leeg")
    html = facilitator_client.get(
        reverse("networkmap:snapshot", args=[trajectory.pk, snapshot.pk])
    ).content.decode()
    assert "<img" not in html
    url = reverse("networkmap:snapshot_picture", args=[trajectory.pk, snapshot.pk, "svg"])
    assert facilitator_client.get(url).status_code == 404


def test_the_comparison_picture_marks_what_changed(facilitator_client, trajectory, network):
    first = services.snapshot_take(trajectory=trajectory, name="Eerst")
    services.element_delete(network["org_b"])  # its tie goes too
    ggd = services.element_create(trajectory=trajectory, kind=ElementKind.ORGANISATION, label="GGD")
    services.connection_create(trajectory=trajectory, source=ggd, target=network["org_a"])
    url = reverse("networkmap:snapshot_compare", args=[trajectory.pk])
    html = facilitator_client.get(url, {"a": first.pk, "b": "nu"}).content.decode()
    svg_url = reverse("networkmap:snapshot_compare_picture", args=[trajectory.pk, "svg"])
    assert f'src="{svg_url}?a={first.pk}&amp;b=nu"' in html
    assert (
        "Vergelijking van „Eerst” met „nu”: 1 nieuw element, 1 verdwenen element, "
        "1 nieuwe verbinding, 1 verdwenen verbinding."
    ) in html
    # The legend names each mark in words, not only by colour.
    for words in ("dikke groene rand", "rode rand met streepjes", "rode lijn met streepjes"):
        assert words in html

    svg = facilitator_client.get(svg_url, {"a": first.pk, "b": "nu"}).content.decode()
    shapes = svg_shapes(svg)
    assert shapes["GGD"].get("stroke") == ADDED_COLOUR
    assert shapes["De Regenboog"].get("stroke") == REMOVED_COLOUR
    assert shapes["De Regenboog"].get("stroke-dasharray")
    assert shapes["Voedselbank"].get("stroke") == MUTED_COLOUR
    lines = ET.fromstring(svg).find(f"{SVG}g").iter(f"{SVG}line")  # the map's, not the legend's
    assert sorted((line.get("stroke"), bool(line.get("stroke-dasharray"))) for line in lines) == [
        (ADDED_COLOUR, False),
        (MUTED_COLOUR, False),
        (MUTED_COLOUR, False),
        (REMOVED_COLOUR, True),
    ]
    png_url = reverse("networkmap:snapshot_compare_picture", args=[trajectory.pk, "png"])
    response = facilitator_client.get(png_url, {"a": first.pk, "b": "nu", "download": "1"})
    assert response.content.startswith(b"\x89PNG")
    assert response["Content-Disposition"] == 'attachment; filename="van-eerst-naar-nu.png"'
    assert facilitator_client.get(svg_url, {"a": 999999, "b": "nu"}).status_code == 404


def test_readers_see_the_pictures_and_non_members_do_not(
    client, manager, outsider, trajectory, network
):
    snapshot = services.snapshot_take(trajectory=trajectory, name="Start")
    urls = [
        reverse("networkmap:snapshot", args=[trajectory.pk, snapshot.pk]),
        reverse("networkmap:snapshot_picture", args=[trajectory.pk, snapshot.pk, "svg"]),
        reverse("networkmap:snapshot_compare", args=[trajectory.pk]) + "?b=nu",
        reverse("networkmap:snapshot_compare_picture", args=[trajectory.pk, "png"]) + "?b=nu",
    ]
    client.force_login(manager)
    assert [client.get(url).status_code for url in urls] == [200] * 4
    client.force_login(outsider)
    assert [client.get(url).status_code for url in urls] == [404] * 4
