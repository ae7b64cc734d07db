"""Writes of the reports app: the project team's text, publishing and withdrawing."""

from django.db import transaction
from django.utils import timezone

from weefwerk.reports.models import Report
from weefwerk.trajectories.models import Meeting, Trajectory


def session_report(meeting: Meeting) -> Report:
    """The report row of a session, made (as a draft) when it is first needed."""
    report, _created = Report.objects.get_or_create(
        meeting=meeting,
        kind=Report.Kind.SESSION,
        defaults={"trajectory": meeting.trajectory},
    )
    return report


def summary_report(trajectory: Trajectory) -> Report:
    report, _created = Report.objects.get_or_create(
        trajectory=trajectory, kind=Report.Kind.SUMMARY, meeting=None
    )
    return report


def report_save(report: Report, *, introduction: str, conclusions: str) -> Report:
    report.introduction = introduction.strip()
    report.conclusions = conclusions.strip()
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def report_publish(report: Report, *, user) -> Report:
    """Readers (participants, managers) see the report from now on."""
    report.status = Report.Status.PUBLISHED
    report.published_at = timezone.now()
    report.published_by = user
    report.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    return report


def report_withdraw(report: Report) -> Report:
    """Back to draft: only the project team sees it again."""
    report.status = Report.Status.DRAFT
    report.published_at = None
    report.published_by = None
    report.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    return report
