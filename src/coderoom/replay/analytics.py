"""Per-participant analytics of a room, computed by replaying its update log.

Each logged update is applied in ``seq`` order to a fresh document while a deep observer
on ``files`` collects the text it inserted and deleted, credited to the update's author.
Timing uses the log's timestamps: two edits of one person closer than ``idle_gap_s`` count
as active typing in between; the longest gap between someone's edits is their longest idle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise
from typing import Any

import anyio
from pycrdt import Doc, Map, MapEvent, Text, TextEvent
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from coderoom.collab.models import DocUpdate
from coderoom.execution import service as execution_service
from coderoom.replay import service
from coderoom.replay.schemas import AnalyticsPublic, LanePublic, ParticipantStats

DEFAULT_IDLE_GAP_S = 5.0


@dataclass
class _Tally:
    inserted: int = 0
    deleted: int = 0
    edit_times: list[datetime] = field(default_factory=list)
    runs: int = 0
    scores: list[float] = field(default_factory=list)
    paste_sizes: list[int] = field(default_factory=list)
    tab_aways: int = 0
    away_ms: int = 0


@dataclass
class _Change:
    inserted: int = 0
    deleted: int = 0


def _observe(change: _Change, events: list[Any]) -> None:
    for event in events:
        if isinstance(event, TextEvent):
            # pycrdt sets event attributes at runtime (its stubs do not declare them).
            for op in event.delta:  # type: ignore[attr-defined]
                inserted = op.get("insert")
                change.inserted += len(inserted) if isinstance(inserted, str) else 0
                change.deleted += int(op.get("delete", 0))
        elif isinstance(event, MapEvent):
            # A new (or replaced) file arrives whole inside a map change, not a text event.
            for key_change in event.keys.values():  # type: ignore[attr-defined]
                value = key_change.get("newValue")
                if isinstance(value, Text):
                    change.inserted += len(str(value))


async def room_analytics(
    session: AsyncSession, room_id: str, *, idle_gap_s: float = DEFAULT_IDLE_GAP_S
) -> AnalyticsPublic:
    """Every lane's numbers (see the module docstring for the definitions)."""
    lanes = await service.lanes(session, room_id)
    tallies = {lane.id: _Tally() for lane in lanes}
    await _tally_edits(session, room_id, tallies)
    for run in await execution_service.list_room_runs(session, room_id):
        if run.participant_id in tallies:
            tallies[run.participant_id].runs += 1
    for sub in await service.room_submissions(session, room_id):
        if sub.participant_id in tallies:
            tallies[sub.participant_id].scores.append(sub.score)
    for event in await service.room_events(session, room_id):
        _tally_signal(tallies, event.type, event.data)
    return AnalyticsPublic(
        room_id=room_id,
        idle_gap_s=idle_gap_s,
        participants=[_stats(lane, tallies[lane.id], idle_gap_s) for lane in lanes],
    )


async def _tally_edits(session: AsyncSession, room_id: str, tallies: dict[str, _Tally]) -> None:
    rows = await session.execute(
        select(DocUpdate.created_at, DocUpdate.participant_id, DocUpdate.data)
        .where(DocUpdate.room_id == room_id)
        .order_by(DocUpdate.seq)
    )
    # Replaying the log is CPU work: a worker thread makes and uses the Doc.
    edits = await anyio.to_thread.run_sync(_edits_blocking, list(rows.tuples()))
    for ts, author, change in edits:
        tally = tallies.get(author) if author is not None else None
        if tally is not None:
            tally.inserted += change.inserted
            tally.deleted += change.deleted
            tally.edit_times.append(ts)


def _edits_blocking(
    rows: list[tuple[datetime, str | None, bytes]],
) -> list[tuple[datetime, str | None, _Change]]:
    """Apply ``rows`` in order; the text each one inserted and deleted (text edits only)."""
    doc: Doc[Any] = Doc()
    files: Map[Any] = doc.get("files", type=Map)
    edits: list[tuple[datetime, str | None, _Change]] = []
    change = _Change()
    subscription = files.observe_deep(lambda events: _observe(change, events))
    try:
        for ts, author, data in rows:
            doc.apply_update(data)
            if change.inserted or change.deleted:
                edits.append((ts, author, change))
                change = _Change()
    finally:
        files.unobserve(subscription)
    return edits


def _tally_signal(tallies: dict[str, _Tally], event_type: str, data: dict[str, Any]) -> None:
    tally = tallies.get(str(data.get("participant_id")))
    if event_type != "proctor.signal" or tally is None:
        return
    kind = data.get("kind")
    if kind == "paste":
        tally.paste_sizes.append(_count(data.get("chars")))
    elif kind == "tab_hidden":
        tally.tab_aways += 1
    elif kind == "tab_visible":
        tally.away_ms += _count(data.get("away_ms"))


def _count(value: object) -> int:
    # Signals come from browsers: anything but a sane non-negative number counts as 0.
    return int(value) if isinstance(value, int | float) and 0 <= value < 2**53 else 0


def _stats(lane: LanePublic, tally: _Tally, idle_gap_s: float) -> ParticipantStats:
    gaps = [(b - a).total_seconds() for a, b in pairwise(tally.edit_times)]
    return ParticipantStats(
        participant_id=lane.id,
        name=lane.name,
        chars_inserted=tally.inserted,
        chars_deleted=tally.deleted,
        edits=len(tally.edit_times),
        active_typing_s=round(sum(g for g in gaps if g <= idle_gap_s), 3),
        longest_idle_s=round(max(gaps, default=0.0), 3),
        runs=tally.runs,
        submissions=len(tally.scores),
        best_score=max(tally.scores, default=None),
        pastes=len(tally.paste_sizes),
        paste_sizes=tally.paste_sizes,
        tab_aways=tally.tab_aways,
        away_s=round(tally.away_ms / 1000, 3),
    )
