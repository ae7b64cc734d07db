"""Weak spots: single points of failure, organisations that hang on one person, consultation
tables without key domains, and ties that exist only one way.

One depth-first search finds every articulation point (an element whose departure splits the
network) and every bridge (a tie whose loss splits it), as ``nx.articulation_points`` and
``nx.bridges``. Because every DFS subtree is a contiguous stretch of the visiting order, a
departure can then be simulated for any element without walking the network again.
"""

from __future__ import annotations

from functools import cached_property

from . import dutch
from .graph import IndexedGraph, as_indexed
from .model import ORGANISATION, PERSON, TABLE, TAKES_PART_IN, Network

REQUIRED_AT_TABLES = ("Ervaringsdeskundigheid", "Onderwijs", "Jeugdgezondheidszorg")
EXAMPLES = 5


class CutStructure:
    def __init__(self, g: IndexedGraph):
        self.g = g
        n = g.n
        adjacency = g.adjacency
        disc = [-1] * n
        low = [0] * n
        size = [1] * n
        parent = [-1] * n
        root_of = [0] * n
        order: list[int] = []
        separated: dict[int, list[int]] = {}
        bridges: list[tuple[int, int]] = []
        for root in range(n):
            if disc[root] != -1:
                continue
            disc[root] = low[root] = len(order)
            order.append(root)
            root_of[root] = root
            stack = [(root, iter(adjacency[root]))]
            while stack:
                v, neighbours = stack[-1]
                for w in neighbours:
                    if disc[w] == -1:
                        parent[w] = v
                        root_of[w] = root
                        disc[w] = low[w] = len(order)
                        order.append(w)
                        stack.append((w, iter(adjacency[w])))
                        break
                    if w != parent[v] and disc[w] < low[v]:
                        low[v] = disc[w]
                else:
                    stack.pop()
                    if stack:
                        p = stack[-1][0]
                        size[p] += size[v]
                        if low[v] < low[p]:
                            low[p] = low[v]
                        if low[v] >= disc[p]:
                            separated.setdefault(p, []).append(v)
                        if low[v] > disc[p]:
                            bridges.append((p, v) if p < v else (v, p))
        self.disc, self.size, self.order, self.root_of = disc, size, order, root_of
        self.separated = separated
        self.bridges = sorted(bridges)
        self.articulation_points = sorted(
            v for v, children in separated.items() if root_of[v] != v or len(children) > 1
        )

    @cached_property
    def _domain_totals(self) -> list[int]:
        return self._counts(range(self.g.n))

    @cached_property
    def sole_domain_holders(self) -> list[int]:
        """Elements that alone carry a domain: when they leave, the domain leaves too."""
        lone_bits = [bit for bit, total in enumerate(self._domain_totals) if total == 1]
        if not lone_bits:
            return []
        lone_mask = sum(1 << bit for bit in lone_bits)
        return [v for v in range(self.g.n) if self.g.domain_masks[v] & lone_mask]

    def _counts(self, members) -> list[int]:
        """How many of ``members`` carry each domain bit."""
        g = self.g
        by_mask: dict[int, int] = {}
        for v in members:
            mask = g.domain_masks[v]
            by_mask[mask] = by_mask.get(mask, 0) + 1
        counts = [0] * len(g.domain_names)
        for mask, count in by_mask.items():
            for bit in range(mask.bit_length()):
                if mask >> bit & 1:
                    counts[bit] += count
        return counts

    def pieces(self, v: int) -> list[tuple[int, list[tuple[int, int]]]]:
        """What v's component falls apart into when v leaves: (size, DFS-order ranges)."""
        root = self.root_of[v]
        start, end = self.disc[root], self.disc[root] + self.size[root]
        children = self.separated.get(v, [])
        if root == v and len(children) < 2:
            children = []
        pieces = []
        covered = 0
        for w in children:
            pieces.append((self.size[w], [(self.disc[w], self.disc[w] + self.size[w])]))
            covered += self.size[w]
        rest = (end - start) - 1 - covered
        if rest > 0:
            # Everything outside the separated subtrees (and v itself) stays together.
            ranges, cursor = [], start
            for a, b in sorted([(self.disc[v], self.disc[v] + 1)] + [r for _, [r] in pieces]):
                if cursor < a:
                    ranges.append((cursor, a))
                cursor = b
            if cursor < end:
                ranges.append((cursor, end))
            pieces.append((rest, ranges))
        pieces.sort(key=lambda piece: -piece[0])
        return pieces

    def simulate(self, v: int) -> dict:
        g = self.g
        label = g.nodes[v].name
        pieces = self.pieces(v)
        cut_off = pieces[1:]
        cut_nodes = [self.order[i] for _, ranges in cut_off for a, b in ranges for i in range(a, b)]
        own = g.domain_masks[v]
        lost_mask = 0
        cut_mask = 0
        if g.domain_names:
            totals = self._domain_totals
            for bit, total in enumerate(totals):
                if own >> bit & 1 and total == 1:
                    lost_mask |= 1 << bit
            if cut_off:
                cut_counts = self._counts(cut_nodes)
                component = self.g.components[self.g.component_of[v]]
                component_counts = self._counts(component)
                for bit, own_count in enumerate(self._counts([v])):
                    main = component_counts[bit] - own_count - cut_counts[bit]
                    if cut_counts[bit] and not main:
                        cut_mask |= 1 << bit
        domains_cut_off = g.domains_of_mask(cut_mask)
        domains_lost = g.domains_of_mask(lost_mask)
        examples = [g.nodes[u].name for u in sorted(cut_nodes, key=lambda u: -g.degree[u])]
        return {
            "id": g.ids[v],
            "label": label,
            "splits": bool(cut_off),
            "pieces_after": len(pieces),
            "cut_off_count": len(cut_nodes),
            "cut_off_ids": [g.ids[u] for u in cut_nodes],
            "cut_off_examples": examples[:EXAMPLES],
            "domains_cut_off": domains_cut_off,
            "domains_lost": domains_lost,
            "text": departure_text(label, len(pieces), examples, domains_cut_off, domains_lost),
        }


