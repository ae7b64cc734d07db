"""The facilitator's pages: every page answers, has one h1 and labelled controls; managers
read, never write; non-members get 404."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from weefwerk.workshop import services
from weefwerk.workshop.models import Assignment, Note


class Controls(HTMLParser):
    def __init__(self):
        super().__init__()
        self.labels, self.controls, self.ids = set(), [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "label" and a.get("for"):
            self.labels.add(a["for"])
        if tag in ("input", "select", "textarea") and a.get("type") not in (
            "hidden",
            "submit",
        ):
            self.controls.append(a)


def check_html(html: str):
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    parser = Controls()
    parser.feed(html)
    unlabelled = [
        c for c in parser.controls if c.get("id") not in parser.labels and not c.get("aria-label")
    ]
    assert not unlabelled
    assert len(parser.ids) == len(set(parser.ids)), "duplicate ids"


@pytest.fixture
def busy(assignment, anna, bram):
    for text in ("Eén", "Twee"):
        services.note_add(
            assignment=assignment, participant=anna, text=text, category="Motivatoren"
        )
    services.cluster_add(assignment=assignment, name="Cluster A")
    return assignment


def urls(trajectory, meeting, assignment):
    args = [trajectory.pk, meeting.pk]
    return {
        "live": reverse("workshop:live", args=args),
        "wall": reverse("workshop:wall", args=args),
        "results": reverse("workshop:results", args=args),
        "assignment": reverse("workshop:assignment", args=[*args, assignment.pk]),
    }


def test_pages_for_the_facilitator(facilitator_client, trajectory, meeting, busy, anna):
    for name, url in urls(trajectory, meeting, busy).items():
        response = facilitator_client.get(url)
        assert response.status_code == 200, name
        check_html(response.content.decode())
    for name in ("assignment_edit", "assignment_delete"):
        response = facilitator_client.get(
            reverse(f"workshop:{name}", args=[trajectory.pk, meeting.pk, busy.pk])
        )
        assert response.status_code == 200
        check_html(response.content.decode())


def test_phone_and_join_pages_are_accessible_html(client, meeting, anna, busy):
    from .conftest import phone

    for url in ("/doe-mee/", f"/doe-mee/{meeting.join_code}/", phone(anna)):
        response = client.get(url)
        assert response.status_code == 200
        check_html(response.content.decode())
    services.assignment_control(assignment=busy, action="vote_start")
    check_html(client.get(phone(anna)).content.decode())


def test_wall_without_assignment(facilitator_client, trajectory, meeting):
    response = facilitator_client.get(reverse("workshop:wall", args=[trajectory.pk, meeting.pk]))
    assert response.status_code == 200
    assert "Er is nog geen opdracht" in response.content.decode()
    data = facilitator_client.get(
        reverse("workshop:wall_json", args=[trajectory.pk, meeting.pk])
    ).json()
    assert data["assignment"] is None


def test_one_click_assignment_from_the_template(facilitator_client, trajectory, meeting, item):
    url = reverse("workshop:assignment_create", args=[trajectory.pk, meeting.pk, item.pk])
    response = facilitator_client.post(url)
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert assignment.type == "categorised_notes"
    assert assignment.categories[0] == "Motivatoren"
    assert assignment.status == "draft"
    facilitator_client.post(url)  # a second click adds nothing
    assert Assignment.objects.count() == 1


def test_second_assignment_from_also(meeting):
    from weefwerk.planning.models import AgendaItem

    item = AgendaItem.objects.create(
        meeting=meeting,
        title="Opdracht 3",
        assignment={
            "type": "case_questions",
            "questions": ["Wat heeft het kind nodig?", "Wat is jouw rol?"],
            "mode": "groups",
            "also": {"type": "open_question", "questions": ["Wat valt op?"], "mode": "groups"},
        },
    )
    first, second = services.assignments_from_item(item=item)
    assert first.columns == ["Wat heeft het kind nodig?", "Wat is jouw rol?"]
    assert second.type == "open_question"
    assert second.title == "Opdracht 3: Open vraag"


def test_edit_assignment(facilitator_client, trajectory, meeting, assignment):
    url = reverse("workshop:assignment_edit", args=[trajectory.pk, meeting.pk, assignment.pk])
    response = facilitator_client.post(
        url,
        {
            "title": "Nieuwe titel",
            "type": "open_question",
            "questions": "Vraag één\n\nVraag twee\n",
            "categories": "",
            "mode": "groups",
            "votes_per_person": "5",
        },
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.questions == ["Vraag één", "Vraag twee"]
    assert assignment.categories == []
    assert assignment.votes_per_person == 5


def test_controls(facilitator_client, trajectory, meeting, busy):
    url = reverse("workshop:assignment_control", args=[trajectory.pk, meeting.pk, busy.pk])
    for action, field, value in (
        ("hide", "reveal_notes", False),
        ("reveal", "reveal_notes", True),
        ("names_on", "show_names", True),
        ("vote_start", "voting", "open"),
        ("vote_close", "voting", "closed"),
        ("close", "status", "closed"),
    ):
        assert facilitator_client.post(url, {"actie": action}).status_code == 302
        busy.refresh_from_db()
        assert getattr(busy, field) == value, action
    response = facilitator_client.post(url, {"actie": "onzin"}, follow=True)
    assert "Deze knop kennen we niet" in response.content.decode()


def test_manager_reads_but_cannot_write(client, manager, trajectory, meeting, busy):
    client.force_login(manager)
    for url in urls(trajectory, meeting, busy).values():
        response = client.get(url)
        assert response.status_code == 200
        assert "Opdracht sluiten" not in response.content.decode()
    note = Note.objects.first()
    args = [trajectory.pk, meeting.pk, busy.pk]
    for url, data in (
        (reverse("workshop:assignment_control", args=args), {"actie": "close"}),
        (reverse("workshop:note_delete", args=[*args, note.pk]), {}),
        (reverse("workshop:cluster_add", args=args), {"cluster-name": "X"}),
        (reverse("workshop:joining", args=args[:2]), {"open": "0"}),
    ):
        assert client.post(url, data).status_code == 403
    busy.refresh_from_db()
    assert busy.status == "open"
    assert Note.objects.count() == 2


def test_outsider_gets_404(client, outsider, trajectory, meeting, busy):
    client.force_login(outsider)
    for url in urls(trajectory, meeting, busy).values():
        assert client.get(url).status_code == 404


def test_closing_joining(facilitator_client, trajectory, meeting):
    url = reverse("workshop:joining", args=[trajectory.pk, meeting.pk])
    assert facilitator_client.post(url, {"open": "0"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.joining_open is False
