"""URLs of the interactive map, under ``/trajecten/<id>/``: the page and its JSON endpoints."""

from django.urls import path

from weefwerk.networkmap import api, views_map, views_maps

scoped = [
    path("netwerk/", views_map.MapView.as_view(), name="map"),
    path("netwerk/kaart.json", api.MapDataView.as_view(), name="map_data"),
    path(
        "netwerk/kaart/elementen/",
        api.ElementCreateView.as_view(),
        name="map_element_create",
    ),
    path(
        "netwerk/kaart/elementen/<int:pk>/",
        api.ElementUpdateView.as_view(),
        name="map_element_update",
    ),
    path(
        "netwerk/kaart/elementen/<int:pk>/verwijderen/",
        api.ElementDeleteView.as_view(),
        name="map_element_delete",
    ),
    path(
        "netwerk/kaart/verbindingen/",
        api.ConnectionCreateView.as_view(),
        name="map_connection_create",
    ),
    path(
        "netwerk/kaart/verbindingen/<int:pk>/",
        api.ConnectionUpdateView.as_view(),
        name="map_connection_update",
    ),
    path(
        "netwerk/kaart/verbindingen/<int:pk>/verwijderen/",
        api.ConnectionDeleteView.as_view(),
        name="map_connection_delete",
    ),
    path("netwerk/kaart/posities/", api.PositionsSaveView.as_view(), name="map_positions"),
    path("netwerk/kaarten/", views_maps.MapListView.as_view(), name="maps"),
    path("netwerk/kaarten/<int:pk>/", views_maps.MapRenameView.as_view(), name="map_rename"),
    path(
        "netwerk/kaarten/<int:pk>/verwijderen/",
        views_maps.MapDeleteView.as_view(),
        name="map_delete",
    ),
]
