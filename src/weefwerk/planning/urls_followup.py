"""URLs of the followup part of planning: `scoped` under a trajectory, `public` without login."""

from django.urls import path

from weefwerk.planning import views_followup as views

meeting = "bijeenkomsten/<int:meeting_id>/"

scoped = [
    path(f"{meeting}huiswerk/nieuw/", views.HomeworkCreateView.as_view(), name="homework_create"),
    path(f"{meeting}huiswerk/<int:pk>/", views.HomeworkDetailView.as_view(), name="homework"),
    path(
        f"{meeting}huiswerk/<int:pk>/bewerken/",
        views.HomeworkUpdateView.as_view(),
        name="homework_edit",
    ),
    path(
        f"{meeting}huiswerk/<int:pk>/verwijderen/",
        views.HomeworkDeleteView.as_view(),
        name="homework_delete",
    ),
    path(f"{meeting}feedback/", views.FeedbackResultsView.as_view(), name="feedback_results"),
    path(f"{meeting}feedback/scherm/", views.FeedbackScreenView.as_view(), name="feedback_screen"),
]

public = [
    path("huiswerk/<str:token>/", views.HomeworkAnswerView.as_view(), name="homework_answer"),
    path("feedback/<str:token>/", views.FeedbackView.as_view(), name="feedback"),
    path(
        "feedback/<str:token>/bedankt/", views.FeedbackThanksView.as_view(), name="feedback_thanks"
    ),
]
