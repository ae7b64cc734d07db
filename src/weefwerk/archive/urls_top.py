"""The archive's URLs that are not under a trajectory (namespace ``archive_top``)."""

from weefwerk.archive.urls import top_urlpatterns

app_name = "archive_top"

urlpatterns = top_urlpatterns
