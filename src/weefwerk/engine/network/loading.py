"""Reading a network from a file. ``load_network(path)`` picks a reader by file extension;
the interchange formats (KUMU, GEXF, GraphML, spreadsheets) can register theirs in READERS.

For now: a simple KUMU-like JSON file
``{"elements": [{"id", "label", "kind", "domains": [...]}],
   "connections": [{"from", "to", "kind", "direction", "strength"}]}``.
Errors are raised as NetworkInputError with a Dutch message naming the file and the place.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from .model import (
    DIRECTIONS,
    ELEMENT_KINDS,
    INFORMAL_NETWORK,
    ORGANISATION,
    UNDIRECTED,
    WORKS_WITH,
    Edge,
    Network,
    Node,
)

MAX_BYTES = 50 * 1024 * 1024

KIND_ALIASES = {
    "organisatie": "organisation",
    "persoon": "person",
    "overleg": "table",
    "consultation table": "table",
    "programma": "programme",
    "project": "programme",
    "programme or project": "programme",
    "informeel netwerk": "informal_network",
    "informal network": "informal_network",
}
DIRECTION_ALIASES = {"gericht": "directed", "ongericht": "undirected", "wederzijds": "mutual"}


class NetworkInputError(ValueError):
    """The file cannot be read as a network; the message is Dutch and names the place."""


def _text(value, where: str, name: str, required: bool = False) -> str:
    if value is None or value == "":
        if required:
            raise NetworkInputError(f"{where}: '{name}' ontbreekt.")
        return ""
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise NetworkInputError(f"{where}: '{name}' moet tekst zijn.")
    return str(value).strip()


def network_from_data(data, source: str = "invoer") -> Network:
    if not isinstance(data, dict):
        raise NetworkInputError(f"{source}: verwacht een object met 'elements' en 'connections'.")
    elements = data.get("elements")
    connections = data.get("connections", [])
    if not isinstance(elements, list) or not isinstance(connections, list):
        raise NetworkInputError(f"{source}: 'elements' en 'connections' moeten lijsten zijn.")
    nodes = []
    seen: set[str] = set()
    for number, item in enumerate(elements, start=1):
        where = f"{source}, element {number}"
        if not isinstance(item, dict):
            raise NetworkInputError(f"{where}: verwacht een object.")
        node_id = _text(item.get("id"), where, "id", required=True)
        if node_id in seen:
            raise NetworkInputError(f"{where}: id '{node_id}' komt twee keer voor.")
        seen.add(node_id)
        kind = _text(item.get("kind") or item.get("type") or "organisation", where, "kind")
        kind = KIND_ALIASES.get(kind.casefold(), kind.casefold())
        if kind not in ELEMENT_KINDS:
            raise NetworkInputError(f"{where}: onbekende soort '{kind}'.")
        domains = item.get("domains", [])
        if isinstance(domains, str):
            domains = [part for part in domains.split("|") if part.strip()]
        if not isinstance(domains, list) or not all(isinstance(d, str) for d in domains):
            raise NetworkInputError(f"{where}: 'domains' moet een lijst met tekst zijn.")
        label = _text(item.get("label"), where, "label") or node_id
        nodes.append(Node(node_id, label, kind, tuple(d.strip() for d in domains)))
    edges = []
    for number, item in enumerate(connections, start=1):
        where = f"{source}, verbinding {number}"
        if not isinstance(item, dict):
            raise NetworkInputError(f"{where}: verwacht een object.")
        ends = []
        for key in ("from", "to"):
            end = _text(item.get(key), where, key, required=True)
            if end not in seen:
                raise NetworkInputError(f"{where}: element '{end}' bestaat niet.")
            ends.append(end)
        kind = _text(item.get("kind") or item.get("type") or WORKS_WITH, where, "kind")
        direction = _text(item.get("direction") or UNDIRECTED, where, "direction").casefold()
        direction = DIRECTION_ALIASES.get(direction, direction)
        if direction not in DIRECTIONS:
            raise NetworkInputError(f"{where}: onbekende richting '{direction}'.")
        strength = item.get("strength", 1)
        if strength is None:
            strength = 1
        if isinstance(strength, bool) or not isinstance(strength, int) or not 1 <= strength <= 3:
            raise NetworkInputError(f"{where}: sterkte moet 1, 2 of 3 zijn.")
        edges.append(Edge(ends[0], ends[1], kind, direction, strength))
    return Network(nodes, edges)


def read_json(path: Path) -> Network:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise NetworkInputError(f"{path.name}: het bestand is geen UTF-8-tekst.") from error
    except json.JSONDecodeError as error:
        raise NetworkInputError(
            f"{path.name}: geen geldige JSON (regel {error.lineno}, kolom {error.colno})."
        ) from error
    if not _simple_shape(data):
        # Not our simple JSON: a KUMU blueprint or project backup.
        return read_interchange(path)
    return network_from_data(data, path.name)


def _simple_shape(data) -> bool:
    """Our own JSON, not KUMU's (whose elements carry "type", or "_id" and "attributes")."""
    if not isinstance(data, dict):
        return False
    items = [item for item in data.get("elements") or [] if isinstance(item, dict)]
    return not any({"type", "_id", "attributes"} & item.keys() for item in items)


def from_interchange(network) -> Network:
    """A network read by the interchange formats (KUMU, Onodo, GEXF, GraphML, spreadsheets)."""
    from weefwerk.engine.interchange import vocabulary

    nodes = []
    for element in network.elements:
        kind = vocabulary.ELEMENT_KINDS.get((element.kind or "").strip().lower(), ORGANISATION)
        kind = INFORMAL_NETWORK if kind == "informal" else kind
        domains: tuple[str, ...] = ()
        for name in vocabulary.DOMAIN_FIELDS:
            value = element.fields.get(name)
            if value:
                parts = value if isinstance(value, list) else str(value).split("|")
                domains = tuple(str(part).strip() for part in parts if str(part).strip())
                break
        nodes.append(Node(element.id, element.label or element.id, kind, domains))
    edges = []
    for connection in network.connections:
        kind = vocabulary.CONNECTION_KINDS.get((connection.kind or "").strip().lower())
        strength = connection.strength
        if not isinstance(strength, int) or isinstance(strength, bool) or not 1 <= strength <= 3:
            strength = 1
        edges.append(
            Edge(
                connection.source,
                connection.target,
                kind or connection.kind or WORKS_WITH,
                connection.direction if connection.direction in DIRECTIONS else UNDIRECTED,
                strength,
            )
        )
    return Network(nodes, edges)


def read_interchange(path: Path) -> Network:
    from weefwerk.engine.interchange import InterchangeError, read

    try:
        return from_interchange(read(path))
    except InterchangeError as error:
        raise NetworkInputError(str(error)) from None


READERS: dict[str, Callable[[Path], Network]] = {".json": read_json}


def load_network(path: str | Path) -> Network:
    path = Path(path)
    reader = READERS.get(path.suffix.casefold(), read_interchange)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise NetworkInputError(f"{path}: het bestand is niet te openen.") from error
    if size > MAX_BYTES:
        raise NetworkInputError(f"{path.name}: het bestand is groter dan 50 MB.")
    return reader(path)
