"""HTTP edge of code execution: ``/api/v1/languages``, ``/api/v1/executions``, room runs."""

from __future__ import annotations

from fastapi import APIRouter

from coderoom.auth.deps import CurrentPrincipal
from coderoom.core.errors import Forbidden
from coderoom.execution import service
from coderoom.execution.deps import ExecutorDep, RunServicesDep
from coderoom.execution.schemas import (
    ExecutionCreate,
    ExecutionPublic,
    LanguagePublic,
    LanguagesPublic,
    LatestRunPublic,
    RoomRunPublic,
)
from coderoom.rooms import access as rooms_access
from coderoom.storage.deps import SessionDep

router = APIRouter(prefix="/api/v1", tags=["execution"])


@router.get("/languages", summary="Languages that can run here (self-test passed)")
async def list_languages(executor: ExecutorDep) -> LanguagesPublic:
    languages = await executor.languages()
    return LanguagesPublic(languages=[LanguagePublic(**vars(language)) for language in languages])


@router.post("/executions", summary="Run code in the sandbox")
async def create_execution(
    data: ExecutionCreate, principal: CurrentPrincipal, services: RunServicesDep
) -> ExecutionPublic:
    participant_id = None
    if principal.kind == "guest" and data.room_id is None:
        raise Forbidden("Guests run code in their room: pass its room_id.", code="room_required")
    if data.room_id is not None:
        access = await rooms_access.access_room_row_by_id(
            services.reads, principal, data.room_id, need=rooms_access.Need.EDIT
        )
        participant_id = access.participant_id
    limit = services.settings.sandbox.run_rate_limit
    await services.limiter.hit(limit, f"run:{principal.subject}")
    request = service.RunRequest(language=data.language, code=data.code, stdin=data.stdin)
    result, run = await service.run_in_room(
        services.sessions,
        services.bus,
        services.executor,
        principal=principal,
        request=request,
        room_id=data.room_id,
        participant_id=participant_id,
        writer=services.writer,
    )
    return ExecutionPublic(id=run["id"], **result.to_dict())


@router.get("/rooms/{room_id}/runs/latest", summary="The room's latest run (for late joiners)")
async def latest_room_run(
    room_id: str, principal: CurrentPrincipal, session: SessionDep
) -> LatestRunPublic:
    await rooms_access.access_room_by_id(session, principal, room_id, need=rooms_access.Need.VIEW)
    run = await service.latest_room_run(session, room_id)
    if run is None:
        return LatestRunPublic(run=None)
    return LatestRunPublic(run=RoomRunPublic(**service.run_event_data(service.run_columns(run))))
