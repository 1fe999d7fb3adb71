"""Migrations: reversible on both backends, and in step with every domain's models."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from coderoom import models
from coderoom.migrations import downgrade_blocking, upgrade_blocking
from coderoom.storage.db import create_engine
from conftest import run_blocking, scratch_pg_database


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with nothing in it, of each kind (migrations own it entirely)."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'migrations.db'}"
        return
    with scratch_pg_database("coderoom_migrations") as url:
        yield url


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
