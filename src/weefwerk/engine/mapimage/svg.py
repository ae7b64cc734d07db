"""The scene as SVG text."""

from __future__ import annotations

from collections.abc import Sequence

from .model import (
    BACKGROUND,
    FONT_FAMILY,
    Edge,
    LegendEntry,
    Node,
)
from .scene import (
    Line,
    Polygon,
    Scene,
    Shape,
    Text,
    outline,
    scene,
)
from .text import (
    clean_text,
)

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
