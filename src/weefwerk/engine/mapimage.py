"""A static picture of the network map (SVG and PNG) for reports.

The Django side (``weefwerk.networkmap.image``) turns a trajectory's network into ``Node``,
``Edge`` and ``LegendEntry`` values with the palette and the saved positions of the interactive
map page. This module places what has no position yet (``layout``), scales the map to fit the
canvas beside its legend and draws it: ``render_svg`` writes SVG text, ``render_png`` paints the
same picture with Pillow. Both draw from one scene (``scene``), so they always agree.

Looks follow the Cytoscape page (static/weefwerk/networkmap.js): nodes of 30 map units with a
dark border, dashed for proposed and dotted for wanted elements, labels under the node with a
white halo, grey lines 1 to 4 wide by strength, arrowheads for directed ties (none above 1,000
elements, like the page). Labels keep a readable size; where they would cover each other the
smaller elements' labels are left out (every node still has its name as a tooltip in the SVG).

Pure Python: no Django, no numpy. Pillow is imported only by ``render_png``.
"""

from __future__ import annotations

import io
import math
import os
import random
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD_FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FONT_FAMILY = "'DejaVu Sans', Verdana, Arial, sans-serif"

# The page's sizes, in map units (Cytoscape model coordinates).
NODE_SIZE = 30.0
IDEAL_EDGE_LENGTH = 90.0
# Above this many elements the page draws no arrowheads; so does the picture.
LARGE = 1000

# Colours of the page (networkmap.js styles()).
EDGE_COLOUR = "#6f6f6f"
BORDER_COLOUR = "#1a1a1a"
TEXT_COLOUR = "#1a1a1a"
BACKGROUND = "#ffffff"
LEGEND_BORDER = "#8c8c8c"
FALLBACK_COLOUR = "#6b6b6b"

SHAPES = ("ellipse", "round-rectangle", "rectangle", "hexagon", "diamond", "triangle")
BORDERS = ("solid", "dashed", "dotted")
# Legend entries can also show a line sample instead of a node shape.
LINE_SHAPES = ("line", "arrow", "none")

# Sizes at the reference canvas of 960 x 640; everything scales with the canvas.
REFERENCE = (960.0, 640.0)
MARGIN = 16.0
GAP = 16.0
LABEL_SIZE = 12.0
LEGEND_TEXT_SIZE = 12.0
TITLE_SIZE = 17.0
MIN_NODE = 9.0
MAX_NODE = 36.0
MAX_ZOOM = 2.0
LABEL_MAX_WIDTH = 150.0


@dataclass(frozen=True)
class Node:
    """One element. ``x``/``y`` in map units (``None``: not placed yet); ``size`` is relative
    to the page's node of 30 units; ``border`` "solid", "dashed" (proposed) or "dotted"
    (wanted); ``opacity`` of the fill."""

    id: str
    label: str
    x: float | None
    y: float | None
    color: str
    size: float = 1.0
    shape: str = "ellipse"
    border: str = "solid"
    opacity: float = 1.0


@dataclass(frozen=True)
class Edge:
    """One connection. ``weight`` 1 to 3 sets the line width (the page's strength);
    ``mutual`` puts an arrowhead at both ends of a directed edge; ``dashed`` for proposed or
    wanted connections."""

    source: str
    target: str
    directed: bool = False
    weight: int = 1
    mutual: bool = False
    dashed: bool = False


@dataclass(frozen=True)
class LegendEntry:
    """One row of the legend: a node shape in ``color`` (or "line", "arrow", "none") and its
    text. Entries with the same ``section`` are listed together under that heading."""

    label: str
    color: str
    shape: str = "ellipse"
    border: str = "solid"
    section: str = ""


# ----------------------------------------------------------------------------------------------
# Layout


