"""Element and network measures on an IndexedGraph.

Every measure equals networkx's on the undirected simple graph (or on the arcs, for the
direction-aware ones), except where it is *sampled*: betweenness, closeness and average path
length are exact for components up to ``EXACT_LIMIT`` elements and estimated from
``SAMPLE_SOURCES`` random sources in larger components, with a stated error (see
``PathMeasures``). Two backends compute the same numbers: igraph (C, fast) when installed and
networkx / pure Python otherwise.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from .graph import IGRAPH, IndexedGraph

EXACT_LIMIT = 1000
SAMPLE_SOURCES = 256
SAMPLE_BATCHES = 8
DISTANCE_SOURCES = 64  # of the sampled sources, used for closeness and average path length
CONFIDENCE = 0.95
NAN = float("nan")


# --- degree, nominations, density, reciprocity -------------------------------------------


def degree(g: IndexedGraph) -> list[int]:
    return list(g.degree)


def in_degree(g: IndexedGraph) -> list[int]:
    return list(g.in_degree)


def out_degree(g: IndexedGraph) -> list[int]:
    return list(g.out_degree)


def nominations(g: IndexedGraph) -> list[int]:
    """Distinct elements that say they call this one when they are stuck."""
    return [len(s) for s in g.nominators]


def density(g: IndexedGraph) -> float:
    """Share of possible ties (undirected) that exist, as ``nx.density``."""
    if g.n <= 1:
        return 0.0
    return 2 * g.m / (g.n * (g.n - 1))


def reciprocity(g: IndexedGraph) -> float | None:
    """Share of arcs whose reverse also exists, as ``nx.overall_reciprocity``.

    Undirected and mutual connections count as two arcs, so they are reciprocated.
    ``None`` when there are no ties.
    """
    if not g.arc_count:
        return None
    return (g.arc_count - len(g.one_way_arcs)) / g.arc_count


def one_way_arcs(g: IndexedGraph) -> list[tuple[int, int]]:
    """Arcs without a reverse: ties that exist only one way."""
    return list(g.one_way_arcs)


def domains_within_two_steps(g: IndexedGraph) -> list[int]:
    """Bit mask of the domains within two steps: the element's own domains and those of every
    element at one or two steps from it."""
    masks = g.domain_masks
    adjacency = g.adjacency
    first = [0] * g.n
    for u in range(g.n):
        mask = masks[u]
        for v in adjacency[u]:
            mask |= masks[v]
        first[u] = mask
    reach = [0] * g.n
    for u in range(g.n):
        mask = first[u]
        for v in adjacency[u]:
            mask |= first[v]
        reach[u] = mask
    return reach


# --- shortest paths: betweenness, closeness, average path length --------------------------


@dataclass
class PathMeasures:
    """Betweenness (unnormalised, as ``nx.betweenness_centrality(normalized=False)``),
    closeness (as ``nx.closeness_centrality``) and the average path length of the largest
    component (as ``nx.average_shortest_path_length`` on it).

    When ``method == "sampled"``, components larger than ``exact_limit`` use ``sources``
    random sources each for betweenness, and ``DISTANCE_SOURCES`` of those for closeness and
    the average path length (mean distances converge much faster than betweenness).
    Then with probability ``confidence``, *every* element's normalised
    betweenness is within ``error_bound`` of the exact value (Hoeffding's inequality with a
    union bound over the sampled elements); ``betweenness_standard_error`` gives each
    element's typical error (spread over ``SAMPLE_BATCHES`` batches of sources).
    """

    betweenness: list[float]
    closeness: list[float]
    average_path_length: float | None
    largest_component_size: int
    method: str = "exact"
    sources: int | None = None
    error_bound: float | None = None
    confidence: float | None = None
    betweenness_standard_error: list[float | None] = field(default_factory=list)

    def normalised_betweenness(self, n: int) -> list[float]:
        if n <= 2:
            return list(self.betweenness)
        scale = 2.0 / ((n - 1) * (n - 2))
        return [b * scale for b in self.betweenness]


def path_measures(
    g: IndexedGraph,
    *,
    exact_limit: int = EXACT_LIMIT,
    sources: int = SAMPLE_SOURCES,
    seed: int = 0,
) -> PathMeasures:
    n = g.n
    rng = random.Random(seed)
    exact_nodes: list[int] = []
    sampled: list[tuple[list[int], list[int]]] = []  # (component, sources)
    for part in g.components:
        if len(part) <= exact_limit or len(part) <= sources:
            exact_nodes.extend(part)
        else:
            sampled.append((part, sorted(rng.sample(sorted(part), sources))))

    betweenness = [0.0] * n
    closeness = [0.0] * n
    distance_sum = [0] * n  # exact sums, for the average path length
    if exact_nodes:
        if g.backend == IGRAPH:
            _exact_igraph(g, exact_nodes, not sampled, betweenness, distance_sum)
        else:
            _exact_networkx(g, exact_nodes, not sampled, betweenness, distance_sum)
        component_size = [0] * n
        for part in g.components:
            for v in part:
                component_size[v] = len(part)
        for v in exact_nodes:
            closeness[v] = _closeness(distance_sum[v], component_size[v], n)

    standard_error: list[float | None] = [None] * n
    sampled_count = 0
    largest = g.components[0] if g.components else []
    apl_estimate = None
    for part, chosen in sampled:
        sampled_count += len(part)
        c = len(part)
        batches = [chosen[i::SAMPLE_BATCHES] for i in range(SAMPLE_BATCHES)]
        batch_sums = [_dependency_sums(g, batch) for batch in batches]
        distance_sources = chosen[:: max(1, len(chosen) // DISTANCE_SOURCES)]
        distance_rows = _distance_sums(g, distance_sources, part)
        k = len(chosen)
        factors = [c / len(batch) / 2 for batch in batches]
        overall = c / k / 2
        batches_count = len(batches)
        for v in part:
            row = [sums[v] for sums in batch_sums]
            mean = sum(row) * overall
            betweenness[v] = mean
            spread = sum((x * f - mean) ** 2 for x, f in zip(row, factors, strict=True))
            standard_error[v] = math.sqrt(spread / (batches_count - 1) / batches_count)
            total, count, _ = distance_rows[v]
            closeness[v] = (c - 1) / (n - 1) / (total / count) if count and total else 0.0
        if part is largest:
            # Mean distance from a sampled source to the other elements of the component.
            apl_estimate = sum(distance_rows[s][2] for s in distance_sources) / (
                len(distance_sources) * (c - 1)
            )

    if not largest or len(largest) < 2:
        apl = 0.0 if largest else None
    elif apl_estimate is not None:
        apl = apl_estimate
    else:
        c = len(largest)
        apl = sum(distance_sum[v] for v in largest) / (c * (c - 1))

    if not sampled:
        return PathMeasures(betweenness, closeness, apl, len(largest), "exact")
    delta = 1 - CONFIDENCE
    bound = math.sqrt(math.log(2 * sampled_count / delta) / (2 * sources))
    return PathMeasures(
        betweenness,
        closeness,
        apl,
        len(largest),
        "sampled",
        sources=sources,
        error_bound=min(bound, 1.0),
        confidence=CONFIDENCE,
        betweenness_standard_error=standard_error,
    )


def _closeness(total: int, component_size: int, n: int) -> float:
    """The formula of ``nx.closeness_centrality`` with ``wf_improved=True``."""
    if total <= 0 or n <= 1:
        return 0.0
    reached = component_size - 1.0
    return reached / total * (reached / (n - 1))


def _exact_igraph(g, nodes, whole_graph, betweenness, distance_sum) -> None:
    graph = g.igraph
    if whole_graph:
        values = graph.betweenness(directed=False)
        inverse = graph.closeness()
        vertices = range(g.n)
    else:
        values = graph.betweenness(directed=False, sources=nodes)
        inverse = graph.closeness(vertices=nodes)
        vertices = nodes
    component_of = g.component_of
    sizes = [len(part) for part in g.components]
    if whole_graph:
        for v, value in enumerate(values):
            betweenness[v] += value
    else:
        # Sources only reach their own component: these are exact for `nodes`.
        for v in nodes:
            betweenness[v] += values[v]
    for i, v in enumerate(vertices):
        value = inverse[i]
        reached = sizes[component_of[v]] - 1
        if reached and value == value and value > 0:
            distance_sum[v] = round(reached / value)


def _exact_networkx(g, nodes, whole_graph, betweenness, distance_sum) -> None:
    import networkx as nx

    graph = g.nx if whole_graph else g.nx.subgraph(nodes)
    for v, value in nx.betweenness_centrality(graph, normalized=False).items():
        betweenness[v] = value
    for v in nodes:
        distance_sum[v] = sum(nx.single_source_shortest_path_length(g.nx, v).values())


def _dependency_sums(g: IndexedGraph, batch: list[int]) -> list[float]:
    """Sum over the sources in ``batch`` of each element's dependency (Brandes)."""
    if g.backend == IGRAPH:
        # igraph counts each (source, target) path once for undirected graphs: doubling it
        # gives the sum of single-source dependencies.
        return [2 * x for x in g.igraph.betweenness(directed=False, sources=batch)]
    sums = [0.0] * g.n
    adjacency = g.adjacency
    for s in batch:
        order = [s]
        sigma = {s: 1}
        dist = {s: 0}
        preds: dict[int, list[int]] = {s: []}
        for u in order:
            du = dist[u] + 1
            su = sigma[u]
            for w in adjacency[u]:
                dw = dist.get(w)
                if dw is None:
                    dist[w] = du
                    sigma[w] = su
                    preds[w] = [u]
                    order.append(w)
                elif dw == du:
                    sigma[w] += su
                    preds[w].append(u)
        delta = dict.fromkeys(order, 0.0)
        for w in reversed(order):
            coefficient = (1.0 + delta[w]) / sigma[w]
            for u in preds[w]:
                delta[u] += sigma[u] * coefficient
            if w != s:
                sums[w] += delta[w]
    return sums


