"""Reports in the browser: the facilitator writes an introduction, publishes a session report and
downloads it as PDF and Word; a manager then sees the published report, and reads their own
update through the personal link. Every page passes axe (WCAG 2.1 A and AA) on desktop and
phone."""

import io
import re
import shutil
import subprocess

from playwright.sync_api import expect

INTRODUCTION = "Een middag vol nieuwe contacten tussen school, voedselbank en wijkteam."
PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def starts(text):
    return re.compile(rf"^{re.escape(text)}", re.IGNORECASE)


def download(page, link_name, tmp_path):
    """Clicks a download link; returns (content type, bytes) of what arrived."""
    link = page.get_by_role("link", name=link_name)
    href = link.get_attribute("href")
    with page.expect_download() as info:
        link.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    response = page.request.get(href)
    assert response.ok
    return response.headers["content-type"], path.read_bytes(), path.name


def test_publish_a_session_report_download_it_and_a_manager_reads_it(
    page, context, browser, axe, login, demo, live_server, tmp_path
):
    from weefwerk.demo.build import MANAGER_EMAIL
    from weefwerk.reports.links import manager_path
    from weefwerk.reports.models import Report

    trajectory = demo["trajectory"]
    meeting = (
        trajectory.meetings.filter(status="held").order_by("-starts_at", "-pk").first()
        or trajectory.meetings.order_by("number", "pk").first()
    )
    login(page, demo["email"], demo["password"])

    page.goto(f"/trajecten/{trajectory.pk}/")
    page.get_by_role("navigation", name="Traject").get_by_role("link", name="Verslagen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verslagen")
    reports = axe.check_current("verslagen")
    assert not reports, "\n".join(reports)

    page.get_by_role("link", name=meeting.title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Verslag: {meeting.title}")
    expect(page.locator("#status")).to_contain_text("Concept")
    page.get_by_role("textbox", name=starts("Inleiding")).fill(INTRODUCTION)
    page.get_by_role("button", name="Opslaan en bekijken").click()
    expect(page.get_by_role("heading", name="Inleiding", exact=True)).to_be_visible()
    expect(page.locator(".ww-report")).to_contain_text(INTRODUCTION)

    page.get_by_role("button", name="Publiceren").click()
    expect(page.locator("#status")).to_contain_text("Gepubliceerd")
    assert Report.objects.get(meeting=meeting).is_published
    reports = axe.check_current("verslag")
    assert not reports, "\n".join(reports)

    content_type, pdf, name = download(page, "Download als PDF", tmp_path)
    assert content_type == PDF_TYPE and name.endswith(".pdf")
    assert pdf.startswith(b"%PDF-") and len(pdf) > 5_000
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        assert "Wie waren er?" in text and "Een middag vol nieuwe contacten" in text

    content_type, docx_bytes, name = download(page, "Download als Word", tmp_path)
    assert content_type == DOCX_TYPE and name.endswith(".docx")
    import docx

    document = docx.Document(io.BytesIO(docx_bytes))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Inleiding" in headings and "De agenda" in headings
    assert INTRODUCTION in [p.text for p in document.paragraphs]

    # The project team's page for the managers, with a preview.
    page.goto(f"/trajecten/{trajectory.pk}/verslagen/leidinggevenden/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Berichten aan leidinggevenden")
    reports = axe.check_current("leidinggevenden")
    assert not reports, "\n".join(reports)

    # A manager (read-only) sees the published report, not the form.
    manager_context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", timezone_id="Europe/Amsterdam"
    )
    manager_page = manager_context.new_page()
    try:
        login(manager_page, MANAGER_EMAIL, demo["password"])
        manager_page.goto(f"/trajecten/{trajectory.pk}/verslagen/")
        manager_page.get_by_role("link", name=meeting.title, exact=True).click()
        expect(manager_page.locator(".ww-report")).to_contain_text(INTRODUCTION)
        expect(manager_page.get_by_role("button", name="Publiceren")).to_have_count(0)
        expect(manager_page.get_by_role("textbox")).to_have_count(0)
        manager_axe = type(axe)(manager_page)
        reports = manager_axe.check_current("verslag voor leidinggevende")
        assert not reports, "\n".join(reports)
    finally:
        manager_context.close()

    # The manager's own update through the personal link, without logging in.
    person = trajectory.people.filter(is_manager=True).order_by("name").first()
    link_context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    link_page = link_context.new_page()
    try:
        link_page.goto(manager_path(person))
        expect(link_page.get_by_role("heading", level=1)).to_contain_text("Stand van zaken")
        expect(link_page.get_by_role("heading", name="Wat is er nodig?")).to_be_visible()
        reports = type(axe)(link_page).check_current("persoonlijke link leidinggevende")
        assert not reports, "\n".join(reports)
    finally:
        link_context.close()
