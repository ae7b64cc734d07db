import pytest
from django.urls import reverse

from weefwerk.grouping import services
from weefwerk.grouping.models import Attendance


def attendance_url(meeting):
    return reverse("grouping:attendance", args=[meeting.trajectory_id, meeting.pk])


def set_url(meeting, person):
    return reverse("grouping:attendance_set", args=[meeting.trajectory_id, meeting.pk, person.pk])


def checkin_url(meeting):
    return reverse("grouping_public:checkin", args=[meeting.join_code])


def test_page_lists_everybody_with_counts_link_and_qr(facilitator_client, meeting, people):
    services.attendance_set(meeting=meeting, person=people[0], status="present")
    response = facilitator_client.get(attendance_url(meeting))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    for person in people:
        assert person.name in html
    assert checkin_url(meeting) in html
    assert "<svg" in html
    assert "<strong>1</strong> aanwezig" in html


def test_one_tap_marks_present(facilitator_client, meeting, people):
    person = people[3]
    response = facilitator_client.post(set_url(meeting, person), {"status": "present"})
    assert response.status_code == 302
    attendance = Attendance.objects.get(meeting=meeting, person=person)
    assert attendance.status == Attendance.Status.PRESENT
    assert attendance.checked_in_by == Attendance.CheckedInBy.FACILITATOR
    assert attendance.checked_in_at is not None


def test_one_tap_with_htmx_answers_the_row_and_the_counts(facilitator_client, meeting, people):
    response = facilitator_client.post(
        set_url(meeting, people[0]), {"status": "present"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="persoon-{people[0].pk}"' in html
    assert 'hx-swap-oob="true"' in html


def test_sent_colleague_marks_the_colleague_as_coming(facilitator_client, meeting, people):
    facilitator_client.post(
        set_url(meeting, people[0]), {"status": "sent_colleague", "replaced_by": people[1].pk}
    )
    first = Attendance.objects.get(meeting=meeting, person=people[0])
    assert first.status == Attendance.Status.SENT_COLLEAGUE
    assert first.replaced_by == people[1]
    assert Attendance.objects.get(meeting=meeting, person=people[1]).status == "confirmed"


def test_invite_everybody(facilitator_client, meeting, people):
    services.attendance_set(meeting=meeting, person=people[0], status="absent")
    url = reverse("grouping:attendance_invite_all", args=[meeting.trajectory_id, meeting.pk])
    assert facilitator_client.post(url).status_code == 302
    assert Attendance.objects.filter(meeting=meeting, status="invited").count() == 11
    assert Attendance.objects.get(meeting=meeting, person=people[0]).status == "absent"


def test_manager_cannot_write_and_outsider_sees_nothing(client, manager, outsider, meeting, people):
    client.force_login(manager)
    assert client.get(attendance_url(meeting)).status_code == 200
    assert client.post(set_url(meeting, people[0]), {"status": "present"}).status_code == 403
    assert not Attendance.objects.exists()
    client.force_login(outsider)
    assert client.get(attendance_url(meeting)).status_code == 404


def test_self_checkin_with_the_code(client, meeting, people):
    response = client.get(checkin_url(meeting))
    assert response.status_code == 200
    html = response.content.decode()
    assert people[0].name in html
    assert "@voorbeeld.example" not in html  # names only, no contact data
    confirm = client.post(checkin_url(meeting), {"person": people[2].pk})
    assert confirm.status_code == 200
    assert f"Ben jij {people[2].name}?" in confirm.content.decode()
    assert not Attendance.objects.exists()
    done = client.post(checkin_url(meeting), {"person": people[2].pk, "bevestig": "ja"})
    assert done.status_code == 200
    attendance = Attendance.objects.get(meeting=meeting, person=people[2])
    assert attendance.status == Attendance.Status.PRESENT
    assert attendance.checked_in_by == Attendance.CheckedInBy.SELF


def test_code_is_not_case_sensitive(client, meeting, people):
    url = reverse("grouping_public:checkin", args=[meeting.join_code.lower()])
    assert client.get(url).status_code == 200


def test_person_of_another_trajectory_cannot_check_in(client, meeting, people):
    from weefwerk.people.models import Person
    from weefwerk.trajectories.tests.factories import make_trajectory

    other = Person.objects.create(trajectory=make_trajectory(name="Ander"), name="Buiten Staander")
    response = client.post(checkin_url(meeting), {"person": other.pk, "bevestig": "ja"})
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_closed_joining(client, meeting, people):
    meeting.joining_open = False
    meeting.save()
    response = client.get(checkin_url(meeting))
    assert response.status_code == 200
    assert "Aanmelden is gesloten" in response.content.decode()
    assert people[0].name not in response.content.decode()
    response = client.post(checkin_url(meeting), {"person": people[0].pk, "bevestig": "ja"})
    assert response.status_code == 409
    assert not Attendance.objects.exists()


def test_facilitator_closes_and_opens_joining(facilitator_client, meeting):
    url = reverse("grouping:attendance_joining", args=[meeting.trajectory_id, meeting.pk])
    facilitator_client.post(url, {"open": "0"})
    meeting.refresh_from_db()
    assert meeting.joining_open is False
    facilitator_client.post(url, {"open": "1"})
    meeting.refresh_from_db()
    assert meeting.joining_open is True


def test_wrong_code_gives_a_friendly_404(client, meeting):
    response = client.get(reverse("grouping_public:checkin", args=["ZZZZZZZZ"]))
    assert response.status_code == 404
    assert "Deze code werkt niet" in response.content.decode()


@pytest.mark.parametrize("method", ["get", "post"])
def test_guessing_codes_is_rate_limited(client, meeting, people, method):
    for n in range(services.CHECKIN_FAILURES):
        url = reverse("grouping_public:checkin", args=[f"GUESS{n:03d}"])
        assert getattr(client, method)(url).status_code == 404
    # Now even the right code is refused from this address for a while.
    response = client.get(checkin_url(meeting))
    assert response.status_code == 429
    assert "te veel verkeerde codes" in response.content.decode()
    other = client.get(checkin_url(meeting), REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200


def test_checkin_screen_for_the_projector(client, facilitator, manager, meeting):
    url = reverse("grouping:checkin_screen", args=[meeting.trajectory_id, meeting.pk])
    client.force_login(facilitator)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert meeting.join_code in html and "<svg" in html
    client.force_login(manager)
    assert client.get(url).status_code == 403
