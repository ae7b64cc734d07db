"""URLs of the calendars part of planning: `scoped` under a trajectory, `public` without login."""

from django.urls import path

from weefwerk.planning import views_calendars as views

meeting = "bijeenkomsten/<int:meeting_id>/"

scoped = [
    path(f"{meeting}agenda.ics", views.MeetingIcsView.as_view(), name="meeting_ics"),
    path(
        f"{meeting}agenda-deelnemers.pdf",
        views.AgendaPdfView.as_view(),
        name="agenda_pdf_participants",
    ),
    path(
        f"{meeting}agenda-projectteam.pdf",
        views.AgendaPdfTeamView.as_view(),
        name="agenda_pdf_team",
    ),
    path("kalender/", views.CalendarView.as_view(), name="calendar"),
]

public = [
    path("kalender/<str:token>.ics", views.CalendarFeedView.as_view(), name="calendar_feed"),
]
