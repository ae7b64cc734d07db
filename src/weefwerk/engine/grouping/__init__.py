"""Group optimiser: plans rounds of small groups so that as many people as possible meet.

Pure Python, no Django. Entry point: :func:`plan_groups`. Command line: ``weefwerk groups``
(see :mod:`weefwerk.engine.grouping.cli`).
"""

from .model import GroupingError, Person, Plan, RoundSpec, Score
from .optimiser import plan_groups
from .score import score_plan

__all__ = ["GroupingError", "Person", "Plan", "RoundSpec", "Score", "plan_groups", "score_plan"]
