"""Snapshots by hand and when a session is held; showing and comparing them."""

from django.urls import reverse

from weefwerk.networkmap import services
from weefwerk.networkmap.models import ConnectionKind, ElementKind, Snapshot
from weefwerk.trajectories.models import Meeting
from weefwerk.trajectories.services import meeting_update
from weefwerk.trajectories.tests.factories import MeetingFactory


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
