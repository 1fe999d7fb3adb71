"""Who is in a room: joining, the waiting room, admission, roles, removal."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from coderoom.auth import service as auth_service
from coderoom.auth.tokens import Principal
from coderoom.core.errors import Conflict, Forbidden, NotFound
from coderoom.core.ids import new_id
from coderoom.realtime.bus import Bus
from coderoom.rooms._events import publish_participant
from coderoom.rooms.access import (
    STAFF_ROLES,
    Need,
    RoomAccess,
    access_room_by_id,
    find_participant,
)
from coderoom.rooms.colors import color_for
from coderoom.rooms.models import Participant, Room


async def enter_room(
    session: AsyncSession,
    bus: Bus,
    room: Room,
    *,
    principal: Principal | None,
    guest_name: str | None = None,
    password: str | None = None,
) -> Participant:
    """Put the caller into ``room`` (waiting or admitted), or return their existing record.

    Args:
        session: the database session.
        bus: where the admission events go.
        room: the room, already found by id or invite code.
        principal: the account joining, or a guest already in this room; ``None`` for a
            new guest.
        guest_name: the name a new guest chose.
        password: the room password, when it has one.

    Returns:
        The participant. A rejected or removed participant comes back unchanged.

    Raises:
        Forbidden: the room has ended (``room_ended``) or the password is wrong
            (``wrong_password``; nothing is recorded then).
    """
    existing = await find_participant(session, principal, room.id) if principal else None
    if existing is not None:
        return await _come_back(session, bus, existing)
    if room.status != "active":
        raise Forbidden("This room has ended.", code="room_ended")
    await _check_password(room, password)
    participant, created = await _new_participant(session, room, principal, guest_name)
    if not created:
        return participant
    await publish_participant(
        bus,
        participant,
        "participant.joined" if participant.status == "admitted" else "admission.waiting",
        audiences=("all",) if participant.status == "admitted" else ("staff",),
    )
    return participant


async def _check_password(room: Room, password: str | None) -> None:
    if room.password_hash is None:
        return
    if password is None or not await auth_service.verify_password(room.password_hash, password):
        raise Forbidden("The room password is not correct.", code="wrong_password")


async def _come_back(session: AsyncSession, bus: Bus, participant: Participant) -> Participant:
    # Someone who left was admitted before; the waiting room is for newcomers.
    if participant.status != "left":
        return participant
    participant.status = "admitted"
    await session.commit()
    await publish_participant(bus, participant, "participant.joined", audiences=("all",))
    return participant


async def _new_participant(
    session: AsyncSession, room: Room, principal: Principal | None, guest_name: str | None
) -> tuple[Participant, bool]:
    participant = Participant(
        room_id=room.id,
        role="candidate",
        status="admitted" if room.auto_admit else "waiting",
    )
    taken = set(
        await session.scalars(select(Participant.color).where(Participant.room_id == room.id))
    )
    if principal is not None and principal.user_id is not None:
        user = await auth_service.get_user(session, principal.user_id)
        participant.user_id = user.id
        participant.display_name = user.name
        participant.color = color_for(user.id, taken)
    else:
        participant.display_name = guest_name or "Guest"
        participant.id = new_id()
        participant.color = color_for(participant.id, taken)
    session.add(participant)
    try:
        await session.commit()
    except IntegrityError as exc:
        # The same account joined at the same moment (two tabs): use the record that won.
        await session.rollback()
        await session.refresh(room)  # the rollback expired it; no lazy loads in async code
        existing = await find_participant(session, principal, room.id) if principal else None
        if existing is None:
            raise Conflict("You are already joining this room.", code="already_joining") from exc
        return existing, False
    return participant, True


async def list_participants(
    session: AsyncSession, principal: Principal, room_id: str
) -> list[Participant]:
    """Participants the caller may see (admitted callers only; ended rooms too)."""
    access = await access_room_by_id(session, principal, room_id, need=Need.VIEW, allow_ended=True)
    return await visible_participants(session, access)


async def visible_participants(session: AsyncSession, access: RoomAccess) -> list[Participant]:
    """Staff see every participant (the waiting list too); others the admitted ones."""
    query = select(Participant).where(Participant.room_id == access.room.id)
    if access.participant.role not in STAFF_ROLES:
        query = query.where(Participant.status == "admitted")
    rows = await session.scalars(query.order_by(Participant.joined_at, Participant.id))
    return list(rows)


async def admit(
    session: AsyncSession, bus: Bus, principal: Principal, room_id: str, participant_id: str
) -> Participant:
    """Let a waiting (or rejected) participant in. Staff only.

    Raises:
        NotFound: no such room for the caller, or no such participant in it.
        Forbidden: the caller is not staff, or the room has ended.
    """
    _, target = await _staff_target(session, principal, room_id, participant_id)
    if await _decide(session, target, to="admitted", allowed={"waiting", "rejected"}):
        await publish_participant(
            bus, target, "admission.admitted", audiences=("participant", "staff")
        )
        await publish_participant(bus, target, "participant.joined", audiences=("all",))
    return target


async def reject(
    session: AsyncSession, bus: Bus, principal: Principal, room_id: str, participant_id: str
) -> Participant:
    """Turn a waiting participant away for good. Staff only.

    Raises:
        NotFound: no such room for the caller, or no such participant in it.
        Forbidden: the caller is not staff, or the room has ended.
        Conflict: the participant is not waiting.
    """
    _, target = await _staff_target(session, principal, room_id, participant_id)
    if await _decide(session, target, to="rejected", allowed={"waiting"}):
        await publish_participant(
            bus, target, "admission.rejected", audiences=("participant", "staff")
        )
    return target


async def set_role(
    session: AsyncSession,
    bus: Bus,
    principal: Principal,
    room_id: str,
    participant_id: str,
    *,
    role: str,
) -> Participant:
    """Change a participant's role (interviewer, candidate or observer). Host only.

    Raises:
        NotFound: no such room for the caller, or no such participant in it.
        Forbidden: the caller is not the host, the target is the host, or the room ended.
    """
    access = await access_room_by_id(session, principal, room_id, need=Need.HOST)
    target = await _participant_in(session, access.room.id, participant_id)
    if target.role == "host":
        raise Forbidden("The host's role cannot change.", code="host_role_fixed")
    if target.role != role:
        target.role = role
        await session.commit()
        await publish_participant(bus, target, "participant.role_changed", audiences=("all",))
    return target


async def remove_participant(
    session: AsyncSession, bus: Bus, principal: Principal, room_id: str, participant_id: str
) -> Participant:
    """Remove someone from the room; they cannot come back through the invite.

    Staff may remove candidates and observers; only the host may remove interviewers;
    nobody removes the host.

    Raises:
        NotFound: no such room for the caller, or no such participant in it.
        Forbidden: not allowed as described above.
    """
    access, target = await _staff_target(session, principal, room_id, participant_id)
    if target.role == "host":
        raise Forbidden("The host cannot be removed.", code="host_role_fixed")
    if target.role in STAFF_ROLES and access.participant.role != "host":
        raise Forbidden("Only the host can remove an interviewer.", code="host_only")
    if target.status != "removed":
        target.status = "removed"
        await session.commit()
        await publish_participant(
            bus, target, "participant.removed", audiences=("all", "participant")
        )
    return target


async def _decide(
    session: AsyncSession, target: Participant, *, to: str, allowed: set[str]
) -> bool:
    """Move ``target`` to admission status ``to`` from one of ``allowed`` and commit.

    Returns whether the status changed (already ``to`` is a no-op, not an error).
    """
    if target.status == to:
        return False
    if target.status not in allowed:
        raise Conflict(f"Only waiting participants can be {to}.", code="not_waiting")
    target.status = to
    await session.commit()
    return True


async def _staff_target(
    session: AsyncSession, principal: Principal, room_id: str, participant_id: str
) -> tuple[RoomAccess, Participant]:
    access = await access_room_by_id(session, principal, room_id, need=Need.STAFF)
    return access, await _participant_in(session, access.room.id, participant_id)


async def _participant_in(session: AsyncSession, room_id: str, participant_id: str) -> Participant:
    target = await session.get(Participant, participant_id)
    if target is None or target.room_id != room_id:
        raise NotFound("There is no such participant.", code="participant_not_found")
    return target
