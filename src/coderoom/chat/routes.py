"""The room events socket and the chat/activity REST endpoints."""

from __future__ import annotations

import contextlib
import json
import logging
import time
from typing import Annotated

from fastapi import APIRouter, Query, WebSocket
from sqlalchemy.exc import SQLAlchemyError
from starlette.websockets import WebSocketDisconnect, WebSocketState

from coderoom.auth import service as auth_service
from coderoom.auth.deps import CurrentPrincipal
from coderoom.chat.activity import activity_page, chat_page
from coderoom.chat.connection import EventConnection
from coderoom.chat.runtime import EventsRuntime
from coderoom.chat.schemas import ActivityPage, ChatPage
from coderoom.core.errors import Forbidden, NotFound, Unauthenticated, Unavailable
from coderoom.realtime.protocol import (
    CLOSE_FORBIDDEN,
    CLOSE_ROOM_ENDED,
    CLOSE_TRY_AGAIN_LATER,
    CLOSE_UNAUTHENTICATED,
)
from coderoom.rooms.access import Need, RoomAccess, access_room_by_id
from coderoom.storage.deps import SessionDep

log = logging.getLogger(__name__)

router = APIRouter(tags=["events"])

_ENTERING = frozenset({"waiting", "admitted"})


async def _authorise(ws: WebSocket, rt: EventsRuntime, room_id: str) -> EventConnection | None:
    token = ws.query_params.get("token")
    if not token:
        await ws.close(CLOSE_UNAUTHENTICATED, "token required")
        return None
    try:
        async with rt.sessionmaker() as session:
            principal = await auth_service.authenticate(session, rt.settings, token)
            access: RoomAccess = await access_room_by_id(
                session, principal, room_id, need=Need.ENTER, allow_ended=True
            )
    except Unauthenticated:
        await ws.close(CLOSE_UNAUTHENTICATED, "invalid token")
        return None
    except (NotFound, Forbidden):
        await ws.close(CLOSE_FORBIDDEN, "no access to this room")
        return None
    if access.room.status == "ended":
        ended_at = access.room.ended_at.isoformat() if access.room.ended_at else None
        ended = {
            "type": "room.ended",
            "seq": None,
            "ts": time.time(),
            "actor_id": None,
            "data": {"ended_at": ended_at},
        }
        await ws.send_text(json.dumps(ended))
        await ws.close(CLOSE_ROOM_ENDED, "room ended")
        return None
    if access.participant.status not in _ENTERING:
        await ws.close(CLOSE_FORBIDDEN, f"participant {access.participant.status}")
        return None
    return EventConnection(ws, rt, principal, access.room, access.participant)


def _last_seq(ws: WebSocket) -> int | None:
    raw = ws.query_params.get("last_seq")
    if raw is None or not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
        return None
    return int(raw)


@router.websocket("/ws/rooms/{room_id}/events")
async def room_events(ws: WebSocket, room_id: str) -> None:
    # Accept first: close codes such as 4401 only reach the client on an open socket.
    await ws.accept()
    rt = EventsRuntime.from_state(ws.state)
    try:
        conn = await _authorise(ws, rt, room_id)
        if conn is None:
            return
        raw_last_seq = ws.query_params.get("last_seq")
        last_seq = _last_seq(ws)
        if raw_last_seq is not None and last_seq is None:
            conn.error("invalid_last_seq", "last_seq must be a non-negative integer.")
        await conn.serve(last_seq)
    except Unavailable:
        log.warning("events socket for room %s: a dependency is unavailable", room_id)
        await _close_quietly(ws, CLOSE_TRY_AGAIN_LATER, "try again later")
    except WebSocketDisconnect:
        return
    except SQLAlchemyError:
        log.exception("events socket for room %s: database error", room_id)
        await _close_quietly(ws, CLOSE_TRY_AGAIN_LATER, "try again later")


async def _close_quietly(ws: WebSocket, code: int, reason: str) -> None:
    if ws.application_state is WebSocketState.CONNECTED:
        with contextlib.suppress(WebSocketDisconnect, RuntimeError, OSError):
            await ws.close(code, reason)


@router.get("/api/v1/rooms/{room_id}/chat", response_model=ChatPage)
async def chat_history(
    room_id: str,
    session: SessionDep,
    principal: CurrentPrincipal,
    before: Annotated[int | None, Query(ge=1, le=2**62)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> ChatPage:
    """Chat messages, newest page first; pass ``next_before`` to page back."""
    await access_room_by_id(session, principal, room_id, need=Need.VIEW, allow_ended=True)
    messages, has_more = await chat_page(session, room_id, before=before, limit=limit)
    next_before = messages[0]["seq"] if has_more and messages else None
    return ChatPage.model_validate({"messages": messages, "next_before": next_before})


@router.get("/api/v1/rooms/{room_id}/events", response_model=ActivityPage)
async def activity_log(
    room_id: str,
    session: SessionDep,
    principal: CurrentPrincipal,
    after: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    type_: Annotated[list[str] | None, Query(alias="type", max_length=20)] = None,
) -> ActivityPage:
    """The room's activity log for staff (joins, leaves, chat, runs, proctoring...)."""
    await access_room_by_id(session, principal, room_id, need=Need.STAFF, allow_ended=True)
    events = await activity_page(session, room_id, after=after, limit=limit, types=type_)
    next_after = events[-1]["seq"] if len(events) == limit else None
    return ActivityPage.model_validate({"events": events, "next_after": next_after})
