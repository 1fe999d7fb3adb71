"""One client's socket: an ordered send queue drained by a single writer task.

The room never awaits a client. Where the server offers a direct writer (see
``coderoom.realtime.websocket``) and nothing is queued, a frame is written to the socket at
once; otherwise it is queued here (``send_update``/``send_frame``) and the writer task
sends the queue in order. The writer task starts only when something is queued or the
connection is closed from outside (``start_writer_with``): with direct writes most
connections never need one, and starting a task per connection was a measurable share
of a reconnect storm's CPU. When a client falls behind, the doc updates waiting
next to each other are merged into one update, so a slow reader costs one frame per
drain, not one per edit. A client that stays too far behind is closed (it reconnects and
resyncs, which is cheaper than an unbounded queue).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections import deque
from collections.abc import Callable, Mapping
from typing import Protocol

from pycrdt import merge_updates

from coderoom.collab.protocol import SyncType, sync_frame
from coderoom.realtime.websocket import DirectSend

log = logging.getLogger(__name__)

MAX_PENDING_BYTES = 32 * 1024 * 1024
SEND_TIMEOUT_S = 10.0
CLOSE_GOING_AWAY = 1001
CLOSE_TRY_AGAIN = 1013
# Connection ids only name a connection in this process's logs: a counter, not a uuid4
# (an os.urandom call per connect).
_ids = itertools.count(1)


def _no_direct_send(_frame: bytes) -> bool:
    return False


class Socket(Protocol):
    """What a connection needs from its transport (Starlette's WebSocket fits)."""

    async def send_bytes(self, data: bytes) -> None:
        """Send one binary frame."""
        ...

    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        """Close the socket with ``code``."""
        ...


class Connection:
    """A client of a room.

    Args:
        socket: the transport.
        participant_id: who is typing (the update log's author), None for system clients.
        can_write: False for observers: their doc updates are refused.
        direct: the server's direct frame writer for this socket, if it has one.
        identity: what this client's awareness ``user`` must say (name, colour,
            participant id); None for system clients.
    """

    def __init__(
        self,
        socket: Socket,
        *,
        participant_id: str | None,
        can_write: bool,
        direct: DirectSend | None = None,
        identity: Mapping[str, str] | None = None,
    ) -> None:
        self.id = f"c{next(_ids)}"
        self.identity = identity
        self.socket = socket
        self._direct = direct or _no_direct_send
        self._sending = False  # the writer holds drained frames not yet sent
        self.participant_id = participant_id
        self.can_write = can_write
        self.refused_updates = 0
        self._queue: deque[tuple[bool, bytes]] = deque()
        self._pending_bytes = 0
        self._wake = asyncio.Event()
        self._close: tuple[int, str] | None = None
        self._spawn_writer: Callable[[], object] | None = None
        self._writer_started = False

    def start_writer_with(self, spawn: Callable[[], object] | None) -> None:
        """Let the connection start its writer (``write_loop``) itself, when first needed.

        ``spawn`` starts a task that runs ``write_loop``; None detaches it. Without one,
        the owner runs ``write_loop`` from the start.
        """
        self._spawn_writer = spawn

    async def finish(self, code: int) -> None:
        """End the connection from its own task with ``code``.

        With a running writer this is ``close``; the writer closes the socket after
        what it holds. Without one nothing was queued: the socket is closed here.
        """
        if self._writer_started or self._spawn_writer is None:
            self.close(code)
            return
        if self._close is None:
            self._close = (code, "")
        try:
            async with asyncio.timeout(SEND_TIMEOUT_S):
                await self.socket.close(*self._close)
        except Exception as exc:  # noqa: BLE001 - a dead socket is a normal end here
            log.debug("client %s close failed: %r", self.id, exc)

    def _wake_writer(self) -> None:
        self._wake.set()
        if not self._writer_started and self._spawn_writer is not None:
            self._writer_started = True
            self._spawn_writer()

    def send_update(self, update: bytes, frame: bytes | None = None) -> None:
        """Send a doc update, or queue it when the client lags (merged with its neighbours).

        ``frame`` is its ready update frame, when the caller built one for many clients.
        """
        if not self._send_now(frame or sync_frame(SyncType.UPDATE, update)):
            self._push(True, update)

    def send_frame(self, frame: bytes) -> None:
        """Send a ready protocol frame (sync step 2, awareness), or queue it."""
        if not self._send_now(frame):
            self._push(False, frame)

    def _send_now(self, frame: bytes) -> bool:
        # Only when nothing is queued or in the writer's hands, so frames stay in order.
        if self._queue or self._sending or self._close is not None:
            return False
        return self._direct(frame)

    def close(self, code: int, reason: str = "") -> None:
        """Close after nothing more is sent: the writer closes the socket and stops."""
        if self._close is None:
            self._close = (code, reason)
            self._queue.clear()
            self._wake_writer()

    @property
    def closing(self) -> bool:
        """Whether ``close`` was called."""
        return self._close is not None

    def _push(self, is_update: bool, data: bytes) -> None:
        if self._close is not None:
            return
        self._queue.append((is_update, data))
        self._pending_bytes += len(data)
        if self._pending_bytes > MAX_PENDING_BYTES:
            log.warning("client %s is %d bytes behind; closing", self.id, self._pending_bytes)
            self.close(CLOSE_TRY_AGAIN, "too far behind")
        self._wake_writer()

    async def write_loop(self) -> None:
        """Send queued frames in order until ``close``; then close the socket."""
        while self._close is None:
            await self._wake.wait()
            self._wake.clear()
            # One deadline per drain of what is queued now (a few frames, as neighbouring
            # updates are merged), not per frame: arming a timer per send was a measurable
            # share of the CPU. What arrives meanwhile waits for the next drain.
            frames = self._drain()
            self._sending = True
            try:
                async with asyncio.timeout(SEND_TIMEOUT_S):
                    for frame in frames:
                        if self.closing:  # close() was called while we were sending
                            break
                        await self.socket.send_bytes(frame)
            finally:
                self._sending = False
        code, reason = self._close
        async with asyncio.timeout(SEND_TIMEOUT_S):
            await self.socket.close(code, reason)

    def _drain(self) -> list[bytes]:
        frames = []
        while self._queue:
            frames.append(self._next_frame())
        return frames

    def _next_frame(self) -> bytes:
        is_update, data = self._queue.popleft()
        self._pending_bytes -= len(data)
        if not is_update:
            return data
        updates = [data]
        while self._queue and self._queue[0][0]:
            updates.append(self._queue.popleft()[1])
            self._pending_bytes -= len(updates[-1])
        merged = updates[0] if len(updates) == 1 else merge_updates(*updates)
        return sync_frame(SyncType.UPDATE, merged)
