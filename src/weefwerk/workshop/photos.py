"""Photos of flip-overs: checked by their content (not their name), turned upright, resized
and re-encoded from the bare pixels, so no EXIF (GPS, camera, time) or other metadata stays."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
MAX_PIXELS = 60_000_000  # larger images are refused before decoding (decompression bombs)


def max_bytes() -> int:
    return getattr(settings, "WORKSHOP_PHOTO_MAX_BYTES", 10 * 1024 * 1024)


def max_side() -> int:
    return getattr(settings, "WORKSHOP_PHOTO_MAX_SIDE", 2000)


class PhotoRefused(Exception):
    """The file cannot be a photo here; the message is Dutch and shown to the user."""


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    content_type: str
    width: int
    height: int


def clean_photo(uploaded) -> CleanPhoto:
    """Reads an uploaded file and returns a clean, resized image, or raises PhotoRefused."""
    if uploaded is None:
        raise PhotoRefused(_("Kies een foto."))
    if uploaded.size > max_bytes():
        raise PhotoRefused(
            _("De foto is te groot. Hij mag hoogstens %(mb)s MB zijn.")
            % {"mb": max_bytes() // (1024 * 1024)}
        )
    unreadable = PhotoRefused(
        _("Dit bestand is geen foto die we kunnen lezen. Kies een JPEG-, PNG- of WebP-foto.")
    )
    try:
        uploaded.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(uploaded) as probe:
                if probe.format not in FORMATS:
                    raise unreadable
                if probe.width * probe.height > MAX_PIXELS:
                    raise PhotoRefused(_("De foto heeft te veel pixels."))
                probe.verify()
            uploaded.seek(0)
            with Image.open(uploaded) as image:
                fmt = image.format
                image.load()
                image = ImageOps.exif_transpose(image)
    except PhotoRefused:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
    ) as error:
        raise unreadable from error

    if fmt == "JPEG" or image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if fmt != "JPEG" and "A" in image.getbands() else "RGB")
    image.thumbnail((max_side(), max_side()), Image.Resampling.LANCZOS)
    # A new image from the bare pixels: nothing of the original's metadata comes along.
    bare = Image.frombytes(image.mode, image.size, image.tobytes())
    out = io.BytesIO()
    if fmt == "JPEG":
        bare.save(out, "JPEG", quality=85, optimize=True)
    elif fmt == "PNG":
        bare.save(out, "PNG", optimize=True)
    else:
        bare.save(out, "WEBP", quality=85)
    return CleanPhoto(out.getvalue(), FORMATS[fmt], bare.width, bare.height)
