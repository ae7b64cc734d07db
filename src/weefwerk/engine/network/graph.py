"""An indexed view of a Network that the measures share: built once, read many times.

Structural measures use the *undirected simple graph*: two elements are adjacent when any
connection joins them, whatever its kind, direction or strength; self-ties are ignored.
Direction-aware figures (in/out degree, reciprocity, PageRank, one-way ties) use the *arcs*: a
directed connection gives one arc, an undirected or mutual connection gives an arc both ways.
"""

from __future__ import annotations

import importlib.util
from functools import cached_property

from .model import CALLS_WHEN_STUCK, DIRECTED, Network

IGRAPH = "igraph"
NETWORKX = "networkx"


def default_backend() -> str:
    """igraph when it is installed (fast, C), otherwise networkx (pure Python)."""
    return IGRAPH if importlib.util.find_spec("igraph") is not None else NETWORKX


class IndexedGraph:
    def __init__(self, network: Network, backend: str | None = None):
        self.network = network
        self.backend = backend or default_backend()
        nodes = network.nodes
        self.nodes = nodes
        self.ids = [node.id for node in nodes]
        self.index = {node_id: i for i, node_id in enumerate(self.ids)}
        self.n = n = len(nodes)
        index = self.index
        neighbours: list[set[int]] = [set() for _ in range(n)]
        edge_list: list[tuple[int, int]] = []
        both_ways: set[tuple[int, int]] = set()  # pairs (low, high) with a two-way tie
        one_way: set[tuple[int, int]] = set()  # arcs from directed connections
        nominators: list[set[int]] = [set() for _ in range(n)]
        directed_edges = []
        for edge in network.edges:
            u = index[edge.source]
            v = index[edge.target]
            if u == v:
                continue
            if v not in neighbours[u]:
                neighbours[u].add(v)
                neighbours[v].add(u)
                edge_list.append((u, v) if u < v else (v, u))
            directed = edge.direction == DIRECTED
            if directed:
                one_way.add((u, v))
                directed_edges.append(edge)
            else:
                both_ways.add((u, v) if u < v else (v, u))
            if edge.kind == CALLS_WHEN_STUCK:
                nominators[v].add(u)
                if not directed:
                    nominators[u].add(v)
        self.neighbours = neighbours
        self.adjacency = [list(s) for s in neighbours]
        self.degree = [len(s) for s in neighbours]
        self.edge_list = edge_list
        self.m = len(edge_list)
        self.nominators = nominators
        self.directed_edges = directed_edges
        # Arcs: both directions of every two-way pair, plus directed arcs not already covered.
        extra = [(u, v) for u, v in one_way if ((u, v) if u < v else (v, u)) not in both_ways]
        self.arc_count = 2 * len(both_ways) + len(extra)
        self.one_way_arcs = sorted((u, v) for u, v in extra if (v, u) not in one_way)
        self._both_ways = both_ways
        self._extra_arcs = extra
        out_degree = [0] * n
        in_degree = [0] * n
        for u, v in both_ways:
            out_degree[u] += 1
            out_degree[v] += 1
            in_degree[u] += 1
            in_degree[v] += 1
        for u, v in extra:
            out_degree[u] += 1
            in_degree[v] += 1
        self.out_degree = out_degree
        self.in_degree = in_degree

        # Domains as bit masks, so "domains within two steps" is a few integer ORs per tie.
        domain_bits: dict[str, int] = {}
        masks = []
        for node in nodes:
            mask = 0
            for domain in node.domains:
                bit = domain_bits.setdefault(domain, len(domain_bits))
                mask |= 1 << bit
            masks.append(mask)
        self.domain_names = list(domain_bits)
        self.domain_bit = domain_bits
        self.domain_masks = masks
        self._mask_names: dict[int, list[str]] = {}

    @cached_property
    def arcs(self) -> set[tuple[int, int]]:
        arcs = set(self._extra_arcs)
        for u, v in self._both_ways:
            arcs.add((u, v))
            arcs.add((v, u))
        return arcs

    def domains_of_mask(self, mask: int) -> list[str]:
        names = self._mask_names.get(mask)
        if names is None:
            names = [name for bit, name in enumerate(self.domain_names) if mask >> bit & 1]
            self._mask_names[mask] = names
        return list(names)

    def mask_of(self, domains) -> int:
        mask = 0
        for domain in domains:
            bit = self.domain_bit.get(domain)
            if bit is not None:
                mask |= 1 << bit
        return mask

    @cached_property
    def igraph(self):
        import igraph

        graph = igraph.Graph(n=self.n)
        graph.add_edges(self.edge_list)  # much faster than passing edges to the constructor
        return graph

    @cached_property
    def igraph_directed(self):
        import igraph

        arcs = list(self._extra_arcs)
        for u, v in self._both_ways:
            arcs.append((u, v))
            arcs.append((v, u))
        graph = igraph.Graph(n=self.n, directed=True)
        graph.add_edges(arcs)
        return graph

    @cached_property
    def nx(self):
        """networkx Graph with node indices 0..n-1."""
        import networkx as nx

        graph = nx.Graph()
        graph.add_nodes_from(range(self.n))
        graph.add_edges_from(self.edge_list)
        return graph

    @cached_property
    def nx_directed(self):
        import networkx as nx

        graph = nx.DiGraph()
        graph.add_nodes_from(range(self.n))
        graph.add_edges_from(sorted(self.arcs))
        return graph

    @cached_property
    def components(self) -> list[list[int]]:
        """Connected components, largest first (ties broken by smallest member)."""
        if self.backend == IGRAPH:
            parts = [list(c) for c in self.igraph.connected_components()]
        else:
            seen = [False] * self.n
            parts = []
            adjacency = self.adjacency
            for start in range(self.n):
                if seen[start]:
                    continue
                seen[start] = True
                part = [start]
                for u in part:
                    for v in adjacency[u]:
                        if not seen[v]:
                            seen[v] = True
                            part.append(v)
                parts.append(part)
        parts.sort(key=lambda c: (-len(c), min(c)))
        return parts

    @cached_property
    def component_of(self) -> list[int]:
        membership = [0] * self.n
        for number, part in enumerate(self.components):
            for v in part:
                membership[v] = number
        return membership


def as_indexed(network_or_graph, backend: str | None = None) -> IndexedGraph:
    if isinstance(network_or_graph, IndexedGraph):
        return network_or_graph
    return IndexedGraph(network_or_graph, backend)
