"""URLs of the network under ``/trajecten/<id>/netwerk/``; ``public_urlpatterns`` need no login.

The interactive map's own URLs live in ``urls_map.py`` and are included here.
"""

from django.urls import path

from weefwerk.networkmap import urls_analysis, urls_map, views, views_io, views_participant

app_name = "networkmap"

n = "netwerk/"

urlpatterns = [
    path(f"{n}elementen/", views.ElementListView.as_view(), name="elements"),
    path(f"{n}elementen/nieuw/", views.ElementCreateView.as_view(), name="element_create"),
    path(f"{n}elementen/<int:pk>/", views.ElementDetailView.as_view(), name="element"),
    path(
        f"{n}elementen/<int:pk>/bewerken/", views.ElementUpdateView.as_view(), name="element_edit"
    ),
    path(
        f"{n}elementen/<int:pk>/verwijderen/",
        views.ElementDeleteView.as_view(),
        name="element_delete",
    ),
    path(
        f"{n}elementen/<int:pk>/samenvoegen/",
        views.ElementMergeView.as_view(),
        name="element_merge",
    ),
    path(f"{n}verbindingen/", views.ConnectionListView.as_view(), name="connections"),
    path(f"{n}verbindingen/nieuw/", views.ConnectionCreateView.as_view(), name="connection_create"),
    path(
        f"{n}verbindingen/<int:pk>/bewerken/",
        views.ConnectionUpdateView.as_view(),
        name="connection_edit",
    ),
    path(
        f"{n}verbindingen/<int:pk>/verwijderen/",
        views.ConnectionDeleteView.as_view(),
        name="connection_delete",
    ),
    path(f"{n}overleggen/", views.GroupListView.as_view(), name="groups"),
    path(f"{n}overleggen/<int:pk>/", views.GroupDetailView.as_view(), name="group"),
    path(
        f"{n}overleggen/<int:pk>/leden/<int:member_pk>/weghalen/",
        views.MemberRemoveView.as_view(),
        name="member_remove",
    ),
    path(
        f"{n}organisatieniveau/", views.OrganisationLevelView.as_view(), name="organisation_level"
    ),
    path(
        f"{n}organisatieniveau.json",
        views.OrganisationLevelJsonView.as_view(),
        name="organisation_level_json",
    ),
    path(f"{n}uit-het-traject/", views.SyncRecordsView.as_view(), name="sync_records"),
    path(f"{n}voorstellen/", views.ProposalListView.as_view(), name="proposals"),
    path(f"{n}invullen/", views.ParticipantLinksView.as_view(), name="participant_links"),
    path(f"{n}momentopnames/", views.SnapshotListView.as_view(), name="snapshots"),
    path(f"{n}momentopnames/<int:pk>/", views.SnapshotDetailView.as_view(), name="snapshot"),
    path(
        f"{n}momentopnames/<int:pk>/kaart.<str:fmt>",
        views.SnapshotPictureView.as_view(),
        name="snapshot_picture",
    ),
    path(
        f"{n}momentopnames/<int:pk>/verwijderen/",
        views.SnapshotDeleteView.as_view(),
        name="snapshot_delete",
    ),
    path(
        f"{n}momentopnames/vergelijk/",
        views.SnapshotCompareView.as_view(),
        name="snapshot_compare",
    ),
    path(
        f"{n}momentopnames/vergelijk.json",
        views.SnapshotCompareJsonView.as_view(),
        name="snapshot_compare_json",
    ),
    path(
        f"{n}momentopnames/vergelijk/kaart.<str:fmt>",
        views.SnapshotComparePictureView.as_view(),
        name="snapshot_compare_picture",
    ),
    path(f"{n}importeren/", views_io.ImportUploadView.as_view(), name="import"),
    path(f"{n}importeren/<int:pk>/", views_io.ImportPreviewView.as_view(), name="import_preview"),
    path(f"{n}exporteren/", views_io.ExportView.as_view(), name="export"),
    *urls_map.scoped,
]
urlpatterns += urls_analysis.scoped

# Pages without login, included at the site root by conf/urls.py (namespace networkmap_public).
public_urlpatterns = [
    path(
        "kaart/link/<str:token>/",
        views_participant.ParticipantLinkView.as_view(),
        name="participant",
    ),
    path("kaart/<str:join_code>/", views_participant.SessionPickView.as_view(), name="session"),
    path(
        "kaart/<str:join_code>/invullen/",
        views_participant.SessionFormView.as_view(),
        name="session_form",
    ),
]
