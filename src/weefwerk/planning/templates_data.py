"""The built-in session templates (data/sessions.json), read once and kept as plain objects."""

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "sessions.json"


@dataclass(frozen=True)
class ItemTemplate:
    title: str
    minutes: int
    kind: str
    fixed: bool = False
    participant_text: str = ""
    team_notes: str = ""
    groups: dict = field(default_factory=dict)
    assignment: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SessionTemplate:
    key: str
    approach: str
    number: int
    title: str
    goal: str
    planned_minutes: int
    items: tuple[ItemTemplate, ...]
    audience: str = "participants"
    what_to_bring: str = ""  # for the participants' agenda and the calendar: "Neem mee: ..."


@dataclass(frozen=True)
class Library:
    credits: tuple[str, ...]
    series: dict[str, tuple[str, ...]]
    templates: dict[str, SessionTemplate]

    def for_approach(self, approach: str) -> list[SessionTemplate]:
        return [self.templates[key] for key in self.series.get(approach, ())]


@cache
def library() -> Library:
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    templates = {}
    for entry in raw["templates"]:
        items = tuple(ItemTemplate(**item) for item in entry.pop("items"))
        templates[entry["key"]] = SessionTemplate(items=items, **entry)
    return Library(
        credits=tuple(raw["credits"]),
        series={name: tuple(keys) for name, keys in raw["series"].items()},
        templates=templates,
    )
