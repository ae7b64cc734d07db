"""The commands: one trajectory out and in, and the whole instance backed up and restored."""

import datetime as dt

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from weefwerk.archive import backup as backup_module
from weefwerk.archive.tests import compare
from weefwerk.trajectories.models import Membership, Role, Trajectory


def test_export_and_import_commands(rich, facilitator, tmp_path, capsys):
    path = tmp_path / "traject.zip"
    call_command("export_trajectory", str(rich.pk), str(path))
    assert path.stat().st_size > 0
    call_command("import_trajectory", str(path), "--owner", facilitator.email.upper())
    out = capsys.readouterr().out
    copy = Trajectory.objects.exclude(pk=rich.pk).get()
    assert f"traject {copy.pk}" in out
    assert Membership.objects.get(trajectory=copy, user=facilitator).role == Role.FACILITATOR


def test_command_errors_are_clear(rich, tmp_path):
    with pytest.raises(CommandError, match="geen traject met nummer 999999"):
        call_command("export_trajectory", "999999", str(tmp_path / "x.zip"))
    broken = tmp_path / "kapot.zip"
    broken.write_bytes(b"kapot")
    with pytest.raises(CommandError, match="geen account"):
        call_command("import_trajectory", str(broken), "--owner", "niemand@voorbeeld.example")
    with pytest.raises(CommandError, match="geen geldig zip-bestand"):
        call_command(
            "import_trajectory", str(broken), "--owner", rich.memberships.first().user.email
        )


# Made anew by migrate (and flush) with ids of their own: the backup names them by natural key.
NATURAL = {"auth.permission", "contenttypes.contenttype"}


def _natural_keys() -> dict[str, dict]:
    return {
        label: {obj.pk: obj.natural_key() for obj in apps.get_model(label).objects.all()}
        for label in NATURAL
    }


def everything() -> dict:
    """Every row of every backed-up model (and auto-created M2M table), by primary key; a
    reference to a permission or content type as its natural key."""
    natural = _natural_keys()
    out = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label_lower in backup_module.SKIPPED or model._meta.proxy:
            continue
        fields = [f.attname for f in model._meta.concrete_fields]
        to_natural = {
            f.attname: natural[f.related_model._meta.label_lower]
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model._meta.label_lower in NATURAL
        }

        def row_of(values: dict, to_natural=to_natural) -> dict:
            return {
                name: to_natural[name].get(value) if name in to_natural else value
                for name, value in values.items()
            }

        if model._meta.auto_created:  # M2M links: loaddata gives them new ids, nothing uses those
            fields.remove(model._meta.pk.attname)
            rows = (row_of(values) for values in model._base_manager.values(*fields))
            out[model._meta.label_lower] = sorted(tuple(row[f] for f in fields) for row in rows)
            continue
        out[model._meta.label_lower] = {
            values[model._meta.pk.attname]: row_of(values)
            for values in model._base_manager.values(*fields)
        }
    return out


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_the_whole_instance(facilitator, tmp_path, settings):
    from weefwerk.archive.tests.rich import build_rich_trajectory
    from weefwerk.trajectories.tests.factories import UserFactory

    first = build_rich_trajectory(facilitator)
    build_rich_trajectory(UserFactory(), name="Tweede traject")
    user = facilitator
    user.user_permissions.add(*list(apps.get_model("auth", "Permission").objects.all()[:2]))
    before = everything()
    photos = {
        p.image.name: p.image.read() for p in apps.get_model("workshop", "Photo").objects.all()
    }
    assert photos
    path = tmp_path / "backup.zip"
    call_command("backup", str(path))

    # Not empty: refused, nothing changed.
    with pytest.raises(CommandError, match="De database is niet leeg"):
        call_command("restore", str(path))
    # A fresh database: flush, as a newly migrated one (content types and permissions made anew).
    call_command("flush", "--no-input")
    # Another instance numbers its permissions differently: make them anew with new ids.
    apps.get_model("auth", "Permission").objects.all().delete()
    call_command("migrate", "--run-syncdb", verbosity=0)
    settings.MEDIA_ROOT = tmp_path / "other-media"
    call_command("restore", str(path))
    after = everything()
    for name in before:
        if name == "personaldata.auditentry":
            continue  # the backup itself writes a line
        assert after[name] == before[name], name
    for name, content in photos.items():
        with open(settings.MEDIA_ROOT / name, "rb") as handle:
            assert handle.read() == content
    assert compare.rows(first.pk)  # still readable as a trajectory

    # New rows get new ids (PostgreSQL sequences were set past the restored ids).
    User = apps.get_model("accounts", "User")
    new_user = User.objects.create(email="nieuw@voorbeeld.example")
    assert new_user.pk > max(before["accounts.user"])
    trajectory = Trajectory.objects.create(name="Nieuw", municipality="Ergens")
    assert trajectory.pk > max(before["trajectories.trajectory"])
    link = apps.get_model("people", "Organisation").domains.through.objects.create(
        organisation_id=before["people.organisation"][min(before["people.organisation"])]["id"],
        domain_id=max(before["trajectories.domain"]),
    )
    through = apps.get_model("people", "Organisation").domains.through
    assert link.pk == max(through.objects.values_list("pk", flat=True))
    assert through.objects.filter(pk=link.pk).count() == 1

    # --flush restores over a database that has data.
    call_command("restore", str(path), "--flush")
    assert not User.objects.filter(email="nieuw@voorbeeld.example").exists()
    assert everything()["trajectories.trajectory"] == before["trajectories.trajectory"]


def test_restore_refuses_other_files(tmp_path, db):
    other = tmp_path / "x.zip"
    other.write_bytes(b"geen zip")
    with pytest.raises(CommandError, match="geen geldig zip-bestand"):
        call_command("restore", str(other))


def test_exact_encoder_keeps_microseconds():
    moment = dt.datetime(2025, 1, 2, 3, 4, 5, 678901, tzinfo=dt.UTC)
    assert backup_module.ExactEncoder().default(moment).endswith("05.678901+00:00")
    assert connection.vendor in {"sqlite", "postgresql"}
