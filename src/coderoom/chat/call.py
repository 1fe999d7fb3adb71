"""The room's call: who is in it, their microphone/camera state, and the WebRTC relay.

Call membership belongs to one events connection (a browser tab) and lives in its presence
entry, so ``presence.state`` tells a (re)connecting client who is in the call, and a
connection that closes or dies leaves the call with its ``presence.left``. Changes go out
as the ephemeral ``call.state``. WebRTC signals are relayed only between two participants
who are both in the call; observers may join to watch and listen, never to send media.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from coderoom.chat.schemas import CallJoin, CallMedia, RtcDescription, RtcSignal
from coderoom.core.errors import Forbidden, InvalidInput, NotFound, PayloadTooLarge
from coderoom.realtime.events import publish_ephemeral
from coderoom.realtime.presence import CallMedia as Media
from coderoom.realtime.presence import PresenceEntry

if TYPE_CHECKING:
    from coderoom.chat.connection import EventConnection

# A media section that sends ("sendrecv" is also SDP's default, but browsers always write
# the direction): what an observer's offer or answer may not contain.
_SENDING = re.compile(r"^a=(?:sendrecv|sendonly)\s*$", re.MULTILINE)


def _media(conn: EventConnection, audio: bool, video: bool) -> Media:
    if conn.role == "observer" and (audio or video):
        raise Forbidden(
            "Observers can watch and listen, not send sound or video.",
            code="observer_receive_only",
        )
    return {"audio": audio, "video": video}


def call_state(
    entry: PresenceEntry, media: Media | None, reason: str | None = None
) -> dict[str, Any]:
    """The ``call.state`` payload for one connection (``media`` None: not in the call)."""
    data: dict[str, Any] = {
        "connection_id": entry["connection_id"],
        "participant_id": entry["participant_id"],
        "name": entry["name"],
        "role": entry["role"],
        "color": entry["color"],
        "in_call": media is not None,
        "audio": bool(media and media["audio"]),
        "video": bool(media and media["video"]),
    }
    if reason is not None:
        data["reason"] = reason
    return data


async def _announce(conn: EventConnection, data: dict[str, Any]) -> None:
    await publish_ephemeral(
        conn.rt.bus, conn.room_id, "call.state", data, actor_id=conn.participant_id
    )


async def _enter(conn: EventConnection, media: Media) -> None:
    entry = await conn.set_call(media)
    if entry is None:
        raise Forbidden("Wait until the host admits you.", code="not_admitted")
    await _announce(conn, call_state(entry, media))


async def join(conn: EventConnection, message: CallJoin) -> None:
    """Put ``conn`` in the call; another tab of the same person in it is taken out."""
    media = _media(conn, message.audio, message.video)
    for entry in await conn.rt.presence.connections(conn.room_id):
        if (
            entry["participant_id"] == conn.participant_id
            and entry["connection_id"] != conn.id
            and "call" in entry
        ):
            # One seat per person: signals address participants, not tabs. The other tab
            # drops its own call state when it sees this (see EventConnection._react).
            stale: PresenceEntry = {k: v for k, v in entry.items() if k != "call"}  # type: ignore[assignment]
            await conn.rt.presence.put(conn.room_id, stale)
            await _announce(conn, call_state(entry, None, reason="replaced"))
    await _enter(conn, media)


async def media(conn: EventConnection, message: CallMedia) -> None:
    """Record that ``conn`` turned its microphone or camera on or off."""
    if conn.call is None:
        raise Forbidden("Join the call first.", code="not_in_call")
    await _enter(conn, _media(conn, message.audio, message.video))


async def leave(conn: EventConnection) -> None:
    """Take ``conn`` out of the call (nothing happens if it was not in it)."""
    if conn.call is None:
        return
    entry = await conn.set_call(None)
    if entry is not None:
        await _announce(conn, call_state(entry, None, reason="left"))


def _check_description(conn: EventConnection, description: RtcDescription) -> None:
    limit = conn.rt.settings.webrtc.max_sdp_bytes
    if len(description.sdp.encode()) > limit:
        raise PayloadTooLarge(f"SDP is limited to {limit} bytes.", code="sdp_too_large")
    if conn.role == "observer" and _SENDING.search(description.sdp):
        raise Forbidden(
            "Observers receive media only: every media section must be recvonly or inactive.",
            code="observer_receive_only",
        )


async def relay(conn: EventConnection, message: RtcSignal) -> None:
    """Relay a WebRTC signal to ``message.to`` if both are in the call (hangup: connected)."""
    if message.to == conn.participant_id:
        raise InvalidInput("You cannot call yourself.", code="rtc_self")
    hangup = message.kind == "hangup"
    if not hangup and conn.call is None:
        raise Forbidden("Join the call first.", code="not_in_call")
    if isinstance(message.payload, RtcDescription):
        _check_description(conn, message.payload)
    # Presence lists admitted connections of this room only: that is the room check.
    present = await conn.rt.presence.connections(conn.room_id)
    if not any(
        entry["participant_id"] == message.to and (hangup or "call" in entry) for entry in present
    ):
        raise NotFound("That participant is not in this room's call.", code="peer_unavailable")
    data: dict[str, Any] = {
        "from": conn.participant_id,
        "name": conn.name,
        "kind": message.kind,
        "payload": message.payload.model_dump(exclude_none=True),
    }
    if message.session is not None:
        data["session"] = message.session
    await publish_ephemeral(
        conn.rt.bus,
        conn.room_id,
        "rtc.signal",
        data,
        audience="participant",
        participant_id=message.to,
        actor_id=conn.participant_id,
    )
