"""The built-in library on disk, and seeding it into the database (idempotent)."""

from __future__ import annotations

import os
import sys

import anyio
import pytest
from sqlalchemy import func, select

from coderoom.problems import models
from coderoom.problems.comparators import outputs_match
from coderoom.problems.loader import LIBRARY_DIR, load_library_blocking
from coderoom.problems.seed import seed_library
from coderoom.settings import Settings
from coderoom.storage.db import create_engine, create_sessionmaker

LIBRARY = load_library_blocking()
# Problems whose largest input is short text but heavy work (coin-change: amount 10 000
# with 50 coins makes a naive recursion explode).
SMALL_BY_NATURE = {"coin-change": 30}
TOPICS = {
    "arrays",
    "strings",
    "hashing",
    "two-pointers",
    "stacks",
    "intervals",
    "trees",
    "graphs",
    "bfs",
    "dynamic-programming",
    "heaps",
}


def test_library_has_at_least_15_problems_of_mixed_difficulty_and_topics() -> None:
    assert len(LIBRARY) >= 15
    assert {p.difficulty for p in LIBRARY} == {"easy", "medium", "hard"}
    assert {tag for p in LIBRARY for tag in p.tags} >= TOPICS


@pytest.mark.parametrize("problem", LIBRARY, ids=lambda p: p.slug)
def test_problem_folder_is_complete(problem: object) -> None:
    from coderoom.problems.loader import LibraryProblem

    assert isinstance(problem, LibraryProblem)
    assert problem.title
    assert "## Input" in problem.statement
    assert "## Output" in problem.statement
    assert "xample" in problem.statement
    languages = {"python", "javascript", "java", "cpp"}
    assert languages <= set(problem.starter_code)
    assert languages <= set(problem.solutions)
    assert "python" in problem.wrong
    samples = [t for t in problem.tests if t.is_sample]
    hidden = [t for t in problem.tests if not t.is_sample]
    assert 2 <= len(samples) <= 3
    assert len(hidden) >= 8
    # Edge cases: some tiny input, and a large input that punishes quadratic solutions.
    assert min(len(t.stdin) for t in problem.tests) <= 12
    largest = max(len(t.stdin) for t in hidden)
    assert largest >= SMALL_BY_NATURE.get(problem.slug, 50_000)
    folder = LIBRARY_DIR / problem.slug
    assert (folder / "gen.py").is_file()
    for path in (folder / "tests").iterdir():
        assert path.stat().st_size < 1_000_000, path


@pytest.mark.parametrize("problem", LIBRARY, ids=lambda p: p.slug)
def test_samples_in_statement_match_the_sample_tests(problem: object) -> None:
    from coderoom.problems.loader import LibraryProblem

    assert isinstance(problem, LibraryProblem)
    for sample in (t for t in problem.tests if t.is_sample):
        # Every sample's expected output is accepted against itself, and the first
        # line of its input appears in the statement (code block or table).
        assert outputs_match(problem.comparator, sample.expected_stdout, sample.expected_stdout)
        first_line = sample.stdin.splitlines()[0] if sample.stdin.strip() else ""
        assert first_line in problem.statement


async def _counts(settings: Settings) -> tuple[int, int, dict[str, int]]:
    engine = create_engine(settings.database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            problems = await session.scalar(select(func.count()).select_from(models.Problem))
            tests = await session.scalar(select(func.count()).select_from(models.TestCase))
            versions = dict(
                (await session.execute(select(models.Problem.slug, models.Problem.version))).all()
            )
            return problems or 0, tests or 0, versions
    finally:
        await engine.dispose()


@pytest.mark.anyio
async def test_seed_is_idempotent_and_updates_in_place(settings: Settings) -> None:
    slugs = {"two-sum", "valid-parentheses", "running-median"}
    assert await seed_library(settings, slugs=slugs) == 3
    first = await _counts(settings)
    assert first[0] == 3
    assert first[1] == sum(len(p.tests) for p in LIBRARY if p.slug in slugs)
    assert await seed_library(settings, slugs=slugs) == 3
    assert await _counts(settings) == first  # nothing duplicated, no version bump

    engine = create_engine(settings.database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            problem = await session.scalar(
                select(models.Problem).where(models.Problem.slug == "two-sum")
            )
            assert problem is not None
            problem.content_hash = "stale"
            problem.title = "Edited by hand"
            await session.commit()
    finally:
        await engine.dispose()
    await seed_library(settings, slugs=slugs)
    problems, tests, versions = await _counts(settings)
    assert (problems, tests) == first[:2]
    assert versions["two-sum"] == 2
    assert versions["valid-parentheses"] == 1


@pytest.mark.anyio
async def test_cli_seed_in_a_fresh_process_twice(settings: Settings) -> None:
    # A fresh process imports only what ``coderoom seed`` needs: this catches a model
    # whose foreign-key targets are not registered outside the web app.
    env = {
        **os.environ,
        "CODEROOM_DATABASE_URL": settings.database_url,
        "CODEROOM_VAR_DIR": str(settings.var_dir),
        "CODEROOM_SECRET_KEY": settings.secret_key,
    }
    for _ in range(2):
        done = await anyio.run_process([sys.executable, "-m", "coderoom", "seed"], env=env)
        assert done.stdout.decode() == f"seeded {len(LIBRARY)} problems\n"
    problems, tests, versions = await _counts(settings)
    assert problems == len(LIBRARY)
    assert tests == sum(len(p.tests) for p in LIBRARY)
    assert set(versions.values()) == {1}
