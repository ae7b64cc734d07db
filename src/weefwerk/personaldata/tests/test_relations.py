"""Every model that points at a person or an account is covered by the download and the
erasure: adding one without deciding what happens to it makes these tests fail."""

import pytest
from django.contrib.auth import get_user_model

from weefwerk.people.models import Person
from weefwerk.personaldata import relations


def test_every_relation_to_a_person_is_covered():
    found = relations.relations_to(Person)
    missing = [key for key in found if key not in relations.PERSON_RELATIONS]
    assert not missing, f"add to PERSON_RELATIONS in personaldata/relations.py: {missing}"
    assert len(relations.person_relations()) >= len(found)


def test_every_relation_to_an_account_is_covered():
    found = relations.relations_to(get_user_model())
    missing = [key for key in found if key not in relations.USER_RELATIONS]
    assert not missing, f"add to USER_RELATIONS in personaldata/relations.py: {missing}"


def test_the_lists_name_real_fields():
    for relation in [*relations.PERSON_RELATIONS.values(), *relations.USER_RELATIONS.values()]:
        try:
            model = relation.model
        except LookupError:  # an app that is not installed here
            continue
        model._meta.get_field(relation.lookup.split("__")[0])


def test_an_unknown_relation_fails_loudly(monkeypatch):
    monkeypatch.setattr(
        relations,
        "relations_to",
        lambda target: ["somewhere.NewModel.person", "grouping.Attendance.person"],
    )
    with pytest.raises(relations.UnknownRelationError, match="somewhere.NewModel.person"):
        relations.person_relations()


def test_trajectory_paths():
    from weefwerk.grouping.models import GroupMember
    from weefwerk.personaldata.models import AuditEntry
    from weefwerk.trajectories.models import Trajectory
    from weefwerk.workshop.models import Vote

    assert relations.trajectory_path(Trajectory) == "pk"
    assert relations.trajectory_path(Person) == "trajectory"
    assert relations.trajectory_path(Vote).endswith("meeting__trajectory")
    assert relations.trajectory_path(GroupMember).endswith("trajectory")
    # The audit log's trajectory is optional: it belongs to no trajectory for the scrubber.
    assert relations.trajectory_path(AuditEntry) is None
