"""Likely duplicate change wishes: normalised text compared with difflib (no Django here)."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

# Two wishes at least this similar (0 to 1) are suggested as the same wish.
DEFAULT_THRESHOLD = 0.75

_OPENING = re.compile(r"^(als we nu eens|als we eens|wat als we|kunnen we niet)\b")
_NOT_WORD = re.compile(r"[^\w\s]")


def normalise(text: str) -> str:
    """Lower case, without accents, punctuation, the opening "Als we nu eens" and extra spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    text = " ".join(_NOT_WORD.sub(" ", text).split())
    return " ".join(_OPENING.sub("", text).split())


def similarity(a: str, b: str) -> float:
    """How alike two wishes are, 0 to 1, after normalising; word order matters a little."""
    left, right = normalise(a), normalise(b)
    if not left or not right:
        return 0.0
    chars = SequenceMatcher(None, left, right).ratio()
    words = SequenceMatcher(None, sorted(left.split()), sorted(right.split())).ratio()
    return max(chars, words)


def likely_duplicates(
    text: str, others: list[tuple[int, str]], threshold: float = DEFAULT_THRESHOLD
) -> list[tuple[int, float]]:
    """(id, score) of the ``others`` at least ``threshold`` alike, most alike first."""
    scored = [(key, similarity(text, other)) for key, other in others]
    found = [(key, score) for key, score in scored if score >= threshold]
    return sorted(found, key=lambda pair: (-pair[1], pair[0]))
