from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from weefwerk.engine.agenda import ShaveError
from weefwerk.planning import run, services
from weefwerk.planning.selectors import timed_agenda
from weefwerk.trajectories.tests.factories import make_trajectory


@pytest.fixture
def started(facilitator):
    trajectory = services.trajectory_start(user=facilitator, name="Proef", municipality="Proefdorp")
    return trajectory


@pytest.fixture
def step3(started):
    meeting = started.meetings.get(template_key="network-3")
    meeting.starts_at = timezone.make_aware(datetime(2027, 2, 9, 13, 30))
    meeting.save()
    return meeting


def test_a_new_trajectory_gets_every_session_with_its_agenda(started):
    keys = list(started.meetings.order_by("number").values_list("template_key", flat=True))
    assert keys == [f"network-{n}" for n in range(6)]
    step3 = started.meetings.get(template_key="network-3")
    assert step3.agenda_items.count() == 10
    assert step3.planned_minutes == 180


def test_sessions_get_what_to_bring_from_their_template(started):
    step3 = started.meetings.get(template_key="network-3")
    assert step3.what_to_bring.startswith("Een casus uit je eigen werk")
    assert started.meetings.get(template_key="network-1").what_to_bring == ""


def test_series_create_adds_only_what_is_missing(started):
    assert services.series_create(started) == []


def test_encounters_approach_gets_thirteen_sessions(facilitator):
    trajectory = services.trajectory_start(
        user=facilitator, name="Ontmoeten", municipality="Proefdorp", approach="encounters"
    )
    assert trajectory.meetings.count() == 13


def test_clock_times_follow_the_start(step3):
    timed = timed_agenda(step3)
    assert timed[1].start.strftime("%H:%M") == "13:30"
    assert timed[-1].end.strftime("%H:%M") == "16:30"


def test_clock_times_without_a_start_are_offsets(db):
    trajectory = make_trajectory()
    meeting = services.series_create(trajectory)[3]
    assert timed_agenda(meeting)[-1].end == timedelta(minutes=180)


def test_reorder_rejects_an_incomplete_order(step3):
    ids = list(step3.agenda_items.values_list("pk", flat=True))
    with pytest.raises(ValueError):
        services.agenda_reorder(step3, ids[:-1])
    services.agenda_reorder(step3, list(reversed(ids)))
    assert list(step3.agenda_items.values_list("pk", flat=True)) == list(reversed(ids))


def test_fit_shaves_to_the_target_and_keeps_the_break(step3):
    changes = services.agenda_fit(step3, 120)
    assert sum(minutes for _, minutes in changes) == 120
    step3.refresh_from_db()
    assert step3.planned_minutes == 120
    assert step3.agenda_items.get(kind="break").minutes == 10


def test_fit_to_an_impossible_target_changes_nothing(step3):
    before = list(step3.agenda_items.values_list("minutes", flat=True))
    with pytest.raises(ShaveError):
        services.agenda_fit(step3, 20)
    assert list(step3.agenda_items.values_list("minutes", flat=True)) == before


def test_fit_view_previews_then_saves(facilitator_client, step3):
    url = reverse("planning:fit", args=[step3.trajectory_id, step3.pk])
    preview = facilitator_client.get(url, {"target": 120})
    assert preview.status_code == 200
    assert "Zo ziet de agenda eruit in 120 minuten" in preview.content.decode()
    step3.refresh_from_db()
    assert step3.planned_minutes == 180  # a preview saves nothing
    response = facilitator_client.post(url, {"target": 120})
    assert response.status_code == 302
    step3.refresh_from_db()
    assert step3.planned_minutes == 120


def test_fit_view_explains_an_impossible_target(facilitator_client, step3):
    url = reverse("planning:fit", args=[step3.trajectory_id, step3.pk])
    response = facilitator_client.get(url, {"target": 10})
    assert "Zo kort kan deze agenda niet" in response.content.decode()


def test_move_buttons_swap_neighbours(facilitator_client, step3):
    first, second = list(step3.agenda_items.all())[:2]
    url = reverse("planning:item_move", args=[step3.trajectory_id, step3.pk, second.pk])
    facilitator_client.post(url, {"richting": "omhoog"})
    assert list(step3.agenda_items.values_list("pk", flat=True))[:2] == [second.pk, first.pk]


def test_adding_an_item_lengthens_the_session(facilitator_client, step3):
    url = reverse("planning:item_create", args=[step3.trajectory_id, step3.pk])
    response = facilitator_client.post(
        url, {"title": "Extra uitleg", "minutes": 15, "kind": "plenary"}
    )
    assert response.status_code == 302
    step3.refresh_from_db()
    assert step3.planned_minutes == 195
    assert step3.calendar_sequence >= 1


def test_a_manager_reads_the_agenda_but_cannot_change_it(client, step3):
    from weefwerk.trajectories.models import Membership
    from weefwerk.trajectories.tests.factories import UserFactory

    manager = UserFactory()
    Membership.objects.create(trajectory=step3.trajectory, user=manager, role="manager")
    client.force_login(manager)
    page = client.get(reverse("planning:meeting", args=[step3.trajectory_id, step3.pk]))
    assert page.status_code == 200
    assert "Aantekeningen voor het projectteam" not in page.content.decode()
    item = step3.agenda_items.first()
    url = reverse("planning:item_move", args=[step3.trajectory_id, step3.pk, item.pk])
    assert client.post(url, {"richting": "omlaag"}).status_code == 403


def test_run_mode_steps_and_reshaves_when_late(step3):
    start = timezone.make_aware(datetime(2027, 2, 9, 13, 30))
    run.run_start(step3, now=start)
    state = run.run_step(step3, 1, now=start + timedelta(minutes=1))  # welcome took a minute
    assert state.current.kind == "acquaintance"
    # The acquaintance round (15 minutes) runs 25 minutes over.
    late = start + timedelta(minutes=41)
    state = run.run_state(step3, now=late)
    assert state.late_minutes == 26
    sequence = step3.calendar_sequence
    run.run_reshave(step3, now=late)
    step3.refresh_from_db()
    assert step3.calendar_sequence == sequence + 1  # one change, one raise
    state = run.run_state(step3, now=late)
    assert state.late_minutes == 0
    assert state.projected_end <= state.run.ends_at
    assert state.current.minutes == 40  # what it really took
    assert step3.agenda_items.get(kind="break").minutes == 10
