"""The interactive network map in a real browser: read, add, connect, filter, focus, undo,
export, and an axe-core check at desktop and phone width.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from weefwerk.networkmap import services
from weefwerk.networkmap.models import Connection, Element, Position
from weefwerk.trajectories.models import Membership, Role
from weefwerk.trajectories.tests.factories import UserFactory, make_trajectory

PASSWORD = "geheim-wachtwoord-123"  # UserFactory's
SCREENS = Path("/tmp/screens")  # for a person to look at


def label(text):
    """A label that starts with ``text`` (optional fields add "(niet verplicht)")."""
    return re.compile(rf"^{re.escape(text)}", re.IGNORECASE)


@pytest.fixture
def small_network(transactional_db):
    user = UserFactory(email="fenna@voorbeeld.example", full_name="Fenna de Boer")
    trajectory = make_trajectory(user=user, name="Samen in Lindeveen")
    domains = list(trajectory.domains.all())
    school = services.element_create(
        trajectory=trajectory,
        kind="organisation",
        label="Basisschool De Linde",
        domains=domains[:1],
    )
    table = services.element_create(
        trajectory=trajectory, kind="table", label="Buurtnetwerk Jeugd", tags=["wijk"]
    )
    bank = services.element_create(
        trajectory=trajectory, kind="organisation", label="Voedselbank", status="proposed"
    )
    anna = services.element_create(trajectory=trajectory, kind="person", label="Anna de Vries")
    far = services.element_create(
        trajectory=trajectory, kind="programme", label="Kansrijk Opgroeien"
    )
    services.connection_create(
        trajectory=trajectory, source=school, target=table, kind="takes_part_in"
    )
    services.connection_create(trajectory=trajectory, source=anna, target=school)
    services.connection_create(trajectory=trajectory, source=far, target=anna, kind="funds")
    services.positions_save(
        services.default_map(trajectory),
        {school.pk: (0, 0), table.pk: (200, 0), bank.pk: (0, 200), anna.pk: (-200, 0)},
    )
    manager = UserFactory(email="leiding@voorbeeld.example")
    Membership.objects.create(trajectory=trajectory, user=manager, role=Role.MANAGER)
    return {
        "user": user,
        "manager": manager,
        "trajectory": trajectory,
        "school": school,
        "table": table,
        "anna": anna,
        "far": far,
    }


def open_map(page, trajectory):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"/trajecten/{trajectory.pk}/netwerk/")
    timings = page.evaluate("() => window.weefwerkMap.ready")
    assert "firstRender" in timings, timings
    return errors


def visible_labels(page):
    return set(
        page.evaluate(
            "() => window.weefwerkMap.cy.nodes().not('.hidden').map(n => n.data('label'))"
        )
    )


def picture_loaded(image) -> bool:
    """The browser fetched and decoded the picture (a broken image has no natural width)."""
    return image.evaluate("img => img.complete && img.naturalWidth > 0")


def summary(page):
    return page.locator("#map-summary")


def test_edit_filter_focus_undo_and_export(page, login, small_network):
    trajectory = small_network["trajectory"]
    login(page, small_network["user"].email, PASSWORD)
    errors = open_map(page, trajectory)
    expect(page.get_by_role("heading", level=1)).to_have_text("Netwerkkaart")
    expect(summary(page)).to_contain_text("5 van 5 elementen en 3 van 3 verbindingen")
    # The element without a saved place got one from the layout, and it is saved.
    page.evaluate("() => window.weefwerkMap.flushPositions()")
    assert Position.objects.filter(element=small_network["far"]).exists()
    legend = page.locator("#map-legend")
    expect(legend).to_contain_text("Organisatie")
    expect(legend).to_contain_text("Gestreepte rand: voorgesteld")

    # A new element through the side panel.
    new = page.locator("#map-new-form")
    new.get_by_label(label("Naam")).fill("Jongerenwerk Oost")
    new.get_by_label(label("Soort")).select_option(label="Organisatie")
    new.get_by_role("button", name="Toevoegen").click()
    expect(page.locator("#map-status")).to_contain_text("‘Jongerenwerk Oost’ is toegevoegd.")
    created = Element.objects.get(trajectory=trajectory, label="Jongerenwerk Oost")
    assert Position.objects.filter(element=created).exists()
    expect(page.locator("#map-element-title")).to_have_text("Jongerenwerk Oost")
    expect(summary(page)).to_contain_text("6 van 6 elementen")

    # ... connected to the school with "verbind met".
    page.locator("#map-connect-details summary").click()
    connect = page.locator("#map-connect-form")
    connect.get_by_label(label("Zoek in de lijst")).fill("linde")
    connect.get_by_label("Verbinden met").select_option(label="Basisschool De Linde (organisatie)")
    connect.get_by_label(label("Soort verbinding")).select_option(label="Verwijst naar")
    connect.get_by_role("button", name="Verbinden").click()
    expect(page.locator("#map-status")).to_contain_text("Verbinding met ‘Basisschool De Linde’")
    connection = Connection.objects.get(source=created, target=small_network["school"])
    assert connection.kind == "refers_to"
    expect(page.locator("#map-connection-list")).to_contain_text(
        "Jongerenwerk Oost verwijst naar Basisschool De Linde"
    )

    # A wrong edit: the message is in Dutch and nothing changes.
    page.locator("#map-edit-details summary").click()
    form = page.locator("#map-element-form")
    form.get_by_label("Naam", exact=True).fill("")
    form.get_by_role("button", name="Opslaan").click()
    expect(form.locator(".utrecht-form-field-error-message")).to_have_text(
        "Geef het element een naam."
    )
    expect(form.get_by_label("Naam", exact=True)).to_have_attribute("aria-invalid", "true")
    form.get_by_label("Naam", exact=True).fill("Jongerenwerk Lindeveen-Oost")
    form.get_by_label(label("Labels")).fill("jeugd, wijk")
    form.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#map-status")).to_have_text("Opgeslagen.")
    created.refresh_from_db()
    assert created.label == "Jongerenwerk Lindeveen-Oost" and created.tags == ["jeugd", "wijk"]

    # Filters: hide the organisations, then only the tag "wijk".
    page.locator("#map-filters").get_by_label("Organisatie", exact=True).uncheck()
    expect(summary(page)).to_contain_text("3 van 6 elementen")
    assert "Basisschool De Linde" not in visible_labels(page)
    page.locator("#map-filters").get_by_label("Organisatie", exact=True).check()
    page.get_by_label("Label", exact=True).select_option("wijk")
    assert visible_labels(page) == {"Buurtnetwerk Jeugd", "Jongerenwerk Lindeveen-Oost"}
    page.get_by_role("button", name="Alle filters uit").click()
    expect(summary(page)).to_contain_text("6 van 6 elementen")

    # Search and focus: one step around Anna, then two.
    page.get_by_label("Zoek op naam").fill("anna")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.locator("#map-status")).to_contain_text("1 gevonden: Anna de Vries")
    expect(page.get_by_label("Element", exact=True)).to_have_value(str(small_network["anna"].pk))
    page.get_by_role("button", name="Toon omgeving").click()
    assert visible_labels(page) == {"Anna de Vries", "Basisschool De Linde", "Kansrijk Opgroeien"}
    expect(summary(page)).to_contain_text("Omgeving van ‘Anna de Vries’")
    page.get_by_label("Stappen").select_option("2")
    page.get_by_role("button", name="Toon omgeving").click()
    assert "Buurtnetwerk Jeugd" in visible_labels(page)
    assert "Voedselbank" not in visible_labels(page)
    page.get_by_role("button", name="Hele netwerk tonen").click()
    expect(summary(page)).to_contain_text("6 van 6 elementen")

    # Undo, last change first: the edit, the connection, the new element.
    undo = page.locator("#map-undo")
    expect(undo).to_contain_text("wijzigen")
    undo.click()
    expect(page.locator("#map-status")).to_contain_text("Ongedaan gemaakt")
    created.refresh_from_db()
    assert created.label == "Jongerenwerk Oost" and created.tags == []
    expect(undo).to_contain_text("verbinding toevoegen")
    undo.click()
    expect(undo).to_contain_text("‘Jongerenwerk Oost’ toevoegen")
    assert not Connection.objects.filter(source=created).exists()
    undo.click()
    expect(summary(page)).to_contain_text("5 van 5 elementen")
    assert not Element.objects.filter(pk=created.pk).exists()
    expect(undo).to_be_disabled()

    # Delete an element with its connections, and undo brings both back.
    page.get_by_label("Element", exact=True).select_option(str(small_network["anna"].pk))
    page.get_by_role("button", name="Bekijk en bewerk").click()
    expect(page.locator("#map-element-title")).to_be_focused()
    page.get_by_role("button", name="Element verwijderen").click()
    expect(page.locator("#map-status")).to_contain_text("‘Anna de Vries’ is verwijderd")
    assert not Element.objects.filter(label="Anna de Vries").exists()
    assert Connection.objects.filter(trajectory=trajectory).count() == 1
    undo.click()
    expect(summary(page)).to_contain_text("5 van 5 elementen en 3 van 3 verbindingen")
    anna = Element.objects.get(label="Anna de Vries")
    assert Connection.objects.filter(source=anna).count() == 1
    assert Connection.objects.filter(target=anna, kind="funds").count() == 1

    # PNG and SVG as downloads.
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download als PNG").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".png")
    assert download.path().read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download als SVG").click()
    assert download_info.value.suggested_filename.endswith(".svg")
    assert b"<svg" in download_info.value.path().read_bytes()[:500]

    assert not errors, errors


def drag(page, element, dx, dy):
    """Drags an element on the map with the mouse, as a person does."""
    page.locator("#map-canvas").scroll_into_view_if_needed()
    box = page.locator("#map-canvas").bounding_box()
    point = page.evaluate(
        "(pk) => window.weefwerkMap.cy.getElementById('n' + pk).renderedPosition()", element.pk
    )
    x, y = box["x"] + point["x"], box["y"] + point["y"]
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx / 2, y + dy / 2, steps=5)
    page.mouse.move(x + dx, y + dy, steps=5)
    page.mouse.up()
    page.wait_for_function("() => window.weefwerkMap.undoDepth() > 0")


def test_dragging_saves_the_position_and_undo_moves_it_back(page, login, small_network):
    trajectory = small_network["trajectory"]
    login(page, small_network["user"].email, PASSWORD)
    open_map(page, trajectory)
    school = small_network["school"]
    drag(page, school, 80, 60)
    page.evaluate("() => window.weefwerkMap.flushPositions()")
    moved = Position.objects.get(element=school)
    assert (moved.x, moved.y) != (0.0, 0.0)
    page.locator("#map-undo").click()
    expect(page.locator("#map-status")).to_contain_text("Ongedaan gemaakt: element verplaatsen")
    page.wait_for_timeout(300)
    back = Position.objects.get(element=school)
    assert (back.x, back.y) == (0.0, 0.0)


def test_a_second_map_keeps_its_own_places(page, axe, login, small_network):
    trajectory = small_network["trajectory"]
    school = small_network["school"]
    login(page, small_network["user"].email, PASSWORD)
    open_map(page, trajectory)
    # The map placed the one element without a place; that place is saved before we go on.
    page.evaluate("() => window.weefwerkMap.flushPositions()")
    page.get_by_role("link", name="Kaarten maken en beheren").click()
    page.get_by_label(label("Naam")).fill("Voor de wethouder")
    page.get_by_label(label("Plekken overnemen van")).select_option(label="Netwerkkaart")
    reports = axe.check_current("the maps page")
    page.get_by_role("button", name="Kaart maken").click()
    timings = page.evaluate("() => window.weefwerkMap.ready")
    assert timings["layout"] == "saved"  # every place came along from the first map
    expect(page.get_by_label("Kaart", exact=True)).to_have_value(
        str(trajectory.network_maps.get(name="Voor de wethouder").pk)
    )
    drag(page, school, 80, 60)
    page.evaluate("() => window.weefwerkMap.flushPositions()")
    second = trajectory.network_maps.get(name="Voor de wethouder")
    moved = second.positions.get(element=school)
    assert (moved.x, moved.y) != (0.0, 0.0)
    first = trajectory.network_maps.get(name="Netwerkkaart")
    kept = first.positions.get(element=school)
    assert (kept.x, kept.y) == (0.0, 0.0)

    page.get_by_label("Kaart", exact=True).select_option(label="Netwerkkaart")
    page.get_by_role("button", name="Toon deze kaart").click()
    page.evaluate("() => window.weefwerkMap.ready")
    assert (
        page.evaluate(
            "(pk) => window.weefwerkMap.cy.getElementById('n' + pk).position('x')", school.pk
        )
        == 0
    )
    reports += axe.check_current("map page with a choice of maps")
    assert not reports, "axe found violations:\n\n" + "\n\n".join(reports)


def test_manager_sees_the_map_read_only(page, login, small_network):
    login(page, small_network["manager"].email, PASSWORD)
    errors = open_map(page, small_network["trajectory"])
    expect(page.locator("#map-new-form")).to_have_count(0)
    expect(page.locator("#map-undo")).to_have_count(0)
    page.get_by_label("Element", exact=True).select_option(str(small_network["school"].pk))
    page.get_by_role("button", name="Bekijk", exact=True).click()
    expect(page.locator("#map-element-title")).to_have_text("Basisschool De Linde")
    expect(page.locator("#map-element-form")).to_have_count(0)
    expect(page.locator("#map-connection-list")).to_contain_text("neemt deel aan")
    assert not errors, errors


def test_the_map_page_passes_axe(page, axe, login, small_network):
    login(page, small_network["user"].email, PASSWORD)
    open_map(page, small_network["trajectory"])
    reports = axe.check_current("map page")
    # With the side panel open and its forms unfolded.
    page.evaluate("(pk) => window.weefwerkMap.openElement(pk)", small_network["school"].pk)
    page.locator("#map-edit-details summary").click()
    page.locator("#map-connect-details summary").click()
    reports += axe.check_current("map page with the side panel")
    SCREENS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENS / "network-map.png", full_page=True)
    assert not reports, "axe found violations:\n\n" + "\n\n".join(reports)


def test_the_map_works_at_phone_width(page, login, small_network):
    login(page, small_network["user"].email, PASSWORD)
    page.set_viewport_size({"width": 360, "height": 740})
    open_map(page, small_network["trajectory"])
    canvas = page.locator("#map-canvas").bounding_box()
    panel = page.locator(".ww-map__panel").bounding_box()
    assert panel["y"] >= canvas["y"] + canvas["height"] - 1  # the panel is below the map
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360, width
    SCREENS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENS / "network-map-phone.png", full_page=True)


def test_a_consultation_table_with_members(page, axe, login, small_network):
    trajectory = small_network["trajectory"]
    login(page, small_network["user"].email, PASSWORD)
    page.goto(f"/trajecten/{trajectory.pk}/netwerk/overleggen/")
    page.get_by_role("link", name="Nieuw overleg").click()
    page.get_by_label(label("Naam"), exact=False).first.fill("Zorgoverleg Noord")
    page.get_by_label(label("Hoe vaak")).fill("elke zes weken")
    # A custom field of its own: a name and a value in the first empty row.
    page.get_by_label("Naam van veld 1").fill("Website")
    page.get_by_label("Waarde van veld 1").fill("https://zorgoverleg.example")
    reports = axe.check_current("element form with custom fields")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".ww-facts").last).to_contain_text("Websitehttps://zorgoverleg.example")
    table = Element.objects.get(trajectory=trajectory, label="Zorgoverleg Noord")
    assert table.kind == "table"
    assert table.custom_fields == {"Website": "https://zorgoverleg.example"}
    page.goto(f"/trajecten/{trajectory.pk}/netwerk/overleggen/{table.pk}/")
    members = (
        (small_network["school"], "Basisschool De Linde", "voorzitter"),
        (small_network["anna"], "Anna de Vries", "lid"),
    )
    for element, member, role in members:
        page.get_by_label("Wie of wat schuift aan?").select_option(str(element.pk))
        page.get_by_label("Rol").select_option(label=role)
        page.get_by_role("button", name="Toevoegen").click()
        expect(page.get_by_role("region", name="Deelnemers")).to_contain_text(member)
    members = Connection.objects.filter(target=table, kind="takes_part_in")
    assert {(c.source.label, c.role) for c in members} == {
        ("Basisschool De Linde", "chair"),
        ("Anna de Vries", "member"),
    }
    reports += axe.check_current("table with members")
    # The inventory list shows the members too.
    reports += axe.check(f"/trajecten/{trajectory.pk}/netwerk/overleggen/")
    row = page.get_by_role("row", name=re.compile("Zorgoverleg Noord"))
    expect(row).to_contain_text("Basisschool De Linde (voorzitter)")
    expect(row).to_contain_text("elke zes weken")
    assert not reports, "axe found violations:\n\n" + "\n\n".join(reports)


def test_snapshot_change_and_compare(page, axe, login, small_network):
    trajectory = small_network["trajectory"]
    login(page, small_network["user"].email, PASSWORD)
    page.goto(f"/trajecten/{trajectory.pk}/netwerk/momentopnames/")
    page.get_by_label(label("Naam")).fill("Na bijeenkomst 3")
    page.get_by_role("button", name="Momentopname maken").click()
    expect(page.get_by_text("„Na bijeenkomst 3” is vastgelegd.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Na bijeenkomst 3")
    # The snapshot's map picture, with its counts as the text alternative.
    picture = page.get_by_role("img", name=re.compile("Netwerkkaart met 5 elementen"))
    expect(picture).to_be_visible()
    assert picture_loaded(picture)
    reports = axe.check_current("snapshot")
    # Change something on the map: a new element, connected to the school.
    errors = open_map(page, trajectory)
    page.locator("#map-new-label").fill("Buurtkamer De Hoek")
    page.locator("#map-new-form").get_by_role("button", name="Toevoegen").click()
    expect(page.locator("#map-status")).to_contain_text("Buurtkamer De Hoek")
    page.locator("#map-connect-details summary").click()
    page.locator("#map-connect-target").select_option(str(small_network["school"].pk))
    page.locator("#map-connect-form").get_by_role("button", name="Verbinden").click()
    expect(page.locator("#map-status")).to_contain_text("Verbinding met")
    assert not errors, errors
    # Compare the snapshot with now.
    page.goto(f"/trajecten/{trajectory.pk}/netwerk/momentopnames/vergelijk/")
    snapshot = trajectory.network_snapshots.get(name="Na bijeenkomst 3")
    page.get_by_label("Van").select_option(str(snapshot.pk))
    page.get_by_label("Naar").select_option(label="Nu")
    page.get_by_role("button", name="Vergelijken").click()
    main = page.locator("main")
    expect(main).to_contain_text("Buurtkamer De Hoek")
    expect(main).to_contain_text("Basisschool De Linde")
    # One picture of both states, the changes marked and named in words beside it.
    picture = page.get_by_role(
        "img", name=re.compile("1 nieuw element, 0 verdwenen elementen, 1 nieuwe verbinding")
    )
    expect(picture).to_be_visible()
    assert picture_loaded(picture)
    expect(main).to_contain_text("Nieuwe verbinding: dikke groene lijn")
    SCREENS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENS / "snapshot-compare.png", full_page=True)
    reports += axe.check_current("snapshot comparison")
    assert not reports, "axe found violations:\n\n" + "\n\n".join(reports)


def test_participant_fills_in_the_phone_form_and_the_team_accepts(page, axe, login, small_network):
    from weefwerk.people.models import Person
    from weefwerk.trajectories.tests.factories import MeetingFactory

    trajectory = small_network["trajectory"]
    sanne = Person.objects.create(trajectory=trajectory, name="Sanne Jansen")
    meeting = MeetingFactory(trajectory=trajectory, number=3, title="Stap 3")
    page.set_viewport_size({"width": 360, "height": 740})
    reports = axe.check(f"/kaart/{meeting.join_code}/")
    page.get_by_label("Je naam").select_option(label="Sanne Jansen")
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_text("Hoi Sanne Jansen!")).to_be_visible()
    section = page.locator("section#bellen")
    section.get_by_label(label("Naam van de persoon of organisatie")).fill("Juf Petra")
    section.get_by_role("button", name="Toevoegen").click()
    expect(page.locator("section#bellen")).to_contain_text("wacht op het projectteam")
    section = page.locator("section#organisatie")
    section.get_by_label(label("Naam van de organisatie")).fill("Basisschool De Linde")
    section.get_by_role("button", name="Toevoegen").click()
    expect(page.locator("section#organisatie")).to_contain_text("Basisschool De Linde")
    reports += axe.check_current("phone form with answers")
    proposed = Connection.objects.filter(reported_by=sanne)
    assert proposed.count() == 2 and {c.status for c in proposed} == {"proposed"}

    # The facilitator reviews and accepts.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 800})
    login(page, small_network["user"].email, PASSWORD)
    page.goto(f"/trajecten/{trajectory.pk}/netwerk/voorstellen/")
    expect(page.get_by_role("region", name="Nieuwe elementen")).to_contain_text("Juf Petra")
    reports += axe.check_current("proposals")
    page.get_by_role("button", name="Alles accepteren").click()
    expect(page.get_by_role("region", name="Nieuwe elementen")).to_have_count(0)
    assert {c.status for c in Connection.objects.filter(reported_by=sanne)} == {"active"}
    assert Element.objects.get(trajectory=trajectory, label="Juf Petra").status == "active"
    assert not reports, "axe found violations:\n\n" + "\n\n".join(reports)


def test_kumu_xlsx_export_imports_into_a_new_trajectory(page, axe, login, small_network):
    trajectory = small_network["trajectory"]
    login(page, small_network["user"].email, PASSWORD)
    reports = axe.check(f"/trajecten/{trajectory.pk}/netwerk/exporteren/")
    page.get_by_label("Formaat").select_option("kumu-xlsx")
    with page.expect_download() as info:
        page.get_by_role("button", name="Downloaden").click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = Path(download.path())

    fresh = make_trajectory(user=small_network["user"], name="Samen in Oosterwijk")
    reports += axe.check(f"/trajecten/{fresh.pk}/netwerk/importeren/")
    page.get_by_label(label("Bestand")).set_input_files(
        files=[
            {
                "name": download.suggested_filename,
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": path.read_bytes(),
            }
        ]
    )
    page.get_by_role("button", name="Bekijken wat er gebeurt").click()
    reports += axe.check_current("import preview")
    page.get_by_role("button", name="Alles importeren").click()
    page.wait_for_load_state()
    old = Element.objects.filter(trajectory=trajectory)
    new = Element.objects.filter(trajectory=fresh)
    assert new.count() == old.count() == 5
    assert Connection.objects.filter(trajectory=fresh).count() == 3
    assert set(new.values_list("label", "kind", "status")) == set(
        old.values_list("label", "kind", "status")
    )
    assert not reports, "axe found violations:\n\n" + "\n\n".join(reports)


@pytest.fixture
def large_network(transactional_db):
    """1,200 arranged elements in a ring with a tie to the next two: a "large" map."""
    user = UserFactory(email="fenna@voorbeeld.example", full_name="Fenna de Boer")
    trajectory = make_trajectory(user=user, name="Samen in Lindeveen")
    elements = Element.objects.bulk_create(
        Element(
            trajectory=trajectory,
            kind="person" if number % 3 == 0 else "organisation",
            label=f"Element {number:04d}",
        )
        for number in range(1200)
    )
    Connection.objects.bulk_create(
        Connection(
            trajectory=trajectory,
            source=element,
            target=elements[(index + step) % len(elements)],
            kind="works_with",
        )
        for index, element in enumerate(elements)
        for step in (1, 2)
    )
    network_map = services.default_map(trajectory)
    Position.objects.bulk_create(
        Position(map=network_map, element=element, x=40 * (i % 40), y=40 * (i // 40))
        for i, element in enumerate(elements)
    )
    return {"user": user, "trajectory": trajectory}


def test_a_large_map_draws_elements_first_and_names_when_zoomed_in(page, login, large_network):
    login(page, large_network["user"].email, PASSWORD)
    errors = open_map(page, large_network["trajectory"])
    timings = page.evaluate("() => window.weefwerkMap.ready")
    assert timings["edgesDrawn"] >= timings["firstRender"]
    assert page.evaluate("() => window.weefwerkMap.cy.edges().length") == 2400
    expect(summary(page)).to_contain_text("1200 van 1200 elementen en 2400 van 2400 verbindingen")
    label_of = "() => window.weefwerkMap.cy.nodes()[0].style('label')"
    assert page.evaluate(label_of) == ""  # the whole map in view: no names
    page.evaluate("() => window.weefwerkMap.cy.zoom(1)")
    assert page.evaluate(label_of).startswith("Element")
    # Hiding persons hides their connections too, without a class on each connection.
    page.get_by_label("Persoon", exact=True).uncheck()
    expect(summary(page)).to_contain_text("800 van 1200 elementen en 800 van 2400 verbindingen")
    shown = page.evaluate("() => window.weefwerkMap.cy.edges().filter(e => e.visible()).length")
    assert shown == 800
    assert not errors, errors
