"""The privacy check when a case or a discussion is saved."""

import re

import pytest
from django.urls import reverse

from weefwerk.cases import privacy
from weefwerk.cases.models import Case, CaseDiscussion, PrivacyConfirmation
from weefwerk.people.models import Person

pytestmark = pytest.mark.django_db

VALID_BSN = "111222333"  # passes the elfproef
INVALID_BSN = "111222334"  # fails it


def url(name, trajectory, *args):
    return reverse(f"cases:{name}", args=[trajectory.pk, *args])


def tokens(response) -> list[str]:
    """The values of the "Dit is geen persoonsgegeven" checkboxes on the page."""
    html = response.content.decode()
    return re.findall(rf'name="{privacy.CONFIRM_FIELD}" value="([0-9a-f]+)"', html)


def case_data(description, title="Moeder met twee banen", **extra):
    return {"title": title, "description": description, **extra}


def test_a_valid_bsn_is_not_saved_without_confirmation(facilitator_client, trajectory):
    text = f"De moeder heeft BSN {VALID_BSN} en werkt in de thuiszorg."
    response = facilitator_client.post(url("create", trajectory), case_data(text))

    assert response.status_code == 200
    assert not Case.objects.exists()
    html = response.content.decode()
    assert "Staan hier persoonsgegevens in?" in html
    # The spot is marked, with the finding's label as text for screen readers.
    assert re.search(rf"<mark[^>]*>{VALID_BSN}<", html)
    assert "BSN (burgerservicenummer)" in html
    assert "Dit is geen persoonsgegeven" in html
    assert 'aria-invalid="true"' in html
    assert len(tokens(response)) == 1


def test_confirming_the_finding_saves_and_records_the_confirmation(
    facilitator_client, trajectory, facilitator
):
    text = f"De moeder heeft BSN {VALID_BSN} en werkt in de thuiszorg."
    first = facilitator_client.post(url("create", trajectory), case_data(text))
    data = case_data(text, **{privacy.CONFIRM_FIELD: tokens(first)})
    response = facilitator_client.post(url("create", trajectory), data)

    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", trajectory, case.pk)
    assert case.description == text
    assert case.created_by == facilitator
    confirmation = PrivacyConfirmation.objects.get()
    assert confirmation.case == case
    assert confirmation.discussion is None
    assert confirmation.field_name == "description"
    assert confirmation.kind == "bsn"
    assert confirmation.length == len(VALID_BSN)
    assert confirmation.start == text.index(VALID_BSN)
    assert confirmation.confirmed_by == facilitator
    assert confirmation.confirmed_at is not None
    # The number itself is not stored, not even as a plain hash.
    stored = " ".join(str(value) for value in PrivacyConfirmation.objects.values_list().get())
    assert VALID_BSN not in stored
    import hashlib

    assert hashlib.sha256(VALID_BSN.encode()).hexdigest() not in stored


def test_removing_the_bsn_saves(facilitator_client, trajectory):
    text = f"De moeder heeft BSN {VALID_BSN} en werkt in de thuiszorg."
    facilitator_client.post(url("create", trajectory), case_data(text))
    response = facilitator_client.post(
        url("create", trajectory), case_data("De moeder werkt in de thuiszorg.")
    )
    assert response.status_code == 302
    assert Case.objects.get().description == "De moeder werkt in de thuiszorg."
    assert not PrivacyConfirmation.objects.exists()


def test_a_number_failing_the_elfproef_saves_directly(facilitator_client, trajectory):
    text = f"Dossiernummer {INVALID_BSN} bij de schuldhulp."
    response = facilitator_client.post(url("create", trajectory), case_data(text))
    assert response.status_code == 302
    assert Case.objects.get().description == text


def test_names_of_the_trajectorys_people_are_flagged(facilitator_client, trajectory):
    Person.objects.create(trajectory=trajectory, name="Sanne de Vries")
    text = "Sanne de Vries van het wijkteam kent het gezin al lang."
    response = facilitator_client.post(url("create", trajectory), case_data(text))
    assert response.status_code == 200
    assert not Case.objects.exists()
    html = response.content.decode()
    assert re.search(r"<mark[^>]*>Sanne de Vries<", html)
    assert "Naam van een persoon" in html


