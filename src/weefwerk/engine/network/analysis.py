"""The single entry point: ``analyse(network) -> dict`` of plain JSON-serialisable data."""

from __future__ import annotations

import math

from . import measures, missing, weakspots, webbers
from .graph import IndexedGraph, as_indexed
from .model import Network

FORMAT_VERSION = 1


def _number(value):
    """NaN and infinity are not JSON: they become None."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def analyse(
    network: Network | IndexedGraph,
    *,
    seed: int = 0,
    backend: str | None = None,
    exact_limit: int = measures.EXACT_LIMIT,
    sources: int = measures.SAMPLE_SOURCES,
    reference_domains=missing.REFERENCE_DOMAINS,
    required_at_tables=weakspots.REQUIRED_AT_TABLES,
    confirmed_webbers=(),
    webber_limit: int = 10,
    weak_spot_limit: int = 20,
) -> dict:
    g = as_indexed(network, backend)
    n = g.n
    paths = measures.path_measures(g, exact_limit=exact_limit, sources=sources, seed=seed)
    between_normalised = paths.normalised_betweenness(n)
    pagerank = measures.pagerank(g)
    constraint = measures.constraint(g)
    effective_size = measures.effective_size(g)
    cores = measures.core_number(g)
    groups = measures.communities(g, seed=seed)
    reach = measures.domains_within_two_steps(g)
    nominations = measures.nominations(g)
    cuts = weakspots.CutStructure(g)
    articulation = set(cuts.articulation_points)
    cut_off = {v: sum(size for size, _ in cuts.pieces(v)[1:]) for v in articulation}

    elements = []
    standard_error = paths.betweenness_standard_error or [None] * n
    domains_of = g.domains_of_mask
    for v, node in enumerate(g.nodes):
        elements.append(
            {
                "id": node.id,
                "label": node.name,
                "kind": node.kind,
                "domains": list(node.domains),
                "degree": g.degree[v],
                "in_degree": g.in_degree[v],
                "out_degree": g.out_degree[v],
                "nominations": nominations[v],
                "betweenness": paths.betweenness[v],
                "betweenness_normalised": between_normalised[v],
                "betweenness_standard_error": standard_error[v],
                "closeness": paths.closeness[v],
                "pagerank": pagerank[v],
                "constraint": _number(constraint[v]),
                "effective_size": _number(effective_size[v]),
                "core": cores[v],
                "community": groups.membership[v],
                "articulation_point": v in articulation,
                "cut_off_by_departure": cut_off.get(v, 0),
                "domains_within_two_steps": reach[v].bit_count(),
                "domains_reached": domains_of(reach[v]),
            }
        )

    ranking = webbers.rank_webbers(
        g,
        webbers.WebberInputs(nominations, between_normalised, cut_off),
        limit=webber_limit,
        confirmed=frozenset(confirmed_webbers),
    )
    spots = weakspots.weak_spots(
        g, cuts=cuts, required_at_tables=required_at_tables, limit=weak_spot_limit
    )
    sampled = paths.method == "sampled"
    figures = {
        "elements": n,
        "connections": len(g.network.edges),
        "ties": g.m,
        "density": measures.density(g),
        "average_path_length": paths.average_path_length,
        "average_path_length_scope": "largest_component",
        "components": len(g.components),
        "largest_component_size": paths.largest_component_size,
        "reciprocity": measures.reciprocity(g),
        "communities": groups.count,
        "modularity": groups.modularity,
        "community_method": groups.method,
        "backend": g.backend,
        "shortest_paths": {
            "method": paths.method,
            "exact_limit": exact_limit,
            "sources_per_component": paths.sources,
            "betweenness_error_bound": paths.error_bound,
            "error_bound_scale": "normalised betweenness, all elements at once"
            if sampled
            else None,
            "confidence": paths.confidence,
        },
    }
    return {
        "format_version": FORMAT_VERSION,
        "network": figures,
        "elements": elements,
        "webbers": {"how": webbers.ranking_description(), "ranking": ranking},
        "weak_spots": spots,
        "missing": {
            **missing.missing_domains(g, reference_domains),
            "isolated": missing.isolated_elements(g),
        },
        "best_represented": missing.best_represented(g),
    }
