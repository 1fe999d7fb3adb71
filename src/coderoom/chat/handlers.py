"""What the events socket does with each validated client message.

Handlers raise ``AppError`` for refusals; the connection turns them into ``error``
messages. Everything a room should see goes out through ``publish_room_event`` (chat,
proctoring: sequenced and recorded) or ``publish_ephemeral`` (typing, WebRTC). The call
and its signalling live in ``chat.call``.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Any

from coderoom.chat import call
from coderoom.chat.schemas import (
    AdmissionAdmit,
    AdmissionAutoAdmit,
    AdmissionReject,
    CallJoin,
    CallLeave,
    CallMedia,
    ChatSend,
    ClientMessage,
    PingMessage,
    PongMessage,
    ProctorSignal,
    ResumeMessage,
    RtcSignal,
    TypingMessage,
)
from coderoom.core.errors import Forbidden, InvalidInput, PayloadTooLarge
from coderoom.realtime.events import publish_ephemeral, publish_room_event
from coderoom.rooms import service as rooms_service
from coderoom.rooms.models import Room
from coderoom.rooms.schemas import RoomUpdate

if TYPE_CHECKING:
    from coderoom.chat.connection import EventConnection

# C0 controls except tab and newlines, DEL, C1 controls: invisible, and NUL breaks storage.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


async def dispatch(conn: EventConnection, message: ClientMessage) -> None:
    """Handle one validated message from ``conn``.

    Raises:
        AppError: the message is refused (sent back to the client as ``error``).
    """
    if isinstance(message, PingMessage):
        conn.send({"type": "pong", "ts": time.time()})
        return
    if isinstance(message, PongMessage):
        return  # receiving it already refreshed the connection's liveness
    if conn.status != "admitted":
        raise Forbidden("Wait until the host admits you.", code="not_admitted")
    match message:
        case ChatSend():
            await _chat(conn, message)
        case TypingMessage():
            await _typing(conn, message)
        case ProctorSignal():
            await _proctor(conn, message)
        case RtcSignal():
            await call.relay(conn, message)
        case CallJoin():
            await call.join(conn, message)
        case CallMedia():
            await call.media(conn, message)
        case CallLeave():
            await call.leave(conn)
        case AdmissionAdmit() | AdmissionReject() | AdmissionAutoAdmit():
            await _admission(conn, message)
        case ResumeMessage():
            await conn.resume(message.last_seq)


async def _chat(conn: EventConnection, message: ChatSend) -> None:
    text = message.text.strip()
    limit = conn.rt.settings.events.chat_max_chars
    if not text:
        raise InvalidInput("A chat message cannot be empty.", code="chat_empty")
    if _CONTROL.search(text):
        raise InvalidInput("Chat messages cannot contain control characters.", code="chat_invalid")
    if len(text) > limit:
        raise PayloadTooLarge(
            f"Chat messages are limited to {limit} characters.", code="chat_too_long"
        )
    data: dict[str, Any] = {"participant_id": conn.participant_id, "name": conn.name, "text": text}
    if message.client_id is not None:
        data["client_id"] = message.client_id
    await publish_room_event(
        conn.rt.bus, conn.room_id, "chat.message", data, actor_id=conn.participant_id
    )


async def _typing(conn: EventConnection, message: TypingMessage) -> None:
    if not conn.typing_allowed(message.active):
        return  # throttled silently: a dropped "still typing" changes nothing
    await publish_ephemeral(
        conn.rt.bus,
        conn.room_id,
        "typing",
        {"participant_id": conn.participant_id, "name": conn.name, "active": message.active},
        actor_id=conn.participant_id,
    )


async def _proctor(conn: EventConnection, message: ProctorSignal) -> None:
    # Read the flag at signal time: the host may switch proctoring while people are in.
    async with conn.rt.sessionmaker() as session:
        room = await session.get(Room, conn.room_id)
    if room is None or not room.proctoring_enabled:
        return  # not recorded, not relayed: proctoring is off for this room
    data = message.model_dump(exclude={"type"}, exclude_none=True)
    data.update(participant_id=conn.participant_id, name=conn.name)
    await publish_room_event(
        conn.rt.bus,
        conn.room_id,
        "proctor.signal",
        data,
        audience="staff",
        actor_id=conn.participant_id,
    )


async def _admission(
    conn: EventConnection, message: AdmissionAdmit | AdmissionReject | AdmissionAutoAdmit
) -> None:
    if not conn.is_staff:
        raise Forbidden("Only the host and interviewers can do this.", code="staff_only")
    # The rooms service re-checks access against the database and publishes admission.*.
    async with conn.rt.sessionmaker() as session:
        match message:
            case AdmissionAdmit():
                await rooms_service.admit(
                    session, conn.rt.bus, conn.principal, conn.room_id, message.participant_id
                )
            case AdmissionReject():
                await rooms_service.reject(
                    session, conn.rt.bus, conn.principal, conn.room_id, message.participant_id
                )
            case AdmissionAutoAdmit():
                await rooms_service.update_room(
                    session,
                    conn.rt.bus,
                    conn.principal,
                    conn.room_id,
                    RoomUpdate(auto_admit=message.enabled),
                )
