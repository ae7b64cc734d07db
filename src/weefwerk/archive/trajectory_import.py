"""Read a trajectory's zip file (see :mod:`weefwerk.archive.trajectory_export`) into a NEW
trajectory: every row gets a new id, references follow, in one transaction (all or nothing).

Users are matched by e-mail address; an address without an account here becomes a new
inactive account without a usable password (it can be activated by an invitation or a password
reset). Secrets (calendar feed, join codes, participants' keys) are made anew. The user who
imports becomes facilitator of the copy. Nothing of any other trajectory is read or changed.
"""

from __future__ import annotations

import contextlib
import json
import posixpath
import zipfile
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, models, transaction
from django.utils.translation import gettext as _

from weefwerk.archive import graph
from weefwerk.archive.trajectory_export import DOCUMENT_NAME, FORMAT_NAME, FORMAT_VERSION


class ArchiveError(Exception):
    """The file cannot be imported; the message says why, in Dutch, for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def max_bytes() -> int:
    """The most a zip may hold once unpacked (a guard against zip bombs)."""
    return getattr(settings, "ARCHIVE_MAX_BYTES", 2 * 1024 * 1024 * 1024)


@dataclass
class ImportResult:
    trajectory: object
    counts: list[tuple[str, int]] = field(default_factory=list)  # (what, how many), non-zero
    users_created: int = 0
    users_matched: int = 0
    files: int = 0
    exported_at: str = ""
    weefwerk_version: str = ""
    # label -> {old id: new id}, for tests and the summary.
    mapping: dict[str, dict] = field(default_factory=dict)


def _model_name(info) -> str:
    return str(info.model._meta.verbose_name_plural)


def read_archive(stream) -> tuple[dict, zipfile.ZipFile]:
    """The document and the open zip, or :class:`ArchiveError`."""
    try:
        archive = zipfile.ZipFile(stream)
        members = {i.filename: i for i in archive.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise ArchiveError(
            _("Dit bestand is geen geldig zip-bestand, of het is beschadigd.")
        ) from error
    if DOCUMENT_NAME not in members:
        raise ArchiveError(
            _("Dit is geen exportbestand van een Weefwerk-traject: %(name)s ontbreekt.")
            % {"name": DOCUMENT_NAME}
        )
    if sum(i.file_size for i in members.values()) > max_bytes():
        raise ArchiveError(_("Dit bestand is uitgepakt te groot om te importeren."))
    try:
        document = json.loads(archive.read(DOCUMENT_NAME).decode("utf-8"))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise ArchiveError(
            _("Het zip-bestand is beschadigd: %(name)s is niet te lezen.") % {"name": DOCUMENT_NAME}
        ) from error
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ArchiveError(_("Dit is geen exportbestand van een Weefwerk-traject."))
    version = document.get("version")
    if not isinstance(version, int) or version < 1:
        raise ArchiveError(_("Het bestand heeft geen geldig versienummer."))
    if version > FORMAT_VERSION:
        raise ArchiveError(
            _(
                "Dit bestand komt uit een nieuwere versie van Weefwerk (formaat %(file)s). "
                "Deze Weefwerk kan formaat %(ours)s lezen. Werk Weefwerk eerst bij."
            )
            % {"file": version, "ours": FORMAT_VERSION}
        )
    return document, archive


class _Plan:
    """Checks the document before anything is written."""

    def __init__(self, document: dict, archive: zipfile.ZipFile):
        self.document = document
        self.archive = archive
        self.infos = graph.covered_models()
        models_ = document.get("models")
        users = document.get("users")
        if not isinstance(models_, dict) or not isinstance(users, dict):
            raise ArchiveError(_("Het bestand is niet compleet: de gegevens ontbreken."))
        unknown = sorted(set(models_) - set(self.infos))
        if unknown:
            raise ArchiveError(
                _(
                    "Het bestand bevat onderdelen die deze Weefwerk niet kent: %(names)s. "
                    "Misschien komt het uit een nieuwere versie."
                )
                % {"names": ", ".join(unknown)}
            )
        self.rows: dict[str, list[dict]] = {}
        self.ids: dict[str, set] = {}
        for name in self.infos:
            rows = models_.get(name, [])
            if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
                raise self._broken(name)
            pk_name = self.infos[name].model._meta.pk.name
            ids = [r.get(pk_name) for r in rows]
            if len(set(map(repr, ids))) != len(ids) or any(i is None for i in ids):
                raise self._broken(name)
            self.rows[name] = rows
            self.ids[name] = set(ids)
        self.users = {str(email).lower(): str(full or "") for email, full in users.items()}
        trajectory_label = graph.label(graph.trajectory_model())
        if len(self.rows.get(trajectory_label, [])) != 1:
            raise ArchiveError(_("Het bestand bevat niet precies één traject."))
        self.trajectory_label = trajectory_label
        self._check()

    def _broken(self, name):
        return ArchiveError(
            _("Het bestand is beschadigd: de rijen van ‘%(what)s’ kloppen niet.")
            % {"what": _model_name(self.infos[name])}
        )

    def _missing(self, info, row_id, what):
        return ArchiveError(
            _(
                "Het bestand is niet compleet: %(model)s %(id)s verwijst naar %(what)s, "
                "maar dat staat niet in het bestand."
            )
            % {"model": info.model._meta.verbose_name, "id": row_id, "what": what}
        )

    def _check(self):
        members = set(self.archive.namelist())
        for name, info in self.infos.items():
            known = {f.name for f in info.fields} | {m.name for m in info.m2m}
            pk_name = info.model._meta.pk.name
            for row in self.rows[name]:
                row_id = row.get(pk_name)
                extra = set(row) - known
                if extra:
                    raise ArchiveError(
                        _("Het bestand bevat onbekende velden bij %(model)s: %(fields)s.")
                        % {
                            "model": info.model._meta.verbose_name,
                            "fields": ", ".join(sorted(extra)),
                        }
                    )
                for f in info.fields:
                    value = row.get(f.name)
                    if f.kind == graph.REF:
                        if value is None:
                            if not f.field.null:
                                raise self._missing(info, row_id, f.field.verbose_name)
                        elif value not in self.ids[f.target]:
                            raise self._missing(
                                info, row_id, f"{f.field.related_model._meta.verbose_name} {value}"
                            )
                    elif f.kind == graph.USER:
                        if value is None and not f.field.null:
                            raise self._missing(info, row_id, f.field.verbose_name)
                        if value is not None and str(value).lower() not in self.users:
                            raise self._missing(info, row_id, str(value))
                    elif (
                        f.kind == graph.FILE
                        and value
                        and (not isinstance(value, str) or value not in members)
                    ):
                        raise self._missing(info, row_id, str(value))
                for m2m in info.m2m:
                    values = row.get(m2m.name, [])
                    if not isinstance(values, list):
                        raise self._broken(name)
                    for value in values:
                        if m2m.kind == graph.REF and value not in self.ids[m2m.target]:
                            raise self._missing(info, row_id, f"{m2m.target} {value}")
                        if m2m.kind == graph.USER and str(value).lower() not in self.users:
                            raise self._missing(info, row_id, str(value))


def _decode(info, f, value):
    """A JSON value as the field's Python value, or :class:`ArchiveError`."""
    if value is None:
        if not f.field.null:
            raise ArchiveError(
                _("Het bestand is niet compleet: bij %(model)s ontbreekt ‘%(field)s’.")
                % {"model": info.model._meta.verbose_name, "field": f.field.verbose_name}
            )
        return None
    if isinstance(f.field, models.JSONField):
        return value
    try:
        return f.field.to_python(value)
    except (ValidationError, TypeError, ValueError) as error:
        raise ArchiveError(
            _("Het bestand is beschadigd: ‘%(field)s’ bij %(model)s heeft een ongeldige waarde.")
            % {"model": info.model._meta.verbose_name, "field": f.field.verbose_name}
        ) from error


