"""Webbers: who connects, by what people say (nominations) and by the structure (brokerage).

Score (0-100) = NOMINATION_WEIGHT x nominations / most nominations
              + BRIDGING_WEIGHT x domains bridged / most domains bridged
              + BETWEENNESS_WEIGHT x betweenness / highest betweenness
among the candidates (persons and organisations). An element *bridges* two domains when it
reaches both (its own domains or its neighbours') and the two domains have at most
``WEAK_CONTACT`` ties with each other that do not involve it.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import dutch
from .graph import IndexedGraph
from .model import ORGANISATION, PERSON

NOMINATION_WEIGHT = 0.5
BRIDGING_WEIGHT = 0.25
BETWEENNESS_WEIGHT = 0.25
WEAK_CONTACT = 1
WEBBER_KINDS = (PERSON, ORGANISATION)


def ranking_description(
    nomination_weight: float = NOMINATION_WEIGHT,
    bridging_weight: float = BRIDGING_WEIGHT,
    betweenness_weight: float = BETWEENNESS_WEIGHT,
) -> str:
    """How the ranking is made, in plain Dutch, for the 'how to read this' text."""

    def share(weight: float) -> str:
        return f"{round(100 * weight)} van de 100 punten"

    return (
        "Zo maken we de lijst van webbers. We kijken naar personen en organisaties. "
        "Iedereen krijgt een score van 0 tot 100. "
        f"{share(nomination_weight)} komen uit de vraag 'Als ik niet meer weet wat ik moet doen, "
        "dan bel ik ...': wie het vaakst genoemd wordt, krijgt ze allemaal. "
        f"{dutch.capitalise(share(bridging_weight))} komen uit het aantal domeinen dat iemand "
        "verbindt, terwijl die domeinen verder weinig contact met elkaar hebben. "
        f"{dutch.capitalise(share(betweenness_weight))} komen uit hoe vaak iemand op de kortste "
        "weg tussen twee anderen ligt. "
        "De score helpt bij het gesprek. Het projectteam bepaalt zelf wie echt een webber is."
    )


@dataclass
class WebberInputs:
    nominations: list[int]
    betweenness_normalised: list[float]
    cut_off: dict[int, int]  # articulation point -> elements cut off by its departure


def domain_pair_ties(g: IndexedGraph) -> dict[tuple[int, int], int]:
    """Number of ties between elements of two different domains, per pair of domain bits."""
    masks = g.domain_masks
    mask_pairs: dict[tuple[int, int], int] = {}
    for u, v in g.edge_list:
        key = (masks[u], masks[v])
        mask_pairs[key] = mask_pairs.get(key, 0) + 1
    counts: dict[tuple[int, int], int] = {}
    for (mask_u, mask_v), number in mask_pairs.items():
        for a in range(mask_u.bit_length()):
            if not mask_u >> a & 1:
                continue
            for b in range(mask_v.bit_length()):
                if mask_v >> b & 1 and a != b:
                    key = (a, b) if a < b else (b, a)
                    counts[key] = counts.get(key, 0) + number
    return counts


def bridged_domains(g: IndexedGraph, v: int, pair_ties: dict, weak: int = WEAK_CONTACT) -> int:
    """Bit mask of the domains v bridges (see the module docstring)."""
    masks = g.domain_masks
    own = [b for b in range(masks[v].bit_length()) if masks[v] >> b & 1]
    reach = masks[v]
    through_v: dict[tuple[int, int], int] = {}
    for w in g.adjacency[v]:
        mask = masks[w]
        reach |= mask
        for a in own:
            for b in range(mask.bit_length()):
                if mask >> b & 1 and a != b:
                    key = (a, b) if a < b else (b, a)
                    through_v[key] = through_v.get(key, 0) + 1
    domains = [b for b in range(reach.bit_length()) if reach >> b & 1]
    bridged = 0
    for i, a in enumerate(domains):
        for b in domains[i + 1 :]:
            if pair_ties.get((a, b), 0) - through_v.get((a, b), 0) <= weak:
                bridged |= (1 << a) | (1 << b)
    return bridged


def rank_webbers(
    g: IndexedGraph,
    inputs: WebberInputs,
    *,
    limit: int = 10,
    kinds: tuple[str, ...] = WEBBER_KINDS,
    confirmed: frozenset[str] | set[str] = frozenset(),
    nomination_weight: float = NOMINATION_WEIGHT,
    bridging_weight: float = BRIDGING_WEIGHT,
    betweenness_weight: float = BETWEENNESS_WEIGHT,
) -> list[dict]:
    nominations = inputs.nominations
    between = inputs.betweenness_normalised
    candidates = [v for v, node in enumerate(g.nodes) if node.kind in kinds and g.degree[v]]
    if not candidates:
        return []
    top_nominations = max(nominations[v] for v in candidates) or 1
    top_between = max(between[v] for v in candidates) or 1.0
    # Bridging is the expensive part: only for the strongest candidates on the other two.
    shortlist = sorted(
        candidates,
        key=lambda v: -(nominations[v] / top_nominations + between[v] / top_between),
    )[: max(50, 3 * limit)]
    shortlist = set(shortlist) | {g.index[i] for i in confirmed if i in g.index}
    pair_ties = domain_pair_ties(g)
    bridged = {v: bridged_domains(g, v, pair_ties) for v in shortlist}
    counts = {v: mask.bit_count() for v, mask in bridged.items()}
    top_bridged = max(counts.values()) or 1
    scored = []
    for v in shortlist:
        score = 100 * (
            nomination_weight * nominations[v] / top_nominations
            + bridging_weight * counts[v] / top_bridged
            + betweenness_weight * between[v] / top_between
        )
        scored.append((score, v))
    scored.sort(key=lambda item: (-item[0], g.ids[item[1]]))
    result = []
    for rank, (score, v) in enumerate(scored[:limit], start=1):
        node = g.nodes[v]
        domains = g.domains_of_mask(bridged[v])
        result.append(
            {
                "rank": rank,
                "id": node.id,
                "label": node.name,
                "kind": node.kind,
                "score": round(score, 1),
                "nominations": nominations[v],
                "bridged_domains": domains,
                "betweenness_normalised": between[v],
                "confirmed": node.id in confirmed,
                "explanation": explain(
                    node.name, nominations[v], domains, between[v], inputs.cut_off.get(v, 0)
                ),
            }
        )
    return result


def explain(
    label: str,
    nominations: int,
    bridged: list[str],
    betweenness_normalised: float,
    cut_off: int = 0,
) -> str:
    """A few sentences a facilitator can read aloud."""
    clauses = []
    if nominations == 1:
        clauses.append(f"Eén deelnemer belt {label} als die vastloopt")
    elif nominations > 1:
        clauses.append(
            f"{dutch.capitalise(dutch.number(nominations))} deelnemers bellen {label} "
            "als ze vastlopen"
        )
    if len(bridged) >= 2:
        clauses.append(
            f"{label} verbindt {dutch.join(bridged)}, die verder weinig contact met elkaar hebben"
        )
    sentences = ["; ".join(clauses) + "."] if clauses else []
    percent = round(100 * betweenness_normalised)
    if percent >= 1:
        sentences.append(
            f"Ongeveer {percent}% van de kortste wegen tussen twee anderen loopt via {label}."
        )
    if cut_off:
        sentences.append(
            f"Zonder {label} {'raakt' if cut_off == 1 else 'raken'} "
            f"{dutch.count_noun(cut_off, 'element', 'elementen')} los van de rest."
        )
    if not sentences:
        sentences.append(f"{label} heeft verbindingen, maar valt verder niet op.")
    return " ".join(sentences)
