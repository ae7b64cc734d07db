"""Measures against published values and against networkx."""

import math

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from weefwerk.engine.network import measures
from weefwerk.engine.network.graph import IGRAPH, NETWORKX, IndexedGraph, default_backend
from weefwerk.engine.network.model import DIRECTED, UNDIRECTED, Edge, Network, Node

BACKENDS = [NETWORKX] + ([IGRAPH] if default_backend() == IGRAPH else [])


def network_of(graph: nx.Graph) -> Network:
    nodes = [Node(str(v), str(v)) for v in graph.nodes]
    if graph.is_directed():
        edges = [Edge(str(u), str(v), direction=DIRECTED) for u, v in graph.edges]
    else:
        edges = [Edge(str(u), str(v), direction=UNDIRECTED) for u, v in graph.edges]
    return Network(nodes, edges)


def by_label(g: IndexedGraph, values) -> dict:
    return {g.nodes[i].id: value for i, value in enumerate(values)}


@pytest.mark.parametrize("backend", BACKENDS)
def test_florentine_families_medici_betweenness(backend):
    graph = nx.florentine_families_graph()
    assert graph.number_of_nodes() == 15
    g = IndexedGraph(network_of(graph), backend)
    paths = measures.path_measures(g)
    betweenness = by_label(g, paths.betweenness)
    assert paths.method == "exact"
    assert betweenness["Medici"] == pytest.approx(47.5)
    assert max(betweenness, key=betweenness.get) == "Medici"
    assert by_label(g, paths.normalised_betweenness(15))["Medici"] == pytest.approx(47.5 / 91)


@pytest.mark.parametrize("backend", BACKENDS)
def test_karate_club_leaders(backend):
    graph = nx.karate_club_graph()
    g = IndexedGraph(network_of(graph), backend)
    paths = measures.path_measures(g)
    betweenness = by_label(g, paths.betweenness)
    # Published (e.g. Newman, Networks; networkx): node 1 = 231.07, node 34 = 160.55.
    assert betweenness["0"] == pytest.approx(231.0714, abs=1e-3)
    assert betweenness["33"] == pytest.approx(160.5516, abs=1e-3)
    expected = nx.betweenness_centrality(graph, normalized=False)
    for v in graph:
        assert betweenness[str(v)] == pytest.approx(expected[v])


def assert_agrees_with_networkx(graph: nx.Graph, backend: str) -> None:
    g = IndexedGraph(network_of(graph), backend)
    ids = [int(i) for i in g.ids]

    def check(values, expected, nan_ok=False):
        for i, v in enumerate(ids):
            if nan_ok and math.isnan(expected[v]):
                assert math.isnan(values[i])
            else:
                assert values[i] == pytest.approx(expected[v], rel=1e-9, abs=1e-9), v

    paths = measures.path_measures(g)
    check(paths.betweenness, nx.betweenness_centrality(graph, normalized=False))
    check(paths.normalised_betweenness(g.n), nx.betweenness_centrality(graph))
    check(paths.closeness, nx.closeness_centrality(graph))
    check(measures.degree(g), dict(graph.degree))
    check(measures.constraint(g), nx.constraint(graph), nan_ok=True)
    check(measures.effective_size(g), nx.effective_size(graph), nan_ok=True)
    check(measures.core_number(g), nx.core_number(graph))
    assert measures.density(g) == pytest.approx(nx.density(graph))
    if graph.number_of_nodes():
        largest = graph.subgraph(max(nx.connected_components(graph), key=len))
        assert paths.average_path_length == pytest.approx(nx.average_shortest_path_length(largest))
    from weefwerk.engine.network.weakspots import CutStructure

    cuts = CutStructure(g)
    assert {ids[v] for v in cuts.articulation_points} == set(nx.articulation_points(graph))
    assert {tuple(sorted((ids[u], ids[v]))) for u, v in cuts.bridges} == {
        tuple(sorted(e)) for e in nx.bridges(graph)
    }
    groups = measures.communities(g)
    partition = [
        {ids[v] for v in range(g.n) if groups.membership[v] == c}
        for c in range(1, groups.count + 1)
    ]
    if graph.number_of_edges():
        assert groups.modularity == pytest.approx(nx.community.modularity(graph, partition))


