import re
from collections import Counter
from datetime import date
from html.parser import HTMLParser

import pytest
from django.core import signing
from django.urls import reverse

from weefwerk.people.tests.factories import PersonFactory
from weefwerk.planning import followup_services as services
from weefwerk.planning.followup_selectors import (
    HOMEWORK_SALT,
    homework_for_token,
    homework_token,
)
from weefwerk.planning.models import Homework, HomeworkAnswer
from weefwerk.trajectories.tests.factories import MeetingFactory, make_trajectory


@pytest.fixture
def meeting(trajectory):
    return MeetingFactory(trajectory=trajectory, number=1, title="Stap 1: samen beginnen")


@pytest.fixture
def people(trajectory):
    return [
        PersonFactory(trajectory=trajectory, name="Sanne de Vries"),
        PersonFactory(trajectory=trajectory, name="Ahmed Yilmaz", email=""),
    ]


@pytest.fixture
def homework(meeting):
    return services.homework_create(
        meeting=meeting,
        title="Wie ken je al?",
        text="Schrijf drie organisaties op die je nog niet kent.",
        due_date=date(2027, 3, 1),
    )


def scoped(name, meeting, *args):
    return reverse(f"planning:{name}", args=[meeting.trajectory_id, meeting.pk, *args])


def answer_url(homework, person):
    return reverse("planning_public:homework_answer", args=[homework_token(homework, person)])


def test_editor_creates_homework(facilitator_client, meeting):
    url = scoped("homework_create", meeting)
    assert facilitator_client.get(url).status_code == 200
    response = facilitator_client.post(
        url, {"title": "Netwerkkaart", "text": "Teken je eigen netwerk.", "due_date": "2027-03-01"}
    )
    homework = Homework.objects.get(meeting=meeting)
    assert response.status_code == 302
    assert response["Location"] == scoped("homework", meeting, homework.pk)
    assert homework.title == "Netwerkkaart"
    assert homework.due_date == date(2027, 3, 1)


def test_homework_without_title_is_refused_and_keeps_the_text(facilitator_client, meeting):
    response = facilitator_client.post(
        scoped("homework_create", meeting), {"title": "", "text": "Mijn tekst"}
    )
    assert response.status_code == 200
    assert "Mijn tekst" in response.content.decode()
    assert not Homework.objects.exists()


def test_editor_edits_and_deletes_homework(facilitator_client, meeting, homework, people):
    services.homework_answer_save(homework=homework, person=people[0], text="Antwoord")
    facilitator_client.post(
        scoped("homework_edit", meeting, homework.pk),
        {"title": "Nieuwe titel", "text": homework.text, "due_date": ""},
    )
    homework.refresh_from_db()
    assert homework.title == "Nieuwe titel"
    assert homework.due_date is None
    assert (
        facilitator_client.get(scoped("homework_delete", meeting, homework.pk)).status_code == 200
    )
    facilitator_client.post(scoped("homework_delete", meeting, homework.pk))
    assert not Homework.objects.exists()
    assert not HomeworkAnswer.objects.exists()


def test_session_page_lists_homework_and_feedback(facilitator_client, meeting, homework):
    page = facilitator_client.get(
        reverse("planning:meeting", args=[meeting.trajectory_id, meeting.pk])
    )
    html = page.content.decode()
    assert "Wie ken je al?" in html
    assert "Huiswerk toevoegen" in html
    assert reverse("planning_public:feedback", args=[meeting.feedback_token]) in html
    assert scoped("feedback_results", meeting) in html


def test_manager_sees_the_homework_but_not_the_links(client, manager, meeting, homework):
    client.force_login(manager)
    page = client.get(reverse("planning:meeting", args=[meeting.trajectory_id, meeting.pk]))
    html = page.content.decode()
    assert "Wie ken je al?" in html
    assert "Huiswerk toevoegen" not in html
    assert scoped("homework", meeting, homework.pk) not in html
    assert scoped("feedback_results", meeting) not in html


