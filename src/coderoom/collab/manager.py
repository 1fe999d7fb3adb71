"""RoomManager: loads rooms on first connect, keeps them while used, unloads them when idle.

A room loads once even when many clients join at the same moment: the first caller
starts the load as a task of the manager and every caller waits on the same future
(with a timeout, so nobody hangs on a stuck database). One maintenance loop sweeps
silent awareness states, writes checkpoints and unloads idle rooms (after flushing).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, closing
from dataclasses import dataclass
from typing import Any

import anyio
from anyio.abc import TaskGroup
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coderoom.collab.awareness import TIMEOUT_S as AWARENESS_TIMEOUT_S
from coderoom.collab.connection import CLOSE_GOING_AWAY
from coderoom.collab.room import CollabRoom, collab_topic, initial_update
from coderoom.collab.store import UpdateLog, load_doc, write_checkpoint
from coderoom.core.errors import Unavailable
from coderoom.realtime.bus import Bus
from coderoom.realtime.events import room_topic
from coderoom.storage.inline import InlineWriter
from coderoom.storage.reads import Reads, SessionReads

log = logging.getLogger(__name__)

LOAD_TIMEOUT_S = 30.0


@dataclass(frozen=True, slots=True)
class RoomDefaults:
    """What a brand-new room's document starts with."""

    language: str
    filename: str
    content: str = ""


# Reading the defaults can cost a query (a room's problem); a loader is called only when
# the room turns out to be new, with the load's own session.
DefaultsLoader = Callable[[AsyncSession], Awaitable[RoomDefaults]]


@dataclass(slots=True)
class ManagerConfig:
    """Tunables (tests shorten them)."""

    flush_interval_s: float = 0.05
    idle_unload_s: float = 30.0
    checkpoint_every: int = 500
    # An idle room unloads without a checkpoint while its next load would replay fewer
    # updates than this (a few ms); most unloaded rooms are never loaded again, and a
    # checkpoint costs about 2 ms of the loop: 500 rooms going idle together were a second.
    unload_checkpoint_from: int = 100
    maintenance_s: float = 1.0
    resync_s: float = 10.0
    awareness_timeout_s: float = AWARENESS_TIMEOUT_S


