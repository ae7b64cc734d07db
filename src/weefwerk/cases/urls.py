from django.urls import path

from weefwerk.cases import views

app_name = "cases"

urlpatterns = [
    path("casussen/", views.CaseListView.as_view(), name="list"),
    path("casussen/nieuw/", views.CaseCreateView.as_view(), name="create"),
    path("casussen/voorbeelden/", views.ExampleListView.as_view(), name="examples"),
    path(
        "casussen/voorbeelden/<slug:key>/gebruiken/",
        views.ExampleUseView.as_view(),
        name="example_use",
    ),
    path("casussen/<int:pk>/", views.CaseDetailView.as_view(), name="detail"),
    path("casussen/<int:pk>/bewerken/", views.CaseUpdateView.as_view(), name="edit"),
    path("casussen/<int:pk>/verwijderen/", views.CaseDeleteView.as_view(), name="delete"),
    path(
        "casussen/<int:case_pk>/besprekingen/nieuw/",
        views.DiscussionCreateView.as_view(),
        name="discussion_create",
    ),
    path(
        "casussen/<int:case_pk>/besprekingen/<int:pk>/",
        views.DiscussionView.as_view(),
        name="discussion",
    ),
    path(
        "casussen/<int:case_pk>/besprekingen/<int:pk>/bewerken/",
        views.DiscussionUpdateView.as_view(),
        name="discussion_edit",
    ),
    path(
        "casussen/<int:case_pk>/besprekingen/<int:pk>/verwijderen/",
        views.DiscussionDeleteView.as_view(),
        name="discussion_delete",
    ),
]
