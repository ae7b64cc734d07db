"""Elements and connections as tables: the column rules KUMU documents for its spreadsheets.

Shared by the KUMU workbook and CSV readers and writers, the CSV pair and Weefwerk's own
workbook. Rules (https://docs.kumu.io, "Structure your data"):

- an elements table has a ``Label`` column (and may start with ``ID``); a connections table has
  ``From`` and ``To``. Header names are matched without regard to case or surrounding spaces;
- reserved element columns: ID, Label, Type, Description, Tags, Image, Email, URL; reserved
  connection columns: ID, From, To, Type, Label, Description, Tags, Direction, Strength;
  every other column is a custom field, its header the field name;
- several values in one cell are separated by ``|`` (tags); a ``To`` (or ``From``) cell
  ``A|B|C`` makes one connection to each;
- ``From`` and ``To`` name an element by ID, or by label when that label is unique;
- without an ID column an element's ID is its label.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

from weefwerk.engine.interchange.errors import IssueCollector
from weefwerk.engine.interchange.model import (
    CONNECTION_RESERVED,
    DIRECTED,
    ELEMENT_RESERVED,
    MUTUAL,
    UNDIRECTED,
    Connection,
    Element,
    Network,
)
from weefwerk.engine.interchange.safety import unneutralise

ELEMENT_COLUMNS = ("ID", "Label", "Type", "Description", "Tags", "Image", "Email", "URL")
CONNECTION_COLUMNS = (
    "From",
    "To",
    "ID",
    "Type",
    "Direction",
    "Strength",
    "Label",
    "Description",
    "Tags",
)
DIRECTION_WORDS = {
    "directed": DIRECTED,
    "undirected": UNDIRECTED,
    "mutual": MUTUAL,
    "gericht": DIRECTED,
    "ongericht": UNDIRECTED,
    "wederzijds": MUTUAL,
}
SEPARATOR = "|"


@dataclass
class Table:
    """A sheet or CSV file: the header and the data rows with their spreadsheet row numbers."""

    file: str
    sheet: str | None
    header: list[str]
    rows: list[tuple[int, list]] = field(default_factory=list)

    def first_header(self) -> str:
        return (self.header[0] if self.header else "").strip().lower()

    def is_elements(self) -> bool:
        return self.first_header() in ("label", "id") and "from" not in self.lowered()

    def is_connections(self) -> bool:
        return self.first_header() == "from" or (
            self.first_header() == "id" and {"from", "to"} <= set(self.lowered())
        )

    def lowered(self) -> list[str]:
        return [str(h or "").strip().lower() for h in self.header]


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_name(table: Table, index: int) -> str:
    header = str(table.header[index] or "").strip() if index < len(table.header) else ""
    return f"{column_letter(index)} ({header})" if header else column_letter(index)


# --- cell values -------------------------------------------------------------------------------


def cell_text(value) -> str:
    """A cell as text for a reserved column (label, type, ...)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(unneutralise(str(value).strip()))


def cell_value(value):
    """A cell as a custom field value: text, number or yes/no; empty is ``None``."""
    if value is None:
        return None
    if isinstance(value, str):
        text = unneutralise(value.strip())
        return text or None
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
INTEGER = re.compile(r"^[+-]?\d+$")


def parse_number(value):
    """Strength: keep numbers, turn numeric text into a number, keep other text as is."""
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value if not (isinstance(value, float) and not math.isfinite(value)) else None
    text = cell_text(value)
    if not text:
        return None
    if INTEGER.match(text):
        return int(text)
    if NUMBER.match(text):
        return float(text)
    return text


def split_multi(text: str) -> list[str]:
    return [part.strip() for part in text.split(SEPARATOR) if part.strip()]


def is_blank(values: list) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


# --- reading ---------------------------------------------------------------------------------


def header_index(table: Table, issues: IssueCollector) -> dict[str, int]:
    """Map lower-case header -> column index; report empty and repeated header names."""
    index: dict[str, int] = {}
    for position, raw in enumerate(table.header):
        name = cell_text(raw)
        if not name:
            if any(
                position < len(values) and not is_blank([values[position]])
                for _, values in table.rows
            ):
                issues.add(
                    "Deze kolom heeft geen kopnaam in rij 1, maar wel waarden.",
                    file=table.file,
                    sheet=table.sheet,
                    row=1,
                    column=column_letter(position),
                )
            continue
        key = name.lower()
        if key in index:
            issues.add(
                f"De kolomnaam '{name}' komt twee keer voor (ook in kolom "
                f"{column_letter(index[key])}).",
                file=table.file,
                sheet=table.sheet,
                row=1,
                column=column_name(table, position),
            )
            continue
        index[key] = position
    return index