def _distance_sums(g: IndexedGraph, chosen: list[int], part: list[int]) -> dict:
    """For every element of ``part``: (sum of distances to the chosen sources other than
    itself, number of those sources, sum of distances from it when it is a source)."""
    if g.backend == IGRAPH:
        rows = g.igraph.distances(source=chosen, target=part)
    else:
        import networkx as nx

        rows = []
        for s in chosen:
            lengths = nx.single_source_shortest_path_length(g.nx, s)
            rows.append([lengths[v] for v in part])
    columns = [sum(col) for col in zip(*rows, strict=True)]
    chosen_set = set(chosen)
    k = len(chosen)
    result = {}
    for v, total in zip(part, columns, strict=True):
        count = k - 1 if v in chosen_set else k
        result[v] = (total, count, 0)
    for s, row in zip(chosen, rows, strict=True):
        total, count, _ = result[s]
        result[s] = (total, count, sum(row))
    return result


# --- PageRank ------------------------------------------------------------------------------


def pagerank(g: IndexedGraph, alpha: float = 0.85) -> list[float]:
    """PageRank on the arcs, as ``nx.pagerank(DiGraph)`` (unweighted, uniform teleport)."""
    n = g.n
    if n == 0:
        return []
    if g.backend == IGRAPH:
        return list(
            g.igraph_directed.pagerank(damping=alpha, directed=True, implementation="arpack")
        )
    out = [[] for _ in range(n)]
    for u, v in g.arcs:
        out[u].append(v)
    dangling = [u for u in range(n) if not out[u]]
    x = [1.0 / n] * n
    for _ in range(1000):
        last = x
        x = [0.0] * n
        share = alpha * sum(last[u] for u in dangling) / n + (1.0 - alpha) / n
        for u in range(n):
            targets = out[u]
            if targets:
                part = alpha * last[u] / len(targets)
                for v in targets:
                    x[v] += part
        x = [value + share for value in x]
        if sum(abs(a - b) for a, b in zip(x, last, strict=True)) < n * 1e-10:
            break
    return x


