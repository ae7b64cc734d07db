"""The registry of interchange formats: detect, read and write.

>>> network = read("project.json")            # KUMU backup or blueprint, detected
>>> write(network, "kaart.gexf")              # format from the extension
>>> data = dumps(network, "kumu-xlsx")        # bytes, for a download

Format names (``--from`` / ``--to`` on the command line):

=============== ================================ ==================================================
name            extensions                       what
=============== ================================ ==================================================
weefwerk-xlsx   .xlsx (default when writing)     Weefwerk workbook: KUMU's sheets plus maps/name
kumu-xlsx       .xlsx, ``*.kumu.xlsx``           KUMU spreadsheet import
onodo           ``*.onodo.xlsx`` (or sniffed)    Onodo template (Nodes, Relations)
kumu-backup     .json (default when writing)     KUMU full project backup (Export JSON)
kumu-json       ``*.blueprint.json`` (sniffed)   KUMU JSON import blueprint
csv             .csv, .zip                       pair of CSV files (elements, connections)
kumu-csv        .csv                             same layout; a single KUMU CSV also reads
gexf            .gexf                            GEXF 1.3 (Gephi)
graphml         .graphml                         GraphML
=============== ================================ ==================================================

When reading, ``.xlsx`` is sniffed (sheets Nodes and Relations mean Onodo) and ``.json`` is
sniffed (``_id``, ``attributes`` or ``maps`` mean a project backup); any name given for a
workbook or JSON file reads whichever of those it turns out to be.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from weefwerk.engine.interchange import (
    csv_pair,
    gexf,
    graphml,
    kumu_json,
    kumu_workbook,
    onodo,
)
from weefwerk.engine.interchange.checks import network_issues
from weefwerk.engine.interchange.errors import InterchangeError, Issue
from weefwerk.engine.interchange.model import Network
from weefwerk.engine.interchange.safety import (
    DEFAULT_MAX_BYTES,
    decode_text,
    load_bytes,
    open_zip,
)


@dataclass(frozen=True)
class Format:
    name: str
    title: str  # Dutch, for menus
    extension: str  # written files get this extension
    media_type: str
    writer: Callable[[Network], bytes]
    tabular: bool  # a spreadsheet-like format: '|' separates values
    lossy: str  # what the format cannot carry (English, for developers)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "weefwerk-xlsx",
            "Weefwerk-werkmap (Excel)",
            ".xlsx",
            XLSX,
            kumu_workbook.write_weefwerk,
            True,
            "field definitions; list values become 'a|b' text; ids and tags may not contain "
            "'|'; a custom field named like a reserved column",
        ),
        Format(
            "kumu-xlsx",
            "KUMU-spreadsheet (Excel)",
            ".xlsx",
            XLSX,
            kumu_workbook.write_kumu,
            True,
            "as weefwerk-xlsx, and also maps, positions, network name and description",
        ),
        Format(
            "onodo",
            "Onodo-sjabloon (Excel)",
            ".xlsx",
            XLSX,
            onodo.write,
            True,
            "element ids (the name is the id; names must be unique), connection ids, "
            "'mutual' (becomes directed), maps, positions, field definitions, name, "
            "description",
        ),
        Format(
            "kumu-backup",
            "KUMU-projectback-up (JSON)",
            ".json",
            "application/json",
            kumu_json.write_backup,
            False,
            "nothing: a network without maps gets one map 'Kaart' with a circle layout",
        ),
        Format(
            "kumu-json",
            "KUMU-blueprint (JSON)",
            ".json",
            "application/json",
            kumu_json.write_blueprint,
            False,
            "maps, positions, field definitions, network name and description",
        ),
        Format(
            "csv",
            "Twee CSV-bestanden (zip)",
            ".zip",
            "application/zip",
            csv_pair.write_zip,
            True,
            "every value becomes text (Strength excepted), maps, positions, field "
            "definitions, network name and description",
        ),
        Format(
            "kumu-csv",
            "KUMU-CSV (zip met twee bestanden)",
            ".zip",
            "application/zip",
            csv_pair.write_zip,
            True,
            "as csv",
        ),
        Format(
            "gexf",
            "GEXF 1.3 (Gephi)",
            ".gexf",
            "application/gexf+xml",
            gexf.write,
            False,
            "maps other than the first (and its name), field definitions, network name, "
            "list values, mixed-type fields (become text), '|' in tags",
        ),
        Format(
            "graphml",
            "GraphML",
            ".graphml",
            "application/graphml+xml",
            graphml.write,
            False,
            "maps other than the first (and its name), field definitions, network name and "
            "description, list values, mixed-type fields and strengths (become text), '|' "
            "in tags",
        ),
    )
}

ALIASES = {
    "xlsx": "weefwerk-xlsx",
    "weefwerk": "weefwerk-xlsx",
    "kumu": "kumu-xlsx",
    "json": "kumu-backup",
    "blueprint": "kumu-json",
    "csv-pair": "csv",
    "zip": "csv",
    "gephi": "gexf",
}


def format_names() -> list[str]:
    return list(FORMATS)


def resolve_name(name: str) -> str:
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    if key not in FORMATS:
        raise InterchangeError(f"Onbekend formaat '{name}'. Kies uit: {', '.join(FORMATS)}.")
    return key


# --- reading ----------------------------------------------------------------------------------


def _read_xlsx(data: bytes, name: str, max_bytes: int) -> Network:
    workbook = kumu_workbook.load_workbook(data, name, max_bytes)
    if onodo.is_onodo(workbook.sheetnames):
        return onodo.read(data, name, max_bytes)
    return kumu_workbook.read(data, name, max_bytes)


def _read_json(data: bytes, name: str, max_bytes: int) -> Network:
    document = kumu_json.load(decode_text(data, name), name)
    if kumu_json.is_backup(document):
        return kumu_json.read_backup(document, name)
    return kumu_json.read_blueprint(document, name)


def _read_zip(data: bytes, name: str, max_bytes: int) -> Network:
    archive = open_zip(data, name, max_bytes)
    if "xl/workbook.xml" in archive.namelist():
        return _read_xlsx(data, name, max_bytes)
    return csv_pair.read_zip(data, name, max_bytes)


def _read_csv(data: bytes, name: str, max_bytes: int) -> Network:
    if data.startswith(b"PK"):
        return _read_zip(data, name, max_bytes)
    return csv_pair.read_tables([(name, data)])


def _read_xml(data: bytes, name: str, max_bytes: int) -> Network:
    head = data[:4096].decode("utf-8", "ignore").lower()
    if "<gexf" in head:
        return gexf.read(data, name, max_bytes)
    if "<graphml" in head:
        return graphml.read(data, name, max_bytes)
    raise InterchangeError(Issue("Dit XML-bestand is geen GEXF en geen GraphML.", file=name))


READERS: dict[str, Callable[[bytes, str, int], Network]] = {
    "weefwerk-xlsx": _read_xlsx,
    "kumu-xlsx": _read_xlsx,
    "onodo": _read_xlsx,
    "kumu-backup": _read_json,
    "kumu-json": _read_json,
    "csv": _read_csv,
    "kumu-csv": _read_csv,
    "gexf": lambda d, n, m: gexf.read(d, n, m),
    "graphml": lambda d, n, m: graphml.read(d, n, m),
}


def detect(name: str, data: bytes) -> str:
    """The format of a file, by extension and then by its first bytes."""
    lower = name.lower()
    by_extension = {
        ".xlsx": "kumu-xlsx",
        ".xlsm": "kumu-xlsx",
        ".json": "kumu-json",
        ".csv": "csv",
        ".tsv": "csv",
        ".txt": "csv",
        ".zip": "csv",
        ".gexf": "gexf",
        ".graphml": "graphml",
    }
    for extension, format_name in by_extension.items():
        if lower.endswith(extension):
            return format_name
    if lower.endswith(".xls"):
        raise InterchangeError(
            Issue(
                "Oude .xls-bestanden worden niet gelezen; sla het bestand op als .xlsx.", file=name
            )
        )
    stripped = data.lstrip()[:1]
    if data.startswith(b"PK"):
        return "csv"  # a zip: _read_zip tells a workbook from CSV files
    if stripped in (b"{", b"["):
        return "kumu-json"
    if stripped == b"<" or lower.endswith(".xml"):
        return "xml"
    if stripped:
        return "csv"
    raise InterchangeError(Issue("Het bestand is leeg.", file=name))


def _sibling(path: Path) -> Path | None:
    """The other file of a CSV pair next to ``path``, if there is one."""
    name = path.name.lower()
    pairs = ((".elements.csv", ".connections.csv"), ("elements.csv", "connections.csv"))
    for one, other in pairs:
        for mine, theirs in ((one, other), (other, one)):
            if name.endswith(mine):
                candidate = path.with_name(path.name[: len(path.name) - len(mine)] + theirs)
                if candidate.exists():
                    return candidate
    return None


def read(
    source,
    format: str | None = None,
    *,
    name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Network:
    """Read a network from a path, bytes or an open binary file; all or nothing.

    ``source`` may also be a pair ``(elements, connections)`` of paths or bytes for the CSV
    pair. ``format`` is a name from :data:`FORMATS` (detected when ``None``); ``name`` is used
    in messages and for detection when ``source`` is bytes; files larger than ``max_bytes``
    are refused before they are parsed. Raises :class:`InterchangeError`.
    """
    format_name = resolve_name(format) if format else None
    if isinstance(source, tuple | list):
        if len(source) != 2:
            raise InterchangeError("Geef twee bestanden: elementen en verbindingen.")
        files = [load_bytes(part, None, max_bytes)[::-1] for part in source]
        network = csv_pair.read_tables(files)
    else:
        data, name = load_bytes(source, name, max_bytes)
        if not data.strip():
            raise InterchangeError(Issue("Het bestand is leeg.", file=name))
        format_name = format_name or detect(name, data)
        sibling = None
        if format_name in ("csv", "kumu-csv") and isinstance(source, str | os.PathLike):
            sibling = _sibling(Path(source))
        if sibling is not None:
            other, other_name = load_bytes(sibling, None, max_bytes)
            network = csv_pair.read_tables([(name, data), (other_name, other)])
        elif format_name == "xml":
            network = _read_xml(data, name, max_bytes)
        else:
            network = READERS[format_name](data, name, max_bytes)
    problems = network_issues(network)
    if problems:
        raise InterchangeError([Issue(p.message, file=name, item=p.item) for p in problems])
    return network


# --- writing ----------------------------------------------------------------------------------


def check_writable(network: Network, format_name: str) -> None:
    problems = network_issues(network, tabular=FORMATS[format_name].tabular)
    if problems:
        raise InterchangeError(problems)


def dumps(network: Network, format: str) -> bytes:
    """The network in ``format`` as bytes (the CSV pair as a zip)."""
    format_name = resolve_name(format)
    check_writable(network, format_name)
    return FORMATS[format_name].writer(network)


def format_for_path(path: str | os.PathLike) -> str:
    lower = os.fspath(path).lower()
    for suffix, format_name in (
        (".onodo.xlsx", "onodo"),
        (".kumu.xlsx", "kumu-xlsx"),
        (".blueprint.json", "kumu-json"),
        (".xlsx", "weefwerk-xlsx"),
        (".json", "kumu-backup"),
        (".csv", "csv"),
        (".zip", "csv"),
        (".gexf", "gexf"),
        (".graphml", "graphml"),
    ):
        if lower.endswith(suffix):
            return format_name
    raise InterchangeError(
        f"Kan het formaat niet afleiden uit de bestandsnaam '{Path(path).name}'. Gebruik een "
        f"extensie (.xlsx, .json, .csv, .zip, .gexf, .graphml) of kies een formaat: "
        f"{', '.join(FORMATS)}."
    )


def _atomic_write(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary name first, then move them into place."""
    temporary: list[tuple[str, Path]] = []
    try:
        for path, content in files.items():
            handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=".weefwerk-")
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            temporary.append((temp_name, path))
        for temp_name, path in temporary:
            os.replace(temp_name, path)
    except OSError as error:
        for temp_name, _ in temporary:
            if os.path.exists(temp_name):
                os.unlink(temp_name)
        raise InterchangeError(
            f"Het bestand kan niet worden geschreven ({error.strerror or error})."
        ) from None


