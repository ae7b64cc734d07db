"""Consistency checks on a :class:`Network`, run after reading and before writing."""

from __future__ import annotations

from weefwerk.engine.interchange.errors import Issue
from weefwerk.engine.interchange.model import (
    CONNECTION_RESERVED,
    DIRECTIONS,
    ELEMENT_RESERVED,
    Network,
)


def network_issues(network: Network, tabular: bool = False) -> list[Issue]:
    """Problems that would make the network ambiguous or unreadable; empty when fine.

    ``tabular``: also refuse what a spreadsheet cannot hold (``|`` inside an id or a tag,
    because ``|`` separates several values in one cell).
    """
    issues: list[Issue] = []
    ids: set[str] = set()
    for element in network.elements:
        item = f"element {element.id!r}"
        if not element.id:
            issues.append(Issue("Een element heeft geen id.", item=f"element {element.label!r}"))
        elif element.id in ids:
            issues.append(Issue(f"Dubbele id '{element.id}'.", item=item))
        ids.add(element.id)
        for name in element.fields:
            if name.strip().lower() in ELEMENT_RESERVED or not name.strip():
                issues.append(
                    Issue(f"Het eigen veld '{name}' heeft een gereserveerde naam.", item=item)
                )
        if tabular:
            if "|" in element.id:
                issues.append(Issue("Een id mag in een spreadsheet geen '|' bevatten.", item=item))
            if any("|" in tag for tag in element.tags):
                issues.append(Issue("Een label (tag) mag geen '|' bevatten.", item=item))
    connection_ids: set[str] = set()
    for connection in network.connections:
        item = f"verbinding {connection.id!r}"
        if not connection.id:
            issues.append(
                Issue(
                    "Een verbinding heeft geen id.",
                    item=f"verbinding {connection.source!r} -> {connection.target!r}",
                )
            )
        elif connection.id in connection_ids:
            issues.append(Issue(f"Dubbele id '{connection.id}'.", item=item))
        connection_ids.add(connection.id)
        for end in (connection.source, connection.target):
            if end not in ids:
                issues.append(
                    Issue(f"De verbinding verwijst naar een onbekend element '{end}'.", item=item)
                )
        if connection.direction not in DIRECTIONS:
            issues.append(Issue(f"Onbekende richting '{connection.direction}'.", item=item))
        for name in connection.fields:
            if name.strip().lower() in CONNECTION_RESERVED or not name.strip():
                issues.append(
                    Issue(f"Het eigen veld '{name}' heeft een gereserveerde naam.", item=item)
                )
        if tabular and any("|" in tag for tag in connection.tags):
            issues.append(Issue("Een label (tag) mag geen '|' bevatten.", item=item))
    for network_map in network.maps:
        for element_id in network_map.positions:
            if element_id not in ids:
                issues.append(
                    Issue(
                        f"De kaart heeft een positie voor een onbekend element '{element_id}'.",
                        item=f"kaart {network_map.name or network_map.id!r}",
                    )
                )
    return issues
