"""Collab tables: the append-only update log, load checkpoints and named snapshots.

``room_id`` carries no foreign key on purpose: the log must outlive edits to the rooms
table (replay reads it), and the collab tables migrate independently of the rooms ones.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from coderoom.storage.db import Base
from coderoom.storage.types import UTCDateTime

# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL gets a BIGINT identity.
SeqType = BigInteger().with_variant(Integer(), "sqlite")


class DocUpdate(Base):
    """One Yjs update as a client sent it. Never updated, never deleted (replay reads it).

    ``seq`` is global and increasing: a room's log in ``seq`` order is its history.
    """

    __tablename__ = "collab_doc_updates"
    __table_args__ = (Index("ix_collab_doc_updates_room_seq", "room_id", "seq"),)

    seq: Mapped[int] = mapped_column(SeqType, primary_key=True, autoincrement=True)
    room_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    participant_id: Mapped[str | None] = mapped_column(String(36))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class DocCheckpoint(Base):
    """A room's merged state so it loads without replaying the whole log.

    ``state`` covers every update with ``seq <= last_seq`` (see ``store.load_doc`` for
    the margin that covers other processes' late commits).
    """

    __tablename__ = "collab_doc_checkpoints"
    __table_args__ = (Index("ix_collab_doc_checkpoints_room_seq", "room_id", "last_seq"),)

    id: Mapped[int] = mapped_column(SeqType, primary_key=True, autoincrement=True)
    room_id: Mapped[str] = mapped_column(String(64))
    last_seq: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    state: Mapped[bytes] = mapped_column(LargeBinary)
    state_vector: Mapped[bytes] = mapped_column(LargeBinary)


class DocSnapshot(Base):
    """A named version a user saved (``message``); restore applies it as a new update."""

    __tablename__ = "collab_doc_snapshots"
    __table_args__ = (Index("ix_collab_doc_snapshots_room_created", "room_id", "created_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    room_id: Mapped[str] = mapped_column(String(64))
    message: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    state: Mapped[bytes] = mapped_column(LargeBinary)
