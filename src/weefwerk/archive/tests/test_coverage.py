"""The generic walk covers every model with a path to a trajectory, and every field is decided."""

from django.apps import apps
from django.conf import settings
from django.db import models

from weefwerk.archive import graph


def _has_path_to_trajectory(model, seen=None) -> bool:
    """Independent of the archive code: any relation (FK, one-to-one, M2M), also optional."""
    trajectory = apps.get_model("trajectories", "Trajectory")
    if model is trajectory:
        return True
    seen = seen or set()
    seen.add(model)
    for f in model._meta.get_fields():
        if not f.is_relation or f.auto_created or f.related_model is None:
            continue
        target = f.related_model
        if target is apps.get_model(settings.AUTH_USER_MODEL):
            continue
        if target not in seen and _has_path_to_trajectory(target, seen):
            return True
    return False


def test_every_model_with_a_path_to_trajectory_is_covered_or_excluded_with_a_reason():
    covered = set(graph.covered_models())
    missing = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        name = graph.label(model)
        if _has_path_to_trajectory(model) and name not in covered and not graph.EXCLUDED.get(name):
            missing.append(name)
    assert missing == []
    assert set(graph.EXCLUDED) <= {graph.label(m) for m in apps.get_models()}


def test_covered_models_use_no_multi_table_inheritance_or_generic_relations():
    for info in graph.covered_models().values():
        assert not info.model._meta.parents, info.label
        assert not [
            f
            for f in info.model._meta.private_fields
            if f.__class__.__name__ == "GenericForeignKey"
        ], info.label


def test_every_json_column_is_decided():
    """A new JSON column must be declared as holding ids (JSON_REFERENCES) or not (PLAIN_JSON)."""
    undecided = set(graph.all_json_fields()) - set(graph.PLAIN_JSON) - set(graph.JSON_REFERENCES)
    assert undecided == set()


def test_integer_columns_that_look_like_ids_are_declared():
    suspicious = []
    for info in graph.covered_models().values():
        for f in info.fields:
            if (
                f.kind == graph.VALUE
                and isinstance(f.field, models.IntegerField)
                and f.name.endswith("_id")
                and not f.target
            ):
                suspicious.append(graph.field_key(info.model, f.name))
    assert suspicious == []


def test_secrets_are_the_expected_tokens():
    secrets = set(graph.secret_fields())
    assert {
        "trajectories.trajectory.calendar_token",
        "trajectories.meeting.feedback_token",
        "trajectories.meeting.join_code",
        "workshop.participant.key",
    } <= secrets
    for name in secrets:
        model_label, field_name = name.rsplit(".", 1)
        field = apps.get_model(model_label)._meta.get_field(field_name)
        assert isinstance(field, models.CharField | models.TextField | models.UUIDField)


def test_parents_are_inserted_before_children():
    order = list(graph.covered_models())
    for position, name in enumerate(order):
        for f in graph.covered_models()[name].by_kind(graph.REF):
            if not f.field.null and f.target != name:
                assert order.index(f.target) < position, (name, f.name)
