"""The room activity log: every sequenced room event, for history, resume and replay."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from coderoom.storage.db import Base
from coderoom.storage.types import UTCDateTime

# SQLite only autoincrements an INTEGER PRIMARY KEY.
_BIG_ID = BigInteger().with_variant(Integer(), "sqlite")


class RoomEvent(Base):
    """One room event as it was published (chat messages, joins, runs, proctoring...).

    ``seq`` is the room's event sequence number (see ``realtime.roomlog``); ``audience``
    and ``participant_id`` say who may read it, exactly as on the socket.
    """

    __tablename__ = "room_events"
    __table_args__ = (
        Index("ix_room_events_room_seq", "room_id", "seq"),
        Index("ix_room_events_room_type_seq", "room_id", "type", "seq"),
    )

    id: Mapped[int] = mapped_column(_BIG_ID, primary_key=True, autoincrement=True)
    room_id: Mapped[str] = mapped_column(String(64), ForeignKey("rooms.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(BigInteger)
    ts: Mapped[datetime] = mapped_column(UTCDateTime())
    type: Mapped[str] = mapped_column(String(64))
    actor_id: Mapped[str | None] = mapped_column(String(36), default=None)
    audience: Mapped[str] = mapped_column(String(16))
    participant_id: Mapped[str | None] = mapped_column(String(36), default=None)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