def departure_text(label, pieces, cut_off_labels, domains_cut_off, domains_lost) -> str:
    count = len(cut_off_labels)
    if count:
        sentence = (
            f"Als {label} vertrekt, valt het netwerk uiteen in {dutch.number(pieces)} delen: "
            f"{dutch.count_noun(count, 'element raakt', 'elementen raken')} los van de rest"
        )
        shown = cut_off_labels[:3]
        if count > len(shown):
            sentence += f", onder andere {dutch.join(shown)}."
        else:
            sentence += f" ({dutch.join(shown)})."
    else:
        sentence = f"Als {label} vertrekt, blijven alle anderen met elkaar verbonden."
    if domains_cut_off:
        if len(domains_cut_off) == 1:
            sentence += f" Het domein {domains_cut_off[0]} raakt dan los van de rest."
        else:
            sentence += f" De domeinen {dutch.join(domains_cut_off)} raken dan los van de rest."
    if domains_lost:
        if len(domains_lost) == 1:
            sentence += f" {label} is de enige uit het domein {domains_lost[0]}."
        else:
            sentence += f" {label} is de enige uit de domeinen {dutch.join(domains_lost)}."
    return sentence


def simulate_departure(network: Network | IndexedGraph, element_id: str) -> dict:
    """What happens when this element leaves: which elements and domains lose the rest."""
    g = as_indexed(network)
    if element_id not in g.index:
        raise KeyError(element_id)
    return CutStructure(g).simulate(g.index[element_id])


