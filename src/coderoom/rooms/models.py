"""Room tables: rooms and the people in them."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from coderoom.core.clock import utcnow
from coderoom.core.ids import new_id, new_token
from coderoom.storage.db import Base
from coderoom.storage.types import UTCDateTime

RoomStatus = Literal["active", "ended"]
Role = Literal["host", "interviewer", "candidate", "observer"]
ParticipantStatus = Literal["waiting", "admitted", "rejected", "removed", "left"]


class Room(Base):
    """A room. ``id`` and ``invite_code`` are 128-bit random tokens (they gate access).

    Other domains' rows that belong to a room reference ``rooms.id`` with
    ``ondelete="CASCADE"``, so deleting a room removes everything it owns.
    """

    __tablename__ = "rooms"

    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=new_token)
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="active")
    auto_admit: Mapped[bool] = mapped_column(Boolean, default=False)
    proctoring_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    problem_id: Mapped[str | None] = mapped_column(String(64), default=None)
    password_hash: Mapped[str | None] = mapped_column(Text, default=None)
    host_user_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    invite_code: Mapped[str] = mapped_column(String(64), unique=True, default=new_token)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class Participant(Base):
    """Someone's place in a room: an account (``user_id``) or a guest (``user_id`` null)."""

    __tablename__ = "participants"
    # NULLs are distinct in a unique constraint on both backends, so guests are not limited.
    __table_args__ = (UniqueConstraint("room_id", "user_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    room_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("rooms.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("users.id", ondelete="CASCADE"), index=True, default=None
    )
    display_name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    color: Mapped[str] = mapped_column(String(7))
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