def _finite(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _unique(nodes: Iterable[Node]) -> list[Node]:
    seen: set[str] = set()
    result = []
    for node in nodes:
        if node.id not in seen:
            seen.add(node.id)
            result.append(node)
    return result


def _neighbours(ids: set[str], edges: Iterable[Edge]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {node_id: [] for node_id in ids}
    pairs: set[tuple[str, str]] = set()
    for edge in edges:
        if edge.source == edge.target or edge.source not in ids or edge.target not in ids:
            continue
        pair = (min(edge.source, edge.target), max(edge.source, edge.target))
        if pair in pairs:
            continue
        pairs.add(pair)
        result[edge.source].append(edge.target)
        result[edge.target].append(edge.source)
    return result


def layout(
    nodes: Sequence[Node], edges: Sequence[Edge], seed: int = 1
) -> dict[str, tuple[float, float]]:
    """Every node's position in map units: given positions stay as they are, the others are
    placed by a force-directed layout (Fruchterman-Reingold with a grid for the repulsion, the
    placed nodes fixed), deterministic for a seed.

    Like the page, a new element starts beside its placed neighbours (or in the middle) and is
    then settled among them; with no positions at all the whole network is laid out.
    """
    nodes = _unique(nodes)
    order = [node.id for node in nodes]
    placed = {
        node.id: (float(node.x), float(node.y))
        for node in nodes
        if _finite(node.x) and _finite(node.y)
    }
    missing = [node_id for node_id in order if node_id not in placed]
    if not missing:
        return {node_id: placed[node_id] for node_id in order}
    neighbours = _neighbours(set(order), edges)
    rng = random.Random(seed)
    start: dict[str, tuple[float, float]] = {}
    if placed:
        xs = [x for x, _ in placed.values()]
        ys = [y for _, y in placed.values()]
        centre = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
        lonely = 0
        for index, node_id in enumerate(missing):
            near = [placed[other] for other in neighbours[node_id] if other in placed]
            if near:
                x = sum(p[0] for p in near) / len(near)
                y = sum(p[1] for p in near) / len(near)
                radius = 60.0
                angle = index * 2.39996
            else:
                # A sunflower around the middle, so the newcomers do not start on one spot.
                x, y = centre
                radius = IDEAL_EDGE_LENGTH * 0.7 * math.sqrt(lonely + 1)
                angle = lonely * 2.39996
                lonely += 1
            start[node_id] = (x + radius * math.cos(angle), y + radius * math.sin(angle))
    else:
        half = IDEAL_EDGE_LENGTH * math.sqrt(len(order)) / 2
        for node_id in order:
            start[node_id] = (rng.uniform(-half, half), rng.uniform(-half, half))
    positions = {**placed, **start}
    _settle(positions, missing, neighbours, rng)
    return {node_id: positions[node_id] for node_id in order}


def _settle(
    positions: dict[str, tuple[float, float]],
    free: list[str],
    neighbours: dict[str, list[str]],
    rng: random.Random,
) -> None:
    """Fruchterman-Reingold on ``free`` in place; the other nodes pull and push but stay."""
    k = IDEAL_EDGE_LENGTH
    k2 = k * k
    cell = 1.5 * k
    reach = cell * cell
    count = len(free)
    # Fewer rounds for a large network: it stays within about a second or two.
    iterations = max(15, min(80, 25_000 // max(count, 1)))
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys), k * math.sqrt(len(positions)))
    # A little gravity keeps unconnected elements near the others.
    gravity = 0.05
    centre_x = sum(xs) / len(xs)
    centre_y = sum(ys) / len(ys)
    temperature = span * 0.1
    cooling = temperature / (iterations + 1)
    floor = math.floor
    for _ in range(iterations):
        grid: dict[tuple[int, int], list[tuple[str, float, float]]] = {}
        for node_id, (x, y) in positions.items():
            grid.setdefault((floor(x / cell), floor(y / cell)), []).append((node_id, x, y))
        for node_id in free:
            x, y = positions[node_id]
            dx = dy = 0.0
            gx, gy = floor(x / cell), floor(y / cell)
            for cx in (gx - 1, gx, gx + 1):
                for cy in (gy - 1, gy, gy + 1):
                    for other, ox, oy in grid.get((cx, cy), ()):
                        if other == node_id:
                            continue
                        ddx, ddy = x - ox, y - oy
                        d2 = ddx * ddx + ddy * ddy
                        if d2 >= reach:
                            continue
                        if d2 < 0.01:
                            ddx, ddy = rng.uniform(-1, 1), rng.uniform(-1, 1)
                            d2 = ddx * ddx + ddy * ddy + 0.01
                        force = k2 / d2
                        dx += ddx * force
                        dy += ddy * force
            for other in neighbours[node_id]:
                ox, oy = positions[other]
                ddx, ddy = x - ox, y - oy
                distance = math.sqrt(ddx * ddx + ddy * ddy)
                dx -= ddx * distance / k
                dy -= ddy * distance / k
            dx -= (x - centre_x) * gravity
            dy -= (y - centre_y) * gravity
            length = math.sqrt(dx * dx + dy * dy)
            if length > 0:
                step = min(length, temperature)
                positions[node_id] = (x + dx / length * step, y + dy / length * step)
        temperature = max(temperature - cooling, k * 0.02)


# ----------------------------------------------------------------------------------------------
# Text measures: DejaVu Sans advance widths (per 1000 units of the font size), ASCII 32-126.

_WIDTHS = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698,
    770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732,
    684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635,
    634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592,
    525, 636, 337, 636, 838,
)  # fmt: skip
_BOLD_WIDTHS = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734,
    830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812,
    774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716,
    712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652,
    582, 712, 365, 712, 838,
)  # fmt: skip
ELLIPSIS = "…"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_SPACE = re.compile(r"\s+")
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