def write(network: Network, path, format: str | None = None) -> list[Path]:
    """Write ``network`` to ``path``; returns the files written.

    The CSV pair goes to ``path`` when it ends in ``.zip``; for ``NAME.csv`` it becomes
    ``NAME.elements.csv`` and ``NAME.connections.csv``; for a directory, ``elements.csv`` and
    ``connections.csv`` inside it.
    """
    target = Path(os.fspath(path))
    format_name = resolve_name(format) if format else format_for_path(target)
    if format_name in ("csv", "kumu-csv") and not target.name.lower().endswith(".zip"):
        check_writable(network, format_name)
        files = csv_pair.write_files(network)
        if target.is_dir():
            paths = {target / file_name: content for file_name, content in files.items()}
        else:
            stem = target.name[:-4] if target.name.lower().endswith(".csv") else target.name
            for marker in (".elements", ".connections"):
                if stem.lower().endswith(marker):
                    stem = stem[: -len(marker)]
            paths = {
                target.with_name(f"{stem}.elements.csv"): files[csv_pair.ELEMENTS_NAME],
                target.with_name(f"{stem}.connections.csv"): files[csv_pair.CONNECTIONS_NAME],
            }
        _atomic_write(paths)
        return list(paths)
    content = dumps(network, format_name)
    _atomic_write({target: content})
    return [target]
