import json
import subprocess
import sys

import networkx as nx
import pytest

from weefwerk.engine.network import Edge, Network, Node, analyse, compare
from weefwerk.engine.network.graph import IndexedGraph
from weefwerk.engine.network.missing import best_represented, missing_domains


def test_analyse_returns_strict_json(small_network):
    result = analyse(small_network)
    text = json.dumps(result, allow_nan=False)
    assert json.loads(text) == result
    figures = result["network"]
    assert figures["elements"] == 10
    assert figures["components"] == 1
    assert figures["shortest_paths"]["method"] == "exact"
    by_id = {e["id"]: e for e in result["elements"]}
    assert by_id["anna"]["articulation_point"] is True
    assert by_id["anna"]["cut_off_by_departure"] == 2
    assert by_id["s3"]["articulation_point"] is False
    assert by_id["tafel"]["in_degree"] == 3


def test_analyse_empty_and_isolated():
    result = analyse(Network([Node("a", "Alleen"), Node("b", "Ook alleen")], []))
    json.dumps(result, allow_nan=False)
    assert [i["text"] for i in result["missing"]["isolated"]] == [
        "Alleen heeft nog geen verbindingen.",
        "Ook alleen heeft nog geen verbindingen.",
    ]
    assert result["elements"][0]["constraint"] is None
    empty = analyse(Network([], []))
    assert empty["network"]["elements"] == 0
    assert empty["network"]["average_path_length"] is None


def test_missing_and_thin_domains(small_network):
    result = missing_domains(IndexedGraph(small_network), ["Onderwijs", "GGD", "Welzijnswerk"])
    assert [a["domain"] for a in result["absent"]] == ["GGD"]
    assert result["absent"][0]["text"] == "Niemand in het netwerk komt uit GGD."
    assert [t["domain"] for t in result["thin"]] == ["Welzijnswerk"]
    assert result["thin"][0]["text"] == (
        "Uit Welzijnswerk zit maar één element in het netwerk: Welzijn Oost."
    )


def test_best_represented_parties(small_network):
    top = best_represented(IndexedGraph(small_network))
    assert [p["id"] for p in top[:2]] == ["s1", "s2"]
    assert top[0]["text"] == "Kredietbank zit aan één overleg en heeft vier verbindingen."
    assert len(top) == 3


def test_compare_snapshots(small_network):
    after = Network(
        small_network.nodes + [Node("ggd", "GGD", "organisation", ("GGD",))],
        [e for e in small_network.edges if (e.source, e.target) != ("o1", "o2")]
        + [Edge("o2", "s3"), Edge("ggd", "s3")],
    )
    change = compare(small_network, after)
    assert change["elements_added"] == ["ggd"]
    assert {(t["from"], t["to"]) for t in change["ties_added"]} == {("o2", "s3"), ("ggd", "s3")}
    assert [(t["from"], t["to"]) for t in change["ties_lost"]] == [("o1", "o2")]
    assert change["after"]["density"] != change["before"]["density"]
    assert 0 < change["before"]["organisation_pairs_within_two_steps"] <= 1
    assert set(change["webbers"]) == {"before", "after", "new", "gone"}


def test_organisation_pairs_within_two_steps():
    from weefwerk.engine.network.change import organisation_pairs_within_two_steps

    network = Network(
        [Node("a"), Node("b"), Node("c"), Node("t", kind="table")],
        [Edge("a", "t"), Edge("b", "t")],
    )
    assert organisation_pairs_within_two_steps(IndexedGraph(network)) == pytest.approx(1 / 3)


def test_large_network_is_sampled_and_close_to_networkx():
    graph = nx.connected_watts_strogatz_graph(1200, 6, 0.1, seed=2)
    network = Network([Node(str(v)) for v in graph], [Edge(str(u), str(v)) for u, v in graph.edges])
    result = analyse(network)
    paths = result["network"]["shortest_paths"]
    assert paths["method"] == "sampled"
    assert 0 < paths["betweenness_error_bound"] < 1
    assert result["network"]["density"] == pytest.approx(nx.density(graph))


def test_engine_imports_without_django():
    code = (
        "import sys; import weefwerk.engine.network as n; import weefwerk.engine.network.cli;"
        "assert 'django' not in sys.modules, 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