def _global(f, value):
    model = f.field.related_model
    if value is None:
        return None
    try:
        if "natural_key" in value:
            return model._default_manager.get_by_natural_key(*value["natural_key"])
        return model._base_manager.get(pk=value["pk"])
    except (model.DoesNotExist, KeyError, TypeError, AttributeError) as error:
        raise ArchiveError(
            _("Het bestand verwijst naar %(what)s die hier niet bestaat.")
            % {"what": model._meta.verbose_name}
        ) from error


def import_trajectory(stream, *, user) -> ImportResult:
    """Import the zip in ``stream`` as a new trajectory with ``user`` as facilitator."""
    document, archive = read_archive(stream)
    with archive:
        plan = _Plan(document, archive)
        saved_files: list[str] = []
        try:
            with transaction.atomic():
                result = _write(plan, user, saved_files)
        except ArchiveError:
            _remove(saved_files)
            raise
        except (DatabaseError, ValidationError, ValueError, TypeError) as error:
            _remove(saved_files)
            raise ArchiveError(
                _(
                    "Het traject kon niet worden geïmporteerd: de gegevens in het bestand "
                    "passen niet. Er is niets opgeslagen."
                )
            ) from error
        except BaseException:
            _remove(saved_files)
            raise
    result.exported_at = str(document.get("exported_at", ""))
    result.weefwerk_version = str(document.get("weefwerk_version", ""))
    return result