def missing_columns(
    table: Table, index: dict[str, int], required: tuple[str, ...], known: tuple[str, ...], issues
) -> bool:
    missing = [name for name in required if name.lower() not in index]
    if missing:
        found = ", ".join(str(h).strip() for h in table.header if str(h or "").strip()) or "geen"
        issues.add(
            f"Verplichte kolom {' en '.join(repr(m) for m in missing)} ontbreekt in rij 1. "
            f"Verwacht: {', '.join(required)} (verplicht) en eventueel "
            f"{', '.join(k for k in known if k not in required)} of eigen velden. "
            f"Gevonden: {found}.",
            file=table.file,
            sheet=table.sheet,
            row=1,
        )
        return True
    return False


def _get(values: list, position: int | None):
    if position is None or position >= len(values):
        return None
    return values[position]


def read_elements(table: Table, issues: IssueCollector, seen: dict[str, tuple]) -> list[Element]:
    """Elements from one table. ``seen`` maps id -> (sheet, row) across tables (duplicates)."""
    index = header_index(table, issues)
    if missing_columns(table, index, ("Label",), ELEMENT_COLUMNS, issues):
        return []
    custom = [
        (position, cell_text(table.header[position]))
        for key, position in index.items()
        if key not in ELEMENT_RESERVED
    ]
    elements = []
    for row, values in table.rows:
        if is_blank(values):
            continue
        label = cell_text(_get(values, index["label"]))
        if not label:
            issues.add(
                "Het element heeft geen naam (Label is leeg).",
                file=table.file,
                sheet=table.sheet,
                row=row,
                column=column_name(table, index["label"]),
            )
            continue
        element_id = cell_text(_get(values, index.get("id"))) or label
        if element_id in seen:
            where_sheet, where_row = seen[element_id]
            what = "ID" if "id" in index else "naam (zonder ID-kolom is de naam de ID)"
            issues.add(
                f"Dubbele {what} '{element_id}': die staat ook in "
                f"{'blad ' + where_sheet + ', ' if where_sheet else ''}rij {where_row}.",
                file=table.file,
                sheet=table.sheet,
                row=row,
                column=column_name(table, index.get("id", index["label"])),
            )
            continue
        seen[element_id] = (table.sheet, row)
        fields = {}
        for position, name in custom:
            value = cell_value(_get(values, position))
            if value is not None:
                fields[name] = value
        elements.append(
            Element(
                id=element_id,
                label=label,
                kind=cell_text(_get(values, index.get("type"))),
                description=cell_text(_get(values, index.get("description"))),
                tags=split_multi(cell_text(_get(values, index.get("tags")))),
                image=cell_text(_get(values, index.get("image"))),
                email=cell_text(_get(values, index.get("email"))),
                url=cell_text(_get(values, index.get("url"))),
                fields=fields,
            )
        )
    return elements


class ElementIndex:
    """Resolves a From/To reference: an element ID, or a unique label."""

    def __init__(self, elements: list[Element], implied: bool = False):
        self.elements = elements
        self.ids = {e.id for e in elements}
        self.by_label: dict[str, list[str]] = {}
        for element in elements:
            self.by_label.setdefault(element.label, []).append(element.id)
        self.implied = implied  # KUMU: a connections-only file creates its elements

    def resolve(self, reference: str) -> tuple[str | None, str | None]:
        """Return (element id, None) or (None, Dutch problem)."""
        if reference in self.ids:
            return reference, None
        matches = self.by_label.get(reference, [])
        if len(matches) == 1:
            return matches[0], None
        if matches:
            return None, (
                f"De naam '{reference}' hoort bij meer dan één element; gebruik de ID "
                f"({', '.join(matches[:5])})."
            )
        if self.implied:
            element = Element(id=reference, label=reference)
            self.elements.append(element)
            self.ids.add(reference)
            self.by_label[reference] = [reference]
            return reference, None
        return None, f"Onbekend element '{reference}': er is geen element met die ID of naam."


def parse_direction(text: str) -> str | None:
    if not text:
        return DIRECTED
    return DIRECTION_WORDS.get(text.strip().lower())


