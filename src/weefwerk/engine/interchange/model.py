"""The neutral in-memory network that every reader produces and every writer consumes.

Plain dataclasses, no Django. Field values keep their type (text, whole number, decimal number,
yes/no, list of text) so a KUMU project backup reads back exactly as it was written.

Names follow KUMU, the tool most users come from:

- an :class:`Element` has an ``id``, a ``label`` and a ``kind`` (KUMU's "Type", Onodo's "Type",
  Weefwerk's organisation / person / overleg / ...), a description, tags, an image, e-mail and
  URL (KUMU's other reserved element fields) and custom ``fields``;
- a :class:`Connection` runs from ``source`` to ``target`` (KUMU's From and To), with a kind, a
  direction (directed, undirected or mutual), a strength, a label, description, tags and fields;
- a :class:`NetworkMap` is one of KUMU's maps: a named view with a position per element;
- :class:`FieldDefinition` is KUMU's field ("attribute") definition: its name, format and the
  values offered in a list.

``extra`` dictionaries carry what only one format knows (KUMU's perspectives, a connection's
curvature on a map, ...) so that format can write it back; other formats ignore them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

FieldValue = Union[str, int, float, bool, list, None]  # noqa: UP007 (readable alias)

DIRECTED = "directed"
UNDIRECTED = "undirected"
MUTUAL = "mutual"
DIRECTIONS = (DIRECTED, UNDIRECTED, MUTUAL)

# Reserved names (lower case) that are not custom fields, as KUMU defines them.
ELEMENT_RESERVED = ("id", "label", "type", "description", "tags", "image", "email", "url")
CONNECTION_RESERVED = (
    "id",
    "from",
    "to",
    "type",
    "label",
    "description",
    "tags",
    "direction",
    "strength",
)


@dataclass
class Position:
    x: float
    y: float


@dataclass
class Element:
    id: str
    label: str
    kind: str = ""
    description: str = ""
    tags: list[str] = field(default_factory=list)
    image: str = ""
    email: str = ""
    url: str = ""
    fields: dict[str, FieldValue] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)


@dataclass
class Connection:
    id: str
    source: str  # element id ("From")
    target: str  # element id ("To")
    kind: str = ""
    direction: str = DIRECTED
    strength: int | float | str | None = None
    label: str = ""
    description: str = ""
    tags: list[str] = field(default_factory=list)
    fields: dict[str, FieldValue] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)


@dataclass
class NetworkMap:
    """A named view of the network with saved positions (KUMU: a map)."""

    id: str
    name: str = ""
    description: str = ""
    positions: dict[str, Position] = field(default_factory=dict)  # element id -> position
    extra: dict = field(default_factory=dict)


@dataclass
class FieldDefinition:
    """A custom field's definition (KUMU: attribute) with its format and list values."""

    name: str
    format: str = "string"  # KUMU: string, text, number, url, ...
    values: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


@dataclass
class Network:
    elements: list[Element] = field(default_factory=list)
    connections: list[Connection] = field(default_factory=list)
    maps: list[NetworkMap] = field(default_factory=list)
    name: str = ""
    description: str = ""
    field_definitions: list[FieldDefinition] = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    # --- look-ups -------------------------------------------------------------------------

    def element(self, element_id: str) -> Element | None:
        for element in self.elements:
            if element.id == element_id:
                return element
        return None

    def position(self, element_id: str, map_id: str | None = None) -> Position | None:
        """The element's position on ``map_id`` (default: the first map), if it has one."""
        for network_map in self.maps:
            if map_id is None or network_map.id == map_id:
                return network_map.positions.get(element_id)
        return None

    # --- summaries (used by previews and tests) -------------------------------------------

    def element_kinds(self) -> set[str]:
        return {e.kind for e in self.elements if e.kind}

    def connection_kinds(self) -> set[str]:
        return {c.kind for c in self.connections if c.kind}

    def tags(self) -> set[str]:
        found: set[str] = set()
        for item in [*self.elements, *self.connections]:
            found.update(item.tags)
        return found

    def custom_field_names(self) -> set[str]:
        found: set[str] = set()
        for item in [*self.elements, *self.connections]:
            found.update(item.fields)
        return found

    def position_count(self) -> int:
        return sum(len(m.positions) for m in self.maps)

    def summary(self) -> dict[str, int]:
        return {
            "elements": len(self.elements),
            "connections": len(self.connections),
            "element_kinds": len(self.element_kinds()),
            "connection_kinds": len(self.connection_kinds()),
            "tags": len(self.tags()),
            "custom_fields": len(self.custom_field_names()),
            "maps": len(self.maps),
            "positions": self.position_count(),
        }
