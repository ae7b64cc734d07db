"""Photos of flip-overs: EXIF (GPS) gone, resized, size and type checked by content."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from weefwerk.workshop.models import Photo

from .conftest import phone

GPS_IFD = 0x8825


def jpeg_with_gps(size=(3000, 1500)) -> bytes:
    image = Image.new("RGB", size, (200, 180, 40))
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmaker"  # Make
    exif[0x0132] = "2025:03:01 10:00:00"  # DateTime
    exif[GPS_IFD] = {1: "N", 2: (52.0, 5.0, 30.0), 3: "E", 4: (5.0, 7.0, 12.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), quality=70)
    data = out.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)  # the test file has GPS
    return data


def upload(data: bytes, name="flip-over.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_phone_photo_loses_exif_and_is_resized(client, anna, assignment):
    response = client.post(
        f"{phone(anna)}foto/",
        {"opdracht": assignment.pk, f"foto-{assignment.pk}-photo": upload(jpeg_with_gps())},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    photo = Photo.objects.get()
    with photo.image.open("rb") as handle:
        stored = Image.open(io.BytesIO(handle.read()))
        stored.load()
    assert stored.format == "JPEG"
    assert max(stored.size) == 2000
    assert (photo.width, photo.height) == stored.size == (2000, 1000)
    exif = stored.getexif()
    assert not exif.get_ifd(GPS_IFD)
    assert len(exif) == 0
    assert "exif" not in stored.info
    assert "flip-over" not in photo.image.name


def test_facilitator_photo_is_shown_on_the_results_page(
    facilitator_client, trajectory, meeting, assignment
):
    url = reverse("workshop:photo_add", args=[trajectory.pk, meeting.pk, assignment.pk])
    png = io.BytesIO()
    Image.new("RGBA", (300, 200), (0, 0, 255, 128)).save(png, "PNG")
    response = facilitator_client.post(
        url, {"foto-photo": upload(png.getvalue(), "a.png", "image/png"), "foto-caption": "Groep 1"}
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.content_type == "image/png"
    page = facilitator_client.get(reverse("workshop:results", args=[trajectory.pk, meeting.pk]))
    photo_url = reverse("workshop:photo", args=[trajectory.pk, meeting.pk, photo.pk])
    assert photo_url in page.content.decode()
    image = facilitator_client.get(photo_url)
    assert image["Content-Type"] == "image/png"
    assert b"".join(image.streaming_content).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"<html>geen foto</html>", "foto.jpg", "geen foto die we kunnen lezen"),
        (b"GIF89a" + b"\x00" * 100, "foto.gif", "geen foto die we kunnen lezen"),
    ],
)
def test_only_real_jpeg_png_webp(client, anna, assignment, data, name, message):
    response = client.post(
        f"{phone(anna)}foto/",
        {"opdracht": assignment.pk, f"foto-{assignment.pk}-photo": upload(data, name)},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Photo.objects.exists()


def test_gif_is_refused_even_when_it_is_a_real_image(client, anna, assignment):
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, "GIF")
    response = client.post(
        f"{phone(anna)}foto/",
        {"opdracht": assignment.pk, f"foto-{assignment.pk}-photo": upload(gif.getvalue(), "x.jpg")},
    )
    assert response.status_code == 400
    assert not Photo.objects.exists()


def test_size_limit(client, anna, assignment, settings):
    settings.WORKSHOP_PHOTO_MAX_BYTES = 1000
    response = client.post(
        f"{phone(anna)}foto/",
        {
            "opdracht": assignment.pk,
            f"foto-{assignment.pk}-photo": upload(jpeg_with_gps((200, 200))),
        },
    )
    assert response.status_code == 400
    assert "te groot" in response.content.decode()
    assert not Photo.objects.exists()
