"""The case library: list, search, example cases, create, edit, delete, discussions."""

import pytest
from django.urls import reverse

from weefwerk.cases import services
from weefwerk.cases.models import Case, CaseDiscussion
from weefwerk.engine.privacy import scan
from weefwerk.planning.models import AgendaItem
from weefwerk.trajectories.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def url(name, trajectory, *args):
    return reverse(f"cases:{name}", args=[trajectory.pk, *args])


def make_case(trajectory, title="Vader met een huurachterstand", domains=(), **fields):
    fields.setdefault("description", "De vader heeft drie maanden huurachterstand.")
    case = Case.objects.create(trajectory=trajectory, title=title, **fields)
    case.domains.set(domains)
    return case


def test_the_example_cases_are_sound():
    examples = services.example_cases()
    assert 3 <= len(examples) <= 6
    for example in examples.values():
        assert example.title and len(example.description) > 300
        assert len(example.domains) >= 3, "an example case crosses domains"
        assert not scan(example.title) and not scan(example.description), example.key


def test_an_example_case_is_copied_with_one_click(facilitator_client, trajectory, facilitator):
    key = next(iter(services.example_cases()))
    example = services.example_cases()[key]
    page = facilitator_client.get(url("examples", trajectory))
    assert "Voorbeeldcasus gebruiken" in page.content.decode()

    response = facilitator_client.post(url("example_use", trajectory, key))
    case = Case.objects.get()
    assert response["Location"] == url("detail", trajectory, case.pk)
    assert (case.title, case.description) == (example.title, example.description)
    assert case.is_example and case.example_key == key
    assert case.created_by == facilitator
    names = {d.name for d in case.domains.all()}
    assert names and names <= set(example.domains)
    assert {d.trajectory_id for d in case.domains.all()} == {trajectory.pk}
    # The examples page now says it is in use.
    assert (
        "staat al bij jullie casussen"
        in facilitator_client.get(url("examples", trajectory)).content.decode()
    )


def test_example_use_is_post_only_and_knows_its_examples(facilitator_client, trajectory):
    key = next(iter(services.example_cases()))
    assert facilitator_client.get(url("example_use", trajectory, key)).status_code == 405
    assert (
        facilitator_client.post(url("example_use", trajectory, "bestaat-niet")).status_code == 404
    )
    assert not Case.objects.exists()


def test_example_domains_missing_from_the_trajectory_are_skipped(trajectory):
    trajectory.domains.filter(name="Onderwijs").delete()
    key = "moeder-met-twee-banen"
    case = services.example_case_copy(trajectory=trajectory, key=key)
    assert "Onderwijs" not in {d.name for d in case.domains.all()}
    assert case.domains.count() == len(services.example_cases()[key].domains) - 1


def test_list_search_and_domain_filter(facilitator_client, trajectory):
    school = trajectory.domains.get(name="Onderwijs")
    debt = trajectory.domains.get(name="Schuldhulpverlening")
    make_case(trajectory, "Moe kind op school", domains=[school], description="Moe in de klas.")
    make_case(trajectory, "Vader met schulden", domains=[debt], description="Huurachterstand.")

    def titles(**params):
        response = facilitator_client.get(url("list", trajectory), params)
        assert response.status_code == 200
        return [case.title for case in response.context["results"]]

    assert titles() == ["Moe kind op school", "Vader met schulden"]
    assert titles(q="schulden") == ["Vader met schulden"]
    assert titles(q="huurachterstand") == ["Vader met schulden"]
    assert titles(domain=school.pk) == ["Moe kind op school"]
    assert titles(q="school", domain=debt.pk) == []
    assert titles(domain="geen-getal") == ["Moe kind op school", "Vader met schulden"]


