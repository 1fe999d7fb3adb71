"""FastAPI dependencies of code execution (from lifespan state)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, cast

from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import HTTPConnection

from coderoom.auth.ratelimit import RateLimiter
from coderoom.execution.service import Executor
from coderoom.realtime.bus import Bus
from coderoom.settings import Settings
from coderoom.storage.inline import InlineWriter
from coderoom.storage.reads import Reads


async def get_executor(conn: HTTPConnection) -> Executor:
    """The process's executor."""
    return cast(Executor, conn.state.executor)


@dataclass(frozen=True, slots=True)
class RunServices:
    """Everything a run request uses from the app's state, as one dependency.

    A run request is the API's hottest path, and FastAPI's resolution of each dependency
    costs tens of microseconds: six of them were a fifth of the request's CPU.
    """

    settings: Settings
    sessions: async_sessionmaker[AsyncSession]
    reads: Reads
    bus: Bus
    executor: Executor
    limiter: RateLimiter
    writer: InlineWriter | None


async def get_run_services(conn: HTTPConnection) -> RunServices:
    """The run request's services."""
    state = conn.state
    return RunServices(
        settings=state.settings,
        sessions=state.sessionmaker,
        reads=state.reads,
        bus=state.bus,
        executor=state.executor,
        limiter=state.rate_limiter,
        writer=state.inline_writer,
    )


ExecutorDep = Annotated[Executor, Depends(get_executor)]
RunServicesDep = Annotated[RunServices, Depends(get_run_services)]
