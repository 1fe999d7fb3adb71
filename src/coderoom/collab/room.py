"""A loaded room: one Yjs document, its clients, awareness, and its bridge to the bus.

Everything that touches the document runs synchronously on the event loop, so no lock is
needed: a client's update is applied, and the document's observer queues the effective
update to every other client, to the update log and to the bus before anything else runs.
Bus messages on ``collab_topic(room_id)`` are ``<node_id>|<tag><body>``; the tag byte is
``u`` doc update, ``a`` awareness update, ``q`` state vector (another node asks for
what it misses; answered with ``u``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any, Final

import anyio
from pycrdt import Doc, Map, Text, TransactionEvent

from coderoom.collab.awareness import MAX_UPDATE_BYTES, AwarenessTable, RateLimiter
from coderoom.collab.awareness import TIMEOUT_S as AWARENESS_TIMEOUT_S
from coderoom.collab.connection import Connection
from coderoom.collab.protocol import (
    MSG_AWARENESS,
    MSG_QUERY_AWARENESS,
    FrameTooLarge,
    ProtocolError,
    SyncType,
    awareness_frame,
    decode_awareness,
    parse_frame,
    sync_frame,
)
from coderoom.collab.store import UpdateLog
from coderoom.realtime.bus import Bus
from coderoom.realtime.events import room_topic
from coderoom.realtime.websocket import DirectReceive

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
CLOSE_FORBIDDEN = 4403
# One edit, or a reconnecting client's offline edits, stays far below this; a paste of a
# whole large file is about 1 MB. Bigger frames are refused so nobody can balloon the
# document or the log.
MAX_FRAME_BYTES = 4 * 1024 * 1024
_REMOTE: Final = object()  # origin of updates that came over the bus
_AWARENESS_RATE = (30.0, 60.0)  # per client: sustained messages/s, burst
_OUTBOX_MAX = 10_000
_EMPTY_STATE_VECTOR = b"\x00"
_EMPTY_UPDATE = b"\x00\x00"

Receive = Callable[[], Awaitable[bytes | None]]


async def _write_then_stop(conn: Connection, scope: anyio.CancelScope) -> None:
    # The writer ends when the client is closed or its socket fails; either way the
    # reader must stop too.
    try:
        await conn.write_loop()
    except Exception as exc:  # noqa: BLE001 - a dead socket is a normal end here
        log.debug("client %s writer ended: %r", conn.id, exc)
    finally:
        scope.cancel()


class _LazyWriter:
    """A connection's writer task: started only when needed, owned by ``CollabRoom.serve``.

    Most connections never need one (frames go straight to the transport), and a task per
    connection was a measurable share of a reconnect storm. It may have to start inside a
    direct-receive callback, where no task is current and anyio's ``start_soon`` fails
    (``NoEventLoopError``), so it is a plain asyncio task: ``serve`` holds the reference
    and waits for it, or cancels it, before it returns, so it never outlives the client.
    """

    def __init__(self, conn: Connection, scope: anyio.CancelScope) -> None:
        self._conn = conn
        self._scope = scope
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(
            _write_then_stop(self._conn, self._scope), name=f"collab writer {self._conn.id}"
        )

    async def wait(self) -> None:
        if self._task is not None:
            await self._task

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()


@dataclass(frozen=True, slots=True)
class Author:
    """The origin of a server-made edit: whom the update log credits."""

    participant_id: str | None


def _only_removals(update: bytes) -> bool:
    # A client saying goodbye must get through even when it is over its rate.
    return all(entry.state is None for entry in decode_awareness(update))


def collab_topic(room_id: str) -> str:
    """The bus topic carrying a room's doc and awareness updates between nodes."""
    return f"collab:{room_id}"


@lru_cache(maxsize=64)
def initial_update(language: str, filename: str, content: str = "") -> bytes:
    """The first update of every room: ``files[filename]`` and the ``meta`` map.

    ``content`` is the attached problem's starter code, if any. Built by a fixed client
    id from data every node reads alike, so two processes loading a new room at once
    produce the same bytes, and merging them changes nothing (no duplicate file or text).
    The same arguments always give the same bytes, so they are built once (a scratch
    document per room load was a visible share of a storm of new rooms).
    """
    doc: Doc[Any] = Doc(client_id=1)
    files: Map[Any] = doc.get("files", type=Map)
    meta: Map[Any] = doc.get("meta", type=Map)
    with doc.transaction():
        files[filename] = Text(content)
        meta["schema_version"] = SCHEMA_VERSION
        meta["languages"] = Map({filename: language})
    return doc.get_update()


