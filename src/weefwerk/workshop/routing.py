from django.urls import path

from weefwerk.workshop import consumers

websocket_urlpatterns = [
    path(
        "ws/trajecten/<int:trajectory_id>/bijeenkomsten/<int:meeting_id>/muur/",
        consumers.WallConsumer.as_asgi(),
    ),
    path("ws/doe-mee/<str:token>/", consumers.PhoneConsumer.as_asgi()),
]
