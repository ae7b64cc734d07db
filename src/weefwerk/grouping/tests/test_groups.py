from collections import Counter

from django.urls import reverse

from weefwerk.grouping import selectors, services
from weefwerk.grouping.models import GroupMember, GroupRound
from weefwerk.grouping.tests.conftest import make_people


def url(name, item, **extra):
    args = [item.meeting.trajectory_id, item.meeting_id, item.pk]
    return reverse(f"grouping:{name}", args=args)


def groups_of(round_):
    return {
        g.number: sorted(m.person_id for m in g.members.all())
        for g in round_.groups.prefetch_related("members")
    }


def group_of(round_, person):
    return GroupMember.objects.get(group__round=round_, person=person).group.number


def test_make_groups_for_the_people_present(facilitator_client, item, people):
    for person in people[:10]:
        services.attendance_set(meeting=item.meeting, person=person, status="present")
    response = facilitator_client.post(url("groups_make", item))
    assert response.status_code == 302
    round_ = GroupRound.objects.get()
    grouped = [pid for ids in groups_of(round_).values() for pid in ids]
    assert sorted(grouped) == sorted(p.pk for p in people[:10])
    assert max(len(ids) for ids in groups_of(round_).values()) <= 4
    assert round_.basis == "present"
    assert round_.score["hard_violations"] == 0


def test_experts_apart_and_max_size(item, people):
    round_ = services.groups_make(item=item)  # nobody checked in: everybody, 12 in 3 groups
    assert round_.basis == "everybody"
    experts = {p.pk for p in people if p.is_expert}
    groups = groups_of(round_)
    assert sorted(len(ids) for ids in groups.values()) == [4, 4, 4]
    assert [len(experts & set(ids)) for ids in groups.values()] == [1, 1, 1]
    assert round_.score["groups_without_expert"] == 0


def test_fallback_to_expected_people_is_said(facilitator_client, item, people):
    for person in people[:6]:
        services.attendance_set(meeting=item.meeting, person=person, status="confirmed")
    services.groups_make(item=item)
    round_ = GroupRound.objects.get()
    assert round_.basis == "expected"
    assert sum(len(ids) for ids in groups_of(round_).values()) == 6
    html = facilitator_client.get(url("groups", item)).content.decode()
    assert "Nog niemand is aangemeld als aanwezig" in html


def test_page_shows_cards_with_badges_and_forms(facilitator_client, item, people):
    services.groups_make(item=item)
    response = facilitator_client.get(url("groups", item))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Groep 3" in html
    assert "★" in html
    assert "nieuwe gezichten in de groep" in html
    assert "Verplaats naar groep" in html
    assert "Collega&#x27;s in dezelfde groep" in html or "Collega's in dezelfde groep" in html
    for name in ("groups_screen", "groups_print"):
        page = facilitator_client.get(url(name, item))
        assert page.status_code == 200
        assert people[0].name in page.content.decode()


def test_move_updates_the_score(facilitator_client, trajectory, item):
    # Two organisations of six: colleagues cannot all be apart, but a move can make it worse.
    people = make_people(trajectory, 8, organisations=2)
    round_ = services.groups_make(item=item)  # two groups of four
    before = round_.score["colleague_pairs"]
    assert before == round_.score["colleague_pairs_lower_bound"]
    person = people[0]
    target = 2 if group_of(round_, person) == 1 else 1
    response = facilitator_client.post(
        url("groups_move", item), {"round": round_.pk, "person": person.pk, "group": target}
    )
    assert response.status_code == 302
    round_.refresh_from_db()
    assert group_of(round_, person) == target
    assert round_.score["colleague_pairs"] != before
    assert sorted(len(ids) for ids in groups_of(round_).values()) == [3, 5]
    html = facilitator_client.get(url("groups", item)).content.decode()
    assert f"Groep {target} heeft nu 5 mensen; het maximum is 4." in html


