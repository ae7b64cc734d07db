"""What is missing: absent or thin domains, isolated elements, and the best-represented
parties (the playbook asks the group to name the three best-represented parties)."""

from __future__ import annotations

from . import dutch
from .graph import IndexedGraph
from .model import ORGANISATION, PERSON, TABLE

# The trajectory's default reference list (the web application lets each trajectory edit it).
REFERENCE_DOMAINS = (
    "Schuldhulpverlening",
    "Budgetcoaching",
    "Kerkelijke organisaties",
    "Welzijnswerk",
    "Jeugdgezondheidszorg",
    "Onderwijs",
    "Ervaringsdeskundigheid",
    "Gemeente / inkomen",
    "Wijkteam",
    "Voedselbank",
    "Kinderopvang",
    "Sport en cultuur",
    "Woningcorporatie",
    "GGD",
    "Huisarts / zorg",
)
THIN_BELOW = 2


def missing_domains(
    g: IndexedGraph, reference=REFERENCE_DOMAINS, thin_below: int = THIN_BELOW
) -> dict:
    """Reference domains that no element carries (absent) or fewer than ``thin_below`` do."""
    carriers: dict[str, list[int]] = {}
    for v, node in enumerate(g.nodes):
        for domain in node.domains:
            carriers.setdefault(domain.casefold(), []).append(v)
    absent, thin = [], []
    for domain in reference:
        found = carriers.get(domain.casefold(), [])
        if not found:
            absent.append({"domain": domain, "text": f"Niemand in het netwerk komt uit {domain}."})
        elif len(found) < thin_below:
            labels = [g.nodes[v].name for v in found]
            thin.append(
                {
                    "domain": domain,
                    "count": len(found),
                    "ids": [g.ids[v] for v in found],
                    "text": (
                        f"Uit {domain} zit maar "
                        f"{dutch.count_noun(len(found), 'element', 'elementen')} in het netwerk: "
                        f"{dutch.join(labels)}."
                    ),
                }
            )
    return {"absent": absent, "thin": thin}


def isolated_elements(g: IndexedGraph) -> list[dict]:
    return [
        {"id": node.id, "label": node.name, "text": f"{node.name} heeft nog geen verbindingen."}
        for v, node in enumerate(g.nodes)
        if not g.degree[v]
    ]


def best_represented(
    g: IndexedGraph, top: int = 3, kinds: tuple[str, ...] = (ORGANISATION,)
) -> list[dict]:
    """Parties ranked by the consultation tables they sit at, then by their ties.

    An organisation sits at a table directly or through a person whose only organisation it is.
    """
    nodes = g.nodes
    tables: dict[int, set[int]] = {
        v: {w for w in g.adjacency[v] if nodes[w].kind == TABLE}
        for v, node in enumerate(nodes)
        if node.kind in kinds
    }
    for p, node in enumerate(nodes):
        if node.kind != PERSON:
            continue
        organisations = [w for w in g.adjacency[p] if nodes[w].kind in kinds]
        if len(organisations) == 1:
            tables[organisations[0]].update(w for w in g.adjacency[p] if nodes[w].kind == TABLE)
    ranked = sorted(tables, key=lambda v: (-len(tables[v]), -g.degree[v], nodes[v].name))
    result = []
    for v in ranked[:top]:
        seats, ties = len(tables[v]), g.degree[v]
        result.append(
            {
                "id": nodes[v].id,
                "label": nodes[v].name,
                "tables": seats,
                "ties": ties,
                "text": (
                    f"{nodes[v].name} zit aan "
                    f"{dutch.count_noun(seats, 'overleg', 'overleggen')} en heeft "
                    f"{dutch.count_noun(ties, 'verbinding', 'verbindingen')}."
                ),
            }
        )
    return result
