from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from weefwerk.actions.urls import public_urlpatterns as actions_public
from weefwerk.grouping.urls import public_urlpatterns as grouping_public
from weefwerk.networkmap.urls import public_urlpatterns as networkmap_public
from weefwerk.planning.urls import public_urlpatterns as planning_public
from weefwerk.reports.urls import public_urlpatterns as reports_public
from weefwerk.workshop.urls import public_urlpatterns as workshop_public

urlpatterns = [
    path("", include("weefwerk.public.urls")),
    path("account/", include("weefwerk.accounts.urls")),
    path("account/", include("weefwerk.personaldata.account_urls")),
    path("trajecten/", include("weefwerk.trajectories.urls")),
    path("trajecten/<int:trajectory_id>/", include("weefwerk.people.urls")),
    path("trajecten/<int:trajectory_id>/", include("weefwerk.planning.urls")),
    path("trajecten/<int:trajectory_id>/", include("weefwerk.grouping.urls")),
    path("trajecten/<int:trajectory_id>/", include("weefwerk.cases.urls")),
    path("trajecten/<int:trajectory_id>/", include("weefwerk.networkmap.urls")),
    path("trajecten/<int:trajectory_id>/", include("weefwerk.workshop.urls")),
    path("trajecten/<int:trajectory_id>/", include("weefwerk.actions.urls")),
    path("trajecten/<int:trajectory_id>/", include("weefwerk.reports.urls")),
    path("trajecten/<int:trajectory_id>/", include("weefwerk.archive.urls")),
    path("trajecten/", include("weefwerk.archive.urls_top")),
    path("trajecten/<int:trajectory_id>/", include("weefwerk.personaldata.urls")),
    path("", include((planning_public, "planning_public"))),
    path("", include((grouping_public, "grouping_public"))),
    path("", include((networkmap_public, "networkmap_public"))),
    path("", include((workshop_public, "workshop_public"))),
    path("", include((actions_public, "actions_public"))),
    path("", include((reports_public, "reports_public"))),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
