"""URLs of live sessions: under a trajectory (``urlpatterns``) and without login (``public``)."""

from django.urls import path

from weefwerk.workshop import views, views_public

app_name = "workshop"

live = "bijeenkomsten/<int:meeting_id>/live/"
assignment = f"{live}opdrachten/<int:pk>/"
note = f"{assignment}notities/<int:note_id>/"

urlpatterns = [
    path(live, views.LiveView.as_view(), name="live"),
    path(f"{live}meedoen/", views.JoiningView.as_view(), name="joining"),
    path(
        f"{live}agendapunt/<int:item_id>/opdracht/",
        views.AssignmentCreateView.as_view(),
        name="assignment_create",
    ),
    path(f"{live}muur/", views.WallView.as_view(), name="wall"),
    path(f"{live}muur.json", views.WallJsonView.as_view(), name="wall_json"),
    path(f"{live}fotos/<int:photo_id>/", views.PhotoView.as_view(), name="photo"),
    path(
        f"{live}fotos/<int:photo_id>/verwijderen/",
        views.PhotoDeleteView.as_view(),
        name="photo_delete",
    ),
    path(assignment, views.AssignmentView.as_view(), name="assignment"),
    path(f"{assignment}bewerken/", views.AssignmentEditView.as_view(), name="assignment_edit"),
    path(
        f"{assignment}verwijderen/", views.AssignmentDeleteView.as_view(), name="assignment_delete"
    ),
    path(
        f"{assignment}bediening/",
        views.AssignmentControlView.as_view(),
        name="assignment_control",
    ),
    path(f"{assignment}notities/", views.NoteAddView.as_view(), name="note_add"),
    path(f"{note}cluster/", views.NoteClusterView.as_view(), name="note_cluster"),
    path(f"{note}samenvoegen/", views.NoteMergeView.as_view(), name="note_merge"),
    path(f"{note}verwijderen/", views.NoteDeleteView.as_view(), name="note_delete"),
    path(f"{assignment}clusters/", views.ClusterAddView.as_view(), name="cluster_add"),
    path(
        f"{assignment}clusters/<int:cluster_id>/",
        views.ClusterEditView.as_view(),
        name="cluster_edit",
    ),
    path(f"{assignment}fotos/", views.PhotoAddView.as_view(), name="photo_add"),
    path("bijeenkomsten/<int:meeting_id>/resultaten/", views.ResultsView.as_view(), name="results"),
    path(
        "bijeenkomsten/<int:meeting_id>/resultaten/notities.csv",
        views.ExportView.as_view(kind="csv"),
        name="export_csv",
    ),
    path(
        "bijeenkomsten/<int:meeting_id>/resultaten/notities.xlsx",
        views.ExportView.as_view(kind="xlsx"),
        name="export_xlsx",
    ),
]

phone = "doe-mee/deelname/<str:token>/"

# Without login: join with the code, then the phone page behind a signed link.
public_urlpatterns = [
    path("doe-mee/", views_public.JoinView.as_view(), name="join"),
    path("doe-mee/deelname/<str:token>/", views_public.PhoneView.as_view(), name="phone"),
    path(f"{phone}stand.json", views_public.PhoneStateView.as_view(), name="phone_state"),
    path(f"{phone}notitie/", views_public.PhoneNoteAddView.as_view(), name="phone_note_add"),
    path(
        f"{phone}notitie/<int:note_id>/",
        views_public.PhoneNoteEditView.as_view(),
        name="phone_note_edit",
    ),
    path(
        f"{phone}notitie/<int:note_id>/verwijderen/",
        views_public.PhoneNoteDeleteView.as_view(),
        name="phone_note_delete",
    ),
    path(f"{phone}stip/", views_public.PhoneVoteView.as_view(), name="phone_vote"),
    path(f"{phone}foto/", views_public.PhonePhotoView.as_view(), name="phone_photo"),
    path("doe-mee/<str:code>/", views_public.JoinMeetingView.as_view(), name="join_meeting"),
]
