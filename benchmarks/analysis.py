"""Benchmark of the network analysis (issue 6).

Generates networks of 500, 2,000, 10,000 and 50,000 elements with about five ties each, with
domains and nominations, and prints the time of the full ``analyse`` beside the time networkx's
exact betweenness alone takes on the same graph. networkx's exact betweenness is measured where
it takes at most about two minutes; above that it is estimated from a timed run over a sample
of sources (Brandes' algorithm costs the same per source) and marked as estimated.

    .venv/bin/python benchmarks/analysis.py [--quick] [--backend igraph|networkx]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from weefwerk.engine.network import Edge, Network, Node, analyse  # noqa: E402
from weefwerk.engine.network.graph import IndexedGraph, default_backend  # noqa: E402
from weefwerk.engine.network.missing import REFERENCE_DOMAINS  # noqa: E402

SIZES = (500, 2_000, 10_000, 50_000)
QUICK_SIZES = (500, 2_000)
NX_EXACT_LIMIT_SECONDS = 120.0
KINDS = ["person"] * 12 + ["organisation"] * 6 + ["table", "programme"]
TIE_KINDS = ["works_with"] * 5 + ["takes_part_in"] * 2 + ["refers_to", "funds", "custom"]


def generate(n: int, ties_per_element: int = 5, seed: int = 1) -> Network:
    """Clusters of about 40 elements; most ties inside a cluster, some across; a few popular
    elements receive most "calls when stuck" nominations."""
    rng = random.Random(seed)
    nodes = []
    for i in range(n):
        domains = [rng.choice(REFERENCE_DOMAINS)]
        if rng.random() < 0.15:
            domains.append(rng.choice(REFERENCE_DOMAINS))
        nodes.append(
            Node(f"e{i}", f"Element {i}", rng.choice(KINDS), tuple(dict.fromkeys(domains)))
        )
    cluster_size = 40
    popular = rng.sample(range(n), max(3, n // 100))
    edges = []
    seen = set()
    while len(edges) < ties_per_element * n:
        u = rng.randrange(n)
        if rng.random() < 0.1:
            v = rng.choice(popular)
            kind, direction = "calls_when_stuck", "directed"
        else:
            if rng.random() < 0.8:
                base = u - u % cluster_size
                v = min(n - 1, base + rng.randrange(cluster_size))
            else:
                v = rng.randrange(n)
            kind = rng.choice(TIE_KINDS)
            direction = "directed" if kind in ("refers_to", "funds") else "undirected"
        if u == v or (u, v, kind) in seen:
            continue
        seen.add((u, v, kind))
        edges.append(Edge(f"e{u}", f"e{v}", kind, direction, rng.randint(1, 3)))
    return Network(nodes, edges)


def time_networkx_betweenness(network: Network) -> tuple[float, bool]:
    """Seconds for nx.betweenness_centrality (exact); (seconds, estimated?)."""
    import networkx as nx

    graph = IndexedGraph(network, "networkx").nx
    n = graph.number_of_nodes()
    probe = min(n, 100)
    started = time.perf_counter()
    nx.betweenness_centrality(graph, k=probe, seed=1)
    per_source = (time.perf_counter() - started) / probe
    if per_source * n > NX_EXACT_LIMIT_SECONDS:
        return per_source * n, True
    started = time.perf_counter()
    nx.betweenness_centrality(graph)
    return time.perf_counter() - started, False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only 500 and 2,000 elements")
    parser.add_argument("--backend", choices=["igraph", "networkx"], default=None)
    parser.add_argument("--repeat", type=int, default=3, help="best of N analysis runs")
    args = parser.parse_args(argv)
    backend = args.backend or default_backend()
    sizes = QUICK_SIZES if args.quick else SIZES
    print(f"backend: {backend}; analyse = best of {args.repeat} runs (wall and CPU seconds)")
    header = (
        f"{'elements':>9} {'ties':>7} {'analyse (s)':>12} {'cpu (s)':>8} {'paths':>8} "
        f"{'nx exact betweenness (s)':>26} {'ratio':>8}"
    )
    print(header)
    print("-" * len(header))
    for n in sizes:
        network = generate(n)
        best = best_cpu = float("inf")
        result = None
        for _ in range(args.repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            result = analyse(network, backend=backend)
            best = min(best, time.perf_counter() - started)
            best_cpu = min(best_cpu, time.process_time() - started_cpu)
        nx_seconds, estimated = time_networkx_betweenness(network)
        nx_text = f"{nx_seconds:.2f}" + (" (estimated)" if estimated else "")
        print(
            f"{n:>9,} {len(network.edges):>7,} {best:>12.3f} {best_cpu:>8.3f} "
            f"{result['network']['shortest_paths']['method']:>8} {nx_text:>26} "
            f"{nx_seconds / best:>7.0f}x",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