def test_participant_answers_through_the_link_and_can_change_it(client, homework, people):
    sanne = people[0]
    url = answer_url(homework, sanne)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Je antwoordt als <strong>Sanne de Vries</strong>" in html
    assert "Schrijf drie organisaties op" in html
    assert html.count("<h1") == 1

    response = client.post(url, {"text": "De voedselbank en de bibliotheek."})
    assert response.status_code == 302
    assert HomeworkAnswer.objects.get(person=sanne).text == "De voedselbank en de bibliotheek."
    again = client.get(url).content.decode()
    assert "De voedselbank en de bibliotheek." in again
    assert "Je antwoord is opgeslagen" in again

    client.post(url, {"text": "Ook het buurthuis."})
    assert HomeworkAnswer.objects.get(person=sanne).text == "Ook het buurthuis."
    assert HomeworkAnswer.objects.count() == 1


def test_empty_answer_is_refused_in_dutch(client, homework, people):
    response = client.post(answer_url(homework, people[0]), {"text": "   "})
    assert response.status_code == 400
    assert "Schrijf eerst je antwoord." in response.content.decode()
    assert not HomeworkAnswer.objects.exists()


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "x" + token,
        lambda token: "niet-een-token",
    ],
)
def test_tampered_token_gives_a_friendly_404(client, homework, people, mangle):
    token = homework_token(homework, people[0])
    url = reverse("planning_public:homework_answer", args=[mangle(token)])
    for response in (client.get(url), client.post(url, {"text": "Kaping"})):
        assert response.status_code == 404
        assert "Deze link werkt niet" in response.content.decode()
    assert not HomeworkAnswer.objects.exists()


def test_a_token_signed_for_another_purpose_is_refused(client, homework, people):
    token = signing.dumps({"h": homework.pk, "p": people[0].pk}, salt="iets-anders")
    url = reverse("planning_public:homework_answer", args=[token])
    assert client.get(url).status_code == 404


def test_a_person_of_another_trajectory_cannot_answer(client, homework, db):
    stranger = PersonFactory(trajectory=make_trajectory(name="Elders"))
    token = signing.dumps({"h": homework.pk, "p": stranger.pk}, salt=HOMEWORK_SALT)
    url = reverse("planning_public:homework_answer", args=[token])
    assert client.post(url, {"text": "Hallo"}).status_code == 404
    assert not HomeworkAnswer.objects.exists()


def test_a_link_cannot_overwrite_another_persons_answer(client, homework, people):
    sanne, ahmed = people
    services.homework_answer_save(homework=homework, person=ahmed, text="Van Ahmed")
    # Sanne's link, with Ahmed's id slipped into the form: only Sanne's answer is written.
    client.post(answer_url(homework, sanne), {"text": "Van Sanne", "person": ahmed.pk})
    assert HomeworkAnswer.objects.get(person=ahmed).text == "Van Ahmed"
    assert HomeworkAnswer.objects.get(person=sanne).text == "Van Sanne"


def test_editor_sees_links_and_answers(facilitator_client, meeting, homework, people):
    sanne, ahmed = people
    services.homework_answer_save(homework=homework, person=sanne, text="Het antwoord van Sanne")
    page = facilitator_client.get(scoped("homework", meeting, homework.pk))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Het antwoord van Sanne" in html
    assert "1 van de 2 personen heeft geantwoord." in html
    # Each person's link (tokens carry a timestamp, so read them from the page).
    tokens = re.findall(r'value="http://testserver/huiswerk/([^/"]+)/"', html)
    found = {homework_for_token(token)[1] for token in tokens}
    assert found == set(people)
    assert f"mailto:{sanne.email}?subject=" in html
    assert "geen e-mailadres" in html  # Ahmed has none


def test_project_team_sees_the_answers(client, project_member, meeting, homework):
    client.force_login(project_member)
    assert client.get(scoped("homework", meeting, homework.pk)).status_code == 200


def test_manager_gets_403_for_answers_and_homework_forms(client, manager, meeting, homework):
    client.force_login(manager)
    for name, args in [
        ("homework", [homework.pk]),
        ("homework_create", []),
        ("homework_edit", [homework.pk]),
        ("homework_delete", [homework.pk]),
    ]:
        assert client.get(scoped(name, meeting, *args)).status_code == 403, name
    response = client.post(scoped("homework_delete", meeting, homework.pk))
    assert response.status_code == 403
    assert Homework.objects.filter(pk=homework.pk).exists()


