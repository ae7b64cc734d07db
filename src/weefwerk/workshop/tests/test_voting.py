"""Dot voting: the per-person limit holds, also for taps sent at the same moment; votes stay
hidden until voting closes; the top change wishes carry over to the next session."""

import threading

import pytest
from django.db import connection, connections
from django.urls import reverse

from weefwerk.planning.models import AgendaItem
from weefwerk.trajectories.tests.factories import MeetingFactory
from weefwerk.workshop import selectors, services
from weefwerk.workshop.models import Assignment, Note, Participant, Vote

from .conftest import phone


def _notes(assignment, participant, n=3):
    return [
        services.note_add(
            assignment=assignment, participant=participant, text=f"Idee {i}", category="Motivatoren"
        )
        for i in range(n)
    ]


def test_votes_per_person_limit(client, anna, bram, assignment):
    notes = _notes(assignment, bram)
    assignment.votes_per_person = 2
    assignment.save()
    services.assignment_control(assignment=assignment, action="vote_start")
    url = f"{phone(anna)}stip/"
    assert client.post(url, {"note": notes[0].pk}).status_code == 302
    assert client.post(url, {"note": notes[0].pk}).status_code == 302  # two dots on one note
    refused = client.post(url, {"note": notes[1].pk})
    assert refused.status_code == 409
    assert "al je 2 stippen gegeven" in refused.content.decode()
    assert Vote.objects.filter(participant=anna).count() == 2
    # Take one back, then there is room again.
    assert client.post(url, {"note": notes[0].pk, "actie": "eraf"}).status_code == 302
    assert client.post(url, {"note": notes[1].pk}).status_code == 302
    assert Vote.objects.filter(participant=anna).count() == 2


def test_votes_hidden_until_closed(facilitator_client, trajectory, meeting, anna, bram, assignment):
    notes = _notes(assignment, bram)
    services.assignment_control(assignment=assignment, action="vote_start")
    services.vote_add(participant=anna, note_id=notes[1].pk)
    url = reverse("workshop:wall_json", args=[trajectory.pk, meeting.pk])
    state = facilitator_client.get(url).json()
    assert all(n["votes"] is None for n in state["notes"])
    assert state["votes_cast"] == 1
    assert state["ranking"] == []
    services.assignment_control(assignment=assignment, action="vote_close")
    state = facilitator_client.get(url).json()
    assert {n["id"]: n["votes"] for n in state["notes"]}[notes[1].pk] == 1
    assert state["ranking"][0]["id"] == notes[1].pk
    with pytest.raises(services.WorkshopRefused):
        services.vote_add(participant=anna, note_id=notes[0].pk)


def test_no_voting_on_notes_of_another_session(anna, assignment, trajectory):
    other_meeting = MeetingFactory(trajectory=trajectory, number=5)
    item = AgendaItem.objects.create(meeting=other_meeting, title="Elders")
    (other,) = services.assignments_from_item(item=item)
    elsewhere = services.note_add(assignment=other, text="Elders", person=None)
    services.assignment_control(assignment=other, action="vote_start")
    with pytest.raises(services.WorkshopRefused):
        services.vote_add(participant=anna, note_id=elsewhere.pk)


@pytest.mark.django_db(transaction=True)
def test_concurrent_votes_cannot_exceed_the_limit(trajectory, meeting, item, people):
    """Twelve taps at once from the same person, limit three. On PostgreSQL the row lock makes
    the taps wait for each other (exactly three succeed); SQLite runs one writer at a time and
    refuses the rest as locked. Either way never more than three."""
    (assignment,) = services.assignments_from_item(item=item)
    assignment.votes_per_person = 3
    assignment.save()
    services.assignment_control(assignment=assignment, action="open")
    anna = services.participant_join(meeting=meeting, person=people[0])
    note = services.note_add(assignment=assignment, participant=anna, text="Samen", category="")
    services.assignment_control(assignment=assignment, action="vote_start")

    barrier = threading.Barrier(12)
    outcomes = []

    def tap():
        try:
            barrier.wait(timeout=10)
            services.vote_add(participant=anna, note_id=note.pk)
            outcomes.append("ok")
        except services.WorkshopRefused:
            outcomes.append("refused")
        except Exception as error:  # SQLite: database is locked
            outcomes.append(type(error).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=tap) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(outcomes) == 12
    stored = Vote.objects.filter(participant=anna).count()
    assert stored <= 3
    assert outcomes.count("ok") == stored
    if connection.vendor == "postgresql":
        assert stored == 3
        assert outcomes.count("refused") == 9


