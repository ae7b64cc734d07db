"""Export and import in the browser: the facilitator downloads the trajectory's zip from
"Toegang", another user imports it from "Mijn trajecten" and sees the copy; the export, import
and summary pages pass axe (WCAG 2.1 A and AA) on desktop and phone."""

from playwright.sync_api import expect

from weefwerk.archive.tests.rich import build_rich_trajectory
from weefwerk.trajectories.models import Membership, Role, Trajectory
from weefwerk.trajectories.tests.factories import UserFactory

PASSWORD = "geheim-wachtwoord-123"  # UserFactory's


def test_export_then_import_as_another_user(page, axe, login, transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.WEEFWERK_GROUPS_SECONDS = 0.2
    settings.WEEFWERK_FORECAST_SECONDS = 0.3
    facilitator = UserFactory(email="fenna@voorbeeld.example", full_name="Fenna de Boer")
    trajectory = build_rich_trajectory(facilitator, name="Samen sterk in Exportdorp")
    other = UserFactory(email="otto@voorbeeld.example", full_name="Otto Ander")

    login(page, facilitator.email, PASSWORD)
    page.goto(f"/trajecten/{trajectory.pk}/")
    page.get_by_role("navigation", name="Traject").get_by_role("link", name="Toegang").click()
    page.get_by_role("link", name="Traject exporteren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Traject exporteren")
    reports = axe.check_current("export")
    with page.expect_download() as info:
        page.get_by_role("link", name="Zip-bestand downloaden").click()
    download = info.value
    assert download.suggested_filename.endswith(".zip")
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    page.get_by_role("button", name="Uitloggen").click()
    login(page, other.email, PASSWORD)
    page.goto("/trajecten/")
    page.get_by_role("link", name="Traject importeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Traject importeren")
    reports += axe.check_current("import")

    # A wrong file first: the reason, and the name typed stays.
    wrong = tmp_path / "lijst.zip"
    wrong.write_bytes(b"geen zip")
    page.get_by_label("Exportbestand").set_input_files(str(wrong))
    page.get_by_label("Nieuwe naam voor het traject").fill("Exportdorp, kopie")
    page.get_by_role("button", name="Importeren").click()
    expect(page.locator("main")).to_contain_text("geen geldig zip-bestand")
    expect(page.get_by_label("Nieuwe naam voor het traject")).to_have_value("Exportdorp, kopie")
    reports += axe.check_current("import with an error")

    page.get_by_label("Exportbestand").set_input_files(str(path))
    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Traject geïmporteerd")
    expect(page.locator("main")).to_contain_text("Personen: 4")
    reports += axe.check_current("imported")

    copy = Trajectory.objects.get(name="Exportdorp, kopie")
    assert Membership.objects.get(trajectory=copy, user=other).role == Role.FACILITATOR
    page.get_by_role("link", name="Naar het traject").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Exportdorp, kopie")
    page.goto("/trajecten/")
    expect(page.get_by_role("link", name="Exportdorp, kopie")).to_be_visible()
    assert not reports, "\n".join(reports)
