from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

from weefwerk.actions import selectors, services
from weefwerk.actions.models import ActionStatus
from weefwerk.actions.tests.factories import make_agreement, make_person
from weefwerk.planning.services import series_create
from weefwerk.trajectories.models import Meeting, Trajectory


def aware(day, hour=14):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def test_plan_creates_eight_followups_for_the_network_approach(trajectory):
    assert trajectory.approach == Trajectory.Approach.NETWORK
    changed = services.followup_track_plan(
        trajectory=trajectory, first_date=date(2030, 1, 8), start_time=time(13, 30)
    )
    meetings = list(selectors.followup_meetings(trajectory))
    assert [m.title for m in meetings] == [f"Vervolgontmoeting {n}" for n in range(1, 9)]
    assert len(changed) == 8
    days = [timezone.localtime(m.starts_at).date() for m in meetings]
    assert days[0] == date(2030, 1, 8)
    assert all(b - a == timedelta(weeks=6) for a, b in zip(days, days[1:], strict=False))
    assert days[-1] - days[0] < timedelta(days=365)
    assert all(m.agenda_items.exists() for m in meetings)
    # Planning again adds nothing.
    services.followup_track_plan(
        trajectory=trajectory, first_date=date(2030, 2, 5), start_time=time(13, 30)
    )
    assert selectors.followup_meetings(trajectory).count() == 8


def test_plan_reuses_the_encounters_series(facilitator):
    from weefwerk.trajectories.tests.factories import make_trajectory

    trajectory = make_trajectory(user=facilitator, approach=Trajectory.Approach.ENCOUNTERS)
    series_create(trajectory)
    before = trajectory.meetings.count()
    services.followup_track_plan(
        trajectory=trajectory, first_date=date(2030, 1, 8), start_time=time(19, 0)
    )
    assert trajectory.meetings.count() == before
    assert all(m.starts_at for m in selectors.followup_meetings(trajectory))


def test_plan_page(facilitator_client, trajectory):
    response = facilitator_client.post(
        reverse("actions:followup_plan", args=[trajectory.pk]),
        {"first_date": "2030-01-08", "start_time": "13:30", "interval_weeks": "6"},
    )
    assert response.status_code == 302
    page = facilitator_client.get(reverse("actions:followup", args=[trajectory.pk]))
    assert "Vervolgontmoeting 8" in page.content.decode()


def test_open_actions_carry_over_to_the_next_meeting(trajectory, sanne):
    services.followup_track_plan(
        trajectory=trajectory, first_date=date(2030, 1, 8), start_time=time(13, 30)
    )
    first, second, third, *_rest = selectors.followup_meetings(trajectory)
    done = make_agreement(trajectory, owners=[sanne], what="Klaar voor de eerste")
    stuck = make_agreement(trajectory, owners=[sanne], what="Loopt vast")
    for agreement in (done, stuck):
        agreement.created_at = aware(date(2029, 12, 1))
        agreement.save()
    services.update_report(
        agreement=done, person=sanne, status=ActionStatus.DONE, now=aware(date(2030, 1, 6))
    )
    services.update_report(
        agreement=stuck, person=sanne, status=ActionStatus.STUCK, now=aware(date(2030, 1, 6))
    )
    late = make_agreement(trajectory, owners=[sanne], what="Later afgesproken")
    late.created_at = aware(date(2030, 1, 20))
    late.save()

    now = aware(date(2030, 3, 1))
    lists = {f.meeting.pk: f for f in selectors.followup_lists(trajectory, now)}
    on_first = {a.agreement.pk: a for a in lists[first.pk].actions}
    assert set(on_first) == {done.pk, stuck.pk}  # done is told once, late did not exist yet
    assert on_first[done.pk].status == ActionStatus.DONE
    assert on_first[done.pk].updates[0].meeting == first  # the report was for the next meeting
    on_second = {a.agreement.pk: a for a in lists[second.pk].actions}
    assert set(on_second) == {stuck.pk, late.pk}
    assert on_second[stuck.pk].carried_over and not on_second[late.pk].carried_over
    on_third = {a.agreement.pk: a for a in lists[third.pk].actions}
    assert on_third[stuck.pk].carried_over and on_third[late.pk].carried_over
    assert [a.agreement.pk for a in selectors.actions_for_meeting(third, now)] == list(on_third)


