"""URLs under /trajecten/<id>/ (``urlpatterns``) and under /trajecten/ (``top_urlpatterns``)."""

from django.urls import path

from weefwerk.archive import views

app_name = "archive"

urlpatterns = [
    path("exporteren/", views.ExportView.as_view(), name="export"),
    path("exporteren/download/", views.ExportDownloadView.as_view(), name="export_download"),
    path("geimporteerd/", views.ImportedView.as_view(), name="imported"),
]

# Not under a trajectory: importing makes a new one. Included as namespace "archive_top".
top_urlpatterns = [
    path("importeren/", views.ImportView.as_view(), name="import"),
]
