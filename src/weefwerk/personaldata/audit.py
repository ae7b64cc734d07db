"""Write lines to the audit log of personal data: ``record(...)`` is the one entry point.

Other apps call it, for example the trajectory export::

    from weefwerk.personaldata import audit

    audit.record(
        action=audit.EXPORTED,
        trajectory=trajectory,
        user=request.user,
        obj=trajectory,               # or object_type="trajectories.trajectory", object_id=...
        description="archief (zip)",  # short, never a name, e-mail address, token or note text
    )

The acting user may be left out: inside a request it comes from :func:`acting_user` (set by
:class:`~weefwerk.personaldata.middleware.AuditUserMiddleware` or :func:`acting_as`).
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
from datetime import timedelta

from django.db import models, transaction
from django.utils import timezone

from weefwerk.personaldata.models import AuditEntry

logger = logging.getLogger(__name__)

Action = AuditEntry.Action
Result = AuditEntry.Result

VIEWED = Action.VIEWED
CREATED = Action.CREATED
CHANGED = Action.CHANGED
DELETED = Action.DELETED
IMPORTED = Action.IMPORTED
EXPORTED = Action.EXPORTED
DOWNLOADED = Action.DOWNLOADED
ERASED = Action.ERASED
ANONYMISED = Action.ANONYMISED
RETENTION = Action.RETENTION
RESTORED = Action.RESTORED
OK, DENIED, FAILED = Result.OK, Result.DENIED, Result.FAILED

# How long lines are kept; apply_retention removes older ones.
KEEP_FOR = timedelta(days=183)

_acting_user: contextvars.ContextVar = contextvars.ContextVar("weefwerk_audit_user", default=None)
_muted: contextvars.ContextVar = contextvars.ContextVar("weefwerk_audit_muted", default=False)


def acting_user():
    """The logged-in user of the current request, or None (commands, anonymous links)."""
    user = _acting_user.get()
    return user if user is not None and getattr(user, "is_authenticated", False) else None


@contextlib.contextmanager
def acting_as(user):
    """Within this block, lines without an explicit user are written as done by ``user``."""
    token = _acting_user.set(user)
    try:
        yield
    finally:
        _acting_user.reset(token)


@contextlib.contextmanager
def muted():
    """Within this block the automatic lines for saved and deleted people are not written
    (the erasure writes one line of its own instead of one per deleted row)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def is_muted() -> bool:
    return _muted.get()


def object_type_of(obj) -> str:
    return obj._meta.label_lower if isinstance(obj, models.Model) else ""


def record(
    *,
    action: str,
    trajectory=None,
    user=None,
    obj=None,
    object_type: str = "",
    object_id=None,
    description: str = "",
    result: str = OK,
) -> AuditEntry | None:
    """Write one line to the audit log and return it.

    ``action``: one of the constants above (``audit.VIEWED``, ``audit.EXPORTED``, ...).
    ``trajectory``: a Trajectory, its id, or None for instance-wide events.
    ``user``: who did it; by default the user of the current request, None for commands.
    ``obj``: the model instance concerned; or give ``object_type`` ("app_label.model") and
    ``object_id`` yourself. ``description``: at most 200 characters of non-personal text
    (field names, counts, a format), never a name, e-mail address, secret or free text.
    ``result``: ``audit.OK``, ``audit.DENIED`` or ``audit.FAILED``.

    A database error is logged and the caller carries on (the line is written in a savepoint,
    so an outer transaction stays usable); an unknown action or result is a programming
    error and raises ValueError.
    """
    if action not in Action.values or result not in Result.values:
        raise ValueError(f"Unknown audit action or result: {action!r}, {result!r}")
    if user is None:
        user = acting_user()
    elif not getattr(user, "is_authenticated", False):
        user = None
    if obj is not None:
        object_type = object_type or object_type_of(obj)
        object_id = obj.pk if object_id is None else object_id
    trajectory_id = getattr(trajectory, "pk", trajectory)
    try:
        if trajectory_id is not None and not isinstance(trajectory, models.Model):
            # An id from a URL: a line must never point at a trajectory that does not exist.
            from weefwerk.trajectories.models import Trajectory

            if not Trajectory.objects.filter(pk=trajectory_id).exists():
                trajectory_id = None
        with transaction.atomic():
            return AuditEntry.objects.create(
                action=str(action),
                trajectory_id=trajectory_id,
                user=user,
                object_type=object_type[:60],
                object_id="" if object_id is None else str(object_id)[:40],
                description=(description or "")[:200],
                result=str(result),
            )
    except Exception:  # the log must never break the page it is written from
        logger.exception("Could not write an audit entry (%s %s)", action, object_type)
        return None


def purge(*, now=None) -> int:
    """Remove lines older than six months; returns how many were removed."""
    cutoff = (now or timezone.now()) - KEEP_FOR
    deleted, _ = AuditEntry.objects.filter(created_at__lt=cutoff).delete()
    return deleted


class ActingUserMixin:
    """For views that save people: the automatic audit lines name the logged-in user.

    Not needed when :class:`~weefwerk.personaldata.middleware.AuditUserMiddleware` is on.
    """

    def dispatch(self, request, *args, **kwargs):
        with acting_as(getattr(request, "user", None)):
            return super().dispatch(request, *args, **kwargs)
