"""Problem tables: problems, their test cases, and submissions made in rooms."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

# The tables our foreign keys point at must be in the metadata in every process, not
# only in the web app (``coderoom seed`` imports nothing else).
from coderoom.auth import models as auth_models  # noqa: F401
from coderoom.core.clock import utcnow
from coderoom.core.ids import new_id
from coderoom.rooms import models as rooms_models  # noqa: F401
from coderoom.storage.db import Base
from coderoom.storage.types import UTCDateTime


class Problem(Base):
    """An interview problem. Built-in ones (``builtin``) have no owner and are read-only.

    ``tags`` and ``languages`` are stored as ``,a,b,`` so that filtering is a portable
    ``LIKE '%,a,%'`` on SQLite and PostgreSQL alike; ``languages`` mirrors the keys of
    ``starter_code`` (the service keeps them in sync).
    """

    __tablename__ = "problems"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    difficulty: Mapped[str] = mapped_column(String(16), index=True)
    tags: Mapped[str] = mapped_column(String(600), default=",")
    languages: Mapped[str] = mapped_column(String(300), default=",")
    statement: Mapped[str] = mapped_column(Text)
    starter_code: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    solutions: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    time_limit_s: Mapped[float | None] = mapped_column(Float, default=None)
    memory_mb: Mapped[int | None] = mapped_column(Integer, default=None)
    comparator: Mapped[str] = mapped_column(String(32), default="whitespace")
    float_tolerance: Mapped[float | None] = mapped_column(Float, default=None)
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    owner_user_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("users.id", ondelete="CASCADE"), index=True, default=None
    )
    version: Mapped[int] = mapped_column(Integer, default=1)
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class TestCase(Base):
    """One test of a problem: stdin, expected stdout, sample (public) or hidden, weight."""

    __tablename__ = "problem_tests"
    __table_args__ = (UniqueConstraint("problem_id", "position"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    problem_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("problems.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    stdin: Mapped[str] = mapped_column(Text)
    expected_stdout: Mapped[str] = mapped_column(Text)
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    weight: Mapped[int] = mapped_column(Integer, default=1)


class ProblemVersion(Base):
    """A problem's content as it was before an edit, so its owner can look back.

    ``snapshot`` holds the editable fields and the tests (the keys of
    ``service.snapshot``); ``created_at`` is when that version came to be.
    """

    __tablename__ = "problem_versions"
    __table_args__ = (UniqueConstraint("problem_id", "version"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    problem_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("problems.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Submission(Base):
    """A graded attempt at a room's problem. ``results`` holds one dict per test."""

    __tablename__ = "submissions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    room_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("rooms.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    problem_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("problems.id", ondelete="SET NULL"), index=True, default=None
    )
    problem_version: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(32))
    code: Mapped[str] = mapped_column(Text)
    verdict: Mapped[str] = mapped_column(String(32))
    score: Mapped[float] = mapped_column(Float)
    passed: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    hidden_passed: Mapped[int] = mapped_column(Integer)
    hidden_total: Mapped[int] = mapped_column(Integer)
    time_ms: Mapped[int] = mapped_column(Integer)
    memory_kb: Mapped[int] = mapped_column(Integer)
    compile_output: Mapped[str] = mapped_column(Text, default="")
    results: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
