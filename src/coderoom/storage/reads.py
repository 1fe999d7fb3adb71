"""Hot-path reads behind one interface: inline on SQLite, a short session elsewhere.

``Reads`` is what the account check, the room access check and room loads need: the
rows, the first row, or the first column of it, of a prebuilt statement.
``InlineReads`` (SQLite files) answers on the loop's thread; ``SessionReads`` (PostgreSQL,
in-memory SQLite) opens a session per read, as the natively async drivers are fast enough.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker


class Scalars(Protocol):
    """Anything that answers ``scalar(statement, params)``: ``Reads`` or an ``AsyncSession``."""

    async def scalar(self, statement: Select[Any], params: Mapping[str, Any]) -> Any:
        """The first column of the first row, or None."""
        ...


class Reads(Scalars, Protocol):
    """Short reads of module-level statements (rows unpack like tuples)."""

    async def first(self, statement: Select[Any], params: Mapping[str, Any]) -> Any:
        """The first row, or None."""
        ...

    async def all(self, statement: Select[Any], params: Mapping[str, Any]) -> list[Any]:
        """Every row."""
        ...


class SessionReads:
    """``Reads`` through a short session of ``sessions`` per call."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def first(self, statement: Select[Any], params: Mapping[str, Any]) -> Any:
        """The first row, or None."""
        async with self._sessions() as session:
            return (await session.execute(statement, params)).first()

    async def all(self, statement: Select[Any], params: Mapping[str, Any]) -> list[Any]:
        """Every row."""
        async with self._sessions() as session:
            return list((await session.execute(statement, params)).all())

    async def scalar(self, statement: Select[Any], params: Mapping[str, Any]) -> Any:
        """The first column of the first row, or None."""
        async with self._sessions() as session:
            return await session.scalar(statement, params)
