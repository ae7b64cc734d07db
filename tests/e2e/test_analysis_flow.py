"""The network analysis in a real browser: read a webber's explanation, confirm the webber,
simulate a departure, download a CSV, highlight webbers and weak spots on the map, and
axe-core at desktop and phone width.
"""

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from weefwerk.networkmap import services
from weefwerk.networkmap.models import ConnectionKind, Direction, Element, ElementKind
from weefwerk.trajectories.tests.factories import UserFactory, make_trajectory

PASSWORD = "geheim-wachtwoord-123"  # UserFactory's
SCREENS = Path("/tmp/screens")


@pytest.fixture
def webbed(transactional_db):
    """Three participants call Anna when stuck; Anna links the school to the food bank."""
    user = UserFactory(email="fenna@voorbeeld.example", full_name="Fenna de Boer")
    trajectory = make_trajectory(user=user, name="Samen in Lindeveen")
    domains = list(trajectory.domains.all())

    def element(label, kind=ElementKind.PERSON, domains=()):
        return services.element_create(
            trajectory=trajectory, kind=kind, label=label, domains=list(domains)
        )

    anna = element("Anna de Vries", domains=domains[:1])
    callers = [element(name) for name in ("Bram Jansen", "Carla Smit", "Dirk Bakker")]
    school = element("Basisschool De Linde", ElementKind.ORGANISATION, domains[1:2])
    bank = element("Voedselbank", ElementKind.ORGANISATION, domains[2:3])
    for caller in callers:
        services.connection_create(
            trajectory=trajectory,
            source=caller,
            target=anna,
            kind=ConnectionKind.CALLS_WHEN_STUCK,
            direction=Direction.DIRECTED,
        )
    for organisation in (school, bank):
        services.connection_create(
            trajectory=trajectory,
            source=anna,
            target=organisation,
            kind=ConnectionKind.WORKS_WITH,
            direction=Direction.UNDIRECTED,
        )
    return {"user": user, "trajectory": trajectory, "anna": anna, "bank": bank}


def test_webbers_departure_csv_and_the_map(page, axe, login, webbed):
    trajectory = webbed["trajectory"]
    login(page, webbed["user"].email, PASSWORD)
    url = f"/trajecten/{trajectory.pk}/netwerk/analyse/"
    reports = axe.check(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Analyse van het netwerk")

    # The webber and the explanation a facilitator can read aloud.
    webbers = page.locator("#tabel-webbers")
    expect(webbers).to_contain_text("Anna de Vries")
    expect(webbers).to_contain_text("Drie deelnemers bellen Anna de Vries als ze vastlopen")

    # Confirm her.
    webbers.locator("tr", has_text="Anna de Vries").get_by_role(
        "button", name="Bevestig als webber"
    ).click()
    expect(page.get_by_text("„Anna de Vries” is bevestigd als webber.")).to_be_visible()
    assert Element.objects.get(pk=webbed["anna"].pk).confirmed_webber
    expect(
        webbers.locator("tr", has_text="Anna de Vries").get_by_role(
            "button", name="Bevestiging intrekken"
        )
    ).to_be_visible()

    SCREENS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENS / "network-analysis.png", full_page=True)
    page.set_viewport_size({"width": 360, "height": 740})
    page.screenshot(path=SCREENS / "network-analysis-phone.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})

    # Download the one-way ties as CSV.
    with page.expect_download() as info:
        page.get_by_role(
            "link", name="Download „Verbindingen die maar één kant op gaan” als CSV"
        ).click()
    download = info.value
    assert download.suggested_filename == "analyse-een_kant.csv"
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Van", "Soort verbinding", "Naar"]
    assert ["Bram Jansen", "belt als hij of zij vastloopt", "Anna de Vries"] in rows

    # Simulate her departure.
    page.get_by_label("Wat gebeurt er als dit element vertrekt?").select_option(
        str(webbed["anna"].pk)
    )
    page.get_by_role("button", name="Laat zien").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Als Anna de Vries vertrekt")
    expect(page.get_by_role("status")).to_contain_text("Anna de Vries")
    reports += axe.check_current("departure")

    # Highlight the webbers and the weak spots on the map.
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"/trajecten/{trajectory.pk}/netwerk/")
    page.evaluate("() => window.weefwerkMap.ready")
    highlight = page.get_by_role("group", name="Markeer op de kaart")
    expect(highlight).to_be_visible()
    highlight.get_by_label("Webbers").check()
    anna = f"#n{webbed['anna'].pk}"
    classes = page.evaluate(f"() => window.weefwerkMap.cy.$('{anna}').classes()")
    assert "webber-confirmed" in classes, classes
    text = page.locator("#map-highlight-text")
    expect(text).to_contain_text("Bevestigde webbers")
    expect(text).to_contain_text("Anna de Vries")
    expect(page.locator("#map-legend")).to_contain_text("bevestigde webber")
    highlight.get_by_label("Zwakke plekken").check()
    expect(text).to_contain_text("Als dit element vertrekt, valt het netwerk uiteen")
    expect(page.locator("#map-legend")).to_contain_text("Rode rand")
    bridges = page.evaluate("() => window.weefwerkMap.cy.edges('.bridge').length")
    assert bridges == 5  # every tie of this star hangs on one line
    # Colour by a measure, size by a measure of the engine.
    page.get_by_label("Kleur naar").select_option(label="Kern (k-core)")
    expect(page.locator("#map-legend")).to_contain_text("licht is laag")
    page.get_by_label("Grootte naar").select_option(label="Afhankelijkheid (constraint)")
    expect(page.locator("#map-legend")).to_contain_text("Grootte: Afhankelijkheid")
    reports += axe.check_current("map with webbers and weak spots")
    SCREENS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENS / "network-map-highlight.png", full_page=True)
    page.set_viewport_size({"width": 360, "height": 740})
    page.screenshot(path=SCREENS / "network-map-highlight-phone.png", full_page=True)
    assert not errors, errors
    assert not reports, "axe found violations:\n\n" + "\n\n".join(reports)