def organisations_through_one_person(g: IndexedGraph) -> list[dict]:
    """Organisations whose only contact with the rest runs through one person.

    All of the organisation's ties are with persons, and exactly one of those persons has any
    other tie (the others only know this organisation).
    """
    result = []
    nodes = g.nodes
    for o, node in enumerate(nodes):
        if node.kind != ORGANISATION or not g.degree[o]:
            continue
        neighbours = g.neighbours[o]
        if any(nodes[p].kind != PERSON for p in neighbours):
            continue
        connectors = [p for p in neighbours if g.degree[p] > 1]
        if len(connectors) != 1:
            continue
        p = connectors[0]
        person = nodes[p].name
        result.append(
            {
                "id": node.id,
                "label": node.name,
                "person_id": nodes[p].id,
                "person_label": person,
                "text": (
                    f"{node.name} is alleen via {person} verbonden met de rest van het netwerk. "
                    f"Als {person} vertrekt, raakt {node.name} uit beeld."
                ),
            }
        )
    return result


def tables_missing_domains(
    g: IndexedGraph, required: tuple[str, ...] | list[str] = REQUIRED_AT_TABLES
) -> list[dict]:
    """Consultation tables where none of the members carries a required domain.

    Members are the elements tied to the table by "takes part in"; a table without such ties
    counts all its neighbours as members. Domain names match without regard to case.
    """
    members: dict[int, set[int]] = {}
    for edge in g.network.edges:
        if edge.kind != TAKES_PART_IN:
            continue
        u, v = g.index[edge.source], g.index[edge.target]
        if g.nodes[v].kind == TABLE:
            members.setdefault(v, set()).add(u)
        if g.nodes[u].kind == TABLE:
            members.setdefault(u, set()).add(v)
    result = []
    for t, node in enumerate(g.nodes):
        if node.kind != TABLE:
            continue
        present = set()
        for m in members.get(t) or g.neighbours[t]:
            present.update(domain.casefold() for domain in g.nodes[m].domains)
        missing = [domain for domain in required if domain.casefold() not in present]
        if missing:
            result.append(
                {
                    "id": node.id,
                    "label": node.name,
                    "missing": missing,
                    "text": f"Bij het overleg {node.name} zit niemand uit {dutch.join(missing)}.",
                }
            )
    return result


def one_way_ties(g: IndexedGraph) -> list[dict]:
    """Directed connections that nobody reported the other way round."""
    result = []
    wanted = set(g.one_way_arcs)
    if not wanted:
        return result
    seen = set()
    for edge in g.directed_edges:
        u, v = g.index[edge.source], g.index[edge.target]
        if (u, v) not in wanted or (u, v, edge.kind) in seen:
            continue
        seen.add((u, v, edge.kind))
        a, b = g.nodes[u].name, g.nodes[v].name
        result.append(
            {
                "from": edge.source,
                "to": edge.target,
                "kind": edge.kind,
                "text": f"{a} {dutch.verb(edge.kind)} {b}, maar andersom is er geen verbinding.",
            }
        )
    return result


def weak_spots(
    g: IndexedGraph,
    *,
    cuts: CutStructure | None = None,
    required_at_tables: tuple[str, ...] | list[str] = REQUIRED_AT_TABLES,
    limit: int = 20,
) -> dict:
    """All weak spots. Departures: the ``limit`` elements whose leaving hurts most, first those
    that split the network (most cut off first), then those that alone carry a domain."""
    cuts = cuts or CutStructure(g)

    def cut_off(v):
        pieces = cuts.pieces(v)
        return sum(size for size, _ in pieces[1:])

    ranked = sorted(cuts.articulation_points, key=lambda v: (-cut_off(v), g.ids[v]))
    splitting = set(ranked)
    lone = [v for v in cuts.sole_domain_holders if v not in splitting]
    lone.sort(key=lambda v: (-g.degree[v], g.ids[v]))
    departures = [cuts.simulate(v) for v in (ranked + lone)[:limit]]
    ties = one_way_ties(g)
    return {
        "articulation_point_count": len(ranked),
        "sole_domain_holder_count": len(cuts.sole_domain_holders),
        "departures": departures,
        "bridges": [[g.ids[u], g.ids[v]] for u, v in cuts.bridges],
        "organisations_through_one_person": organisations_through_one_person(g),
        "tables_missing_domains": tables_missing_domains(g, required_at_tables),
        "one_way_tie_count": len(ties),
        "one_way_ties": ties[: limit * 5],
    }
