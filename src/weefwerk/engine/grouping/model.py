"""Plain data types of the group optimiser."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field


class GroupingError(ValueError):
    """Input that cannot be planned; the message is Dutch and meant for the user."""


@dataclass(frozen=True)
class Person:
    id: str
    organisation: str | None = None
    domains: tuple[str, ...] = ()
    expert: bool = False  # expert by experience (ervaringsdeskundige)
    trained: bool = False


@dataclass(frozen=True)
class RoundSpec:
    """One round to plan. Unset fields fall back to the plan-wide values."""

    present: tuple[str, ...] | None = None  # None: everybody
    max_size: int | None = None
    min_size: int | None = None
    groups: int | None = None
    locked: Mapping[str, int] | None = None  # person id -> group index, this round only


@dataclass
class Score:
    """Score breakdown of a plan, each figure with its bound where one is known."""

    hard_violations: int = 0
    size_violations: int = 0
    expert_imbalance: int = 0  # experts outside floor(e/g)..ceil(e/g), summed over groups
    trained_imbalance: int = 0
    groups_without_expert: int = 0
    groups_without_expert_lower_bound: int = 0
    colleague_pairs: int = 0
    colleague_pairs_lower_bound: int = 0
    repeat_pairs: int = 0
    repeat_pairs_lower_bound: int = 0
    new_pairs: int = 0
    new_pairs_upper_bound: int = 0
    domain_duplicates: int = 0
    domain_duplicates_lower_bound: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    def key(self) -> tuple[int, ...]:
        """Lexicographic quality key: smaller is better."""
        return (
            self.hard_violations + self.size_violations,
            self.expert_imbalance,
            self.trained_imbalance,
            self.colleague_pairs,
            self.repeat_pairs,
            self.domain_duplicates,
        )


@dataclass
class Plan:
    rounds: list[list[list[str]]]
    score: Score
    seconds: float = 0.0
    iterations: int = 0
    method: str = ""
    stats: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "rounds": self.rounds,
            "score": self.score.as_dict(),
            "stats": {
                "seconds": round(self.seconds, 3),
                "iterations": self.iterations,
                "method": self.method,
                **self.stats,
            },
        }