def test_the_form_keeps_what_was_typed(facilitator_client, trajectory):
    domain = trajectory.domains.get(name="Onderwijs")
    text = "Bel de moeder op 06-12345678.\nHet kind (9) is vaak moe op school."
    response = facilitator_client.post(
        url("create", trajectory),
        case_data(text, title="Een moe kind", domains=[domain.pk]),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form["title"].value() == "Een moe kind"
    assert form["description"].value() == text
    html = response.content.decode()
    assert 'value="Een moe kind"' in html
    assert "Het kind (9) is vaak moe op school.</textarea>" in html
    assert re.search(rf'value="{domain.pk}"[^>]*checked', html)


def test_a_changed_text_is_checked_again(facilitator_client, trajectory):
    text = f"BSN {VALID_BSN}, zegt de moeder."
    first = facilitator_client.post(url("create", trajectory), case_data(text))
    # The same token with another text does not count: the confirmation is bound to the text.
    changed = f"BSN {VALID_BSN}, zegt de vader."
    data = case_data(changed, **{privacy.CONFIRM_FIELD: tokens(first)})
    response = facilitator_client.post(url("create", trajectory), data)
    assert response.status_code == 200
    assert not Case.objects.exists()
    assert tokens(response) and tokens(response) != tokens(first)


def test_a_confirmation_holds_for_the_same_text_when_editing(facilitator_client, trajectory):
    text = "Het inloopspreekuur van de bibliotheek: 020 123 4567."
    first = facilitator_client.post(url("create", trajectory), case_data(text))
    facilitator_client.post(
        url("create", trajectory), case_data(text, **{privacy.CONFIRM_FIELD: tokens(first)})
    )
    case = Case.objects.get()

    # Another title, the same description: saved without asking again.
    response = facilitator_client.post(
        url("edit", trajectory, case.pk), case_data(text, title="Andere titel")
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.title == "Andere titel"
    assert PrivacyConfirmation.objects.count() == 1

    # A changed description is checked again, and the number must be confirmed again.
    response = facilitator_client.post(
        url("edit", trajectory, case.pk), case_data(text + " Elke dinsdag.")
    )
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.description == text


def test_confirming_only_some_findings_does_not_save(facilitator_client, trajectory):
    text = f"BSN {VALID_BSN}, mail: moeder@voorbeeld.example"
    first = facilitator_client.post(url("create", trajectory), case_data(text))
    found = tokens(first)
    assert len(found) == 2
    response = facilitator_client.post(
        url("create", trajectory), case_data(text, **{privacy.CONFIRM_FIELD: found[:1]})
    )
    assert response.status_code == 200
    assert not Case.objects.exists()
    # The ticked box stays ticked.
    assert re.search(rf'value="{found[0]}" id="[^"]+" checked', response.content.decode())


def test_the_title_is_checked_too(facilitator_client, trajectory):
    response = facilitator_client.post(
        url("create", trajectory), case_data("Een gezin met schulden.", title="Gezin 1234 AB 12")
    )
    assert response.status_code == 200
    assert "Postcode met huisnummer" in response.content.decode()


def test_discussion_answers_are_checked(facilitator_client, trajectory, facilitator):
    case = Case.objects.create(trajectory=trajectory, title="Casus", description="Tekst")
    data = {
        "group_label": "Groep 1",
        "child_needs": "Rust en een warme maaltijd.",
        "own_role": "Ik bel de moeder op 06-12345678.",
        "needed": "Schuldhulp",
    }
    response = facilitator_client.post(url("discussion_create", trajectory, case.pk), data)
    assert response.status_code == 200
    assert not CaseDiscussion.objects.exists()
    assert re.search(r"<mark[^>]*>06-12345678<", response.content.decode())
    assert response.context["form"]["own_role"].value() == data["own_role"]

    data[privacy.CONFIRM_FIELD] = tokens(response)
    response = facilitator_client.post(url("discussion_create", trajectory, case.pk), data)
    discussion = CaseDiscussion.objects.get()
    assert response.status_code == 302
    confirmation = PrivacyConfirmation.objects.get()
    assert confirmation.discussion == discussion
    assert confirmation.case is None
    assert (confirmation.field_name, confirmation.kind) == ("own_role", "phone")
    assert discussion.created_by == facilitator


def test_segments_rebuild_the_text():
    checks = privacy.check_texts(
        [("description", "beschrijving", f"a {VALID_BSN} b 06-12345678 c")]
    )
    (check,) = checks
    assert "".join(s.text for s in check.segments()) == check.text
    assert [s.finding.kind for s in check.segments() if s.finding] == ["bsn", "phone"]
