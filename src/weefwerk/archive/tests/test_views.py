"""Pages: export (facilitator only), import from "Mijn trajecten", the summary."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from weefwerk.archive.trajectory_export import DOCUMENT_NAME, export_trajectory
from weefwerk.trajectories.models import Membership, Role, Trajectory

pytestmark = pytest.mark.django_db


def urls(trajectory):
    return [
        reverse("archive:export", args=[trajectory.pk]),
        reverse("archive:export_download", args=[trajectory.pk]),
    ]


def test_non_members_get_404(client, trajectory, outsider):
    client.force_login(outsider)
    for url in urls(trajectory):
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.MANAGER, Role.PROJECT_TEAM])
def test_other_roles_get_403(client, trajectory, role):
    from weefwerk.trajectories.tests.factories import UserFactory

    user = UserFactory()
    Membership.objects.create(trajectory=trajectory, user=user, role=role)
    client.force_login(user)
    for url in urls(trajectory):
        assert client.get(url).status_code == 403


def test_anonymous_is_sent_to_login(client, trajectory):
    for url in [*urls(trajectory), reverse("archive_top:import")]:
        response = client.get(url)
        assert response.status_code == 302
        assert "inloggen" in response["Location"]


def test_facilitator_downloads_the_zip(facilitator_client, trajectory):
    page = facilitator_client.get(reverse("archive:export", args=[trajectory.pk]))
    assert page.status_code == 200
    assert "Zip-bestand downloaden" in page.content.decode()
    response = facilitator_client.get(reverse("archive:export_download", args=[trajectory.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    assert DOCUMENT_NAME in zipfile.ZipFile(io.BytesIO(data)).namelist()


def test_links_on_the_pages(facilitator_client, trajectory, project_member, client):
    mine = facilitator_client.get(reverse("trajectories:list")).content.decode()
    assert reverse("archive_top:import") in mine
    access = facilitator_client.get(reverse("trajectories:members", args=[trajectory.pk]))
    assert reverse("archive:export", args=[trajectory.pk]) in access.content.decode()
    client.force_login(project_member)
    access = client.get(reverse("trajectories:members", args=[trajectory.pk]))
    assert reverse("archive:export", args=[trajectory.pk]) not in access.content.decode()


def test_import_then_summary(client, rich):
    from weefwerk.trajectories.tests.factories import UserFactory

    data = export_trajectory(rich)
    other = UserFactory(full_name="Otto Ander")
    client.force_login(other)
    response = client.post(
        reverse("archive_top:import"),
        {"file": SimpleUploadedFile("traject.zip", data, "application/zip"), "name": ""},
    )
    copy = Trajectory.objects.exclude(pk=rich.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("archive:imported", args=[copy.pk])
    assert copy.name == rich.name
    assert Membership.objects.get(trajectory=copy, user=other).role == Role.FACILITATOR
    summary = client.get(response["Location"]).content.decode()
    assert "is geïmporteerd als nieuw traject" in summary
    assert "Personen: 4" in summary
    assert "2 foto&#x27;s en bestanden" in summary or "2 foto's en bestanden" in summary


def test_import_with_a_new_name(facilitator_client, rich):
    data = export_trajectory(rich)
    facilitator_client.post(
        reverse("archive_top:import"),
        {"file": SimpleUploadedFile("traject.zip", data), "name": "Kopie voor oefenen"},
    )
    assert Trajectory.objects.filter(name="Kopie voor oefenen").exists()


def test_a_bad_file_shows_the_reason_and_keeps_the_form(facilitator_client, trajectory):
    before = Trajectory.objects.count()
    response = facilitator_client.post(
        reverse("archive_top:import"),
        {"file": SimpleUploadedFile("traject.zip", b"kapot"), "name": "Mijn kopie"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "geen geldig zip-bestand" in content
    assert 'value="Mijn kopie"' in content
    assert Trajectory.objects.count() == before


def test_only_zip_files(facilitator_client):
    response = facilitator_client.post(
        reverse("archive_top:import"), {"file": SimpleUploadedFile("lijst.csv", b"a,b")}
    )
    assert "Kies een zip-bestand" in response.content.decode()


def test_the_summary_is_for_members_only(client, rich, outsider):
    client.force_login(outsider)
    assert client.get(reverse("archive:imported", args=[rich.pk])).status_code == 404
