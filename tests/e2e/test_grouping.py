"""Group work in the browser, the way a facilitator runs it on the day: check people in with one
tap each (and one participant checks in with the session's code on a phone), make groups for an
agenda item, move a person by keyboard and by drag and drop, lock someone and divide again, show
the groups on the projector and on paper, mark the groups as held and see the share of people who
know each other rise on "Wie kent wie". Every page passes axe (WCAG 2.1 A and AA) on desktop and
phone."""

import re

from playwright.sync_api import expect

from weefwerk.grouping.models import Attendance, Encounter, GroupMember, GroupRound
from weefwerk.people.models import Organisation, Person
from weefwerk.planning.models import AgendaItem
from weefwerk.trajectories.tests.factories import MeetingFactory, UserFactory, make_trajectory

PASSWORD = "geheim-wachtwoord-123"  # UserFactory's

NAMES = [
    "Sanne de Vries",
    "Ahmed Bakker",
    "Ineke Jansen",
    "Youssef El Amrani",
    "Marloes Visser",
    "Kees van Dijk",
    "Fatima Ouali",
    "Bram Smit",
    "Lotte Mulder",
    "Ruud de Graaf",
    "Esra Yilmaz",
]
EXPERTS = ("Marloes Visser", "Esra Yilmaz")  # experts by experience, on their own account
ORGANISATIONS = [
    ("Voedselbank Lindetuin", "Voedselbank"),
    ("Basisschool De Linde", "Onderwijs"),
    ("Wijkteam Noord", "Wijkteam"),
    ("Schuldhulp Lindetuin", "Schuldhulpverlening"),
    ("GGD Regio Linde", "GGD"),
]


def label(text):
    return re.compile(rf"^{re.escape(text)}", re.IGNORECASE)


def setup_trajectory(user):
    """A trajectory with eleven people (two experts by experience) and a session whose agenda
    has one item that splits into groups of at most four."""
    trajectory = make_trajectory(user=user, name="Samen sterk in Lindetuin")
    organisations = []
    for name, domain in ORGANISATIONS:
        organisation = Organisation.objects.create(trajectory=trajectory, name=name)
        organisation.domains.add(trajectory.domains.get(name=domain))
        organisations.append(organisation)
    people = []
    for i, name in enumerate(NAMES):
        expert = name in EXPERTS
        people.append(
            Person.objects.create(
                trajectory=trajectory,
                name=name,
                organisation=None if expert else organisations[i % len(organisations)],
                is_expert=expert,
                expert_trained=name == EXPERTS[0],
            )
        )
    meeting = MeetingFactory(trajectory=trajectory, number=2, title="Stap 2: de casus")
    AgendaItem.objects.create(meeting=meeting, position=0, title="Welkom", minutes=10)
    item = AgendaItem.objects.create(
        meeting=meeting, position=1, title="Kennismaken in groepjes", minutes=20, group_max_size=4
    )
    # The next session splits into groups too: today's groups are planned with it in view.
    later = MeetingFactory(trajectory=trajectory, number=3, title="Stap 3: samen verder")
    AgendaItem.objects.create(
        meeting=later, position=0, title="Casus in groepjes", minutes=30, group_max_size=5
    )
    return trajectory, meeting, item, people


def named(action, name):
    """'Aanwezig: Sanne de Vries', the accessible name of a button with a hidden person's name."""
    return re.compile(rf"^{re.escape(action)}\s*:\s*{re.escape(name)}$")


def group_number(page, person):
    """The number of the group card that holds ``person`` on the group page."""
    card = page.locator(".ww-group", has=page.locator(f"#lid-{person.pk}"))
    return int(card.get_attribute("data-group"))


def in_group(page, number, person):
    """The member ``person`` inside group card ``number`` (for expect: waits for a reload)."""
    return page.locator(f'.ww-group[data-group="{number}"] #lid-{person.pk}')


def member(page, person):
    return page.locator(f"#lid-{person.pk}")


