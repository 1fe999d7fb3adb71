"""Room events: the one way every domain tells a room's clients that something happened.

``publish_room_event`` gives the event the room's next sequence number, keeps it in the
room's resume buffer (``roomlog``), records it in the activity log (when a recorder is
configured) and puts it on the bus topic ``room:{room_id}:events``; the events socket
(``coderoom.chat``) on every node delivers it to the clients whose audience matches.
Call it only after the database commit that made the event true.

``publish_ephemeral`` carries what must never be replayed (typing, WebRTC signalling):
no sequence number, no buffer, no record.

Which log and recorder belong to a bus is set once per process by
``configure_room_events`` (the app's lifespan does it); a bus nobody configured gets an
in-process log, so a bare ``InMemoryBus`` in a unit test still works.
"""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal, TypedDict, Unpack
from weakref import WeakKeyDictionary

from coderoom.realtime.bus import Bus
from coderoom.realtime.roomlog import MemoryRoomLog, RoomLog

Audience = Literal["all", "staff", "participant"]


class RoomEnvelope(TypedDict):
    """Wire shape of a room event on the bus (JSON). Keep in sync with docs/protocol.md.

    ``seq`` is ``None`` for ephemeral messages, else the room's sequence number.
    ``actor_id`` is the participant who caused the event, when there is one.
    """

    type: str
    room_id: str
    origin_node: str
    ts: float
    audience: Audience
    participant_id: str | None
    actor_id: str | None
    seq: int | None
    data: dict[str, Any]


Recorder = Callable[[RoomEnvelope], Awaitable[None]]


@dataclass
class _Config:
    log: RoomLog
    recorder: Recorder | None


_configs: WeakKeyDictionary[Bus, _Config] = WeakKeyDictionary()


def room_topic(room_id: str) -> str:
    """The bus topic carrying a room's events."""
    return f"room:{room_id}:events"


def configure_room_events(bus: Bus, log: RoomLog, recorder: Recorder | None = None) -> None:
    """Bind the sequence/resume ``log`` and the activity ``recorder`` to ``bus``.

    Args:
        bus: the process's bus.
        log: assigns sequence numbers and keeps the resume buffer.
        recorder: persists sequenced events (the activity log), or ``None``.
    """
    _configs[bus] = _Config(log=log, recorder=recorder)


def _config(bus: Bus) -> _Config:
    config = _configs.get(bus)
    if config is None:
        config = _configs[bus] = _Config(log=MemoryRoomLog(), recorder=None)
    return config


class Addressing(TypedDict, total=False):
    """Who an event is for and who caused it: the keyword arguments of both publishers.

    ``audience``: ``"all"`` admitted participants (the default), ``"staff"`` host and
    interviewers only, ``"participant"`` only ``participant_id`` (even while waiting).
    ``participant_id``: the addressee when ``audience == "participant"``.
    ``actor_id``: the participant who caused the event, if any (activity log).
    """

    audience: Audience
    participant_id: str | None
    actor_id: str | None


def _envelope(
    bus: Bus,
    room_id: str,
    event_type: str,
    data: dict[str, Any],
    *,
    audience: Audience = "all",
    participant_id: str | None = None,
    actor_id: str | None = None,
) -> RoomEnvelope:
    return {
        "type": event_type,
        "room_id": room_id,
        "origin_node": bus.node_id,
        "ts": time.time(),
        "audience": audience,
        "participant_id": participant_id,
        "actor_id": actor_id,
        "seq": None,
        "data": data,
    }


async def publish_room_event(
    bus: Bus,
    room_id: str,
    event_type: str,
    data: dict[str, Any],
    **to: Unpack[Addressing],
) -> RoomEnvelope:
    """Publish a sequenced event to a room.

    Args:
        bus: the process's bus.
        room_id: the room.
        event_type: the message ``type`` clients see, e.g. ``"run.finished"``.
        data: JSON-serialisable payload.
        **to: ``audience``, ``participant_id``, ``actor_id`` (see ``Addressing``).

    Returns:
        The envelope as published, with its ``seq``.
    """
    config = _config(bus)
    envelope = _envelope(bus, room_id, event_type, data, **to)
    stored = await config.log.append(room_id, envelope)
    if config.recorder is not None:
        await config.recorder(stored)
    await bus.publish(room_topic(room_id), json.dumps(stored).encode())
    return stored


async def publish_ephemeral(
    bus: Bus,
    room_id: str,
    event_type: str,
    data: dict[str, Any],
    **to: Unpack[Addressing],
) -> None:
    """Publish a message that is delivered live only: no ``seq``, never replayed or stored.

    Args: as for ``publish_room_event``.
    """
    envelope = _envelope(bus, room_id, event_type, data, **to)
    await bus.publish(room_topic(room_id), json.dumps(envelope).encode())
