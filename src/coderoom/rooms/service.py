"""Room use cases: create, list, read, change, end, delete, invite, join.

Each function checks access through ``access.access_room_by_id``, commits its work and
publishes room events after the commit. Membership changes (admit, reject, roles,
removal) live in ``membership`` and are re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from coderoom.auth import service as auth_service
from coderoom.auth.tokens import Principal
from coderoom.core.clock import utcnow
from coderoom.core.errors import InvalidInput, NotFound
from coderoom.core.ids import new_token
from coderoom.realtime.bus import Bus
from coderoom.realtime.events import publish_room_event
from coderoom.rooms.access import Need, RoomAccess, access_room_by_id, room_not_found
from coderoom.rooms.colors import color_for
from coderoom.rooms.membership import (
    admit,
    enter_room,
    list_participants,
    reject,
    remove_participant,
    set_role,
    visible_participants,
)
from coderoom.rooms.models import Participant, Room
from coderoom.rooms.schemas import RoomCreate, RoomUpdate
from coderoom.settings import Settings

__all__ = [
    "JoinOutcome",
    "admit",
    "create_room",
    "delete_room",
    "end_room",
    "get_room",
    "invite_info",
    "join_by_invite",
    "join_room",
    "list_participants",
    "list_rooms",
    "regenerate_invite",
    "reject",
    "remove_participant",
    "set_role",
    "update_room",
    "visible_participants",
]

# What proctoring records, in words a candidate understands (shown before joining).
PROCTORING_RECORDS = (
    "pastes from outside the editor",
    "leaving this tab",
    "the editor losing focus",
)


@dataclass(frozen=True)
class JoinOutcome:
    """A participant after joining, and the room-scoped token a new guest needs."""

    room: Room
    participant: Participant
    access_token: str | None = None


async def create_room(
    session: AsyncSession, settings: Settings, principal: Principal, data: RoomCreate
) -> RoomAccess:
    """Create a room hosted by the calling account (admitted as ``host``)."""
    assert principal.user_id is not None  # noqa: S101 - routes require an account
    user = await auth_service.get_user(session, principal.user_id)
    room = Room(
        id=new_token(),
        title=data.title,
        description=data.description,
        language=data.language,
        auto_admit=data.auto_admit,
        proctoring_enabled=data.proctoring_enabled,
        problem_id=data.problem_id,
        host_user_id=user.id,
        invite_code=new_token(),
        password_hash=(
            await auth_service.hash_password(settings.auth, data.password)
            if data.password
            else None
        ),
    )
    host = Participant(
        room_id=room.id,
        user_id=user.id,
        display_name=user.name,
        role="host",
        status="admitted",
        color=color_for(user.id),
    )
    session.add(room)
    await session.flush()  # no ORM relationship orders the inserts, so the room goes first
    session.add(host)
    await session.commit()
    return RoomAccess(room=room, participant=host)


async def list_rooms(
    session: AsyncSession, principal: Principal, *, status: str | None, limit: int, offset: int
) -> tuple[list[RoomAccess], int]:
    """The caller's rooms (hosted or joined; not rejected or removed), newest first.

    Returns:
        One page of rooms with the caller's record in each, and the total count.
    """
    mine = (
        Participant.id == principal.subject
        if principal.kind == "guest"
        else Participant.user_id == principal.subject
    )
    where = [mine, Participant.status.not_in(["rejected", "removed"])]
    if status is not None:
        where.append(Room.status == status)
    query = (
        select(Room, Participant).join(Participant, Participant.room_id == Room.id).where(*where)
    )
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    page = await session.execute(
        query.order_by(Room.created_at.desc(), Room.id).limit(limit).offset(offset)
    )
    return [RoomAccess(room=room, participant=me) for room, me in page.tuples()], total or 0


async def get_room(session: AsyncSession, principal: Principal, room_id: str) -> RoomAccess:
    """A room the caller has any record in (ended rooms too)."""
    return await access_room_by_id(session, principal, room_id, need=Need.ENTER, allow_ended=True)


async def update_room(
    session: AsyncSession, bus: Bus, principal: Principal, room_id: str, data: RoomUpdate
) -> RoomAccess:
    """Change room settings (host and interviewers); publishes ``room.updated``."""
    access = await access_room_by_id(session, principal, room_id, need=Need.STAFF)
    changes = {
        key: value
        for key, value in data.model_dump(exclude_unset=True).items()
        if (value is not None or key == "problem_id") and getattr(access.room, key) != value
    }
    if changes:
        for key, value in changes.items():
            setattr(access.room, key, value)
        await session.commit()
        await publish_room_event(bus, access.room.id, "room.updated", {"changes": changes})
    return access


async def end_room(
    session: AsyncSession, bus: Bus, principal: Principal, room_id: str
) -> RoomAccess:
    """End the room for everyone (host only); ending twice is harmless."""
    access = await access_room_by_id(session, principal, room_id, need=Need.HOST, allow_ended=True)
    if access.room.status != "ended":
        access.room.status = "ended"
        access.room.ended_at = utcnow()
        await session.commit()
        await publish_room_event(
            bus, access.room.id, "room.ended", {"ended_at": access.room.ended_at.isoformat()}
        )
    return access


async def delete_room(session: AsyncSession, bus: Bus, principal: Principal, room_id: str) -> None:
    """Delete the room and everything it owns, in every domain's tables (host only)."""
    access = await access_room_by_id(session, principal, room_id, need=Need.HOST, allow_ended=True)
    was_active = access.room.status == "active"
    # Children first. Foreign keys would cascade, but some domains keep room data without
    # one (the collab log outlives edits to rooms); a ``room_id`` column marks them all.
    for table in reversed(Room.metadata.sorted_tables):
        if "room_id" in table.c and table.name != Room.__tablename__:
            await session.execute(table.delete().where(table.c.room_id == access.room.id))
    await session.execute(delete(Room).where(Room.id == access.room.id))
    await session.commit()
    if was_active:
        await publish_room_event(bus, room_id, "room.ended", {"deleted": True})