def test_clusters_merge_and_results(
    facilitator_client, trajectory, meeting, anna, bram, assignment
):
    a, b, c = _notes(assignment, anna)
    base = ["workshop:%s", trajectory.pk, meeting.pk, assignment.pk]

    def url(name, *more):
        return reverse(base[0] % name, args=[*base[1:], *more])

    assert facilitator_client.post(url("cluster_add"), {"cluster-name": "Tijd"}).status_code == 302
    cluster = assignment.clusters.get()
    facilitator_client.post(url("note_cluster", a.pk), {"cluster": cluster.pk})
    facilitator_client.post(url("note_merge", c.pk), {"into": b.pk})
    a.refresh_from_db()
    c.refresh_from_db()
    assert a.cluster == cluster
    assert c.merged_into == b
    state = selectors.wall_state(Assignment.objects.get(pk=assignment.pk))
    assert {n["id"] for n in state["notes"]} == {a.pk, b.pk}
    assert state["clusters"] == [{"id": cluster.pk, "name": "Tijd"}]

    results = selectors.session_results(meeting)
    (data,) = results["assignments"]
    assert data["clusters"][0]["name"] == "Tijd"
    assert [n["text"] for n in data["clusters"][0]["notes"]] == ["Idee 0"]
    merged = [n for col in data["columns"] for n in col["notes"] if n["id"] == b.pk][0]
    assert merged["merged"] == ["Idee 2"]
    page = facilitator_client.get(reverse("workshop:results", args=[trajectory.pk, meeting.pk]))
    assert "Tijd" in page.content.decode()
    # Rename, then undo the merge and remove the cluster.
    facilitator_client.post(url("cluster_edit", cluster.pk), {"name": "Tijd en geld"})
    assert assignment.clusters.get().name == "Tijd en geld"
    facilitator_client.post(url("note_merge", c.pk), {"into": ""})
    facilitator_client.post(url("cluster_edit", cluster.pk), {"actie": "verwijderen"})
    c.refresh_from_db()
    a.refresh_from_db()
    assert c.merged_into is None and a.cluster is None


def test_merging_moves_the_votes(anna, bram, assignment):
    a, b, _c = _notes(assignment, bram)
    services.assignment_control(assignment=assignment, action="vote_start")
    services.vote_add(participant=anna, note_id=a.pk)
    services.note_merge(note=a, into=b)
    assert Vote.objects.get().note == b


def test_top_change_wishes_carry_over_to_the_next_session(trajectory, meeting, people):
    item = AgendaItem.objects.create(
        meeting=meeting,
        title="Veranderwensen",
        assignment={
            "type": "change_wishes",
            "questions": ["Als we nu eens ..."],
            "mode": "plenary",
        },
    )
    following = MeetingFactory(trajectory=trajectory, number=meeting.number + 1)
    AgendaItem.objects.create(meeting=following, position=0, title="Welkom", kind="welcome")
    AgendaItem.objects.create(meeting=following, position=1, title="Opdracht", kind="assignment")
    (wishes,) = services.assignments_from_item(item=item)
    services.assignment_control(assignment=wishes, action="open")
    voters = [services.participant_join(meeting=meeting, person=p) for p in people]
    notes = [
        services.note_add(assignment=wishes, participant=voters[0], text=text)
        for text in ("Als we nu eens één loket hadden", "Als we nu eens samen lunchen", "Rust")
    ]
    services.assignment_control(assignment=wishes, action="vote_start")
    for voter in voters:
        services.vote_add(participant=voter, note_id=notes[1].pk)
    services.vote_add(participant=voters[0], note_id=notes[0].pk)
    services.assignment_control(assignment=wishes, action="vote_close")

    carried = AgendaItem.objects.get(meeting=following, title="Veranderwensen van vorige keer")
    assert carried.position == 1
    following.refresh_from_db()
    assert following.calendar_sequence == 1  # its calendar event shows the new agenda
    assert list(following.agenda_items.order_by("position").values_list("title", flat=True)) == [
        "Welkom",
        "Veranderwensen van vorige keer",
        "Opdracht",
    ]
    assert carried.participant_text.splitlines()[1:] == [
        "1. Als we nu eens samen lunchen (3)",
        "2. Als we nu eens één loket hadden (1)",
    ]
    # Voting again updates the same item instead of adding one.
    services.assignment_control(assignment=wishes, action="vote_start")
    services.vote_add(participant=voters[1], note_id=notes[2].pk)
    services.assignment_control(assignment=wishes, action="vote_close")
    assert (
        AgendaItem.objects.filter(meeting=following, title__startswith="Veranderwensen").count()
        == 1
    )
    carried.refresh_from_db()
    assert carried.participant_text.splitlines()[1:] == ["1. Rust (1)"]
    following.refresh_from_db()
    assert following.calendar_sequence == 2

    # With the actions app installed, the notes became change wishes too.
    from django.apps import apps

    if apps.is_installed("weefwerk.actions"):
        from weefwerk.actions.models import ChangeWish

        wishes_made = ChangeWish.objects.filter(trajectory=trajectory)
        assert set(wishes_made.values_list("note_id", flat=True)) == {n.pk for n in notes}
        assert wishes_made.get(note_id=notes[2].pk).votes == 1


def test_participants_count(meeting, anna, bram):
    assert Participant.objects.filter(meeting=meeting).count() == 2
    assert not Note.objects.exists()
