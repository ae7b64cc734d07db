"""Every row of every model of a trajectory as plain data, ready to compare: a generic comparer
from ``_meta`` (no list of models or fields), with ids translated through a mapping."""

from __future__ import annotations

from django.core.files.storage import default_storage

from weefwerk.archive import graph


class Identity(dict):
    """A mapping that maps every id to itself (for the copy)."""

    def __missing__(self, key):
        return _Same()


class _Same(dict):
    def __missing__(self, key):
        return key

    def get(self, key, default=None):
        return key


def _file(name):
    if not name:
        return None
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def rows(trajectory_id: int, mapping=None) -> dict[str, dict]:
    """label -> {id (mapped): {field: value (mapped)}}; secrets left out."""
    mapping = mapping if mapping is not None else Identity()
    users = dict(graph.user_model()._base_manager.values_list("pk", "email"))

    def remap(target, old):
        if not isinstance(old, int) or isinstance(old, bool):
            return old
        return mapping[target].get(old, -abs(old))

    out: dict[str, dict] = {}
    for name, info in graph.covered_models().items():
        model = info.model
        queryset = model._base_manager.filter(graph.owner_filter(model, trajectory_id))
        table = {}
        for obj in queryset.order_by("pk"):
            row = {}
            for f in info.fields:
                value = getattr(obj, f.attname)
                if f.kind == graph.PK:
                    continue
                if f.kind == graph.SECRET:
                    continue
                if f.kind == graph.REF:
                    row[f.name] = None if value is None else mapping[f.target][value]
                elif f.kind == graph.USER:
                    row[f.name] = None if value is None else users[value].lower()
                elif f.kind == graph.FILE:
                    row[f.name] = _file(value.name if value else "")
                elif f.target:
                    row[f.name] = None if value is None else mapping[f.target].get(value)
                elif f.json_remap is not None:
                    row[f.name] = f.json_remap(value, remap)
                else:
                    row[f.name] = value
            for m2m in info.m2m:
                related = getattr(obj, m2m.name).values_list("pk", flat=True)
                if m2m.kind == graph.REF:
                    row[m2m.name] = sorted(mapping[m2m.target][pk] for pk in related)
                elif m2m.kind == graph.USER:
                    row[m2m.name] = sorted(users[pk].lower() for pk in related)
                else:
                    row[m2m.name] = sorted(related)
            table[mapping[name][obj.pk]] = row
        out[name] = table
    return out


def secrets(trajectory_id: int) -> dict[str, set]:
    """Every secret value of a trajectory, by field."""
    out = {}
    for name, info in graph.covered_models().items():
        for f in info.by_kind(graph.SECRET):
            out[f"{name}.{f.name}"] = set(
                info.model._base_manager.filter(
                    graph.owner_filter(info.model, trajectory_id)
                ).values_list(f.attname, flat=True)
            )
    return out