def test_board_filters(client, trajectory, sanne, ahmed, facilitator):
    sanne.user = facilitator
    sanne.save()
    mine = make_agreement(trajectory, owners=[sanne], what="Van Sanne")
    stuck = make_agreement(trajectory, owners=[ahmed], what="Vast")
    services.update_report(agreement=stuck, person=ahmed, status=ActionStatus.STUCK)
    done = make_agreement(trajectory, owners=[ahmed], what="Af")
    services.update_report(agreement=done, person=ahmed, status=ActionStatus.DONE)

    def names(**filters):
        return {a.what for a in selectors.board(trajectory, **filters)}

    assert names() == {"Van Sanne", "Vast", "Af"}
    assert names(person_ids=[sanne.pk]) == {"Van Sanne"}
    assert names(status="open") == {"Van Sanne", "Vast"}
    assert names(status="stuck") == {"Vast"}
    assert names(organisation=ahmed.organisation) == {"Vast", "Af"}

    client.force_login(facilitator)
    url = reverse("actions:board", args=[trajectory.pk])
    html = client.get(url, {"mine": "on"}).content.decode()
    assert mine.what in html and "Vast" not in html
    html = client.get(url, {"status": "stuck"}).content.decode()
    assert "Vast" in html and "Van Sanne" not in html
    html = client.get(url, {"organisation": ahmed.organisation.pk, "status": "open"})
    assert "Vast" in html.content.decode() and "Af</a>" not in html.content.decode()


def test_history_is_in_time_order(facilitator_client, trajectory, sanne):
    agreement = make_agreement(trajectory, owners=[sanne])
    for day, status in ((3, ActionStatus.UNDER_WAY), (1, ActionStatus.NOT_STARTED)):
        services.update_report(
            agreement=agreement, person=sanne, status=status, now=aware(date(2030, 1, day))
        )
    history = list(selectors.agreement_history(agreement))
    assert [u.created_at.day for u in history] == [1, 3]
    page = facilitator_client.get(reverse("actions:agreement", args=[trajectory.pk, agreement.pk]))
    html = page.content.decode()
    assert html.index("1 januari 2030") < html.index("3 januari 2030")


def test_needs_for_managers_per_organisation(trajectory, sanne, ahmed):
    colleague = make_person(trajectory, "Mila Jansen", sanne.organisation)
    first = make_agreement(trajectory, owners=[sanne, colleague], what="Eerste")
    finished = make_agreement(trajectory, owners=[ahmed], what="Klaar")
    services.update_report(
        agreement=first,
        person=sanne,
        status="under_way",
        what_i_need="Oud",
        now=aware(date(2020, 1, 1)),
    )
    services.update_report(
        agreement=first, person=sanne, status="under_way", what_i_need="Tijd van de teamleider"
    )
    services.update_report(
        agreement=first, person=colleague, status="under_way", what_i_need="Een zaal"
    )
    services.update_report(
        agreement=finished, person=ahmed, status=ActionStatus.DONE, what_i_need="Niets meer"
    )
    groups = selectors.needs_for_managers(trajectory)
    assert [g.organisation for g in groups] == [sanne.organisation]
    assert {n.text for n in groups[0].needs} == {"Tijd van de teamleider", "Een zaal"}
    assert selectors.needs_for_managers(trajectory, ahmed.organisation) == []


def test_next_followup_meeting(trajectory):
    services.followup_meetings_ensure(trajectory)
    first = selectors.followup_meetings(trajectory).first()
    assert selectors.next_followup_meeting(trajectory) == first  # none dated: the first
    first.starts_at = aware(date(2030, 1, 8))
    first.status = Meeting.Status.PLANNED
    first.save()
    assert selectors.next_followup_meeting(trajectory, aware(date(2030, 1, 8), 9)) == first


def test_followup_meetings_say_what_to_bring(trajectory):
    meetings = services.followup_meetings_ensure(trajectory)
    assert len(meetings) == 8
    assert all("vier vragen" in meeting.what_to_bring for meeting in meetings)
