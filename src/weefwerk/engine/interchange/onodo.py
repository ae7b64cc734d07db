"""The Onodo spreadsheet template (.xlsx): sheets ``Nodes`` and ``Relations``.

Onodo (https://onodo.org, civio/onodo) imports:

- ``Nodes``: Name, Type, Description, Visible (1 or 0), and any further columns as custom
  fields;
- ``Relations``: Source, Type, Target, Directed (1 or 0), and any further columns as custom
  fields. Source and Target are node names.

Onodo names its nodes by ``Name``, so an element's id is its name here. Weefwerk also writes the
columns Tags, Image, Email and URL (nodes) and Label, Description, Tags and Strength (relations);
Onodo shows them as custom fields, and Weefwerk reads them back into their own place. ``Visible``
becomes the custom field ``Visible`` when it is 0 (a node is visible unless it says otherwise).

What Onodo cannot carry: element ids (the name is the id, so names must be unique), connection
ids, "mutual" direction (written as Directed 1), maps and positions, field definitions and the
network's name and description.
"""

from __future__ import annotations

from weefwerk.engine.interchange.errors import InterchangeError, Issue, IssueCollector
from weefwerk.engine.interchange.model import DIRECTED, UNDIRECTED, Connection, Element, Network
from weefwerk.engine.interchange.safety import DEFAULT_MAX_BYTES
from weefwerk.engine.interchange.tabular import (
    ElementIndex,
    Table,
    cell_text,
    cell_value,
    column_name,
    header_index,
    is_blank,
    missing_columns,
    number_connections,
    parse_number,
    split_multi,
)
from weefwerk.engine.interchange.workbook import build_workbook, load_workbook, sheet_tables

NODE_COLUMNS = ("Name", "Type", "Description", "Visible", "Tags", "Image", "Email", "URL")
RELATION_COLUMNS = (
    "Source",
    "Type",
    "Target",
    "Directed",
    "Label",
    "Description",
    "Tags",
    "Strength",
)
TRUE_WORDS = {"1", "true", "yes", "ja", "waar", "x"}
FALSE_WORDS = {"0", "false", "no", "nee", "onwaar", ""}


def is_onodo(sheet_titles: list[str]) -> bool:
    lowered = {t.strip().lower() for t in sheet_titles}
    return "nodes" in lowered and "relations" in lowered


def _flag(value) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    word = cell_text(value).lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def _get(values: list, position: int | None):
    if position is None or position >= len(values):
        return None
    return values[position]


