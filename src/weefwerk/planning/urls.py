from django.urls import path

from weefwerk.planning import urls_calendars, urls_followup, urls_schedule, views

app_name = "planning"

meeting = "bijeenkomsten/<int:meeting_id>/"

urlpatterns = [
    path(meeting, views.MeetingAgendaView.as_view(), name="meeting"),
    path(f"{meeting}agenda/nieuw/", views.AgendaItemCreateView.as_view(), name="item_create"),
    path(
        f"{meeting}agenda/<int:pk>/bewerken/",
        views.AgendaItemUpdateView.as_view(),
        name="item_edit",
    ),
    path(
        f"{meeting}agenda/<int:pk>/verwijderen/",
        views.AgendaItemDeleteView.as_view(),
        name="item_delete",
    ),
    path(
        f"{meeting}agenda/<int:pk>/verplaatsen/",
        views.AgendaItemMoveView.as_view(),
        name="item_move",
    ),
    path(f"{meeting}agenda/volgorde/", views.AgendaReorderView.as_view(), name="reorder"),
    path(f"{meeting}passend-maken/", views.AgendaFitView.as_view(), name="fit"),
    path(f"{meeting}draaiboek/", views.RunView.as_view(), name="run"),
]

urlpatterns += urls_calendars.scoped + urls_schedule.scoped + urls_followup.scoped

# Pages without login (secret links), included at the site root by conf/urls.py.
public_urlpatterns = urls_calendars.public + urls_schedule.public + urls_followup.public
