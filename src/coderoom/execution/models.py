"""Execution tables: every run, who started it, and its verdict (replay reads these)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from coderoom.core.ids import new_id
from coderoom.storage.db import Base
from coderoom.storage.types import UTCDateTime


class ExecutionRun(Base):
    """One finished run: who, when, what (language + code hash), verdict and measurements.

    The code itself is not kept (the room's document log has it); stdout and stderr are kept
    up to ``service.STORED_OUTPUT_CHARS`` so a late joiner sees the last result.
    """

    __tablename__ = "execution_runs"
    __table_args__ = (Index("ix_execution_runs_room_finished", "room_id", "finished_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    room_id: Mapped[str | None] = mapped_column(
        String(64), ForeignKey("rooms.id", ondelete="CASCADE"), default=None
    )
    subject: Mapped[str] = mapped_column(String(64))
    principal_kind: Mapped[str] = mapped_column(String(8))
    user_id: Mapped[str | None] = mapped_column(String(36), default=None, index=True)
    participant_id: Mapped[str | None] = mapped_column(String(36), default=None)
    display_name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(32))
    code_sha256: Mapped[str] = mapped_column(String(64))
    code_bytes: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    exit_code: Mapped[int | None] = mapped_column(Integer, default=None)
    signal: Mapped[int | None] = mapped_column(Integer, default=None)
    time_ms: Mapped[int] = mapped_column(Integer)
    cpu_ms: Mapped[int] = mapped_column(Integer)
    memory_kb: Mapped[int] = mapped_column(Integer)
    stdout: Mapped[str] = mapped_column(Text)
    stderr: Mapped[str] = mapped_column(Text)
    stdout_truncated: Mapped[bool] = mapped_column(Boolean)
    stderr_truncated: Mapped[bool] = mapped_column(Boolean)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime] = mapped_column(UTCDateTime())
