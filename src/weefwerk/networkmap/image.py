"""The network map as a picture (SVG or PNG) for reports: the same map the map page shows.

The data, the palette and the saved positions come from where the page gets them:
``api.network_data`` (kinds with their colour and shape, domains with their colour, the
positions of the trajectory's first map) and the page's own legend words (``map_texts``).
A snapshot is drawn from what it stored, with the colours of today's palette; elements the
snapshot has no position for take the map's current position, and what has none at all is
placed by the engine (``weefwerk.engine.mapimage.layout``).

A comparison of two states (``compare_svg``, ``compare_png``) draws both in one picture: what
came in marked as added, what went out as removed, the rest muted; positions of the later state
first, then of the earlier one, then of the map today.
"""

from __future__ import annotations

import math
from dataclasses import replace

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from weefwerk.engine.mapimage import (
    ADDED,
    REMOVED,
    UNCHANGED,
    Edge,
    LegendEntry,
    Node,
    render_png,
    render_svg,
)
from weefwerk.networkmap.api import (
    CONNECTION_DEFAULTS,
    ELEMENT_DEFAULTS,
    map_domains,
    map_positions,
    network_data,
)
from weefwerk.networkmap.api import (
    legend as map_legend,
)
from weefwerk.networkmap.models import Direction, Snapshot, Status
from weefwerk.networkmap.selectors import snapshot_compare
from weefwerk.networkmap.views_map import map_texts

# As the page draws them (networkmap.js styles()): border style and fill opacity by status.
STATUS_LOOK = {
    Status.ACTIVE: ("solid", 1.0),
    Status.PROPOSED: ("dashed", 0.6),
    Status.WANTED: ("dotted", 0.35),
}
UNKNOWN_KIND = ("#6b6b6b", "ellipse")
EDGE_COLOUR = "#6f6f6f"
SIZE_BY = ("none", "degree", "indegree", "outdegree")


def _snapshot(trajectory, snapshot) -> Snapshot | None:
    if snapshot is None or isinstance(snapshot, Snapshot):
        if snapshot is not None and snapshot.trajectory_id != trajectory.pk:
            raise ValueError("The snapshot belongs to another trajectory.")
        return snapshot
    return Snapshot.objects.get(trajectory=trajectory, pk=int(snapshot))


def _network(trajectory, snapshot):
    """(elements, connections, positions, legend) as the page would get them."""
    if snapshot is None:
        data = network_data(trajectory)
        positions = {key: tuple(value) for key, value in data["positions"].items()}
        elements = [{**ELEMENT_DEFAULTS, **row} for row in data["elements"]]
        connections = [{**CONNECTION_DEFAULTS, **row} for row in data["connections"]]
        return elements, connections, positions, data["legend"]
    # A snapshot brings its own elements and connections: only today's colours and places.
    legend = map_legend(map_domains(trajectory))
    positions = _current_positions(trajectory)
    stored = snapshot.data or {}
    elements, connections = _stored_rows(stored, legend)
    positions.update(_stored_positions(stored))
    return elements, connections, positions, legend


def _current_positions(trajectory) -> dict:
    return {key: tuple(value) for key, value in map_positions(trajectory).items()}


def _stored_rows(stored: dict, legend: dict) -> tuple[list, list]:
    """The elements and connections of a stored state (``network_state``) as the page's rows.

    A stored state names its domains; the page colours by the domains that exist (lowest id
    first), so names of domains that are gone since are passed over, as the page does.
    """
    domain_ids = {domain["label"]: domain["id"] for domain in legend["domains"]}
    elements = []
    for row in stored.get("elements", []):
        ids = sorted({domain_ids[name] for name in row.get("domains", []) if name in domain_ids})
        elements.append({**ELEMENT_DEFAULTS, **row, "domains": ids})
    connections = [{**CONNECTION_DEFAULTS, **row} for row in stored.get("connections", [])]
    return elements, connections


def _stored_positions(stored: dict) -> dict:
    positions = {}
    for key, value in (stored.get("positions") or {}).items():
        try:
            positions[str(key)] = (float(value[0]), float(value[1]))
        except (TypeError, ValueError, IndexError):
            continue
    return positions