def test_non_member_gets_404(client, outsider, meeting, homework):
    client.force_login(outsider)
    for name, args in [
        ("homework", [homework.pk]),
        ("homework_create", []),
        ("homework_edit", [homework.pk]),
        ("homework_delete", [homework.pk]),
    ]:
        assert client.get(scoped(name, meeting, *args)).status_code == 404, name
    assert client.post(scoped("homework_delete", meeting, homework.pk)).status_code == 404
    assert Homework.objects.filter(pk=homework.pk).exists()


def test_homework_of_another_session_is_not_found(facilitator_client, trajectory, homework):
    other = MeetingFactory(trajectory=trajectory, number=2, title="Stap 2")
    assert facilitator_client.get(scoped("homework", other, homework.pk)).status_code == 404


def test_anonymous_is_sent_to_login(client, meeting, homework):
    response = client.get(scoped("homework", meeting, homework.pk))
    assert response.status_code == 302
    assert "inloggen" in response["Location"]


def test_a_payload_swapped_onto_another_signature_is_refused(client, homework, people):
    sanne, ahmed = people
    payload_of_ahmed = homework_token(homework, ahmed).split(":")[0]
    signature_of_sanne = homework_token(homework, sanne).split(":", 1)[1]
    url = reverse(
        "planning_public:homework_answer", args=[f"{payload_of_ahmed}:{signature_of_sanne}"]
    )
    assert client.post(url, {"text": "Kaping"}).status_code == 404
    assert not HomeworkAnswer.objects.exists()


class _PageParser(HTMLParser):
    """Counts <h1>, ids and the form controls without a label, like tests/test_crawl.py."""

    def __init__(self):
        super().__init__()
        self.h1 = 0
        self.ids = Counter()
        self.label_for = set()
        self.controls = []
        self._in_label = 0

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids[a["id"]] += 1
        if tag == "h1":
            self.h1 += 1
        elif tag == "label":
            self._in_label += 1
            self.label_for.add(a.get("for", ""))
        elif tag in ("input", "select", "textarea"):
            if a.get("type") in ("hidden", "submit", "button"):
                return
            if not (self._in_label or a.get("aria-label")):
                self.controls.append(a.get("id", ""))

    def handle_endtag(self, tag):
        if tag == "label" and self._in_label:
            self._in_label -= 1

    def problems(self):
        found = [f"{self.h1} h1"] if self.h1 != 1 else []
        found += [f"no label: {c}" for c in self.controls if c not in self.label_for]
        found += [f"duplicate id {i}" for i, n in self.ids.items() if n > 1]
        return found


def test_every_followup_page_is_sound(client, facilitator, meeting, homework, people):
    sanne = people[0]
    services.homework_answer_save(homework=homework, person=sanne, text="Antwoord")
    public = [
        answer_url(homework, sanne),
        reverse("planning_public:feedback", args=[meeting.feedback_token]),
        reverse("planning_public:feedback_thanks", args=[meeting.feedback_token]),
    ]
    for url in public:
        response = client.get(url)
        assert response.status_code == 200, url
        parser = _PageParser()
        parser.feed(response.content.decode())
        assert parser.problems() == [], url
    services.feedback_submit(
        meeting=meeting, useful=4, met_new_people=2, pace=3, atmosphere=5, comment="Fijn"
    )
    client.force_login(facilitator)
    editor = [
        reverse("planning:meeting", args=[meeting.trajectory_id, meeting.pk]),
        scoped("homework_create", meeting),
        scoped("homework", meeting, homework.pk),
        scoped("homework_edit", meeting, homework.pk),
        scoped("homework_delete", meeting, homework.pk),
        scoped("feedback_results", meeting),
        scoped("feedback_screen", meeting),
    ]
    for url in editor:
        response = client.get(url)
        assert response.status_code == 200, url
        parser = _PageParser()
        parser.feed(response.content.decode())
        assert parser.problems() == [], url
