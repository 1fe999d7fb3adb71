"""Problem library use cases: list, read (public or full view), create, edit, delete, seed.

Visibility: built-in problems are visible to every account and read-only; a problem an
interviewer creates is visible to its owner only (others get ``NotFound``, as if it did
not exist). The full view (hidden tests, reference solutions) goes to the owner here, and
to a room's staff through ``coderoom.problems.submissions``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from sqlalchemy import delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from coderoom.auth.tokens import Principal
from coderoom.core.clock import utcnow
from coderoom.core.errors import Conflict, Forbidden, NotFound
from coderoom.problems import versions
from coderoom.problems.loader import LibraryProblem
from coderoom.problems.models import Problem, TestCase
from coderoom.problems.schemas import (
    ProblemCreate,
    ProblemFull,
    ProblemPublic,
    ProblemSummary,
    ProblemUpdate,
    TestCasePublic,
)


def _pack(values: Sequence[str]) -> str:
    return "," + "".join(f"{v}," for v in values)


def _unpack(packed: str) -> list[str]:
    return [v for v in packed.split(",") if v]


def problem_not_found() -> NotFound:
    """The one error for "no such problem" and "not yours to see"."""
    return NotFound("There is no such problem.", code="problem_not_found")


def is_owner(problem: Problem, principal: Principal) -> bool:
    """Whether ``principal`` owns ``problem`` (nobody owns a built-in one)."""
    return principal.user_id is not None and problem.owner_user_id == principal.user_id


def _visible_to(principal: Principal) -> ColumnElement[bool]:
    if principal.user_id is None:
        return Problem.builtin.is_(True)
    return or_(Problem.builtin.is_(True), Problem.owner_user_id == principal.user_id)


async def get_problem(session: AsyncSession, principal: Principal, ref: str) -> Problem:
    """A problem ``principal`` may see, by id or slug.

    Raises:
        NotFound: no such problem, or someone else's.
    """
    query = select(Problem).where(or_(Problem.id == ref, Problem.slug == ref))
    problem = await session.scalar(query.where(_visible_to(principal)))
    if problem is None:
        raise problem_not_found()
    return problem


async def find_problem(session: AsyncSession, ref: str | None) -> Problem | None:
    """A problem by id or slug, whoever owns it; callers decide who may see it."""
    if ref is None:
        return None
    return await session.scalar(select(Problem).where(or_(Problem.id == ref, Problem.slug == ref)))


async def list_problems(
    session: AsyncSession,
    principal: Principal,
    *,
    query: str | None = None,
    difficulty: str | None = None,
    tag: str | None = None,
    language: str | None = None,
    mine: bool = False,
    limit: int = 20,
    offset: int = 0,
) -> tuple[list[Problem], int]:
    """A page of the problems ``principal`` may see, and how many match in total.

    Args:
        session: the database session.
        principal: the caller.
        query: case-insensitive text searched in title, slug and tags.
        difficulty: ``easy``, ``medium`` or ``hard``.
        tag: only problems with this tag.
        language: only problems with starter code in this language.
        mine: only the caller's own problems.
        limit: page size.
        offset: rows to skip.
    """
    conditions = [_visible_to(principal)]
    if mine:
        conditions.append(Problem.owner_user_id == principal.user_id)
    if difficulty:
        conditions.append(Problem.difficulty == difficulty)
    if tag:
        conditions.append(Problem.tags.contains(f",{tag},", autoescape=True))
    if language:
        conditions.append(Problem.languages.contains(f",{language},", autoescape=True))
    if query:
        pattern = query.lower()
        conditions.append(
            or_(
                func.lower(Problem.title).contains(pattern, autoescape=True),
                Problem.slug.contains(pattern, autoescape=True),
                Problem.tags.contains(pattern, autoescape=True),
            )
        )
    total = await session.scalar(select(func.count()).select_from(Problem).where(*conditions))
    rows = await session.scalars(
        select(Problem)
        .where(*conditions)
        .order_by(Problem.builtin.desc(), Problem.title, Problem.id)
        .limit(limit)
        .offset(offset)
    )
    return list(rows), total or 0


async def load_tests(
    session: AsyncSession, problem_id: str, *, samples_only: bool = False
) -> list[TestCase]:
    """The tests of a problem in order (only the samples when ``samples_only``)."""
    query = select(TestCase).where(TestCase.problem_id == problem_id)
    if samples_only:
        query = query.where(TestCase.is_sample.is_(True))
    return list(await session.scalars(query.order_by(TestCase.position)))


def summary(problem: Problem) -> ProblemSummary:
    """The list-item view of a problem."""
    return ProblemSummary(
        id=problem.id,
        slug=problem.slug,
        title=problem.title,
        difficulty=problem.difficulty,
        tags=_unpack(problem.tags),
        languages=_unpack(problem.languages),
        builtin=problem.builtin,
        owner_user_id=problem.owner_user_id,
        version=problem.version,
        updated_at=problem.updated_at,
    )


def _test_public(test: TestCase) -> TestCasePublic:
    return TestCasePublic.preview(
        position=test.position,
        stdin=test.stdin,
        expected_stdout=test.expected_stdout,
        is_sample=test.is_sample,
        weight=test.weight,
    )


async def public_view(session: AsyncSession, problem: Problem) -> ProblemPublic:
    """The candidate-safe view: never hidden tests, never solutions."""
    samples = await load_tests(session, problem.id, samples_only=True)
    hidden = await session.scalar(
        select(func.count())
        .select_from(TestCase)
        .where(TestCase.problem_id == problem.id, TestCase.is_sample.is_(False))
    )
    return ProblemPublic(
        **summary(problem).model_dump(),
        statement=problem.statement,
        starter_code=problem.starter_code,
        time_limit_s=problem.time_limit_s,
        memory_mb=problem.memory_mb,
        comparator=problem.comparator,
        float_tolerance=problem.float_tolerance,
        samples=[_test_public(t) for t in samples],
        hidden_count=hidden or 0,
    )


async def full_view(session: AsyncSession, problem: Problem) -> ProblemFull:
    """The owner/staff view: every test and the reference solutions."""
    public = await public_view(session, problem)
    tests = await load_tests(session, problem.id)
    return ProblemFull(
        **public.model_dump(exclude={"view"}),
        tests=[_test_public(t) for t in tests],
        solutions=problem.solutions,
    )


async def problem_view(
    session: AsyncSession, problem: Problem, *, full: bool
) -> ProblemPublic | ProblemFull:
    """``full_view`` or ``public_view``."""
    return await (full_view if full else public_view)(session, problem)


class _TestLike(Protocol):
    @property
    def stdin(self) -> str: ...
    @property
    def expected_stdout(self) -> str: ...
    @property
    def is_sample(self) -> bool: ...
    @property
    def weight(self) -> int: ...


def _replace_tests(session: AsyncSession, problem_id: str, tests: Iterable[_TestLike]) -> None:
    session.add_all(
        TestCase(
            problem_id=problem_id,
            position=position,
            stdin=test.stdin,
            expected_stdout=test.expected_stdout,
            is_sample=test.is_sample,
            weight=test.weight,
        )
        for position, test in enumerate(tests, 1)
    )


async def create_problem(
    session: AsyncSession, principal: Principal, data: ProblemCreate
) -> Problem:
    """Create a problem owned by ``principal`` (an account) and commit.

    Raises:
        Forbidden: a guest tried.
        Conflict: the slug is taken.
    """
    if principal.user_id is None:
        raise Forbidden("Only accounts can create problems.", code="account_required")
    fields = data.model_dump(exclude={"tests", "tags"})
    problem = Problem(
        **fields,
        tags=_pack(data.tags),
        languages=_pack(sorted(data.starter_code)),
        owner_user_id=principal.user_id,
        builtin=False,
        version=1,
    )
    session.add(problem)
    try:
        await session.flush()
    except IntegrityError:
        await session.rollback()
        raise Conflict("That slug is already taken.", code="slug_taken") from None
    _replace_tests(session, problem.id, data.tests)
    await session.commit()
    return problem


async def get_owned_problem(session: AsyncSession, principal: Principal, ref: str) -> Problem:
    """The caller's own problem, by id or slug.

    Raises:
        NotFound: no such problem, or someone else's.
        Forbidden: a built-in problem (read-only).
    """
    problem = await get_problem(session, principal, ref)
    if problem.builtin:
        raise Forbidden("Built-in problems are read-only.", code="problem_read_only")
    if not is_owner(problem, principal):
        raise problem_not_found()
    return problem


async def update_problem(
    session: AsyncSession, principal: Principal, ref: str, data: ProblemUpdate
) -> Problem:
    """Apply a partial edit to the caller's problem, bump its version and commit.

    Raises:
        NotFound: no such problem, or someone else's.
        Forbidden: a built-in problem.
    """
    problem = await get_owned_problem(session, principal, ref)
    await versions.record_version(session, problem)
    changes = data.model_dump(exclude_unset=True, exclude={"tests", "tags"})
    for name, value in changes.items():
        setattr(problem, name, value)
    if data.tags is not None:
        problem.tags = _pack(data.tags)
    if data.starter_code is not None:
        problem.languages = _pack(sorted(data.starter_code))
    if data.tests is not None:
        await session.execute(delete(TestCase).where(TestCase.problem_id == problem.id))
        _replace_tests(session, problem.id, data.tests)
    problem.version += 1
    problem.updated_at = utcnow()
    await session.commit()
    return problem


async def delete_problem(session: AsyncSession, principal: Principal, ref: str) -> None:
    """Delete the caller's problem and its tests (submissions keep their record).

    Raises:
        NotFound: no such problem, or someone else's.
        Forbidden: a built-in problem.
    """
    problem = await get_owned_problem(session, principal, ref)
    await session.execute(delete(TestCase).where(TestCase.problem_id == problem.id))
    await session.delete(problem)
    await session.commit()


async def upsert_builtin(session: AsyncSession, library: LibraryProblem) -> str:
    """Insert or update one built-in problem by slug; returns what happened.

    Unchanged content (same hash) is left alone; changed content replaces the tests and
    bumps the version. A user's problem holding the slug is left untouched.
    """
    problem = await session.scalar(select(Problem).where(Problem.slug == library.slug))
    if problem is not None and not problem.builtin:
        return "skipped: slug owned by a user problem"
    digest = library.content_hash
    if problem is not None and problem.content_hash == digest:
        return "unchanged"
    created = problem is None
    if problem is None:
        problem = Problem(slug=library.slug, builtin=True, version=1)
        session.add(problem)
    else:
        problem.version += 1
        await session.execute(delete(TestCase).where(TestCase.problem_id == problem.id))
    problem.title = library.title
    problem.difficulty = library.difficulty
    problem.tags = _pack(library.tags)
    problem.languages = _pack(sorted(library.starter_code))
    problem.statement = library.statement
    problem.starter_code = library.starter_code
    problem.solutions = library.solutions
    problem.time_limit_s = library.time_limit_s
    problem.memory_mb = library.memory_mb
    problem.comparator = library.comparator
    problem.float_tolerance = library.float_tolerance
    problem.content_hash = digest
    problem.updated_at = utcnow()
    await session.flush()
    _replace_tests(session, problem.id, library.tests)
    await session.flush()
    return "created" if created else "updated"
