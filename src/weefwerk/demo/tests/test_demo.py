"""The demo trajectory: a trajectory in progress, with data in every part of Weefwerk."""

from datetime import date, datetime, time

import pytest
from django.core.management import call_command
from django.utils import timezone

from weefwerk.actions.models import ActionUpdate, Agreement, ChangeWish, Commitment, WishVote
from weefwerk.cases.models import Case, CaseDiscussion, NeededParty
from weefwerk.demo import data
from weefwerk.demo.build import DEMO_EMAIL, build_demo
from weefwerk.grouping.models import Attendance, Encounter, GroupMember, GroupRound
from weefwerk.networkmap.analysis import trajectory_analysis
from weefwerk.networkmap.models import Connection, Element, Position, Snapshot, Status
from weefwerk.planning.models import FeedbackResponse, Homework, HomeworkAnswer
from weefwerk.trajectories.models import Meeting, Trajectory
from weefwerk.workshop.models import Cluster, Note, Vote

TODAY = date(2026, 12, 3)  # a Thursday


def counts(trajectory) -> dict[str, int]:
    meetings = trajectory.meetings.all()
    return {
        "meetings": meetings.count(),
        "held": meetings.filter(status=Meeting.Status.HELD).count(),
        "attendance": Attendance.objects.filter(meeting__in=meetings).count(),
        "present": Attendance.objects.filter(
            meeting__in=meetings, status=Attendance.Status.PRESENT
        ).count(),
        "encounters": Encounter.objects.filter(trajectory=trajectory).count(),
        "rounds": GroupRound.objects.filter(agenda_item__meeting__in=meetings).count(),
        "group members": GroupMember.objects.filter(
            group__round__agenda_item__meeting__in=meetings
        ).count(),
        "elements": Element.objects.filter(trajectory=trajectory).count(),
        "connections": Connection.objects.filter(trajectory=trajectory).count(),
        "positions": Position.objects.filter(map__trajectory=trajectory).count(),
        "snapshots": Snapshot.objects.filter(trajectory=trajectory).count(),
        "notes": Note.objects.filter(assignment__meeting__in=meetings).count(),
        "clusters": Cluster.objects.filter(assignment__meeting__in=meetings).count(),
        "votes": Vote.objects.filter(assignment__meeting__in=meetings).count(),
        "cases": Case.objects.filter(trajectory=trajectory).count(),
        "needed parties": NeededParty.objects.filter(
            discussion__case__trajectory=trajectory
        ).count(),
        "homework answers": HomeworkAnswer.objects.filter(homework__meeting__in=meetings).count(),
        "feedback": FeedbackResponse.objects.filter(meeting__in=meetings).count(),
        "wishes": ChangeWish.objects.filter(trajectory=trajectory).count(),
        "wish votes": WishVote.objects.filter(wish__trajectory=trajectory).count(),
        "agreements": Agreement.objects.filter(trajectory=trajectory).count(),
        "commitments": Commitment.objects.filter(agreement__trajectory=trajectory).count(),
        "updates": ActionUpdate.objects.filter(agreement__trajectory=trajectory).count(),
    }


def check_steps_0_to_3_were_held_and_the_rest_lies_ahead(demo):
    now = timezone.make_aware(datetime.combine(TODAY, time(12)))
    steps = {m.number: m for m in demo.meetings.filter(number__lte=5)}
    for number in data.HELD_STEPS:
        assert steps[number].status == Meeting.Status.HELD
        assert steps[number].starts_at < now
        assert not steps[number].joining_open  # marking held closed it
    for number in (4, 5):
        assert steps[number].status == Meeting.Status.PLANNED
        assert steps[number].starts_at > now
    gap = steps[5].starts_at - steps[4].starts_at
    assert 14 <= gap.days <= 28
    followups = demo.meetings.filter(template_key__startswith="followup")
    assert followups.count() == 8
    assert all(m.starts_at > steps[5].starts_at for m in followups)
    assert demo.status == Trajectory.Status.RUNNING


def check_held_sessions_have_attendance_groups_and_encounters(demo):
    step2 = demo.meetings.get(number=2)
    statuses = set(Attendance.objects.filter(meeting=step2).values_list("status", flat=True))
    assert statuses == {"present", "absent", "sent_colleague"}
    sent = Attendance.objects.get(meeting=step2, status="sent_colleague")
    assert Attendance.objects.get(meeting=step2, person=sent.replaced_by).status == "present"
    for number in (1, 2, 3):
        meeting = demo.meetings.get(number=number)
        present = Attendance.objects.filter(meeting=meeting, status="present").count()
        assert present > 2 * Attendance.objects.filter(meeting=meeting, status="absent").count()
        rounds = GroupRound.objects.filter(agenda_item__meeting=meeting)
        assert rounds.exists()
        assert all(r.status == GroupRound.Status.HELD for r in rounds)
    by_group = Encounter.objects.filter(trajectory=demo, source=Encounter.Source.GROUP)
    assert by_group.count() > 100
    assert Encounter.objects.filter(trajectory=demo, source=Encounter.Source.MANUAL).exists()


