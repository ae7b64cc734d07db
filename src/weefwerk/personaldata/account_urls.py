"""URLs under /account/: one's own data."""

from django.urls import path

from weefwerk.personaldata import views

app_name = "personaldata_account"

urlpatterns = [
    path("mijn-gegevens/", views.MyDataView.as_view(), name="mine"),
    path(
        "mijn-gegevens/download.<slug:fmt>",
        views.MyDataDownloadView.as_view(),
        name="mine_download",
    ),
]