def read(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Network:
    workbook = load_workbook(data, name, max_bytes)
    issues = IssueCollector(name)
    tables = {t.sheet.strip().lower(): t for t in sheet_tables(workbook, name, issues)}
    nodes, relations = tables.get("nodes"), tables.get("relations")
    for title, table in (("Nodes", nodes), ("Relations", relations)):
        if table is None:
            issues.add(f"Het blad '{title}' ontbreekt (Onodo-sjabloon: Nodes en Relations).")
        elif not table.header:
            issues.add("Het blad is leeg. Rij 1 moet de kolomnamen bevatten.", sheet=table.sheet)
    issues.raise_if_any()
    elements = read_nodes(nodes, issues)
    index = ElementIndex(elements)
    connections = read_relations(relations, issues, index)
    issues.raise_if_any()
    if not elements:
        raise InterchangeError(Issue("Het blad Nodes bevat geen elementen.", file=name))
    number_connections(connections)
    return Network(elements=elements, connections=connections)


def _custom(table: Table, index: dict[str, int], reserved: tuple[str, ...]):
    lowered = {r.lower() for r in reserved}
    return [(p, cell_text(table.header[p])) for k, p in index.items() if k not in lowered]


def read_nodes(table: Table, issues: IssueCollector) -> list[Element]:
    index = header_index(table, issues)
    if missing_columns(table, index, ("Name",), NODE_COLUMNS, issues):
        return []
    custom = _custom(table, index, NODE_COLUMNS)
    elements: list[Element] = []
    seen: dict[str, int] = {}
    for row, values in table.rows:
        if is_blank(values):
            continue
        label = cell_text(_get(values, index["name"]))
        where = {"file": table.file, "sheet": table.sheet, "row": row}
        if not label:
            issues.add(
                "De node heeft geen naam (Name is leeg).",
                column=column_name(table, index["name"]),
                **where,
            )
            continue
        if label in seen:
            issues.add(
                f"Dubbele naam '{label}': die staat ook in rij {seen[label]}.",
                column=column_name(table, index["name"]),
                **where,
            )
            continue
        seen[label] = row
        fields = {}
        for position, field_name in custom:
            value = cell_value(_get(values, position))
            if value is not None:
                fields[field_name] = value
        if "visible" in index:
            visible = _flag(_get(values, index["visible"]))
            if visible is None:
                issues.add(
                    "Visible moet 1 of 0 zijn.",
                    column=column_name(table, index["visible"]),
                    **where,
                )
            elif not visible and cell_text(_get(values, index["visible"])):
                fields["Visible"] = 0
        elements.append(
            Element(
                id=label,
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


def read_relations(table: Table, issues: IssueCollector, elements: ElementIndex):
    index = header_index(table, issues)
    if missing_columns(table, index, ("Source", "Target"), RELATION_COLUMNS, issues):
        return []
    custom = _custom(table, index, RELATION_COLUMNS)
    connections = []
    for row, values in table.rows:
        if is_blank(values):
            continue
        where = {"file": table.file, "sheet": table.sheet, "row": row}
        ends = []
        for end in ("source", "target"):
            reference = cell_text(_get(values, index[end]))
            column = column_name(table, index[end])
            if not reference:
                issues.add(f"{end.capitalize()} is leeg.", column=column, **where)
                continue
            element_id, problem = elements.resolve(reference)
            if problem:
                issues.add(problem, column=column, **where)
            else:
                ends.append(element_id)
        directed = True
        if "directed" in index:
            directed = _flag(_get(values, index["directed"]))
            if directed is None:
                issues.add(
                    "Directed moet 1 of 0 zijn.",
                    column=column_name(table, index["directed"]),
                    **where,
                )
        if len(ends) < 2 or directed is None:
            continue
        fields = {}
        for position, field_name in custom:
            value = cell_value(_get(values, position))
            if value is not None:
                fields[field_name] = value
        connections.append(
            Connection(
                id="",
                source=ends[0],
                target=ends[1],
                kind=cell_text(_get(values, index.get("type"))),
                direction=DIRECTED if directed else UNDIRECTED,
                strength=parse_number(_get(values, index.get("strength"))),
                label=cell_text(_get(values, index.get("label"))),
                description=cell_text(_get(values, index.get("description"))),
                tags=split_multi(cell_text(_get(values, index.get("tags")))),
                fields=fields,
            )
        )
    return connections


def write(network: Network) -> bytes:
    labels: dict[str, str] = {}
    problems = []
    for element in network.elements:
        if element.label in labels:
            problems.append(
                Issue(
                    f"Onodo herkent nodes aan hun naam, en de naam '{element.label}' komt "
                    "twee keer voor. Geef de elementen verschillende namen.",
                    item=f"element {element.id}",
                )
            )
        labels[element.label] = element.id
    if problems:
        raise InterchangeError(problems)
    label_of = {e.id: e.label for e in network.elements}
    node_fields = _field_names(network.elements, exclude={"visible"})
    node_header = ["Name", "Type", "Description", "Visible", "Tags", "Image", "Email", "URL"]
    node_rows = []
    for e in network.elements:
        visible = e.fields.get("Visible", 1)
        node_rows.append(
            [
                e.label,
                e.kind,
                e.description,
                1 if _flag(visible) else 0,
                "|".join(e.tags),
                e.image,
                e.email,
                e.url,
                *[e.fields.get(n) for n in node_fields],
            ]
        )
    relation_fields = _field_names(network.connections)
    relation_header = list(RELATION_COLUMNS)
    relation_rows = []
    for c in network.connections:
        relation_rows.append(
            [
                label_of[c.source],
                c.kind,
                label_of[c.target],
                0 if c.direction == UNDIRECTED else 1,
                c.label,
                c.description,
                "|".join(c.tags),
                c.strength,
                *[c.fields.get(n) for n in relation_fields],
            ]
        )
    return build_workbook(
        [
            ("Nodes", node_header + node_fields, node_rows),
            ("Relations", relation_header + relation_fields, relation_rows),
        ]
    )


def _field_names(items, exclude: set[str] = frozenset()) -> list[str]:
    names: dict[str, None] = {}
    for item in items:
        for name in item.fields:
            if name.lower() not in exclude:
                names.setdefault(name, None)
    return list(names)
