"""Writes of the archive app: export and import of one trajectory, with a line in the audit log."""

from __future__ import annotations

from django.db import transaction

from weefwerk.archive import graph
from weefwerk.archive.trajectory_export import export_trajectory
from weefwerk.archive.trajectory_import import ImportResult, import_trajectory


def trajectory_export(trajectory, *, user=None, stream=None) -> bytes | None:
    data = export_trajectory(trajectory, stream=stream)
    graph.audit(
        action="EXPORTED", trajectory=trajectory, user=user, obj=trajectory, description="zip"
    )
    return data


def trajectory_import(stream, *, user) -> ImportResult:
    with transaction.atomic():
        result = import_trajectory(stream, user=user)
        trajectory = result.trajectory
        graph.audit(
            action="IMPORTED", trajectory=trajectory, user=user, obj=trajectory, description="zip"
        )
    return result
