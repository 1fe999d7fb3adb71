"""HTTP shapes of the execution API."""

from __future__ import annotations

from pydantic import BaseModel, Field


class LanguagePublic(BaseModel):
    """A runnable language."""

    id: str
    name: str
    version: str
    monaco: str


class LanguagesPublic(BaseModel):
    """Languages whose self-test passed on this server."""

    languages: list[LanguagePublic]


class ExecutionCreate(BaseModel):
    """Run ``code`` once with ``stdin``; with ``room_id`` the room sees it."""

    language: str = Field(min_length=1, max_length=32)
    code: str
    stdin: str = ""
    room_id: str | None = Field(default=None, max_length=64)


class ExecutionPublic(BaseModel):
    """The verdict and measurements of a run (see ``sandbox/verdict.py`` for statuses)."""

    id: str
    status: str
    stdout: str
    stderr: str
    exit_code: int | None
    signal: int | None
    time_ms: int
    cpu_ms: int
    memory_kb: int
    stdout_truncated: bool
    stderr_truncated: bool


class RoomRunPublic(BaseModel):
    """A room's run as participants see it (``run.finished`` carries the same)."""

    run_id: str
    language: str
    by: dict[str, str | None]
    started_at: str
    finished_at: str
    result: dict[str, object]


class LatestRunPublic(BaseModel):
    """The room's latest run, or null before the first one."""

    run: RoomRunPublic | None
