"""URLs of the grouping app: under a trajectory (``urlpatterns``) and without login (``public``)."""

from django.urls import path

from weefwerk.grouping import views

app_name = "grouping"

meeting = "bijeenkomsten/<int:meeting_id>/"
attendance = f"{meeting}aanwezigheid/"
groups = f"{meeting}agenda/<int:item_id>/groepen/"

urlpatterns = [
    path(attendance, views.AttendanceView.as_view(), name="attendance"),
    path(f"{attendance}<int:person_id>/", views.AttendanceSetView.as_view(), name="attendance_set"),
    path(
        f"{attendance}uitnodigen/",
        views.AttendanceInviteAllView.as_view(),
        name="attendance_invite_all",
    ),
    path(f"{attendance}code/", views.JoiningView.as_view(), name="attendance_joining"),
    path(f"{attendance}scherm/", views.CheckinScreenView.as_view(), name="checkin_screen"),
    path("kennismaking/", views.AcquaintanceView.as_view(), name="acquaintance"),
    path("kennismaking/kenden-elkaar/", views.EncounterAddView.as_view(), name="encounter_add"),
    path(
        "kennismaking/herberekenen/",
        views.AcquaintanceRecomputeView.as_view(),
        name="acquaintance_recompute",
    ),
    path("kennismaking/vooruit-plannen/", views.PlanAheadView.as_view(), name="plan_ahead"),
    path(groups, views.GroupsView.as_view(), name="groups"),
    path(f"{groups}maken/", views.GroupsMakeView.as_view(), name="groups_make"),
    path(f"{groups}verplaatsen/", views.GroupsMoveView.as_view(), name="groups_move"),
    path(f"{groups}vastzetten/", views.GroupsLockView.as_view(), name="groups_lock"),
    path(f"{groups}gehouden/", views.GroupsHeldView.as_view(), name="groups_held"),
    path(f"{groups}scherm/", views.GroupsScreenView.as_view(), name="groups_screen"),
    path(f"{groups}afdrukken/", views.GroupsPrintView.as_view(), name="groups_print"),
]

# Without login: self check-in with the session's code. Included at the site root.
public_urlpatterns = [
    path("aanwezig/<str:code>/", views.CheckinView.as_view(), name="checkin"),
]
