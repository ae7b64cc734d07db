"""Which models belong to a trajectory, and what each of their fields is, from Django's ``_meta``.

Nothing here names an app's model except ``Trajectory`` itself: a model belongs to a trajectory
when a chain of foreign keys (or one-to-ones) leads from it to ``Trajectory``. So a model added
later is exported without a change here. Each field is classified once:

* ``pk``: the primary key; the import gives the row a new one.
* ``ref``: a foreign key to another model of the trajectory; remapped to the new row's key.
* ``user``: a foreign key to the user model; exported as the e-mail address.
* ``global``: a foreign key to a model outside the trajectory (a content type, ...); exported by
  natural key when the model has one, otherwise by primary key.
* ``file``: a file or image; the file goes into the zip.
* ``secret``: a token or code that opens a link without logging in; made anew on import, so an
  imported copy never opens with the original's links. A secret is a text (or UUID) field that
  is not editable and has a callable default (``new_token``, ``new_join_code``, ``new_key``);
  :data:`KEEP_AS_IS` lists fields that look like one but must stay.
* ``value``: everything else, copied as it is.

Stored ids that are not foreign keys are declared in :data:`INT_REFERENCES` (a plain integer
column that holds another row's id) and :data:`JSON_REFERENCES` (a JSON column with ids in it,
remapped by a function). Every JSON column must be declared there or in :data:`PLAIN_JSON` (read
and found to hold no ids of ours); a test fails when a new one is neither, so the question is
asked each time a JSON column is added.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q

PK, REF, USER, GLOBAL, FILE, SECRET, VALUE = (
    "pk",
    "ref",
    "user",
    "global",
    "file",
    "secret",
    "value",
)

# Models with a path to a trajectory that are deliberately left out, with the reason.
EXCLUDED = {
    "people.importbatch": "a file between preview and confirmation: kept one day, its rows hold "
    "the ids of the moment; upload the file again instead",
    "networkmap.importbatch": "a network file between preview and confirmation; upload it again",
    "personaldata.auditentry": "the audit log records what happened on this instance, with the "
    "ids of this instance; a copy starts a log of its own (the instance backup keeps the log)",
}

# Fields that look like a secret (not editable, callable default) but must be copied as they are.
KEEP_AS_IS: set[str] = set()

# "app.model.field" -> "app.model" whose id the integer column holds.
INT_REFERENCES = {
    "actions.changewish.note_id": "workshop.note",
}


def _remap_snapshot(data, remap: Callable[[str, object], object]):
    """A network snapshot (``networkmap.selectors.network_state``) with its ids remapped.

    Elements deleted before the export have no new id: ``remap`` gives those a negative number,
    the same one in every snapshot, so comparing two old snapshots still matches them.
    """
    if not isinstance(data, dict):
        return data
    out = dict(data)
    if out.get("map") is not None:
        out["map"] = remap("networkmap.networkmap", out["map"])
    elements = []
    for element in out.get("elements") or []:
        element = dict(element)
        element["id"] = remap("networkmap.element", element.get("id"))
        for key, label in (("organisation", "people.organisation"), ("person", "people.person")):
            if element.get(key) is not None:
                element[key] = remap(label, element[key])
        elements.append(element)
    if "elements" in out:
        out["elements"] = elements
    connections = []
    for connection in out.get("connections") or []:
        connection = dict(connection)
        connection["id"] = remap("networkmap.connection", connection.get("id"))
        for key in ("source", "target"):
            connection[key] = remap("networkmap.element", connection.get(key))
        connections.append(connection)
    if "connections" in out:
        out["connections"] = connections
    if isinstance(out.get("positions"), dict):
        out["positions"] = {
            str(remap("networkmap.element", int(key))): value
            for key, value in out["positions"].items()
        }
    return out


# "app.model.field" -> function(value, remap) for JSON columns that hold ids of ours.
JSON_REFERENCES: dict[str, Callable] = {
    "networkmap.snapshot.data": _remap_snapshot,
}

# JSON columns read and found to hold no ids of ours (only text, numbers, or ids of other files).
PLAIN_JSON = {
    "planning.agendaitem.assignment",  # the assignment template: titles, questions, categories
    "grouping.groupround.score",  # counts and bounds
    "networkmap.element.tags",
    "networkmap.element.custom_fields",
    "networkmap.element.extra",  # what an imported file had; its ids are the file's own
    "networkmap.connection.tags",
    "networkmap.connection.custom_fields",
    "networkmap.connection.extra",
    "networkmap.networkmap.settings",  # the imported file's map settings
    "workshop.assignment.questions",
    "workshop.assignment.categories",
}


def label(model) -> str:
    return model._meta.label_lower


def field_key(model, field_name: str) -> str:
    return f"{label(model)}.{field_name}"


def user_model():
    return apps.get_model(settings.AUTH_USER_MODEL)


def trajectory_model():
    return apps.get_model("trajectories", "Trajectory")


def _candidate_models():
    return [
        m
        for m in apps.get_models()
        if not m._meta.proxy and m._meta.managed and not m._meta.auto_created
    ]


def _fk_fields(model):
    return [
        f
        for f in model._meta.concrete_fields
        if f.is_relation and (f.many_to_one or f.one_to_one) and f.related_model is not None
    ]


@cache
def owner_lookups() -> dict[type, tuple[str, ...]]:
    """For each model that belongs to a trajectory: lookups that end at the trajectory's id.

    A row belongs to a trajectory when any of its lookups equals that trajectory's id. A model
    with a required (not null) foreign key into the trajectory uses the shortest such chain;
    a model with only optional ones uses all of them (a confirmation of a case or of a
    discussion).
    """
    trajectory = trajectory_model()
    found: dict[type, tuple[str, ...]] = {trajectory: ("pk",)}
    candidates = [m for m in _candidate_models() if m is not trajectory]

    def through(f, target) -> list[str]:
        if target is trajectory:
            return [f.name]
        return [f"{f.name}__{lookup}" for lookup in found[target]]

    for required_only in (True, False):
        while True:
            level: dict[type, tuple[str, ...]] = {}
            for model in candidates:
                if model in found:
                    continue
                chains = []
                for f in _fk_fields(model):
                    target = f.related_model
                    if target is model or target not in found:
                        continue
                    if required_only and f.null:
                        continue
                    chains.append((f.null, through(f, target)))
                if not chains:
                    continue
                if required_only:
                    best = min(chains, key=lambda c: (max(x.count("__") for x in c[1]), 0))
                    level[model] = tuple(best[1])
                else:
                    level[model] = tuple(x for _, lookups in chains for x in lookups)
            if not level:
                break
            found.update(level)
    return found


def owner_filter(model, trajectory_id: int) -> Q:
    query = Q()
    for lookup in owner_lookups()[model]:
        query |= Q(**{lookup: trajectory_id})
    return query


@dataclass
class FieldInfo:
    name: str
    attname: str
    kind: str
    field: models.Field
    target: str | None = None  # label of the model a ref, global or int reference points to
    json_remap: Callable | None = None


@dataclass
class M2MInfo:
    name: str
    kind: str  # ref, user or global
    field: models.ManyToManyField
    target: str


@dataclass
class ModelInfo:
    model: type
    label: str
    fields: list[FieldInfo] = field(default_factory=list)
    m2m: list[M2MInfo] = field(default_factory=list)

    def by_kind(self, *kinds) -> list[FieldInfo]:
        return [f for f in self.fields if f.kind in kinds]


def _is_secret(model, f) -> bool:
    if field_key(model, f.name) in KEEP_AS_IS:
        return False
    if f.editable or not f.has_default() or not callable(f.default):
        return False
    return isinstance(f, models.CharField | models.TextField | models.UUIDField)


@cache
def covered_models() -> dict[str, ModelInfo]:
    """Every exported model with its classified fields, parents before children."""
    owned = {m for m in owner_lookups() if label(m) not in EXCLUDED}
    user = user_model()
    infos: dict[str, ModelInfo] = {}
    for model in owned:
        info = ModelInfo(model=model, label=label(model))
        for f in model._meta.concrete_fields:
            key = field_key(model, f.name)
            if f.primary_key and not f.is_relation:
                info.fields.append(FieldInfo(f.name, f.attname, PK, f))
            elif f.is_relation:
                target = f.related_model
                if target is user:
                    kind = USER
                elif target in owned:
                    kind = REF
                else:
                    kind = GLOBAL
                info.fields.append(FieldInfo(f.name, f.attname, kind, f, label(target)))
            elif isinstance(f, models.FileField):
                info.fields.append(FieldInfo(f.name, f.attname, FILE, f))
            elif _is_secret(model, f):
                info.fields.append(FieldInfo(f.name, f.attname, SECRET, f))
            else:
                info.fields.append(
                    FieldInfo(
                        f.name,
                        f.attname,
                        VALUE,
                        f,
                        target=INT_REFERENCES.get(key),
                        json_remap=JSON_REFERENCES.get(key),
                    )
                )
        for f in model._meta.many_to_many:
            if not f.remote_field.through._meta.auto_created:
                continue  # an explicit through model is a model of its own
            target = f.related_model
            kind = USER if target is user else REF if target in owned else GLOBAL
            info.m2m.append(M2MInfo(f.name, kind, f, label(target)))
        infos[info.label] = info
    return {name: infos[name] for name in _insert_order(infos)}


def _insert_order(infos: dict[str, ModelInfo]) -> list[str]:
    """Labels so that every required reference points to a model earlier in the list, and
    optional ones too where a cycle does not forbid it (check constraints may need them)."""
    order: list[str] = []
    done: set[str] = set()
    pending = sorted(infos)

    def needs(name: str, required_only: bool) -> set[str]:
        return {
            f.target
            for f in infos[name].by_kind(REF)
            if f.target != name and not (required_only and f.field.null)
        }

    while pending:
        ready = [name for name in pending if needs(name, False) <= done]
        if not ready:
            ready = [name for name in pending if needs(name, True) <= done][:1]
        if not ready:
            raise RuntimeError(f"Required foreign keys form a cycle between {pending}")
        for name in ready:
            order.append(name)
            done.add(name)
            pending.remove(name)
    return order


def all_json_fields() -> list[str]:
    return [
        field_key(info.model, f.name)
        for info in covered_models().values()
        for f in info.fields
        if isinstance(f.field, models.JSONField)
    ]


def secret_fields() -> list[str]:
    return [
        field_key(info.model, f.name)
        for info in covered_models().values()
        for f in info.by_kind(SECRET)
    ]


def audit(**kwargs) -> None:
    """A line in the audit log of personal data, when that app is installed."""
    if not apps.is_installed("weefwerk.personaldata"):
        return
    from weefwerk.personaldata import audit as audit_log

    kwargs["action"] = getattr(audit_log, kwargs["action"])
    audit_log.record(**kwargs)
