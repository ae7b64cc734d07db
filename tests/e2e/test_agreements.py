"""Agreements in the browser: two change wishes become agreements with owners, one owner reports
progress through their personal link, the board shows it; the board and the owner's progress
page pass axe (WCAG 2.1 A and AA) on desktop and phone."""

import re

from playwright.sync_api import expect

from weefwerk.actions.models import ActionUpdate, Agreement
from weefwerk.people.models import Organisation, Person
from weefwerk.trajectories.tests.factories import UserFactory, make_trajectory

PASSWORD = "geheim-wachtwoord-123"  # UserFactory's


def label(text):
    return re.compile(rf"^{re.escape(text)}", re.IGNORECASE)


def add_wish(page, text, raiser):
    page.get_by_role("link", name="Wens toevoegen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Veranderwens toevoegen")
    page.get_by_label(label("Veranderwens")).fill(text)
    page.get_by_label(label(raiser)).check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Veranderwens")
    expect(page.locator("main")).to_contain_text(text)


def choose(page, owner):
    """On a wish's page: choose it with ``owner``, then complete the agreement."""
    page.get_by_role("link", name="Kiezen en trekkers aanwijzen").click()
    owners = page.get_by_role("group", name=label("Trekkers"))
    for box in owners.get_by_role("checkbox").all():
        box.uncheck()
    owners.get_by_label(label(owner)).check()
    page.get_by_role("button", name="Kiezen en afspraak maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Afspraak bewerken")
    page.get_by_label(label("Klaar op")).fill("2030-06-30")
    page.get_by_label(label("Hoe weten we dat het gelukt is")).fill("Ouders merken het verschil.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Wie doen er mee?")).to_be_visible()


def test_wishes_become_agreements_and_an_owner_reports_progress(page, axe, login, transactional_db):
    user = UserFactory(email="fenna@voorbeeld.example", full_name="Fenna de Boer")
    trajectory = make_trajectory(user=user, name="Samen sterk in Lindetuin")
    bank = Organisation.objects.create(trajectory=trajectory, name="Voedselbank Lindetuin")
    school = Organisation.objects.create(trajectory=trajectory, name="Basisschool De Linde")
    Person.objects.create(
        trajectory=trajectory, name="Sanne de Vries", organisation=bank, email="s@v.example"
    )
    Person.objects.create(
        trajectory=trajectory, name="Ahmed Bakker", organisation=school, email="a@b.example"
    )
    login(page, user.email, PASSWORD)

    page.goto(f"/trajecten/{trajectory.pk}/")
    page.get_by_role("navigation", name="Traject").get_by_role("link", name="Afspraken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Afspraken")
    page.get_by_role("navigation", name="Afspraken en vervolg").get_by_role(
        "link", name="Veranderwensen"
    ).click()

    first = "Als we nu eens geen brieven meer op vrijdag versturen"
    second = "Als we nu eens een spreekuur over geldzorgen op school houden"
    add_wish(page, first, "Sanne de Vries")
    choose(page, "Sanne de Vries")
    page.goto(f"/trajecten/{trajectory.pk}/afspraken/wensen/")
    add_wish(page, second, "Ahmed Bakker")
    choose(page, "Ahmed Bakker")

    assert Agreement.objects.count() == 2
    letters = Agreement.objects.get(what=first)
    assert [p.name for p in letters.owners.all()] == ["Sanne de Vries"]

    # The board: both agreements, not started yet.
    page.goto(f"/trajecten/{trajectory.pk}/afspraken/")
    table = page.locator("#afspraken")
    row = table.get_by_role("row").filter(has_text=first)
    expect(row).to_contain_text("Nog niet begonnen")
    expect(table.get_by_role("row").filter(has_text=second)).to_contain_text("Ahmed Bakker")
    reports = axe.check_current("the board")

    # Sanne's personal link, from the links page.
    page.goto(f"/trajecten/{trajectory.pk}/afspraken/links/")
    link = page.get_by_role("link", name=re.compile("^Openen.*Sanne de Vries")).get_attribute(
        "href"
    )
    context = page.context.browser.new_context(locale="nl-NL")
    owner = context.new_page()
    try:
        owner.goto(link)
        expect(owner.get_by_role("heading", level=1)).to_have_text("Mijn afspraken")
        owner.get_by_role("link", name=re.compile(f"^Vertel hoe het gaat.*{first}")).click()
        expect(owner.get_by_role("heading", level=1)).to_have_text("Vertel hoe het gaat")
        owner_axe = type(axe)(owner)
        reports += owner_axe.check_current("the owner's progress page")
        owner.get_by_label("Bezig", exact=True).check()
        # A phone number in the report: not saved, the spot is marked, the text stays.
        did = owner.get_by_label(label("Wat heb ik al kunnen doen?"))
        did.fill("Gebeld met de afdeling post op 06-12345678.")
        owner.get_by_label(label("Wat heb ik van jullie")).fill("Een gesprek met de teamleider.")
        owner.get_by_role("button", name="Opslaan").click()
        expect(owner.get_by_role("heading", name="Staan hier persoonsgegevens in?")).to_be_visible()
        expect(owner.locator("mark.ww-privacy__mark")).to_contain_text("06-12345678")
        expect(did).to_have_value("Gebeld met de afdeling post op 06-12345678.")
        reports += owner_axe.check_current("the owner's progress page with a finding")
        assert not ActionUpdate.objects.exists()
        # It is the post room's general number: confirm that finding and save.
        owner.get_by_label(re.compile("^Dit is geen persoonsgegeven")).check()
        owner.get_by_role("button", name="Opslaan").click()
        expect(owner.get_by_role("status")).to_contain_text("Je voortgang is opgeslagen")
        reports += owner_axe.check_current("the owner's page after reporting")
    finally:
        context.close()
    update = ActionUpdate.objects.get()
    assert update.person.name == "Sanne de Vries" and update.agreement == letters

    # The board shows it.
    page.goto(f"/trajecten/{trajectory.pk}/afspraken/")
    row = page.locator("#afspraken").get_by_role("row").filter(has_text=first)
    expect(row).to_contain_text("Bezig")
    page.get_by_label(label("Status")).select_option("open")
    page.get_by_role("button", name="Filteren").click()
    expect(page.locator("#aantal-afspraken")).to_have_text("2 afspraken")
    page.get_by_role("link", name=first).click()
    expect(page.locator("main")).to_contain_text("Een gesprek met de teamleider.")

    assert not reports, "axe found violations:\n\n" + "\n\n".join(reports)
