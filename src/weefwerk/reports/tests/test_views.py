"""The report pages: who sees what, editing, publishing and withdrawing, downloads."""

import pytest
from django.test import Client
from django.urls import reverse

from weefwerk.reports.models import Report
from weefwerk.reports.render import DOCX_TYPE, PDF_TYPE
from weefwerk.reports.tests.helpers import pdf_text, word, word_text
from weefwerk.trajectories.models import Membership, Role
from weefwerk.trajectories.tests.factories import UserFactory


@pytest.fixture
def participant(trajectory):
    user = UserFactory()
    Membership.objects.create(trajectory=trajectory, user=user, role=Role.PARTICIPANT)
    return user


def urls(rich):
    t, m = rich["trajectory"].pk, rich["meeting"].pk
    return {
        "list": reverse("reports:list", args=[t]),
        "page": reverse("reports:session", args=[t, m]),
        "publish": reverse("reports:session_publish", args=[t, m]),
        "withdraw": reverse("reports:session_withdraw", args=[t, m]),
        "pdf": reverse("reports:session_pdf", args=[t, m]),
        "docx": reverse("reports:session_docx", args=[t, m]),
        "photo": reverse("reports:photo", args=[t, m, rich["photo"].pk]),
        "summary": reverse("reports:summary", args=[t]),
        "summary_pdf": reverse("reports:summary_pdf", args=[t]),
        "summary_docx": reverse("reports:summary_docx", args=[t]),
        "managers": reverse("reports:managers", args=[t]),
    }


def test_outsiders_get_404_everywhere(client, outsider, rich):
    client.force_login(outsider)
    for url in urls(rich).values():
        assert client.get(url).status_code == 404, url


def test_anonymous_users_go_to_the_login(client, rich):
    response = client.get(urls(rich)["page"])
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]


def test_facilitator_sees_the_draft_with_the_form_and_the_preview(facilitator_client, rich):
    response = facilitator_client.get(urls(rich)["page"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "Inleiding en conclusies" in html and "Publiceren" in html
    assert "Wie waren er?" in html and "Korte lijntjes met de school" in html
    assert urls(rich)["photo"] in html
    assert Report.objects.count() == 0  # looking does not make a row


def test_readers_see_only_published_reports(client, manager, participant, rich):
    u = urls(rich)
    for user in (manager, participant):
        client.force_login(user)
        assert client.get(u["page"]).status_code == 404
        assert client.get(u["pdf"]).status_code == 404
        assert client.get(u["docx"]).status_code == 404
        assert client.get(u["photo"]).status_code == 404
        listing = client.get(u["list"]).content.decode()
        assert rich["meeting"].title not in listing
        assert client.get(u["managers"]).status_code == 403
        assert client.post(u["publish"]).status_code == 403
        assert client.post(u["page"], {"introduction": "x", "conclusions": ""}).status_code == 403
    assert Report.objects.count() == 0


def test_write_publish_withdraw(facilitator_client, facilitator, manager, rich):
    u = urls(rich)
    response = facilitator_client.post(
        u["page"],
        {"introduction": "Een goede middag.\n\nVeel nieuwe gezichten.", "conclusions": "Door!"},
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.introduction.startswith("Een goede middag.") and report.status == "draft"

    assert facilitator_client.post(u["publish"]).status_code == 302
    report.refresh_from_db()
    assert report.is_published and report.published_by == facilitator and report.published_at

    client = Client()
    client.force_login(manager)
    page = client.get(u["page"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Veel nieuwe gezichten." in html and "Inleiding en conclusies" not in html
    assert rich["meeting"].title in client.get(u["list"]).content.decode()
    assert client.get(u["photo"]).status_code == 200

    assert facilitator_client.post(u["withdraw"]).status_code == 302
    report.refresh_from_db()
    assert report.status == "draft" and report.published_at is None
    assert client.get(u["page"]).status_code == 404


def test_the_form_keeps_what_was_typed_on_error(facilitator_client, rich):
    typed = "Mijn inleiding " + "x" * 20_100
    response = facilitator_client.post(
        urls(rich)["page"], {"introduction": typed, "conclusions": "Blijft"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "te lang" in html and "Blijft" in html and "Mijn inleiding" in html
    assert Report.objects.count() == 0


def test_project_team_may_edit(client, project_member, rich):
    client.force_login(project_member)
    u = urls(rich)
    assert (
        client.post(u["page"], {"introduction": "Van het team", "conclusions": ""}).status_code
        == 302
    )
    assert client.post(u["publish"]).status_code == 302
    assert Report.objects.get().is_published


def test_downloads(facilitator_client, rich):
    u = urls(rich)
    pdf = facilitator_client.get(u["pdf"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == PDF_TYPE
    assert "attachment" in pdf["Content-Disposition"] and ".pdf" in pdf["Content-Disposition"]
    assert "Wie waren er?" in pdf_text(pdf.content)
    docx = facilitator_client.get(u["docx"])
    assert docx.status_code == 200 and docx["Content-Type"] == DOCX_TYPE
    assert "De agenda" in word_text(word(docx.content))
    for name in ("summary_pdf", "summary_docx"):
        assert facilitator_client.get(u[name]).status_code == 200


def test_summary_page_and_its_publication(facilitator_client, participant, rich):
    u = urls(rich)
    html = facilitator_client.get(u["summary"]).content.decode()
    assert "Het netwerk bij de start" in html and "Wie kent wie?" in html
    client = Client()
    client.force_login(participant)
    assert client.get(u["summary"]).status_code == 404
    publish = reverse("reports:summary_publish", args=[rich["trajectory"].pk])
    assert facilitator_client.post(publish).status_code == 302
    assert client.get(u["summary"]).status_code == 200
    assert client.get(u["summary_docx"]).status_code == 200


def test_nav_and_the_session_page_link_to_the_reports(facilitator_client, rich):
    u = urls(rich)
    meeting_page = reverse("planning:meeting", args=[rich["trajectory"].pk, rich["meeting"].pk])
    html = facilitator_client.get(meeting_page).content.decode()
    assert u["page"] in html and u["list"] in html
    listing = facilitator_client.get(u["list"]).content.decode()
    assert 'aria-current="page">Verslagen' in listing
    assert "Nog niet begonnen" in listing  # no report row yet


def test_photos_of_another_meeting_are_not_found(facilitator_client, rich):
    other = rich["next"]
    url = reverse("reports:photo", args=[rich["trajectory"].pk, other.pk, rich["photo"].pk])
    assert facilitator_client.get(url).status_code == 404


def test_pages_have_one_h1_and_unique_ids_even_with_two_maps(facilitator_client, rich):
    import re
    from collections import Counter

    u = urls(rich)
    for url in (u["page"], u["summary"], u["list"], u["managers"]):
        html = facilitator_client.get(url).content.decode()
        assert html.count("<h1") == 1, url
        twice = [i for i, n in Counter(re.findall(r'\bid="([^"]+)"', html)).items() if n > 1]
        assert not twice, (url, twice)
        assert "<?xml" not in html
