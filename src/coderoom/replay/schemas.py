"""Replay I/O: the timeline, pages of raw document updates, a moment's state, analytics."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel

MarkerKind = Literal[
    "run",
    "tests",
    "submission",
    "chat",
    "paste",
    "tab_away",
    "tab_back",
    "blur",
    "focus",
    "join",
    "leave",
]


class LanePublic(BaseModel):
    """One participant's lane on the timeline."""

    id: str
    name: str
    color: str
    role: str


class UpdateEntry(BaseModel):
    """One logged document update (its bytes come from the updates endpoint)."""

    seq: int
    ts: datetime
    participant_id: str | None
    size: int


class MarkerPublic(BaseModel):
    """Something that happened at ``ts``: a run, a submission, a chat line, a signal..."""

    kind: MarkerKind
    ts: datetime
    participant_id: str | None
    data: dict[str, Any]


class TimelinePublic(BaseModel):
    """Everything the replay page draws, oldest first."""

    room_id: str
    title: str
    language: str
    status: str
    started_at: datetime
    ended_at: datetime | None
    participants: list[LanePublic]
    updates: list[UpdateEntry]
    markers: list[MarkerPublic]


class UpdateBytes(BaseModel):
    """One update as the client sent it, base64 encoded (apply with ``Y.applyUpdate``)."""

    seq: int
    ts: datetime
    participant_id: str | None
    data: str


class UpdatesPage(BaseModel):
    """Updates with ``seq > after_seq``; pass ``next_after_seq`` back for the next page."""

    updates: list[UpdateBytes]
    next_after_seq: int | None


class StatePublic(BaseModel):
    """The room's files at one moment: after every update with ``seq <= seq``."""

    seq: int
    ts: datetime | None
    files: dict[str, str]
    languages: dict[str, str]


class ParticipantStats(BaseModel):
    """What one participant did in the room."""

    participant_id: str
    name: str
    chars_inserted: int
    chars_deleted: int
    edits: int
    active_typing_s: float
    longest_idle_s: float
    runs: int
    submissions: int
    best_score: float | None
    pastes: int
    paste_sizes: list[int]
    tab_aways: int
    away_s: float


class AnalyticsPublic(BaseModel):
    """Per-participant numbers, in lane order."""

    room_id: str
    idle_gap_s: float
    participants: list[ParticipantStats]
