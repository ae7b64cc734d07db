from django.urls import path

from weefwerk.people import imports_views, views

app_name = "people"

urlpatterns = [
    path("organisaties/", views.OrganisationListView.as_view(), name="organisations"),
    path("organisaties/nieuw/", views.OrganisationCreateView.as_view(), name="organisation_create"),
    path("organisaties/<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation"),
    path(
        "organisaties/<int:pk>/bewerken/",
        views.OrganisationUpdateView.as_view(),
        name="organisation_edit",
    ),
    path(
        "organisaties/<int:pk>/verwijderen/",
        views.OrganisationDeleteView.as_view(),
        name="organisation_delete",
    ),
    path("personen/", views.PersonListView.as_view(), name="people"),
    path("personen/nieuw/", views.PersonCreateView.as_view(), name="person_create"),
    path("personen/<int:pk>/bewerken/", views.PersonUpdateView.as_view(), name="person_edit"),
    path("personen/<int:pk>/verwijderen/", views.PersonDeleteView.as_view(), name="person_delete"),
    path("importeren/", imports_views.ImportUploadView.as_view(), name="import"),
    path("importeren/<int:pk>/", imports_views.ImportPreviewView.as_view(), name="import_preview"),
    path(
        "importeren/voorbeeld-<slug:kind>.csv",
        imports_views.ImportExampleView.as_view(),
        name="import_example",
    ),
]
