"""Planning ahead, re-optimised on the day: "maak groepen" plans today's round together with the
group rounds still to come up to session five, and stores only today's round."""

from itertools import combinations

import pytest

from weefwerk.grouping import selectors, services
from weefwerk.grouping.models import GroupMember, GroupRound
from weefwerk.grouping.tests.conftest import make_people
from weefwerk.planning.models import AgendaItem
from weefwerk.trajectories.tests.factories import MeetingFactory


def group_item(meeting, position, size, title="Kennismaken"):
    return AgendaItem.objects.create(
        meeting=meeting, position=position, title=title, minutes=15, group_max_size=size
    )


def check_in(meeting, people, status="present"):
    for person in people:
        services.attendance_set(meeting=meeting, person=person, status=status)


@pytest.fixture
def series(trajectory):
    """Sessions 1 to 6 of a trajectory, by number."""
    return {
        n: MeetingFactory(trajectory=trajectory, number=n, title=f"Stap {n}") for n in range(1, 7)
    }


def test_today_is_planned_with_the_rounds_still_to_come(trajectory, series, monkeypatch):
    people = make_people(trajectory, 14, experts=2)
    today = group_item(series[2], 1, 4)
    group_item(series[2], 0, 5, title="Eerder vandaag")  # before today's item: not again
    later_today = group_item(series[2], 2, 6, title="Casus")
    next_session = group_item(series[3], 0, 5)
    held = group_item(series[4], 0, 5)
    last = group_item(series[5], 0, 8, title="Motivatie")
    group_item(series[6], 0, 5)  # after session five: not in the plan
    check_in(series[2], people[:10])
    check_in(series[3], people[2:12], status="confirmed")
    check_in(series[3], people[12:], status="invited")
    check_in(series[4], people[:8])
    held_round = services.groups_make(item=held)
    services.round_held(round_=held_round)

    calls = []
    real = services.plan_groups

    def spy(people_, rounds, **kwargs):
        calls.append((people_, rounds, kwargs))
        return real(people_, rounds, **kwargs)

    monkeypatch.setattr(services, "plan_groups", spy)
    round_ = services.groups_make(item=today)

    ((engine_people, rounds, kwargs),) = calls
    ids = lambda group: {str(p.pk) for p in group}  # noqa: E731
    assert [r.max_size for r in rounds] == [4, 6, 5, 8]
    assert set(rounds[0].present) == ids(people[:10])
    assert set(rounds[1].present) == ids(people[:10])  # later today: who is here now
    assert set(rounds[2].present) == ids(people[2:])  # confirmed and invited
    # Session five has no attendance yet: everybody who came to a session, and who is here.
    assert set(rounds[3].present) == ids(people[:10])
    assert rounds[0].locked == {} and all(not r.locked for r in rounds[1:])
    assert {p.id for p in engine_people} == ids(people[:12]) | ids(people[12:])
    assert kwargs["time_limit"] == 0.2  # WEEFWERK_GROUPS_SECONDS, as before
    assert {tuple(sorted(pair)) for pair in kwargs["met"]}  # the held round's pairs count

    # Only today's round is stored, with today's people.
    assert GroupRound.objects.filter(agenda_item=today).count() == 1
    assert not GroupRound.objects.filter(agenda_item__in=[later_today, next_session, last])
    stored = set(GroupMember.objects.filter(group__round=round_).values_list("person", flat=True))
    assert stored == {p.pk for p in people[:10]}


def test_locks_hold_for_today_only(trajectory, series, monkeypatch):
    make_people(trajectory, 12)
    today = group_item(series[2], 0, 4)
    group_item(series[3], 0, 4)
    first = services.groups_make(item=today)
    member = GroupMember.objects.filter(group__round=first).select_related("group").first()
    services.member_lock(round_=first, person_id=member.person_id, locked=True)
    calls = []
    real = services.plan_groups
    monkeypatch.setattr(
        services, "plan_groups", lambda *a, **k: calls.append((a, k)) or real(*a, **k)
    )
    again = services.groups_make(item=today)
    ((args, _kwargs),) = calls
    rounds = args[1]
    assert len(rounds) == 2
    assert rounds[0].locked == {str(member.person_id): member.group.number - 1}
    assert not rounds[1].locked
    assert GroupMember.objects.get(group__round=again, person_id=member.person_id).locked


def test_a_session_after_session_five_plans_today_only(trajectory, series, monkeypatch):
    make_people(trajectory, 10)
    item = group_item(series[6], 0, 5)
    assert selectors.future_group_rounds(item, list(trajectory.people.all())) == []


def _everyone_day_by_day(trajectory, series):
    """Five sessions, six rounds of groups of five, 25 people who all come every time; the
    groups of each round are made on the day and marked as held. Returns the pairs met and the
    pairs that met a second time."""
    people = make_people(trajectory, 25, domains=False)
    items = [group_item(series[n], 0, 5) for n in range(1, 6)]
    items.insert(3, group_item(series[3], 1, 5, title="Nog een ronde"))
    for n in range(1, 6):
        check_in(series[n], people)
    met, again = set(), 0
    for item in items:
        round_ = services.groups_make(item=item, seed=1)
        for group in round_.groups.prefetch_related("members"):
            for pair in combinations(sorted(m.person_id for m in group.members.all()), 2):
                again += pair in met
                met.add(pair)
        services.round_held(round_=round_)
    return met, again


def test_everybody_knows_everybody_by_session_five(trajectory, series, settings):
    """25 people in groups of five can each meet all 24 others in six rounds, but only when every
    round leaves room for the rounds after it. Day by day with planning ahead, they do."""
    settings.WEEFWERK_GROUPS_SECONDS = 2.0
    met, again = _everyone_day_by_day(trajectory, series)
    assert again == 0
    assert len(met) == 25 * 24 // 2
    summary = selectors.acquaintance(trajectory)
    assert summary.met == summary.total_pairs == 300


def test_without_looking_ahead_the_goal_is_missed(trajectory, series, settings, monkeypatch):
    """The same days, each round planned on its own: people meet again and some never meet."""
    settings.WEEFWERK_GROUPS_SECONDS = 2.0
    monkeypatch.setattr(selectors, "future_group_rounds", lambda item, present: [])
    met, again = _everyone_day_by_day(trajectory, series)
    assert again > 0
    assert len(met) < 300
