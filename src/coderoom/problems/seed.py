"""``coderoom seed``: load the built-in library into the database, idempotently."""

from __future__ import annotations

import logging
from collections.abc import Collection

import anyio
from sqlalchemy.ext.asyncio import AsyncSession

from coderoom.problems import service
from coderoom.problems.loader import LIBRARY_DIR, LibraryProblem, load_library_blocking
from coderoom.settings import Settings
from coderoom.storage.db import create_engine, create_sessionmaker, session_scope

log = logging.getLogger(__name__)


async def seed_problems(session: AsyncSession, problems: list[LibraryProblem]) -> int:
    """Insert or update ``problems`` (matched by slug); returns how many are in the library.

    Re-running never duplicates: an unchanged problem is left alone, a changed one is
    updated in place with its version bumped.
    """
    for problem in problems:
        outcome = await service.upsert_builtin(session, problem)
        log.info("problem %s: %s", problem.slug, outcome)
    return len(problems)


async def seed_library(settings: Settings, *, slugs: Collection[str] | None = None) -> int:
    """Seed the database named by ``settings`` with the built-in library.

    Args:
        settings: where the database is.
        slugs: only these problems (tests use it to keep seeding fast); default all.

    Returns:
        The number of problems in the library that were seeded.
    """
    problems = await anyio.to_thread.run_sync(load_library_blocking, LIBRARY_DIR, slugs)
    if settings.is_sqlite:
        settings.var_dir.mkdir(parents=True, exist_ok=True)
    engine = create_engine(settings.database_url)
    try:
        async with session_scope(create_sessionmaker(engine)) as session:
            return await seed_problems(session, problems)
    finally:
        await engine.dispose()