graphs = st.builds(
    lambda n, p, seed: nx.gnp_random_graph(n, p, seed=seed),
    st.integers(1, 40),
    st.floats(0.0, 0.4),
    st.integers(0, 10_000),
)


@pytest.mark.parametrize("backend", BACKENDS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graph=graphs)
def test_random_graphs_agree_with_networkx(backend, graph):
    assert_agrees_with_networkx(graph, backend)


digraphs = st.builds(
    lambda n, p, seed: nx.gnp_random_graph(n, p, seed=seed, directed=True),
    st.integers(1, 30),
    st.floats(0.0, 0.3),
    st.integers(0, 10_000),
)


@pytest.mark.parametrize("backend", BACKENDS)
@settings(max_examples=30, deadline=None)
@given(graph=digraphs)
def test_directed_measures_agree_with_networkx(backend, graph):
    g = IndexedGraph(network_of(graph), backend)
    ids = [int(i) for i in g.ids]
    for i, v in enumerate(ids):
        assert g.in_degree[i] == graph.in_degree(v)
        assert g.out_degree[i] == graph.out_degree(v)
    if graph.number_of_edges():
        assert measures.reciprocity(g) == pytest.approx(nx.overall_reciprocity(graph))
    expected = nx.pagerank(graph, tol=1e-12, max_iter=1000) if _has_scipy() else None
    if expected is None:
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

        expected = _pagerank_python(graph, tol=1e-12, max_iter=1000)
    for i, value in enumerate(measures.pagerank(g)):
        assert value == pytest.approx(expected[ids[i]], abs=1e-7)


def _has_scipy() -> bool:
    import importlib.util

    return importlib.util.find_spec("scipy") is not None


@pytest.mark.parametrize("backend", BACKENDS)
def test_sampled_betweenness_is_close_and_states_its_error(backend):
    graph = nx.connected_watts_strogatz_graph(250, 6, 0.1, seed=3)
    g = IndexedGraph(network_of(graph), backend)
    exact = nx.betweenness_centrality(graph)
    paths = measures.path_measures(g, exact_limit=100, sources=80, seed=1)
    assert paths.method == "sampled"
    assert paths.sources == 80
    assert 0 < paths.error_bound < 1
    normalised = paths.normalised_betweenness(g.n)
    worst = max(abs(normalised[i] - exact[int(v)]) for i, v in enumerate(g.ids))
    assert worst <= paths.error_bound
    assert all(e is not None for e in paths.betweenness_standard_error)
    closeness = nx.closeness_centrality(graph)
    for i, v in enumerate(g.ids):
        assert paths.closeness[i] == pytest.approx(closeness[int(v)], rel=0.1)
    assert paths.average_path_length == pytest.approx(
        nx.average_shortest_path_length(graph), rel=0.05
    )


def test_backends_give_the_same_sampled_estimate():
    if len(BACKENDS) < 2:
        pytest.skip("igraph not installed")
    graph = nx.connected_watts_strogatz_graph(300, 4, 0.2, seed=5)
    a = measures.path_measures(IndexedGraph(network_of(graph), IGRAPH), exact_limit=50, sources=60)
    b = measures.path_measures(
        IndexedGraph(network_of(graph), NETWORKX), exact_limit=50, sources=60
    )
    assert a.betweenness == pytest.approx(b.betweenness)
    assert a.closeness == pytest.approx(b.closeness)


def test_nominations_and_domains_within_two_steps():
    network = Network(
        [
            Node("a", domains=("Onderwijs",)),
            Node("b", domains=("Wijkteam",)),
            Node("c", domains=("GGD",)),
            Node("d", domains=("Voedselbank",)),
        ],
        [
            Edge("a", "b", "calls_when_stuck", DIRECTED),
            Edge("c", "b", "calls_when_stuck", DIRECTED),
            Edge("c", "b", "calls_when_stuck", DIRECTED),  # counted once
            Edge("b", "c"),
            Edge("c", "d"),
        ],
    )
    g = IndexedGraph(network)
    assert measures.nominations(g) == [0, 2, 0, 0]
    reach = [g.domains_of_mask(mask) for mask in measures.domains_within_two_steps(g)]
    assert set(reach[0]) == {"Onderwijs", "Wijkteam", "GGD"}
    assert set(reach[1]) == {"Onderwijs", "Wijkteam", "GGD", "Voedselbank"}
