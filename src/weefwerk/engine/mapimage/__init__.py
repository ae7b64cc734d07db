"""A static picture of the network map (SVG and PNG) for reports.

The Django side (``weefwerk.networkmap.image``) turns a trajectory's network into ``Node``,
``Edge`` and ``LegendEntry`` values with the palette and the saved positions of the interactive
map page. This package places what has no position yet (``layout``), scales the map to fit the
canvas beside its legend and draws it: ``render_svg`` writes SVG text, ``render_png`` paints the
same picture with Pillow. Both draw from one scene (``scene``), so they always agree.

Looks follow the Cytoscape page (static/weefwerk/networkmap.js): nodes of 30 map units with a
dark border, dashed for proposed and dotted for wanted elements, labels under the node with a
white halo, grey lines 1 to 4 wide by strength, arrowheads for directed ties (none above 1,000
elements, like the page). Labels keep a readable size; where they would cover each other the
smaller elements' labels are left out (every node still has its name as a tooltip in the SVG).

Two states can be drawn together: a ``mark`` on a node or edge (``ADDED``, ``REMOVED``,
``UNCHANGED``) draws it green and thick, red and dashed, or pale and thin, and legend entries
with the same mark explain them.

Pure Python: no Django, no numpy. Pillow is imported only by ``render_png``.
"""

from .layout import layout
from .model import ADDED, MARKS, REMOVED, UNCHANGED, Edge, LegendEntry, Node
from .png import render_png, scene_png
from .scene import scene
from .svg import render_svg, scene_svg
from .text import clean_text, fit_text, text_width

__all__ = [
    "ADDED",
    "MARKS",
    "REMOVED",
    "UNCHANGED",
    "Edge",
    "LegendEntry",
    "Node",
    "clean_text",
    "fit_text",
    "layout",
    "render_png",
    "render_svg",
    "scene",
    "scene_png",
    "scene_svg",
    "text_width",
]
