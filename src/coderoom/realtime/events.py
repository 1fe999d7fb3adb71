"""Room events: the one way every domain tells a room's clients that something happened.

``publish_room_event`` puts a typed envelope on the bus topic ``room:{room_id}:events``;
the events socket (``coderoom.chat``) on every node delivers it to the clients whose
audience matches. Call it only after the database commit that made the event true.
"""

from __future__ import annotations

import json
import time
from typing import Any, Literal, TypedDict

from coderoom.realtime.bus import Bus

Audience = Literal["all", "staff", "participant"]


class RoomEnvelope(TypedDict):
    """Wire shape of a room event on the bus (JSON). Keep in sync with docs/protocol.md."""

    type: str
    room_id: str
    origin_node: str
    ts: float
    audience: Audience
    participant_id: str | None
    data: dict[str, Any]


def room_topic(room_id: str) -> str:
    """The bus topic carrying a room's events."""
    return f"room:{room_id}:events"


async def publish_room_event(
    bus: Bus,
    room_id: str,
    event_type: str,
    data: dict[str, Any],
    *,
    audience: Audience = "all",
    participant_id: str | None = None,
) -> None:
    """Publish an event to a room.

    Args:
        bus: the process's bus.
        room_id: the room.
        event_type: the message ``type`` clients see, e.g. ``"run.finished"``.
        data: JSON-serialisable payload.
        audience: ``"all"`` admitted participants, ``"staff"`` host and interviewers only,
            ``"participant"`` only ``participant_id`` (even while waiting).
        participant_id: the addressee when ``audience == "participant"``.
    """
    envelope: RoomEnvelope = {
        "type": event_type,
        "room_id": room_id,
        "origin_node": bus.node_id,
        "ts": time.time(),
        "audience": audience,
        "participant_id": participant_id,
        "data": data,
    }
    await bus.publish(room_topic(room_id), json.dumps(envelope).encode())
