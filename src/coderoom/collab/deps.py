"""FastAPI dependency for the room manager (from lifespan state)."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends
from starlette.requests import HTTPConnection

from coderoom.collab.manager import RoomManager


async def get_room_manager(conn: HTTPConnection) -> RoomManager:
    """The process's room manager."""
    return cast(RoomManager, conn.state.room_manager)


RoomManagerDep = Annotated[RoomManager, Depends(get_room_manager)]
