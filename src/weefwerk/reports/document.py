"""A report as plain data: a title, facts and sections of blocks.

The builders in ``selectors`` produce a :class:`Document`; the renderers (``render``) turn the
same document into an HTML page, a PDF and a Word file, so the three never disagree. Every text
here is plain text (never HTML); the renderers escape it.
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime


def paragraphs(text: str) -> list[str]:
    """Plain text to paragraphs: a blank line starts a new one; single newlines stay."""
    parts = [" ".join(line.split()) for line in (text or "").replace("\r\n", "\n").split("\n")]
    found, current = [], []
    for line in parts:
        if line:
            current.append(line)
        elif current:
            found.append("\n".join(current))
            current = []
    if current:
        found.append("\n".join(current))
    return found


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>\s*")
_ID = re.compile(r'\bid="([^"]+)"')


def inline_svg(svg: str, suffix: str) -> str:
    """SVG text to put inside an HTML page: without the XML declaration, and with its ids
    (and the references to them) made unique, so two maps on one page keep their own labels."""
    svg = _XML_DECLARATION.sub("", svg)
    for name in sorted(set(_ID.findall(svg)), key=len, reverse=True):
        unique = f"{name}-{suffix}"
        svg = re.sub(
            rf'(?<=[\s"#(]){re.escape(name)}(?=[\s")])',
            unique,
            svg,
        )
    return svg


@dataclass
class Block:
    """One piece of a section. ``kind`` says which fields matter:

    - ``text``: ``text`` (paragraphs separated by blank lines)
    - ``empty``: ``text``, a short sentence saying there is nothing (shown in italics)
    - ``heading``: ``text``, a level-3 heading inside the section
    - ``list``: ``items``
    - ``facts``: ``pairs`` of (label, value)
    - ``table``: ``header``, ``rows`` and an optional ``caption``
    - ``figure``: an image, see :class:`Figure`
    """

    kind: str
    text: str = ""
    items: list[str] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    caption: str = ""
    figure: Figure | None = None

    @property
    def paragraphs(self) -> list[str]:
        return paragraphs(self.text)


@dataclass
class Figure:
    """An image with its alt text: the network map (SVG, and PNG for Word) or a photo.

    ``svg`` is the map's SVG text; ``png`` makes the PNG when Word needs it. A photo has
    ``url`` (for the web page) and ``load`` (its bytes, for PDF and Word).
    """

    alt: str
    caption: str = ""
    svg: str = ""
    png: Callable[[], bytes | None] | None = None
    url: str = ""
    load: Callable[[], bytes] | None = None
    content_type: str = ""
    width: int = 0
    height: int = 0
    key: str = "figure"  # makes the ids of an inline SVG unique on the page

    @property
    def svg_html(self) -> str:
        return inline_svg(self.svg, self.key) if self.svg else ""

    @property
    def svg_data_uri(self) -> str:
        encoded = base64.b64encode(self.svg.encode("utf-8")).decode("ascii")
        return f"data:image/svg+xml;base64,{encoded}"

    @property
    def data_uri(self) -> str:
        """The photo inline, for WeasyPrint (which has no login to fetch a protected URL)."""
        if self.svg:
            return self.svg_data_uri
        content = self.load() if self.load else b""
        encoded = base64.b64encode(content).decode("ascii")
        return f"data:{self.content_type or 'image/jpeg'};base64,{encoded}"

    def word_image(self) -> io.BytesIO | None:
        """PNG or JPEG bytes Word can show (Word cannot show WebP or SVG)."""
        if self.svg or self.png:
            content = self.png() if self.png else None
            return io.BytesIO(content) if content else None
        if self.load is None:
            return None
        content = self.load()
        if self.content_type in ("image/png", "image/jpeg"):
            return io.BytesIO(content)
        from PIL import Image

        out = io.BytesIO()
        with Image.open(io.BytesIO(content)) as image:
            image.convert("RGB").save(out, "PNG")
        out.seek(0)
        return out


@dataclass
class Section:
    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)

    def text(self, text: str) -> Section:
        if text.strip():
            self.blocks.append(Block("text", text=text))
        return self

    def empty(self, text: str) -> Section:
        self.blocks.append(Block("empty", text=str(text)))
        return self

    def heading(self, text: str) -> Section:
        self.blocks.append(Block("heading", text=str(text)))
        return self

    def list(self, items) -> Section:
        self.blocks.append(Block("list", items=[str(i) for i in items]))
        return self

    def facts(self, pairs) -> Section:
        self.blocks.append(Block("facts", pairs=[(str(a), str(b)) for a, b in pairs]))
        return self

    def table(self, header, rows, caption: str = "") -> Section:
        self.blocks.append(
            Block(
                "table",
                header=[str(h) for h in header],
                rows=[[str(c) for c in row] for row in rows],
                caption=str(caption),
            )
        )
        return self

    def figure(self, figure: Figure) -> Section:
        self.blocks.append(Block("figure", figure=figure))
        return self


@dataclass
class Document:
    """A whole report. ``kicker`` names the kind of report, shown above the title."""

    title: str
    kicker: str
    trajectory_name: str
    description: str
    made_at: datetime
    facts: list[tuple[str, str]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    draft: bool = False
    language: str = "nl"
    filename: str = "verslag"

    def add(self, key: str, title: str) -> Section:
        section = Section(key, str(title))
        self.sections.append(section)
        return section

    @property
    def headings(self) -> list[str]:
        return [section.title for section in self.sections]