async def regenerate_invite(
    session: AsyncSession, principal: Principal, room_id: str
) -> RoomAccess:
    """Give the room a new invite code; the old one stops working (host only)."""
    access = await access_room_by_id(session, principal, room_id, need=Need.HOST)
    access.room.invite_code = new_token()
    await session.commit()
    return access


async def join_room(
    session: AsyncSession, bus: Bus, principal: Principal, room_id: str, *, password: str | None
) -> JoinOutcome:
    """An account joins by room id (the id is itself an unguessable capability).

    Raises:
        NotFound: no such room.
        Forbidden: ended room or wrong password.
    """
    room = await session.get(Room, room_id)
    if room is None:
        raise room_not_found()
    participant = await enter_room(session, bus, room, principal=principal, password=password)
    return JoinOutcome(room=room, participant=participant)


async def _room_by_invite(session: AsyncSession, code: str) -> Room:
    room = await session.scalar(select(Room).where(Room.invite_code == code))
    if room is None:
        raise NotFound("This invite link is not valid (any more).", code="invite_invalid")
    return room


async def invite_info(session: AsyncSession, code: str) -> tuple[Room, str, list[str]]:
    """The room behind an invite code, its host's name and what the room records.

    Raises:
        NotFound: ``invite_invalid`` for an unknown or replaced code.
    """
    room = await _room_by_invite(session, code)
    host = await auth_service.get_user(session, room.host_user_id)
    recorded = ["the code you write, keystroke by keystroke, for replay"]
    if room.proctoring_enabled:
        recorded.extend(PROCTORING_RECORDS)
    return room, host.name, recorded


async def join_by_invite(
    session: AsyncSession,
    bus: Bus,
    settings: Settings,
    principal: Principal | None,
    code: str,
    *,
    name: str | None,
    password: str | None,
) -> JoinOutcome:
    """Join through an invite: as the calling account, or as a new guest named ``name``.

    A guest token for this same room rejoins as that guest; a guest token for another
    room is ignored (the caller joins as a new guest).

    Raises:
        NotFound: ``invite_invalid``.
        InvalidInput: a new guest without a name.
        Forbidden: ended room or wrong password.
    """
    room = await _room_by_invite(session, code)
    if principal is not None and principal.kind == "guest" and principal.room_id != room.id:
        principal = None
    if principal is None and name is None:
        raise InvalidInput(
            "Tell us your name to join as a guest.",
            code="name_required",
            details=[{"loc": ["body", "name"], "msg": "required", "type": "missing"}],
        )
    participant = await enter_room(
        session, bus, room, principal=principal, guest_name=name, password=password
    )
    token = None
    if participant.user_id is None:
        token = auth_service.issue_guest_token(
            settings, participant_id=participant.id, name=participant.display_name, room_id=room.id
        )
    return JoinOutcome(room=room, participant=participant, access_token=token)
