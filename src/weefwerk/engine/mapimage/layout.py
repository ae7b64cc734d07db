"""Places the elements that have no saved position, keeping the ones that do."""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence

from .model import (
    IDEAL_EDGE_LENGTH,
    Edge,
    Node,
)

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
