"""URLs of the schedule part of planning: `scoped` under a trajectory, `public` without login."""

from django.urls import path

from weefwerk.planning import views_schedule

scoped = [
    path("planning/", views_schedule.ScheduleView.as_view(), name="schedule"),
    path("voorbereiding/", views_schedule.ChecklistView.as_view(), name="checklist"),
]
public = []
