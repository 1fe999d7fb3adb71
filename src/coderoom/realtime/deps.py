"""FastAPI dependency for the bus (from lifespan state)."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends
from starlette.requests import HTTPConnection

from coderoom.realtime.bus import Bus


async def get_bus(conn: HTTPConnection) -> Bus:
    """The process's bus."""
    return cast(Bus, conn.state.bus)


BusDep = Annotated[Bus, Depends(get_bus)]