def test_check_in_make_groups_move_lock_rerun_and_hold(
    page, axe, login, settings, browser, live_server
):
    settings.WEEFWERK_GROUPS_SECONDS = 0.5
    settings.WEEFWERK_FORECAST_SECONDS = 0.5
    user = UserFactory(email="fenna@voorbeeld.example", full_name="Fenna de Boer")
    trajectory, meeting, item, people = setup_trajectory(user)
    reports = []

    # A participant checks in on a phone with the session's code, without an account.
    phone_context = browser.new_context(
        base_url=live_server.url, viewport=axe.PHONE, locale="nl-NL"
    )
    phone = phone_context.new_page()
    phone_axe = axe.__class__(phone)
    newcomer = people[8]
    reports += phone_axe.check(f"/aanwezig/{meeting.join_code}/")
    phone.get_by_label(label("Wie ben je?")).select_option(label=newcomer.name)
    phone.get_by_role("button", name="Verder").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(f"Ben jij {newcomer.name}?")
    reports += phone_axe.check_current("check-in: bevestigen")
    phone.get_by_role("button", name="Ja, ik ben er").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(f"Welkom, {newcomer.name}!")
    reports += phone_axe.check_current("check-in: aangemeld")
    phone_context.close()
    assert Attendance.objects.get(meeting=meeting, person=newcomer).checked_in_by == "self"

    # The facilitator opens the session and its attendance list.
    login(page, user.email, PASSWORD)
    page.goto(f"/trajecten/{trajectory.pk}/bijeenkomsten/{meeting.pk}/")
    page.get_by_role("link", name="Aanwezigheid", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Aanwezigheid: {meeting.title}")
    reports += axe.check_current("aanwezigheid")

    # One tap per person: the row says present at once (htmx), the counts follow.
    for person in people[:8]:
        row = page.locator(f"#persoon-{person.pk}")
        row.get_by_role("button", name=named("Aanwezig", person.name)).click()
        expect(page.locator(f"#persoon-{person.pk}")).to_contain_text("om ")
        expect(
            page.locator(f"#persoon-{person.pk}").get_by_role("button", name=label("Aanwezig"))
        ).to_have_count(0)
    expect(page.locator("#aanwezigheid-tellers")).to_contain_text("9 aanwezig")
    reports += axe.check_current("aanwezigheid na aanmelden")
    present = people[:9]

    # To the agenda item that splits into groups, and make the groups.
    page.get_by_role("link", name="Terug naar de bijeenkomst").click()
    page.get_by_role("link", name=named("Groepen maken", item.title)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Groepen: {item.title}")
    expect(page.locator("main")).to_contain_text("Er worden 9 mensen ingedeeld.")
    reports += axe.check_current("groepen: nog geen groepen")
    page.get_by_role("button", name="Maak groepen").click()
    expect(page.get_by_role("status").first).to_contain_text("De groepen zijn gemaakt.")
    expect(page.locator(".ww-group")).to_have_count(3)
    for person in present:
        expect(member(page, person)).to_have_count(1)
    expect(member(page, people[9])).to_have_count(0)
    expect(member(page, people[4])).to_contain_text("ervaringsdeskundige (opgeleid)")
    reports += axe.check_current("groepen gemaakt")

    # Move one person by keyboard: choose the group in the list, then press Enter on the button.
    mover = people[0]
    start = group_number(page, mover)
    target = 1 if start != 1 else 2
    score_before = page.locator("#score").inner_text()
    select = page.get_by_label(named("Verplaats naar groep", mover.name))
    select.focus()
    select.select_option(str(target))
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name=named("Verplaats", mover.name))).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").first).to_contain_text(f"Verplaatst naar groep {target}")
    expect(in_group(page, target, mover)).to_have_count(1)
    expect(page.locator("#score")).not_to_have_text(score_before)
    reports += axe.check_current("groepen na verplaatsen")

    # Move another person by drag and drop onto another group's card.
    dragged = next(p for p in present if p != mover and group_number(page, p) != target)
    # Grab the name (not a list or button inside the card) and drop it on the group's heading.
    member(page, dragged).locator(".ww-member__name").drag_to(page.locator(f"#groep-{target}"))
    expect(page.get_by_role("status").first).to_contain_text(f"Verplaatst naar groep {target}")
    expect(in_group(page, target, dragged)).to_have_count(1)

    # Lock the mover in their group and divide again: they stay, the rest is divided anew.
    page.get_by_role("button", name=named("Vastzetten", mover.name)).click()
    expect(member(page, mover)).to_contain_text("vastgezet")
    round_ = GroupRound.objects.get(agenda_item=item)
    seed = round_.seed
    page.get_by_role("button", name="Opnieuw indelen").click()
    expect(page.get_by_role("status").first).to_contain_text("Wie vastgezet was")
    round_.refresh_from_db()
    assert round_.seed == seed + 1
    expect(in_group(page, target, mover)).to_have_count(1)
    expect(member(page, mover)).to_contain_text("vastgezet")
    sizes = sorted(
        GroupMember.objects.filter(group__round=round_).values_list("group__number", flat=True)
    )
    assert sorted(sizes.count(n) for n in set(sizes)) == [3, 3, 3]
    reports += axe.check_current("groepen opnieuw ingedeeld")

    # The projector view and the printable list.
    page.get_by_role("link", name="Op het scherm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(item.title)
    expect(page.locator("main")).to_contain_text(mover.name)
    reports += axe.check_current("groepen op het scherm")
    page.get_by_role("link", name="Terug naar de groepen").click()
    page.get_by_role("link", name="Lijst om af te drukken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Groepen: {item.title}")
    expect(page.locator("main")).to_contain_text("★ = ervaringsdeskundige")
    reports += axe.check_current("groepen afdrukken")
    page.get_by_role("link", name="Terug naar de groepen").click()

    # Who knows whom before the groups are held: nobody yet, of the nine who were there.
    page.get_by_role("link", name="Wie kent wie").first.click()
    expect(page.locator(".ww-lead")).to_contain_text("0 van de 36 paren kennen elkaar: 0 %")
    reports += axe.check_current("wie kent wie, voor")
    page.go_back()

    # The groups were held: every pair in a group has now met, and the page cannot change.
    page.get_by_role("button", name="Groepen zijn gehouden").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "9 nieuwe kennismakingen zijn vastgelegd"
    )
    expect(page.get_by_role("button", name="Opnieuw indelen")).to_have_count(0)
    expect(page.get_by_role("button", name=label("Verplaats"))).to_have_count(0)
    reports += axe.check_current("groepen gehouden")
    assert Encounter.objects.filter(trajectory=trajectory).count() == 9

    page.get_by_role("link", name="Wie kent wie").first.click()
    expect(page.locator(".ww-lead")).to_contain_text("9 van de 36 paren kennen elkaar: 25 %")
    expect(page.get_by_role("table")).to_contain_text(meeting.title)
    reports += axe.check_current("wie kent wie, na")
    assert not reports, "axe found violations:\n\n" + "\n\n".join(reports)
