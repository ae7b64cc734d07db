import pytest

from weefwerk.engine.network.model import DIRECTED, Edge, Network, Node


@pytest.fixture
def small_network() -> Network:
    """Ten elements where the weak spots are known by construction (see test_weakspots)."""
    nodes = [
        Node("anna", "Anna", "person", ("Ervaringsdeskundigheid",)),
        Node("s1", "Kredietbank", "organisation", ("Schuldhulpverlening",)),
        Node("s2", "Schuldhulp Noord", "organisation", ("Schuldhulpverlening",)),
        Node("s3", "Welzijn Oost", "organisation", ("Welzijnswerk",)),
        Node("o1", "De Regenboogschool", "organisation", ("Onderwijs",)),
        Node("o2", "Het Baken", "organisation", ("Onderwijs",)),
        Node("piet", "Piet", "person", ("Voedselbank",)),
        Node("vb", "Voedselbank", "organisation", ("Voedselbank",)),
        Node("tafel", "Armoedetafel", "table", ()),
        Node("j1", "Jeugdarts Jan", "person", ("Jeugdgezondheidszorg",)),
    ]
    edges = [
        Edge("s1", "s2"),
        Edge("s2", "s3"),
        Edge("s1", "s3", "refers_to", DIRECTED),
        Edge("anna", "s1"),
        Edge("anna", "o1"),
        Edge("o1", "o2"),
        Edge("piet", "s2"),
        Edge("piet", "vb"),
        Edge("s1", "tafel", "takes_part_in", DIRECTED),
        Edge("s2", "tafel", "takes_part_in", DIRECTED),
        Edge("j1", "tafel", "takes_part_in", DIRECTED),
    ]
    return Network(nodes, edges)


@pytest.fixture
def webber_network() -> Network:
    """Seven participants call Fatima; she links debt help, education and youth health care."""
    domains = ["Onderwijs", "Jeugdgezondheidszorg", "Onderwijs", "Jeugdgezondheidszorg"]
    domains += ["Onderwijs", "Schuldhulpverlening", "Schuldhulpverlening"]
    nodes = [Node("fatima", "Fatima", "person", ("Schuldhulpverlening",))]
    nodes += [Node(f"c{i}", f"Deelnemer {i}", "person", (d,)) for i, d in enumerate(domains)]
    nodes.append(Node("org", "Wijkteam Zuid", "organisation", ("Wijkteam",)))
    edges = [Edge(f"c{i}", "fatima", "calls_when_stuck", DIRECTED) for i in range(7)]
    edges.append(Edge("c0", "org", "works_with"))
    edges.append(Edge("c1", "c3", "works_with"))
    return Network(nodes, edges)