def _degrees(connections) -> dict:
    """Like the page's degrees(): total, in and out; ties without a direction count both ways."""
    result: dict = {}
    for connection in connections:
        source = result.setdefault(connection["source"], {"total": 0, "in": 0, "out": 0})
        target = result.setdefault(connection["target"], {"total": 0, "in": 0, "out": 0})
        source["total"] += 1
        target["total"] += 1
        source["out"] += 1
        target["in"] += 1
        if connection["direction"] != Direction.DIRECTED:
            source["in"] += 1
            target["out"] += 1
    return result


def _sizes(elements, connections, size_by: str) -> dict:
    """Relative sizes as the page's applySizes(): 18 + 46 * sqrt(value / max) of 30."""
    if size_by not in SIZE_BY or size_by == "none":
        return {}
    key = {"degree": "total", "indegree": "in", "outdegree": "out"}[size_by]
    counted = _degrees(connections)
    values = {e["id"]: counted.get(e["id"], {}).get(key, 0) for e in elements}
    biggest = max(values.values(), default=0)
    if not biggest:
        return {}
    return {pk: (18 + 46 * math.sqrt(value / biggest)) / 30 for pk, value in values.items()}


def _legend_entries(
    legend: dict, color_by: str, size_by: str, *, status: bool = True
) -> list[LegendEntry]:
    """The page's renderLegend(), as rows for the picture; without the status rows when a
    comparison's marks take the place of the status borders."""
    texts = map_texts()
    entries = []
    if color_by == "domain":
        entries += [
            LegendEntry(kind["label"], "#ffffff", kind["shape"], section=texts["legend_shape"])
            for kind in legend["kinds"]
        ]
        entries += [
            LegendEntry(domain["label"], domain["colour"], section=texts["legend_domain"])
            for domain in legend["domains"]
        ]
        entries.append(
            LegendEntry(
                texts["no_domain"], legend["no_domain_colour"], section=texts["legend_domain"]
            )
        )
    else:
        entries += [
            LegendEntry(kind["label"], kind["colour"], kind["shape"], section=texts["legend_kind"])
            for kind in legend["kinds"]
        ]
    if status:
        heading = texts["legend_status"]
        entries += [
            LegendEntry(texts["legend_active"], "#ffffff", border="solid", section=heading),
            LegendEntry(texts["legend_proposed"], "#ffffff", border="dashed", section=heading),
            LegendEntry(texts["legend_wanted"], "#ffffff", border="dotted", section=heading),
        ]
    lines = texts["legend_lines"]
    entries += [
        LegendEntry(texts["legend_arrow"], EDGE_COLOUR, "arrow", section=lines),
        LegendEntry(texts["legend_width"], EDGE_COLOUR, "line", section=lines),
    ]
    if size_by in SIZE_BY and size_by != "none":
        metric = {
            "degree": _("aantal verbindingen"),
            "indegree": _("aantal inkomende verbindingen"),
            "outdegree": _("aantal uitgaande verbindingen"),
        }[size_by]
        entries.append(
            LegendEntry(
                texts["legend_size"] % {"metric": metric}, EDGE_COLOUR, "none", section=lines
            )
        )
    return entries


def map_picture(
    trajectory, *, snapshot=None, color_by: str = "kind", size_by: str = "none"
) -> tuple[list[Node], list[Edge], list[LegendEntry]]:
    """The map of ``trajectory`` (or of one of its snapshots) as the engine draws it.

    ``color_by`` "kind" or "domain" and ``size_by`` "none", "degree", "indegree" or
    "outdegree" are the choices of the page's "Kleur naar" and "Grootte naar".
    """
    snapshot = _snapshot(trajectory, snapshot)
    elements, connections, positions, legend = _network(trajectory, snapshot)
    sizes = _sizes(elements, connections, size_by)
    nodes = _nodes(elements, positions, legend, color_by, sizes)
    return nodes, _edges(connections), _legend_entries(legend, color_by, size_by)


