"""HTTP edge for rooms, participants and invites: ``/api/v1/rooms``, ``/api/v1/invites``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, status
from sqlalchemy.ext.asyncio import AsyncSession

from coderoom.auth.deps import (
    ClientIp,
    CurrentPrincipal,
    CurrentUser,
    OptionalPrincipal,
    RateLimiter,
    RateLimiterDep,
)
from coderoom.auth.tokens import Principal
from coderoom.core.errors import Forbidden
from coderoom.realtime.bus import Bus
from coderoom.realtime.deps import BusDep
from coderoom.rooms import service
from coderoom.rooms.access import STAFF_ROLES, RoomAccess
from coderoom.rooms.models import Participant
from coderoom.rooms.schemas import (
    InviteJoin,
    InvitePublic,
    JoinResult,
    ParticipantPublic,
    ParticipantsPublic,
    RoleUpdate,
    RoomCreate,
    RoomJoin,
    RoomPublic,
    RoomsPublic,
    RoomUpdate,
)
from coderoom.storage.deps import SessionDep, SettingsDep

router = APIRouter(prefix="/api/v1", tags=["rooms"])

_ID_PATTERN = r"^[A-Za-z0-9_-]+$"  # url-safe tokens and UUIDs; nothing else is ever an id
RoomId = Annotated[str, Path(min_length=1, max_length=64, pattern=_ID_PATTERN)]
ParticipantId = Annotated[str, Path(min_length=1, max_length=64, pattern=_ID_PATTERN)]
InviteCode = Annotated[str, Path(min_length=1, max_length=64, pattern=_ID_PATTERN)]


async def _room_public(
    session: AsyncSession, access: RoomAccess, *, with_participants: bool = True
) -> RoomPublic:
    room, me = access.room, access.participant
    admitted = me.status == "admitted"
    participants = None
    if with_participants and admitted:
        participants = [
            ParticipantPublic.model_validate(p)
            for p in await service.visible_participants(session, access)
        ]
    return RoomPublic(
        id=room.id,
        title=room.title,
        description=room.description,
        language=room.language,
        status="ended" if room.status == "ended" else "active",
        auto_admit=room.auto_admit,
        proctoring_enabled=room.proctoring_enabled,
        problem_id=room.problem_id,
        host_user_id=room.host_user_id,
        password_required=room.password_hash is not None,
        invite_code=room.invite_code if admitted and me.role in STAFF_ROLES else None,
        created_at=room.created_at,
        ended_at=room.ended_at,
        me=ParticipantPublic.model_validate(me),
        participants=participants,
    )


@dataclass(frozen=True)
class _PasswordGuard:
    """Limits wrong room passwords per caller address and room (``room_password_rate_limit``)."""

    limiter: RateLimiter
    limit: str
    ip: str

    async def join(
        self, room_ref: str, join: Callable[[], Awaitable[service.JoinOutcome]]
    ) -> JoinResult:
        # Only wrong passwords count, so guests behind one address are not locked out.
        key = f"room-password:{self.ip}:{room_ref}"
        await self.limiter.check(self.limit, key)
        try:
            return _join_result(await join())
        except Forbidden as exc:
            if exc.code == "wrong_password":
                await self.limiter.hit(self.limit, key)
            raise


async def _password_guard(
    settings: SettingsDep, limiter: RateLimiterDep, ip: ClientIp
) -> _PasswordGuard:
    return _PasswordGuard(limiter, settings.auth.room_password_rate_limit, ip)


PasswordGuard = Annotated[_PasswordGuard, Depends(_password_guard)]


def _join_result(outcome: service.JoinOutcome) -> JoinResult:
    participant = ParticipantPublic.model_validate(outcome.participant)
    return JoinResult(
        room_id=outcome.room.id,
        status=participant.status,
        participant=participant,
        access_token=outcome.access_token,
    )


@router.post("/rooms", status_code=status.HTTP_201_CREATED, summary="Create a room")
async def create_room(
    data: RoomCreate, principal: CurrentUser, session: SessionDep, settings: SettingsDep
) -> RoomPublic:
    access = await service.create_room(session, settings, principal, data)
    return await _room_public(session, access)


@router.get("/rooms", summary="My rooms (hosted or joined)")
async def list_rooms(
    principal: CurrentPrincipal,
    session: SessionDep,
    room_status: Annotated[Literal["active", "ended"] | None, Query(alias="status")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> RoomsPublic:
    accesses, total = await service.list_rooms(
        session, principal, status=room_status, limit=limit, offset=offset
    )
    items = [await _room_public(session, a, with_participants=False) for a in accesses]
    return RoomsPublic(items=items, total=total, limit=limit, offset=offset)


@router.get("/rooms/{room_id}", summary="A room (participants for admitted members)")
async def get_room(room_id: RoomId, principal: CurrentPrincipal, session: SessionDep) -> RoomPublic:
    return await _room_public(session, await service.get_room(session, principal, room_id))


@router.patch("/rooms/{room_id}", summary="Change room settings (host, interviewers)")
async def update_room(
    room_id: RoomId, data: RoomUpdate, principal: CurrentPrincipal, session: SessionDep, bus: BusDep
) -> RoomPublic:
    access = await service.update_room(session, bus, principal, room_id, data)
    return await _room_public(session, access)


@router.delete(
    "/rooms/{room_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete a room (host)"
)
async def delete_room(
    room_id: RoomId, principal: CurrentPrincipal, session: SessionDep, bus: BusDep
) -> None:
    await service.delete_room(session, bus, principal, room_id)


@router.post("/rooms/{room_id}/join", summary="Join a room with an account")
async def join_room(
    room_id: RoomId,
    data: RoomJoin,
    principal: CurrentUser,
    session: SessionDep,
    bus: BusDep,
    guard: PasswordGuard,
) -> JoinResult:
    join = partial(service.join_room, session, bus, principal, room_id, password=data.password)
    return await guard.join(room_id, join)


@router.post("/rooms/{room_id}/end", summary="End the room for everyone (host)")
async def end_room(
    room_id: RoomId, principal: CurrentPrincipal, session: SessionDep, bus: BusDep
) -> RoomPublic:
    return await _room_public(session, await service.end_room(session, bus, principal, room_id))


@router.post("/rooms/{room_id}/invite", summary="New invite code; the old one stops working")
async def regenerate_invite(
    room_id: RoomId, principal: CurrentPrincipal, session: SessionDep
) -> RoomPublic:
    access = await service.regenerate_invite(session, principal, room_id)
    return await _room_public(session, access)


@router.get("/rooms/{room_id}/participants", summary="Participants (staff: waiting list too)")
async def list_participants(
    room_id: RoomId, principal: CurrentPrincipal, session: SessionDep
) -> ParticipantsPublic:
    rows = await service.list_participants(session, principal, room_id)
    return ParticipantsPublic(items=[ParticipantPublic.model_validate(p) for p in rows])


_ParticipantAction = Callable[[AsyncSession, Bus, Principal, str, str], Awaitable[Participant]]


@dataclass(frozen=True)
class _Target:
    """A staff action's inputs: the caller and the participant named by the path."""

    session: AsyncSession
    bus: Bus
    principal: Principal
    room_id: str
    participant_id: str

    async def apply(self, action: _ParticipantAction) -> ParticipantPublic:
        target = await action(
            self.session, self.bus, self.principal, self.room_id, self.participant_id
        )
        return ParticipantPublic.model_validate(target)


