"""Replay use cases: a room's timeline, its raw update log in pages, and its state at a moment.

Replay only reads other domains' records (the collab update log and checkpoints, the
activity log, recorded runs, submissions) and never writes any of them. Only room staff
may replay a room, during it or after it ended; candidates never see recordings.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import anyio
from pycrdt import Doc
from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from coderoom.auth.tokens import Principal
from coderoom.chat.models import RoomEvent
from coderoom.collab import service as collab_service
from coderoom.collab.models import DocCheckpoint, DocUpdate
from coderoom.core.errors import InvalidInput
from coderoom.execution import service as execution_service
from coderoom.problems.models import Submission
from coderoom.replay.schemas import (
    LanePublic,
    MarkerPublic,
    StatePublic,
    TimelinePublic,
    UpdateBytes,
    UpdateEntry,
    UpdatesPage,
)
from coderoom.rooms import access as rooms_access
from coderoom.rooms.models import Participant, Room

# Same reason as collab's store: another process may commit a lower seq after a checkpoint.
_CHECKPOINT_MARGIN = timedelta(seconds=30)
# Activity-log event types the timeline shows (everything else is admission or room admin).
_EVENT_TYPES = (
    "chat.message",
    "tests.finished",
    "proctor.signal",
    "presence.joined",
    "presence.left",
)
_SIGNAL_KINDS = {
    "paste": "paste",
    "tab_hidden": "tab_away",
    "tab_visible": "tab_back",
    "window_blur": "blur",
    "window_focus": "focus",
}
_SEQ = re.compile(r"\d{1,18}")


async def staff_room(session: AsyncSession, principal: Principal, room_id: str) -> Room:
    """The room, if ``principal`` is its admitted host or interviewer (ended rooms too).

    Raises:
        NotFound: outsiders (indistinguishable from a missing room).
        Forbidden: candidates, observers, guests and anyone not admitted.
    """
    access = await rooms_access.access_room_by_id(
        session, principal, room_id, need=rooms_access.Need.STAFF, allow_ended=True
    )
    return access.room


async def lanes(session: AsyncSession, room_id: str) -> list[LanePublic]:
    """One lane per participant who got into the room, in joining order."""
    rows = await session.scalars(
        select(Participant)
        .where(Participant.room_id == room_id, Participant.status.not_in(("waiting", "rejected")))
        .order_by(Participant.joined_at, Participant.id)
    )
    return [LanePublic(id=p.id, name=p.display_name, color=p.color, role=p.role) for p in rows]


async def timeline(session: AsyncSession, room: Room) -> TimelinePublic:
    """The room's whole timeline: lanes, every update's metadata, and the markers."""
    updates = await session.execute(
        select(
            DocUpdate.seq,
            DocUpdate.created_at,
            DocUpdate.participant_id,
            func.length(DocUpdate.data),
        )
        .where(DocUpdate.room_id == room.id)
        .order_by(DocUpdate.seq)
    )
    markers = [
        *await _run_markers(session, room.id),
        *await _submission_markers(session, room.id),
        *_event_markers(await room_events(session, room.id)),
    ]
    markers.sort(key=lambda m: m.ts)
    return TimelinePublic(
        room_id=room.id,
        title=room.title,
        language=room.language,
        status=room.status,
        started_at=room.created_at,
        ended_at=room.ended_at,
        participants=await lanes(session, room.id),
        updates=[
            UpdateEntry(seq=seq, ts=ts, participant_id=author, size=size)
            for seq, ts, author, size in updates
        ],
        markers=markers,
    )


async def room_events(session: AsyncSession, room_id: str) -> Sequence[RoomEvent]:
    """The activity-log events replay shows (chat, sample tests, proctoring, presence)."""
    rows = await session.scalars(
        select(RoomEvent)
        .where(RoomEvent.room_id == room_id, RoomEvent.type.in_(_EVENT_TYPES))
        .order_by(RoomEvent.seq)
    )
    return rows.all()


async def room_submissions(session: AsyncSession, room_id: str) -> Sequence[Submission]:
    """The room's submissions, oldest first."""
    rows = await session.scalars(
        select(Submission).where(Submission.room_id == room_id).order_by(Submission.created_at)
    )
    return rows.all()


async def _run_markers(session: AsyncSession, room_id: str) -> list[MarkerPublic]:
    # A run's marker sits at its start: the code it ran is the document at that moment.
    return [
        MarkerPublic(
            kind="run",
            ts=run.started_at,
            participant_id=run.participant_id,
            data=execution_service.run_event_data(execution_service.run_columns(run)),
        )
        for run in await execution_service.list_room_runs(session, room_id)
    ]


async def _submission_markers(session: AsyncSession, room_id: str) -> list[MarkerPublic]:
    fields = ("language", "verdict", "score", "passed", "total", "hidden_passed", "hidden_total")
    return [
        MarkerPublic(
            kind="submission",
            ts=sub.created_at,
            participant_id=sub.participant_id,
            data={"submission_id": sub.id} | {name: getattr(sub, name) for name in fields},
        )
        for sub in await room_submissions(session, room_id)
    ]


def _event_markers(events: Sequence[RoomEvent]) -> list[MarkerPublic]:
    markers: list[MarkerPublic] = []
    connections: dict[str, int] = {}  # open event sockets per participant
    for event in events:
        data = event.data
        if event.type in ("chat.message", "tests.finished"):
            kind = "chat" if event.type == "chat.message" else "tests"
            markers.append(_marker(kind, event, data.get("participant_id"), data))
        elif event.type == "proctor.signal" and data.get("kind") in _SIGNAL_KINDS:
            kind = _SIGNAL_KINDS[data["kind"]]
            markers.append(_marker(kind, event, data.get("participant_id"), data))
        elif event.type in ("presence.joined", "presence.left"):
            markers.extend(_presence_marker(event, connections))
    return markers