def check_the_map_has_tables_programme_nominations_positions_and_snapshots(demo):
    elements = Element.objects.filter(trajectory=demo)
    assert 25 <= elements.count() <= 40
    kinds = set(elements.values_list("kind", flat=True))
    assert kinds == {"organisation", "person", "table", "programme", "informal"}
    assert elements.filter(kind="table").count() == 3
    assert elements.filter(status=Status.PROPOSED).exists()  # a participant's answer to review
    assert elements.filter(status=Status.WANTED).exists()  # a party the case needs
    connections = Connection.objects.filter(trajectory=demo)
    assert connections.filter(kind="takes_part_in", role="chair").count() >= 3
    calls = connections.filter(kind="calls_when_stuck")
    assert calls.filter(status=Status.ACTIVE).count() >= 10
    assert calls.filter(status=Status.PROPOSED).count() == data.UNREVIEWED_CALLS
    assert Position.objects.filter(map__trajectory=demo).count() == elements.count()
    snapshots = Snapshot.objects.filter(trajectory=demo)
    assert snapshots.count() == len(data.HELD_STEPS)
    sizes = [len(s.data["elements"]) for s in snapshots.order_by("created_at")]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]  # the map grew session by session
    ranking = trajectory_analysis(demo)["webbers"]["ranking"]
    assert {ranking[0]["label"], ranking[1]["label"]} == {"Fatima Bouzid", "Lotte Janssens"}
    assert ranking[0]["nominations"] >= 5


def check_notes_clusters_dots_case_homework_and_feedback(demo):
    step3 = demo.meetings.get(number=3)
    notes = Note.objects.filter(assignment__meeting=step3)
    assert notes.exclude(category="").count() >= 10
    assert notes.values("person").distinct().count() >= 8
    assert notes.exclude(group_number=None).exists()
    assert Cluster.objects.filter(assignment__meeting=step3).count() == len(data.CLUSTERS_STEP_3)
    assert Vote.objects.filter(assignment__meeting=step3).count() == 3 * len(data.VOTES_STEP_3)
    case = Case.objects.get(trajectory=demo)
    assert case.is_example
    discussion = CaseDiscussion.objects.get(case=case)
    assert discussion.meeting == step3 and discussion.needed
    assert discussion.needed_parties.count() == len(data.NEEDED_LINKS) + len(data.NEEDED_WANTED)
    assert Homework.objects.filter(meeting__trajectory=demo).count() == 2
    assert HomeworkAnswer.objects.filter(homework__meeting__trajectory=demo).count() >= 6
    for number in (1, 2, 3):
        assert FeedbackResponse.objects.filter(meeting__trajectory=demo, meeting__number=number)


def check_wishes_agreements_commitments_and_progress(demo):
    wishes = ChangeWish.objects.filter(trajectory=demo)
    assert all(w.text.startswith("Als we nu eens") for w in wishes)
    assert wishes.filter(status=ChangeWish.Status.MERGED).count() == 1
    assert WishVote.objects.filter(wish__trajectory=demo).count() == 3 * len(data.WISH_VOTES)
    agreements = Agreement.objects.filter(trajectory=demo)
    assert agreements.count() == 3
    for agreement in agreements:
        assert agreement.owners.exists()
        assert agreement.organisations.exists()
        assert agreement.commitments.count() >= 3
        assert agreement.due_date and agreement.from_wish
    update = ActionUpdate.objects.get(agreement__trajectory=demo)
    assert update.agreement.status == "under_way"
    assert update.meeting.template_key.startswith("followup")


@pytest.mark.django_db
def test_the_demo_has_data_in_every_part():
    """One build (a build takes seconds), checked part by part."""
    demo = build_demo(today=TODAY)
    check_steps_0_to_3_were_held_and_the_rest_lies_ahead(demo)
    check_held_sessions_have_attendance_groups_and_encounters(demo)
    check_the_map_has_tables_programme_nominations_positions_and_snapshots(demo)
    check_notes_clusters_dots_case_homework_and_feedback(demo)
    check_wishes_agreements_commitments_and_progress(demo)


@pytest.mark.django_db
def test_the_demo_command_twice_replaces_the_demo_with_the_same_data(capsys):
    """`weefwerk demo` run again deletes the old demo and builds the same one anew."""
    call_command("demo")
    first = Trajectory.objects.get(name=data.TRAJECTORY["name"])
    first_counts = counts(first)
    call_command("demo")
    again = Trajectory.objects.get(name=data.TRAJECTORY["name"])
    assert again.pk != first.pk
    assert counts(again) == first_counts
    assert all(first_counts.values()), first_counts
    assert DEMO_EMAIL in capsys.readouterr().out
