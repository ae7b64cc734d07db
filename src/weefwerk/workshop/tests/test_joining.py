"""Joining with the code and the signed link: valid, expired, forged, closed, rate-limited."""

import time
from unittest import mock

import pytest
from django.core import signing

from weefwerk.workshop import joining
from weefwerk.workshop.models import Participant

from .conftest import phone


def test_join_with_code_and_name_gives_a_working_link(client, meeting, people, assignment):
    response = client.post("/doe-mee/", {"code": meeting.join_code.lower()})
    assert response.status_code == 302
    assert response["Location"] == f"/doe-mee/{meeting.join_code}/"

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Anna Jansen" in page.content.decode()

    response = client.post(response["Location"], {"who": str(people[0].pk)})
    assert response.status_code == 302
    participant = Participant.objects.get(meeting=meeting, person=people[0])
    phone_page = client.get(response["Location"])
    assert phone_page.status_code == 200
    html = phone_page.content.decode()
    assert "Je doet mee als Anna Jansen" in html
    assert assignment.title in html
    # The cookie brings the same phone back to its own page.
    again = client.get(f"/doe-mee/{meeting.join_code}/")
    assert "Je doet al mee als Anna Jansen" in again.content.decode()
    # Joining again with the same name gives the same participant.
    client.post(f"/doe-mee/{meeting.join_code}/", {"who": str(people[0].pk)})
    assert Participant.objects.filter(meeting=meeting).count() == 1
    assert participant.pk == Participant.objects.get().pk


def test_join_anonymously(client, meeting, assignment):
    response = client.post(f"/doe-mee/{meeting.join_code}/", {"who": "anoniem"})
    assert response.status_code == 302
    assert Participant.objects.get(meeting=meeting).person is None
    assert "Je doet anoniem mee" in client.get(response["Location"]).content.decode()


def test_person_of_another_trajectory_cannot_be_picked(client, meeting):
    from weefwerk.people.models import Person
    from weefwerk.trajectories.tests.factories import make_trajectory

    other = make_trajectory(name="Ander traject")
    stranger = Person.objects.create(trajectory=other, name="Vreemde")
    response = client.post(f"/doe-mee/{meeting.join_code}/", {"who": str(stranger.pk)})
    assert response.status_code == 400
    assert not Participant.objects.exists()


def test_valid_link(client, anna, assignment):
    response = client.get(phone(anna))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"


def test_expired_link(client, anna):
    thirteen_hours_ago = time.time() - 13 * 60 * 60
    with mock.patch("django.core.signing.time.time", return_value=thirteen_hours_ago):
        old = phone(anna)
    response = client.get(old)
    assert response.status_code == 410
    assert "Deze link is verlopen" in response.content.decode()
    # Also when the time is passed in, not patched.
    token = joining.make_token(anna)
    with pytest.raises(joining.LinkInvalid) as caught:
        joining.read_token(token, now=time.time() + 12 * 60 * 60 + 5)
    assert caught.value.reason == "expired"
    assert joining.read_token(token, now=time.time() + 60).participant_id == anna.pk


@pytest.mark.parametrize(
    "forge",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "x" + token,
        lambda token: "niets",
        # A validly shaped link for another participant, signed with the wrong key.
        lambda token: signing.TimestampSigner(key="fout", salt=joining.SALT).sign_object(
            {"m": 1, "p": 1, "k": "x"}
        ),
        # The right key but another use (salt): a token of another feature.
        lambda token: signing.TimestampSigner().sign_object({"m": 1, "p": 1, "k": "x"}),
    ],
)
def test_forged_link(client, anna, forge):
    response = client.get(
        phone(anna).replace(joining.make_token(anna), forge(joining.make_token(anna)))
    )
    assert response.status_code == 403
    assert "Deze link werkt niet" in response.content.decode()
    response = client.post(
        f"/doe-mee/deelname/{forge(joining.make_token(anna))}/notitie/", {"opdracht": 1}
    )
    assert response.status_code == 403


def test_link_of_a_deleted_participant_never_works_again(client, anna):
    url = phone(anna)
    anna.delete()
    assert client.get(url).status_code == 403


