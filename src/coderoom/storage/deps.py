"""FastAPI dependencies for the database session and settings (from lifespan state)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, cast

from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import HTTPConnection

from coderoom.settings import Settings


async def get_settings_dep(conn: HTTPConnection) -> Settings:
    """The settings the app was built with."""
    return cast(Settings, conn.state.settings)


def _sessionmaker(conn: HTTPConnection) -> async_sessionmaker[AsyncSession]:
    return cast(async_sessionmaker[AsyncSession], conn.state.sessionmaker)


# Dependencies are ``async def`` even when they only read state: FastAPI runs plain
# ``def`` dependencies in a worker thread, a thread hop per dependency per request.


async def get_sessionmaker(conn: HTTPConnection) -> async_sessionmaker[AsyncSession]:
    """The app's session factory (for handlers that open several short sessions)."""
    return _sessionmaker(conn)


async def get_session(conn: HTTPConnection) -> AsyncIterator[AsyncSession]:
    """One session per request; the handler commits, anything else is rolled back."""
    async with _sessionmaker(conn)() as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
SessionDep = Annotated[AsyncSession, Depends(get_session)]
SessionmakerDep = Annotated[async_sessionmaker[AsyncSession], Depends(get_sessionmaker)]
