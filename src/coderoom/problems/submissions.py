"""Problems in rooms: attach a problem, run the sample tests, submit, list, report.

Who sees what: a room's staff (host, interviewers) get the full problem and every
submission with scores and per-test details; everyone else gets the candidate-safe
problem and only their own submissions, redacted to the sample tests and the number of
hidden tests passed. Events follow the same split: ``submission.created`` (with the
score) goes to staff, ``submission.notice`` (who submitted, nothing more) to everyone;
``tests.finished`` (a sample-test run's summary) goes to everyone.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from coderoom.auth.tokens import Principal
from coderoom.core.errors import NotFound
from coderoom.execution import service as execution_service
from coderoom.problems import service
from coderoom.problems.judge import Judgement, judge
from coderoom.problems.models import Problem, Submission
from coderoom.problems.schemas import (
    CodeIn,
    ProblemFull,
    ProblemPublic,
    ReportRow,
    RoomReport,
    RunTestsResult,
    SampleResult,
    SubmissionFull,
    SubmissionPublic,
    TestResult,
)
from coderoom.realtime.bus import Bus
from coderoom.realtime.events import publish_room_event
from coderoom.rooms import access as rooms_access
from coderoom.rooms.models import Participant

Need = rooms_access.Need


def is_staff(access: rooms_access.RoomAccess) -> bool:
    """Whether the caller is an admitted host or interviewer of the room."""
    participant = access.participant
    return participant.status == "admitted" and participant.role in rooms_access.STAFF_ROLES


async def _attached(session: AsyncSession, access: rooms_access.RoomAccess) -> Problem:
    """The room's problem, if it may be used there.

    ``Room.problem_id`` can also be set when a room is created or edited, without the
    checks ``attach_problem`` makes; so a private problem counts only while its owner is
    staff of the room (otherwise any host could expose someone else's hidden tests).
    """
    problem = await service.find_problem(session, access.room.problem_id)
    if problem is None or not (problem.builtin or await _owner_is_staff(session, access, problem)):
        raise NotFound("No problem is attached to this room.", code="no_problem")
    return problem


async def starter_code_for_room(session: AsyncSession, access: rooms_access.RoomAccess) -> str:
    """The starter code of the room's problem in the room's language ("" if none).

    The document of a room created with a problem starts with it (see
    ``coderoom.collab``); the same visibility rule as every other use applies.
    """
    if access.room.problem_id is None:
        return ""
    try:
        problem = await _attached(session, access)
    except NotFound:
        return ""
    return problem.starter_code.get(access.room.language, "")


async def _owner_is_staff(
    session: AsyncSession, access: rooms_access.RoomAccess, problem: Problem
) -> bool:
    owner = await session.scalar(
        select(Participant).where(
            Participant.room_id == access.room.id,
            Participant.user_id == problem.owner_user_id,
        )
    )
    return owner is not None and owner.role in rooms_access.STAFF_ROLES


async def attach_problem(
    session: AsyncSession, bus: Bus, principal: Principal, room_id: str, ref: str | None
) -> ProblemFull | None:
    """Attach the problem ``ref`` (id or slug) to a room, or detach with ``None``.

    Staff only. Publishes ``problem.changed`` to the room after the commit.

    Raises:
        NotFound: no such room for the caller, or a problem they may not see.
        Forbidden: not staff, or the room has ended.
    """
    access = await rooms_access.access_room_by_id(session, principal, room_id, need=Need.STAFF)
    problem = None if ref is None else await service.get_problem(session, principal, ref)
    access.room.problem_id = problem.id if problem else None
    await session.commit()
    data: dict[str, Any] = {"problem_id": None, "slug": None, "title": None, "version": None}
    if problem is not None:
        data = {
            "problem_id": problem.id,
            "slug": problem.slug,
            "title": problem.title,
            "version": problem.version,
        }
    await publish_room_event(bus, room_id, "problem.changed", data, actor_id=access.participant.id)
    return None if problem is None else await service.full_view(session, problem)


async def room_problem(
    session: AsyncSession, principal: Principal, room_id: str
) -> ProblemPublic | ProblemFull | None:
    """The room's problem: full for staff, candidate-safe for everyone else; None if unset.

    "No problem" is an ordinary state of a room, asked for on every room load: an answer,
    not an error (a 404 would log a failed request in every participant's console).

    Raises:
        NotFound: no such room for the caller.
        Forbidden: not admitted.
    """
    access = await rooms_access.access_room_by_id(
        session, principal, room_id, need=Need.VIEW, allow_ended=True
    )
    try:
        problem = await _attached(session, access)
    except NotFound:
        return None
    return await service.problem_view(session, problem, full=is_staff(access))


async def _judge_in_room(
    session: AsyncSession,
    executor: execution_service.Executor,
    principal: Principal,
    room_id: str,
    data: CodeIn,
    *,
    samples_only: bool,
) -> tuple[rooms_access.RoomAccess, Problem, Judgement]:
    access = await rooms_access.access_room_by_id(session, principal, room_id, need=Need.EDIT)
    problem = await _attached(session, access)
    tests = await service.load_tests(session, problem.id, samples_only=samples_only)
    # End the read transaction before the sandbox runs (seconds): no connection or
    # snapshot is held while we wait. Loaded objects stay usable (expire_on_commit=False).
    await session.commit()
    judgement = await judge(executor, problem, tests, language=data.language, code=data.code)
    return access, problem, judgement


async def run_sample_tests(
    session: AsyncSession,
    executor: execution_service.Executor,
    bus: Bus,
    principal: Principal,
    room_id: str,
    data: CodeIn,
) -> RunTestsResult:
    """Run ``data`` on the sample tests only; show input, expected and actual output.

    Tells the room (``tests.finished``: who, language, verdict, passed/total; samples are
    public, and no output is included) so the run shows on the room's timeline.

    Raises:
        NotFound, Forbidden: as ``access_room_by_id`` with ``Need.EDIT``; no problem.
        InvalidInput, PayloadTooLarge, RateLimited: from the executor.
    """
    access, problem, judgement = await _judge_in_room(
        session, executor, principal, room_id, data, samples_only=True
    )
    me = access.participant
    summary = {
        "participant_id": me.id,
        "display_name": me.display_name,
        "language": data.language,
        "verdict": judgement.verdict,
        "passed": judgement.passed,
        "total": len(judgement.outcomes),
    }
    await publish_room_event(bus, room_id, "tests.finished", summary, actor_id=me.id)
    samples = {
        t.position: t for t in await service.load_tests(session, problem.id, samples_only=True)
    }
    return RunTestsResult(
        verdict=judgement.verdict,
        compile_output=judgement.compile_output,
        passed=judgement.passed,
        total=len(judgement.outcomes),
        results=[
            SampleResult(
                position=o.position,
                verdict=o.verdict,
                stdin=samples[o.position].stdin,
                expected_stdout=samples[o.position].expected_stdout,
                actual_stdout=o.stdout,
                stderr=o.stderr,
                time_ms=o.time_ms,
                memory_kb=o.memory_kb,
            )
            for o in judgement.outcomes
            if o.position in samples
        ],
    )


def _stored_results(judgement: Judgement) -> list[dict[str, Any]]:
    # If you add a key here, add it to TestResult too (views are built from these dicts).
    return [
        {
            "position": o.position,
            "is_sample": o.is_sample,
            "weight": o.weight,
            "verdict": o.verdict,
            "time_ms": o.time_ms,
            "memory_kb": o.memory_kb,
            "actual_stdout": o.stdout,
            "stderr": o.stderr,
        }
        for o in judgement.outcomes
    ]


def submission_view(
    submission: Submission, display_name: str, *, full: bool
) -> SubmissionPublic | SubmissionFull:
    """Staff view (score, every test) or the submitter's redacted view."""
    results = [TestResult.model_validate(r) for r in submission.results]
    public = SubmissionPublic(
        id=submission.id,
        room_id=submission.room_id,
        participant_id=submission.participant_id,
        display_name=display_name,
        problem_id=submission.problem_id,
        problem_version=submission.problem_version,
        language=submission.language,
        code=submission.code,
        verdict=submission.verdict,
        compile_output=submission.compile_output,
        hidden_passed=submission.hidden_passed,
        hidden_total=submission.hidden_total,
        samples=[r for r in results if r.is_sample],
        created_at=submission.created_at,
    )
    if not full:
        return public
    return SubmissionFull(
        **public.model_dump(exclude={"view"}),
        score=submission.score,
        passed=submission.passed,
        total=submission.total,
        time_ms=submission.time_ms,
        memory_kb=submission.memory_kb,
        results=results,
    )


async def _publish_submission(bus: Bus, submission: Submission, display_name: str) -> None:
    notice = {
        "submission_id": submission.id,
        "participant_id": submission.participant_id,
        "display_name": display_name,
        "language": submission.language,
        "created_at": submission.created_at.isoformat(),
    }
    score = {
        "verdict": submission.verdict,
        "score": submission.score,
        "passed": submission.passed,
        "total": submission.total,
        "hidden_passed": submission.hidden_passed,
        "hidden_total": submission.hidden_total,
    }
    room_id, actor = submission.room_id, submission.participant_id
    await publish_room_event(
        bus, room_id, "submission.created", notice | score, audience="staff", actor_id=actor
    )
    await publish_room_event(bus, room_id, "submission.notice", notice, actor_id=actor)


async def submit(
    session: AsyncSession,
    executor: execution_service.Executor,
    bus: Bus,
    principal: Principal,
    room_id: str,
    data: CodeIn,
) -> SubmissionPublic | SubmissionFull:
    """Run ``data`` on every test, record the submission, and tell the room.

    Returns:
        The submission as the caller may see it (full for staff).

    Raises:
        NotFound, Forbidden: as ``access_room_by_id`` with ``Need.EDIT``; no problem.
        InvalidInput, PayloadTooLarge, RateLimited: from the executor.
    """
    access, problem, judgement = await _judge_in_room(
        session, executor, principal, room_id, data, samples_only=False
    )
    submission = Submission(
        room_id=room_id,
        participant_id=access.participant.id,
        problem_id=problem.id,
        problem_version=problem.version,
        language=data.language,
        code=data.code,
        verdict=judgement.verdict,
        score=judgement.score,
        passed=judgement.passed,
        total=len(judgement.outcomes),
        hidden_passed=judgement.hidden_passed,
        hidden_total=judgement.hidden_total,
        time_ms=judgement.time_ms,
        memory_kb=judgement.memory_kb,
        compile_output=judgement.compile_output,
        results=_stored_results(judgement),
    )
    session.add(submission)
    await session.commit()
    name = access.participant.display_name
    await _publish_submission(bus, submission, name)
    return submission_view(submission, name, full=is_staff(access))


async def list_submissions(
    session: AsyncSession, principal: Principal, room_id: str
) -> list[SubmissionPublic | SubmissionFull]:
    """Staff: every submission of the room; others: their own, redacted. Newest first."""
    access = await rooms_access.access_room_by_id(
        session, principal, room_id, need=Need.VIEW, allow_ended=True
    )
    staff = is_staff(access)
    query = (
        select(Submission, Participant.display_name)
        .join(Participant, Participant.id == Submission.participant_id)
        .where(Submission.room_id == room_id)
        .order_by(Submission.created_at.desc(), Submission.id)
    )
    if not staff:
        query = query.where(Submission.participant_id == access.participant.id)
    rows = (await session.execute(query)).all()
    return [submission_view(sub, name, full=staff) for sub, name in rows]


def _report_row(participant: Participant, subs: list[Submission]) -> ReportRow:
    ordered = sorted(subs, key=lambda s: s.created_at)
    best = max(ordered, key=lambda s: s.score, default=None)
    first_pass = next((s for s in ordered if s.verdict == "accepted"), None)
    return ReportRow(
        participant_id=participant.id,
        display_name=participant.display_name,
        role=participant.role,
        attempts=len(ordered),
        best_score=best.score if best else None,
        best_verdict=best.verdict if best else None,
        first_submission_at=ordered[0].created_at if ordered else None,
        first_passing_at=first_pass.created_at if first_pass else None,
        seconds_to_first_pass=(
            round((first_pass.created_at - participant.joined_at).total_seconds(), 3)
            if first_pass
            else None
        ),
    )


async def room_report(session: AsyncSession, principal: Principal, room_id: str) -> RoomReport:
    """Per participant: attempts, best score, time from joining to the first full pass.

    Lists candidates, and anyone else who submitted. Staff only.
    """
    access = await rooms_access.access_room_by_id(
        session, principal, room_id, need=Need.STAFF, allow_ended=True
    )
    participants = list(
        await session.scalars(
            select(Participant)
            .where(Participant.room_id == room_id)
            .order_by(Participant.joined_at, Participant.id)
        )
    )
    by_participant: dict[str, list[Submission]] = {p.id: [] for p in participants}
    for sub in await session.scalars(select(Submission).where(Submission.room_id == room_id)):
        by_participant[sub.participant_id].append(sub)
    rows = [
        _report_row(p, by_participant[p.id])
        for p in participants
        if p.role == "candidate" or by_participant[p.id]
    ]
    return RoomReport(room_id=room_id, problem_id=access.room.problem_id, rows=rows)
