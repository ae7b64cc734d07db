"""A live session in two browsers: the facilitator's wall and a participant's phone.

pytest-django's live server speaks HTTP only (no WebSockets), so here the wall and the phone
fall back to polling their JSON views, exactly as they do behind a proxy without WebSockets;
the WebSocket path itself is covered by src/weefwerk/workshop/tests/test_live.py (in process)
and test_two_processes.py (two daphne processes with Redis).
"""

import re

from playwright.sync_api import expect

from weefwerk.people.models import Person
from weefwerk.planning.models import AgendaItem
from weefwerk.trajectories.tests.factories import MeetingFactory, UserFactory, make_trajectory
from weefwerk.workshop.models import Note

PHONE = {"width": 360, "height": 740}
PASSWORD = "geheim-wachtwoord-123"


def test_phone_note_appears_on_the_wall_then_cluster_vote_reveal(
    page, context, browser, live_server, axe, login, transactional_db
):
    facilitator = UserFactory(full_name="Fenna Gespreksleider")
    trajectory = make_trajectory(user=facilitator)
    meeting = MeetingFactory(trajectory=trajectory, number=4, title="Stap 4: wat motiveert?")
    AgendaItem.objects.create(
        meeting=meeting,
        position=0,
        title="Opdracht 4B",
        minutes=60,
        kind="assignment",
        assignment={
            "type": "categorised_notes",
            "categories": ["Motivatoren", "Demotivatoren", "Randvoorwaarden", "Belemmeringen"],
            "questions": ["Wat motiveert jou om samen te werken?"],
            "mode": "plenary",
        },
    )
    Person.objects.create(trajectory=trajectory, name="Anna Jansen")
    base = f"/trajecten/{trajectory.pk}/bijeenkomsten/{meeting.pk}"

    # The facilitator sets up the assignment with one click, opens it and hides the notes.
    login(page, facilitator.email, PASSWORD)
    controls = context.new_page()
    controls.goto(f"{base}/live/")
    controls.get_by_role("button", name=re.compile("Opdracht klaarzetten")).click()
    controls.get_by_role("button", name="Opdracht openen").click()
    controls.get_by_role("button", name="Notities verbergen").click()
    expect(controls.get_by_role("button", name="Notities laten zien")).to_be_visible()

    # The wall, on the projector.
    page.goto(f"{base}/live/muur/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Opdracht 4B")
    join_link = page.locator("[data-join-link]").get_attribute("href")
    assert meeting.join_code in join_link

    # A participant joins by the link on a phone and posts a note.
    phone_context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, locale="nl-NL", timezone_id="Europe/Amsterdam"
    )
    phone_context.set_default_timeout(15_000)
    phone = phone_context.new_page()
    try:
        phone.goto(join_link)
        phone.get_by_label("Wie ben je?").select_option(label="Anna Jansen")
        phone.get_by_role("button", name="Meedoen").click()
        expect(phone.get_by_text("Je doet mee als Anna Jansen.")).to_be_visible()
        phone.get_by_label("Categorie").select_option("Motivatoren")
        # A note with a BSN is not saved: the phone marks the spot and keeps the text.
        phone.get_by_label("Je notitie").fill("Het gezin met BSN 111222333 valt buiten alles")
        phone.get_by_role("button", name="Op de muur zetten").click()
        expect(phone.get_by_role("heading", name="Staan hier persoonsgegevens in?")).to_be_visible()
        expect(phone.locator("mark.ww-privacy__mark")).to_contain_text("111222333")
        expect(phone.get_by_label("Je notitie")).to_have_value(
            "Het gezin met BSN 111222333 valt buiten alles"
        )
        reports = type(axe)(phone).check_current("phone privacy check", viewports=(PHONE,))
        assert not Note.objects.exists()
        phone.get_by_label("Je notitie").fill("Korte lijnen met school")
        phone.get_by_role("button", name="Op de muur zetten").click()
        expect(phone.locator(".ww-my-note")).to_contain_text("Korte lijnen met school")

        # The wall shows a hidden card without a reload; revealing shows the text.
        expect(page.locator(".ww-sticky--hidden")).to_have_count(1)
        expect(page.locator("[data-wall-count]")).to_have_text("1 notitie")
        controls.get_by_role("button", name="Notities laten zien").click()
        sticky = page.locator(".ww-sticky", has_text="Korte lijnen met school")
        expect(sticky).to_be_visible()

        # Cluster the note.
        controls.reload()
        controls.get_by_label("Naam van het cluster").fill("Samenwerking")
        controls.get_by_role("button", name="Cluster maken").click()
        note = Note.objects.get()
        controls.locator(f"#cluster-{note.pk}").select_option(label="Samenwerking")
        controls.get_by_role("button", name=re.compile("^Verplaatsen")).click()
        expect(sticky.locator(".ww-sticky__cluster")).to_have_text("Samenwerking")

        # Dot voting: the phone reloads itself when voting starts.
        controls.get_by_role("button", name=re.compile("Stemmen starten")).click()
        dot = phone.get_by_role("button", name=re.compile("^Stip erbij"))
        expect(dot).to_be_visible(timeout=15_000)  # the phone polls every 5 s, then reloads
        reports += type(axe)(phone).check_current("phone view while voting", viewports=(PHONE,))
        dot.click()
        expect(phone.get_by_text("Je hebt nog 2 stippen.")).to_be_visible()
        expect(page.locator("[data-wall-voting]")).to_contain_text("1 stip gegeven")
        controls.get_by_role("button", name="Stemmen sluiten en uitslag tonen").click()
        ranking = page.locator("[data-wall-ranking-list] li")
        expect(ranking).to_have_text(["Korte lijnen met school (1)"])
        expect(sticky).to_contain_text("1 stip")

        # axe-core on the wall (desktop and phone width) and on the phone view.
        reports += axe.check_current("live wall")
        # Closing the vote makes the phone reload itself (as opening it did); wait for that
        # instead of reloading by hand, which would race with the page's own navigation.
        expect(phone.get_by_role("button", name=re.compile("^Stip erbij"))).to_have_count(0)
        phone.wait_for_load_state()
        reports += type(axe)(phone).check_current("phone view", viewports=(PHONE,))
        # And the facilitator's pages of the session.
        assignment_url = controls.url.split("#")[0]
        for url in (f"{base}/live/", assignment_url, f"{base}/resultaten/"):
            reports += axe.check(url)

        # Marking the session held closes joining: the phone says the session is closed.
        controls.goto(f"/trajecten/{trajectory.pk}/bijeenkomsten/{meeting.pk}/bewerken/")
        controls.get_by_label(re.compile("^Status", re.IGNORECASE)).select_option(label="Gehouden")
        controls.get_by_role("button", name="Opslaan").click()
        controls.wait_for_load_state()
        phone.reload()
        expect(phone.get_by_role("heading", level=1)).to_have_text("Deze sessie is gesloten")
        expect(phone.get_by_text("is afgelopen")).to_be_visible()
        reports += type(axe)(phone).check_current("phone: session closed", viewports=(PHONE,))
        # The facilitator may open it again explicitly.
        controls.goto(f"{base}/live/")
        expect(controls.get_by_text("Daarom is meedoen vanzelf gesloten")).to_be_visible()
        controls.get_by_role("button", name="Meedoen weer openzetten").click()
        phone.reload()
        expect(phone.get_by_text("Je doet mee als Anna Jansen.")).to_be_visible()
        assert not reports, "axe found violations:\n\n" + "\n\n".join(reports)
    finally:
        phone_context.close()
