"""Small helpers for the plain-Dutch (B1) sentences the analysis produces."""

from __future__ import annotations

_WORDS = [
    "geen",
    "één",
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "zeven",
    "acht",
    "negen",
    "tien",
    "elf",
    "twaalf",
]

CONNECTION_VERBS = {
    "takes_part_in": "neemt deel aan",
    "works_with": "werkt samen met",
    "refers_to": "verwijst naar",
    "calls_when_stuck": "belt bij vastlopen",
    "funds": "financiert",
}


def number(n: int) -> str:
    """'zeven' for 7, '14' for 14."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def join(items: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " en " + items[-1]


def count_noun(n: int, singular: str, plural: str) -> str:
    """'één deelnemer', 'zeven deelnemers'."""
    return f"{number(n)} {singular if n == 1 else plural}"


def verb(kind: str) -> str:
    return CONNECTION_VERBS.get(kind, f"heeft een verbinding ({kind}) met")
