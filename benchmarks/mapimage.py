"""How long the static network map picture takes: SVG and PNG at 50, 500 and 2,000 elements.

Run: ``python benchmarks/mapimage.py``. Builds networks of communities of about 40 elements
with three connections per element (most inside a community), every element with a saved
position (the usual case: the map page saves the positions it shows), draws each as SVG
(960 x 640) and as PNG (1920 x 1280) a few times and prints the best and the median time. It
also times ``layout`` for the same networks without any position (a map nobody opened yet).
Figures only; it asserts nothing. Target: SVG well under a second at 2,000 elements.
"""

import math
import random
import statistics
import time

from weefwerk.engine.mapimage import Edge, LegendEntry, Node, layout, render_png, render_svg

SIZES = (50, 500, 2000)
RUNS = 5
CPU = 0.0
KINDS = [
    ("#0b5cad", "round-rectangle"),
    ("#c4380a", "ellipse"),
    ("#137a4f", "hexagon"),
    ("#8c3e9c", "diamond"),
    ("#8a6a00", "triangle"),
]
LEGEND = [
    LegendEntry(label, colour, shape, section="Kleur en vorm: soort element")
    for label, (colour, shape) in zip(
        ["Organisatie", "Persoon", "Overleg", "Programma of project", "Informeel netwerk"],
        KINDS,
        strict=True,
    )
] + [
    LegendEntry("Pijl: richting van de verbinding", "#6f6f6f", "arrow", section="Lijnen"),
    LegendEntry("Dikte: sterkte (1 tot 3)", "#6f6f6f", "line", section="Lijnen"),
]


def build(n: int, *, placed: bool = True, seed: int = 1) -> tuple[list[Node], list[Edge]]:
    rng = random.Random(seed)
    size = 40
    communities = math.ceil(n / size)
    nodes = []
    for i in range(n):
        community = i // size
        angle = 2 * math.pi * community / communities
        radius = 60 * size**0.5 * communities**0.5
        colour, shape = rng.choice(KINDS)
        x = radius * math.cos(angle) + rng.gauss(0, 150) if placed else None
        y = radius * math.sin(angle) + rng.gauss(0, 150) if placed else None
        status = rng.choices(["solid", "dashed", "dotted"], [90, 7, 3])[0]
        nodes.append(Node(str(i), f"Element {i:04d}", x, y, colour, shape=shape, border=status))
    edges = []
    for _ in range(3 * n):
        a = rng.randrange(n)
        base = a - a % size
        b = rng.randrange(base, min(base + size, n)) if rng.random() < 0.85 else rng.randrange(n)
        if a != b:
            direction = rng.choice(["directed", "undirected", "mutual"])
            edges.append(
                Edge(
                    str(a),
                    str(b),
                    directed=direction != "undirected",
                    mutual=direction == "mutual",
                    weight=rng.randint(1, 3),
                )
            )
    return nodes, edges


def timed(function, runs: int = RUNS) -> tuple[float, float, object]:
    """Best and median wall time, and the best processor time (fairer on a busy machine)."""
    global CPU
    timings, cpu = [], []
    result = None
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = function()
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    CPU = min(cpu)
    return min(timings), statistics.median(timings), result


def main() -> None:
    print(f"mapimage: best and median of {RUNS} runs; positions saved unless said otherwise")
    for n in SIZES:
        nodes, edges = build(n)
        best, median, svg = timed(lambda nodes=nodes, edges=edges: render_svg(nodes, edges, LEGEND))
        print(
            f"  {n:5d} elementen, {len(edges):5d} verbindingen  SVG 960x640:   "
            f"beste {best * 1000:7.1f} ms, mediaan {median * 1000:7.1f} ms, "
            f"cpu {CPU * 1000:6.1f} ms, {len(svg) / 1024:5.0f} KB"
        )
        best, median, png = timed(lambda nodes=nodes, edges=edges: render_png(nodes, edges, LEGEND))
        print(
            f"  {n:5d} elementen, {len(edges):5d} verbindingen  PNG 1920x1280: "
            f"beste {best * 1000:7.1f} ms, mediaan {median * 1000:7.1f} ms, "
            f"cpu {CPU * 1000:6.1f} ms, {len(png) / 1024:5.0f} KB"
        )
        fresh, fresh_edges = build(n, placed=False)
        runs = RUNS if n <= 500 else 1
        best, median, _ = timed(lambda f=fresh, e=fresh_edges: layout(f, e), runs=runs)
        print(
            f"  {n:5d} elementen zonder plek           layout:        "
            f"beste {best * 1000:7.1f} ms, mediaan {median * 1000:7.1f} ms, "
            f"cpu {CPU * 1000:6.1f} ms ({runs}x)"
        )


if __name__ == "__main__":
    main()