class RoomManager:
    """Every loaded room of this process.

    Args:
        sessionmaker: the app's session factory.
        bus: the process's bus.
        config: tunables.
        reads: the app's hot-path reads, for room loads (else a session per read).
        writer: the app's inline SQLite writer for the update log, if it has one.
    """

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        bus: Bus,
        config: ManagerConfig | None = None,
        *,
        reads: Reads | None = None,
        writer: InlineWriter | None = None,
    ) -> None:
        self.config = config or ManagerConfig()
        self.updates = UpdateLog(
            sessionmaker, interval_s=self.config.flush_interval_s, writer=writer
        )
        self._sessionmaker = sessionmaker
        self.reads = reads or SessionReads(sessionmaker)
        self._bus = bus
        self._rooms: dict[str, asyncio.Future[CollabRoom]] = {}
        self._scopes: dict[str, anyio.CancelScope] = {}
        self._tg: TaskGroup | None = None

    @asynccontextmanager
    async def running(self) -> AsyncIterator[RoomManager]:
        """Run the writer and maintenance loops; on exit close clients (1001) and flush."""
        async with anyio.create_task_group() as tg:
            self._tg = tg
            tg.start_soon(self.updates.run)
            tg.start_soon(self._maintain)
            try:
                yield self
            finally:
                await self._shutdown()
                tg.cancel_scope.cancel()

    def loaded(self, room_id: str) -> CollabRoom | None:
        """The room if it is loaded on this node."""
        future = self._rooms.get(room_id)
        if future is None or not future.done() or future.exception() is not None:
            return None
        return future.result()

    async def acquire(self, room_id: str, defaults: RoomDefaults | DefaultsLoader) -> CollabRoom:
        """The loaded room, loading it first if needed (once, however many callers).

        ``defaults`` is what a brand-new room's document starts with, or a loader of it.

        Raises:
            Unavailable: the room could not be loaded in time.
        """
        if (room := self.loaded(room_id)) is not None:
            return room  # most connects: no deadline and no shield (a timer, a future) to arm
        future = self._rooms.get(room_id)
        if future is None:
            future = asyncio.get_running_loop().create_future()
            self._rooms[room_id] = future
            assert self._tg is not None  # noqa: S101 - acquire runs inside running()
            self._tg.start_soon(self._run_room, room_id, defaults, future)
        try:
            async with asyncio.timeout(LOAD_TIMEOUT_S):
                return await asyncio.shield(future)
        except (TimeoutError, asyncio.CancelledError, Exception) as exc:
            if isinstance(exc, asyncio.CancelledError) and not future.cancelled():
                raise  # our caller was cancelled, not the load
            raise Unavailable("the room's document is not available right now") from exc

    async def _run_room(
        self,
        room_id: str,
        defaults: RoomDefaults | DefaultsLoader,
        future: asyncio.Future[CollabRoom],
    ) -> None:
        with anyio.CancelScope() as scope:
            self._scopes[room_id] = scope
            try:
                async with self._bus.subscribe(collab_topic(room_id), room_topic(room_id)) as sub:
                    with closing(await self._load(room_id, defaults)) as room:
                        future.set_result(room)
                        async with anyio.create_task_group() as tg:
                            if self._bus.spans_nodes:  # else nothing is published
                                tg.start_soon(room.publish_loop)
                            room.request_sync()
                            async for topic, payload in sub:
                                room.on_bus(topic, payload)
            except Exception as exc:
                log.exception("room %s failed", room_id)
                if not future.done():
                    future.set_exception(exc)
            finally:
                if self._rooms.get(room_id) is future:
                    del self._rooms[room_id]
                # A room reloaded while this task was ending has a new scope: keep it.
                if self._scopes.get(room_id) is scope:
                    del self._scopes[room_id]
                if not future.done():
                    future.cancel()

    async def _load(self, room_id: str, defaults: RoomDefaults | DefaultsLoader) -> CollabRoom:
        doc, last_seq, tail = await load_doc(self.reads, room_id)
        if last_seq == 0 and not isinstance(defaults, RoomDefaults):
            async with self._sessionmaker() as session:
                defaults = await defaults(session)
        room = CollabRoom(
            room_id,
            doc,
            updates=self.updates,
            bus=self._bus,
            awareness_timeout_s=self.config.awareness_timeout_s,
        )
        # The replayed tail counts as unsaved: rooms that unload without a checkpoint
        # still get one once their tail reaches ``checkpoint_every``.
        room.unsaved = tail
        if last_seq == 0:
            assert isinstance(defaults, RoomDefaults)  # noqa: S101 - resolved above
            room.apply_local(initial_update(defaults.language, defaults.filename, defaults.content))
        # DEBUG: at INFO, this line per load was a fifth of a new room's load CPU.
        log.debug("room %s loaded (log up to seq %d)", room_id, last_seq)
        return room

    async def checkpoint(self, room: CollabRoom) -> None:
        """Flush the log, then store the room's merged state."""
        await self.updates.flush()
        unsaved = room.unsaved
        async with self._sessionmaker() as session, session.begin():
            await write_checkpoint(session, room.room_id, room.doc)
        room.unsaved -= unsaved

    async def _maintain(self) -> None:
        last_resync = time.monotonic()
        while True:
            await anyio.sleep(self.config.maintenance_s)
            resync = time.monotonic() - last_resync >= self.config.resync_s
            if resync:
                last_resync = time.monotonic()
            for room_id in list(self._rooms):
                try:
                    await self._maintain_room(room_id, resync=resync)
                except Exception:
                    log.exception("maintenance of room %s failed", room_id)
                # Let live rooms' traffic through between rooms: a pass over hundreds of
                # rooms going idle together held the loop for tens of ms.
                await asyncio.sleep(0)

    async def _maintain_room(self, room_id: str, *, resync: bool) -> None:
        room = self.loaded(room_id)
        if room is None:
            return
        if (removal := room.awareness.sweep()) is not None:
            room.relay_awareness_removal(removal)
        if resync:
            room.request_sync()  # heals bus messages lost while Redis was away
        if room.unsaved >= self.config.checkpoint_every:
            await self.checkpoint(room)
        idle = room.idle_since
        if idle is not None and time.monotonic() - idle >= self.config.idle_unload_s:
            await self._unload(room)

    async def _unload(self, room: CollabRoom) -> None:
        if room.unsaved >= self.config.unload_checkpoint_from:
            await self.checkpoint(room)
        else:
            await self.updates.flush()
        if room.connections:
            return  # someone joined while we were writing: keep it (the log has any edit)
        self._rooms.pop(room.room_id, None)
        if (scope := self._scopes.get(room.room_id)) is not None:
            scope.cancel()
        log.info("room %s unloaded", room.room_id)

    async def _shutdown(self) -> None:
        rooms = [r for r in map(self.loaded, list(self._rooms)) if r is not None]
        for room in rooms:
            room.close_where(lambda _c: True, CLOSE_GOING_AWAY, "server shutting down")
        with anyio.move_on_after(10, shield=True):
            for room in rooms:
                if room.unsaved:
                    await self.checkpoint(room)
            await self.updates.flush()
        log.info("update log commit delay (s): %s", self.updates.delay_stats())


@asynccontextmanager
async def room_manager_component(
    _settings: Any, state: dict[str, Any]
) -> AsyncIterator[dict[str, Any]]:
    """App lifespan component: the process's ``RoomManager`` (after the database and bus)."""
    manager = RoomManager(
        state["sessionmaker"],
        state["bus"],
        reads=state["reads"],
        writer=state["inline_writer"],
    )
    async with manager.running():
        yield {"room_manager": manager}
