"""CSV files: a single KUMU CSV, or Weefwerk's pair of CSV files.

Layout of the pair (each file imports into KUMU on its own, because it follows KUMU's columns):

- ``elements.csv``: ``ID, Label, Type, Description, Tags[, Image, Email, URL]`` and then one
  column per custom field;
- ``connections.csv``: ``From, To, ID, Type, Direction, Strength, Label, Description, Tags`` and
  then one column per custom field. ``From`` and ``To`` hold element IDs (a unique label works
  too when reading).

Several tags in one cell are separated by ``|``. Files are UTF-8 with a byte order mark (so Excel
shows accents correctly), comma separated; when reading, ``;`` and tab separators are
recognised too, and UTF-16 files with a byte order mark are accepted.

The pair travels as a zip with the two files (any names: the header tells which is which), or
as two files side by side named ``NAME.elements.csv`` and ``NAME.connections.csv``. A single
KUMU CSV holds either elements or connections; a connections-only file creates its elements from
the names in From and To, as KUMU does.

What CSV cannot carry: every value is text (numbers and yes/no come back as text, except
Strength, which is read as a number when it looks like one), maps and positions, field
definitions, and the network's name and description.
"""

from __future__ import annotations

import csv
import io
import math

from weefwerk.engine.interchange.errors import InterchangeError, Issue, IssueCollector
from weefwerk.engine.interchange.model import Network
from weefwerk.engine.interchange.safety import (
    DEFAULT_MAX_BYTES,
    decode_text,
    neutralise,
    open_zip,
)
from weefwerk.engine.interchange.tabular import (
    Table,
    connection_table,
    element_table,
    is_blank,
    network_from_tables,
)

ELEMENTS_NAME = "elements.csv"
CONNECTIONS_NAME = "connections.csv"


def parse_table(data: bytes, name: str) -> Table:
    text = decode_text(data, name)
    if "\x00" in text:
        raise InterchangeError(
            Issue("Het bestand bevat nul-tekens; het is geen tekstbestand (CSV).", file=name)
        )
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list]] = []
    header: list = []
    try:
        for number, values in enumerate(reader, start=1):
            if number == 1:
                header = values
            else:
                rows.append((number, values))
    except csv.Error as error:
        raise InterchangeError(
            Issue(
                f"Het CSV-bestand is niet goed opgebouwd ({error}).", file=name, row=reader.line_num
            )
        ) from None
    while header and not header[-1].strip():
        header.pop()
    while rows and is_blank(rows[-1][1]):
        rows.pop()
    return Table(file=name, sheet=None, header=header, rows=rows)


def read_tables(files: list[tuple[str, bytes]]) -> Network:
    """Read one or two CSV files (name, bytes): each is elements or connections by its header."""
    issues = IssueCollector(files[0][0] if len(files) == 1 else None)
    tables = []
    for name, data in files:
        table = parse_table(data, name)
        if not table.header:
            issues.add(
                "Het bestand is leeg. Rij 1 moet de kolomnamen bevatten (Label of ID voor "
                "elementen, From en To voor verbindingen).",
                file=name,
            )
        elif table.is_elements() or table.is_connections():
            tables.append(table)
        else:
            issues.add(
                "Dit bestand wordt niet herkend: de eerste kolom moet 'Label' of 'ID' "
                f"(elementen) of 'From' (verbindingen) heten, maar heet '{table.header[0]}'.",
                file=name,
                row=1,
                column="A",
            )
    if sum(t.is_elements() for t in tables) > 1 or sum(t.is_connections() for t in tables) > 1:
        issues.add("Geef één bestand met elementen en één met verbindingen.")
    network = network_from_tables(tables, issues, implied=True)
    if not network.elements:
        raise InterchangeError(Issue("Er zijn geen elementen gevonden.", file=files[0][0]))
    return network


def read_zip(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Network:
    archive = open_zip(data, name, max_bytes)
    members = [
        m
        for m in archive.infolist()
        if not m.is_dir()
        and m.filename.lower().endswith(".csv")
        and not m.filename.startswith("__MACOSX/")
    ]
    if not members or len(members) > 2:
        raise InterchangeError(
            Issue(
                f"Het zip-bestand moet één of twee CSV-bestanden bevatten (elementen en "
                f"verbindingen); er zijn er {len(members)}.",
                file=name,
            )
        )
    files = [(f"{name}/{m.filename}", archive.read(m)) for m in members]
    return read_tables(files)


def format_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ""
    if isinstance(value, list):
        return "|".join(format_value(v) for v in value)
    return str(value)


def render(header: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(format_value(v)) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_files(network: Network) -> dict[str, bytes]:
    """The pair as {file name: bytes}."""
    return {
        ELEMENTS_NAME: render(*element_table(network)),
        CONNECTIONS_NAME: render(*connection_table(network)),
    }


def write_zip(network: Network) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file_name, content in write_files(network).items():
            archive.writestr(file_name, content)
    return buffer.getvalue()
