"""WebSocket consumers: one per open wall (logged-in members) and one per open phone.

Both only listen; writes go through the HTTP views (forms work without JavaScript, and the
same checks apply). A wall joins its session's wall group, a phone the phone group.
"""

from __future__ import annotations

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404

from weefwerk.workshop import events, joining


@database_sync_to_async
def _member_meeting(user, trajectory_id: int, meeting_id: int):
    """The meeting when ``user`` is a member of its trajectory; else None."""
    from weefwerk.trajectories.selectors import membership_for

    if user is None or not user.is_authenticated:
        return None
    try:
        membership = membership_for(user, trajectory_id)
    except (Http404, ObjectDoesNotExist):
        return None
    return membership.trajectory.meetings.filter(pk=meeting_id).first()


@database_sync_to_async
def _participant(token: str):
    try:
        participant = joining.resolve(token)
    except joining.LinkInvalid:
        return None
    return participant if joining.is_open(participant.meeting) else None


class _ListenConsumer(AsyncJsonWebsocketConsumer):
    group = ""

    async def join(self, group: str):
        self.group = group
        await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if self.group:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        if isinstance(content, dict) and content.get("type") == "ping":
            await self.send_json({"type": "pong"})

    async def workshop_event(self, message):
        await self.send_json(message["event"])


class WallConsumer(_ListenConsumer):
    async def connect(self):
        kwargs = self.scope["url_route"]["kwargs"]
        meeting = await _member_meeting(
            self.scope.get("user"), kwargs["trajectory_id"], kwargs["meeting_id"]
        )
        if meeting is None:
            await self.close(code=4403)
            return
        await self.join(events.wall_group(meeting.pk))


class PhoneConsumer(_ListenConsumer):
    async def connect(self):
        participant = await _participant(self.scope["url_route"]["kwargs"]["token"])
        if participant is None:
            await self.close(code=4403)
            return
        await self.join(events.phone_group(participant.meeting_id))
