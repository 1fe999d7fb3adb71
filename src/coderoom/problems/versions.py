"""Version history of interviewers' problems: each edit keeps the content it replaced.

Built-in problems have no stored history (their history is the repository's); seeding
bumps their version number only.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from coderoom.core.errors import NotFound
from coderoom.problems.models import Problem, ProblemVersion, TestCase
from coderoom.problems.schemas import (
    ProblemSnapshot,
    ProblemVersions,
    ProblemVersionSummary,
    TestCasePublic,
)

# The Problem fields a snapshot keeps (tags is the packed ",a,b," form).
SNAPSHOT_FIELDS = (
    "title",
    "difficulty",
    "tags",
    "statement",
    "starter_code",
    "solutions",
    "time_limit_s",
    "memory_mb",
    "comparator",
    "float_tolerance",
)


async def snapshot(session: AsyncSession, problem: Problem) -> dict[str, Any]:
    """The current content of ``problem`` (fields and every test) as JSON-ready data."""
    tests = await session.scalars(
        select(TestCase).where(TestCase.problem_id == problem.id).order_by(TestCase.position)
    )
    data = {name: getattr(problem, name) for name in SNAPSHOT_FIELDS}
    data["tests"] = [
        {
            "position": t.position,
            "stdin": t.stdin,
            "expected_stdout": t.expected_stdout,
            "is_sample": t.is_sample,
            "weight": t.weight,
        }
        for t in tests
    ]
    return data


async def record_version(session: AsyncSession, problem: Problem) -> None:
    """Keep the current version's content before an edit replaces it (not committed)."""
    session.add(
        ProblemVersion(
            problem_id=problem.id,
            version=problem.version,
            snapshot=await snapshot(session, problem),
            created_at=problem.updated_at,
        )
    )


async def list_versions(session: AsyncSession, problem: Problem) -> ProblemVersions:
    """Every version of ``problem``, newest (the current one) first."""
    older = await session.execute(
        select(ProblemVersion.version, ProblemVersion.created_at)
        .where(ProblemVersion.problem_id == problem.id)
        .order_by(ProblemVersion.version.desc())
    )
    current = ProblemVersionSummary(
        version=problem.version, created_at=problem.updated_at, current=True
    )
    return ProblemVersions(
        items=[
            current,
            *(ProblemVersionSummary(version=v, created_at=t, current=False) for v, t in older),
        ]
    )


def _snapshot_view(version: int, created_at: datetime, data: dict[str, Any]) -> ProblemSnapshot:
    fields = {name: data[name] for name in SNAPSHOT_FIELDS if name != "tags"}
    return ProblemSnapshot(
        version=version,
        created_at=created_at,
        tags=[tag for tag in data["tags"].split(",") if tag],
        tests=[TestCasePublic.preview(**test) for test in data["tests"]],
        **fields,
    )


async def get_version(session: AsyncSession, problem: Problem, version: int) -> ProblemSnapshot:
    """The content of one version of ``problem``.

    Raises:
        NotFound: the problem never had that version.
    """
    if version == problem.version:
        return _snapshot_view(version, problem.updated_at, await snapshot(session, problem))
    row = await session.scalar(
        select(ProblemVersion).where(
            ProblemVersion.problem_id == problem.id, ProblemVersion.version == version
        )
    )
    if row is None:
        raise NotFound("This problem has no such version.", code="version_not_found")
    return _snapshot_view(row.version, row.created_at, row.snapshot)
