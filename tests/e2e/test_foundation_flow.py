"""The foundation, the way a facilitator uses it: log in, create a trajectory, add an
organisation and a person, import people from a CSV file, and find them all in the lists.

Also takes the screenshots of the overview and the people list (desktop and 360 px) into
/tmp/screens/ for a person to look at.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from weefwerk.trajectories.tests.factories import UserFactory

PASSWORD = "geheim-wachtwoord-123"  # UserFactory's
SCREENS = Path("/tmp/screens")

BAD_CSV = "naam,organisatie,e-mail\nKees Fout,Buurtkamer De Tuin,kees-at-voorbeeld\n"
GOOD_CSV = (
    "naam,organisatie,functie,e-mail,domeinen,vaste deelnemer\n"
    "Joost Vermeulen,Voedselbank Lindetuin,coördinator,joost@voorbeeld.example,Voedselbank,ja\n"
    "Ilse Bakker,Buurtkamer De Tuin,vrijwilliger,ilse@voorbeeld.example,,nee\n"
)


def label(text):
    """A form label that starts with ``text`` (optional fields add "(niet verplicht)")."""
    return re.compile(rf"^{re.escape(text)}", re.IGNORECASE)


def rows(page):
    return page.locator("main table tbody tr")


def search(page, *, q="", domain=None):
    form = page.get_by_role("search")
    form.get_by_label(label("Zoeken")).fill(q)
    form.get_by_label(label("Domein")).select_option(label=domain or "Alle domeinen")
    form.get_by_role("button", name="Zoeken").click()
    page.wait_for_load_state()


def upload(page, name, content):
    page.get_by_label(label("Bestand")).set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content.encode()}
    )
    page.get_by_role("button", name=re.compile("Bekijken")).click()
    page.wait_for_load_state()


def test_log_in_create_add_import_and_find(page, axe, login, transactional_db):
    user = UserFactory(email="fenna@voorbeeld.example", full_name="Fenna de Boer")
    login(page, user.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("trajecten", ignore_case=True)

    # A trajectory through the form; its creator becomes the facilitator.
    page.get_by_role("link", name="Nieuw traject").click()
    page.get_by_label(label("Naam")).fill("Samen sterk in Lindetuin")
    page.get_by_label(label("Gemeente")).fill("Lindetuin")
    page.get_by_label(label("Gezamenlijke ambitie")).fill("Geen kind in Lindetuin mist iets.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Samen sterk in Lindetuin")
    subnav = page.get_by_role("navigation", name="Traject")

    # An organisation through the form.
    subnav.get_by_role("link", name="Organisaties").click()
    page.get_by_role("link", name="Nieuwe organisatie").click()
    page.get_by_label(label("Naam")).fill("Buurtkamer De Tuin")
    page.get_by_label("Welzijnswerk", exact=True).check()
    page.get_by_label(label("Omschrijving")).fill("Koffie, huiswerkhulp en een weggeefkast.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("main")).to_contain_text("Buurtkamer De Tuin")

    # A person through the form.
    subnav.get_by_role("link", name="Personen").click()
    page.get_by_role("link", name="Nieuwe persoon").click()
    page.get_by_label(label("Naam")).fill("Fatima el Amrani")
    page.get_by_label(label("Organisatie")).select_option(label="Buurtkamer De Tuin")
    page.get_by_label(label("Functie")).fill("Opbouwwerker")
    page.get_by_label(label("E-mailadres")).fill("fatima@voorbeeld.example")
    page.get_by_role("button", name="Opslaan").click()
    expect(rows(page).filter(has_text="Fatima el Amrani")).to_have_count(1)

    # Import: a broken file first (nothing imported, the row and column named), then a good one.
    page.get_by_role("link", name="Importeren").first.click()
    reports = axe.check_current("import upload")
    upload(page, "fout.csv", BAD_CSV)
    errors = page.get_by_role("table", name=re.compile("Fouten"))
    expect(errors.locator("tbody tr")).to_have_count(1)
    cells = errors.locator("tbody tr td")
    expect(cells.nth(1)).to_have_text("2")  # the row, as in Excel (the header is row 1)
    expect(cells.nth(2)).to_have_text(re.compile("e-mail", re.IGNORECASE))
    expect(page.get_by_role("alert")).to_contain_text("niets opgeslagen")
    reports += axe.check_current("import upload with errors")

    upload(page, "personen.csv", GOOD_CSV)
    expect(page.get_by_role("heading", level=1)).to_contain_text("controleren", ignore_case=True)
    expect(page.locator("main")).to_contain_text("Joost Vermeulen")
    reports += axe.check_current("import preview")
    page.get_by_role("button", name=re.compile("Importeren", re.IGNORECASE)).click()
    page.wait_for_load_state()
    assert "/personen/" in page.url
    assert not reports, "axe found violations:\n\n" + "\n\n".join(reports)

    # Everyone in the people list, and found by search and by domain.
    for name in ("Fatima el Amrani", "Joost Vermeulen", "Ilse Bakker"):
        expect(rows(page).filter(has_text=name)).to_have_count(1)
    search(page, q="fatima")
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text("Fatima el Amrani")
    search(page, domain="Welzijnswerk")  # through their organisation's domain
    expect(rows(page)).to_have_count(2)
    expect(page.locator("main table")).to_contain_text("Fatima el Amrani")
    expect(page.locator("main table")).to_contain_text("Ilse Bakker")
    search(page, domain="Voedselbank")  # their own domain
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text("Joost Vermeulen")

    # Both organisations in the organisation list (one made by the import), found the same way.
    subnav.get_by_role("link", name="Organisaties").click()
    for name in ("Buurtkamer De Tuin", "Voedselbank Lindetuin"):
        expect(rows(page).filter(has_text=name)).to_have_count(1)
    search(page, q="lindetuin")
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text("Voedselbank Lindetuin")
    search(page, domain="Welzijnswerk")
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text("Buurtkamer De Tuin")

    # And the trajectory in "Mijn trajecten".
    page.get_by_role("navigation", name="Account").get_by_role(
        "link", name="Mijn trajecten"
    ).click()
    expect(page.locator("main")).to_contain_text("Samen sterk in Lindetuin")


@pytest.mark.parametrize(
    "viewport",
    [{"width": 1280, "height": 800}, {"width": 360, "height": 740}],
    ids=["desktop", "phone"],
)
def test_screenshots(page, demo, login, viewport):
    """Screenshots of the demo's overview and people list, for a person to look at."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(viewport)
    login(page, demo["email"], demo["password"])
    trajectory = demo["trajectory"]
    width = viewport["width"]
    for name, url in [
        ("overview", f"/trajecten/{trajectory.pk}/"),
        ("people", f"/trajecten/{trajectory.pk}/personen/"),
    ]:
        page.goto(url)
        page.screenshot(path=str(SCREENS / f"{name}-{width}.png"), full_page=True)
        # Nothing sticks out sideways on a phone: the page is as wide as the screen.
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{url} is {scroll_width}px wide at {width}px"