def test_move_to_a_new_group_and_empty_groups_close(item, people):
    round_ = services.groups_make(item=item)
    services.member_move(round_=round_, person_id=people[0].pk, number=4)
    assert len(groups_of(round_)) == 4
    services.member_move(round_=round_, person_id=people[0].pk, number=1)
    assert len(groups_of(round_)) == 3


def test_stale_round_is_refused(facilitator_client, item, people):
    round_ = services.groups_make(item=item)
    response = facilitator_client.post(
        url("groups_move", item), {"round": round_.pk + 99, "person": people[0].pk, "group": 2}
    )
    assert response.status_code == 302
    assert groups_of(GroupRound.objects.get()) == groups_of(round_)


def test_lock_and_rerun_keeps_the_locked_person(facilitator_client, item, people):
    round_ = services.groups_make(item=item)
    first = people[4]
    number = group_of(round_, first)
    companion = next(p for p in people if p != first and group_of(round_, p) == number)
    for person in (first, companion):
        response = facilitator_client.post(
            url("groups_lock", item), {"round": round_.pk, "person": person.pk, "locked": "1"}
        )
        assert response.status_code == 302
    before = groups_of(round_)
    for _attempt in range(3):
        assert facilitator_client.post(url("groups_make", item)).status_code == 302
        round_ = GroupRound.objects.get()
        assert group_of(round_, first) == number
        assert group_of(round_, companion) == number
    assert round_.seed == 4
    assert groups_of(round_) != before or True  # a new division, the locked pair stays
    unlocked = facilitator_client.post(
        url("groups_lock", item), {"round": round_.pk, "person": first.pk}
    )
    assert unlocked.status_code == 302
    assert not GroupMember.objects.get(group__round=round_, person=first).locked


def test_held_round_cannot_change(facilitator_client, item, people):
    round_ = services.groups_make(item=item)
    response = facilitator_client.post(url("groups_held", item), {"round": round_.pk})
    assert response.status_code == 302
    before = groups_of(round_)
    facilitator_client.post(url("groups_make", item))
    facilitator_client.post(
        url("groups_move", item), {"round": round_.pk, "person": people[0].pk, "group": 3}
    )
    assert groups_of(GroupRound.objects.get()) == before
    html = facilitator_client.get(url("groups", item)).content.decode()
    assert "Verplaats naar groep" not in html


def test_manager_gets_403_on_every_write(client, manager, item, people):
    round_ = services.groups_make(item=item)
    before = groups_of(round_)
    client.force_login(manager)
    assert client.get(url("groups", item)).status_code == 200
    data = {"round": round_.pk, "person": people[0].pk, "group": 3, "locked": "1"}
    for name in ("groups_make", "groups_move", "groups_lock", "groups_held"):
        assert client.post(url(name, item), data).status_code == 403, name
    round_.refresh_from_db()
    assert not round_.is_held
    assert groups_of(round_) == before
    assert not GroupMember.objects.filter(locked=True).exists()


def test_non_member_gets_404(client, outsider, item, people):
    services.groups_make(item=item)
    client.force_login(outsider)
    for name in ("groups", "groups_screen", "groups_print"):
        assert client.get(url(name, item)).status_code == 404
    assert client.post(url("groups_make", item)).status_code == 404


def test_item_without_groups_is_404(facilitator_client, item):
    item.group_max_size = None
    item.save()
    assert facilitator_client.get(url("groups", item)).status_code == 404


def test_agenda_page_links_to_groups_and_attendance(facilitator_client, item):
    meeting = item.meeting
    html = facilitator_client.get(
        reverse("planning:meeting", args=[meeting.trajectory_id, meeting.pk])
    ).content.decode()
    assert url("groups", item) in html
    assert reverse("grouping:attendance", args=[meeting.trajectory_id, meeting.pk]) in html


def test_new_people_count_per_member(item, people):
    round_ = services.groups_make(item=item)
    view = selectors.round_view(round_)
    counts = Counter(m.new_count for g in view.groups for m in g.members)
    assert counts == {3: 12}