def _nodes(elements, positions, legend, color_by, sizes) -> list[Node]:
    kinds = {kind["value"]: (kind["colour"], kind["shape"]) for kind in legend["kinds"]}
    domain_colours = {domain["id"]: domain["colour"] for domain in legend["domains"]}
    nodes = []
    for element in elements:
        colour, shape = kinds.get(element["kind"], UNKNOWN_KIND)
        if color_by == "domain":
            first = next((pk for pk in element["domains"] if pk in domain_colours), None)
            colour = domain_colours[first] if first is not None else legend["no_domain_colour"]
        border, opacity = STATUS_LOOK.get(element["status"], STATUS_LOOK[Status.ACTIVE])
        x, y = positions.get(str(element["id"]), (None, None))
        nodes.append(
            Node(
                id=str(element["id"]),
                label=element["label"],
                x=x,
                y=y,
                color=colour,
                size=sizes.get(element["id"], 1.0),
                shape=shape,
                border=border,
                opacity=opacity,
            )
        )
    return nodes


def _edges(connections) -> list[Edge]:
    return [
        Edge(
            source=str(connection["source"]),
            target=str(connection["target"]),
            directed=connection["direction"] in (Direction.DIRECTED, Direction.MUTUAL),
            weight=int(connection["strength"] or 1),
            mutual=connection["direction"] == Direction.MUTUAL,
            dashed=connection["status"] in (Status.PROPOSED, Status.WANTED),
        )
        for connection in connections
    ]


def _description(nodes, edges, snapshot) -> str:
    text = _("Netwerkkaart met %(elements)s elementen en %(connections)s verbindingen.") % {
        "elements": len(nodes),
        "connections": len(edges),
    }
    if snapshot is not None:
        text += " " + _("Momentopname: %(name)s.") % {"name": snapshot.name}
    return text


def snapshot_description(snapshot: Snapshot) -> str:
    """What the picture of a snapshot shows, in words: its text alternative."""
    stored = snapshot.data or {}
    return _description(stored.get("elements", []), stored.get("connections", []), snapshot)


def _draw(render, trajectory, *, snapshot, title, color_by, size_by, width, height):
    snapshot = _snapshot(trajectory, snapshot)
    nodes, edges, legend = map_picture(
        trajectory, snapshot=snapshot, color_by=color_by, size_by=size_by
    )
    if not nodes:
        return None
    return render(
        nodes,
        edges,
        legend,
        width=width,
        height=height,
        title=title,
        description=_description(nodes, edges, snapshot),
    )


def map_svg(
    trajectory,
    *,
    snapshot=None,
    title: str = "",
    color_by: str = "kind",
    size_by: str = "none",
    width: int = 960,
    height: int = 640,
) -> str | None:
    """The map as SVG text, or None when the network has no elements yet."""
    return _draw(
        render_svg,
        trajectory,
        snapshot=snapshot,
        title=title,
        color_by=color_by,
        size_by=size_by,
        width=width,
        height=height,
    )


def map_png(
    trajectory,
    *,
    snapshot=None,
    title: str = "",
    color_by: str = "kind",
    size_by: str = "none",
    width: int = 1920,
    height: int = 1280,
) -> bytes | None:
    """The map as PNG bytes, or None when the network has no elements yet."""
    return _draw(
        render_png,
        trajectory,
        snapshot=snapshot,
        title=title,
        color_by=color_by,
        size_by=size_by,
        width=width,
        height=height,
    )


# ----------------------------------------------------------------------------------------------
# Two states in one picture


def compare_marks() -> list[dict]:
    """The marks of a comparison with their words: the picture's legend and the page's."""
    return [
        {"mark": ADDED, "line": False, "label": _("Nieuw element: dikke groene rand")},
        {"mark": REMOVED, "line": False, "label": _("Verdwenen element: rode rand met streepjes")},
        {
            "mark": UNCHANGED,
            "line": False,
            "label": _("Element bleef: dunne grijze rand, lichte kleur"),
        },
        {"mark": ADDED, "line": True, "label": _("Nieuwe verbinding: dikke groene lijn")},
        {
            "mark": REMOVED,
            "line": True,
            "label": _("Verdwenen verbinding: rode lijn met streepjes"),
        },
        {"mark": UNCHANGED, "line": True, "label": _("Verbinding bleef: dunne grijze lijn")},
    ]


def _moment(snapshot):
    return snapshot.created_at if snapshot is not None else timezone.now()


