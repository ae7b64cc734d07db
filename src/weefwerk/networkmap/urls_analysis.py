"""URLs of the network analysis, under ``/trajecten/<id>/``; included by ``urls.py``."""

from django.urls import path

from weefwerk.networkmap import views_analysis

scoped = [
    path("netwerk/analyse/", views_analysis.AnalysisView.as_view(), name="analysis"),
    path("netwerk/analyse.json", views_analysis.AnalysisJsonView.as_view(), name="analysis_json"),
    path("netwerk/analyse.csv", views_analysis.AnalysisCsvView.as_view(), name="analysis_csv"),
    path(
        "netwerk/analyse/webbers/<int:pk>/",
        views_analysis.WebberConfirmView.as_view(),
        name="analysis_webber",
    ),
    path(
        "netwerk/analyse/vertrek/",
        views_analysis.DepartureView.as_view(),
        name="analysis_departure",
    ),
    path(
        "netwerk/analyse/verandering/",
        views_analysis.ChangeView.as_view(),
        name="analysis_change",
    ),
]
