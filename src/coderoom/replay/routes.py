"""HTTP edge of replay: ``/api/v1/rooms/{id}/replay`` and its updates, state and analytics."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from coderoom.auth.deps import CurrentPrincipal
from coderoom.collab.deps import RoomManagerDep
from coderoom.replay import analytics, service
from coderoom.replay.schemas import AnalyticsPublic, StatePublic, TimelinePublic, UpdatesPage
from coderoom.storage.deps import SessionDep

router = APIRouter(prefix="/api/v1/rooms/{room_id}/replay", tags=["replay"])

_MAX_SEQ = 2**62


@router.get("", summary="A room's timeline: lanes, document updates and markers (staff)")
async def get_timeline(
    room_id: str, principal: CurrentPrincipal, session: SessionDep, manager: RoomManagerDep
) -> TimelinePublic:
    room = await service.staff_room(session, principal, room_id)
    await manager.updates.flush()  # a live room's last edits may still be queued
    return await service.timeline(session, room)


@router.get("/updates", summary="The raw document updates after a seq, base64 (staff)")
async def get_updates(
    room_id: str,
    principal: CurrentPrincipal,
    session: SessionDep,
    manager: RoomManagerDep,
    after_seq: Annotated[int, Query(ge=0, le=_MAX_SEQ)] = 0,
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
) -> UpdatesPage:
    await service.staff_room(session, principal, room_id)
    await manager.updates.flush()
    return await service.updates_page(session, room_id, after_seq=after_seq, limit=limit)


@router.get("/state", summary="The files at a moment: a log seq or an ISO 8601 time (staff)")
async def get_state(
    room_id: str,
    principal: CurrentPrincipal,
    session: SessionDep,
    manager: RoomManagerDep,
    at: Annotated[str, Query(min_length=1, max_length=64)],
) -> StatePublic:
    moment = service.parse_at(at)
    await service.staff_room(session, principal, room_id)
    await manager.updates.flush()
    return await service.state_at(session, room_id, moment)


@router.get("/analytics", summary="Per-participant numbers of a room (staff)")
async def get_analytics(
    room_id: str,
    principal: CurrentPrincipal,
    session: SessionDep,
    manager: RoomManagerDep,
    idle_gap_s: Annotated[float, Query(gt=0, le=3600)] = analytics.DEFAULT_IDLE_GAP_S,
) -> AnalyticsPublic:
    await service.staff_room(session, principal, room_id)
    await manager.updates.flush()
    return await analytics.room_analytics(session, room_id, idle_gap_s=idle_gap_s)