class CollabRoom:
    """The live state of one room on this node.

    Args:
        room_id: the room.
        doc: its document, loaded from the store.
        updates: the process's update log writer.
        bus: the process's bus.
        awareness_timeout_s: silence after which an awareness state is dropped.
    """

    def __init__(
        self,
        room_id: str,
        doc: Doc[Any],
        *,
        updates: UpdateLog,
        bus: Bus,
        awareness_timeout_s: float = AWARENESS_TIMEOUT_S,
    ) -> None:
        self.room_id = room_id
        self.doc = doc
        self.connections: set[Connection] = set()
        self.awareness = AwarenessTable(timeout_s=awareness_timeout_s)
        self.unsaved = 0
        self.idle_since: float | None = time.monotonic()
        self._updates = updates
        self._bus = bus
        self._node = bus.node_id.encode()
        self._origin: object = None
        self._outbox: deque[bytes] = deque()
        self._outbox_wake = asyncio.Event()
        self._limits: dict[Connection, RateLimiter] = {}
        self._full_step2: bytes | None = None  # see _step2_for
        self._subscription = doc.observe(self._on_change)

    # --- clients ---

    async def serve(
        self, conn: Connection, receive: Receive, direct: DirectReceive | None = None
    ) -> None:
        """Run one client until it disconnects or is closed; ``receive`` yields frames.

        ``direct``: the server's receiver installer for this socket, if it has one. Once
        installed, binary frames arrive through ``_on_frame`` as they are parsed, and
        ``receive`` yields only the end of the connection (or a text frame).
        """
        scope = anyio.CancelScope()
        writer = _LazyWriter(conn, scope)
        try:
            with scope:
                conn.start_writer_with(writer.start)
                self._join(conn)
                installed = False
                while True:
                    installed = installed or (
                        direct is not None and direct(partial(self._on_frame, conn))
                    )
                    try:
                        if (frame := await receive()) is None:
                            break
                        self.handle(conn, frame)
                    except ProtocolError as exc:
                        self._refuse(conn, exc)
                        break
                await conn.finish(1000)
            await writer.wait()
        finally:
            conn.start_writer_with(None)
            writer.cancel()
            if direct is not None:
                direct(None)
            self._leave(conn)

    def _on_frame(self, conn: Connection, frame: bytes) -> None:
        if conn.closing:
            return
        try:
            self.handle(conn, frame)
        except ProtocolError as exc:
            self._refuse(conn, exc)

    def _refuse(self, conn: Connection, exc: ProtocolError) -> None:
        log.info("room %s: protocol error from %s: %s", self.room_id, conn.id, exc)
        conn.close(exc.close_code, "protocol error")

    def _join(self, conn: Connection) -> None:
        self.connections.add(conn)
        self.idle_since = None
        self._limits[conn] = RateLimiter(*_AWARENESS_RATE)
        conn.send_frame(sync_frame(SyncType.STEP1, self.doc.get_state()))
        if (states := self.awareness.snapshot()) is not None:
            conn.send_frame(awareness_frame(states))

    def _leave(self, conn: Connection) -> None:
        if conn.refused_updates:
            log.info(
                "room %s: refused %d updates from read-only participant %s",
                self.room_id,
                conn.refused_updates,
                conn.participant_id,
            )
        self.connections.discard(conn)
        self._limits.pop(conn, None)
        if (removal := self.awareness.remove_owner(conn)) is not None:
            self._relay_awareness(removal, origin=conn)
        if not self.connections:
            self.idle_since = time.monotonic()

    def handle(self, conn: Connection, frame: bytes) -> None:
        """Apply one client frame.

        Raises:
            ProtocolError: the frame is malformed (the caller closes the client).
        """
        if len(frame) > MAX_FRAME_BYTES:
            raise FrameTooLarge(f"frame of {len(frame)} bytes")
        kind, sub, body = parse_frame(frame)
        if kind == MSG_QUERY_AWARENESS:
            if (states := self.awareness.snapshot()) is not None:
                conn.send_frame(awareness_frame(states))
        elif kind == MSG_AWARENESS:
            self._client_awareness(conn, body)
        elif sub == SyncType.STEP1:
            conn.send_frame(self._step2_for(body))
        elif not conn.can_write:
            # Every new client answers our step 1 with an empty update: not a write.
            conn.refused_updates += body != _EMPTY_UPDATE
        else:
            self._apply(body, conn)

    def _step2_for(self, state_vector: bytes) -> bytes:
        # A new client (empty state vector) gets the whole document. Clients that join
        # together (a room opening, a reconnect storm) share one encoding of it until the
        # next change: encoding a 200 kB document costs about a millisecond each time.
        if state_vector != _EMPTY_STATE_VECTOR:
            try:
                return sync_frame(SyncType.STEP2, self.doc.get_update(state_vector))
            except ValueError as exc:
                raise ProtocolError("bad state vector") from exc
        if self._full_step2 is None:
            self._full_step2 = sync_frame(SyncType.STEP2, self.doc.get_update())
        return self._full_step2

    def _client_awareness(self, conn: Connection, update: bytes) -> None:
        if len(update) > MAX_UPDATE_BYTES:
            raise ProtocolError("awareness update too large")
        limiter = self._limits.get(conn)
        if limiter is not None and not limiter.allow() and not _only_removals(update):
            return  # clients renew their state every 15 s; a dropped move is harmless
        if (relay := self.awareness.apply(update, conn, conn.identity)) is not None:
            self._relay_awareness(relay, origin=conn)

    def relay_awareness_removal(self, update: bytes) -> None:
        """Tell every client (here and on other nodes) that some states are gone."""
        self._relay_awareness(update, origin=None)

    def _relay_awareness(self, update: bytes, *, origin: object) -> None:
        frame = awareness_frame(update)
        for other in self.connections:
            if other is not origin:
                other.send_frame(frame)
        if origin is not _REMOTE:
            self._publish(b"a" + update)

    def _apply(self, update: bytes, origin: object) -> None:
        if update == _EMPTY_UPDATE:
            return
        self._origin = origin
        try:
            self.doc.apply_update(update)
        except ValueError as exc:
            raise ProtocolError("undecodable update") from exc
        finally:
            self._origin = None

    def _on_change(self, event: TransactionEvent) -> None:
        self._full_step2 = None
        update: bytes = event.update
        origin = self._origin
        frame = sync_frame(SyncType.UPDATE, update)  # built once for every client
        for conn in self.connections:
            if conn is not origin:
                conn.send_update(update, frame)
        if origin is _REMOTE:
            return
        author = getattr(origin, "participant_id", None)
        self._updates.append(self.room_id, author, update)
        self.unsaved += 1
        self._publish(b"u" + update)

    def apply_local(self, update: bytes, *, author: str | None = None) -> None:
        """Apply a server-made update (initial content, snapshot restore) as a new edit.

        Args:
            update: the Yjs update.
            author: the participant the log records as its author.
        """
        self._apply(update, Author(author))

    def close_where(self, predicate: Callable[[Connection], bool], code: int, reason: str) -> None:
        """Close every client for which ``predicate`` holds."""
        for conn in list(self.connections):
            if predicate(conn):
                conn.close(code, reason)

    def close(self) -> None:
        """Stop observing the document: the room has unloaded (or the process is ending).

        pycrdt keeps the observer in Rust, out of the cyclic collector's sight, and the
        observer refers to the room and its document: a room that is not closed is never
        freed, with its whole document.
        """
        self.doc.unobserve(self._subscription)

    # --- bus ---

    def request_sync(self) -> None:
        """Ask other nodes for the updates this node misses (after load, and periodically)."""
        if self._bus.spans_nodes:  # else nobody would answer: skip encoding the state
            self._publish(b"q" + self.doc.get_state())

    def on_bus(self, topic: str, payload: bytes) -> None:
        """Handle one bus message for this room (collab or room-event topic)."""
        if topic == room_topic(self.room_id):
            self._room_event(payload)
            return
        origin, _, rest = payload.partition(b"|")
        if origin == self._node:
            return  # our own message, delivered back by the bus to this node's subscribers
        tag, body = rest[:1], rest[1:]
        try:
            if tag == b"u":
                self._apply(body, _REMOTE)
            elif tag == b"a":
                if (relay := self.awareness.apply(body, None)) is not None:
                    self._relay_awareness(relay, origin=_REMOTE)
            elif tag == b"q":
                diff = self.doc.get_update(body)
                if diff != _EMPTY_UPDATE:
                    self._publish(b"u" + diff)
        except (ProtocolError, ValueError):
            log.warning("room %s: bad bus message %r", self.room_id, payload[:32])

    def _room_event(self, payload: bytes) -> None:
        # Shapes from rooms/_events.py: participant events carry ``data.participant``.
        try:
            event = json.loads(payload)
            kind = event["type"]
            who = event.get("data", {}).get("participant") or {}
        except (ValueError, KeyError, TypeError, AttributeError):
            return
        if kind == "room.ended":
            self.close_where(lambda _c: True, CLOSE_FORBIDDEN, "room ended")
        elif kind == "participant.removed" and who.get("id"):
            self.close_where(lambda c: c.participant_id == who["id"], CLOSE_FORBIDDEN, "removed")
        elif kind == "participant.role_changed" and who.get("id"):
            for conn in self.connections:
                if conn.participant_id == who["id"]:
                    conn.can_write = who.get("role") != "observer"

    def _publish(self, message: bytes) -> None:
        if not self._bus.spans_nodes:
            return  # the only subscriber would be this room, which drops its own messages
        if len(self._outbox) >= _OUTBOX_MAX:
            # The bus is stuck (Redis hanging): drop the oldest; the periodic state-vector
            # exchange (request_sync) brings other nodes up to date once it recovers.
            self._outbox.popleft()
        self._outbox.append(self._node + b"|" + message)
        self._outbox_wake.set()

    async def publish_loop(self) -> None:
        """Send queued bus messages in order (never inline in the broadcast path)."""
        topic = collab_topic(self.room_id)
        while True:
            await self._outbox_wake.wait()
            self._outbox_wake.clear()
            while self._outbox:
                await self._bus.publish(topic, self._outbox.popleft())
