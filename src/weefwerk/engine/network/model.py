"""Plain data for a network map: elements (nodes), connections (edges) and the network.

The kinds follow the network map of the web application: organisations, persons,
consultation tables (overleggen), programmes or projects and informal networks, connected by
ties of a kind (takes part in, works with, refers to, calls when stuck, funds or a custom kind),
a direction and a strength from 1 to 3.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

ORGANISATION = "organisation"
PERSON = "person"
TABLE = "table"
PROGRAMME = "programme"
INFORMAL_NETWORK = "informal_network"
ELEMENT_KINDS = (ORGANISATION, PERSON, TABLE, PROGRAMME, INFORMAL_NETWORK)

TAKES_PART_IN = "takes_part_in"
WORKS_WITH = "works_with"
REFERS_TO = "refers_to"
CALLS_WHEN_STUCK = "calls_when_stuck"
FUNDS = "funds"
CUSTOM = "custom"
CONNECTION_KINDS = (TAKES_PART_IN, WORKS_WITH, REFERS_TO, CALLS_WHEN_STUCK, FUNDS, CUSTOM)

DIRECTED = "directed"
UNDIRECTED = "undirected"
MUTUAL = "mutual"
DIRECTIONS = (DIRECTED, UNDIRECTED, MUTUAL)


class NetworkError(ValueError):
    """The network data is inconsistent (duplicate ids, ties to unknown elements, ...)."""


@dataclass(frozen=True, slots=True)
class Node:
    """One element of the map."""

    id: str
    label: str = ""
    kind: str = ORGANISATION
    domains: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.label or self.id


@dataclass(frozen=True, slots=True)
class Edge:
    """One connection. ``kind`` may be any string; the known kinds are in CONNECTION_KINDS."""

    source: str
    target: str
    kind: str = WORKS_WITH
    direction: str = UNDIRECTED
    weight: int = 1

    @property
    def one_way(self) -> bool:
        return self.direction == DIRECTED


@dataclass(slots=True)
class Network:
    """Elements and connections. Construction checks ids; use ``Network.build`` for iterables."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for node in self.nodes:
            if node.id in seen:
                raise NetworkError(f"duplicate element id {node.id!r}")
            seen.add(node.id)
        for edge in self.edges:
            for end in (edge.source, edge.target):
                if end not in seen:
                    raise NetworkError(f"connection refers to unknown element {end!r}")
            if edge.direction not in DIRECTIONS:
                raise NetworkError(f"unknown direction {edge.direction!r}")

    @classmethod
    def build(cls, nodes: Iterable[Node], edges: Iterable[Edge]) -> Network:
        return cls(list(nodes), list(edges))

    def node(self, node_id: str) -> Node:
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(node_id)

    def to_dict(self) -> dict:
        """KUMU-like plain data, the same shape the JSON loader reads."""
        return {
            "elements": [
                {"id": n.id, "label": n.label, "kind": n.kind, "domains": list(n.domains)}
                for n in self.nodes
            ],
            "connections": [
                {
                    "from": e.source,
                    "to": e.target,
                    "kind": e.kind,
                    "direction": e.direction,
                    "strength": e.weight,
                }
                for e in self.edges
            ],
        }
