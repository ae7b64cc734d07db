"""The scene as PNG, painted with Pillow (imported only here, when drawing)."""

from __future__ import annotations

import io
import math
import os
from collections.abc import Sequence

from .model import (
    BACKGROUND,
    BOLD_FONT_PATH,
    FONT_PATH,
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
