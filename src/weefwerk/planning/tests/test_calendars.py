"""Calendar files: parsed back with the icalendar library, as a calendar program would read them."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from weefwerk.planning import services as planning_services
from weefwerk.planning.calendars import meeting_uid
from weefwerk.planning.models import AgendaItem
from weefwerk.trajectories import services
from weefwerk.trajectories.models import Meeting
from weefwerk.trajectories.tests.factories import MeetingFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = ZoneInfo("UTC")


@pytest.fixture
def meeting(trajectory):
    meeting = MeetingFactory(
        trajectory=trajectory,
        number=1,
        title="Stap 1: samen beginnen",
        starts_at=datetime(2027, 1, 12, 14, 0, tzinfo=AMSTERDAM),
        planned_minutes=45,
        location="Buurthuis De Linde",
        goal="Elkaar leren kennen.",
        what_to_bring="Je agenda",
    )
    AgendaItem.objects.create(
        meeting=meeting,
        position=0,
        title="Welkom",
        minutes=15,
        participant_text="Koffie en thee staan klaar.",
        team_notes="Geheime aantekening voor het team.",
    )
    AgendaItem.objects.create(meeting=meeting, position=1, title="Kennismaking", minutes=30)
    return meeting


def ics_url(meeting):
    return reverse("planning:meeting_ics", args=[meeting.trajectory_id, meeting.pk])


def feed_url(trajectory):
    return reverse("planning_public:calendar_feed", args=[trajectory.calendar_token])


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def only_event(calendar) -> icalendar.Event:
    assert len(calendar.events) == 1
    return calendar.events[0]


def edit(client, meeting, **changes):
    """Post the session's edit form as the facilitator does, with some values changed."""
    local = meeting.starts_at.astimezone(AMSTERDAM) if meeting.starts_at else None
    data = {
        "number": meeting.number,
        "title": meeting.title,
        "starts_at": local.strftime("%Y-%m-%dT%H:%M") if local else "",
        "planned_minutes": meeting.planned_minutes,
        "location": meeting.location,
        "status": meeting.status,
        **changes,
    }
    url = reverse("trajectories:meeting_edit", args=[meeting.trajectory_id, meeting.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting.refresh_from_db()
    return meeting


# --------------------------------------------------------------------------------------------
# One session's .ics


def test_ics_has_the_amsterdam_time_zone_with_its_definition(facilitator_client, meeting):
    response = facilitator_client.get(ics_url(meeting))
    assert "attachment" in response["Content-Disposition"]
    calendar = parse(response)
    assert calendar["METHOD"] == "PUBLISH"

    (timezone,) = calendar.timezones
    assert timezone["TZID"] == "Europe/Amsterdam"
    offsets = {
        sub.name: (sub["TZOFFSETFROM"].td, sub["TZOFFSETTO"].td) for sub in timezone.subcomponents
    }
    assert offsets == {
        "DAYLIGHT": (timedelta(hours=1), timedelta(hours=2)),
        "STANDARD": (timedelta(hours=2), timedelta(hours=1)),
    }

    event = only_event(calendar)
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event["DTEND"].params["TZID"] == "Europe/Amsterdam"
    assert event.start == datetime(2027, 1, 12, 14, 0, tzinfo=AMSTERDAM)
    assert event.start.utcoffset() == timedelta(hours=1)  # winter
    assert event.end - event.start == timedelta(minutes=45)
    assert b"DTSTART;TZID=Europe/Amsterdam:20270112T140000" in response.content


def test_summer_time_gives_the_local_clock_time(facilitator_client, meeting):
    # Stored in UTC, 12:00 UTC is 14:00 in Amsterdam in June.
    meeting.starts_at = datetime(2027, 6, 8, 12, 0, tzinfo=UTC)
    meeting.save()
    event = only_event(parse(facilitator_client.get(ics_url(meeting))))
    assert event.start.hour == 14
    assert event.start.utcoffset() == timedelta(hours=2)
    assert event.start == meeting.starts_at


def test_ics_describes_the_agenda_for_participants(facilitator_client, meeting):
    event = only_event(parse(facilitator_client.get(ics_url(meeting))))
    assert event["SUMMARY"] == "Stap 1: samen beginnen"
    assert event["LOCATION"] == "Buurthuis De Linde"
    assert event["STATUS"] == "CONFIRMED"
    page = reverse("planning:meeting", args=[meeting.trajectory_id, meeting.pk])
    assert event["URL"] == f"http://testserver{page}"
    description = str(event["DESCRIPTION"])
    assert "14:00–14:15  Welkom" in description
    assert "14:15–14:45  Kennismaking" in description
    assert "Koffie en thee staan klaar." in description
    assert "Je agenda" in description
    assert "Elkaar leren kennen." in description
    assert f"http://testserver{page}" in description
    assert "Geheime aantekening" not in description


def test_uid_is_stable_and_sequence_rises_when_the_session_changes(
    facilitator_client, meeting, settings
):
    settings.CALENDAR_UID_DOMAIN = "weefwerk.testdorp.nl"
    first = only_event(parse(facilitator_client.get(ics_url(meeting))))
    assert first["UID"] == f"weefwerk-meeting-{meeting.pk}@weefwerk.testdorp.nl"
    assert first["SEQUENCE"] == 0

    edit(facilitator_client, meeting, location="Bibliotheek Testdorp")
    second = only_event(parse(facilitator_client.get(ics_url(meeting))))
    assert second["UID"] == first["UID"]
    assert second["SEQUENCE"] == 1
    assert second["LOCATION"] == "Bibliotheek Testdorp"

    edit(facilitator_client, meeting, starts_at="2027-01-19T15:30", title="Stap 1 (nieuw)")
    third = only_event(parse(facilitator_client.get(ics_url(meeting))))
    assert third["UID"] == first["UID"]
    assert third["SEQUENCE"] == 2
    assert third.start == datetime(2027, 1, 19, 15, 30, tzinfo=AMSTERDAM)

    # Resetting the feed's token does not touch the UID.
    facilitator_client.post(reverse("planning:calendar", args=[meeting.trajectory_id]))
    fourth = only_event(parse(facilitator_client.get(ics_url(meeting))))
    assert fourth["UID"] == first["UID"]
    assert fourth["SEQUENCE"] == 2


def test_saving_without_a_calendar_change_keeps_the_sequence(facilitator_client, meeting):
    edit(facilitator_client, meeting)
    edit(facilitator_client, meeting, number=2)  # the step number is not in the calendar
    assert meeting.calendar_sequence == 0


def test_a_longer_agenda_raises_the_sequence(facilitator_client, meeting):
    planning_services.item_add(meeting=meeting, title="Afronding", minutes=15)
    event = only_event(parse(facilitator_client.get(ics_url(meeting))))
    assert event["SEQUENCE"] == 1
    assert event.end - event.start == timedelta(minutes=60)


@pytest.mark.parametrize(
    "field, value",
    [
        ("starts_at", datetime(2027, 2, 1, 9, 0, tzinfo=AMSTERDAM)),
        ("planned_minutes", 90),
        ("location", "Elders"),
        ("title", "Andere titel"),
        ("status", Meeting.Status.CANCELLED),
    ],
)
def test_meeting_update_raises_the_sequence_for_each_calendar_field(meeting, field, value):
    services.meeting_update(meeting, **{field: value})
    meeting.refresh_from_db()
    assert getattr(meeting, field) == value
    assert meeting.calendar_sequence == 1


def test_meeting_update_compares_with_the_stored_session(meeting):
    # A ModelForm has already put the new values on the instance when the service runs.
    meeting.location = "Elders"
    services.meeting_update(meeting, location="Elders", goal="Ander doel")
    meeting.refresh_from_db()
    assert meeting.calendar_sequence == 1
    services.meeting_update(meeting, goal="Nog een ander doel")
    meeting.refresh_from_db()
    assert meeting.calendar_sequence == 1


def test_a_cancelled_session_is_sent_as_cancelled(facilitator_client, meeting):
    edit(facilitator_client, meeting, status=Meeting.Status.CANCELLED)
    calendar = parse(facilitator_client.get(ics_url(meeting)))
    assert calendar["METHOD"] == "CANCEL"
    event = only_event(calendar)
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1
    assert event["UID"] == meeting_uid(meeting)

    feed = parse(Client().get(feed_url(meeting.trajectory)))
    assert feed["METHOD"] == "PUBLISH"
    assert only_event(feed)["STATUS"] == "CANCELLED"


def test_a_session_without_a_date_has_no_event_and_no_link(facilitator_client, meeting):
    meeting.starts_at = None
    meeting.save()
    calendar = parse(facilitator_client.get(ics_url(meeting)))
    assert calendar.events == []
    page = facilitator_client.get(
        reverse("planning:meeting", args=[meeting.trajectory_id, meeting.pk])
    )
    assert ics_url(meeting) not in page.content.decode()


# --------------------------------------------------------------------------------------------
# The feed


def test_anyone_with_the_token_reads_the_feed(trajectory, meeting):
    MeetingFactory(trajectory=trajectory, number=2, title="Zonder datum", starts_at=None)
    later = MeetingFactory(
        trajectory=trajectory,
        number=3,
        title="Stap 3",
        starts_at=datetime(2027, 2, 2, 19, 0, tzinfo=AMSTERDAM),
    )
    response = Client().get(feed_url(trajectory))
    calendar = parse(response)
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar.timezones[0]["TZID"] == "Europe/Amsterdam"
    uids = {str(event["UID"]) for event in calendar.events}
    assert uids == {meeting_uid(meeting), meeting_uid(later)}
    assert b"Zonder datum" not in response.content
    assert trajectory.name in str(calendar["X-WR-CALNAME"])
    assert "noindex" in response["X-Robots-Tag"]


def test_a_wrong_token_gives_404(trajectory, meeting):
    client = Client()
    for token in ("fout", trajectory.calendar_token[:-1], trajectory.calendar_token + "x"):
        response = client.get(reverse("planning_public:calendar_feed", args=[token]))
        assert response.status_code == 404
        assert trajectory.name.encode() not in response.content


def test_resetting_the_token_stops_the_old_link(facilitator_client, trajectory, meeting):
    old = feed_url(trajectory)
    page = facilitator_client.get(reverse("planning:calendar", args=[trajectory.pk]))
    assert page.status_code == 200
    assert f"http://testserver{old}" in page.content.decode()

    response = facilitator_client.post(reverse("planning:calendar", args=[trajectory.pk]))
    assert response.status_code == 302
    trajectory.refresh_from_db()
    new = feed_url(trajectory)
    assert new != old
    assert Client().get(old).status_code == 404
    assert only_event(parse(Client().get(new)))["UID"] == meeting_uid(meeting)
    page = facilitator_client.get(reverse("planning:calendar", args=[trajectory.pk]))
    assert f"http://testserver{new}" in page.content.decode()


# --------------------------------------------------------------------------------------------
# Access


def test_a_manager_downloads_the_ics_but_cannot_see_or_reset_the_feed(
    client, manager, trajectory, meeting
):
    client.force_login(manager)
    assert client.get(ics_url(meeting)).status_code == 200
    token = trajectory.calendar_token
    calendar_page = reverse("planning:calendar", args=[trajectory.pk])
    assert client.get(calendar_page).status_code == 403
    assert client.post(calendar_page).status_code == 403
    trajectory.refresh_from_db()
    assert trajectory.calendar_token == token


def test_non_members_get_404_and_anonymous_users_must_log_in(client, outsider, meeting):
    urls = [ics_url(meeting), reverse("planning:calendar", args=[meeting.trajectory_id])]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    client.force_login(outsider)
    for url in urls:
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404


def test_a_session_of_another_trajectory_gives_404(facilitator_client, meeting, outsider):
    from weefwerk.trajectories.tests.factories import make_trajectory

    other = make_trajectory(user=outsider, name="Ander traject")
    other_meeting = MeetingFactory(
        trajectory=other, number=1, starts_at=datetime(2027, 1, 1, 10, tzinfo=AMSTERDAM)
    )
    url = reverse("planning:meeting_ics", args=[meeting.trajectory_id, other_meeting.pk])
    assert facilitator_client.get(url).status_code == 404


def test_the_session_page_links_to_the_calendar_and_the_pdfs(client, facilitator, manager, meeting):
    page_url = reverse("planning:meeting", args=[meeting.trajectory_id, meeting.pk])
    team_pdf = reverse("planning:agenda_pdf_team", args=[meeting.trajectory_id, meeting.pk])
    participants_pdf = reverse(
        "planning:agenda_pdf_participants", args=[meeting.trajectory_id, meeting.pk]
    )
    calendar_page = reverse("planning:calendar", args=[meeting.trajectory_id])

    client.force_login(facilitator)
    html = client.get(page_url).content.decode()
    for url in (ics_url(meeting), participants_pdf, team_pdf, calendar_page):
        assert url in html
    assert "Zet in je agenda (.ics)" in html

    client.force_login(manager)
    html = client.get(page_url).content.decode()
    assert ics_url(meeting) in html
    assert participants_pdf in html
    assert team_pdf not in html
    assert calendar_page not in html


# --- agenda changes reach calendars ----------------------------------------------------------


def sequence(meeting) -> int:
    meeting.refresh_from_db()
    return meeting.calendar_sequence


def first_item(meeting) -> AgendaItem:
    return meeting.agenda_items.order_by("position").first()


@pytest.mark.parametrize(
    "field, value",
    [("title", "Welkom en koffie"), ("minutes", 20), ("participant_text", "Neem koffie.")],
)
def test_editing_what_the_calendar_shows_raises_the_sequence_once(meeting, field, value):
    item = first_item(meeting)
    setattr(item, field, value)  # as a ModelForm does before the service runs
    planning_services.save_item(item, **{field: value})
    assert sequence(meeting) == 1


def test_editing_only_the_team_notes_keeps_the_sequence(meeting):
    planning_services.save_item(first_item(meeting), team_notes="Andere aantekening")
    assert sequence(meeting) == 0


def test_adding_removing_and_reordering_items_raise_the_sequence_once_each(meeting):
    planning_services.item_add(meeting=meeting, title="Pauze", minutes=0, fixed=True)
    assert sequence(meeting) == 1  # also when the length stays the same
    pause = meeting.agenda_items.get(title="Pauze")
    planning_services.item_move(pause, -1)
    assert sequence(meeting) == 2
    planning_services.item_move(first_item(meeting), -1)  # already at the top: no change
    ids = list(meeting.agenda_items.values_list("pk", flat=True))
    planning_services.agenda_reorder(meeting, ids)  # the same order: no change
    assert sequence(meeting) == 2
    planning_services.agenda_reorder(meeting, list(reversed(ids)))
    assert sequence(meeting) == 3
    planning_services.item_delete(pause)
    assert sequence(meeting) == 4


def test_fitting_the_agenda_raises_the_sequence_once(meeting):
    planning_services.agenda_fit(meeting, 40)
    assert sequence(meeting) == 1  # the length and the clock times change: one raise
    assert meeting.planned_minutes == 40
    planning_services.agenda_fit(meeting, 40)  # nothing to change
    assert sequence(meeting) == 1


def test_the_calendar_shows_the_new_agenda_with_a_higher_sequence(facilitator_client, meeting):
    before = only_event(parse(facilitator_client.get(ics_url(meeting))))
    item = first_item(meeting)
    url = reverse("planning:item_edit", args=[meeting.trajectory_id, meeting.pk, item.pk])
    response = facilitator_client.post(
        url, {"title": "Welkom", "minutes": 15, "kind": item.kind, "participant_text": "Thee."}
    )
    assert response.status_code == 302
    after = only_event(parse(facilitator_client.get(ics_url(meeting))))
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    assert "Thee." in str(after["DESCRIPTION"])
