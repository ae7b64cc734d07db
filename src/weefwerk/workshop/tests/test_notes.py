"""Notes from phones: add, edit and delete one's own; never another's; text is always text."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from weefwerk.workshop import services
from weefwerk.workshop.models import Assignment, Note

from .conftest import note_data, phone

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)> & <b>vet</b>'


def test_add_a_note_from_the_phone(client, anna, assignment):
    response = client.post(f"{phone(anna)}notitie/", note_data(assignment, "Korte lijnen"))
    assert response.status_code == 302
    note = Note.objects.get()
    assert (note.text, note.category, note.person, note.participant) == (
        "Korte lijnen",
        "Motivatoren",
        anna.person,
        anna,
    )
    page = client.get(response["Location"]).content.decode()
    assert "Korte lijnen" in page
    assert "Er staat 1 notitie op de muur." in page


def test_note_needs_text_and_a_known_category(client, anna, assignment):
    url = f"{phone(anna)}notitie/"
    assert client.post(url, note_data(assignment, "   ")).status_code == 400
    assert client.post(url, note_data(assignment, "Iets", category="Verzonnen")).status_code == 400
    assert client.post(url, note_data(assignment, "x" * 501)).status_code == 400
    assert not Note.objects.exists()


def test_json_answer_for_scripts(client, anna, assignment):
    response = client.post(
        f"{phone(anna)}notitie/",
        note_data(assignment, "Via fetch"),
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 201
    assert response.json() == {"id": Note.objects.get().pk}


def test_closed_assignment_takes_no_notes(client, anna, assignment):
    services.assignment_control(assignment=assignment, action="close")
    response = client.post(f"{phone(anna)}notitie/", note_data(assignment, "Te laat"))
    assert response.status_code == 409
    assert "gesloten" in response.content.decode()
    assert not Note.objects.exists()


def test_edit_and_delete_own_note(client, anna, assignment):
    note = services.note_add(
        assignment=assignment, participant=anna, text="Eerst", category="Motivatoren"
    )
    url = f"{phone(anna)}notitie/{note.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"wijzig-text": "Daarna", "wijzig-category": "Belemmeringen"})
    assert response.status_code == 302
    note.refresh_from_db()
    assert (note.text, note.category) == ("Daarna", "Belemmeringen")
    assert client.post(f"{url}verwijderen/").status_code == 302
    assert not Note.objects.exists()


def test_participant_cannot_edit_or_delete_another_ones_note(client, anna, bram, assignment):
    note = services.note_add(
        assignment=assignment, participant=anna, text="Van Anna", category="Motivatoren"
    )
    url = f"{phone(bram)}notitie/{note.pk}/"
    assert client.get(url).status_code == 404
    response = client.post(url, {"wijzig-text": "Van Bram", "wijzig-category": "Motivatoren"})
    assert response.status_code == 403
    response = client.post(f"{url}verwijderen/")
    assert response.status_code == 403
    note.refresh_from_db()
    assert note.text == "Van Anna"
    # Not through the service either.
    with pytest.raises(services.WorkshopRefused):
        services.note_update_own(participant=bram, note_id=note.pk, text="x", category="")
    with pytest.raises(services.WorkshopRefused):
        services.note_delete_own(participant=bram, note_id=note.pk)
    # Bram's phone page does not offer Anna's note for editing.
    assert f"notitie/{note.pk}/" not in client.get(phone(bram)).content.decode()


def test_own_note_is_frozen_after_close(client, anna, assignment):
    note = services.note_add(
        assignment=assignment, participant=anna, text="Vast", category="Motivatoren"
    )
    services.assignment_control(assignment=assignment, action="close")
    url = f"{phone(anna)}notitie/{note.pk}/"
    client.post(url, {"wijzig-text": "Anders", "wijzig-category": "Motivatoren"})
    assert client.post(f"{url}verwijderen/").status_code == 403
    note.refresh_from_db()
    assert note.text == "Vast"


def test_note_text_with_html_is_text_everywhere(
    client, facilitator_client, trajectory, meeting, anna, assignment
):
    response = client.post(f"{phone(anna)}notitie/", note_data(assignment, EVIL))
    assert response.status_code == 302
    note = Note.objects.get()
    assert note.text == EVIL  # stored as typed; escaped on the way out

    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
    pages = {
        "phone": client.get(response["Location"]),
        "wall": facilitator_client.get(reverse("workshop:wall", args=[trajectory.pk, meeting.pk])),
        "assignment": facilitator_client.get(
            reverse("workshop:assignment", args=[trajectory.pk, meeting.pk, assignment.pk])
        ),
        "results": facilitator_client.get(
            reverse("workshop:results", args=[trajectory.pk, meeting.pk])
        ),
    }
    for where, page in pages.items():
        html = page.content.decode()
        assert page.status_code == 200, where
        assert escaped in html, where
        assert '<script>alert("x")' not in html, where
        assert "<img src=x" not in html, where
        assert "<b>vet</b>" not in html, where

    # The wall's JSON carries the text as a JSON string, for textContent; never as markup.
    data = facilitator_client.get(reverse("workshop:wall_json", args=[trajectory.pk, meeting.pk]))
    assert data["Content-Type"] == "application/json"
    assert data["X-Content-Type-Options"] == "nosniff"
    assert data.json()["notes"][0]["text"] == EVIL
    # The JSON in the wall page (json_script) cannot close its <script> element.
    wall = pages["wall"].content.decode()
    assert "</script><img" not in wall

    # CSV: the text as text.
    export = facilitator_client.get(
        reverse("workshop:export_csv", args=[trajectory.pk, meeting.pk])
    )
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][4] == EVIL
    assert rows[1][5] == "Anna Jansen"


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_exports_neutralise_formulas(
    facilitator_client, trajectory, meeting, anna, assignment, start
):
    text = f'{start}HYPERLINK("http://kwaad.example","klik")'
    services.note_add(assignment=assignment, participant=anna, text=text, category="Motivatoren")
    export = facilitator_client.get(
        reverse("workshop:export_csv", args=[trajectory.pk, meeting.pk])
    )
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][4] == "'" + text
    xlsx = facilitator_client.get(reverse("workshop:export_xlsx", args=[trajectory.pk, meeting.pk]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cell = sheet.cell(row=2, column=5)
    assert cell.value == "'" + text
    assert cell.data_type == "s"


def test_facilitator_types_a_note_for_someone(
    facilitator_client, trajectory, meeting, people, assignment
):
    url = reverse("workshop:note_add", args=[trajectory.pk, meeting.pk, assignment.pk])
    response = facilitator_client.post(
        url,
        {
            "namens-text": "Geen telefoon",
            "namens-category": "Belemmeringen",
            "namens-person": people[2].pk,
        },
    )
    assert response.status_code == 302
    note = Note.objects.get()
    assert note.person == people[2]
    assert note.participant is None
    assert note.typed_by is not None


def test_groups_from_the_grouping_app(client, meeting, item, people, anna):
    from weefwerk.grouping.models import Group, GroupMember, GroupRound

    round_ = GroupRound.objects.create(agenda_item=item, max_size=4, status="held")
    for number, person in ((1, people[0]), (2, people[1])):
        group = Group.objects.create(round=round_, number=number)
        GroupMember.objects.create(group=group, person=person)
    (assignment,) = Assignment.objects.filter(agenda_item=item) or services.assignments_from_item(
        item=item
    )
    assignment.mode = Assignment.Mode.GROUPS
    assignment.save()
    services.assignment_control(assignment=assignment, action="open")
    note = services.note_add(
        assignment=assignment, participant=anna, text="In groep", category="Motivatoren"
    )
    assert note.group_number == 1
    from weefwerk.workshop import selectors

    state = selectors.wall_state(assignment, "group")
    assert state["layout"] == "group"
    assert [c["title"] for c in state["columns"]] == ["Groep 1", "Groep 2", "Zonder groep"]
