"""Cases in the browser: write a case, see a planted BSN marked, remove it, save; the form
with findings passes axe (WCAG 2.1 A and AA) on desktop and phone."""

import re

from playwright.sync_api import expect

from weefwerk.cases.models import Case, PrivacyConfirmation
from weefwerk.trajectories.tests.factories import UserFactory, make_trajectory

PASSWORD = "geheim-wachtwoord-123"  # UserFactory's
BSN = "111222333"  # passes the elfproef


def label(text):
    return re.compile(rf"^{re.escape(text)}", re.IGNORECASE)


def test_write_a_case_see_the_bsn_marked_remove_it_and_save(page, axe, login, transactional_db):
    user = UserFactory(email="fenna@voorbeeld.example", full_name="Fenna de Boer")
    trajectory = make_trajectory(user=user, name="Samen sterk in Lindetuin")
    login(page, user.email, PASSWORD)

    page.goto(f"/trajecten/{trajectory.pk}/")
    page.get_by_role("navigation", name="Traject").get_by_role("link", name="Casussen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Casussen")
    page.get_by_role("link", name="Nieuwe casus").click()

    title = "Moeder met twee banen"
    description = (
        f"De moeder werkt in de thuiszorg. Haar BSN is {BSN}.\n"
        "Aan het eind van de maand is er geen eten meer."
    )
    page.get_by_label(label("Titel")).fill(title)
    page.get_by_label(label("Beschrijving")).fill(description)
    page.get_by_label("Onderwijs", exact=True).check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()

    # Not saved: the spot is marked, the form keeps what was typed.
    expect(page.get_by_role("alert")).to_contain_text("nog niet opgeslagen")
    mark = page.locator("mark", has_text=BSN)
    expect(mark).to_be_visible()
    expect(mark).to_contain_text("BSN (burgerservicenummer)")
    expect(page.get_by_label(re.compile("^Dit is geen persoonsgegeven"))).to_have_count(1)
    expect(page.get_by_label(label("Titel"))).to_have_value(title)
    expect(page.get_by_label("Onderwijs", exact=True)).to_be_checked()
    assert not Case.objects.exists()

    reports = axe.check_current("the case form with a finding")
    assert not reports, "axe found violations:\n\n" + "\n\n".join(reports)

    # Remove the number and save again.
    page.get_by_label(label("Beschrijving")).fill(description.replace(f" Haar BSN is {BSN}.", ""))
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("main")).to_contain_text("Aan het eind van de maand")
    expect(page.locator("main")).not_to_contain_text(BSN)
    case = Case.objects.get()
    assert BSN not in case.description
    assert [d.name for d in case.domains.all()] == ["Onderwijs"]
    assert not PrivacyConfirmation.objects.exists()


def test_confirm_a_finding_and_use_an_example(page, axe, login, transactional_db):
    user = UserFactory(email="fenna@voorbeeld.example", full_name="Fenna de Boer")
    trajectory = make_trajectory(user=user)
    login(page, user.email, PASSWORD)

    page.goto(f"/trajecten/{trajectory.pk}/casussen/nieuw/")
    page.get_by_label(label("Titel")).fill("Inloop in de bibliotheek")
    page.get_by_label(label("Beschrijving")).fill("Het spreekuur is te bellen via 020 123 4567.")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_label(re.compile("^Dit is geen persoonsgegeven")).check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloop in de bibliotheek")
    assert PrivacyConfirmation.objects.get().kind == "phone"

    page.goto(f"/trajecten/{trajectory.pk}/casussen/voorbeelden/")
    reports = axe.check_current("the example cases")
    page.get_by_role("button", name=re.compile("^Voorbeeldcasus gebruiken")).first.click()
    expect(page.get_by_role("status")).to_contain_text("staat nu in jullie casussen")
    assert Case.objects.filter(is_example=True).count() == 1
    reports += axe.check_current("an example case")
    assert not reports, "axe found violations:\n\n" + "\n\n".join(reports)


def test_a_discussion_puts_a_wanted_party_on_the_map(page, axe, login, transactional_db):
    from weefwerk.networkmap.models import Element, Status

    user = UserFactory(email="fenna@voorbeeld.example", full_name="Fenna de Boer")
    trajectory = make_trajectory(user=user)
    case = Case.objects.create(
        trajectory=trajectory, title="Vader na een scheiding", description="x"
    )
    login(page, user.email, PASSWORD)

    page.goto(f"/trajecten/{trajectory.pk}/casussen/{case.pk}/")
    page.get_by_role("link", name="Bespreking toevoegen").click()
    page.get_by_label(label("Groep")).fill("Groep 1")
    page.get_by_label(label("Wat is de behoefte van het kind?")).fill("Een eigen bed.")
    page.get_by_label(label("Wie heb je daarbij nog meer nodig?")).fill(
        "Woningcorporatie\nBudgetcoach"
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bespreking: Groep 1")

    item = page.locator("li.ww-needed-item", has=page.get_by_role("heading", name="Budgetcoach"))
    item.get_by_label(label("Soort")).select_option(label="Persoon")
    item.get_by_role("button", name=re.compile("^Op de kaart zetten")).click()
    expect(page.get_by_role("status")).to_contain_text("gewenste partij")
    element = Element.objects.get()
    assert (element.label, element.status) == ("Budgetcoach", Status.WANTED)

    reports = axe.check_current("a discussion with its needed parties")
    assert not reports, "axe found violations:\n\n" + "\n\n".join(reports)