# --- brokerage: Burt's constraint and effective size ---------------------------------------


def constraint(g: IndexedGraph) -> list[float]:
    """Burt's constraint, as ``nx.constraint`` (unweighted); NaN for isolated elements."""
    if g.backend == IGRAPH:
        values = g.igraph.constraint()
        return [v if g.degree[i] else NAN for i, v in enumerate(values)]
    neighbours = g.neighbours
    deg = g.degree
    result = []
    for i in range(g.n):
        if not deg[i]:
            result.append(NAN)
            continue
        p = 1.0 / deg[i]
        own = neighbours[i]
        total = 0.0
        for j in own:
            indirect = 0.0
            for q in own & neighbours[j]:
                indirect += p * (1.0 / deg[q])
            total += (p + indirect) ** 2
        result.append(total)
    return result


def effective_size(g: IndexedGraph) -> list[float]:
    """Burt's effective size, as ``nx.effective_size`` (unweighted); NaN when isolated."""
    deg = g.degree
    if g.backend == IGRAPH:
        local = g.igraph.transitivity_local_undirected(mode="zero")
        ties = [round(c * d * (d - 1) / 2) for c, d in zip(local, deg, strict=True)]
    else:
        neighbours = g.neighbours
        ties = [
            sum(len(neighbours[i] & neighbours[j]) for j in neighbours[i]) // 2 for i in range(g.n)
        ]
    return [d - (2 * t) / d if d else NAN for d, t in zip(deg, ties, strict=True)]