def compare_picture(trajectory, a, b, *, color_by: str = "kind"):
    """State ``a`` and state ``b`` in one picture, as (nodes, edges, legend, changes).

    ``a`` and ``b`` are pairs of (snapshot, or None for now; its stored state), as
    ``selectors.snapshot_or_now`` gives them. ``changes`` is ``selectors.snapshot_compare``.
    What is in ``b`` is added or unchanged; what only ``a`` had is drawn as removed.
    """
    (a_snapshot, a_state), (b_snapshot, b_state) = a, b
    legend = map_legend(map_domains(trajectory))
    changes = snapshot_compare(a_state, b_state)
    earlier, later = (a_state, b_state)
    if _moment(a_snapshot) > _moment(b_snapshot):
        earlier, later = later, earlier
    positions = _current_positions(trajectory)
    positions.update(_stored_positions(earlier))
    positions.update(_stored_positions(later))

    added = {e["id"] for e in changes["added_elements"]}
    removed = {e["id"] for e in changes["removed_elements"]}
    added_ties = {c["id"] for c in changes["added_connections"]}
    removed_ties = {c["id"] for c in changes["removed_connections"]}
    a_elements, a_connections = _stored_rows(a_state, legend)
    b_elements, b_connections = _stored_rows(b_state, legend)
    gone = [row for row in a_elements if row["id"] in removed]
    gone_ties = [row for row in a_connections if row["id"] in removed_ties]

    node_marks = [ADDED if e["id"] in added else UNCHANGED for e in b_elements]
    node_marks += [REMOVED] * len(gone)
    nodes = [
        replace(node, mark=mark, opacity=1.0)
        for node, mark in zip(
            _nodes(b_elements + gone, positions, legend, color_by, {}), node_marks, strict=True
        )
    ]
    edge_marks = [ADDED if c["id"] in added_ties else UNCHANGED for c in b_connections]
    edge_marks += [REMOVED] * len(gone_ties)
    edges = [
        replace(edge, mark=mark)
        for edge, mark in zip(_edges(b_connections + gone_ties), edge_marks, strict=True)
    ]
    section = _("Wat is er veranderd")
    entries = [
        LegendEntry(
            item["label"],
            "#ffffff",
            "line" if item["line"] else "ellipse",
            section=section,
            mark=item["mark"],
        )
        for item in compare_marks()
    ]
    entries += _legend_entries(legend, color_by, "none", status=False)
    return nodes, edges, entries, changes


def compare_description(a_snapshot, b_snapshot, changes: dict) -> str:
    """What the comparison picture shows, in words: its text alternative."""
    names = {
        "a": a_snapshot.name if a_snapshot is not None else _("nu"),
        "b": b_snapshot.name if b_snapshot is not None else _("nu"),
    }
    n = {key: len(rows) for key, rows in changes.items()}
    parts = [
        ngettext("%(n)s nieuw element", "%(n)s nieuwe elementen", n["added_elements"])
        % {"n": n["added_elements"]},
        ngettext("%(n)s verdwenen element", "%(n)s verdwenen elementen", n["removed_elements"])
        % {"n": n["removed_elements"]},
        ngettext("%(n)s nieuwe verbinding", "%(n)s nieuwe verbindingen", n["added_connections"])
        % {"n": n["added_connections"]},
        ngettext(
            "%(n)s verdwenen verbinding", "%(n)s verdwenen verbindingen", n["removed_connections"]
        )
        % {"n": n["removed_connections"]},
    ]
    return _("Vergelijking van „%(a)s” met „%(b)s”:") % names + " " + ", ".join(parts) + "."


def _draw_compare(render, trajectory, a, b, *, title, width, height):
    nodes, edges, legend, changes = compare_picture(trajectory, a, b)
    if not nodes:
        return None
    description = compare_description(a[0], b[0], changes)
    return render(
        nodes, edges, legend, width=width, height=height, title=title, description=description
    )


def compare_svg(trajectory, a, b, *, title: str = "", width: int = 960, height: int = 640):
    """Both states in one SVG (see ``compare_picture``), or None when both are empty."""
    return _draw_compare(render_svg, trajectory, a, b, title=title, width=width, height=height)


def compare_png(trajectory, a, b, *, title: str = "", width: int = 1920, height: int = 1280):
    """Both states in one PNG (see ``compare_picture``), or None when both are empty."""
    return _draw_compare(render_png, trajectory, a, b, title=title, width=width, height=height)
