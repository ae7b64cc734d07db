"""The static map picture: layout, SVG and PNG from plain nodes, edges and legend rows."""

import io
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from weefwerk.engine.mapimage import (
    Edge,
    LegendEntry,
    Node,
    fit_text,
    layout,
    render_png,
    render_svg,
    scene,
)

SVG = "{http://www.w3.org/2000/svg}"
LEGEND = [
    LegendEntry("Organisatie", "#0b5cad", "round-rectangle", section="Kleur en vorm"),
    LegendEntry("Persoon", "#c4380a", "ellipse", section="Kleur en vorm"),
    LegendEntry("Overleg", "#137a4f", "hexagon", section="Kleur en vorm"),
    LegendEntry("Gestreepte rand: voorgesteld", "#ffffff", border="dashed", section="Status"),
    LegendEntry("Pijl: richting van de verbinding", "#6f6f6f", "arrow", section="Lijnen"),
    LegendEntry("Dikte: sterkte (1 tot 3)", "#6f6f6f", "line", section="Lijnen"),
]


def small_network(placed=True):
    def at(x, y):
        return (x, y) if placed else (None, None)

    nodes = [
        Node("1", "Voedselbank", *at(0, 0), "#0b5cad", shape="round-rectangle"),
        Node("2", "Sanne Jansen", *at(120, 40), "#c4380a"),
        Node("3", "Wijkteamoverleg", *at(-100, 90), "#137a4f", shape="hexagon"),
        Node("4", "Nieuw element", None, None, "#8c3e9c", shape="diamond", border="dashed"),
    ]
    edges = [
        Edge("1", "2", directed=True, weight=3),
        Edge("2", "3", directed=True, mutual=True),
        Edge("3", "1", weight=2, dashed=True),
        Edge("4", "1"),
    ]
    return nodes, edges


def texts(root):
    return [
        "".join(text.itertext())
        for text in root.iter(f"{SVG}text")
        if text.get("fill") not in (None, "none")
    ]


def test_given_positions_are_kept_and_the_others_placed():
    nodes, edges = small_network()
    positions = layout(nodes, edges)
    assert positions["1"] == (0.0, 0.0)
    assert positions["2"] == (120.0, 40.0)
    assert positions["3"] == (-100.0, 90.0)
    x, y = positions["4"]
    # Placed near its only neighbour, not on top of it.
    assert 0 < ((x**2 + y**2) ** 0.5) < 400


def test_layout_is_deterministic_for_a_seed():
    nodes, edges = small_network(placed=False)
    nodes += [Node(str(i), f"E{i}", None, None, "#0b5cad") for i in range(5, 60)]
    edges += [Edge(str(i), str(i - 1)) for i in range(6, 60)]
    first = layout(nodes, edges, seed=3)
    assert first == layout(nodes, edges, seed=3)
    assert first != layout(nodes, edges, seed=4)
    assert len(set(first.values())) == len(nodes)


def test_layout_ignores_duplicates_unknown_ends_and_bad_numbers():
    nodes = [
        Node("a", "A", float("nan"), 3.0, "#000000"),
        Node("a", "A again", 1.0, 1.0, "#000000"),
        Node("b", "B", float("inf"), None, "#000000"),
    ]
    edges = [Edge("a", "b"), Edge("a", "zz"), Edge("b", "b")]
    positions = layout(nodes, edges)
    assert set(positions) == {"a", "b"}
    assert all(abs(c) < 1e6 for point in positions.values() for c in point)


def test_svg_parses_and_holds_labels_legend_title_and_description():
    nodes, edges = small_network()
    svg = render_svg(nodes, edges, LEGEND, title="Netwerk Oost", description="Vier elementen.")
    root = ET.fromstring(svg.encode())
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "960" and root.get("viewBox") == "0 0 960 640"
    assert root.find(f"{SVG}title").text == "Netwerk Oost"
    assert root.find(f"{SVG}desc").text == "Vier elementen."
    shown = texts(root)
    for label in ("Voedselbank", "Sanne Jansen", "Wijkteamoverleg", "Nieuw element"):
        assert label in shown
    for entry in LEGEND:
        assert entry.label in shown
    assert {"Kleur en vorm", "Status", "Lijnen", "Netwerk Oost"} <= set(shown)
    # Three arrowheads: one for the directed tie, two for the mutual one.
    picture = scene(nodes, edges, LEGEND)
    assert len(picture.arrows) == 3
    widths = sorted(line.width for line in picture.edges)
    assert widths[0] < widths[-1]
    assert sum(1 for line in picture.edges if line.dash) == 1
    assert any(node.dash for node in picture.nodes)


def test_legend_and_map_do_not_overlap():
    nodes, edges = small_network()
    picture = scene(nodes, edges, LEGEND, width=960, height=640)
    box = picture.legend_box
    assert box is not None and box.x + box.width <= 960
    for node in picture.nodes:
        assert node.x + node.radius < box.x
    for label in picture.labels:
        assert label.x < box.x


