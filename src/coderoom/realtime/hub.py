"""The per-node hub: one bus subscription per room, fanned out to local connections in order.

A room's *feed* exists while at least one local client is in the room. It reads the
room's bus topic and hands each envelope to every client, in ``seq`` order with no gap:

- a ``seq`` at or below the last delivered one is a duplicate (or was already filled in)
  and is dropped;
- a ``seq`` beyond the next expected one means the bus reordered or lost something (Redis
  pub/sub from several nodes may do both); the feed fetches the missing events from the
  room log, which holds every ``seq`` before any published one (see ``roomlog``);
- if the log no longer has them, every client is told to resync.

Ephemeral envelopes (``seq is None``) are handed over as they come. Clients filter by
audience themselves: the hub knows nothing about roles.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from dataclasses import dataclass, field
from typing import Protocol, cast

from coderoom.core.errors import Unavailable
from coderoom.realtime.bus import Bus
from coderoom.realtime.events import RoomEnvelope, room_topic
from coderoom.realtime.roomlog import RoomLog

log = logging.getLogger(__name__)

_READY_TIMEOUT_S = 10.0


class HubClient(Protocol):
    """A local consumer of a room's events (one events-socket connection)."""

    def deliver(self, envelope: RoomEnvelope) -> None:
        """Take one envelope; must not block (queue it)."""
        ...

    def resync(self, head: int) -> None:
        """Some events up to ``head`` are lost for good: the client must refetch state."""
        ...

    def feed_lost(self) -> None:
        """The room's feed stopped (bus failure): the client should reconnect."""
        ...


@dataclass(eq=False)
class _Feed:
    room_id: str
    clients: set[HubClient] = field(default_factory=set)
    last_seq: int = 0
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    task: asyncio.Task[None] | None = None
    failed: bool = False


class Hub:
    """This node's registry of rooms with local clients.

    Args:
        bus: the process's bus.
        log: the room log (gap filling and the starting ``seq``).
    """

    def __init__(self, bus: Bus, log: RoomLog) -> None:
        self._bus = bus
        self._log = log
        self._feeds: dict[str, _Feed] = {}

    async def join(self, room_id: str, client: HubClient) -> int:
        """Start delivering ``room_id``'s events to ``client``.

        Returns:
            The room's last ``seq`` at this moment: every later event reaches ``client``
            through ``deliver``; earlier ones come from ``RoomLog.since`` if needed.

        Raises:
            Unavailable: the room's feed could not subscribe to the bus.
        """
        feed = self._feeds.get(room_id)
        if feed is None:
            feed = self._feeds[room_id] = _Feed(room_id)
            feed.task = asyncio.get_running_loop().create_task(
                self._run(feed), name=f"hub-feed-{room_id}"
            )
        try:
            async with asyncio.timeout(_READY_TIMEOUT_S):
                await feed.ready.wait()
        except TimeoutError:
            if not feed.clients and feed.task is not None:
                feed.task.cancel()  # its ``finally`` drops the feed
            raise Unavailable("The room's event feed did not start.") from None
        if feed.failed:
            raise Unavailable("The room's event feed is unavailable.")
        # No await between reading last_seq and adding the client: nothing slips between.
        feed.clients.add(client)
        return feed.last_seq

    def leave(self, room_id: str, client: HubClient) -> None:
        """Stop delivering to ``client``; the feed stops when its last client leaves."""
        feed = self._feeds.get(room_id)
        if feed is None:
            return
        feed.clients.discard(client)
        if not feed.clients and feed.ready.is_set():
            del self._feeds[room_id]
            if feed.task is not None:
                feed.task.cancel()

    def rooms(self) -> int:
        """How many rooms have a live feed on this node."""
        return len(self._feeds)

    async def aclose(self) -> None:
        """Stop every feed (shutdown)."""
        feeds = list(self._feeds.values())
        self._feeds.clear()
        tasks = [f.task for f in feeds if f.task is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self, feed: _Feed) -> None:
        try:
            async with self._bus.subscribe(room_topic(feed.room_id)) as sub:
                # Subscribed first, then read the head: an event published in between is
                # both counted in the head and queued in ``sub``, and dropped as a duplicate.
                feed.last_seq = await self._log.head(feed.room_id)
                feed.ready.set()
                async for _topic, payload in sub:
                    await self._handle(feed, payload)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("event feed of room %s failed", feed.room_id)
        finally:
            self._stop(feed)

    def _stop(self, feed: _Feed) -> None:
        feed.failed = True
        feed.ready.set()
        if self._feeds.get(feed.room_id) is feed:
            del self._feeds[feed.room_id]
        for client in list(feed.clients):
            client.feed_lost()
        feed.clients.clear()

    async def _handle(self, feed: _Feed, payload: bytes) -> None:
        try:
            envelope = cast(RoomEnvelope, json.loads(payload))
            seq = envelope["seq"]
        except (ValueError, KeyError, TypeError):
            log.warning("malformed envelope on room %s dropped", feed.room_id)
            return
        if seq is None:
            self._fan_out(feed, envelope)
            return
        if seq <= feed.last_seq:
            return
        if seq > feed.last_seq + 1:
            await self._fill_gap(feed, seq)
            if seq <= feed.last_seq:
                return
        feed.last_seq = seq
        self._fan_out(feed, envelope)

    async def _fill_gap(self, feed: _Feed, seq: int) -> None:
        missing = await self._log.since(feed.room_id, feed.last_seq)
        if missing is None:
            log.warning("room %s: events before %d are gone; clients resync", feed.room_id, seq)
            for client in list(feed.clients):
                client.resync(seq - 1)
            feed.last_seq = seq - 1
            return
        for envelope in missing:
            envelope_seq = envelope["seq"] or 0
            if envelope_seq >= seq:
                break  # the triggering event and newer ones arrive through the bus
            feed.last_seq = envelope_seq
            self._fan_out(feed, envelope)

    @staticmethod
    def _fan_out(feed: _Feed, envelope: RoomEnvelope) -> None:
        for client in list(feed.clients):
            client.deliver(envelope)
