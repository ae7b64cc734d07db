"""Instance-wide backup and restore: every row of every app (users included) plus media files.

A backup is a zip with ``backup.json`` (format, version, date, Weefwerk version, database and
the number of rows per model), ``data.json`` (Django's JSON serialisation, with natural keys
for content types and permissions so it loads into any freshly migrated database, SQLite or
PostgreSQL) and ``media/`` (every file a file field refers to). Content types and permissions
are not in the file: ``migrate`` makes them. Sessions are left out: people log in again.

Restore loads into an empty database (``weefwerk migrate`` first) in one transaction; with
``flush`` it empties the database first. Afterwards the id sequences (PostgreSQL) are set past
the highest id of every table, so new rows get new ids.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import weefwerk
from weefwerk.archive.trajectory_import import ArchiveError, max_bytes

FORMAT_NAME = "weefwerk-backup"
FORMAT_VERSION = 1
META_NAME = "backup.json"
DATA_NAME = "data.json"
MEDIA_PREFIX = "media/"
# Made by migrate (not in the file), or not worth keeping.
SKIPPED = {"contenttypes.contenttype", "auth.permission", "sessions.session"}


class ExactEncoder(DjangoJSONEncoder):
    """Like Django's encoder, but keeps microseconds (Django's cuts them to milliseconds)."""

    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


def backed_up_models() -> list[type]:
    return [
        m
        for m in apps.get_models()
        if m._meta.managed and not m._meta.proxy and m._meta.label_lower not in SKIPPED
    ]


def _ordered_models() -> list[type]:
    wanted = set(backed_up_models())
    app_list = [
        (config, [m for m in config.get_models() if m in wanted])
        for config in apps.get_app_configs()
    ]
    return serializers.sort_dependencies([(a, ms) for a, ms in app_list if ms], allow_cycles=True)


def _objects(model_list):
    for model in model_list:
        yield from model._base_manager.order_by(model._meta.pk.name).iterator(chunk_size=2000)


def _file_names() -> list[str]:
    names = set()
    for model in backed_up_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                for name in model._base_manager.exclude(**{f.attname: ""}).values_list(
                    f.attname, flat=True
                ):
                    if name:
                        names.add(name)
    return sorted(names)


@dataclass
class BackupResult:
    rows: int = 0
    files: int = 0
    missing_files: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def backup(path_or_stream) -> BackupResult:
    """Write the backup zip. Reads in one transaction, so the rows agree with each other."""
    result = BackupResult()
    with (
        transaction.atomic(),
        zipfile.ZipFile(
            path_or_stream, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True
        ) as archive,
    ):
        model_list = _ordered_models()
        result.counts = {m._meta.label_lower: m._base_manager.count() for m in model_list}
        result.rows = sum(result.counts.values())
        with archive.open(DATA_NAME, "w", force_zip64=True) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8")
            serializers.serialize(
                "json",
                _objects(model_list),
                stream=text,
                cls=ExactEncoder,
                use_natural_foreign_keys=True,
                use_natural_primary_keys=False,
            )
            text.flush()
            text.detach()
        for name in _file_names():
            if not default_storage.exists(name):
                result.missing_files.append(name)
                continue
            with (
                default_storage.open(name, "rb") as source,
                archive.open(MEDIA_PREFIX + name, "w", force_zip64=True) as target,
            ):
                while chunk := source.read(1024 * 1024):
                    target.write(chunk)
            result.files += 1
        meta = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "created_at": timezone.now().astimezone(dt.UTC).isoformat(),
            "weefwerk_version": weefwerk.__version__,
            "database": connection.vendor,
            "counts": result.counts,
            "files": result.files,
        }
        archive.writestr(META_NAME, json.dumps(meta, indent=1, sort_keys=True))
    return result


def non_empty_models() -> list[str]:
    """Models that have rows (besides what migrate makes)."""
    return [m._meta.label_lower for m in backed_up_models() if m._base_manager.exists()]


def _read(path_or_stream) -> tuple[zipfile.ZipFile, dict]:
    try:
        archive = zipfile.ZipFile(path_or_stream)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise ArchiveError(
            _("Dit bestand is geen geldig zip-bestand, of het is beschadigd.")
        ) from error
    names = {i.filename for i in members}
    if META_NAME not in names or DATA_NAME not in names:
        raise ArchiveError(_("Dit is geen back-up van Weefwerk."))
    if sum(i.file_size for i in members) > max_bytes() * 50:
        raise ArchiveError(_("Dit bestand is uitgepakt te groot om terug te zetten."))
    try:
        meta = json.loads(archive.read(META_NAME))
    except (ValueError, zipfile.BadZipFile, OSError) as error:
        raise ArchiveError(_("De back-up is beschadigd.")) from error
    if not isinstance(meta, dict) or meta.get("format") != FORMAT_NAME:
        raise ArchiveError(_("Dit is geen back-up van Weefwerk."))
    version = meta.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ArchiveError(
            _(
                "Deze back-up komt uit een nieuwere versie van Weefwerk (formaat %(file)s). "
                "Deze Weefwerk kan formaat %(ours)s lezen. Werk Weefwerk eerst bij."
            )
            % {"file": version, "ours": FORMAT_VERSION}
        )
    return archive, meta


def _flush() -> None:
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label_lower in SKIPPED or not model._meta.managed or model._meta.proxy:
            continue
        tables.add(model._meta.db_table)
    tables &= set(connection.introspection.table_names())
    statements = connection.ops.sql_flush(
        no_style(), sorted(tables), reset_sequences=True, allow_cascade=False
    )
    connection.ops.execute_sql_flush(statements)


def reset_sequences() -> None:
    """PostgreSQL: every table's id sequence past its highest id (SQLite needs nothing)."""
    model_list = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    ]
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