async def _target(
    room_id: RoomId,
    participant_id: ParticipantId,
    principal: CurrentPrincipal,
    session: SessionDep,
    bus: BusDep,
) -> _Target:
    return _Target(session, bus, principal, room_id, participant_id)


TargetDep = Annotated[_Target, Depends(_target)]


@router.post("/rooms/{room_id}/participants/{participant_id}/admit", summary="Admit (staff)")
async def admit(target: TargetDep) -> ParticipantPublic:
    return await target.apply(service.admit)


@router.post("/rooms/{room_id}/participants/{participant_id}/reject", summary="Reject (staff)")
async def reject(target: TargetDep) -> ParticipantPublic:
    return await target.apply(service.reject)


@router.patch("/rooms/{room_id}/participants/{participant_id}", summary="Change a role (host)")
async def set_role(target: TargetDep, data: RoleUpdate) -> ParticipantPublic:
    return await target.apply(partial(service.set_role, role=data.role))


@router.delete(
    "/rooms/{room_id}/participants/{participant_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a participant (staff)",
)
async def remove_participant(target: TargetDep) -> None:
    await target.apply(service.remove_participant)


@router.get("/invites/{code}", tags=["invites"], summary="What the join page needs")
async def invite_info(code: InviteCode, session: SessionDep) -> InvitePublic:
    room, host_name, recorded = await service.invite_info(session, code)
    return InvitePublic(
        room_id=room.id,
        title=room.title,
        host_name=host_name,
        language=room.language,
        password_required=room.password_hash is not None,
        recorded=recorded,
        status="ended" if room.status == "ended" else "active",
    )


@router.post("/invites/{code}/join", tags=["invites"], summary="Join as an account or a guest")
async def join_by_invite(
    code: InviteCode,
    data: InviteJoin,
    principal: OptionalPrincipal,
    session: SessionDep,
    settings: SettingsDep,
    bus: BusDep,
    guard: PasswordGuard,
) -> JoinResult:
    join = partial(
        service.join_by_invite,
        session,
        bus,
        settings,
        principal,
        code,
        name=data.name,
        password=data.password,
    )
    return await guard.join(code, join)