def test_change_page_tables_pass_axe(page, axe, login, webbed):
    trajectory = webbed["trajectory"]
    first = services.snapshot_take(trajectory=trajectory, name="Start")
    services.connection_create(trajectory=trajectory, source=webbed["bank"], target=webbed["anna"])
    login(page, webbed["user"].email, PASSWORD)
    reports = axe.check(
        f"/trajecten/{trajectory.pk}/netwerk/analyse/verandering/?a={first.pk}&b=nu"
    )
    expect(page.locator("#tabel-verandering_cijfers")).to_contain_text("Dichtheid")
    page.locator("#tabel-verandering_nieuw").get_by_role("link", name="Van").click()
    expect(page.locator("#tabel-verandering_nieuw th[aria-sort]")).to_have_count(1)
    assert not reports, "axe found violations:\n\n" + "\n\n".join(reports)


def test_the_demo_trajectory_shows_its_webbers(page, axe, login, demo):
    """The demo's network as a facilitator first meets it: webbers with their explanation, on
    the map, and a departure simulated."""
    trajectory = demo["trajectory"]
    fatima = Element.objects.get(trajectory=trajectory, label="Fatima Bouzid")
    login(page, demo["email"], demo["password"])
    reports = axe.check(f"/trajecten/{trajectory.pk}/netwerk/analyse/")
    webbers = page.locator("#tabel-webbers")
    row = webbers.locator("tr", has_text="Fatima Bouzid")
    expect(row).to_contain_text("als ze vastlopen")

    page.get_by_label("Wat gebeurt er als dit element vertrekt?").select_option(str(fatima.pk))
    page.get_by_role("button", name="Laat zien").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Als Fatima Bouzid vertrekt")
    reports += axe.check_current("departure in the demo")

    page.goto(f"/trajecten/{trajectory.pk}/netwerk/")
    page.evaluate("() => window.weefwerkMap.ready")
    page.get_by_role("group", name="Markeer op de kaart").get_by_label("Webbers").check()
    expect(page.locator("#map-highlight-text")).to_contain_text("Fatima Bouzid")
    classes = page.evaluate(f"() => window.weefwerkMap.cy.$('#n{fatima.pk}').classes()")
    assert "webber-confirmed" in classes, classes
    reports += axe.check_current("demo map with webbers")
    assert not reports, "axe found violations:\n\n" + "\n\n".join(reports)
