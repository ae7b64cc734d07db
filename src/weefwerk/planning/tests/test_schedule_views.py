"""The planning page: a preview of the new dates, then saving them."""

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from weefwerk.planning import schedule_services
from weefwerk.planning.scheduling import SeriesPlan
from weefwerk.trajectories.models import Meeting
from weefwerk.trajectories.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def aware(*args):
    return timezone.make_aware(datetime(*args))


@pytest.fixture
def meetings(trajectory):
    trajectory.region = "north"
    trajectory.save()
    return [
        MeetingFactory(trajectory=trajectory, number=0, title="Stap 0"),
        MeetingFactory(trajectory=trajectory, number=1, title="Stap 1"),
        MeetingFactory(
            trajectory=trajectory, number=2, title="Stap 2", starts_at=aware(2026, 12, 1, 19, 0)
        ),
        MeetingFactory(
            trajectory=trajectory,
            number=3,
            title="Stap 3 (al geweest)",
            starts_at=aware(2026, 11, 1, 19, 0),
            status=Meeting.Status.HELD,
        ),
    ]


def url(trajectory):
    return reverse("planning:schedule", args=[trajectory.pk])


def form_data(meetings, **extra):
    data = {
        "first_date": "2026-01-05",
        "weekday": "1",  # Tuesday
        "start_time": "13:30",
        "interval_weeks": "3",
        "excluded": "27-01-2026",
        "meetings": [m.pk for m in meetings[:3]],
    }
    data.update(extra)
    return data


def test_the_page_lists_sessions_with_holiday_warnings(facilitator_client, trajectory, meetings):
    meetings[0].starts_at = aware(2025, 12, 23, 19, 0)
    meetings[0].save()
    html = facilitator_client.get(url(trajectory)).content.decode()
    assert html.count("<h1") == 1
    assert "Valt in de kerstvakantie" in html
    assert "Voor schooljaar 2026-2027 hebben we geen vakantiedata" in html  # stap 2
    # Only sessions not yet held can be planned.
    assert f'name="meetings" value="{meetings[3].pk}"' not in html
    assert f'name="meetings" value="{meetings[2].pk}"' in html
    assert "Stap 3 (al geweest)" in html  # but it is listed as it is


def test_preview_then_confirm_changes_the_dates(facilitator_client, trajectory, meetings):
    data = form_data(meetings)
    preview = facilitator_client.get(url(trajectory), data)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Zo worden de data" in html
    assert html.count('id="id_first_date"') == 1  # the confirm form's hidden copy has no ids
    assert html.count('name="first_date"') == 2
    # Tuesday 6 January, then 27 January cannot -> 3 February, then 24 February.
    rows = preview.context["rows"]
    assert [timezone.localtime(r.new_start) for r in rows] == [
        aware(2026, 1, 6, 13, 30),
        aware(2026, 2, 3, 13, 30),
        aware(2026, 2, 24, 13, 30),
    ]
    assert "voorjaarsvakantie" in rows[2].warning  # north: 21 February to 1 March 2026
    assert rows[0].warning == ""
    # Nothing is saved by looking.
    assert Meeting.objects.get(pk=meetings[0].pk).starts_at is None

    response = facilitator_client.post(url(trajectory), data)
    assert response.status_code == 302
    saved = {m.number: m for m in trajectory.meetings.all()}
    assert timezone.localtime(saved[0].starts_at) == aware(2026, 1, 6, 13, 30)
    assert timezone.localtime(saved[2].starts_at) == aware(2026, 2, 24, 13, 30)
    assert saved[2].calendar_sequence == 1
    assert saved[3].starts_at == aware(2026, 11, 1, 19, 0)  # held: untouched
    page = facilitator_client.get(response["Location"]).content.decode()
    assert "De nieuwe data van 3 bijeenkomsten zijn opgeslagen." in page


def test_a_session_left_out_keeps_its_date(facilitator_client, trajectory, meetings):
    data = {**form_data(meetings), "meetings": [meetings[0].pk, meetings[1].pk]}
    facilitator_client.post(url(trajectory), data)
    assert Meeting.objects.get(pk=meetings[2].pk).starts_at == aware(2026, 12, 1, 19, 0)


def test_wrong_input_is_explained_and_saves_nothing(facilitator_client, trajectory, meetings):
    data = form_data(meetings, excluded="24-12-2026\nvolgende week", interval_weeks="8")
    response = facilitator_client.post(url(trajectory), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit is geen datum: volgende week." in html
    assert "hoogstens 6" in html
    assert "volgende week</textarea>" in html
    assert not trajectory.meetings.filter(calendar_sequence__gt=0).exists()


def test_without_a_region_the_page_asks_for_one(facilitator_client, trajectory, meetings):
    trajectory.region = ""
    trajectory.save()
    html = facilitator_client.get(url(trajectory), form_data(meetings)).content.decode()
    assert "daarvoor is de vakantieregio van het traject nodig" in html
    assert reverse("trajectories:edit", args=[trajectory.pk]) in html
    assert "Valt in de" not in html


def test_a_manager_cannot_plan(client, trajectory, meetings, manager):
    client.force_login(manager)
    assert client.get(url(trajectory)).status_code == 403
    assert client.get(url(trajectory), form_data(meetings)).status_code == 403
    assert client.post(url(trajectory), form_data(meetings)).status_code == 403
    assert not trajectory.meetings.filter(calendar_sequence__gt=0).exists()


def test_the_project_team_can_plan(client, trajectory, meetings, project_member):
    client.force_login(project_member)
    assert client.post(url(trajectory), form_data(meetings)).status_code == 302


def test_a_non_member_gets_404(client, trajectory, meetings, outsider):
    client.force_login(outsider)
    assert client.get(url(trajectory)).status_code == 404
    assert client.post(url(trajectory), form_data(meetings)).status_code == 404
    assert not trajectory.meetings.filter(calendar_sequence__gt=0).exists()


def test_the_service_only_touches_changed_sessions(trajectory, meetings):
    plan = SeriesPlan(
        first_date=datetime(2026, 12, 1).date(), start_time=datetime(2026, 1, 1, 19).time()
    )
    changed = schedule_services.series_schedule(trajectory, plan, [meetings[2]])
    assert changed == []  # 1 December 19:00 already
    # All not yet held sessions, in order of number: stap 2 moves to 29 December.
    changed = schedule_services.series_schedule(trajectory, plan)
    assert [m.number for m in changed] == [0, 1, 2]
    stap2 = Meeting.objects.get(pk=meetings[2].pk)
    assert timezone.localtime(stap2.starts_at) == aware(2026, 12, 29, 19, 0)
    assert stap2.calendar_sequence == 1
