"""Migrations: reversible on both backends, and in step with every domain's models."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from coderoom import models
from coderoom.migrations import downgrade_blocking, upgrade_blocking
from coderoom.storage.db import create_engine
from conftest import PG_ADMIN_DSN, run_blocking


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with nothing in it, of each kind (migrations own it entirely)."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'migrations.db'}"
        return
    name = f"coderoom_migrations_{secrets.token_hex(6)}"
    run_blocking(_admin, f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
    try:
        yield f"{base}/{name}"
    finally:
        run_blocking(_admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names()) - {"alembic_version"}


def _diff(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, models.metadata))


async def _inspect(url: str, func: Any) -> Any:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(func)
    finally:
        await engine.dispose()


def test_upgrade_downgrade_upgrade(empty_database: str) -> None:
    upgrade_blocking(empty_database)
    expected = {table.name for table in models.metadata.sorted_tables}
    assert run_blocking(_inspect, empty_database, _tables) == expected
    downgrade_blocking(empty_database)
    assert run_blocking(_inspect, empty_database, _tables) == set()
    upgrade_blocking(empty_database)
    assert run_blocking(_inspect, empty_database, _tables) == expected


def test_migrations_match_the_models(empty_database: str) -> None:
    upgrade_blocking(empty_database)
    assert run_blocking(_inspect, empty_database, _diff) == []