# --- cohesion: k-core, communities --------------------------------------------------------


def core_number(g: IndexedGraph) -> list[int]:
    """k-core number, as ``nx.core_number``."""
    if g.backend == IGRAPH:
        return list(g.igraph.coreness())
    import networkx as nx

    values = nx.core_number(g.nx)
    return [values[v] for v in range(g.n)]


@dataclass
class Communities:
    membership: list[int]  # community number per element, 1 = largest
    count: int
    modularity: float
    method: str


def communities(g: IndexedGraph, seed: int = 0) -> Communities:
    """Communities by modularity: Leiden (igraph) or Louvain (networkx), seeded."""
    if g.n == 0:
        return Communities([], 0, 0.0, "none")
    if g.m == 0:
        groups = [[v] for v in range(g.n)]
        method = "none"
    elif g.backend == IGRAPH:
        import igraph

        igraph.set_random_number_generator(random.Random(seed))
        try:
            clustering = g.igraph.community_leiden(objective_function="modularity", n_iterations=2)
        finally:
            igraph.set_random_number_generator(random)
        groups = [list(c) for c in clustering]
        method = "leiden"
    else:
        import networkx as nx

        groups = [list(c) for c in nx.community.louvain_communities(g.nx, seed=seed)]
        method = "louvain"
    groups.sort(key=lambda c: (-len(c), min(c)))
    membership = [0] * g.n
    for number, group in enumerate(groups, start=1):
        for v in group:
            membership[v] = number
    return Communities(membership, len(groups), modularity(g, membership), method)


def modularity(g: IndexedGraph, membership: list[int]) -> float:
    """Newman's modularity of a partition, as ``nx.community.modularity``."""
    if g.m == 0:
        return 0.0
    if g.backend == IGRAPH:
        return g.igraph.modularity(membership)
    m2 = 2.0 * g.m
    inside: dict[int, int] = {}
    degree_sum: dict[int, int] = {}
    for u, v in g.edge_list:
        if membership[u] == membership[v]:
            inside[membership[u]] = inside.get(membership[u], 0) + 1
    for v, d in enumerate(g.degree):
        degree_sum[membership[v]] = degree_sum.get(membership[v], 0) + d
    return sum(inside.get(c, 0) / g.m - (d / m2) ** 2 for c, d in degree_sum.items())
