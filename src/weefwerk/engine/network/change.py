"""Change between two snapshots of the same map."""

from __future__ import annotations

from .analysis import analyse
from .graph import IndexedGraph
from .model import DIRECTED, ORGANISATION, Network


def _tie_key(edge) -> tuple:
    if edge.direction == DIRECTED:
        return (edge.source, edge.target, edge.kind, DIRECTED)
    a, b = sorted((edge.source, edge.target))
    return (a, b, edge.kind, "both")


def organisation_pairs_within_two_steps(g: IndexedGraph) -> float | None:
    """Share of pairs of organisations that are at most two steps apart (via anything)."""
    organisations = [v for v, node in enumerate(g.nodes) if node.kind == ORGANISATION]
    if len(organisations) < 2:
        return None
    wanted = set(organisations)
    pairs = 0
    for o in organisations:
        near = set(g.adjacency[o])
        for w in g.adjacency[o]:
            near.update(g.adjacency[w])
        near.discard(o)
        pairs += len(near & wanted)
    k = len(organisations)
    return (pairs / 2) / (k * (k - 1) / 2)


def compare(before: Network, after: Network, *, top: int = 10, seed: int = 0) -> dict:
    old_ties = {_tie_key(e): e for e in before.edges}
    new_ties = {_tie_key(e): e for e in after.edges}

    def tie(edge):
        return {"from": edge.source, "to": edge.target, "kind": edge.kind}

    old_ids = {n.id for n in before.nodes}
    new_ids = {n.id for n in after.nodes}
    a = analyse(before, seed=seed, webber_limit=top)
    b = analyse(after, seed=seed, webber_limit=top)
    old_webbers = [w["id"] for w in a["webbers"]["ranking"]]
    new_webbers = [w["id"] for w in b["webbers"]["ranking"]]

    def figures(result, network):
        return {
            "density": result["network"]["density"],
            "average_path_length": result["network"]["average_path_length"],
            "organisation_pairs_within_two_steps": organisation_pairs_within_two_steps(
                IndexedGraph(network)
            ),
        }

    return {
        "elements_added": sorted(new_ids - old_ids),
        "elements_removed": sorted(old_ids - new_ids),
        "ties_added": [tie(new_ties[k]) for k in sorted(new_ties.keys() - old_ties.keys())],
        "ties_lost": [tie(old_ties[k]) for k in sorted(old_ties.keys() - new_ties.keys())],
        "before": figures(a, before),
        "after": figures(b, after),
        "webbers": {
            "before": old_webbers,
            "after": new_webbers,
            "new": [i for i in new_webbers if i not in old_webbers],
            "gone": [i for i in old_webbers if i not in new_webbers],
        },
    }
