"""One events-socket connection: its send queue, its three loops, what it may see.

Outgoing messages go through one bounded queue drained by one sender task; a client
that lets the queue fill up is closed with 1013 (it can reconnect with ``last_seq`` and
lose nothing). A receiver task validates and dispatches incoming messages; a heartbeat
task pings with jitter and closes connections that went silent. The connection is the
hub's client for its room: ``deliver`` filters every room event by audience.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, cast

import anyio
from pydantic import ValidationError
from sqlalchemy import select
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from coderoom.auth.tokens import Principal
from coderoom.chat import call, handlers
from coderoom.chat.activity import recent_chat
from coderoom.chat.ratelimit import TokenBucket
from coderoom.chat.runtime import EventsRuntime
from coderoom.chat.schemas import CLIENT_MESSAGE
from coderoom.core.errors import AppError, Unavailable
from coderoom.core.ids import new_token
from coderoom.realtime.events import RoomEnvelope, publish_room_event
from coderoom.realtime.presence import CallMedia, PresenceEntry
from coderoom.realtime.protocol import (
    CLOSE_FORBIDDEN,
    CLOSE_IDLE,
    CLOSE_INTERNAL,
    CLOSE_NORMAL,
    CLOSE_RATE_LIMITED,
    CLOSE_ROOM_ENDED,
    CLOSE_SERVICE_RESTART,
    CLOSE_TRY_AGAIN_LATER,
    ErrorMessage,
    EventMessage,
    IceServerInfo,
    RoomInfo,
    WelcomeMessage,
)
from coderoom.rooms.access import STAFF_ROLES
from coderoom.rooms.models import Participant, Room

log = logging.getLogger(__name__)

# What a waiting participant may receive: its own admission outcome, nothing else.
_WAITING_VISIBLE = frozenset({"admission.admitted", "admission.rejected", "participant.removed"})
# Ephemeral events the actor's own connections see too (the other tab of the same person).
_ECHOED = frozenset({"call.state"})
_SOCKET_GONE = (WebSocketDisconnect, RuntimeError, OSError)
_CLEANUP_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class _Close:
    code: int
    reason: str


class _Admitted:
    """Queue marker: send the admitted participant's opening state here."""


class _LeaveCall:
    """Queue marker: take this connection out of the call here (it became an observer)."""


_ADMITTED = _Admitted()
_LEAVE_CALL = _LeaveCall()
Outgoing = dict[str, Any] | _Close | _Admitted | _LeaveCall


def event_message(envelope: RoomEnvelope) -> EventMessage:
    """A bus envelope as the client sees it."""
    return {
        "type": envelope["type"],
        "seq": envelope["seq"],
        "ts": envelope["ts"],
        "actor_id": envelope["actor_id"],
        "data": envelope["data"],
    }


def _subject(envelope: RoomEnvelope) -> str | None:
    participant = envelope["data"].get("participant")
    if isinstance(participant, dict):
        subject = participant.get("id")
        if isinstance(subject, str):
            return subject
    return envelope["participant_id"]


def participant_json(participant: Participant) -> dict[str, Any]:
    """A participant in the same shape as the rooms domain's event payloads."""
    return {
        "id": participant.id,
        "room_id": participant.room_id,
        "user_id": participant.user_id,
        "display_name": participant.display_name,
        "role": participant.role,
        "status": participant.status,
        "color": participant.color,
        "joined_at": participant.joined_at.isoformat(),
    }


