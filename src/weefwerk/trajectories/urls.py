from django.urls import include, path

from weefwerk.trajectories import views

app_name = "trajectories"

scoped = [
    path("", views.TrajectoryOverviewView.as_view(), name="overview"),
    path("bewerken/", views.TrajectoryUpdateView.as_view(), name="edit"),
    path("verwijderen/", views.TrajectoryDeleteView.as_view(), name="delete"),
    path("bijeenkomsten/", views.MeetingListView.as_view(), name="meetings"),
    path("bijeenkomsten/nieuw/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path(
        "bijeenkomsten/<int:pk>/bewerken/", views.MeetingUpdateView.as_view(), name="meeting_edit"
    ),
    path(
        "bijeenkomsten/<int:pk>/verwijderen/",
        views.MeetingDeleteView.as_view(),
        name="meeting_delete",
    ),
    path("domeinen/", views.DomainListView.as_view(), name="domains"),
    path("domeinen/<int:pk>/bewerken/", views.DomainUpdateView.as_view(), name="domain_edit"),
    path("domeinen/<int:pk>/verwijderen/", views.DomainDeleteView.as_view(), name="domain_delete"),
    path("leden/", views.MemberListView.as_view(), name="members"),
    path("leden/<int:pk>/bewerken/", views.MemberUpdateView.as_view(), name="member_edit"),
    path("leden/<int:pk>/verwijderen/", views.MemberDeleteView.as_view(), name="member_delete"),
]

urlpatterns = [
    path("", views.TrajectoryListView.as_view(), name="list"),
    path("nieuw/", views.TrajectoryCreateView.as_view(), name="create"),
    path("<int:trajectory_id>/", include(scoped)),
]