def read_connections(
    table: Table,
    issues: IssueCollector,
    elements: ElementIndex,
    seen: dict[str, tuple],
) -> list[Connection]:
    index = header_index(table, issues)
    if missing_columns(table, index, ("From", "To"), CONNECTION_COLUMNS, issues):
        return []
    custom = [
        (position, cell_text(table.header[position]))
        for key, position in index.items()
        if key not in CONNECTION_RESERVED
    ]
    connections: list[Connection] = []
    for row, values in table.rows:
        if is_blank(values):
            continue
        ends = {}
        for end in ("from", "to"):
            text = cell_text(_get(values, index[end]))
            references = split_multi(text)
            if not references:
                issues.add(
                    f"De verbinding heeft geen {'From' if end == 'from' else 'To'} (leeg).",
                    file=table.file,
                    sheet=table.sheet,
                    row=row,
                    column=column_name(table, index[end]),
                )
                continue
            resolved = []
            for reference in references:
                element_id, problem = elements.resolve(reference)
                if problem:
                    issues.add(
                        problem,
                        file=table.file,
                        sheet=table.sheet,
                        row=row,
                        column=column_name(table, index[end]),
                    )
                else:
                    resolved.append(element_id)
            ends[end] = resolved
        direction_text = cell_text(_get(values, index.get("direction")))
        direction = parse_direction(direction_text)
        if direction is None:
            issues.add(
                f"Onbekende richting '{direction_text}'. Kies directed, undirected of mutual "
                "(gericht, ongericht of wederzijds).",
                file=table.file,
                sheet=table.sheet,
                row=row,
                column=column_name(table, index["direction"]),
            )
        if len(ends) < 2 or direction is None or not ends["from"] or not ends["to"]:
            continue
        fields = {}
        for position, name in custom:
            value = cell_value(_get(values, position))
            if value is not None:
                fields[name] = value
        given_id = cell_text(_get(values, index.get("id")))
        pairs = [(s, t) for s in ends["from"] for t in ends["to"]]
        for number, (source, target) in enumerate(pairs, start=1):
            connection_id = given_id
            if given_id and len(pairs) > 1:
                connection_id = f"{given_id}-{number}"
            if connection_id and connection_id in seen:
                where_sheet, where_row = seen[connection_id]
                issues.add(
                    f"Dubbele verbindings-ID '{connection_id}': die staat ook in "
                    f"{'blad ' + where_sheet + ', ' if where_sheet else ''}rij {where_row}.",
                    file=table.file,
                    sheet=table.sheet,
                    row=row,
                    column=column_name(table, index["id"]),
                )
                continue
            if connection_id:
                seen[connection_id] = (table.sheet, row)
            connections.append(
                Connection(
                    id=connection_id,
                    source=source,
                    target=target,
                    kind=cell_text(_get(values, index.get("type"))),
                    direction=direction,
                    strength=parse_number(_get(values, index.get("strength"))),
                    label=cell_text(_get(values, index.get("label"))),
                    description=cell_text(_get(values, index.get("description"))),
                    tags=split_multi(cell_text(_get(values, index.get("tags")))),
                    fields=dict(fields),
                )
            )
    return connections


def number_connections(connections: list[Connection]) -> None:
    """Give connections without an ID one (``c1``, ``c2``, ... not clashing with given IDs)."""
    used = {c.id for c in connections if c.id}
    counter = 0
    for connection in connections:
        if not connection.id:
            counter += 1
            while f"c{counter}" in used:
                counter += 1
            connection.id = f"c{counter}"
            used.add(connection.id)


def network_from_tables(tables: list[Table], issues: IssueCollector, implied: bool) -> Network:
    """Build a network from element and connection tables; raise on any problem."""
    element_seen: dict[str, tuple] = {}
    connection_seen: dict[str, tuple] = {}
    elements: list[Element] = []
    element_tables = [t for t in tables if t.is_elements()]
    connection_tables = [t for t in tables if t.is_connections()]
    for table in element_tables:
        elements.extend(read_elements(table, issues, element_seen))
    index = ElementIndex(elements, implied=implied and not element_tables)
    connections: list[Connection] = []
    for table in connection_tables:
        connections.extend(read_connections(table, issues, index, connection_seen))
    issues.raise_if_any()
    number_connections(connections)
    return Network(elements=index.elements, connections=connections)


# --- writing ---------------------------------------------------------------------------------


def field_names(items) -> list[str]:
    names: dict[str, None] = {}
    for item in items:
        for name in item.fields:
            names.setdefault(name, None)
    return list(names)


def export_value(value):
    if isinstance(value, list):
        return SEPARATOR.join(str(v) for v in value)
    return value


def element_table(network: Network, optional_always: bool = False) -> tuple[list[str], list[list]]:
    """Header and rows for elements; ID first so KUMU matches connections on it."""
    columns = ["ID", "Label", "Type", "Description", "Tags"]
    for extra in ("Image", "Email", "URL"):
        if optional_always or any(getattr(e, extra.lower()) for e in network.elements):
            columns.append(extra)
    custom = field_names(network.elements)
    rows = []
    for element in network.elements:
        row = [
            element.id,
            element.label,
            element.kind,
            element.description,
            SEPARATOR.join(element.tags),
        ]
        row += [getattr(element, c.lower()) for c in columns[5:]]
        row += [export_value(element.fields.get(name)) for name in custom]
        rows.append(row)
    return columns + custom, rows


def connection_table(network: Network) -> tuple[list[str], list[list]]:
    columns = list(CONNECTION_COLUMNS)
    custom = field_names(network.connections)
    rows = []
    for c in network.connections:
        rows.append(
            [
                c.source,
                c.target,
                c.id,
                c.kind,
                c.direction,
                c.strength,
                c.label,
                c.description,
                SEPARATOR.join(c.tags),
                *[export_value(c.fields.get(name)) for name in custom],
            ]
        )
    return columns + custom, rows