def _remove(names):
    for name in names:
        with contextlib.suppress(OSError):  # best effort
            default_storage.delete(name)


def _users(plan: _Plan) -> tuple[dict, int, int]:
    user_model = graph.user_model()
    found = {}
    created = matched = 0
    for email, full_name in sorted(plan.users.items()):
        user = user_model._default_manager.filter(email__iexact=email).order_by("pk").first()
        if user is None:
            user = user_model(email=email, full_name=full_name, is_active=False)
            user.set_unusable_password()
            user.save()
            created += 1
        else:
            matched += 1
        found[email] = user.pk
    return found, created, matched


def _write(plan: _Plan, importer, saved_files: list[str]) -> ImportResult:
    users, users_created, users_matched = _users(plan)
    mapping: dict[str, dict] = {name: {} for name in plan.infos}

    def remap(target: str, old):
        if not isinstance(old, int) or isinstance(old, bool):
            return old
        return mapping.get(target, {}).get(old, -abs(old))

    later: dict[str, list[tuple[object, dict]]] = {}  # label -> (instance, {attname: value})
    inserted: set[str] = set()
    for name, info in plan.infos.items():
        model = info.model
        pk_name = model._meta.pk.name
        instances, pending = [], []
        for row in plan.rows[name]:
            values, deferred = {}, {}
            for f in info.fields:
                if f.kind == graph.PK:
                    continue
                if f.name not in row and f.kind not in (graph.REF, graph.USER, graph.FILE):
                    values[f.attname] = f.field.get_default()  # a file from before this field
                    continue
                value = row.get(f.name)
                if f.kind == graph.REF:
                    if value is None:
                        values[f.attname] = None
                    elif f.target in inserted and f.target != name:
                        values[f.attname] = mapping[f.target][value]
                    else:
                        values[f.attname] = None
                        deferred[f.attname] = ("ref", f.target, value)
                elif f.kind == graph.USER:
                    values[f.attname] = None if value is None else users[str(value).lower()]
                elif f.kind == graph.GLOBAL:
                    target = _global(f, value)
                    values[f.attname] = None if target is None else target.pk
                elif f.kind == graph.FILE:
                    values[f.attname] = ""
                    if value:
                        deferred[f.attname] = ("file", value)
                elif f.kind == graph.SECRET:
                    values[f.attname] = f.field.get_default()
                else:
                    decoded = _decode(info, f, value)
                    if f.target and decoded is not None:
                        values[f.attname] = None
                        deferred[f.attname] = ("int", f.target, decoded)
                    elif f.json_remap is not None and decoded is not None:
                        values[f.attname] = decoded
                        deferred[f.attname] = ("json", f.json_remap, decoded)
                    else:
                        values[f.attname] = decoded
                        if getattr(f.field, "auto_now", False) or getattr(
                            f.field, "auto_now_add", False
                        ):
                            deferred[f.attname] = ("value", decoded)
            instance = model(**values)
            instances.append(instance)
            pending.append((row, instance, deferred))
        model._base_manager.bulk_create(instances, batch_size=500)
        for row, instance, deferred in pending:
            if instance.pk is None:  # pragma: no cover - every supported database returns ids
                raise RuntimeError("bulk_create did not return primary keys")
            mapping[name][row[pk_name]] = instance.pk
            if deferred:
                later.setdefault(name, []).append((instance, deferred))
        inserted.add(name)

    # Many-to-many rows, now that every row has its new id.
    for name, info in plan.infos.items():
        for m2m in info.m2m:
            through = m2m.field.remote_field.through
            source = f"{m2m.field.m2m_field_name()}_id"
            target = f"{m2m.field.m2m_reverse_field_name()}_id"
            links = []
            for row in plan.rows[name]:
                new_pk = mapping[name][row[info.model._meta.pk.name]]
                for value in row.get(m2m.name, []):
                    if m2m.kind == graph.REF:
                        target_pk = mapping[m2m.target][value]
                    elif m2m.kind == graph.USER:
                        target_pk = users[str(value).lower()]
                    else:
                        target_pk = _global(m2m, value).pk
                    links.append(through(**{source: new_pk, target: target_pk}))
            through._base_manager.bulk_create(links, batch_size=500)

    # Late values: forward and self references, stored ids, files, and auto_now dates.
    files = 0
    for name, items in later.items():
        model = plan.infos[name].model
        changed: set[str] = set()
        for instance, deferred in items:
            for attname, spec in deferred.items():
                kind = spec[0]
                if kind == "ref":
                    value = mapping[spec[1]][spec[2]]
                elif kind == "int":
                    value = mapping.get(spec[1], {}).get(spec[2])
                elif kind == "json":
                    value = spec[1](spec[2], remap)
                elif kind == "file":
                    value = _save_file(plan.archive, instance, attname, spec[1], saved_files)
                    files += 1
                else:
                    value = spec[1]
                setattr(instance, attname, value)
                changed.add(attname)
        model._base_manager.bulk_update(
            [instance for instance, _ in items], sorted(changed), batch_size=500
        )

    trajectory_label = plan.trajectory_label
    trajectory_pk = mapping[trajectory_label][
        plan.rows[trajectory_label][0][plan.infos[trajectory_label].model._meta.pk.name]
    ]
    trajectory = plan.infos[trajectory_label].model._base_manager.get(pk=trajectory_pk)
    _make_facilitator(trajectory, importer)

    counts = Counter({name: len(rows) for name, rows in plan.rows.items()})
    return ImportResult(
        trajectory=trajectory,
        counts=[
            (_model_name(plan.infos[name]), counts[name])
            for name in plan.infos
            if counts[name] and name != trajectory_label
        ],
        users_created=users_created,
        users_matched=users_matched,
        files=files,
        mapping=mapping,
    )


def _save_file(archive, instance, attname, member: str, saved_files: list[str]) -> str:
    field_ = instance._meta.get_field(attname)
    basename = posixpath.basename(member) or "bestand"
    try:
        content = archive.read(member)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise ArchiveError(
            _("Het zip-bestand is beschadigd: %(name)s is niet te lezen.") % {"name": member}
        ) from error
    name = field_.generate_filename(instance, basename)
    stored = field_.storage.save(name, ContentFile(content), max_length=field_.max_length)
    saved_files.append(stored)
    return stored


def _make_facilitator(trajectory, user) -> None:
    from weefwerk.trajectories.models import Membership, Role

    Membership.objects.update_or_create(
        trajectory=trajectory, user=user, defaults={"role": Role.FACILITATOR}
    )
