"""Two states in one picture: added, removed and unchanged marks on nodes, edges and legend."""

import io
import xml.etree.ElementTree as ET

from PIL import Image

from weefwerk.engine.mapimage import (
    ADDED,
    REMOVED,
    UNCHANGED,
    Edge,
    LegendEntry,
    Node,
    render_png,
    render_svg,
    scene,
)
from weefwerk.engine.mapimage.model import ADDED_COLOUR, MUTED_COLOUR, REMOVED_COLOUR

SVG = "{http://www.w3.org/2000/svg}"
LEGEND = [
    LegendEntry("Nieuw", "#ffffff", section="Wat veranderde", mark=ADDED),
    LegendEntry("Verdwenen", "#ffffff", section="Wat veranderde", mark=REMOVED),
    LegendEntry("Hetzelfde", "#ffffff", section="Wat veranderde", mark=UNCHANGED),
    LegendEntry("Nieuwe verbinding", "#ffffff", "line", section="Wat veranderde", mark=ADDED),
    LegendEntry("Verdwenen verbinding", "#ffffff", "line", section="Wat veranderde", mark=REMOVED),
]


def compared():
    nodes = [
        Node("same", "Voedselbank", 0, 0, "#0b5cad", mark=UNCHANGED),
        Node("new", "GGD", 150, 0, "#0b5cad", mark=ADDED),
        Node("gone", "De Regenboog", 0, 150, "#0b5cad", mark=REMOVED),
        Node("plain", "Zonder merk", 150, 150, "#0b5cad"),
    ]
    edges = [
        Edge("new", "same", directed=True, mark=ADDED),
        Edge("same", "gone", mark=REMOVED),
        Edge("same", "plain", mark=UNCHANGED),
        Edge("plain", "new", dashed=True),
    ]
    return nodes, edges


def by_id(picture):
    return {shape.node_id: shape for shape in picture.nodes}


def test_each_mark_has_its_own_colour_and_line_style():
    nodes, edges = compared()
    shapes = by_id(scene(nodes, edges))
    added, removed, same, plain = shapes["new"], shapes["gone"], shapes["same"], shapes["plain"]
    assert (added.stroke, added.dash) == (ADDED_COLOUR, ())
    assert removed.stroke == REMOVED_COLOUR and removed.dash
    assert (same.stroke, same.dash) == (MUTED_COLOUR, ())
    # Not by colour alone: added is the thickest, unchanged the thinnest and palest.
    assert added.stroke_width > plain.stroke_width > same.stroke_width
    assert same.opacity < removed.opacity < added.opacity == plain.opacity == 1.0


def test_edges_are_marked_and_drawn_over_unchanged_ones():
    nodes, edges = compared()
    picture = scene(nodes, edges)
    colours = [line.color for line in picture.edges]
    assert colours.index(MUTED_COLOUR) < colours.index(REMOVED_COLOUR)
    assert colours.index(REMOVED_COLOUR) < colours.index(ADDED_COLOUR)
    lines = {line.color: line for line in picture.edges}
    assert lines[ADDED_COLOUR].dash == () and lines[REMOVED_COLOUR].dash
    assert lines[ADDED_COLOUR].width > lines[MUTED_COLOUR].width
    # The arrowhead of the new directed tie is green like its line.
    assert [arrow.color for arrow in picture.arrows] == [ADDED_COLOUR]
    # An unmarked dashed edge keeps the page's look.
    assert lines["#6f6f6f"].dash


def test_the_legend_shows_the_marks_as_on_the_map():
    picture = scene(*compared(), LEGEND)
    strokes = [(shape.stroke, bool(shape.dash)) for shape in picture.legend_shapes]
    assert strokes == [(ADDED_COLOUR, False), (REMOVED_COLOUR, True), (MUTED_COLOUR, False)]
    lines = [(line.color, bool(line.dash)) for line in picture.legend_lines]
    assert lines == [(ADDED_COLOUR, False), (REMOVED_COLOUR, True)]


def test_svg_and_png_carry_the_marks():
    nodes, edges = compared()
    svg = render_svg(nodes, edges, LEGEND, title="Van A naar B")
    root = ET.fromstring(svg)
    strokes = {shape.get("stroke") for shape in root.iter(f"{SVG}circle")}
    assert {ADDED_COLOUR, REMOVED_COLOUR, MUTED_COLOUR} <= strokes
    dashed = [c for c in root.iter(f"{SVG}circle") if c.get("stroke") == REMOVED_COLOUR]
    assert all(c.get("stroke-dasharray") for c in dashed)
    image = Image.open(io.BytesIO(render_png(nodes, edges, LEGEND, width=600, height=400)))
    colours = {colour for _, colour in image.getcolors(600 * 400)}
    assert (0x17, 0x79, 0x3A) in colours and (0xC0, 0x26, 0x2D) in colours


def test_changed_elements_keep_their_names_in_a_crowd():
    def crowd(mark):
        nodes = [
            Node(str(i), f"Organisatie nummer {i}", (i % 6) * 20.0, (i // 6) * 10.0, "#0b5cad")
            for i in range(36)
        ]
        nodes[20] = Node("20", "Nieuwe partner", 40.0, 30.0, "#0b5cad", mark=mark)
        picture = scene(nodes, [], LEGEND)
        assert picture.hidden_labels
        return {label.text for label in picture.labels}

    assert "Nieuwe partner" not in crowd("")
    assert "Nieuwe partner" in crowd(ADDED)
