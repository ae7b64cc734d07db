"""Guards shared by all readers and writers: size limits, zip and XML bombs, encodings and
spreadsheet formula injection.

``defusedxml`` is not installed in this project, so XML is parsed with the standard library
after :func:`parse_xml` has refused any document type declaration: no DOCTYPE means no entity
declarations, so neither entity expansion ("billion laughs") nor external entities can occur.
"""

from __future__ import annotations

import io
import os
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from weefwerk.engine.interchange.errors import InterchangeError, Issue

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # 20 MB
# A zip (xlsx, or a zip of CSV files) may unpack to at most this many times the size limit.
UNPACKED_FACTOR = 5

# Text starting with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + " MB"


def load_bytes(source, name: str | None, max_bytes: int) -> tuple[bytes, str]:
    """Return the bytes of a path or bytes ``source`` and a name for messages.

    The size is checked before anything is read or parsed.
    """
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        name = name or "upload"
        if len(data) > max_bytes:
            raise too_large(name, len(data), max_bytes)
        return data, name
    if hasattr(source, "read"):  # an open binary file
        data = source.read(max_bytes + 1)
        name = name or Path(getattr(source, "name", "upload")).name
        if len(data) > max_bytes:
            raise too_large(name, len(data), max_bytes, at_least=True)
        return data, name
    path = Path(os.fspath(source))
    name = name or path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InterchangeError(Issue("Het bestand bestaat niet.", file=name)) from None
    except OSError as error:
        raise InterchangeError(
            Issue(f"Het bestand kan niet worden geopend ({error.strerror}).", file=name)
        ) from None
    if path.is_dir():
        raise InterchangeError(Issue("Dit is een map, geen bestand.", file=name))
    if size > max_bytes:
        raise too_large(name, size, max_bytes)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InterchangeError(
            Issue(f"Het bestand kan niet worden gelezen ({error.strerror}).", file=name)
        ) from None
    if len(data) > max_bytes:  # grew while we looked
        raise too_large(name, len(data), max_bytes)
    return data, name


def too_large(name: str, size: int, max_bytes: int, at_least: bool = False) -> InterchangeError:
    more = "meer dan " if at_least else ""
    return InterchangeError(
        Issue(
            f"Het bestand is te groot ({more}{megabytes(size)}); de grens is "
            f"{megabytes(max_bytes)}. Er is niets ingelezen.",
            file=name,
        )
    )


def open_zip(data: bytes, name: str, max_bytes: int, what: str = "zip-bestand") -> zipfile.ZipFile:
    """Open a zip (also xlsx) after checking it is one and does not unpack to a bomb."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
        bad = archive.testzip()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError):
        raise InterchangeError(
            Issue(f"Het bestand is beschadigd of geen geldig {what}.", file=name)
        ) from None
    except NotImplementedError:
        raise InterchangeError(
            Issue(f"Dit {what} gebruikt een compressie die niet wordt ondersteund.", file=name)
        ) from None
    if bad is not None:
        raise InterchangeError(
            Issue(f"Het bestand is beschadigd: onderdeel {bad} is niet te lezen.", file=name)
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > max_bytes * UNPACKED_FACTOR:
        raise InterchangeError(
            Issue(
                f"Het bestand pakt uit tot {megabytes(unpacked)}; dat is te groot "
                f"(grens {megabytes(max_bytes * UNPACKED_FACTOR)}). Er is niets ingelezen.",
                file=name,
            )
        )
    return archive


def check_zip_xml(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse an xlsx whose XML parts declare a document type (entity bombs, external files)."""
    for member in archive.infolist():
        if member.filename.endswith((".xml", ".rels", ".vml")):
            head = archive.read(member)
            if DOCTYPE_PATTERN.search(head):
                raise InterchangeError(
                    Issue(
                        "Het bestand bevat een XML-documenttypedeclaratie (DOCTYPE/ENTITY) in "
                        f"{member.filename}. Dat wordt om veiligheidsredenen geweigerd.",
                        file=name,
                    )
                )


DOCTYPE_PATTERN = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
DOCTYPE_TEXT = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
DECLARED_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")


def decode_xml(data: bytes, name: str) -> str:
    """Decode an XML document as its byte order mark or declaration says (default UTF-8)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    else:
        declared = DECLARED_ENCODING.match(data[:200])
        encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        return data.decode(encoding)
    except LookupError:
        raise InterchangeError(
            Issue(f"Het bestand noemt een onbekende tekenset ({encoding}).", file=name)
        ) from None
    except UnicodeDecodeError as error:
        raise InterchangeError(
            Issue(
                f"Het bestand is niet in de tekenset {encoding} opgeslagen (fout bij byte "
                f"{error.start + 1}). Sla het op als UTF-8.",
                file=name,
            )
        ) from None


def parse_xml(data: bytes, name: str) -> ET.Element:
    """Parse untrusted XML: no DOCTYPE, no entities, clear Dutch errors."""
    text = decode_xml(data, name)
    if DOCTYPE_TEXT.search(text):
        raise InterchangeError(
            Issue(
                "Het bestand bevat een documenttypedeclaratie (DOCTYPE of ENTITY). Dat wordt "
                "om veiligheidsredenen geweigerd (XML-bom of externe entiteit).",
                file=name,
            )
        )
    text = XML_DECLARATION.sub("", text, count=1)
    try:
        return ET.fromstring(text)
    except ET.ParseError as error:
        line, column = error.position
        raise InterchangeError(
            Issue(
                f"Het bestand is geen geldige XML (regel {line}, teken {column + 1}).",
                file=name,
            )
        ) from None


def decode_text(data: bytes, name: str) -> str:
    """Decode a text file (CSV, JSON): UTF-8 (with or without BOM) or UTF-16 with a BOM."""
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InterchangeError(
            Issue(
                f"Het bestand is geen UTF-8-tekst (onleesbaar teken op regel {line}). Sla het "
                "op als 'CSV UTF-8' (Excel) of kies bij opslaan de tekenset UTF-8.",
                file=name,
            )
        ) from None


def neutralise(value):
    """Make text safe for a spreadsheet cell: text that starts like a formula gets a ``'``.

    Text that already starts with ``'`` gets one more, so :func:`unneutralise` is exact.
    """
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, ESCAPE)):
        return ESCAPE + value
    return value


def unneutralise(value):
    """Undo :func:`neutralise` when reading our own (or any neutralised) spreadsheet."""
    if (
        isinstance(value, str)
        and value.startswith(ESCAPE)
        and value[1:].startswith((*FORMULA_STARTS, ESCAPE))
    ):
        return value[1:]
    return value
