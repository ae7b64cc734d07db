"""Text measures for DejaVu Sans, so labels can be fitted without a font library."""

from __future__ import annotations

import re
import unicodedata

# ----------------------------------------------------------------------------------------------
# Text measures: DejaVu Sans advance widths (per 1000 units of the font size), ASCII 32-126.

_WIDTHS = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698,
    770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732,
    684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635,
    634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592,
    525, 636, 337, 636, 838,
)  # fmt: skip
_BOLD_WIDTHS = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734,
    830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812,
    774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716,
    712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652,
    582, 712, 365, 712, 838,
)  # fmt: skip
ELLIPSIS = "…"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_SPACE = re.compile(r"\s+")
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


def _char_width(char: str, table: tuple[int, ...]) -> int:
    code = ord(char)
    if 32 <= code < 127:
        return table[code - 32]
    if char == ELLIPSIS:
        return 1000
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1000
    if unicodedata.combining(char):
        return 0
    base = unicodedata.normalize("NFD", char)[:1]
    if base and 32 <= ord(base) < 127:
        return table[ord(base) - 32]
    return 640


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` in DejaVu Sans at ``size`` (an estimate for other fonts)."""
    table = _BOLD_WIDTHS if bold else _WIDTHS
    return sum(_char_width(char, table) for char in text) * size / 1000


def clean_text(text: str) -> str:
    """One line of text that XML can hold: no control characters, single spaces."""
    return _SPACE.sub(" ", _CONTROL.sub("", str(text))).strip()


def fit_text(text: str, size: float, max_width: float, bold: bool = False) -> str:
    """``text``, shortened with an ellipsis when it is wider than ``max_width``."""
    text = clean_text(text)
    if text_width(text, size, bold) <= max_width:
        return text
    table = _BOLD_WIDTHS if bold else _WIDTHS
    budget = max_width * 1000 / size - 1000
    used = 0
    for index, char in enumerate(text):
        used += _char_width(char, table)
        if used > budget:
            return text[:index].rstrip() + ELLIPSIS if index else ELLIPSIS
    return text
