from itertools import combinations

import pytest
from django.db import IntegrityError
from django.urls import reverse

from weefwerk.grouping import selectors, services
from weefwerk.grouping.models import Encounter
from weefwerk.planning.models import AgendaItem
from weefwerk.trajectories.models import Meeting
from weefwerk.trajectories.tests.factories import MeetingFactory


def held_pairs(round_):
    pairs = set()
    for group in round_.groups.all():
        ids = sorted(m.person_id for m in group.members.all())
        pairs |= set(combinations(ids, 2))
    return pairs


def test_marking_held_creates_every_pair_once(item, people):
    round_ = services.groups_make(item=item)
    count = services.round_held(round_=round_)
    pairs = held_pairs(round_)
    assert count == len(pairs) == Encounter.objects.count()
    assert set(Encounter.objects.values_list("person_a_id", "person_b_id")) == pairs
    assert all(e.first_meeting == item.meeting for e in Encounter.objects.all())
    round_.refresh_from_db()
    assert round_.is_held
    with pytest.raises(services.GroupingRefused):
        services.round_held(round_=round_)
    assert Encounter.objects.count() == count


def test_existing_pairs_keep_their_first_meeting(trajectory, item, people):
    round_ = services.groups_make(item=item)
    services.round_held(round_=round_)
    later = MeetingFactory(trajectory=trajectory, number=3, title="Stap 3")
    item3 = AgendaItem.objects.create(meeting=later, title="Casus", group_max_size=12)
    everybody = services.groups_make(item=item3)  # one group of all twelve
    services.round_held(round_=everybody)
    assert Encounter.objects.count() == 12 * 11 // 2
    assert Encounter.objects.filter(first_meeting=item.meeting).count() == len(held_pairs(round_))


def test_pair_is_stored_smallest_id_first(trajectory, people):
    with pytest.raises(IntegrityError):
        Encounter.objects.create(
            trajectory=trajectory, person_a=people[5], person_b=people[1], source="manual"
        )


def test_manual_pair(facilitator_client, trajectory, people):
    url = reverse("grouping:encounter_add", args=[trajectory.pk])
    data = {"person_a": people[7].pk, "person_b": people[2].pk}
    assert facilitator_client.post(url, data).status_code == 302
    assert facilitator_client.post(url, data).status_code == 302
    encounter = Encounter.objects.get()
    assert (encounter.person_a, encounter.person_b) == (people[2], people[7])
    assert encounter.source == Encounter.Source.MANUAL
    assert encounter.first_meeting is None
    same = facilitator_client.post(url, {"person_a": people[1].pk, "person_b": people[1].pk})
    assert same.status_code == 200
    assert "Kies twee verschillende mensen" in same.content.decode()


def test_manager_cannot_add_a_pair(client, manager, trajectory, people):
    client.force_login(manager)
    url = reverse("grouping:encounter_add", args=[trajectory.pk])
    response = client.post(url, {"person_a": people[0].pk, "person_b": people[1].pk})
    assert response.status_code == 403
    assert not Encounter.objects.exists()


def test_share_per_session(trajectory, people):
    first = MeetingFactory(trajectory=trajectory, number=1, title="Stap 1", status="held")
    second = MeetingFactory(trajectory=trajectory, number=2, title="Stap 2", status="held")
    MeetingFactory(trajectory=trajectory, number=3, title="Stap 3")
    four = people[:4]  # everybody counts while nobody attended: 12 people, 66 pairs
    services.encounter_add(trajectory=trajectory, person_a=four[0], person_b=four[1])
    for a, b in [(0, 2), (0, 3)]:
        services.encounter_add(
            trajectory=trajectory,
            person_a=four[a],
            person_b=four[b],
            meeting=first,
            source="group",
        )
    services.encounter_add(
        trajectory=trajectory, person_a=four[2], person_b=four[3], meeting=second, source="group"
    )
    summary = selectors.acquaintance(trajectory)
    assert summary.basis == "everybody"
    assert summary.total_pairs == 66
    assert [(row.label, row.met) for row in summary.per_meeting] == [
        ("Kenden elkaar al", 1),
        ("Stap 1", 3),
        ("Stap 2", 4),
    ]
    assert summary.per_meeting[-1].percent == 6  # 4 of 66, rounded down
    unmet = dict(summary.unmet)
    assert people[1] not in unmet[people[0]] and people[4] in unmet[people[0]]