def _char_width(char: str, table: tuple[int, ...]) -> int:
    code = ord(char)
    if 32 <= code < 127:
        return table[code - 32]
    if char == ELLIPSIS:
        return 1000
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1000
    if unicodedata.combining(char):
        return 0
    base = unicodedata.normalize("NFD", char)[:1]
    if base and 32 <= ord(base) < 127:
        return table[ord(base) - 32]
    return 640


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` in DejaVu Sans at ``size`` (an estimate for other fonts)."""
    table = _BOLD_WIDTHS if bold else _WIDTHS
    return sum(_char_width(char, table) for char in text) * size / 1000


def clean_text(text: str) -> str:
    """One line of text that XML can hold: no control characters, single spaces."""
    return _SPACE.sub(" ", _CONTROL.sub("", str(text))).strip()


def fit_text(text: str, size: float, max_width: float, bold: bool = False) -> str:
    """``text``, shortened with an ellipsis when it is wider than ``max_width``."""
    text = clean_text(text)
    if text_width(text, size, bold) <= max_width:
        return text
    table = _BOLD_WIDTHS if bold else _WIDTHS
    budget = max_width * 1000 / size - 1000
    used = 0
    for index, char in enumerate(text):
        used += _char_width(char, table)
        if used > budget:
            return text[:index].rstrip() + ELLIPSIS if index else ELLIPSIS
    return text


# ----------------------------------------------------------------------------------------------
# The scene: everything to draw, in canvas pixels, in drawing order.


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    color: str = EDGE_COLOUR
    dash: tuple[float, ...] = ()


@dataclass(frozen=True)
class Polygon:
    points: tuple[tuple[float, float], ...]
    color: str = EDGE_COLOUR


@dataclass(frozen=True)
class Shape:
    """A node or a legend symbol: ``shape`` centred on (x, y), ``radius`` half its size."""

    shape: str
    x: float
    y: float
    radius: float
    color: str
    opacity: float = 1.0
    stroke: str = BORDER_COLOUR
    stroke_width: float = 2.0
    dash: tuple[float, ...] = ()
    title: str = ""
    node_id: str = ""


@dataclass(frozen=True)
class Text:
    """``y`` is the baseline; ``anchor`` "start", "middle" or "end"."""

    x: float
    y: float
    text: str
    size: float
    anchor: str = "start"
    bold: bool = False
    halo: float = 0.0
    color: str = TEXT_COLOUR


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    fill: str = BACKGROUND
    stroke: str = LEGEND_BORDER
    stroke_width: float = 1.0


@dataclass
class Scene:
    width: int
    height: int
    title: str
    description: str
    unit: float
    edges: list[Line] = field(default_factory=list)
    arrows: list[Polygon] = field(default_factory=list)
    nodes: list[Shape] = field(default_factory=list)
    labels: list[Text] = field(default_factory=list)
    legend_box: Box | None = None
    legend_shapes: list[Shape] = field(default_factory=list)
    legend_lines: list[Line] = field(default_factory=list)
    legend_arrows: list[Polygon] = field(default_factory=list)
    legend_texts: list[Text] = field(default_factory=list)
    heading: Text | None = None
    # Where the map is drawn: (left, top, right, bottom).
    area: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    hidden_labels: int = 0


def _colour(value: str) -> str:
    value = str(value or "").strip()
    return value.lower() if _COLOUR.fullmatch(value) else FALLBACK_COLOUR


def _dash(border: str, unit: float) -> tuple[float, ...]:
    if border == "dashed":
        return (6 * unit, 3 * unit)
    if border == "dotted":
        return (1.5 * unit, 2.5 * unit)
    return ()


def outline(shape: str, x: float, y: float, r: float) -> list[tuple[float, float]]:
    """The corner points of a node shape of half-size ``r`` (an ellipse as a 40-gon)."""
    if shape == "triangle":
        return [(x, y - r), (x + r, y + r), (x - r, y + r)]
    if shape == "diamond":
        return [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    if shape == "hexagon":
        h = r / 2
        return [
            (x - r, y),
            (x - h, y - r),
            (x + h, y - r),
            (x + r, y),
            (x + h, y + r),
            (x - h, y + r),
        ]
    if shape == "rectangle":
        return [(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)]
    if shape == "round-rectangle":
        c = r * 0.3
        points = []
        for cx, cy, start in (
            (x + r - c, y - r + c, -90),
            (x + r - c, y + r - c, 0),
            (x - r + c, y + r - c, 90),
            (x - r + c, y - r + c, 180),
        ):
            for step in range(6):
                angle = math.radians(start + step * 18)
                points.append((cx + c * math.cos(angle), cy + c * math.sin(angle)))
        return points
    return [
        (x + r * math.cos(2 * math.pi * i / 40), y + r * math.sin(2 * math.pi * i / 40))
        for i in range(40)
    ]


def _arrowhead(
    tip: tuple[float, float], direction: tuple[float, float], length: float
) -> tuple[tuple[float, float], ...]:
    dx, dy = direction
    bx, by = tip[0] - dx * length, tip[1] - dy * length
    half = length * 0.45
    return ((tip[0], tip[1]), (bx - dy * half, by + dx * half), (bx + dy * half, by - dx * half))


def _line_width(weight, unit: float) -> float:
    try:
        weight = float(weight)
    except (TypeError, ValueError):
        weight = 1.0
    if not math.isfinite(weight):
        weight = 1.0
    return (1 + 1.5 * (min(max(weight, 1.0), 3.0) - 1)) * unit


def _legend_symbol(scene: Scene, entry: LegendEntry, x: float, middle: float) -> None:
    unit = scene.unit
    shape = entry.shape if entry.shape in SHAPES + LINE_SHAPES else "ellipse"
    colour = _colour(entry.color)
    if shape == "line":
        scene.legend_lines.append(Line(x, middle, x + 16 * unit, middle, 3 * unit, colour))
    elif shape == "arrow":
        scene.legend_lines.append(Line(x, middle, x + 9 * unit, middle, 1.5 * unit, colour))
        scene.legend_arrows.append(
            Polygon(_arrowhead((x + 17 * unit, middle), (1.0, 0.0), 9 * unit), colour)
        )
    elif shape != "none":
        scene.legend_shapes.append(
            Shape(
                shape,
                x + 8 * unit,
                middle,
                7 * unit,
                colour,
                stroke_width=1.5 * unit,
                dash=_dash(entry.border, unit * 0.7),
            )
        )


def _legend(scene: Scene, legend: Sequence[LegendEntry], top: float, bottom: float) -> float:
    """Draws the legend at the right-hand side; returns its left edge.

    Rows get a little closer when the legend is long, and flow into more columns when it is
    longer still (a section may continue in the next column, a heading never ends one).
    """
    unit = scene.unit
    width = scene.width
    entries = [entry for entry in legend if clean_text(entry.label)]
    if not entries:
        return width - MARGIN * unit
    pad = 10 * unit
    icon = 22 * unit
    rows: list[tuple[str, object]] = []
    section = None
    first_seen: dict[str, int] = {}
    for entry in entries:
        first_seen.setdefault(clean_text(entry.section), len(first_seen))
    for entry in sorted(entries, key=lambda e: first_seen[clean_text(e.section)]):
        heading = clean_text(entry.section)
        if heading != section:
            if rows:
                rows.append(("gap", None))
            if heading:
                rows.append(("heading", heading))
            section = heading
        rows.append(("entry", entry))
    available = max(bottom - top - 2 * pad, 20 * unit)
    for size, row, heading_row, gap in (
        (LEGEND_TEXT_SIZE, 20, 22, 8),
        (11.0, 17, 19, 5),
    ):
        size, row, heading_row, gap = size * unit, row * unit, heading_row * unit, gap * unit
        heights = {"entry": row, "heading": heading_row, "gap": gap}
        if sum(heights[kind] for kind, _ in rows) <= available:
            break
    columns: list[list[tuple[str, object]]] = [[]]
    used = 0.0
    for index, (kind, value) in enumerate(rows):
        needed = heights[kind]
        # A heading goes with its first entry.
        if kind == "heading" and index + 1 < len(rows):
            needed += heights[rows[index + 1][0]]
        if columns[-1] and used + needed > available:
            columns.append([])
            used = 0.0
        if kind == "gap" and not columns[-1]:
            continue
        columns[-1].append((kind, value))
        used += heights[kind]
    share = 0.34 if len(columns) == 1 else 0.5
    most = (width * share) / len(columns) - 2 * pad

    def natural(column):
        widest = icon + 4 * unit
        for kind, value in column:
            if kind == "heading":
                widest = max(widest, text_width(value, size, bold=True))
            elif kind == "entry":
                widest = max(widest, icon + text_width(clean_text(value.label), size))
        return min(widest, max(most, icon + 4 * unit))

    widths = [natural(column) for column in columns]
    box_width = sum(widths) + 2 * pad * len(columns)
    box_height = min(
        max(sum(heights[kind] for kind, _ in column) for column in columns) + 2 * pad,
        bottom - top,
    )
    left = width - MARGIN * unit - box_width
    scene.legend_box = Box(left, top, box_width, box_height, stroke_width=unit)
    x = left + pad
    for column, column_width in zip(columns, widths, strict=True):
        y = top + pad
        for kind, value in column:
            if kind == "heading":
                text = fit_text(value, size, column_width, bold=True)
                scene.legend_texts.append(Text(x, y + heading_row * 0.68, text, size, bold=True))
            elif kind == "entry":
                middle = y + row / 2
                _legend_symbol(scene, value, x, middle)
                text = fit_text(value.label, size, column_width - icon)
                scene.legend_texts.append(Text(x + icon, middle + size * 0.36, text, size))
            y += heights[kind]
        x += column_width + 2 * pad
    return left


def scene(
    nodes: Sequence[Node],
    edges: Sequence[Edge],
    legend: Sequence[LegendEntry] = (),
    *,
    width: int = 960,
    height: int = 640,
    title: str = "",
    description: str = "",
    seed: int = 1,
) -> Scene:
    """Everything ``render_svg`` and ``render_png`` draw, in canvas pixels."""
    width = max(int(width), 64)
    height = max(int(height), 64)
    unit = min(width / REFERENCE[0], height / REFERENCE[1])
    nodes = _unique(nodes)
    known = {node.id for node in nodes}
    edges = [e for e in edges if e.source in known and e.target in known and e.source != e.target]
    title = clean_text(title)
    description = clean_text(description) or (
        f"Netwerkkaart met {len(nodes)} elementen en {len(edges)} verbindingen."
    )
    result = Scene(width, height, title, description, unit)

    top = MARGIN * unit
    if title:
        size = TITLE_SIZE * unit
        text = fit_text(title, size, width - 2 * MARGIN * unit, bold=True)
        result.heading = Text(MARGIN * unit, top + size, text, size, bold=True)
        top += size + 12 * unit
    bottom = height - MARGIN * unit
    legend_left = _legend(result, legend, top, bottom)
    left = MARGIN * unit
    right = legend_left - (GAP * unit if result.legend_box else 0)
    result.area = (left, top, max(right, left + 1), max(bottom, top + 1))
    if not nodes:
        return result

    positions = layout(nodes, edges, seed=seed)
    sizes = {
        node.id: min(max(node.size, 0.3), 3.0) if _finite(node.size) else 1.0 for node in nodes
    }
    biggest = max(sizes.values())
    label_size = LABEL_SIZE * unit
    # Room at the sides for the largest node, below for the labels.
    inset = MAX_NODE * unit * biggest / 2 + 3 * unit
    inner_left, inner_right = left + inset, max(right - inset, left + inset)
    inner_top = top + inset
    inner_bottom = max(bottom - inset - label_size * 1.3, inner_top)
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    x_min, x_max, y_min, y_max = min(xs), max(xs), min(ys), max(ys)
    span_x, span_y = x_max - x_min, y_max - y_min
    room_x, room_y = inner_right - inner_left, inner_bottom - inner_top
    zoom = MAX_ZOOM * unit
    if span_x > 0:
        zoom = min(zoom, room_x / span_x)
    if span_y > 0:
        zoom = min(zoom, room_y / span_y)
    middle_x = (inner_left + inner_right) / 2
    middle_y = (inner_top + inner_bottom) / 2
    centre_x, centre_y = (x_min + x_max) / 2, (y_min + y_max) / 2

    def place(point):
        x = middle_x + (point[0] - centre_x) * zoom
        y = middle_y + (point[1] - centre_y) * zoom
        return (min(max(x, inner_left), inner_right), min(max(y, inner_top), inner_bottom))

    base = min(max(NODE_SIZE * zoom, MIN_NODE * unit), MAX_NODE * unit)
    canvas = {node_id: place(point) for node_id, point in positions.items()}
    radius = {node.id: base * sizes[node.id] / 2 for node in nodes}
    border = 2 * unit

    large = len(nodes) > LARGE
    for edge in edges:
        (x1, y1), (x2, y2) = canvas[edge.source], canvas[edge.target]
        dx, dy = x2 - x1, y2 - y1
        distance = math.hypot(dx, dy)
        r1, r2 = radius[edge.source] + border / 2, radius[edge.target] + border / 2
        if distance <= r1 + r2 + unit:
            continue
        ux, uy = dx / distance, dy / distance
        line_width = _line_width(edge.weight, unit)
        start = (x1 + ux * r1, y1 + uy * r1)
        end = (x2 - ux * r2, y2 - uy * r2)
        if edge.directed and not large:
            length = min(
                7 * unit + 2 * line_width, (distance - r1 - r2) / (2 if edge.mutual else 1)
            )
            result.arrows.append(Polygon(_arrowhead(end, (ux, uy), length)))
            end = (end[0] - ux * length * 0.8, end[1] - uy * length * 0.8)
            if edge.mutual:
                result.arrows.append(Polygon(_arrowhead(start, (-ux, -uy), length)))
                start = (start[0] + ux * length * 0.8, start[1] + uy * length * 0.8)
        dash = (6 * unit, 4 * unit) if edge.dashed else ()
        result.edges.append(Line(*start, *end, line_width, EDGE_COLOUR, dash))

    for node in nodes:
        x, y = canvas[node.id]
        shape = node.shape if node.shape in SHAPES else "ellipse"
        opacity = min(max(node.opacity, 0.0), 1.0) if _finite(node.opacity) else 1.0
        width_factor = 1.5 if node.border in ("dashed", "dotted") else 1.0
        result.nodes.append(
            Shape(
                shape,
                x,
                y,
                radius[node.id],
                _colour(node.color),
                opacity,
                BORDER_COLOUR,
                border * width_factor,
                _dash(node.border, unit),
                clean_text(node.label),
                node.id,
            )
        )

    _labels(result, nodes, edges, canvas, radius, label_size)
    return result


def _labels(scene_, nodes, edges, canvas, radius, size) -> None:
    """Labels under their node, or else above, right or left of it, where they cover no other
    label and no element; failing that the first of these places that covers no other label
    (only elements or lines), else the label is left out. Bigger and better connected elements
    go first, so their names are the ones that stay."""
    unit = scene_.unit
    left, top, right, bottom = scene_.area
    degree: dict[str, int] = {}
    for edge in edges:
        degree[edge.source] = degree.get(edge.source, 0) + 1
        degree[edge.target] = degree.get(edge.target, 0) + 1
    order = sorted(
        range(len(nodes)),
        key=lambda i: (-radius[nodes[i].id], -degree.get(nodes[i].id, 0), i),
    )
    cell = 64 * unit
    floor = math.floor

    def cells(box):
        return [
            (cx, cy)
            for cx in range(floor(box[0] / cell), floor(box[2] / cell) + 1)
            for cy in range(floor(box[1] / cell), floor(box[3] / cell) + 1)
        ]

    def hits(grid, box, own=None):
        for key in cells(box):
            for other, owner in grid.get(key, ()):
                if (
                    (own is None or owner != own)
                    and box[0] < other[2]
                    and other[0] < box[2]
                    and box[1] < other[3]
                    and other[1] < box[3]
                ):
                    return True
        return False

    obstacles: dict[tuple[int, int], list] = {}
    for node in nodes:
        x, y = canvas[node.id]
        r = radius[node.id]
        box = (x - r, y - r, x + r, y + r)
        for key in cells(box):
            obstacles.setdefault(key, []).append((box, node.id))
    taken: dict[tuple[int, int], list] = {}
    height = size * 1.15
    pad = 1.5 * unit
    gap = 3 * unit
    drawn: list[tuple[int, Text]] = []
    for index in order:
        node = nodes[index]
        text = fit_text(node.label, size, LABEL_MAX_WIDTH * unit)
        if not text:
            continue
        x, y = canvas[node.id]
        r = radius[node.id]
        w = text_width(text, size)
        # Centred candidates shift inward rather than run off the picture.
        cx = min(max(x, left + w / 2), max(right - w / 2, left + w / 2))
        candidates = [
            (
                "middle",
                cx,
                y + r + gap,
                (cx - w / 2, y + r + gap, cx + w / 2, y + r + gap + height),
            ),
            (
                "middle",
                cx,
                y - r - gap - height,
                (cx - w / 2, y - r - gap - height, cx + w / 2, y - r - gap),
            ),
        ]
        if x + r + gap + w <= right:
            box = (x + r + gap, y - height / 2, x + r + gap + w, y + height / 2)
            candidates.append(("start", box[0], box[1], box))
        if x - r - gap - w >= left:
            box = (x - r - gap - w, y - height / 2, x - r - gap, y + height / 2)
            candidates.append(("end", box[2], box[1], box))
        chosen = None
        for candidate in candidates:
            box = candidate[3]
            padded = (box[0] - pad, box[1], box[2] + pad, box[3])
            if (
                box[1] >= top
                and box[3] <= bottom
                and not hits(taken, padded)
                and not hits(obstacles, padded, own=node.id)
            ):
                chosen = candidate
                break
        if chosen is None:
            for candidate in candidates:
                box = candidate[3]
                if box[1] >= top and not hits(taken, (box[0] - pad, box[1], box[2] + pad, box[3])):
                    chosen = candidate
                    break
        if chosen is None:
            scene_.hidden_labels += 1
            continue
        anchor, tx, label_top, box = chosen
        for key in cells(box):
            taken.setdefault(key, []).append(((box[0] - pad, box[1], box[2] + pad, box[3]), None))
        drawn.append((index, Text(tx, label_top + size * 0.85, text, size, anchor, halo=3 * unit)))
    scene_.labels = [label for _, label in sorted(drawn, key=lambda item: item[0])]


# ----------------------------------------------------------------------------------------------
# SVG


def _xml(text: str) -> str:
    return (
        clean_text(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _dash_attr(dash: tuple[float, ...]) -> str:
    return f' stroke-dasharray="{" ".join(_n(d) for d in dash)}"' if dash else ""


def _svg_shape(shape: Shape) -> str:
    fill = f'fill="{shape.color}"'
    if shape.opacity < 1:
        fill += f' fill-opacity="{shape.opacity:.2f}"'
    stroke = f'stroke="{shape.stroke}" stroke-width="{_n(shape.stroke_width)}"'
    stroke += _dash_attr(shape.dash)
    title = f"<title>{_xml(shape.title)}</title>" if shape.title else ""
    close = f">{title}</" if title else "/>"
    r = shape.radius
    if shape.shape == "ellipse":
        tag = "circle"
        geometry = f'cx="{_n(shape.x)}" cy="{_n(shape.y)}" r="{_n(r)}"'
    elif shape.shape in ("round-rectangle", "rectangle"):
        tag = "rect"
        corner = f' rx="{_n(r * 0.3)}"' if shape.shape == "round-rectangle" else ""
        geometry = (
            f'x="{_n(shape.x - r)}" y="{_n(shape.y - r)}" width="{_n(2 * r)}" '
            f'height="{_n(2 * r)}"{corner}'
        )
    else:
        tag = "polygon"
        points = " ".join(
            f"{_n(px)},{_n(py)}" for px, py in outline(shape.shape, shape.x, shape.y, r)
        )
        geometry = f'points="{points}"'
    end = f"{close}{tag}>" if title else close
    return f"<{tag} {geometry} {fill} {stroke}{end}"


def _svg_line(line: Line) -> str:
    return (
        f'<line x1="{_n(line.x1)}" y1="{_n(line.y1)}" x2="{_n(line.x2)}" y2="{_n(line.y2)}" '
        f'stroke="{line.color}" stroke-width="{_n(line.width)}"{_dash_attr(line.dash)}/>'
    )


def _svg_polygon(polygon: Polygon) -> str:
    points = " ".join(f"{_n(x)},{_n(y)}" for x, y in polygon.points)
    return f'<polygon points="{points}" fill="{polygon.color}"/>'


def _svg_text(text: Text, halo: bool = False) -> str:
    anchor = f' text-anchor="{text.anchor}"' if text.anchor in ("middle", "end") else ""
    weight = ' font-weight="bold"' if text.bold else ""
    paint = (
        f'fill="none" stroke="{BACKGROUND}" stroke-width="{_n(text.halo)}" stroke-linejoin="round"'
        if halo
        else f'fill="{text.color}"'
    )
    return (
        f'<text x="{_n(text.x)}" y="{_n(text.y)}" font-size="{_n(text.size)}"{anchor}{weight} '
        f"{paint}>{_xml(text.text)}</text>"
    )


def scene_svg(picture: Scene) -> str:
    w, h = picture.width, picture.height
    title = picture.title or picture.description
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}" role="img" aria-labelledby="map-title map-desc" '
        f'font-family="{_xml(FONT_FAMILY)}">',
        f'<title id="map-title">{_xml(title)}</title>',
        f'<desc id="map-desc">{_xml(picture.description)}</desc>',
        f'<rect x="0" y="0" width="{w}" height="{h}" fill="{BACKGROUND}"/>',
    ]
    if picture.heading:
        parts.append(_svg_text(picture.heading))
    parts.append('<g stroke-linecap="butt">')
    parts.extend(_svg_line(line) for line in picture.edges)
    parts.append("</g><g>")
    parts.extend(_svg_polygon(arrow) for arrow in picture.arrows)
    parts.append("</g><g>")
    parts.extend(_svg_shape(node) for node in picture.nodes)
    parts.append("</g><g>")
    for label in picture.labels:
        parts.append(_svg_text(label, halo=True))
        parts.append(_svg_text(label))
    parts.append("</g>")
    if picture.legend_box:
        box = picture.legend_box
        parts.append(
            f'<g><rect x="{_n(box.x)}" y="{_n(box.y)}" width="{_n(box.width)}" '
            f'height="{_n(box.height)}" fill="{box.fill}" stroke="{box.stroke}" '
            f'stroke-width="{_n(box.stroke_width)}" rx="{_n(4 * picture.unit)}"/>'
        )
        parts.extend(_svg_line(line) for line in picture.legend_lines)
        parts.extend(_svg_polygon(arrow) for arrow in picture.legend_arrows)
        parts.extend(_svg_shape(shape) for shape in picture.legend_shapes)
        parts.extend(_svg_text(text) for text in picture.legend_texts)
        parts.append("</g>")
    parts.append("</svg>\n")
    return "\n".join(parts)


def render_svg(
    nodes: Sequence[Node],
    edges: Sequence[Edge],
    legend: Sequence[LegendEntry] = (),
    *,
    width: int = 960,
    height: int = 640,
    title: str = "",
    description: str = "",
) -> str:
    """The map as a self-contained SVG document with a <title> and a <desc>."""
    return scene_svg(
        scene(
            nodes, edges, legend, width=width, height=height, title=title, description=description
        )
    )


# ----------------------------------------------------------------------------------------------
# PNG


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _dashes(points, closed: bool, pattern: tuple[float, ...]):
    """The pieces of a polyline that a dash pattern leaves drawn."""
    if closed:
        points = [*points, points[0]]
    pieces = []
    index, remaining, drawing = 0, pattern[0], True
    current = [points[0]] if points else []
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        length = math.hypot(x2 - x1, y2 - y1)
        position = 0.0
        while length - position > remaining:
            position += remaining
            t = position / length
            point = (x1 + (x2 - x1) * t, y1 + (y2 - y1) * t)
            if drawing:
                current.append(point)
                pieces.append(current)
            current = [point]
            drawing = not drawing
            index = (index + 1) % len(pattern)
            remaining = pattern[index]
        remaining -= length - position
        if drawing:
            current.append((x2, y2))
        else:
            current = [(x2, y2)]
    if drawing and len(current) > 1:
        pieces.append(current)
    return pieces


class _Fonts:
    def __init__(self):
        self._cache = {}

    def get(self, size: float, bold: bool):
        from PIL import ImageFont

        key = (round(size), bold)
        if key not in self._cache:
            path = BOLD_FONT_PATH if bold and os.path.exists(BOLD_FONT_PATH) else FONT_PATH
            try:
                font = ImageFont.truetype(path, max(key[0], 1))
            except OSError:
                try:
                    font = ImageFont.load_default(size=max(key[0], 1))
                except TypeError:  # Pillow before 10.1
                    font = ImageFont.load_default()
            self._cache[key] = font
        return self._cache[key]


def scene_png(picture: Scene, *, supersample: int | None = None) -> bytes:
    """Paints the scene with Pillow, drawn larger and scaled down for smooth edges."""
    from PIL import Image, ImageDraw

    if supersample is None:
        supersample = 2 if picture.width * picture.height <= 4_000_000 else 1
    s = supersample
    image = Image.new("RGB", (picture.width * s, picture.height * s), BACKGROUND)
    draw = ImageDraw.Draw(image, "RGBA")
    fonts = _Fonts()

    def scaled(points):
        return [(x * s, y * s) for x, y in points]

    def line(item: Line):
        width = max(round(item.width * s), 1)
        colour = _rgb(item.color)
        points = scaled([(item.x1, item.y1), (item.x2, item.y2)])
        if item.dash:
            for piece in _dashes(points, False, tuple(d * s for d in item.dash)):
                draw.line(piece, fill=colour, width=width)
        else:
            draw.line(points, fill=colour, width=width)

    def polygon(item: Polygon):
        draw.polygon(scaled(item.points), fill=_rgb(item.color))

    def shape(item: Shape):
        points = scaled(outline(item.shape, item.x, item.y, item.radius))
        fill = (*_rgb(item.color), round(255 * item.opacity))
        stroke = _rgb(item.stroke)
        width = max(round(item.stroke_width * s), 1)
        if item.shape == "ellipse":
            r = item.radius * s
            box = [item.x * s - r, item.y * s - r, item.x * s + r, item.y * s + r]
            draw.ellipse(box, fill=fill)
            if not item.dash:
                draw.ellipse(box, outline=stroke, width=width)
        else:
            draw.polygon(points, fill=fill)
            if not item.dash:
                draw.line([*points, points[0], points[1]], fill=stroke, width=width, joint="curve")
        if item.dash:
            for piece in _dashes(points, True, tuple(d * s for d in item.dash)):
                draw.line(piece, fill=stroke, width=width)

    def text(item: Text, halo: bool = False):
        font = fonts.get(item.size * s, item.bold)
        anchor = {"middle": "ms", "end": "rs"}.get(item.anchor, "ls")
        options = {"font": font, "anchor": anchor}
        if halo:
            options.update(stroke_width=max(round(item.halo * s / 2), 1), stroke_fill=BACKGROUND)
        try:
            draw.text((item.x * s, item.y * s), item.text, fill=_rgb(item.color), **options)
        except (ValueError, TypeError):  # a bitmap font without anchors
            options.pop("anchor")
            draw.text((item.x * s, item.y * s), item.text, fill=_rgb(item.color), **options)

    if picture.heading:
        text(picture.heading)
    for item in picture.edges:
        line(item)
    for item in picture.arrows:
        polygon(item)
    for item in picture.nodes:
        shape(item)
    for item in picture.labels:
        text(item, halo=True)
    if picture.legend_box:
        box = picture.legend_box
        draw.rounded_rectangle(
            [box.x * s, box.y * s, (box.x + box.width) * s, (box.y + box.height) * s],
            radius=4 * picture.unit * s,
            fill=_rgb(box.fill),
            outline=_rgb(box.stroke),
            width=max(round(box.stroke_width * s), 1),
        )
        for item in picture.legend_lines:
            line(item)
        for item in picture.legend_arrows:
            polygon(item)
        for item in picture.legend_shapes:
            shape(item)
        for item in picture.legend_texts:
            text(item)
    if s > 1:
        image = image.reduce(s)
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    if picture.title:
        info.add_itxt("Title", picture.title)
    info.add_itxt("Description", picture.description)
    output = io.BytesIO()
    image.save(output, format="PNG", compress_level=3, pnginfo=info)
    return output.getvalue()


def render_png(
    nodes: Sequence[Node],
    edges: Sequence[Edge],
    legend: Sequence[LegendEntry] = (),
    *,
    width: int = 1920,
    height: int = 1280,
    title: str = "",
    description: str = "",
) -> bytes:
    """The same picture as ``render_svg``, as PNG bytes drawn with Pillow."""
    return scene_png(
        scene(
            nodes, edges, legend, width=width, height=height, title=title, description=description
        )
    )
