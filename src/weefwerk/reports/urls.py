"""URLs: the reports under /trajecten/<id>/, and ``public_urlpatterns`` for the managers'
personal links (no account; the signed token names the trajectory)."""

from django.urls import path

from weefwerk.reports import views

app_name = "reports"

session = "verslagen/bijeenkomst/<int:meeting_id>/"
summary = "verslagen/samenvatting/"
managers = "verslagen/leidinggevenden/"

urlpatterns = [
    path("verslagen/", views.ReportListView.as_view(), name="list"),
    path(session, views.SessionReportView.as_view(), name="session"),
    path(f"{session}publiceren/", views.SessionPublishView.as_view(), name="session_publish"),
    path(f"{session}concept/", views.SessionWithdrawView.as_view(), name="session_withdraw"),
    path(f"{session}verslag.pdf", views.SessionPdfView.as_view(), name="session_pdf"),
    path(f"{session}verslag.docx", views.SessionDocxView.as_view(), name="session_docx"),
    path(f"{session}fotos/<int:photo_id>/", views.PhotoView.as_view(), name="photo"),
    path(summary, views.SummaryView.as_view(), name="summary"),
    path(f"{summary}publiceren/", views.SummaryPublishView.as_view(), name="summary_publish"),
    path(f"{summary}concept/", views.SummaryWithdrawView.as_view(), name="summary_withdraw"),
    path(f"{summary}samenvatting.pdf", views.SummaryPdfView.as_view(), name="summary_pdf"),
    path(f"{summary}samenvatting.docx", views.SummaryDocxView.as_view(), name="summary_docx"),
    path(managers, views.ManagerListView.as_view(), name="managers"),
    path(f"{managers}<int:pk>/", views.ManagerPreviewView.as_view(), name="manager"),
    path(
        f"{managers}<int:pk>/bericht.pdf",
        views.ManagerDownloadView.as_view(),
        {"format": "pdf"},
        name="manager_pdf",
    ),
    path(
        f"{managers}<int:pk>/bericht.docx",
        views.ManagerDownloadView.as_view(),
        {"format": "docx"},
        name="manager_docx",
    ),
    path(f"{managers}<int:pk>/versturen/", views.ManagerSendView.as_view(), name="manager_send"),
]

public_urlpatterns = [
    # The manager's personal link (no account): the update, and the same as PDF or Word.
    path("voor-leidinggevenden/<str:token>/", views.ManagerLinkView.as_view(), name="manager_link"),
    path(
        "voor-leidinggevenden/<str:token>/bericht.pdf",
        views.ManagerLinkView.as_view(),
        {"format": "pdf"},
        name="manager_link_pdf",
    ),
    path(
        "voor-leidinggevenden/<str:token>/bericht.docx",
        views.ManagerLinkView.as_view(),
        {"format": "docx"},
        name="manager_link_docx",
    ),
]
