"""The import pages: upload, errors, preview, confirm, cancel, access."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from weefwerk.people.models import ImportBatch, Organisation, Person
from weefwerk.people.tests.factories import PersonFactory
from weefwerk.trajectories.tests.factories import make_trajectory

PEOPLE_CSV = (
    b"naam;organisatie;e-mail;projectteam\r\n"
    b"Anna de Vries;Stichting Schuldhulp;anna@voorbeeld.example;ja\r\n"
    b"Bram Visser;Stichting Schuldhulp;bram@voorbeeld.example;nee\r\n"
    b"Carla Smit;De Linde;carla@voorbeeld.example;\r\n"
)


def upload(client, trajectory, data, name="lijst.csv", kind="auto"):
    return client.post(
        reverse("people:import", args=[trajectory.pk]),
        {"file": SimpleUploadedFile(name, data), "kind": kind},
    )


def test_upload_page_explains_the_columns(facilitator_client, trajectory):
    response = facilitator_client.get(reverse("people:import", args=[trajectory.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'enctype="multipart/form-data"' in html
    assert 'for="id_file"' in html
    assert "vaste deelnemer" in html and "omschrijving" in html
    assert reverse("people:import_example", args=[trajectory.pk, "personen"]) in html
    assert reverse("people:import_example", args=[trajectory.pk, "organisaties"]) in html


def test_upload_preview_confirm(facilitator_client, trajectory):
    response = upload(facilitator_client, trajectory, PEOPLE_CSV)
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("people:import_preview", args=[trajectory.pk, batch.pk])
    assert Person.objects.count() == 0  # nothing saved before the confirmation

    response = facilitator_client.get(response.url)
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Anna de Vries" in html and "Stichting Schuldhulp" in html
    assert "3 nieuwe personen" in html and "2 nieuwe organisaties" in html

    response = facilitator_client.post(response.request["PATH_INFO"], {"action": "confirm"})
    assert response.status_code == 302
    assert response.url == reverse("people:people", args=[trajectory.pk])
    assert Person.objects.count() == 3 and Organisation.objects.count() == 2
    response = facilitator_client.get(response.url)
    assert "3 personen en 2 organisaties geïmporteerd." in response.content.decode()
    assert "Anna de Vries" in response.content.decode()

    # A second confirmation (say, the back button) imports nothing more.
    facilitator_client.post(
        reverse("people:import_preview", args=[trajectory.pk, batch.pk]), {"action": "confirm"}
    )
    assert Person.objects.count() == 3


def test_preview_says_which_rows_are_updated(facilitator_client, trajectory):
    PersonFactory(trajectory=trajectory, name="Anna", email="anna@voorbeeld.example")
    upload(facilitator_client, trajectory, PEOPLE_CSV)
    batch = ImportBatch.objects.get()
    response = facilitator_client.get(
        reverse("people:import_preview", args=[trajectory.pk, batch.pk])
    )
    html = response.content.decode()
    assert "wordt bijgewerkt" in html
    assert "2 nieuwe personen" in html and "1 persoon wordt bijgewerkt" in html


def test_cancel_saves_nothing(facilitator_client, trajectory):
    upload(facilitator_client, trajectory, PEOPLE_CSV)
    batch = ImportBatch.objects.get()
    response = facilitator_client.post(
        reverse("people:import_preview", args=[trajectory.pk, batch.pk]), {"action": "cancel"}
    )
    assert response.url == reverse("people:import", args=[trajectory.pk])
    assert not ImportBatch.objects.exists()
    assert Person.objects.count() == 0


def test_errors_are_listed_by_row_and_column(facilitator_client, trajectory):
    data = PEOPLE_CSV + b"Dirk;;dirk@;misschien\r\n"
    response = upload(facilitator_client, trajectory, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "niet geïmporteerd" in html and "Er is niets opgeslagen" in html
    assert '<td class="utrecht-table__cell">5</td>' in html
    assert "geen goed e-mailadres" in html and "geen ja of nee" in html
    assert not ImportBatch.objects.exists()
    assert Person.objects.count() == 0 and Organisation.objects.count() == 0


def test_xlsx_upload(facilitator_client, trajectory):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Organisaties"
    workbook.active.append(["Naam", "Domeinen", "Soort"])
    workbook.active.append(["Voedselbank", "Voedselbank", "formeel"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(facilitator_client, trajectory, buffer.getvalue(), "netwerk.xlsx")
    assert response.status_code == 302
    response = facilitator_client.post(response.url, {"action": "confirm"})
    assert Organisation.objects.get().name == "Voedselbank"
    response = facilitator_client.get(response.url)
    assert "1 organisatie geïmporteerd." in response.content.decode()


def test_too_large_file_is_refused(facilitator_client, trajectory):
    data = b"naam;functie\r\n" + b"Anna;medewerker\r\n" * (10 * 1024 * 1024 // 17)
    response = upload(facilitator_client, trajectory, data)
    assert response.status_code == 200
    assert "te groot" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_wrong_file_type(facilitator_client, trajectory):
    response = upload(facilitator_client, trajectory, b"%PDF-1.4", "lijst.pdf")
    assert response.status_code == 200
    assert ".xlsx" in response.content.decode()
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize("kind", ["personen", "organisaties"])
def test_example_files_import_cleanly(facilitator_client, trajectory, kind):
    response = facilitator_client.get(reverse("people:import_example", args=[trajectory.pk, kind]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    response = upload(facilitator_client, trajectory, response.content, f"voorbeeld-{kind}.csv")
    assert response.status_code == 302, response.content.decode()


def test_unknown_example_is_404(facilitator_client, trajectory):
    url = reverse("people:import_example", args=[trajectory.pk, "schoenen"])
    assert facilitator_client.get(url).status_code == 404


def test_another_users_batch_is_not_found(client, facilitator_client, trajectory, project_member):
    upload(facilitator_client, trajectory, PEOPLE_CSV)
    batch = ImportBatch.objects.get()
    client.force_login(project_member)
    url = reverse("people:import_preview", args=[trajectory.pk, batch.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "confirm"}).status_code == 404
    assert Person.objects.count() == 0


def test_a_batch_of_another_trajectory_is_not_found(facilitator_client, trajectory, facilitator):
    other = make_trajectory(user=facilitator, name="Ander traject")
    upload(facilitator_client, other, PEOPLE_CSV)
    batch = ImportBatch.objects.get()
    url = reverse("people:import_preview", args=[trajectory.pk, batch.pk])
    assert facilitator_client.get(url).status_code == 404


def import_urls(trajectory, batch_pk):
    return [
        reverse("people:import", args=[trajectory.pk]),
        reverse("people:import_preview", args=[trajectory.pk, batch_pk]),
        reverse("people:import_example", args=[trajectory.pk, "personen"]),
    ]


def test_manager_gets_403(client, facilitator_client, trajectory, manager):
    upload(facilitator_client, trajectory, PEOPLE_CSV)
    batch = ImportBatch.objects.get()
    client.force_login(manager)
    for url in import_urls(trajectory, batch.pk):
        assert client.get(url).status_code == 403, url
    response = upload(client, trajectory, PEOPLE_CSV)
    assert response.status_code == 403
    url = reverse("people:import_preview", args=[trajectory.pk, batch.pk])
    assert client.post(url, {"action": "confirm"}).status_code == 403
    assert Person.objects.count() == 0


def test_non_member_gets_404(client, facilitator_client, trajectory, outsider):
    upload(facilitator_client, trajectory, PEOPLE_CSV)
    batch = ImportBatch.objects.get()
    client.force_login(outsider)
    for url in import_urls(trajectory, batch.pk):
        assert client.get(url).status_code == 404, url
    assert upload(client, trajectory, PEOPLE_CSV).status_code == 404
    url = reverse("people:import_preview", args=[trajectory.pk, batch.pk])
    assert client.post(url, {"action": "confirm"}).status_code == 404
    assert Person.objects.count() == 0


def test_anonymous_is_sent_to_login(client, trajectory):
    response = client.get(reverse("people:import", args=[trajectory.pk]))
    assert response.status_code == 302