def test_closing_the_session_refuses_joining_and_links(client, meeting, anna, assignment):
    url = phone(anna)
    meeting.joining_open = False
    meeting.save()
    for response in (
        client.get(f"/doe-mee/{meeting.join_code}/"),
        client.post(f"/doe-mee/{meeting.join_code}/", {"who": "anoniem"}),
        client.get(url),
        client.post(f"{url}notitie/", {"opdracht": assignment.pk}),
    ):
        assert response.status_code == 403
        assert "Meedoen is gesloten" in response.content.decode()
    assert Participant.objects.count() == 1


def test_marking_the_session_held_closes_joining(
    client, meeting, anna, assignment, django_capture_on_commit_callbacks
):
    from weefwerk.trajectories.models import Meeting
    from weefwerk.trajectories.services import meeting_update

    url = phone(anna)
    with (
        mock.patch("weefwerk.workshop.events.refresh") as refresh,
        django_capture_on_commit_callbacks(execute=True),
    ):
        meeting_update(meeting, status=Meeting.Status.HELD)
    refresh.assert_called_once_with(meeting.pk)  # open phones reload and see the closed page
    meeting.refresh_from_db()
    assert not meeting.joining_open
    assert not joining.is_open(meeting)
    for response in (
        client.get(f"/doe-mee/{meeting.join_code}/"),
        client.post(f"/doe-mee/{meeting.join_code}/", {"who": "anoniem"}),
        client.get(url),
        client.post(f"{url}notitie/", {"opdracht": assignment.pk, "text": "Te laat"}),
    ):
        assert response.status_code == 403
        html = response.content.decode()
        assert "Deze sessie is gesloten" in html
        assert "is afgelopen" in html
    assert Participant.objects.count() == 1
    assert not assignment.notes.exists()


def test_only_the_change_to_held_closes_joining_and_the_facilitator_may_reopen(
    client, meeting, anna
):
    from weefwerk.trajectories.models import Meeting
    from weefwerk.trajectories.services import meeting_update
    from weefwerk.workshop import services

    meeting_update(meeting, location="Buurthuis")  # a planned session stays open
    assert Meeting.objects.get(pk=meeting.pk).joining_open
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PLANNED)
    meeting.status = Meeting.Status.HELD
    meeting.save(update_fields=["status"])  # also a save that leaves joining_open out
    assert not Meeting.objects.get(pk=meeting.pk).joining_open

    services.joining_set(meeting=meeting, open_=True)  # explicitly, for latecomers
    meeting_update(meeting, location="Elders")  # still held: saving again does not close it
    meeting.refresh_from_db()
    assert meeting.joining_open
    assert client.get(phone(anna)).status_code == 200


def test_wrong_codes_are_rate_limited_per_address(client, meeting, settings):
    settings.WORKSHOP_CODE_TRIES = 5
    for n in range(5):
        response = client.post("/doe-mee/", {"code": f"ABCDEFG{n + 2}"})
        assert response.status_code == 400
        assert "Deze code kennen we niet" in response.content.decode()
    blocked = client.post("/doe-mee/", {"code": meeting.join_code})
    assert blocked.status_code == 429
    assert "te veel verkeerde codes" in blocked.content.decode()
    assert client.get(f"/doe-mee/{meeting.join_code}/").status_code == 429
    # Another address is not blocked; right codes never count.
    other = client.get(f"/doe-mee/{meeting.join_code}/", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_unknown_code_in_the_url_counts_as_a_guess(client, settings, db):
    settings.WORKSHOP_CODE_TRIES = 2
    assert client.get("/doe-mee/ZZZZZZZZ/").status_code == 404
    assert client.get("/doe-mee/ZZZZZZZY/").status_code == 404
    assert client.get("/doe-mee/ZZZZZZZX/").status_code == 429


def test_the_live_page_says_why_joining_closed(facilitator_client, meeting):
    from django.urls import reverse

    from weefwerk.trajectories.models import Meeting
    from weefwerk.trajectories.services import meeting_update

    meeting_update(meeting, status=Meeting.Status.HELD)
    url = reverse("workshop:live", args=[meeting.trajectory_id, meeting.pk])
    html = facilitator_client.get(url).content.decode()
    assert "Meedoen is gesloten." in html
    assert "De bijeenkomst is gehouden. Daarom is meedoen vanzelf gesloten." in html
    assert "Meedoen weer openzetten" in html
