"""The scene: everything to draw, in canvas pixels and drawing order, shared by SVG and PNG."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from .layout import (
    _finite,
    _unique,
    layout,
)
from .model import (
    ADDED,
    ADDED_COLOUR,
    BACKGROUND,
    BORDER_COLOUR,
    EDGE_COLOUR,
    FALLBACK_COLOUR,
    GAP,
    LABEL_MAX_WIDTH,
    LABEL_SIZE,
    LARGE,
    LEGEND_BORDER,
    LEGEND_TEXT_SIZE,
    LINE_SHAPES,
    MARGIN,
    MAX_NODE,
    MAX_ZOOM,
    MIN_NODE,
    MUTED_COLOUR,
    NODE_SIZE,
    REFERENCE,
    REMOVED,
    REMOVED_COLOUR,
    SHAPES,
    TEXT_COLOUR,
    TITLE_SIZE,
    UNCHANGED,
    Edge,
    LegendEntry,
    Node,
)
from .text import (
    _COLOUR,
    clean_text,
    fit_text,
    text_width,
)

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


def _node_border(border: str, mark: str, unit: float) -> tuple[str, float, tuple, float]:
    """Colour, width and dashes of a node's border, and a factor on its fill opacity."""
    if mark == ADDED:
        return ADDED_COLOUR, 4.5 * unit, (), 1.0
    if mark == REMOVED:
        return REMOVED_COLOUR, 3 * unit, _dash("dashed", unit), 0.5
    if mark == UNCHANGED:
        return MUTED_COLOUR, 1.25 * unit, (), 0.35
    width = 3 * unit if border in ("dashed", "dotted") else 2 * unit
    return BORDER_COLOUR, width, _dash(border, unit), 1.0


def _edge_line(width: float, dashed: bool, mark: str, unit: float) -> tuple[str, float, tuple]:
    """Colour, width and dashes of an edge of ``width`` by its strength."""
    if mark == ADDED:
        return ADDED_COLOUR, width + 2 * unit, ()
    if mark == REMOVED:
        return REMOVED_COLOUR, width + unit, (6 * unit, 4 * unit)
    if mark == UNCHANGED:
        return MUTED_COLOUR, width, ()
    return EDGE_COLOUR, width, (6 * unit, 4 * unit) if dashed else ()


# Drawing order: what changed goes on top of what stayed the same.
_MARK_ORDER = {UNCHANGED: 0, "": 1, REMOVED: 2, ADDED: 3}


def _drawing_order(item) -> int:
    return _MARK_ORDER.get(item.mark, 1)


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
    if shape == "line" and entry.mark:
        colour, width, dash = _edge_line(1.5 * unit, False, entry.mark, unit)
        scene.legend_lines.append(Line(x, middle, x + 16 * unit, middle, width, colour, dash))
    elif shape == "line":
        scene.legend_lines.append(Line(x, middle, x + 16 * unit, middle, 3 * unit, colour))
    elif shape == "arrow":
        scene.legend_lines.append(Line(x, middle, x + 9 * unit, middle, 1.5 * unit, colour))
        scene.legend_arrows.append(
            Polygon(_arrowhead((x + 17 * unit, middle), (1.0, 0.0), 9 * unit), colour)
        )
    elif shape != "none":
        small = unit * 0.7
        stroke, width, dash, fade = _node_border(entry.border, entry.mark, small)
        if not entry.mark:
            width = 1.5 * unit
        scene.legend_shapes.append(
            Shape(shape, x + 8 * unit, middle, 7 * unit, colour, fade, stroke, width, dash)
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
    for edge in sorted(edges, key=_drawing_order):
        (x1, y1), (x2, y2) = canvas[edge.source], canvas[edge.target]
        dx, dy = x2 - x1, y2 - y1
        distance = math.hypot(dx, dy)
        r1, r2 = radius[edge.source] + border / 2, radius[edge.target] + border / 2
        if distance <= r1 + r2 + unit:
            continue
        ux, uy = dx / distance, dy / distance
        colour, line_width, dash = _edge_line(
            _line_width(edge.weight, unit), edge.dashed, edge.mark, unit
        )
        start = (x1 + ux * r1, y1 + uy * r1)
        end = (x2 - ux * r2, y2 - uy * r2)
        if edge.directed and not large:
            length = min(
                7 * unit + 2 * line_width, (distance - r1 - r2) / (2 if edge.mutual else 1)
            )
            result.arrows.append(Polygon(_arrowhead(end, (ux, uy), length), colour))
            end = (end[0] - ux * length * 0.8, end[1] - uy * length * 0.8)
            if edge.mutual:
                result.arrows.append(Polygon(_arrowhead(start, (-ux, -uy), length), colour))
                start = (start[0] + ux * length * 0.8, start[1] + uy * length * 0.8)
        result.edges.append(Line(*start, *end, line_width, colour, dash))

    for node in sorted(nodes, key=_drawing_order):
        x, y = canvas[node.id]
        shape = node.shape if node.shape in SHAPES else "ellipse"
        opacity = min(max(node.opacity, 0.0), 1.0) if _finite(node.opacity) else 1.0
        stroke, stroke_width, dash, fade = _node_border(node.border, node.mark, unit)
        result.nodes.append(
            Shape(
                shape,
                x,
                y,
                radius[node.id],
                _colour(node.color),
                opacity * fade,
                stroke,
                stroke_width,
                dash,
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
    # What changed keeps its name first in a comparison.
    order = sorted(
        range(len(nodes)),
        key=lambda i: (
            nodes[i].mark not in (ADDED, REMOVED),
            -radius[nodes[i].id],
            -degree.get(nodes[i].id, 0),
            i,
        ),
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
