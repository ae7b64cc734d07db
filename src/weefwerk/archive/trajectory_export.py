"""A whole trajectory as one zip file: ``trajectory.json`` plus the uploaded files.

``trajectory.json`` holds the format name and version, the export date, the Weefwerk version,
the users the trajectory mentions (by e-mail address and name) and every row of every model
that belongs to the trajectory (see :mod:`weefwerk.archive.graph`), by model label, sorted by
id. Files are stored in the zip under ``files/`` followed by their name in storage. Two exports
of the same trajectory differ only in ``exported_at``.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import io
import json
import uuid
import zipfile

from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone

import weefwerk
from weefwerk.archive import graph

FORMAT_NAME = "weefwerk-traject"
FORMAT_VERSION = 1
DOCUMENT_NAME = "trajectory.json"
FILES_PREFIX = "files/"
# A fixed time for the zip entries, so two exports of the same data give the same files.
ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def encode(field: models.Field, value):
    """A field's value as JSON."""
    if value is None:
        return None
    if isinstance(field, models.JSONField):
        return value
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        from django.utils.duration import duration_iso_string

        return duration_iso_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _global_key(model, pk):
    """A row outside the trajectory: its natural key when the model has one."""
    if pk is None:
        return None
    obj = model._base_manager.filter(pk=pk).first()
    if obj is not None and hasattr(obj, "natural_key"):
        return {"natural_key": list(obj.natural_key())}
    return {"pk": pk}


def build_document(trajectory) -> tuple[dict, dict[str, str]]:
    """The export as a dict, and the files to add: zip name -> name in storage."""
    infos = graph.covered_models()
    selected: dict[str, set] = {}
    rows_by_label: dict[str, list[dict]] = {}
    user_ids: set[int] = set()
    for name, info in infos.items():
        attnames = [f.attname for f in info.fields]
        queryset = info.model._base_manager.filter(
            graph.owner_filter(info.model, trajectory.pk)
        ).order_by("pk")
        rows = list(queryset.values(*attnames))
        selected[name] = {row[info.model._meta.pk.attname] for row in rows}
        rows_by_label[name] = rows
    document_models: dict[str, list[dict]] = {}
    files: dict[str, str] = {}
    user_model = graph.user_model()
    for name, info in infos.items():
        model_rows = []
        m2m_values = _m2m_values(info, selected[name])
        for row in rows_by_label[name]:
            pk = row[info.model._meta.pk.attname]
            out = {}
            for f in info.fields:
                value = row[f.attname]
                if f.kind == graph.PK:
                    out[f.name] = value
                elif f.kind == graph.REF:
                    if value is not None and value not in selected[f.target]:
                        if not f.field.null:
                            raise RuntimeError(f"{name} {pk}: {f.name} points outside")
                        value = None  # a reference into another trajectory: not ours to copy
                    out[f.name] = value
                elif f.kind == graph.USER:
                    if value is not None:
                        user_ids.add(value)
                    out[f.name] = value
                elif f.kind == graph.GLOBAL:
                    out[f.name] = _global_key(f.field.related_model, value)
                elif f.kind == graph.FILE:
                    if value and default_storage.exists(value):
                        files[FILES_PREFIX + value] = value
                        out[f.name] = FILES_PREFIX + value
                    else:
                        out[f.name] = ""
                else:
                    out[f.name] = encode(f.field, value)
            for m2m in info.m2m:
                targets = sorted(m2m_values[m2m.name].get(pk, []))
                if m2m.kind == graph.REF:
                    targets = [t for t in targets if t in selected[m2m.target]]
                elif m2m.kind == graph.USER:
                    user_ids.update(targets)
                else:
                    targets = [_global_key(m2m.field.related_model, t) for t in targets]
                out[m2m.name] = targets
            model_rows.append(out)
        document_models[name] = model_rows

    emails = dict(user_model._base_manager.filter(pk__in=user_ids).values_list("pk", "email"))
    names = dict(user_model._base_manager.filter(pk__in=user_ids).values_list("pk", "full_name"))
    for name, info in infos.items():
        user_fields = [f.name for f in info.by_kind(graph.USER)]
        user_m2m = [m.name for m in info.m2m if m.kind == graph.USER]
        for row in document_models[name]:
            for field_name in user_fields:
                if row[field_name] is not None:
                    row[field_name] = emails[row[field_name]].lower()
            for field_name in user_m2m:
                row[field_name] = sorted(emails[pk].lower() for pk in row[field_name])
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": timezone.now().astimezone(dt.UTC).isoformat(),
        "weefwerk_version": weefwerk.__version__,
        "trajectory": trajectory.pk,
        "users": {emails[pk].lower(): names[pk] for pk in user_ids},
        "models": document_models,
    }
    return document, files


def _m2m_values(info, pks: set) -> dict[str, dict]:
    values = {}
    for m2m in info.m2m:
        through = m2m.field.remote_field.through
        source = m2m.field.m2m_field_name()
        target = m2m.field.m2m_reverse_field_name()
        by_pk: dict = {}
        rows = through._base_manager.filter(
            **{f"{source}__in": info.model._base_manager.filter(pk__in=pks).values("pk")}
        ).values_list(f"{source}_id", f"{target}_id")
        for source_id, target_id in rows:
            by_pk.setdefault(source_id, []).append(target_id)
        values[m2m.name] = by_pk
    return values


def dumps(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def export_trajectory(trajectory, stream=None) -> bytes | None:
    """Write the zip to ``stream`` (a binary file), or return it as bytes."""
    document, files = build_document(trajectory)
    target = stream if stream is not None else io.BytesIO()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo(DOCUMENT_NAME, date_time=ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, dumps(document))
        for zip_name in sorted(files):
            info = zipfile.ZipInfo(zip_name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED  # photos are compressed already
            with default_storage.open(files[zip_name], "rb") as source:
                archive.writestr(info, source.read())
    if stream is None:
        return target.getvalue()
    return None


def export_filename(trajectory) -> str:
    from django.utils.text import slugify

    stamp = timezone.localdate().isoformat()
    return f"weefwerk-{slugify(trajectory.name)[:60] or 'traject'}-{stamp}.zip"
