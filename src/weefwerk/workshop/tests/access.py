"""Helpers for tests/test_access.py: the objects each live-session URL needs, made in the
access test's ``World`` (its meeting, first agenda item and person)."""

import io

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from weefwerk.workshop.models import Assignment, Cluster, Note, Photo


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (255, 0, 0)).save(out, "PNG")
    return out.getvalue()


def _assignment(world) -> Assignment:
    return Assignment.objects.create(
        meeting=world.meeting,
        agenda_item=world.item,
        title="Toegangsopdracht",
        questions=["Wat valt op?"],
        status=Assignment.Status.OPEN,
    )


def meeting(world) -> dict:
    return {"meeting_id": world.meeting.pk}


def item(world) -> dict:
    return {"meeting_id": world.meeting.pk, "item_id": world.item.pk}


def assignment(world) -> dict:
    return {"meeting_id": world.meeting.pk, "pk": _assignment(world).pk}


def note(world) -> dict:
    a = _assignment(world)
    n = Note.objects.create(assignment=a, person=world.person, text="Notitie")
    return {"meeting_id": world.meeting.pk, "pk": a.pk, "note_id": n.pk}


def cluster(world) -> dict:
    a = _assignment(world)
    c = Cluster.objects.create(assignment=a, name="Cluster")
    return {"meeting_id": world.meeting.pk, "pk": a.pk, "cluster_id": c.pk}


def photo(world) -> dict:
    a = _assignment(world)
    p = Photo(assignment=a, content_type="image/png", width=4, height=4)
    p.image.save("foto.png", ContentFile(_png()), save=False)
    p.save()
    return {"meeting_id": world.meeting.pk, "photo_id": p.pk}


def photo_upload(world) -> dict:
    return {"foto-photo": SimpleUploadedFile("bord.png", _png(), content_type="image/png")}
