"""Snapshot API shapes."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class SnapshotCreate(BaseModel):
    """``POST /rooms/{id}/snapshots`` body."""

    message: str = Field(min_length=1, max_length=500)


class SnapshotPublic(BaseModel):
    """A snapshot without its content."""

    model_config = ConfigDict(from_attributes=True)

    id: str
    room_id: str
    message: str
    created_by: str | None
    created_at: datetime


class SnapshotsPublic(BaseModel):
    """A room's snapshots, newest first."""

    data: list[SnapshotPublic]


class SnapshotContent(SnapshotPublic):
    """A snapshot with its files as text and each file's language."""

    files: dict[str, str]
    languages: dict[str, str]


class RestoreResult(BaseModel):
    """The room's files right after a restore."""

    files: dict[str, str]
