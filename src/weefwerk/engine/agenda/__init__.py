"""Agenda time scaling: the kaasschaafmethode ("cheese-slicer method").

When a session has less time than its agenda needs, the playbook shaves a few minutes off every
item instead of dropping one. :func:`shave` does that (and the reverse, lengthening, when there
is more time). See :mod:`weefwerk.engine.agenda.scaling` for the exact rules.
"""

from weefwerk.engine.agenda.scaling import ShaveError, minimum_total, shave

__all__ = ["ShaveError", "minimum_total", "shave"]
