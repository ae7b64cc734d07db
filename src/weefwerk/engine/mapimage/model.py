"""What the picture is made of: nodes, edges and legend entries; the page's sizes and colours."""

from __future__ import annotations

from dataclasses import dataclass

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

# Marks for a picture of two states together (a comparison of snapshots). Each mark has its own
# line style too, so colour is never the only cue: added is thick and solid, removed dashed,
# unchanged thin and pale. The colours keep 3:1 against white.
ADDED = "added"
REMOVED = "removed"
UNCHANGED = "unchanged"
MARKS = (ADDED, REMOVED, UNCHANGED)
ADDED_COLOUR = "#17793a"
REMOVED_COLOUR = "#c0262d"
MUTED_COLOUR = "#8c8c8c"

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
    (wanted); ``opacity`` of the fill. A ``mark`` (one of ``MARKS``) replaces the border's
    look with that of the mark."""

    id: str
    label: str
    x: float | None
    y: float | None
    color: str
    size: float = 1.0
    shape: str = "ellipse"
    border: str = "solid"
    opacity: float = 1.0
    mark: str = ""


@dataclass(frozen=True)
class Edge:
    """One connection. ``weight`` 1 to 3 sets the line width (the page's strength);
    ``mutual`` puts an arrowhead at both ends of a directed edge; ``dashed`` for proposed or
    wanted connections. A ``mark`` (one of ``MARKS``) sets colour and dashes instead."""

    source: str
    target: str
    directed: bool = False
    weight: int = 1
    mutual: bool = False
    dashed: bool = False
    mark: str = ""


@dataclass(frozen=True)
class LegendEntry:
    """One row of the legend: a node shape in ``color`` (or "line", "arrow", "none") and its
    text. Entries with the same ``section`` are listed together under that heading. A
    ``mark`` draws the symbol with that mark's look, as on the map."""

    label: str
    color: str
    shape: str = "ellipse"
    border: str = "solid"
    section: str = ""
    mark: str = ""