@dataclass
class RestoreResult:
    rows: int = 0
    files: int = 0
    meta: dict = field(default_factory=dict)


def restore(path_or_stream, *, flush: bool = False) -> RestoreResult:
    archive, meta = _read(path_or_stream)
    result = RestoreResult(meta=meta)
    written: list[str] = []
    with archive:
        if not flush:
            filled = non_empty_models()
            if filled:
                raise ArchiveError(
                    _(
                        "De database is niet leeg (er staan al gegevens in: %(models)s). "
                        "Zet een back-up terug in een nieuwe, lege database (weefwerk migrate), "
                        "of gebruik --flush om eerst alles in deze database te wissen."
                    )
                    % {"models": ", ".join(filled[:5]) + (" …" if len(filled) > 5 else "")}
                )
        try:
            with transaction.atomic(), tempfile.TemporaryDirectory() as folder:
                if flush:
                    _flush()
                data_path = Path(folder) / DATA_NAME
                with archive.open(DATA_NAME) as source, data_path.open("wb") as target:
                    while chunk := source.read(1024 * 1024):
                        target.write(chunk)
                try:
                    call_command("loaddata", str(data_path), verbosity=0)
                except Exception as error:
                    raise ArchiveError(
                        _(
                            "De back-up kon niet worden teruggezet: %(error)s. "
                            "Er is niets veranderd."
                        )
                        % {"error": str(error).splitlines()[0][:300] if str(error) else error}
                    ) from error
                reset_sequences()
                result.rows = sum(m._base_manager.count() for m in backed_up_models())
                for info in archive.infolist():
                    if not info.filename.startswith(MEDIA_PREFIX) or info.is_dir():
                        continue
                    name = info.filename[len(MEDIA_PREFIX) :]
                    if default_storage.exists(name):
                        default_storage.delete(name)
                    stored = default_storage.save(name, ContentFile(archive.read(info)))
                    written.append(stored)
                    if stored != name:
                        raise ArchiveError(
                            _("Het bestand %(name)s kon niet onder dezelfde naam terug.")
                            % {"name": name}
                        )
                    result.files += 1
        except BaseException:
            for name in written:
                default_storage.delete(name)
            raise
    return result
