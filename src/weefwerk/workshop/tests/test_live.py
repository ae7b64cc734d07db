"""Channels: a note posted by one client reaches a wall connected to another, in one process
through the configured channel layer (in-memory, or Redis when REDIS_URL is set)."""

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.auth import AuthMiddlewareStack
from channels.layers import get_channel_layer
from channels.routing import URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from channels.testing import WebsocketCommunicator
from django.test import Client

from weefwerk.conf.asgi import application
from weefwerk.workshop import joining, services
from weefwerk.workshop.models import Note
from weefwerk.workshop.routing import websocket_urlpatterns

from .conftest import note_data

ORIGIN = (b"origin", b"http://testserver")


def _wall(trajectory, meeting, cookie=""):
    headers = [ORIGIN]
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    path = f"/ws/trajecten/{trajectory.pk}/bijeenkomsten/{meeting.pk}/muur/"
    return WebsocketCommunicator(application, path, headers=headers)


def _session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


@pytest.mark.django_db(transaction=True)
def test_note_from_a_phone_reaches_the_wall_and_other_phones(
    facilitator, trajectory, meeting, item, people
):
    (assignment,) = services.assignments_from_item(item=item)
    services.assignment_control(assignment=assignment, action="open")
    anna = services.participant_join(meeting=meeting, person=people[0])
    bram = services.participant_join(meeting=meeting, person=people[1])
    cookie = _session_cookie(facilitator)
    token_anna, token_bram = joining.make_token(anna), joining.make_token(bram)

    async def scenario():
        wall = _wall(trajectory, meeting, cookie)
        connected, _ = await wall.connect()
        assert connected
        other_phone = WebsocketCommunicator(
            application, f"/ws/doe-mee/{token_bram}/", headers=[ORIGIN]
        )
        connected, _ = await other_phone.connect()
        assert connected
        # Anna posts from her phone, over HTTP, like the phone page does.
        response = await sync_to_async(Client().post)(
            f"/doe-mee/deelname/{token_anna}/notitie/",
            note_data(assignment, "Samen <b>sterk</b>"),
        )
        assert response.status_code == 302
        event = await wall.receive_json_from(timeout=5)
        assert event["type"] == "note"
        assert event["note"]["text"] == "Samen <b>sterk</b>"
        assert event["note"]["category"] == "Motivatoren"
        assert event["note"]["author"] is None  # names are off by default
        assert event["count"] == 1
        # Bram's phone hears the count, not Anna's note.
        phone_event = await other_phone.receive_json_from(timeout=5)
        assert phone_event == {"type": "count", "assignment": assignment.pk, "count": 1}

        # Hiding notes: the wall gets a refresh and then sees no text.
        await sync_to_async(services.assignment_control)(assignment=assignment, action="hide")
        assert (await wall.receive_json_from(timeout=5))["type"] == "refresh"
        note = await sync_to_async(Note.objects.get)()
        await sync_to_async(services.note_update_own)(
            participant=anna, note_id=note.pk, text="Gewijzigd", category="Motivatoren"
        )
        event = await wall.receive_json_from(timeout=5)
        assert event["type"] == "note" and event["note"]["text"] is None
        await wall.disconnect()
        await other_phone.disconnect()
        await get_channel_layer().flush()

    async_to_sync(scenario)()


@pytest.mark.django_db(transaction=True)
def test_wall_socket_needs_a_member_and_phone_socket_a_valid_link(
    trajectory, meeting, outsider, people, settings
):
    # The test settings allow every host; the validator reads ALLOWED_HOSTS when it is made.
    settings.ALLOWED_HOSTS = ["testserver"]
    strict_app = AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))
    anna = services.participant_join(meeting=meeting, person=people[0])
    token = joining.make_token(anna)

    async def scenario():
        for communicator in (
            _wall(trajectory, meeting),  # anonymous
            _wall(trajectory, meeting, _cookie_outsider),  # not a member
            WebsocketCommunicator(application, f"/ws/doe-mee/{token}x/", headers=[ORIGIN]),
            WebsocketCommunicator(  # a page of another site
                strict_app,
                f"/ws/doe-mee/{token}/",
                headers=[(b"origin", b"http://kwaad.example")],
            ),
        ):
            connected, _ = await communicator.connect()
            assert not connected
        meeting.joining_open = False
        await sync_to_async(meeting.save)()
        closed = WebsocketCommunicator(application, f"/ws/doe-mee/{token}/", headers=[ORIGIN])
        connected, _ = await closed.connect()
        assert not connected

    _cookie_outsider = _session_cookie(outsider)
    async_to_sync(scenario)()
