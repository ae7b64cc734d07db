"""Personal data in the browser: a participant downloads her own data from "Mijn gegevens";
the facilitator downloads a person's data, erases the person with the notes kept anonymous and
finds the erasure in the audit log. Every page passes axe (WCAG 2.1 A and AA) on desktop and
phone."""

import json
import re
from pathlib import Path

from playwright.sync_api import expect

from weefwerk.people.models import Person
from weefwerk.personaldata.tests.conftest import EMAIL, NAME, build_world
from weefwerk.personaldata.tests.helpers import traces
from weefwerk.trajectories.tests.factories import UserFactory, make_trajectory
from weefwerk.workshop.models import Note

PASSWORD = "geheim-wachtwoord-123"  # UserFactory's


def downloaded_json(page, link_name) -> dict:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    return json.loads(Path(info.value.path()).read_text(encoding="utf-8"))


def test_own_data_download_and_erasure(page, axe, login, transactional_db):
    facilitator = UserFactory(email="fenna@voorbeeld.example", full_name="Fenna de Boer")
    trajectory = make_trajectory(user=facilitator, name="Samen sterk in Lindetuin")
    world = build_world(trajectory, facilitator)
    reports = []

    # Marit looks at her own data.
    login(page, EMAIL, PASSWORD)
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Mijn gegevens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gegevens")
    expect(page.locator("main")).to_contain_text("Meer samenwerken")
    reports += axe.check_current("mijn gegevens")
    data = downloaded_json(page, "Downloaden als JSON")
    assert data["subject"] == "account" and data["account"]["email"] == EMAIL
    assert data["people"][0]["person"]["name"] == NAME
    page.get_by_role("button", name="Uitloggen").click()

    # The facilitator downloads her data and erases her.
    login(page, facilitator.email, PASSWORD)
    page.goto(f"/trajecten/{trajectory.pk}/")
    page.get_by_role("navigation", name="Traject").get_by_role("link", name="Personen").click()
    # The hidden part of the link's text names the person ("Gegevens: Marit Zonnebloem").
    page.get_by_role("link", name=re.compile(rf"^Gegevens\W+{NAME}$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Persoonsgegevens van {NAME}")
    reports += axe.check_current("persoonsgegevens van een persoon")
    data = downloaded_json(page, "Downloaden als JSON")
    assert data["subject"] == "person" and data["people"][0]["person"]["email"] == EMAIL

    page.get_by_role("link", name=re.compile(r"^Gegevens wissen")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Gegevens van {NAME} wissen")
    page.get_by_role("button", name="Gegevens definitief wissen").click()  # no choice yet
    expect(page.locator("main")).to_contain_text("Kies of de notities mogen blijven staan.")
    reports += axe.check_current("gegevens wissen, met foutmelding")
    page.get_by_label(re.compile(r"^Ja, de persoon is het ermee eens")).check()
    page.get_by_role("button", name="Gegevens definitief wissen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Personen")
    expect(page.locator(".ww-messages")).to_contain_text("zijn gewist")
    expect(page.locator("main")).not_to_contain_text(NAME)

    page.get_by_role("navigation", name="Traject").get_by_role("link", name="Toegang").click()
    page.get_by_role("link", name=re.compile(r"^Logboek persoonsgegevens")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logboek persoonsgegevens")
    expect(page.locator("main")).to_contain_text("gewist op verzoek")
    reports += axe.check_current("logboek persoonsgegevens")

    assert not reports, "\n\n".join(reports)
    assert not Person.objects.filter(name=NAME).exists()
    assert Note.objects.get(pk=world["kept_note"].pk).person is None
    assert traces(NAME, EMAIL) == []
