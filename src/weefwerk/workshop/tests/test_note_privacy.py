"""Live notes go through the cases app's privacy check: not saved until the spots are removed
or confirmed one by one; the names of the trajectory's people are normal in notes."""

import re

from django.urls import reverse

from weefwerk.cases import privacy
from weefwerk.workshop import services
from weefwerk.workshop.models import Note

from .conftest import note_data, phone

VALID_BSN = "111222333"  # passes the elfproef
IBAN = "NL91ABNA0417164300"


def tokens(response) -> list[str]:
    html = response.content.decode()
    return re.findall(rf'name="{privacy.CONFIRM_FIELD}" value="([0-9a-f]+)"', html)


def test_a_phone_note_with_a_bsn_is_not_saved_and_the_spot_is_marked(client, anna, assignment):
    text = f"Het gezin met BSN {VALID_BSN} valt overal buiten."
    response = client.post(f"{phone(anna)}notitie/", note_data(assignment, text))
    assert response.status_code == 400
    assert not Note.objects.exists()
    html = response.content.decode()
    assert "Staan hier persoonsgegevens in?" in html
    assert re.search(rf"<mark[^>]*>{VALID_BSN}<", html)
    assert "Op de muur en in het verslag mag niemand een inwoner of gezin" in html
    assert "{#" not in html and "PrivacyCheckMixin" not in html  # no template comments shown
    assert f"\n{text}</textarea>" in html  # the text is kept
    assert len(tokens(response)) == 1


def test_removing_or_confirming_the_finding_saves_the_note(client, anna, assignment):
    url = f"{phone(anna)}notitie/"
    text = f"Bel de balie op 030 123 4567 of mail info@voedselbank.example of {VALID_BSN}."
    first = client.post(url, note_data(assignment, text))
    found = tokens(first)
    assert len(found) == 3
    # Confirming only some of them is not enough.
    partly = client.post(url, {**note_data(assignment, text), privacy.CONFIRM_FIELD: found[:2]})
    assert partly.status_code == 400
    assert not Note.objects.exists()
    # A token belongs to exactly this text: after a change it counts no more.
    changed = client.post(
        url, {**note_data(assignment, text + " Echt."), privacy.CONFIRM_FIELD: found}
    )
    assert changed.status_code == 400
    saved = client.post(url, {**note_data(assignment, text), privacy.CONFIRM_FIELD: found})
    assert saved.status_code == 302
    assert Note.objects.get().text == text


def test_names_of_the_trajectorys_people_are_normal_in_notes(client, anna, assignment, people):
    text = f"{people[1].name} van de schuldhulp weet de weg naar het fonds."
    response = client.post(f"{phone(anna)}notitie/", note_data(assignment, text))
    assert response.status_code == 302
    assert Note.objects.get().text == text


def test_editing_a_note_is_checked_too(client, anna, assignment):
    note = services.note_add(
        assignment=assignment, participant=anna, text="Eerst", category="Motivatoren"
    )
    url = f"{phone(anna)}notitie/{note.pk}/"
    data = {"wijzig-text": f"Rekening {IBAN}", "wijzig-category": "Motivatoren"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert re.search(rf"<mark[^>]*>{IBAN}<", response.content.decode())
    note.refresh_from_db()
    assert note.text == "Eerst"
    confirmed = client.post(url, {**data, privacy.CONFIRM_FIELD: tokens(response)})
    assert confirmed.status_code == 302
    note.refresh_from_db()
    assert note.text == f"Rekening {IBAN}"


def test_the_facilitators_note_is_checked_and_kept_on_the_page(
    facilitator_client, trajectory, meeting, people, assignment
):
    url = reverse("workshop:note_add", args=[trajectory.pk, meeting.pk, assignment.pk])
    data = {
        "namens-text": "Geboren op 12-03-2015, woont op 3511 AB 12.",
        "namens-category": "Belemmeringen",
        "namens-person": people[2].pk,
    }
    response = facilitator_client.post(url, data)
    assert response.status_code == 400
    assert not Note.objects.exists()
    html = response.content.decode()
    assert "Staan hier persoonsgegevens in?" in html
    assert "\nGeboren op 12-03-2015, woont op 3511 AB 12.</textarea>" in html
    found = tokens(response)
    assert len(found) == 2
    response = facilitator_client.post(url, {**data, privacy.CONFIRM_FIELD: found})
    assert response.status_code == 302
    assert Note.objects.get().person == people[2]
