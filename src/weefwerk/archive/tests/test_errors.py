"""A wrong, newer, broken or tampered file gives a clear Dutch message and changes nothing."""

import io
import json
import zipfile

import pytest
from django.apps import apps
from django.conf import settings

from weefwerk.archive.trajectory_export import DOCUMENT_NAME, export_trajectory
from weefwerk.archive.trajectory_import import ArchiveError, import_trajectory

pytestmark = pytest.mark.django_db


def counts():
    return {m._meta.label: m._base_manager.count() for m in apps.get_models()}


def media_files():
    root = settings.MEDIA_ROOT
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def rezip(data: bytes, change=None, drop=()) -> bytes:
    """The zip with its document changed by ``change(document)`` and members left out."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            if name in drop:
                continue
            content = source.read(name)
            if name == DOCUMENT_NAME and change is not None:
                document = json.loads(content)
                change(document)
                content = json.dumps(document).encode()
            target.writestr(name, content)
    return out.getvalue()


@pytest.fixture
def exported(rich):
    return export_trajectory(rich)


def refused(data: bytes, user) -> str:
    before, files = counts(), media_files()
    with pytest.raises(ArchiveError) as error:
        import_trajectory(io.BytesIO(data), user=user)
    assert counts() == before
    assert media_files() == files
    return error.value.message


def test_not_a_zip(exported, facilitator):
    assert "geen geldig zip-bestand" in refused(b"Dit is tekst, geen zip.", facilitator)


def test_broken_zip(exported, facilitator):
    assert "zip" in refused(exported[: len(exported) // 2], facilitator)


def test_zip_without_the_document(exported, facilitator):
    message = refused(rezip(exported, drop={DOCUMENT_NAME}), facilitator)
    assert "geen exportbestand" in message


def test_other_format(exported, facilitator):
    message = refused(rezip(exported, lambda d: d.update(format="kumu")), facilitator)
    assert message == "Dit is geen exportbestand van een Weefwerk-traject."


def test_newer_version(exported, facilitator):
    message = refused(rezip(exported, lambda d: d.update(version=99)), facilitator)
    assert "nieuwere versie van Weefwerk (formaat 99)" in message
    assert "Werk Weefwerk eerst bij" in message


def test_missing_rows(exported, facilitator):
    def drop_people(document):
        document["models"]["people.person"] = document["models"]["people.person"][1:]

    message = refused(rezip(exported, drop_people), facilitator)
    assert "niet compleet" in message


def test_reference_to_a_row_that_is_not_there(exported, facilitator):
    def tamper(document):
        document["models"]["grouping.attendance"][0]["person"] = 987654

    assert "987654" in refused(rezip(exported, tamper), facilitator)


def test_missing_photo(exported, facilitator):
    names = [n for n in zipfile.ZipFile(io.BytesIO(exported)).namelist() if n != DOCUMENT_NAME]
    assert names
    assert "niet compleet" in refused(rezip(exported, drop={names[-1]}), facilitator)


def test_unknown_part(exported, facilitator):
    message = refused(rezip(exported, lambda d: d["models"].update({"x.y": []})), facilitator)
    assert "onderdelen die deze Weefwerk niet kent: x.y" in message


def test_unknown_field(exported, facilitator):
    def tamper(document):
        document["models"]["people.person"][0]["shoe_size"] = 44

    assert "shoe_size" in refused(rezip(exported, tamper), facilitator)


def test_invalid_value(exported, facilitator):
    def tamper(document):
        document["models"]["trajectories.meeting"][0]["starts_at"] = "gisteren"

    assert "ongeldige waarde" in refused(rezip(exported, tamper), facilitator)


def test_two_trajectories_in_one_file(exported, facilitator):
    def tamper(document):
        rows = document["models"]["trajectories.trajectory"]
        rows.append({**rows[0], "id": rows[0]["id"] + 1000})

    assert "niet precies één traject" in refused(rezip(exported, tamper), facilitator)


def test_a_database_error_late_in_the_import_changes_nothing(exported, facilitator):
    """Two identical encounters break a unique constraint only when written: rolled back."""

    def tamper(document):
        rows = document["models"]["grouping.encounter"]
        rows.append({**rows[0], "id": 99999})

    message = refused(rezip(exported, tamper), facilitator)
    assert "Er is niets opgeslagen" in message


def test_an_older_file_without_a_new_field_takes_the_default(exported, facilitator):
    def tamper(document):
        del document["models"]["trajectories.trajectory"][0]["region"]

    result = import_trajectory(io.BytesIO(rezip(exported, tamper)), user=facilitator)
    assert result.trajectory.region == ""