def test_png_opens_at_the_requested_size():
    nodes, edges = small_network()
    data = render_png(nodes, edges, LEGEND, width=800, height=500, title="Netwerk Oost")
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.size == (800, 500)
    assert image.info["Title"] == "Netwerk Oost"
    assert "4 elementen en 4 verbindingen" in image.info["Description"]
    colours = {colour for _, colour in image.getcolors(800 * 500)}
    assert (11, 92, 173) in colours  # the organisation's blue


def test_default_sizes():
    nodes, edges = small_network()
    assert Image.open(io.BytesIO(render_png(nodes, edges, LEGEND))).size == (1920, 1280)
    root = ET.fromstring(render_svg(nodes, edges, LEGEND))
    assert (root.get("width"), root.get("height")) == ("960", "640")


@pytest.mark.parametrize("legend", [[], LEGEND])
def test_an_empty_network_does_not_crash(legend):
    root = ET.fromstring(render_svg([], [], legend, title="Leeg"))
    assert root.find(f"{SVG}title").text == "Leeg"
    image = Image.open(io.BytesIO(render_png([], [], legend, width=300, height=200)))
    assert image.size == (300, 200)


def test_text_is_escaped():
    nodes = [
        Node("x", '<De Ark> & "Zon"', 0, 0, "#0b5cad"),
        Node("y", "Kerk\x00 & Moskee", 100, 0, "#0b5cad"),
    ]
    legend = [LegendEntry("<Overleg> & co", "#137a4f", section="A & B")]
    svg = render_svg(nodes, [Edge("x", "y")], legend, title="Kaart <1> & 2")
    assert "<De Ark>" not in svg and "&lt;De Ark&gt;" in svg
    root = ET.fromstring(svg)
    shown = texts(root)
    assert '<De Ark> & "Zon"' in shown
    assert "Kerk & Moskee" in shown
    assert "<Overleg> & co" in shown and "A & B" in shown
    assert root.find(f"{SVG}title").text == "Kaart <1> & 2"


def test_a_bad_colour_does_not_reach_the_svg():
    node = Node("x", "X", 0, 0, '"/><script>alert(1)</script>')
    svg = render_svg([node], [], [])
    assert "script" not in svg
    ET.fromstring(svg)


def test_long_labels_are_shortened():
    assert fit_text("Stichting Leergeld Midden-Nederland en omstreken", 12, 150).endswith("…")
    assert fit_text("Kort", 12, 150) == "Kort"


def test_a_large_network_draws_without_arrowheads_and_quickly():
    import time

    nodes = [
        Node(str(i), f"Element {i}", (i % 50) * 80.0, (i // 50) * 80.0, "#0b5cad")
        for i in range(1200)
    ]
    edges = [Edge(str(i), str(i + 1), directed=True) for i in range(1199)]
    started = time.perf_counter()
    svg = render_svg(nodes, edges, LEGEND)
    assert time.perf_counter() - started < 3  # about 0.1 s; generous for a busy machine
    ET.fromstring(svg)
    assert "<polygon" not in svg.split("</g>")[1]  # the arrowhead group is empty


def test_labels_do_not_cover_each_other():
    nodes = [
        Node(str(i), f"Organisatie nummer {i}", (i % 6) * 40.0, (i // 6) * 30.0, "#0b5cad")
        for i in range(36)
    ]
    picture = scene(nodes, [], LEGEND)
    assert picture.labels and picture.hidden_labels
    boxes = []
    for label in picture.labels:
        from weefwerk.engine.mapimage import text_width

        width = text_width(label.text, label.size)
        left = {"middle": label.x - width / 2, "end": label.x - width}.get(label.anchor, label.x)
        boxes.append((left, label.y - label.size, left + width, label.y))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


coordinates = st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False))


@st.composite
def networks(draw):
    count = draw(st.integers(0, 25))
    nodes = [
        Node(
            str(i),
            draw(st.text(max_size=30)),
            draw(coordinates),
            draw(coordinates),
            "#0b5cad",
            size=draw(st.floats(0.1, 4)),
            shape=draw(st.sampled_from(["ellipse", "hexagon", "triangle", "star"])),
        )
        for i in range(count)
    ]
    edges = []
    if count > 1:
        pairs = draw(
            st.lists(st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)), max_size=40)
        )
        edges = [
            Edge(str(a), str(b), directed=draw(st.booleans()), weight=draw(st.integers(-2, 9)))
            for a, b in pairs
        ]
    return nodes, edges


@settings(max_examples=60, deadline=None)
@given(networks(), st.integers(200, 2000), st.integers(150, 1500), st.booleans())
def test_every_node_lands_inside_the_canvas(network, width, height, with_legend):
    nodes, edges = network
    picture = scene(
        nodes, edges, LEGEND if with_legend else [], width=width, height=height, title="T"
    )
    assert len(picture.nodes) == len(nodes)
    for node in picture.nodes:
        assert node.x - node.radius >= 0 and node.x + node.radius <= width
        assert node.y - node.radius >= 0 and node.y + node.radius <= height
    for label in picture.labels:
        assert 0 <= label.y <= height
    ET.fromstring(render_svg(nodes, edges, [], width=width, height=height))


def test_svg_numbers_are_plain():
    nodes, edges = small_network()
    svg = render_svg(nodes, edges, LEGEND)
    assert not re.search(r"nan|inf", svg, re.IGNORECASE)
