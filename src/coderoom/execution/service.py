"""Code execution use cases: the ``Executor`` (queue, limits, self-tests) and recorded runs.

Other domains use this module only: ``RunRequest``/``RunResult``/``BatchResult`` and
``Executor.run``/``Executor.run_batch`` (see docs/TEAM-INTERFACES.md, "execution").
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coderoom.auth.tokens import Principal
from coderoom.core.clock import utcnow
from coderoom.core.errors import AppError, InvalidInput, PayloadTooLarge, RateLimited
from coderoom.core.ids import new_id
from coderoom.execution.backends import Backend, concurrency
from coderoom.execution.models import ExecutionRun
from coderoom.execution.sandbox.job import Job
from coderoom.execution.sandbox.languages import LANGUAGES
from coderoom.realtime.bus import Bus
from coderoom.realtime.events import publish_room_event
from coderoom.settings import SandboxSettings
from coderoom.storage.inline import InlineWriter

log = logging.getLogger(__name__)

MAX_CODE_BYTES = 256 * 1024
MAX_BATCH = 200
STORED_OUTPUT_CHARS = 64 * 1024  # what the run table and room events keep of each stream
_RUNS = cast(Table, ExecutionRun.__table__)
_INSERT_RUN = insert(_RUNS)
QUEUE_DEPTH_PER_SLOT = 32


@dataclass(frozen=True)
class RunRequest:
    """One program run. Limits may only lower the configured ones."""

    language: str
    code: str
    stdin: str = ""
    time_limit_s: float | None = None
    memory_mb: int | None = None


@dataclass(frozen=True)
class RunResult:
    """The verdict and measurements of one step.

    ``time_ms`` is wall-clock time, ``cpu_ms`` user + system CPU time of every process of the
    run, ``memory_kb`` peak memory (cgroup peak where available, else max RSS).
    """

    status: str
    stdout: str
    stderr: str
    exit_code: int | None
    signal: int | None
    time_ms: int
    memory_kb: int
    stdout_truncated: bool = False
    stderr_truncated: bool = False
    cpu_ms: int = 0

    @classmethod
    def from_step(cls, step: dict[str, Any]) -> RunResult:
        """From a backend's step dict."""
        return cls(
            status=step["status"],
            stdout=step["stdout"],
            stderr=step["stderr"],
            exit_code=step["exit_code"],
            signal=step["signal"],
            time_ms=step["wall_ms"],
            memory_kb=step["memory_kb"],
            stdout_truncated=step["stdout_truncated"],
            stderr_truncated=step["stderr_truncated"],
            cpu_ms=step["cpu_ms"],
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form (every field is a scalar: a shallow copy is enough)."""
        return dict(vars(self))


@dataclass(frozen=True)
class BatchResult:
    """A compile (None for interpreted languages) and one run per stdin (none on failure)."""

    compile: RunResult | None
    runs: list[RunResult] = field(default_factory=list)


@dataclass(frozen=True)
class LanguageInfo:
    """A language that passed its self-test here."""

    id: str
    name: str
    version: str
    monaco: str


class Executor:
    """Admits runs into a bounded queue and hands them to a backend.

    At most ``concurrency`` jobs run at once; up to ``QUEUE_DEPTH_PER_SLOT`` per slot wait,
    each at most ``queue_wait_s``. Past either bound the caller gets ``RateLimited`` (429 with
    Retry-After). Each language is self-tested once, on first use or at start-up
    (``start_self_tests``), and is unavailable if the test fails.

    Args:
        settings: the sandbox section of the settings.
        backend: local threads or arq workers.
    """

    def __init__(self, settings: SandboxSettings, backend: Backend) -> None:
        self.settings = settings
        self.backend = backend
        self.concurrency = concurrency(settings)
        self._slots = asyncio.Semaphore(self.concurrency)
        self._waiting = 0
        self._running = 0
        self._self_tests: dict[str, asyncio.Task[dict[str, Any]]] = {}

    @property
    def running(self) -> int:
        """Jobs holding a sandbox slot right now."""
        return self._running

    @property
    def waiting(self) -> int:
        """Callers queued for a slot right now."""
        return self._waiting

    def start_self_tests(self) -> None:
        """Start every language's self-test in the background (production start-up)."""
        for language_id in LANGUAGES:
            _ = self._self_test_task(language_id)  # kept in self._self_tests

    def _self_test_task(self, language_id: str) -> asyncio.Task[dict[str, Any]]:
        task = self._self_tests.get(language_id)
        # A self-test that raised (no worker answered, queue full) is retried on next use;
        # one that ran and failed stays failed until restart.
        if task is None or (task.done() and not task.cancelled() and task.exception()):
            task = asyncio.get_running_loop().create_task(
                self._admitted_self_test(language_id), name=f"self-test:{language_id}"
            )
            self._self_tests[language_id] = task
        return task

    async def _admitted_self_test(self, language_id: str) -> dict[str, Any]:
        async with self._slots:
            outcome = await self.backend.self_test(language_id)
        if not outcome["passed"]:
            log.warning("language %s unavailable: %s", language_id, outcome["detail"])
        return outcome

    async def aclose(self) -> None:
        """Cancel self-tests still pending (shutdown)."""
        for task in self._self_tests.values():
            task.cancel()
        await asyncio.gather(*self._self_tests.values(), return_exceptions=True)

    async def languages(self) -> list[LanguageInfo]:
        """Languages whose self-test passed (waits for pending self-tests)."""
        results = await asyncio.gather(*(self._self_test_task(i) for i in LANGUAGES))
        return [
            LanguageInfo(id=lang.id, name=lang.name, version=result["version"], monaco=lang.monaco)
            for lang, result in zip(LANGUAGES.values(), results, strict=True)
            if result["passed"]
        ]

    async def _check_language(self, language_id: str) -> None:
        if language_id not in LANGUAGES:
            raise InvalidInput(
                f"Unknown language {language_id!r}.",
                code="unknown_language",
                details={"known": list(LANGUAGES)},
            )
        if not (await asyncio.shield(self._self_test_task(language_id)))["passed"]:
            raise InvalidInput(
                f"{LANGUAGES[language_id].name} is not available on this server.",
                code="language_unavailable",
            )

    def _check_sizes(self, code: str, stdins: list[str]) -> None:
        if len(code.encode()) > MAX_CODE_BYTES:
            raise PayloadTooLarge(f"Code is over {MAX_CODE_BYTES} bytes.", code="code_too_large")
        if any(len(s.encode()) > self.settings.max_stdin_bytes for s in stdins):
            raise PayloadTooLarge(
                f"Input is over {self.settings.max_stdin_bytes} bytes.", code="stdin_too_large"
            )
        if len(stdins) > MAX_BATCH:
            raise InvalidInput(f"At most {MAX_BATCH} inputs per batch.", code="batch_too_large")

    async def validate(self, request: RunRequest) -> None:
        """Raise what ``run`` would raise for the request itself (language, sizes)."""
        await self._check_language(request.language)
        self._check_sizes(request.code, [request.stdin])

    async def _submit(self, job: Job) -> dict[str, Any]:
        await self._check_language(job.language)
        self._check_sizes(job.code, job.stdins)
        if self._waiting >= self.concurrency * QUEUE_DEPTH_PER_SLOT:
            raise self._queue_full()
        self._waiting += 1
        try:
            async with asyncio.timeout(self.settings.queue_wait_s):
                await self._slots.acquire()
        except TimeoutError:
            raise self._queue_full() from None
        finally:
            self._waiting -= 1
        self._running += 1
        try:
            return await self.backend.execute(job)
        finally:
            self._running -= 1
            self._slots.release()

    def _queue_full(self) -> RateLimited:
        retry_after = max(1, math.ceil(self._waiting / self.concurrency))
        return RateLimited(
            "Every sandbox is busy; try again shortly.",
            retry_after=retry_after,
            details={"retry_after": retry_after},
        )

    async def run(self, request: RunRequest) -> RunResult:
        """Compile (if needed) and run one program.

        Raises:
            InvalidInput: unknown or unavailable language.
            PayloadTooLarge: code or stdin over its limit.
            RateLimited: the queue is full or the wait passed ``queue_wait_s``.
        """
        batch = await self.run_batch(
            request.language,
            request.code,
            [request.stdin],
            time_limit_s=request.time_limit_s,
            memory_mb=request.memory_mb,
        )
        return batch.runs[0] if batch.runs else _compile_failure(batch.compile)

    async def run_batch(
        self,
        language: str,
        code: str,
        stdins: list[str],
        *,
        time_limit_s: float | None = None,
        memory_mb: int | None = None,
    ) -> BatchResult:
        """Compile once and run the program on each of ``stdins`` (one queue slot).

        A compile failure yields ``compile`` with status ``compile_error`` and no runs.
        Raises as ``run`` does.
        """
        job = Job(language, code, list(stdins), time_limit_s=time_limit_s, memory_mb=memory_mb)
        data = await self._submit(job)
        compiled = RunResult.from_step(data["compile"]) if data["compile"] is not None else None
        return BatchResult(compile=compiled, runs=[RunResult.from_step(s) for s in data["runs"]])


def _compile_failure(compiled: RunResult | None) -> RunResult:
    if compiled is None:  # a job always has a compile result or runs
        raise RuntimeError("sandbox job returned neither a compile step nor runs")
    return compiled


def code_hash(code: str) -> str:
    """SHA-256 of the code (what the run table keeps instead of the code)."""
    return hashlib.sha256(code.encode()).hexdigest()


def public_result(result: RunResult) -> dict[str, Any]:
    """A result with each stream cut to what room events and the run table keep."""
    data = result.to_dict()
    for stream in ("stdout", "stderr"):
        if len(data[stream]) > STORED_OUTPUT_CHARS:
            data[stream] = data[stream][:STORED_OUTPUT_CHARS]
            data[f"{stream}_truncated"] = True
    return data


async def record_run(
    sessions: async_sessionmaker[AsyncSession],
    *,
    principal: Principal,
    request: RunRequest,
    result: RunResult,
    room_id: str | None,
    participant_id: str | None,
    started_at: Any,
    writer: InlineWriter | None = None,
) -> dict[str, Any]:
    """Store a finished run (who, when, language, code hash, verdict, timings); commits.

    Returns the stored row (``ExecutionRun``'s columns): a Core insert of a dict, as the
    ORM's instance and unit of work cost more CPU than the statement. With ``writer``
    (SQLite) the row is written on the loop's thread when the write lock is free, else
    through a session of ``sessions`` (which waits for the lock in its worker thread).
    """
    stored = public_result(result)
    row = {
        "id": new_id(),
        "room_id": room_id,
        "subject": principal.subject,
        "principal_kind": principal.kind,
        "user_id": principal.user_id,
        "participant_id": participant_id,
        "display_name": principal.name,
        "language": request.language,
        "code_sha256": code_hash(request.code),
        "code_bytes": len(request.code.encode()),
        "status": result.status,
        "exit_code": result.exit_code,
        "signal": result.signal,
        "time_ms": result.time_ms,
        "cpu_ms": result.cpu_ms,
        "memory_kb": result.memory_kb,
        "stdout": stored["stdout"],
        "stderr": stored["stderr"],
        "stdout_truncated": stored["stdout_truncated"],
        "stderr_truncated": stored["stderr_truncated"],
        "started_at": started_at,
        "finished_at": utcnow(),
    }
    if writer is None or not writer.try_insert(_INSERT_RUN, row):
        async with sessions() as session:
            await session.execute(_INSERT_RUN, row)
            await session.commit()
    return row


def run_columns(run: ExecutionRun) -> dict[str, Any]:
    """A loaded run as the row ``record_run`` returns."""
    return {column.key: getattr(run, column.key) for column in _RUNS.columns}


async def latest_room_run(session: AsyncSession, room_id: str) -> ExecutionRun | None:
    """The room's most recent finished run, for someone who joins after it."""
    query = (
        select(ExecutionRun)
        .where(ExecutionRun.room_id == room_id)
        .order_by(ExecutionRun.finished_at.desc(), ExecutionRun.id.desc())
        .limit(1)
    )
    return (await session.scalars(query)).first()


async def list_room_runs(session: AsyncSession, room_id: str) -> list[ExecutionRun]:
    """Every finished run of a room, oldest first (for replay's timeline)."""
    query = (
        select(ExecutionRun)
        .where(ExecutionRun.room_id == room_id)
        .order_by(ExecutionRun.finished_at, ExecutionRun.id)
    )
    return list((await session.scalars(query)).all())


_RESULT_COLUMNS = (
    "status",
    "stdout",
    "stderr",
    "exit_code",
    "signal",
    "time_ms",
    "cpu_ms",
    "memory_kb",
    "stdout_truncated",
    "stderr_truncated",
)


def run_event_data(run: Mapping[str, Any]) -> dict[str, Any]:
    """The ``run.finished`` payload (also the latest-run answer) of a run's row."""
    return {
        "run_id": run["id"],
        "language": run["language"],
        "by": {"participant_id": run["participant_id"], "name": run["display_name"]},
        "started_at": run["started_at"].isoformat(),
        "finished_at": run["finished_at"].isoformat(),
        "result": {key: run[key] for key in _RESULT_COLUMNS},
    }


async def run_in_room(
    sessions: async_sessionmaker[AsyncSession],
    bus: Bus,
    executor: Executor,
    *,
    principal: Principal,
    request: RunRequest,
    room_id: str | None,
    participant_id: str | None,
    writer: InlineWriter | None = None,
) -> tuple[RunResult, dict[str, Any]]:
    """Run for a caller whose room access was already checked; record it and tell the room.

    The room sees ``run.started`` (who, language) before and ``run.finished`` (result,
    who) after; both only when ``room_id`` is given.
    """
    await executor.validate(request)
    started_at = utcnow()
    by = {"participant_id": participant_id, "name": principal.name}
    if room_id is not None:
        await publish_room_event(
            bus,
            room_id,
            "run.started",
            {"language": request.language, "by": by, "started_at": started_at.isoformat()},
        )
    try:
        result = await executor.run(request)
    except AppError as exc:
        if room_id is not None:  # the room saw it start: tell it why nothing came of it
            data = {"run_id": None, "language": request.language, "by": by, "error": exc.code}
            await publish_room_event(bus, room_id, "run.finished", data)
        raise
    run = await record_run(
        sessions,
        principal=principal,
        request=request,
        result=result,
        room_id=room_id,
        participant_id=participant_id,
        started_at=started_at,
        writer=writer,
    )
    if room_id is not None:
        await publish_room_event(bus, room_id, "run.finished", run_event_data(run))
    return result, run
