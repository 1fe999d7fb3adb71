"""Notes and scorecard tables: one row per author (a staff participant) per room."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from coderoom.core.clock import utcnow
from coderoom.core.ids import new_id
from coderoom.storage.db import Base
from coderoom.storage.types import UTCDateTime


class _AuthorRow:
    """Columns shared by the per-author tables: one row per staff participant per room."""

    @declared_attr.directive
    @classmethod
    def __table_args__(cls) -> tuple[UniqueConstraint]:
        # A method, not a plain tuple: a constraint object belongs to exactly one table.
        return (UniqueConstraint("room_id", "participant_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    room_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("rooms.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("participants.id", ondelete="CASCADE")
    )


class InterviewNote(_AuthorRow, Base):
    """An interviewer's Markdown notes on a room.

    ``private``: only the author may read them; otherwise the room's other staff may
    read them too (never edit). The author is a participant record, so a guest promoted
    to interviewer can keep notes as well.
    """

    __tablename__ = "interview_notes"

    body: Mapped[str] = mapped_column(Text, default="")
    private: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Scorecard(_AuthorRow, Base):
    """An interviewer's ratings of the candidate; ``submitted_at`` set means final."""

    __tablename__ = "scorecards"

    ratings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    overall: Mapped[str | None] = mapped_column(String(16), default=None)
    comment: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