def test_create_edit_and_delete_a_case(facilitator_client, trajectory):
    domain = trajectory.domains.get(name="Voedselbank")
    assert facilitator_client.get(url("create", trajectory)).status_code == 200
    response = facilitator_client.post(
        url("create", trajectory),
        {
            "title": "  Gezin  zonder winterjassen ",
            "description": "Vier kinderen.",
            "domains": [domain.pk],
        },
        follow=True,
    )
    case = Case.objects.get()
    assert case.title == "Gezin zonder winterjassen"
    assert list(case.domains.all()) == [domain]
    assert "„Gezin zonder winterjassen” is opgeslagen." in response.content.decode()

    response = facilitator_client.post(
        url("edit", trajectory, case.pk), {"title": "Gezin in de kou", "description": "Vier."}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.title == "Gezin in de kou" and case.domains.count() == 0

    CaseDiscussion.objects.create(case=case, group_label="Groep 1")
    assert facilitator_client.get(url("delete", trajectory, case.pk)).status_code == 200
    response = facilitator_client.post(url("delete", trajectory, case.pk))
    assert response["Location"] == url("list", trajectory)
    assert not Case.objects.exists() and not CaseDiscussion.objects.exists()


def test_a_title_and_description_are_required(facilitator_client, trajectory):
    response = facilitator_client.post(url("create", trajectory), {"title": "", "description": ""})
    assert response.status_code == 200
    assert "Niet alles is goed ingevuld" in response.content.decode()
    assert not Case.objects.exists()


def test_detail_shows_the_discussions_per_group(facilitator_client, trajectory):
    case = make_case(trajectory)
    meeting = MeetingFactory(trajectory=trajectory, number=3, title="Wie is er nodig?")
    CaseDiscussion.objects.create(
        case=case,
        meeting=meeting,
        group_label="Groep bij het raam",
        child_needs="Een eigen bed.",
        needed="Woningcorporatie\nSchuldhulp",
    )
    CaseDiscussion.objects.create(case=case, group_label="Groep 2", proud_of="We belden meteen.")
    html = facilitator_client.get(url("detail", trajectory, case.pk)).content.decode()
    assert html.count("<h1") == 1
    for text in (
        "Groep bij het raam",
        "Wie is er nodig?",
        "Een eigen bed.",
        "Groep 2",
        "We belden meteen.",
        "Wat is de behoefte van het kind?",
        "Woningcorporatie",
        "nog niet gekoppeld",
    ):
        assert text in html, text


def test_add_edit_and_delete_a_discussion(facilitator_client, trajectory):
    case = make_case(trajectory)
    meeting = MeetingFactory(trajectory=trajectory, number=3, title="Stap 3")
    AgendaItem.objects.create(
        meeting=meeting,
        title="Casuïstiek",
        assignment={"type": "case_questions", "questions": []},
    )
    page = facilitator_client.get(
        url("discussion_create", trajectory, case.pk), {"bijeenkomst": meeting.pk}
    )
    html = page.content.decode()
    assert "met casusbespreking op de agenda" in html
    assert page.context["form"]["meeting"].value() == str(meeting.pk)
    for question in ("Waar loop je tegenaan?", "Waar ben je trots op?", "Wat ontbreekt er?"):
        assert question in html

    answers = {
        "group_label": "Groep 1",
        "meeting": meeting.pk,
        "child_needs": "Rust.",
        "own_role": "Ik zie het kind elke week.",
        "obstacles": "Wachtlijsten.",
        "proud_of": "Het kind komt weer naar de club.",
        "missing": "Iemand die alles overziet.",
        "needed": "Budgetcoach\nHuisarts",
    }
    response = facilitator_client.post(url("discussion_create", trajectory, case.pk), answers)
    discussion = CaseDiscussion.objects.get()
    assert response["Location"] == url("discussion", trajectory, case.pk, discussion.pk)
    for name, value in answers.items():
        if name == "meeting":
            assert discussion.meeting == meeting
        else:
            assert getattr(discussion, name) == value

    response = facilitator_client.post(
        url("discussion_edit", trajectory, case.pk, discussion.pk),
        {**answers, "group_label": "Groep A", "meeting": ""},
    )
    assert response.status_code == 302
    discussion.refresh_from_db()
    assert discussion.group_label == "Groep A" and discussion.meeting is None

    response = facilitator_client.post(url("discussion_delete", trajectory, case.pk, discussion.pk))
    assert response["Location"] == url("detail", trajectory, case.pk)
    assert not CaseDiscussion.objects.exists()


def test_a_discussion_of_another_case_is_not_found(facilitator_client, trajectory):
    case, other = make_case(trajectory), make_case(trajectory, "Andere casus")
    discussion = CaseDiscussion.objects.create(case=other, group_label="Groep 1")
    for name in ("discussion", "discussion_edit", "discussion_delete"):
        response = facilitator_client.get(url(name, trajectory, case.pk, discussion.pk))
        assert response.status_code == 404, name
