"""Reading and writing the activity log (``room_events``).

The recorder is handed to ``realtime.events.configure_room_events``: every sequenced
event is written here before it goes on the bus. The seed tells the room log where a
room's sequence continues after a restart.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coderoom.chat.models import RoomEvent
from coderoom.realtime.events import Recorder, RoomEnvelope
from coderoom.realtime.roomlog import RoomLog, Seed

log = logging.getLogger(__name__)

CHAT_TYPE = "chat.message"


def make_recorder(sessionmaker: async_sessionmaker[AsyncSession]) -> Recorder:
    """A recorder that writes each sequenced event as one ``room_events`` row.

    A failed write is logged, not raised: the event still reaches the clients live, and
    the publisher (often a request that already committed) must not fail because of it.
    """

    async def record(envelope: RoomEnvelope) -> None:
        row = RoomEvent(
            room_id=envelope["room_id"],
            seq=envelope["seq"] or 0,
            ts=datetime.fromtimestamp(envelope["ts"], UTC),
            type=envelope["type"],
            actor_id=envelope["actor_id"],
            audience=envelope["audience"],
            participant_id=envelope["participant_id"],
            data=envelope["data"],
        )
        try:
            async with sessionmaker() as session:
                session.add(row)
                await session.commit()
        except IntegrityError:
            # The room was deleted (its rows cascade away); nothing left to record for.
            log.info("event %s for a deleted room %s not recorded", row.type, row.room_id)
        except SQLAlchemyError:
            log.exception("event %s of room %s not recorded", row.type, row.room_id)

    return record


def make_seed(sessionmaker: async_sessionmaker[AsyncSession]) -> Seed:
    """The highest ``seq`` a room has in the activity log (where its counter continues)."""

    async def seed(room_id: str) -> int:
        async with sessionmaker() as session:
            value = await session.scalar(
                select(func.max(RoomEvent.seq)).where(RoomEvent.room_id == room_id)
            )
        return int(value or 0)

    return seed


def event_json(row: RoomEvent) -> dict[str, Any]:
    """A stored event in the socket's ``EventMessage`` shape (plus audience fields)."""
    return {
        "type": row.type,
        "seq": row.seq,
        "ts": row.ts.timestamp(),
        "actor_id": row.actor_id,
        "audience": row.audience,
        "participant_id": row.participant_id,
        "data": row.data,
    }


def chat_json(row: RoomEvent) -> dict[str, Any]:
    """A stored chat message as ``chat.history`` and ``GET .../chat`` list it."""
    return {"seq": row.seq, "ts": row.ts.timestamp(), **row.data}


async def chat_page(
    session: AsyncSession, room_id: str, *, before: int | None, limit: int
) -> tuple[list[dict[str, Any]], bool]:
    """Chat messages older than ``before`` (all when ``None``), newest ``limit`` of them.

    Returns:
        The messages oldest first, and whether older ones exist.
    """
    query = select(RoomEvent).where(RoomEvent.room_id == room_id, RoomEvent.type == CHAT_TYPE)
    if before is not None:
        query = query.where(RoomEvent.seq < before)
    rows = list(await session.scalars(_newest_first(query).limit(limit + 1)))
    has_more = len(rows) > limit
    return [chat_json(r) for r in reversed(rows[:limit])], has_more


async def recent_chat(
    session: AsyncSession, log: RoomLog, room_id: str, *, upto: int, limit: int
) -> tuple[list[dict[str, Any]], bool]:
    """The last ``limit`` chat messages with ``seq <= upto`` (the opening ``chat.history``).

    Events are recorded just before they are published, so the newest ones may still be
    on their way to the database while a client connects: those come from the room
    log's buffer, which holds every event from the moment it is numbered.

    Returns:
        The messages oldest first, and whether older ones exist.
    """
    messages, has_more = await chat_page(session, room_id, before=upto + 1, limit=limit)
    newest = messages[-1]["seq"] if messages else 0
    messages += [
        {"seq": e["seq"], "ts": e["ts"], **e["data"]}
        for e in await log.kept(room_id, newest)
        if e["type"] == CHAT_TYPE and (e["seq"] or 0) <= upto
    ]
    if len(messages) > limit:
        return messages[-limit:], True
    return messages, has_more


def _newest_first(query: Select[RoomEvent]) -> Select[RoomEvent]:
    return query.order_by(RoomEvent.seq.desc(), RoomEvent.id.desc())


async def activity_page(
    session: AsyncSession,
    room_id: str,
    *,
    after: int,
    limit: int,
    types: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Events with ``seq > after``, oldest first, at most ``limit`` (staff's activity log).

    Args:
        session: the database session.
        room_id: the room.
        after: the last ``seq`` already seen (0 for the start).
        limit: page size.
        types: only these event types, when given.
    """
    query = select(RoomEvent).where(RoomEvent.room_id == room_id, RoomEvent.seq > after)
    if types:
        query = query.where(RoomEvent.type.in_(types))
    rows = await session.scalars(query.order_by(RoomEvent.seq, RoomEvent.id).limit(limit))
    return [event_json(r) for r in rows]
