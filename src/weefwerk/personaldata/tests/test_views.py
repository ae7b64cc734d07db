"""Pages: access, downloads, the erasure form, the audit log, one's own data."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from weefwerk.people.models import Person
from weefwerk.personaldata import audit
from weefwerk.personaldata.models import AuditEntry
from weefwerk.personaldata.tests.conftest import EMAIL, NAME
from weefwerk.trajectories.tests.factories import make_trajectory


def person_urls(trajectory, person):
    args = [trajectory.pk, person.pk]
    return [
        reverse("personaldata:person", args=args),
        reverse("personaldata:person_download", args=[*args, "json"]),
        reverse("personaldata:person_download", args=[*args, "html"]),
        reverse("personaldata:person_erase", args=args),
        reverse("personaldata:audit_log", args=[trajectory.pk]),
    ]


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_non_members_get_404(world, trajectory, outsider):
    client = client_for(outsider)
    for url in person_urls(trajectory, world["marit"]):
        assert client.get(url).status_code == 404, url
    response = client.post(person_urls(trajectory, world["marit"])[3], {"notes": "keep"})
    assert response.status_code == 404
    assert Person.objects.filter(name=NAME).exists()


@pytest.mark.parametrize("role", ["manager", "project_member", "participant"])
def test_others_than_the_facilitator_get_403(world, trajectory, role, request):
    client = client_for(request.getfixturevalue(role))
    for url in person_urls(trajectory, world["marit"]):
        assert client.get(url).status_code == 403, url
    assert (
        client.post(person_urls(trajectory, world["marit"])[3], {"notes": "keep"}).status_code
        == 403
    )
    assert Person.objects.filter(name=NAME).exists()
    denied = AuditEntry.objects.filter(result=audit.DENIED)
    assert denied.count() == 6 and {e.trajectory_id for e in denied} == {trajectory.pk}


def test_login_required(client, world, trajectory):
    for url in [*person_urls(trajectory, world["marit"]), reverse("personaldata_account:mine")]:
        response = client.get(url)
        assert response.status_code == 302 and "inloggen" in response["Location"], url


def test_person_from_another_trajectory_is_404(facilitator_client, facilitator, world):
    other = make_trajectory(user=facilitator, name="Ander traject")
    url = reverse("personaldata:person", args=[other.pk, world["marit"].pk])
    assert facilitator_client.get(url).status_code == 404


def test_person_page_shows_data_and_is_logged(facilitator_client, trajectory, world, facilitator):
    response = facilitator_client.get(person_urls(trajectory, world["marit"])[0])
    page = response.content.decode()
    assert response.status_code == 200
    assert NAME in page and "Aanwezigheid" in page and "Meer samenwerken" in page
    assert "Gegevens wissen" in page and "Downloaden als JSON" in page
    entry = AuditEntry.objects.get(action=audit.VIEWED, object_type="people.person")
    assert entry.user == facilitator and entry.object_id == str(world["marit"].pk)


def test_facilitator_downloads_json_and_html(facilitator_client, trajectory, world):
    urls = person_urls(trajectory, world["marit"])
    response = facilitator_client.get(urls[1])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["people"][0]["person"]["email"] == EMAIL
    html = facilitator_client.get(urls[2])
    assert html["Content-Type"].startswith("text/html") and NAME in html.content.decode()
    assert '<html lang="' in html.content.decode()
    assert AuditEntry.objects.filter(action=audit.EXPORTED).count() == 2
    bad = reverse("personaldata:person_download", args=[trajectory.pk, world["marit"].pk, "xml"])
    assert facilitator_client.get(bad).status_code == 404


def test_erase_needs_a_choice(facilitator_client, trajectory, world):
    url = person_urls(trajectory, world["marit"])[3]
    page = facilitator_client.get(url).content.decode()
    assert "anonieme deelnemer" in page and "Gegevens definitief wissen" in page
    response = facilitator_client.post(url, {})
    assert response.status_code == 200
    assert "Kies of de notities mogen blijven staan." in response.content.decode()
    assert Person.objects.filter(name=NAME).exists()


def test_erase_through_the_page(facilitator_client, trajectory, world):
    response = facilitator_client.post(
        person_urls(trajectory, world["marit"])[3], {"notes": "remove"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("people:people", args=[trajectory.pk])
    assert not Person.objects.filter(name=NAME).exists()
    assert AuditEntry.objects.filter(action=audit.ERASED, result=audit.OK).count() == 1


def test_erasing_the_last_facilitator_is_refused(facilitator_client, trajectory, facilitator):
    me = Person.objects.create(trajectory=trajectory, name="Fenna", user=facilitator)
    url = reverse("personaldata:person_erase", args=[trajectory.pk, me.pk])
    response = facilitator_client.post(url, {"notes": "keep"})
    assert response.status_code == 200
    assert "enige gespreksleider" in response.content.decode()
    assert Person.objects.filter(pk=me.pk).exists()
    assert AuditEntry.objects.filter(action=audit.ERASED, result=audit.FAILED).exists()


def test_audit_log_filters_and_pages(facilitator_client, trajectory, world, facilitator):
    for _ in range(55):
        audit.record(
            action=audit.VIEWED, trajectory=trajectory, user=facilitator, obj=world["other"]
        )
    audit.record(action=audit.EXPORTED, trajectory=trajectory, user=facilitator, obj=world["marit"])
    other = make_trajectory(user=facilitator, name="Ander traject")
    audit.record(action=audit.EXPORTED, trajectory=other, description="elders")
    url = reverse("personaldata:audit_log", args=[trajectory.pk])

    page = facilitator_client.get(url).content.decode()
    assert "Volgende pagina" in page and "Pagina 1 van 2" in page
    assert "elders" not in page
    exported = facilitator_client.get(url, {"action": "exported"}).content.decode()
    assert "1 regel" in exported and "Volgende pagina" not in exported
    by_person = facilitator_client.get(
        url, {"object_type": "people.person", "object_id": str(world["marit"].pk)}
    ).content.decode()
    lines = AuditEntry.objects.filter(trajectory=trajectory, object_id=str(world["marit"].pk))
    assert lines.count() == 2  # created (by the fixture) and exported
    assert "2 regels" in by_person and "geëxporteerd" in by_person
    second = facilitator_client.get(url, {"pagina": "2"})
    assert second.status_code == 200 and "Pagina 2 van 2" in second.content.decode()
    assert facilitator_client.get(url, {"action": "nonsense"}).status_code == 200  # ignored


def test_audit_log_never_shows_names(facilitator_client, trajectory, world):
    facilitator_client.get(reverse("people:person_edit", args=[trajectory.pk, world["marit"].pk]))
    page = facilitator_client.get(reverse("personaldata:audit_log", args=[trajectory.pk]))
    assert NAME not in page.content.decode() and EMAIL not in page.content.decode()


def test_my_data_page_and_downloads(world, trajectory):
    client = client_for(world["account"])
    page = client.get(reverse("personaldata_account:mine"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Mijn gegevens" in text and NAME in text and trajectory.name in text
    assert "Meer samenwerken" in text
    response = client.get(reverse("personaldata_account:mine_download", args=["json"]))
    data = json.loads(response.content)
    assert data["subject"] == "account" and data["account"]["email"] == EMAIL
    assert "attachment" in response["Content-Disposition"]
    html = client.get(reverse("personaldata_account:mine_download", args=["html"]))
    assert html.status_code == 200 and NAME in html.content.decode()
    assert AuditEntry.objects.filter(action=audit.DOWNLOADED, trajectory=trajectory).count() == 2


def test_my_data_for_someone_without_people(outsider):
    client = client_for(outsider)
    page = client.get(reverse("personaldata_account:mine")).content.decode()
    assert "Er staat geen persoon op uw naam in een traject." in page
    data = json.loads(
        client.get(reverse("personaldata_account:mine_download", args=["json"])).content
    )
    assert data["people"] == [] and data["account"]["email"] == outsider.email


def test_links_to_the_pages(facilitator_client, trajectory, world, project_member):
    people = facilitator_client.get(reverse("people:people", args=[trajectory.pk])).content.decode()
    assert reverse("personaldata:person", args=[trajectory.pk, world["marit"].pk]) in people
    assert reverse("personaldata_account:mine") in people  # in the header
    members = facilitator_client.get(reverse("trajectories:members", args=[trajectory.pk]))
    assert reverse("personaldata:audit_log", args=[trajectory.pk]) in members.content.decode()
    # The project team edits people but does not see the facilitator's links.
    team = client_for(project_member).get(reverse("people:people", args=[trajectory.pk]))
    assert reverse("personaldata:person", args=[trajectory.pk, world["marit"].pk]) not in (
        team.content.decode()
    )


def test_people_pages_write_audit_lines(facilitator_client, trajectory, facilitator, world):
    AuditEntry.objects.all().delete()
    facilitator_client.get(reverse("people:people", args=[trajectory.pk]))
    marit = world["marit"]
    facilitator_client.get(reverse("people:person_edit", args=[trajectory.pk, marit.pk]))
    response = facilitator_client.post(
        reverse("people:person_create", args=[trajectory.pk]), {"name": "Nieuwe Persoon"}
    )
    assert response.status_code == 302
    new = Person.objects.get(name="Nieuwe Persoon")
    facilitator_client.post(
        reverse("people:person_edit", args=[trajectory.pk, new.pk]),
        {"name": "Nieuwe Persoon", "function": "Wijkcoach"},
    )
    facilitator_client.post(reverse("people:person_delete", args=[trajectory.pk, new.pk]))
    lines = list(
        AuditEntry.objects.order_by("pk").values_list("action", "object_id", "description", "user")
    )
    assert lines == [
        ("viewed", "", "lijst", facilitator.pk),
        ("viewed", str(marit.pk), "", facilitator.pk),
        ("created", str(new.pk), "", facilitator.pk),
        ("changed", str(new.pk), "function", facilitator.pk),
        ("deleted", str(new.pk), "", facilitator.pk),
    ]


def test_saving_without_a_change_writes_nothing(world):
    AuditEntry.objects.all().delete()
    world["marit"].save()
    assert not AuditEntry.objects.exists()


def test_record_never_raises(trajectory):
    entry = audit.record(action=audit.VIEWED, trajectory=999_999_999)  # no such trajectory
    assert entry.trajectory_id is None
    with pytest.raises(ValueError):
        audit.record(action="looked", trajectory=trajectory)


def test_deleting_a_trajectory_writes_one_line(facilitator_client, trajectory, world):
    AuditEntry.objects.all().delete()
    response = facilitator_client.post(reverse("trajectories:delete", args=[trajectory.pk]))
    assert response.status_code == 302
    lines = list(AuditEntry.objects.values_list("action", "object_type", "trajectory"))
    assert lines == [("deleted", "trajectories.trajectory", None)]


def test_an_import_writes_lines_for_every_person_and_one_for_the_import(
    facilitator_client, trajectory, facilitator
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from weefwerk.people.models import ImportBatch

    csv = b"naam;e-mail\r\nAnna de Vries;anna@voorbeeld.example\r\nBram Visser;bram@v.example\r\n"
    facilitator_client.post(
        reverse("people:import", args=[trajectory.pk]),
        {"file": SimpleUploadedFile("lijst.csv", csv), "kind": "auto"},
    )
    batch = ImportBatch.objects.get()
    url = reverse("people:import_preview", args=[trajectory.pk, batch.pk])
    assert facilitator_client.post(url, {"action": "confirm"}).status_code == 302
    created = AuditEntry.objects.filter(action=audit.CREATED, object_type="people.person")
    assert created.count() == 2 and {e.user for e in created} == {facilitator}
    imported = AuditEntry.objects.get(action=audit.IMPORTED)
    assert imported.description == "2 personen nieuw, 0 bijgewerkt"
    assert "Anna" not in imported.description


def test_middleware_names_the_user_for_automatic_lines(rf, trajectory, facilitator):
    from weefwerk.personaldata.middleware import AuditUserMiddleware

    def view(request):
        Person.objects.create(trajectory=trajectory, name="Via de middleware")
        return None

    request = rf.get("/")
    request.user = facilitator
    AuditUserMiddleware(view)(request)
    entry = AuditEntry.objects.get(action=audit.CREATED)
    assert entry.user == facilitator and entry.trajectory == trajectory
    assert audit.acting_user() is None  # reset after the request


def test_retention_months_saved_from_the_edit_page(facilitator_client, trajectory):
    url = reverse("trajectories:edit", args=[trajectory.pk])
    data = {
        "name": trajectory.name,
        "municipality": "Testdorp",
        "approach": trajectory.approach,
        "status": "closed",
        "retention_months": "6",
    }
    assert facilitator_client.post(url, data).status_code == 302
    trajectory.refresh_from_db()
    assert trajectory.retention_months == 6 and trajectory.closed_at is not None
