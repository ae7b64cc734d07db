"""KUMU's spreadsheet import (.xlsx) and Weefwerk's own workbook.

KUMU workbook: sheets are recognised by their first header cell (``Label`` or ``ID`` for
elements, ``From`` for connections); sheets whose name contains ``(ignore)`` are skipped; the
column rules are in :mod:`weefwerk.engine.interchange.tabular`.

Weefwerk workbook: the same two sheets (so KUMU reads it too) plus two sheets KUMU skips:

- ``Kaarten (ignore)``: one row per saved position: Kaart-ID, Kaart, Beschrijving, Element-ID,
  X, Y (a map without positions has one row with Element-ID empty);
- ``Netwerk (ignore)``: rows ``Naam`` and ``Beschrijving`` with the network's name and
  description.
"""

from __future__ import annotations

from weefwerk.engine.interchange.errors import InterchangeError, Issue, IssueCollector
from weefwerk.engine.interchange.model import Network, NetworkMap, Position
from weefwerk.engine.interchange.safety import DEFAULT_MAX_BYTES
from weefwerk.engine.interchange.tabular import (
    cell_text,
    connection_table,
    element_table,
    network_from_tables,
    parse_number,
)
from weefwerk.engine.interchange.workbook import (
    build_workbook,
    ignored_sheet,
    load_workbook,
    sheet_rows,
    sheet_tables,
)

MAPS_SHEET = "Kaarten (ignore)"
NETWORK_SHEET = "Netwerk (ignore)"
MAPS_HEADER = ["Kaart-ID", "Kaart", "Beschrijving", "Element-ID", "X", "Y"]
TABLE_NAME_HINTS = ("element", "connection", "verbinding", "node", "relation")


def read(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Network:
    workbook = load_workbook(data, name, max_bytes)
    issues = IssueCollector(name)
    tables = sheet_tables(workbook, name, issues)
    recognised = []
    for table in tables:
        if not table.header:
            if len(tables) == 1 or any(h in table.sheet.lower() for h in TABLE_NAME_HINTS):
                issues.add(
                    "Het blad is leeg. Rij 1 moet de kolomnamen bevatten (Label of ID voor "
                    "elementen, From en To voor verbindingen).",
                    sheet=table.sheet,
                )
            continue
        if table.is_elements() or table.is_connections():
            recognised.append(table)
        else:
            issues.add(
                "Dit blad wordt niet herkend: cel A1 moet 'Label' of 'ID' zijn (elementen) of "
                f"'From' (verbindingen), maar is '{cell_text(table.header[0])}'. Zet "
                "'(ignore)' in de bladnaam om het blad over te slaan.",
                sheet=table.sheet,
                row=1,
                column="A",
            )
    if not recognised and not issues:
        issues.add("Geen blad met elementen of verbindingen gevonden.")
    network = network_from_tables(recognised, issues, implied=True)
    if not network.elements:
        raise InterchangeError(Issue("Het bestand bevat geen elementen.", file=name))
    read_network_sheet(workbook, network, name)
    read_maps_sheet(workbook, network, name)
    return network


def read_network_sheet(workbook, network: Network, name: str) -> None:
    sheet = ignored_sheet(workbook, NETWORK_SHEET)
    if sheet is None:
        return
    for _, values in sheet_rows(sheet):
        key = cell_text(values[0] if values else None).lower()
        value = cell_text(values[1] if len(values) > 1 else None)
        if key == "naam":
            network.name = value
        elif key == "beschrijving":
            network.description = value


def read_maps_sheet(workbook, network: Network, name: str) -> None:
    sheet = ignored_sheet(workbook, MAPS_SHEET)
    if sheet is None:
        return
    issues = IssueCollector(name)
    ids = {e.id for e in network.elements}
    maps: dict[str, NetworkMap] = {}
    for row, values in sheet_rows(sheet)[1:]:
        values = list(values) + [None] * 6
        map_id = cell_text(values[0])
        if not map_id:
            continue
        network_map = maps.setdefault(
            map_id,
            NetworkMap(id=map_id, name=cell_text(values[1]), description=cell_text(values[2])),
        )
        element_id = cell_text(values[3])
        if not element_id:
            continue
        if element_id not in ids:
            issues.add(f"Onbekend element '{element_id}'.", sheet=sheet.title, row=row, column="D")
            continue
        x, y = parse_number(values[4]), parse_number(values[5])
        if not isinstance(x, int | float) or not isinstance(y, int | float):
            issues.add("X en Y moeten getallen zijn.", sheet=sheet.title, row=row, column="E")
            continue
        network_map.positions[element_id] = Position(float(x), float(y))
    issues.raise_if_any()
    network.maps = list(maps.values())


def write_kumu(network: Network) -> bytes:
    return build_workbook(
        [("Elements", *element_table(network)), ("Connections", *connection_table(network))]
    )


def write_weefwerk(network: Network) -> bytes:
    map_rows = []
    for network_map in network.maps:
        base = [network_map.id, network_map.name, network_map.description]
        if not network_map.positions:
            map_rows.append([*base, None, None, None])
        for element_id, position in network_map.positions.items():
            map_rows.append([*base, element_id, position.x, position.y])
    return build_workbook(
        [
            ("Elements", *element_table(network)),
            ("Connections", *connection_table(network)),
            (MAPS_SHEET, MAPS_HEADER, map_rows),
            (
                NETWORK_SHEET,
                ["Veld", "Waarde"],
                [["Naam", network.name], ["Beschrijving", network.description]],
            ),
        ]
    )
