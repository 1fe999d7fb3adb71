"""HTTP edge for problems: ``/api/v1/problems`` and a room's problem and submissions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response, status

from coderoom.auth.deps import CurrentPrincipal, CurrentUser
from coderoom.execution.deps import ExecutorDep
from coderoom.problems import service, submissions, versions
from coderoom.problems.models import Problem
from coderoom.problems.schemas import (
    LANGUAGE_PATTERN,
    TAG_PATTERN,
    CodeIn,
    Difficulty,
    ProblemCreate,
    ProblemFull,
    ProblemPublic,
    ProblemSnapshot,
    ProblemsPublic,
    ProblemUpdate,
    ProblemVersions,
    RoomProblemSet,
    RoomReport,
    RunTestsResult,
    SubmissionFull,
    SubmissionPublic,
    SubmissionsPublic,
)
from coderoom.realtime.deps import BusDep
from coderoom.storage.deps import SessionDep

router = APIRouter(prefix="/api/v1", tags=["problems"])

# Ids are UUIDs, slugs lowercase words, room ids URL-safe tokens: nothing else can match,
# and refusing the rest early keeps NULs and such away from the database.
REF_PATTERN = r"^[A-Za-z0-9_-]+$"
ProblemRef = Annotated[str, Path(min_length=1, max_length=80, pattern=REF_PATTERN)]
RoomId = Annotated[str, Path(min_length=1, max_length=64, pattern=REF_PATTERN)]


async def _owned_problem(ref: ProblemRef, principal: CurrentUser, session: SessionDep) -> Problem:
    return await service.get_owned_problem(session, principal, ref)


# The caller's own problem named by ``{ref}`` (NotFound for anyone else's).
OwnedProblem = Annotated[Problem, Depends(_owned_problem)]


@router.get("/problems", summary="List and search problems")
async def list_problems(
    principal: CurrentUser,
    session: SessionDep,
    q: Annotated[str | None, Query(max_length=100, pattern=r"^[^\x00]*$")] = None,
    difficulty: Difficulty | None = None,
    tag: Annotated[str | None, Query(max_length=30, pattern=TAG_PATTERN)] = None,
    language: Annotated[str | None, Query(max_length=20, pattern=LANGUAGE_PATTERN)] = None,
    mine: bool = False,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> ProblemsPublic:
    rows, total = await service.list_problems(
        session,
        principal,
        query=q,
        difficulty=difficulty,
        tag=tag,
        language=language,
        mine=mine,
        limit=limit,
        offset=offset,
    )
    items = [service.summary(p) for p in rows]
    return ProblemsPublic(items=items, total=total, limit=limit, offset=offset)


@router.get("/problems/{ref}", summary="A problem by id or slug (full view for its owner)")
async def get_problem(
    ref: ProblemRef, principal: CurrentUser, session: SessionDep
) -> ProblemFull | ProblemPublic:
    problem = await service.get_problem(session, principal, ref)
    return await service.problem_view(session, problem, full=service.is_owner(problem, principal))


@router.get("/problems/{ref}/versions", summary="Versions of your problem")
async def list_versions(problem: OwnedProblem, session: SessionDep) -> ProblemVersions:
    return await versions.list_versions(session, problem)


@router.get("/problems/{ref}/versions/{version}", summary="One version of your problem")
async def get_version(
    ref: ProblemRef,
    version: Annotated[int, Path(ge=1, le=1_000_000)],
    principal: CurrentUser,
    session: SessionDep,
) -> ProblemSnapshot:
    # ``ref`` comes first in the signature (not an ``OwnedProblem``) to keep the
    # path parameters in URL order in the OpenAPI schema.
    problem = await service.get_owned_problem(session, principal, ref)
    return await versions.get_version(session, problem, version)


@router.post("/problems", status_code=status.HTTP_201_CREATED, summary="Create a problem")
async def create_problem(
    data: ProblemCreate, principal: CurrentUser, session: SessionDep
) -> ProblemFull:
    problem = await service.create_problem(session, principal, data)
    return await service.full_view(session, problem)


@router.patch("/problems/{ref}", summary="Edit your problem (bumps its version)")
async def update_problem(
    ref: ProblemRef, data: ProblemUpdate, principal: CurrentUser, session: SessionDep
) -> ProblemFull:
    problem = await service.update_problem(session, principal, ref, data)
    return await service.full_view(session, problem)


@router.delete(
    "/problems/{ref}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete your problem"
)
async def delete_problem(ref: ProblemRef, principal: CurrentUser, session: SessionDep) -> Response:
    await service.delete_problem(session, principal, ref)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put("/rooms/{room_id}/problem", summary="Attach a problem to the room (staff)")
async def set_room_problem(
    room_id: RoomId,
    data: RoomProblemSet,
    principal: CurrentPrincipal,
    session: SessionDep,
    bus: BusDep,
) -> ProblemFull | None:
    return await submissions.attach_problem(session, bus, principal, room_id, data.problem_id)


@router.get("/rooms/{room_id}/problem", summary="The room's problem (candidate-safe)")
async def get_room_problem(
    room_id: RoomId, principal: CurrentPrincipal, session: SessionDep
) -> ProblemFull | ProblemPublic | None:
    return await submissions.room_problem(session, principal, room_id)


@router.post("/rooms/{room_id}/problem/run-tests", summary="Run code on the sample tests")
async def run_tests(
    room_id: RoomId,
    data: CodeIn,
    principal: CurrentPrincipal,
    session: SessionDep,
    executor: ExecutorDep,
    bus: BusDep,
) -> RunTestsResult:
    return await submissions.run_sample_tests(session, executor, bus, principal, room_id, data)


@router.post(
    "/rooms/{room_id}/submissions",
    status_code=status.HTTP_201_CREATED,
    summary="Submit code: run every test and record a score",
)
async def submit(
    room_id: RoomId,
    data: CodeIn,
    principal: CurrentPrincipal,
    session: SessionDep,
    executor: ExecutorDep,
    bus: BusDep,
) -> SubmissionFull | SubmissionPublic:
    return await submissions.submit(session, executor, bus, principal, room_id, data)


@router.get("/rooms/{room_id}/submissions", summary="Submissions (staff: all; others: own)")
async def list_submissions(
    room_id: RoomId, principal: CurrentPrincipal, session: SessionDep
) -> SubmissionsPublic:
    return SubmissionsPublic(items=await submissions.list_submissions(session, principal, room_id))


@router.get("/rooms/{room_id}/report", summary="Per-participant results (staff)")
async def room_report(
    room_id: RoomId, principal: CurrentPrincipal, session: SessionDep
) -> RoomReport:
    return await submissions.room_report(session, principal, room_id)