class EventConnection:
    """An accepted, authorised events socket of one participant.

    Args:
        ws: the accepted WebSocket.
        rt: the shared runtime.
        principal: who authenticated.
        room: the room (as loaded at connect).
        participant: the caller's participant record (waiting or admitted).
    """

    def __init__(
        self,
        ws: WebSocket,
        rt: EventsRuntime,
        principal: Principal,
        room: Room,
        participant: Participant,
    ) -> None:
        self.ws = ws
        self.rt = rt
        self.principal = principal
        self.id = new_token(9)
        self.room_id = room.id
        self.participant_id = participant.id
        self.name = participant.display_name
        self.role = participant.role
        self.color = participant.color
        self.status = participant.status
        self.close_code = CLOSE_NORMAL
        self.close_reason = ""
        self._room: RoomInfo = {
            "id": room.id,
            "title": room.title,
            "language": room.language,
            "status": room.status,
            "auto_admit": room.auto_admit,
            "proctoring_enabled": room.proctoring_enabled,
        }
        events = rt.settings.events
        self._queue: asyncio.Queue[Outgoing] = asyncio.Queue(events.send_queue_size)
        self._preamble: list[dict[str, Any]] = []
        self._closed = asyncio.Event()
        self._start_seq = 0
        self._admitted_seq = 0
        self._entry: PresenceEntry | None = None
        self._bucket = TokenBucket(events.rate_per_s, events.rate_burst)
        self._denied = 0
        self._last_typing = 0.0
        self._last_seen = time.monotonic()

    @property
    def is_staff(self) -> bool:
        """Admitted host or interviewer."""
        return self.status == "admitted" and self.role in STAFF_ROLES

    # --- HubClient -------------------------------------------------------------------

    def deliver(self, envelope: RoomEnvelope) -> None:
        """Queue ``envelope`` if this participant may see it, and react to it."""
        if self._may_see(envelope):
            self.send(dict(event_message(envelope)))
        self._react(envelope)

    def resync(self, head: int) -> None:
        """Tell the client that events up to ``head`` are lost for it."""
        self.send({"type": "resync_required", "seq": head})

    def feed_lost(self) -> None:
        """The room feed stopped (shutdown, bus failure): the client should reconnect."""
        self.close(CLOSE_SERVICE_RESTART, "event feed stopped")

    # --- sending and closing ---------------------------------------------------------

    def send(self, message: Outgoing) -> None:
        """Queue a message; a full queue closes the connection with 1013."""
        if self._closed.is_set():
            return
        try:
            self._queue.put_nowait(message)
        except asyncio.QueueFull:
            log.warning("events connection %s is too slow; closing", self.id)
            self.close(CLOSE_TRY_AGAIN_LATER, "too slow: send queue full")

    def error(self, code: str, message: str, details: Any = None) -> None:
        """Queue an ``error`` message (the connection stays open)."""
        body: ErrorMessage = {"type": "error", "code": code, "message": message}
        if details is not None:
            body["details"] = details
        self.send(dict(body))

    def close(self, code: int, reason: str) -> None:
        """Close now (messages still queued are dropped)."""
        if not self._closed.is_set():
            self.close_code, self.close_reason = code, reason
            self._closed.set()

    def close_after_queue(self, code: int, reason: str) -> None:
        """Close once everything queued so far has been sent."""
        self.send(_Close(code, reason))

    # --- lifecycle -------------------------------------------------------------------

    async def serve(self, last_seq: int | None) -> None:
        """Run the connection until either side closes it."""
        self._start_seq = await self.rt.hub.join(self.room_id, self)
        try:
            self._preamble = await self._opening(last_seq)
            await self._run()
        finally:
            self.rt.hub.leave(self.room_id, self)
            # Shielded: a cancelled handler (shutdown, a test harness) must still tell the
            # room that this connection left, and must not abandon a database write midway.
            with anyio.CancelScope(shield=True), anyio.move_on_after(_CLEANUP_TIMEOUT_S):
                await self._announce_leave()
                await self._close_socket()

    async def _opening(self, last_seq: int | None) -> list[dict[str, Any]]:
        messages: list[dict[str, Any]] = [dict(self._welcome(self._start_seq))]
        if self.status != "admitted":
            return messages
        await self._announce_join()
        messages += await self._state_snapshot()
        backlog = None if last_seq is None else await self._backlog(last_seq, self._start_seq)
        if backlog is None:
            if last_seq is not None:
                messages.append({"type": "resync_required", "seq": self._start_seq})
            messages.append(await self._chat_history(self._start_seq))
        else:
            messages += backlog
        return messages

    async def _run(self) -> None:
        # Whichever loop ends first (client gone, close requested, error) ends them all.
        async with anyio.create_task_group() as group:
            for loop in (
                self._receive_loop,
                self._send_loop,
                self._heartbeat_loop,
                self._closed.wait,
            ):
                group.start_soon(self._guard, loop, group.cancel_scope)

    async def _guard(self, loop: Callable[[], Awaitable[object]], scope: anyio.CancelScope) -> None:
        try:
            await loop()
        except _SOCKET_GONE:
            pass
        except Exception:
            log.exception("events connection %s failed", self.id)
            self.close(CLOSE_INTERNAL, "internal error")
        finally:
            scope.cancel()

    async def _close_socket(self) -> None:
        ws = self.ws
        if (
            ws.client_state is WebSocketState.CONNECTED
            and ws.application_state is WebSocketState.CONNECTED
        ):
            with contextlib.suppress(*_SOCKET_GONE):
                await ws.close(self.close_code, self.close_reason)

    async def _send_json(self, message: dict[str, Any]) -> None:
        await self.ws.send_text(json.dumps(message, separators=(",", ":")))

    async def _send_loop(self) -> None:
        for message in self._preamble:
            await self._send_json(message)
        self._preamble = []
        while True:
            item = await self._queue.get()
            if isinstance(item, _Close):
                self.close(item.code, item.reason)
                return
            if isinstance(item, _Admitted):
                for message in await self._admitted_opening():
                    await self._send_json(message)
                continue
            if isinstance(item, _LeaveCall):
                await call.leave(self)
                continue
            await self._send_json(item)

    async def _receive_loop(self) -> None:
        limit = self.rt.settings.events.max_frame_bytes
        while True:
            message = await self.ws.receive()
            if message["type"] == "websocket.disconnect":
                return
            self._last_seen = time.monotonic()
            text = message.get("text")
            if text is None:
                size = len(message.get("bytes") or b"")
                if size > limit:
                    self.error("payload_too_large", f"Frames are limited to {limit} bytes.")
                else:
                    self.error("bad_frame", "Send JSON in text frames.")
                continue
            if len(text) > limit or len(text.encode()) > limit:
                self.error("payload_too_large", f"Frames are limited to {limit} bytes.")
                continue
            if self._rate_limited():
                continue
            await self._handle_text(text)

    def _rate_limited(self) -> bool:
        if self._bucket.take():
            self._denied = 0
            return False
        self._denied += 1
        if self._denied > self.rt.settings.events.rate_burst:
            self.close(CLOSE_RATE_LIMITED, "rate limit exceeded repeatedly")
        else:
            self.error("rate_limited", "Too many messages; slow down.")
        return True

    async def _handle_text(self, text: str) -> None:
        try:
            message = CLIENT_MESSAGE.validate_json(text)
        except ValidationError as exc:
            self._reject(exc)
            return
        try:
            await handlers.dispatch(self, message)
        except AppError as exc:
            self.error(exc.code, exc.message, exc.details)
        except Exception:  # a handler bug must not kill the user's socket
            log.exception("events handler for %s failed", message.type)
            self.error("internal_error", "Something went wrong handling that message.")

    def _reject(self, exc: ValidationError) -> None:
        errors = exc.errors(include_url=False, include_context=False, include_input=False)
        kinds = {e["type"] for e in errors}
        top_level = {e["type"] for e in errors if not e["loc"]}
        if "json_invalid" in kinds or top_level & {"dict_type", "model_type"}:
            self.error("bad_json", "Send one JSON object per frame.")
        elif "union_tag_invalid" in kinds or "union_tag_not_found" in kinds:
            self.error("unknown_type", "Unknown or missing message type.")
        else:
            details = [{"loc": [str(p) for p in e["loc"]], "msg": e["msg"]} for e in errors]
            self.error("invalid_message", "The message is not valid.", details)

    async def _heartbeat_loop(self) -> None:
        events = self.rt.settings.events
        while True:
            jitter = random.uniform(-events.heartbeat_jitter_s, events.heartbeat_jitter_s)  # noqa: S311 - spreading pings, not security
            await asyncio.sleep(max(0.05, events.heartbeat_interval_s + jitter))
            if time.monotonic() - self._last_seen > events.idle_timeout_s:
                self.close(CLOSE_IDLE, "idle timeout")
                return
            self.send({"type": "ping", "ts": time.time()})
            if self._entry is not None:
                try:
                    await self.rt.presence.put(self.room_id, self._entry)
                    for dead in await self.rt.presence.reap(self.room_id):
                        await self._publish_left(dead["connection_id"], dead["participant_id"])
                except Unavailable:
                    log.warning("presence refresh of %s failed", self.id)

    # --- what this connection sees ---------------------------------------------------

    def _may_see(self, envelope: RoomEnvelope) -> bool:
        audience = envelope["audience"]
        own = envelope["participant_id"] == self.participant_id
        if self.status != "admitted":
            return audience == "participant" and own and envelope["type"] in _WAITING_VISIBLE
        if (
            envelope["seq"] is None
            and envelope["actor_id"] == self.participant_id
            and envelope["type"] not in _ECHOED
        ):
            return False  # one's own typing/signalling is not echoed back
        if audience == "staff":
            return self.role in STAFF_ROLES
        if audience == "participant":
            return own
        return True

    def _react(self, envelope: RoomEnvelope) -> None:
        kind = envelope["type"]
        if kind == "room.ended":
            self.close_after_queue(CLOSE_ROOM_ENDED, "room ended")
            return
        if kind == "call.state":
            data = envelope["data"]
            # Another tab of this person joined the call: this one is out of it now.
            if data.get("connection_id") == self.id and not data.get("in_call") and self._entry:
                self._entry.pop("call", None)
            return
        if _subject(envelope) != self.participant_id:
            return
        if kind == "admission.admitted" and self.status == "waiting":
            self.status = "admitted"
            self._admitted_seq = envelope["seq"] or 0
            self.send(_ADMITTED)
        elif kind == "admission.rejected" and self.status == "waiting":
            self.close_after_queue(CLOSE_FORBIDDEN, "not admitted")
        elif kind == "participant.removed":
            self.close_after_queue(CLOSE_FORBIDDEN, "removed from the room")
        elif kind == "participant.role_changed":
            role = envelope["data"].get("participant", {}).get("role")
            if isinstance(role, str):
                self.role = role
                if role == "observer" and self.call is not None:
                    # It may be sending sound or video, which observers may not: out of the
                    # call as if it had left (the others drop its media); it may rejoin to
                    # watch and listen. Queued, as the leave needs the presence store.
                    self.send(_LEAVE_CALL)

    # --- opening state ---------------------------------------------------------------

    def _welcome(self, seq: int) -> WelcomeMessage:
        welcome: WelcomeMessage = {
            "type": "welcome",
            "connection_id": self.id,
            "seq": seq,
            "participant": {
                "id": self.participant_id,
                "name": self.name,
                "role": self.role,
                "color": self.color,
                "status": self.status,
            },
            "heartbeat_s": self.rt.settings.events.heartbeat_interval_s,
        }
        if self.status == "admitted":
            welcome["room"] = self._room
            webrtc = self.rt.settings.webrtc
            # TURN credentials: admitted participants only.
            welcome["rtc"] = {
                "ice_servers": [
                    cast(IceServerInfo, s.model_dump(exclude_none=True)) for s in webrtc.ice_servers
                ],
                "ice_transport_policy": webrtc.ice_transport_policy,
            }
        return welcome

    async def _state_snapshot(self) -> list[dict[str, Any]]:
        connections = await self.rt.presence.connections(self.room_id)
        messages: list[dict[str, Any]] = [{"type": "presence.state", "connections": connections}]
        if self.role in STAFF_ROLES:
            messages.append(await self._waiting_list())
        return messages

    async def _admitted_opening(self) -> list[dict[str, Any]]:
        await self._announce_join()
        return [
            dict(self._welcome(self._admitted_seq)),
            *await self._state_snapshot(),
            await self._chat_history(self._admitted_seq),
        ]

    async def _waiting_list(self) -> dict[str, Any]:
        async with self.rt.sessionmaker() as session:
            rows = await session.scalars(
                select(Participant)
                .where(Participant.room_id == self.room_id, Participant.status == "waiting")
                .order_by(Participant.joined_at, Participant.id)
            )
            waiting = [participant_json(p) for p in rows]
        return {"type": "admission.waiting_list", "participants": waiting}

    async def _chat_history(self, upto_seq: int) -> dict[str, Any]:
        # Messages after ``upto_seq`` reach this client live; they are left out here.
        async with self.rt.sessionmaker() as session:
            messages, has_more = await recent_chat(
                session,
                self.rt.log,
                self.room_id,
                upto=upto_seq,
                limit=self.rt.settings.events.chat_history_size,
            )
        return {"type": "chat.history", "messages": messages, "has_more": has_more}

    async def _backlog(self, last_seq: int, upto_seq: int) -> list[dict[str, Any]] | None:
        missed = await self.rt.log.since(self.room_id, last_seq)
        if missed is None:
            return None
        return [
            dict(event_message(e))
            for e in missed
            if (e["seq"] or 0) <= upto_seq and self._may_see(e)
        ]

    async def resume(self, last_seq: int) -> None:
        """Re-send events in ``(last_seq, start]`` (``start``: this connection's first seq).

        Later events were already sent live. ``resync_required`` if they are gone.
        """
        backlog = await self._backlog(last_seq, self._start_seq)
        if backlog is None:
            self.send({"type": "resync_required", "seq": self._start_seq})
            return
        for message in backlog:
            self.send(message)
        self.send(
            {
                "type": "resumed",
                "from_seq": last_seq,
                "to_seq": max(last_seq, self._start_seq),
                "count": len(backlog),
            }
        )

    # --- presence --------------------------------------------------------------------

    async def _announce_join(self) -> None:
        entry: PresenceEntry = {
            "connection_id": self.id,
            "participant_id": self.participant_id,
            "name": self.name,
            "role": self.role,
            "color": self.color,
            "seen": time.time(),
        }
        await self.rt.presence.put(self.room_id, entry)
        self._entry = entry
        await publish_room_event(
            self.rt.bus,
            self.room_id,
            "presence.joined",
            {"connection": dict(entry)},
            actor_id=self.participant_id,
        )

    async def _announce_leave(self) -> None:
        if self._entry is None:
            return
        self._entry = None
        try:
            await self.rt.presence.remove(self.room_id, self.id)
            await self._publish_left(self.id, self.participant_id)
        except Unavailable:
            log.warning("presence leave of %s not announced (bus unavailable)", self.id)

    async def _publish_left(self, connection_id: str, participant_id: str) -> None:
        await publish_room_event(
            self.rt.bus,
            self.room_id,
            "presence.left",
            {"connection_id": connection_id, "participant_id": participant_id},
            actor_id=participant_id,
        )

    # --- used by handlers ------------------------------------------------------------

    @property
    def call(self) -> CallMedia | None:
        """This connection's microphone/camera state while it is in the call."""
        return None if self._entry is None else self._entry.get("call")

    async def set_call(self, media: CallMedia | None) -> PresenceEntry | None:
        """Put this connection in the call (``None``: out of it); None if not present yet."""
        if self._entry is None:
            return None
        if media is None:
            self._entry.pop("call", None)
        else:
            self._entry["call"] = media
        await self.rt.presence.put(self.room_id, self._entry)
        return self._entry

    def typing_allowed(self, active: bool) -> bool:
        """Throttle typing relays: one "active" per ``typing_interval_s``; "stop" always."""
        now = time.monotonic()
        if active and now - self._last_typing < self.rt.settings.events.typing_interval_s:
            return False
        self._last_typing = now if active else 0.0
        return True