def test_active_participants_are_those_present_once(trajectory, meeting, people):
    services.attendance_set(meeting=meeting, person=people[0], status="present")
    services.attendance_set(meeting=meeting, person=people[1], status="present")
    summary = selectors.acquaintance(trajectory)
    assert summary.basis == "present"
    assert summary.people == people[:2]
    assert summary.total_pairs == 1


def test_reachability_text_from_the_group_sizes():
    unmet = dict.fromkeys(range(38), 37)
    reach = selectors.reachability([5, 6, 8, 6, 5], 5, unmet, 0, 38 * 37 // 2)
    assert reach.per_person == 25
    assert not reach.reachable
    assert reach.text.startswith(
        "Met groepjes van 5, 6, 8, 6 en 5 kan iemand in 5 bijeenkomsten hoogstens 25 anderen "
        "ontmoeten; met 38 deelnemers lukt ‘iedereen kent iedereen’ dus niet."
    )
    # 38 people who can each meet 25: at most 38 * 25 / 2 = 475 of the 703 pairs.
    assert "Hoogstens haalbaar is 67 %." in reach.text


def test_reachability_when_it_can_still_be_done():
    reach = selectors.reachability([5, 5, 5, 5], 4, dict.fromkeys(range(16), 15), 0, 120)
    assert reach.reachable
    assert "kan dus nog" in reach.text


def test_acquaintance_page_with_forecast(facilitator_client, trajectory, item, people):
    services.encounter_add(trajectory=trajectory, person_a=people[0], person_b=people[1])
    url = reverse("grouping:acquaintance", args=[trajectory.pk])
    response = facilitator_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "1 van de 66 paren kennen elkaar: 1 %." in html
    assert "Met een groepje van 4 kan iemand in 1 bijeenkomst hoogstens 3 anderen" in html
    assert "Het beste plan dat Weefwerk vond, haalt" in html
    assert "<table" in html
    forecast = response.context["forecast"]
    assert forecast.new_pairs == 18  # three groups of four
    recompute = reverse("grouping:acquaintance_recompute", args=[trajectory.pk])
    assert facilitator_client.post(recompute).status_code == 302


def test_remaining_rounds_skip_held_and_later_sessions(trajectory, people):
    meetings = [
        MeetingFactory(trajectory=trajectory, number=n, title=f"Stap {n}") for n in range(1, 7)
    ]
    items = [
        AgendaItem.objects.create(meeting=m, title="Kennismaken", group_max_size=5)
        for m in meetings
    ]
    meetings[0].status = Meeting.Status.HELD
    meetings[0].save()
    round_ = services.groups_make(item=items[1])
    services.round_held(round_=round_)
    summary = selectors.acquaintance(trajectory)
    assert summary.target == meetings[4]
    assert summary.remaining_items == items[2:5]


def test_plan_ahead_stores_draft_rounds(facilitator_client, trajectory, people):
    meetings = [MeetingFactory(trajectory=trajectory, number=n, title=f"Stap {n}") for n in (2, 3)]
    items = [
        AgendaItem.objects.create(meeting=m, title="Kennismaken", group_max_size=4)
        for m in meetings
    ]
    url = reverse("grouping:plan_ahead", args=[trajectory.pk])
    assert facilitator_client.post(url).status_code == 302
    for item in items:
        round_ = selectors.current_round(item)
        assert round_.planned_ahead and not round_.is_held
        assert sorted(len(g.members.all()) for g in round_.groups.all()) == [4, 4, 4]
