"""Calendars and printable agendas of sessions.

Under a trajectory (members): the .ics file of one session, the agenda as PDF for participants
(every member) and for the project team (editors only: it holds the team's notes), and the page
with the calendar feed's secret link (editors only), where it can be reset.

Without an account: the calendar feed at ``/kalender/<token>.ics``. A wrong token gives the same
404 as a trajectory that does not exist. The feed holds dates, places and agendas, no names of
people; whoever has the link can read it, so resetting the token is the way to take it back.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from weefwerk.planning import calendars, pdf
from weefwerk.planning.views import MeetingMixin
from weefwerk.trajectories.access import TrajectoryMixin
from weefwerk.trajectories.models import Trajectory, new_token

ICS_TYPE = "text/calendar; charset=utf-8"


def _meeting_url(request, meeting) -> str:
    path = reverse("planning:meeting", args=[meeting.trajectory_id, meeting.pk])
    return request.build_absolute_uri(path)


def _filename(meeting, suffix: str) -> str:
    return f"{slugify(meeting.title) or 'bijeenkomst'}{suffix}"


class MeetingIcsView(MeetingMixin, View):
    """One session as an .ics file to open in a calendar program."""

    def get(self, request, *args, **kwargs):
        meeting = self.meeting
        content = calendars.meeting_calendar(meeting, url=_meeting_url(request, meeting))
        response = HttpResponse(content, content_type=ICS_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{_filename(meeting, ".ics")}"'
        return response


class CalendarFeedView(View):
    """The trajectory's sessions as a calendar to subscribe to, found by its secret token."""

    def get(self, request, token):
        trajectory = Trajectory.objects.filter(calendar_token=token).first() if token else None
        if trajectory is None:
            raise Http404
        content = calendars.trajectory_calendar(
            trajectory, url_for=lambda meeting: _meeting_url(request, meeting)
        )
        response = HttpResponse(content, content_type=ICS_TYPE)
        response["Content-Disposition"] = 'inline; filename="weefwerk.ics"'
        response["Cache-Control"] = "private, max-age=0"
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Referrer-Policy"] = "no-referrer"
        return response


def feed_token_reset(trajectory: Trajectory) -> Trajectory:
    """A new secret for the feed: the old link stops working at once."""
    trajectory.calendar_token = new_token()
    trajectory.save(update_fields=["calendar_token", "updated_at"])
    return trajectory


class CalendarView(TrajectoryMixin, TemplateView):
    """The feed's link, to copy into a calendar program, and the button to make a new one."""

    write = True
    template_name = "planning/calendar.html"

    def get_context_data(self, **kwargs):
        path = reverse("planning_public:calendar_feed", args=[self.trajectory.calendar_token])
        feed_url = self.request.build_absolute_uri(path)
        webcal_url = "webcal://" + feed_url.split("://", 1)[1]
        dated = self.trajectory.meetings.filter(starts_at__isnull=False).count()
        return super().get_context_data(
            feed_url=feed_url, webcal_url=webcal_url, dated=dated, **kwargs
        )

    def post(self, request, *args, **kwargs):
        feed_token_reset(self.trajectory)
        messages.success(
            request,
            _("Er is een nieuwe link gemaakt. De oude link werkt niet meer."),
        )
        return redirect("planning:calendar", self.trajectory.pk)


class AgendaPdfView(MeetingMixin, View):
    """The printable agenda for participants: times, texts, what to bring, homework."""

    team = False
    suffix = "-agenda-deelnemers.pdf"

    def get(self, request, *args, **kwargs):
        meeting = self.meeting
        content = pdf.agenda_pdf(meeting, team=self.team)
        response = HttpResponse(content, content_type="application/pdf")
        name = _filename(meeting, self.suffix)
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response


class AgendaPdfTeamView(AgendaPdfView):
    """The same agenda with the project team's notes and group settings: editors only."""

    write = True
    team = True
    suffix = "-agenda-projectteam.pdf"
