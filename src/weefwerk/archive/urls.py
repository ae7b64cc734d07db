"""URLs under /trajecten/<id>/."""

from django.urls import path  # noqa: F401

app_name = "archive"

urlpatterns = []
