"""Durable documents: the batched update log writer, checkpoints, and loading a room.

``UpdateLog.append`` never waits: it queues the row and the writer task commits every
queued row in one transaction at most ``interval_s`` later. So the broadcast never waits
for the database, and an acknowledged edit is on disk within about one interval plus one
commit (``UpdateLog.delays`` keeps the measured enqueue → commit times). With nothing
queued the writer sleeps until the next ``append``: an idle server does not wake for it.

On a SQLite file a batch is written on the loop's thread (``storage.inline.InlineWriter``)
when the write lock is free: through aiosqlite, a batch's begin, execute and commit were
about eight thread hand-offs, a visible share of a busy room's CPU. A held lock, PostgreSQL,
and one batch a second (``_SESSION_EVERY_S``) take the session instead; the inline
connection never checkpoints the WAL, and the session's commit does, so the WAL stays
bounded.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from datetime import timedelta
from typing import Any, NamedTuple, cast

from pycrdt import Doc
from sqlalchemy import Table, bindparam, func, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coderoom.collab.models import DocCheckpoint, DocUpdate
from coderoom.core.clock import utcnow
from coderoom.storage.inline import InlineWriter
from coderoom.storage.reads import Reads

log = logging.getLogger(__name__)

# Another process may commit a row with a lower seq after our checkpoint (sequence values
# are handed out before commit). Loading re-applies updates this much older than the
# checkpoint too; applying an update twice is a no-op in Yjs.
CHECKPOINT_MARGIN = timedelta(seconds=30)
_RETRY_CAP_S = 5.0
_SESSION_EVERY_S = 1.0
_UPDATE_TABLE = cast(Table, DocUpdate.__table__)
# A Core insert of plain rows: the ORM's bulk path costs several times more CPU on the
# event loop for the same statement.
_INSERT_UPDATES = insert(_UPDATE_TABLE)


class UpdateLog:
    """Process-wide batching writer for ``DocUpdate`` rows.

    Args:
        sessionmaker: the app's session factory.
        interval_s: the longest a queued row waits before its batch is written.
        writer: the app's inline SQLite writer, if it has one.
    """

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        *,
        interval_s: float = 0.05,
        writer: InlineWriter | None = None,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._interval_s = interval_s
        self._writer = writer
        self._pending: list[tuple[float, dict[str, Any]]] = []
        self._queued = asyncio.Event()
        self._lock = asyncio.Lock()
        # After this (monotonic) time the next batch takes the session: see the module doc.
        self._session_due = time.monotonic() + _SESSION_EVERY_S
        self.delays: deque[float] = deque(maxlen=10_000)

    def append(self, room_id: str, participant_id: str | None, data: bytes) -> None:
        """Queue one update for the log (returns at once)."""
        row = {
            "room_id": room_id,
            "participant_id": participant_id,
            "data": data,
            "created_at": utcnow(),
        }
        self._pending.append((time.monotonic(), row))
        self._queued.set()

    @property
    def pending(self) -> int:
        """Rows queued and not yet committed."""
        return len(self._pending)

    def delay_stats(self) -> dict[str, float]:
        """Measured enqueue → commit delay of recent rows: p50, p99 and max (seconds)."""
        ordered = sorted(self.delays)
        if not ordered:
            return {"p50": 0.0, "p99": 0.0, "max": 0.0}

        def pick(q: float) -> float:
            return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

        return {"p50": pick(0.5), "p99": pick(0.99), "max": ordered[-1]}

    async def run(self) -> None:
        """Write batches forever; a failing database is retried with backoff, never dropped."""
        delay = self._interval_s
        while True:
            if not self._pending:
                self._queued.clear()
                await self._queued.wait()
            await asyncio.sleep(delay)  # let the batch gather
            try:
                await self.flush()
                delay = self._interval_s
            except Exception:
                log.exception("update log write failed; %d rows kept for retry", self.pending)
                delay = min(max(delay * 2, 0.1), _RETRY_CAP_S)

    async def flush(self) -> None:
        """Commit every queued row now, in one transaction."""
        async with self._lock:
            batch, self._pending = self._pending, []
            if not batch:
                return
            try:
                await self._write([row for _, row in batch])
            except BaseException:
                self._pending[:0] = batch  # keep order: the failed batch goes first
                raise
            now = time.monotonic()
            self.delays.extend(now - queued for queued, _ in batch)

    async def _write(self, rows: list[dict[str, Any]]) -> None:
        now = time.monotonic()
        if (
            self._writer is not None
            and now < self._session_due
            and self._writer.try_insert(_INSERT_UPDATES, rows)
        ):
            return
        async with self._sessionmaker() as session, session.begin():
            await session.execute(_INSERT_UPDATES, rows)
        self._session_due = now + _SESSION_EVERY_S


# Built once with bound parameters: every room load runs them, and building the
# expressions cost more CPU than the queries in a reconnect storm.
# The checkpoint is read as plain columns of its table (no ORM instance to build).
_CHECKPOINTS = cast(Table, DocCheckpoint.__table__).c
_LATEST_CHECKPOINT = (
    select(_CHECKPOINTS.state, _CHECKPOINTS.last_seq, _CHECKPOINTS.created_at)
    .where(_CHECKPOINTS.room_id == bindparam("room_id"))
    .order_by(_CHECKPOINTS.last_seq.desc())
    .limit(1)
)
_UPDATES = _UPDATE_TABLE.c
_ALL_UPDATES = (
    select(_UPDATES.seq, _UPDATES.data)
    .where(_UPDATES.room_id == bindparam("room_id"))
    .order_by(_UPDATES.seq)
)
_UPDATES_SINCE = (
    select(_UPDATES.seq, _UPDATES.data)
    .where(
        _UPDATES.room_id == bindparam("room_id"),
        or_(
            _UPDATES.seq > bindparam("last_seq"),
            _UPDATES.created_at >= bindparam("since", type_=_UPDATES.created_at.type),
        ),
    )
    .order_by(_UPDATES.seq)
)


class Loaded(NamedTuple):
    """A document built from the store."""

    doc: Doc[Any]
    last_seq: int  # the highest log ``seq`` it contains (0 for an empty log)
    tail: int  # log rows applied on top of the checkpoint (what a new checkpoint would save)


async def load_doc(reads: Reads, room_id: str) -> Loaded:
    """Build a room's document: newest checkpoint plus the log after it."""
    checkpoint = await reads.first(_LATEST_CHECKPOINT, {"room_id": room_id})
    doc: Doc[Any] = Doc()
    query, params = _ALL_UPDATES, dict[str, object](room_id=room_id)
    last_seq = 0
    if checkpoint is not None:
        state, last_seq, created_at = checkpoint
        doc.apply_update(state)
        query = _UPDATES_SINCE
        params |= {"last_seq": last_seq, "since": created_at - CHECKPOINT_MARGIN}
    covered, tail = last_seq, 0
    for seq, data in await reads.all(query, params):
        doc.apply_update(data)
        last_seq = max(last_seq, seq)
        tail += seq > covered  # not the margin's rows, which the checkpoint holds already
    return Loaded(doc, last_seq, tail)


async def replay_log(session: AsyncSession, room_id: str) -> Doc[Any]:
    """The document rebuilt from the whole log alone (no checkpoint): replay's ground truth."""
    doc: Doc[Any] = Doc()
    rows = await session.scalars(
        select(DocUpdate.data).where(DocUpdate.room_id == room_id).order_by(DocUpdate.seq)
    )
    for data in rows:
        doc.apply_update(data)
    return doc


async def write_checkpoint(session: AsyncSession, room_id: str, doc: Doc[Any]) -> int:
    """Store ``doc``'s merged state as a checkpoint; the caller flushed the log first.

    Returns:
        The ``last_seq`` the checkpoint covers.
    """
    last_seq = await session.scalar(
        select(func.max(DocUpdate.seq)).where(DocUpdate.room_id == room_id)
    )
    session.add(
        DocCheckpoint(
            room_id=room_id,
            last_seq=last_seq or 0,
            created_at=utcnow(),
            state=doc.get_update(),
            state_vector=doc.get_state(),
        )
    )
    return last_seq or 0
