"""Planning a trajectory the way a facilitator does: from the template to a dated series, a
shaved session 3, a reordered agenda, the calendar file and the participants' PDF."""

import re
from datetime import date, timedelta
from pathlib import Path

from icalendar import Calendar
from playwright.sync_api import expect

from weefwerk.trajectories.tests.factories import UserFactory

PASSWORD = "geheim-wachtwoord-123"  # UserFactory's


def label(text):
    return re.compile(rf"^{re.escape(text)}", re.IGNORECASE)


def agenda_titles(page):
    return page.locator(".ww-agenda__title").all_inner_texts()


def test_plan_shave_reorder_download(page, axe, login, transactional_db):
    user = UserFactory(email="planner@voorbeeld.example")
    login(page, user.email, PASSWORD)
    reports = []

    # A new trajectory gets every session of the approach from the templates.
    page.get_by_role("link", name="Nieuw traject").click()
    page.get_by_label(label("Naam")).fill("Samen sterk in Beekdal")
    page.get_by_label(label("Gemeente")).fill("Beekdal")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("bijeenkomsten")
    page.get_by_role("navigation", name="Traject").get_by_role("link", name="Bijeenkomsten").click()
    expect(page.locator("main table tbody tr")).to_have_count(6)

    # Plan the series: every three weeks on Tuesdays from a date well ahead.
    page.get_by_role("navigation", name="Traject").get_by_role("link", name="Planning").click()
    reports += axe.check_current("planning")
    first = date.today() + timedelta(days=60)
    page.get_by_label(label("Eerste datum")).fill(first.isoformat())
    page.get_by_label(label("Begintijd")).fill("13:30")
    page.get_by_label(label("Om de hoeveel weken")).fill("3")
    page.get_by_role("button", name="Bekijk de nieuwe data").click()
    expect(page.get_by_role("heading", name="Zo worden de data")).to_be_visible()
    page.get_by_role("button", name="Deze data opslaan").click()
    page.wait_for_load_state()

    # Session 3 fits in 120 minutes: preview, save, new clock times.
    page.get_by_role("navigation", name="Traject").get_by_role("link", name="Bijeenkomsten").click()
    page.get_by_role("link", name=re.compile("^Stap 3")).click()
    reports += axe.check_current("agenda stap 3")
    # What to bring comes from the template (the playbook: a case from your own work).
    bring = page.locator("p", has_text="Wat neem je mee?")
    expect(bring).to_contain_text("Een casus uit je eigen werk")
    expect(page.locator(".ww-agenda__time").last).to_contain_text("16:30")
    page.get_by_label(label("Maak passend in")).fill("120")
    page.get_by_role("button", name="Bekijk de nieuwe tijden").click()
    expect(page.get_by_role("heading", name=re.compile("in 120 minuten"))).to_be_visible()
    reports += axe.check_current("passend maken")
    page.get_by_role("button", name="Nieuwe tijden opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("120 minuten")
    expect(page.locator(".ww-agenda__time").last).to_contain_text("15:30")

    # Reorder by keyboard: focus "Omlaag" of the second item and press Enter.
    before = agenda_titles(page)
    second = page.locator(".ww-agenda__item").nth(1)
    second.get_by_role("button", name=re.compile("^Omlaag")).focus()
    page.keyboard.press("Enter")
    expect(page.locator(".ww-agenda__title").nth(1)).to_have_text(before[2])
    expect(page.locator(".ww-agenda__title").nth(2)).to_have_text(before[1])

    # The session in a calendar, and the agenda on paper for the participants.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Zet in je agenda (.ics)").click()
    calendar = Calendar.from_ical(Path(download_info.value.path()).read_bytes())
    event = next(c for c in calendar.walk("VEVENT"))
    assert "Stap 3" in str(event["SUMMARY"])
    assert event["DTSTART"].dt.tzinfo is not None
    assert calendar.walk("VTIMEZONE"), "the time zone definition travels with the file"
    # Dated, shaved, reordered: three changes, three raises, and the new order in the text.
    assert event["SEQUENCE"] == 3
    description = str(event["DESCRIPTION"])
    assert description.index(before[2]) < description.index(before[1])
    assert "Neem mee: Een casus uit je eigen werk" in description

    pdf_url = page.get_by_role("link", name="PDF voor deelnemers").get_attribute("href")
    response = page.request.get(pdf_url)
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    # The other new pages are accessible too.
    page.get_by_role("navigation", name="Traject").get_by_role("link", name="Voorbereiding").click()
    reports += axe.check_current("voorbereiding")
    case_item = page.locator("#punt-case")
    expect(case_item).to_contain_text("vinkt zichzelf aan")
    expect(case_item).to_contain_text("Er staat nog geen casus in Weefwerk.")
    expect(page.locator("#punt-programmes")).to_contain_text("nog geen overleggen of programma")
    # A copied example case is a case on hand: the item ticks itself.
    case_item.get_by_role("link", name="Naar de casussen").click()
    page.get_by_role("link", name="Voorbeeldcasussen").click()
    page.get_by_role("button", name=re.compile("^Voorbeeldcasus gebruiken")).first.click()
    page.get_by_role("navigation", name="Traject").get_by_role("link", name="Voorbereiding").click()
    expect(case_item).to_contain_text("1 voorbeeldcasus achter de hand")
    expect(case_item).to_contain_text("Klaar")
    page.get_by_role("navigation", name="Traject").get_by_role("link", name="Bijeenkomsten").click()
    page.get_by_role("link", name=re.compile("^Stap 3")).click()
    page.get_by_role("link", name=re.compile("Draaiboek")).click()
    page.get_by_role("button", name="Start de bijeenkomst").click()
    reports += axe.check_current("draaiboek")
    assert not reports, "\n\n".join(reports)
