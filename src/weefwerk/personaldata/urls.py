"""URLs under /trajecten/<id>/."""

from django.urls import path

from weefwerk.personaldata import views

app_name = "personaldata"

urlpatterns = [
    path(
        "persoonsgegevens/personen/<int:pk>/",
        views.PersonDataView.as_view(),
        name="person",
    ),
    path(
        "persoonsgegevens/personen/<int:pk>/download.<slug:fmt>",
        views.PersonDataDownloadView.as_view(),
        name="person_download",
    ),
    path(
        "persoonsgegevens/personen/<int:pk>/wissen/",
        views.PersonEraseView.as_view(),
        name="person_erase",
    ),
    path("persoonsgegevens/logboek/", views.AuditLogView.as_view(), name="audit_log"),
]
