"""Helpers shared by GEXF and GraphML: typed attribute values and namespace-free tags."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from weefwerk.engine.interchange.tabular import INTEGER, NUMBER

NUMERIC_TYPES = {
    "integer",
    "int",
    "long",
    "short",
    "byte",
    "float",
    "double",
    "bigdecimal",
    "biginteger",
}


def local(tag: str) -> str:
    """``{namespace}node`` -> ``node``."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children(parent: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in parent if local(child.tag) == name]


def child(parent: ET.Element, name: str) -> ET.Element | None:
    found = children(parent, name)
    return found[0] if found else None


def value_type(values: list) -> str:
    """The narrowest XML attribute type that holds every value unchanged."""
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return "boolean"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "long"
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return "double"
    return "string"


def to_text(value, kind: str) -> str:
    if isinstance(value, list):
        return "|".join(to_text(v, "string") for v in value)
    if kind == "boolean" or isinstance(value, bool):
        return "true" if value else "false"
    if kind == "double":
        return repr(float(value))
    if isinstance(value, float):
        return repr(value)
    return str(value)


def from_text(text: str | None, kind: str):
    """Parse an attribute value; ``None`` when empty or not valid for its type."""
    if text is None:
        return None
    kind = (kind or "string").lower()
    stripped = text.strip()
    if kind == "boolean":
        if stripped.lower() in ("true", "1"):
            return True
        if stripped.lower() in ("false", "0"):
            return False
        return None
    if kind in NUMERIC_TYPES:
        if kind in ("integer", "int", "long", "short", "byte", "biginteger") and INTEGER.match(
            stripped
        ):
            return int(stripped)
        if NUMBER.match(stripped) or stripped.lower() in ("nan", "inf", "-inf", "infinity"):
            number = float(stripped)
            return number if math.isfinite(number) else None
        return None
    return stripped or None


def number_text(value) -> str:
    return str(value) if isinstance(value, int) else repr(float(value))


def parse_number_text(text: str | None):
    if text is None:
        return None
    stripped = text.strip()
    if INTEGER.match(stripped):
        return int(stripped)
    if NUMBER.match(stripped):
        return float(stripped)
    return None


def indent_bytes(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")


def xml_safe(text: str) -> str:
    """Drop characters XML 1.0 cannot hold (control characters other than tab and newline)."""
    return "".join(
        ch
        for ch in text
        if ch in "\t\n\r"
        or ("\x20" <= ch <= "\ud7ff")
        or ("\ue000" <= ch <= "\ufffd")
        or ch >= "\U00010000"
    )
