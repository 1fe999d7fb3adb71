"""FastAPI dependency for the executor (from lifespan state)."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends
from starlette.requests import HTTPConnection

from coderoom.execution.service import Executor


async def get_executor(conn: HTTPConnection) -> Executor:
    """The process's executor."""
    return cast(Executor, conn.state.executor)


ExecutorDep = Annotated[Executor, Depends(get_executor)]
