import pytest

from weefwerk.engine.network import simulate_departure
from weefwerk.engine.network.graph import IndexedGraph
from weefwerk.engine.network.model import Edge, Network, Node
from weefwerk.engine.network.weakspots import CutStructure, weak_spots


def test_articulation_points_and_bridges(small_network):
    g = IndexedGraph(small_network)
    cuts = CutStructure(g)
    assert {g.ids[v] for v in cuts.articulation_points} == {
        "anna",
        "s1",
        "o1",
        "s2",
        "piet",
        "tafel",
    }
    bridges = {frozenset((g.ids[u], g.ids[v])) for u, v in cuts.bridges}
    assert frozenset(("anna", "o1")) in bridges
    assert frozenset(("s1", "s2")) not in bridges  # s1-s2-s3 is a triangle


def test_departure_that_cuts_a_domain_off(small_network):
    result = simulate_departure(small_network, "anna")
    assert result["splits"] is True
    assert result["pieces_after"] == 2
    assert sorted(result["cut_off_ids"]) == ["o1", "o2"]
    assert result["domains_cut_off"] == ["Onderwijs"]
    assert result["domains_lost"] == ["Ervaringsdeskundigheid"]
    assert result["text"] == (
        "Als Anna vertrekt, valt het netwerk uiteen in twee delen: twee elementen raken los van "
        "de rest (De Regenboogschool en Het Baken). Het domein Onderwijs raakt dan los van de "
        "rest. Anna is de enige uit het domein Ervaringsdeskundigheid."
    )


def test_departure_of_a_table_cuts_off_its_only_link(small_network):
    result = simulate_departure(small_network, "tafel")
    assert result["cut_off_ids"] == ["j1"]
    assert result["domains_cut_off"] == ["Jeugdgezondheidszorg"]


def test_departure_without_split(small_network):
    result = simulate_departure(small_network, "s3")
    assert result["splits"] is False
    assert result["cut_off_ids"] == []
    assert result["text"] == (
        "Als Welzijn Oost vertrekt, blijven alle anderen met elkaar verbonden. "
        "Welzijn Oost is de enige uit het domein Welzijnswerk."
    )


def test_departure_of_a_root_with_several_branches():
    star = Network(
        [Node("hub"), Node("a"), Node("b"), Node("c"), Node("d")],
        [Edge("hub", "a"), Edge("hub", "b"), Edge("hub", "c"), Edge("c", "d")],
    )
    result = simulate_departure(star, "hub")
    assert result["pieces_after"] == 3
    assert sorted(result["cut_off_ids"]) == ["a", "b"]


def test_unknown_element():
    with pytest.raises(KeyError):
        simulate_departure(Network([Node("a")], []), "zzz")


def test_weak_spot_report(small_network):
    spots = weak_spots(IndexedGraph(small_network))
    assert spots["departures"][0]["id"] in {"s1", "anna"}
    assert spots["departures"][0]["cut_off_count"] == 3  # s1 cuts off Anna, o1 and o2
    [organisation] = spots["organisations_through_one_person"]
    assert organisation["id"] == "vb"
    assert organisation["person_id"] == "piet"
    assert organisation["text"] == (
        "Voedselbank is alleen via Piet verbonden met de rest van het netwerk. "
        "Als Piet vertrekt, raakt Voedselbank uit beeld."
    )
    [table] = spots["tables_missing_domains"]
    assert table["missing"] == ["Ervaringsdeskundigheid", "Onderwijs"]
    assert table["text"] == (
        "Bij het overleg Armoedetafel zit niemand uit Ervaringsdeskundigheid en Onderwijs."
    )
    assert spots["one_way_tie_count"] == 4  # refers_to plus three takes_part_in ties
    refers = [t for t in spots["one_way_ties"] if t["kind"] == "refers_to"]
    assert refers[0]["text"] == (
        "Kredietbank verwijst naar Welzijn Oost, maar andersom is er geen verbinding."
    )


def test_required_domains_are_a_parameter(small_network):
    spots = weak_spots(IndexedGraph(small_network), required_at_tables=["Schuldhulpverlening"])
    assert spots["tables_missing_domains"] == []


def test_reverse_tie_makes_it_two_way():
    network = Network(
        [Node("a"), Node("b")],
        [Edge("a", "b", "refers_to", "directed"), Edge("b", "a", "calls_when_stuck", "directed")],
    )
    assert weak_spots(IndexedGraph(network))["one_way_tie_count"] == 0


def test_weak_spots_include_the_only_holder_of_a_domain(small_network):
    """Welzijn Oost does not split the network, but takes the domain Welzijnswerk with it."""
    spots = weak_spots(IndexedGraph(small_network))
    by_id = {row["id"]: row for row in spots["departures"]}
    assert by_id["s3"]["splits"] is False
    assert by_id["s3"]["domains_lost"] == ["Welzijnswerk"]
    splitting = [row["splits"] for row in spots["departures"]]
    assert splitting == sorted(splitting, reverse=True)  # the ones that split come first
    assert spots["sole_domain_holder_count"] >= 2
