"""Reads of the reports app: which reports exist. The documents themselves are built in
``content_session``, ``content_summary`` and ``content_manager`` (re-exported here)."""

from __future__ import annotations

from weefwerk.reports.content import report_for, summary_report_for
from weefwerk.reports.content_manager import manager_document, managers
from weefwerk.reports.content_session import session_document
from weefwerk.reports.content_summary import summary_document
from weefwerk.reports.models import Report
from weefwerk.trajectories.models import Meeting, Trajectory

__all__ = [
    "manager_document",
    "managers",
    "meetings_with_reports",
    "report_for",
    "session_document",
    "summary_document",
    "summary_report_for",
]

# --------------------------------------------------------------------------------------------
# Report rows


def meetings_with_reports(trajectory: Trajectory, *, published_only: bool) -> list[Meeting]:
    """The sessions (not cancelled), each with ``report`` (or None); readers only see the ones
    with a published report."""
    reports = {
        r.meeting_id: r for r in Report.objects.filter(trajectory=trajectory, kind="session")
    }
    meetings = []
    for meeting in trajectory.meetings.exclude(status=Meeting.Status.CANCELLED):
        meeting.report = reports.get(meeting.pk)
        if published_only and not (meeting.report and meeting.report.is_published):
            continue
        meetings.append(meeting)
    return meetings