def _presence_marker(event: RoomEvent, connections: dict[str, int]) -> list[MarkerPublic]:
    # Several tabs each open a socket: a lane joins on its first and leaves on its last.
    joined = event.type == "presence.joined"
    source = event.data.get("connection", {}) if joined else event.data
    participant_id = source.get("participant_id") if isinstance(source, dict) else None
    if not isinstance(participant_id, str):
        return []
    before = connections.get(participant_id, 0)
    after = before + 1 if joined else max(before - 1, 0)
    connections[participant_id] = after
    if joined and before == 0:
        return [_marker("join", event, participant_id, {})]
    if not joined and before == 1:
        return [_marker("leave", event, participant_id, {})]
    return []


def _marker(kind: Any, event: RoomEvent, participant_id: Any, data: dict[str, Any]) -> MarkerPublic:
    author = participant_id if isinstance(participant_id, str) else event.actor_id
    return MarkerPublic(kind=kind, ts=event.ts, participant_id=author, data=data)


async def updates_page(
    session: AsyncSession, room_id: str, *, after_seq: int, limit: int
) -> UpdatesPage:
    """Raw updates with ``seq > after_seq``, oldest first, base64 encoded."""
    rows = (
        await session.execute(
            select(DocUpdate.seq, DocUpdate.created_at, DocUpdate.participant_id, DocUpdate.data)
            .where(DocUpdate.room_id == room_id, DocUpdate.seq > after_seq)
            .order_by(DocUpdate.seq)
            .limit(limit)
        )
    ).all()
    updates = [
        UpdateBytes(
            seq=seq, ts=ts, participant_id=author, data=base64.b64encode(data).decode("ascii")
        )
        for seq, ts, author, data in rows
    ]
    return UpdatesPage(
        updates=updates, next_after_seq=updates[-1].seq if len(updates) == limit else None
    )


def parse_at(value: str) -> int | datetime:
    """An ``at`` parameter: a log ``seq`` (digits) or an ISO 8601 time with a timezone.

    Raises:
        InvalidInput: anything else, or a time without a timezone.
    """
    if _SEQ.fullmatch(value):
        return int(value)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput("at must be a log seq or an ISO 8601 time.", code="invalid_at") from None
    if moment.tzinfo is None:
        raise InvalidInput("at needs a timezone (e.g. Z).", code="invalid_at")
    return moment


async def state_at(session: AsyncSession, room_id: str, at: int | datetime) -> StatePublic:
    """The room's files after every update up to ``at`` (a ``seq``, or a time).

    A time means the log up to the last update made at or before it. The state is built
    from the newest checkpoint that covers no later update, then the log after it.
    """
    seq, ts = await _resolve(session, room_id, at)
    updates = await updates_up_to(session, room_id, seq, ts) if ts is not None else []
    # Applying thousands of updates takes a while: off the event loop, the Doc made and
    # used in one worker thread.
    files, languages = await anyio.to_thread.run_sync(_files_blocking, updates)
    return StatePublic(seq=seq, ts=ts, files=files, languages=languages)


def _files_blocking(updates: list[bytes]) -> tuple[dict[str, str], dict[str, str]]:
    doc: Doc[Any] = Doc()
    for data in updates:
        doc.apply_update(data)
    return collab_service.files_text(doc), collab_service.file_languages(doc)


async def _resolve(
    session: AsyncSession, room_id: str, at: int | datetime
) -> tuple[int, datetime | None]:
    """The last logged update at or before ``at``: its seq and time ((0, None) if none)."""
    query = select(DocUpdate.seq, DocUpdate.created_at).where(DocUpdate.room_id == room_id)
    if isinstance(at, datetime):
        query = query.where(DocUpdate.created_at <= at)
    else:
        query = query.where(DocUpdate.seq <= at)
    row = (await session.execute(query.order_by(DocUpdate.seq.desc()).limit(1))).first()
    return (row[0], row[1]) if row is not None else (0, None)


async def updates_up_to(session: AsyncSession, room_id: str, seq: int, ts: datetime) -> list[bytes]:
    """What to apply, in order, for the document of the updates up to ``seq`` (made at ``ts``).

    The newest usable checkpoint's state comes first, then the log after it.
    """
    # A checkpoint taken after the target update may hold later edits: only older ones do.
    checkpoint = await session.scalar(
        select(DocCheckpoint)
        .where(
            DocCheckpoint.room_id == room_id,
            DocCheckpoint.last_seq <= seq,
            DocCheckpoint.created_at <= ts,
        )
        .order_by(DocCheckpoint.last_seq.desc())
        .limit(1)
    )
    query = select(DocUpdate.data).where(DocUpdate.room_id == room_id, DocUpdate.seq <= seq)
    if checkpoint is None:
        return list(await session.scalars(query.order_by(DocUpdate.seq)))
    query = query.where(
        or_(
            DocUpdate.seq > checkpoint.last_seq,
            DocUpdate.created_at >= checkpoint.created_at - _CHECKPOINT_MARGIN,
        )
    )
    return [checkpoint.state, *await session.scalars(query.order_by(DocUpdate.seq))]
