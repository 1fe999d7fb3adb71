"""The single permission choke point for rooms.

Every route and socket that touches a room calls ``access_room_by_id``. An outsider
gets ``NotFound``, exactly as for a room that does not exist, so room ids leak nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy import ColumnElement, String, and_, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from coderoom.auth.tokens import Principal, PrincipalKind
from coderoom.core.errors import Forbidden, NotFound
from coderoom.rooms.models import Participant, Room
from coderoom.storage.reads import Reads

STAFF_ROLES = frozenset({"host", "interviewer"})


class Need(StrEnum):
    """What the caller wants to do, from weakest to strongest."""

    ENTER = "enter"  # any participant record, even waiting (to learn the outcome)
    VIEW = "view"  # admitted
    EDIT = "edit"  # admitted, not an observer
    STAFF = "staff"  # admitted host or interviewer
    HOST = "host"  # the host


@dataclass(frozen=True)
class RoomAccess:
    """A room and the caller's participant record in it."""

    room: Room
    participant: Participant


@dataclass(frozen=True, slots=True)
class RoomAccessRow:
    """What ``access_room_row_by_id`` grants: the room's and the record's columns only.

    For hot paths (the document socket's connect) that need a handful of columns, not
    ORM instances: hydrating a ``Room`` and a ``Participant`` was most of the access
    check's CPU.
    """

    room_id: str
    language: str
    problem_id: str | None
    participant_id: str
    display_name: str
    role: str
    status: str
    color: str


class _Record(Protocol):
    """What ``check_need`` reads of a participant record."""

    @property
    def status(self) -> str: ...

    @property
    def role(self) -> str: ...


def _is_caller(kind: PrincipalKind, records: Any = Participant) -> ColumnElement[bool]:
    # A guest is their own participant record; an account has one record per room.
    # ``records``: the mapped class, or its table's columns for a Core-only statement.
    subject = bindparam("subject", type_=String)
    if kind == "guest":
        return and_(records.id == subject, records.user_id.is_(None))
    own: ColumnElement[bool] = records.user_id == subject
    return own


# Built once with bound parameters: this runs on every request and socket connect, and
# building the expression each time cost more CPU than the query itself.
_KINDS: tuple[PrincipalKind, ...] = ("user", "guest")
_ROOM_AND_RECORD = {
    kind: select(Room, Participant)
    .outerjoin(Participant, and_(Participant.room_id == Room.id, _is_caller(kind)))
    .where(Room.id == bindparam("room_id"))
    for kind in _KINDS
}
_RECORD = {
    kind: select(Participant).where(Participant.room_id == bindparam("room_id"), _is_caller(kind))
    for kind in _KINDS
}


_rooms, _records = Room.__table__.c, Participant.__table__.c
# The same join, as plain columns: a Core select returns rows, with no ORM loading.
_ROW = {
    kind: select(
        _rooms.id,
        _rooms.language,
        _rooms.problem_id,
        _rooms.status.label("room_status"),
        _records.id.label("participant_id"),
        _records.display_name,
        _records.role,
        _records.status,
        _records.color,
    )
    .select_from(
        Room.__table__.outerjoin(
            Participant.__table__,
            and_(_records.room_id == _rooms.id, _is_caller(kind, _records)),
        )
    )
    .where(_rooms.id == bindparam("room_id"))
    for kind in _KINDS
}


def room_not_found() -> NotFound:
    """The one error for "no such room" and "not yours to know about"."""
    return NotFound("There is no such room.", code="room_not_found")


async def access_room_by_id(
    session: AsyncSession,
    principal: Principal,
    room_id: str,
    *,
    need: Need,
    allow_ended: bool = False,
) -> RoomAccess:
    """Load a room for ``principal`` if they may do ``need`` in it.

    Args:
        session: the database session.
        principal: the caller (account or guest).
        room_id: the room asked for.
        need: the permission required.
        allow_ended: whether an ended room is acceptable (reading, replay, deleting).

    Returns:
        The room and the caller's participant record.

    Raises:
        NotFound: no such room, or the caller has no record in it (a guest token for
            another room included).
        Forbidden: the caller's record does not grant ``need``, or the room has ended.
    """
    params = {"room_id": room_id, "subject": principal.subject}
    row = (await session.execute(_ROOM_AND_RECORD[principal.kind], params)).first()
    if row is None:
        raise room_not_found()
    room, participant = row  # a Row unpacks like a tuple (Row.tuple() warned on every call)
    _check(principal, room.id, room.status, participant, need=need, allow_ended=allow_ended)
    return RoomAccess(room=room, participant=participant)


async def access_room_row_by_id(
    reads: Reads,
    principal: Principal,
    room_id: str,
    *,
    need: Need,
    allow_ended: bool = False,
) -> RoomAccessRow:
    """``access_room_by_id`` answered with columns instead of ORM instances.

    The same query and the same checks (``_check``); only the answer's shape differs.

    Raises:
        NotFound, Forbidden: as ``access_room_by_id``.
    """
    params = {"room_id": room_id, "subject": principal.subject}
    row = await reads.first(_ROW[principal.kind], params)
    if row is None:
        raise room_not_found()
    room_id_, language, problem_id, room_status, pid, name, role, status, color = row
    record = (
        None
        if pid is None
        else RoomAccessRow(room_id_, language, problem_id, pid, name, role, status, color)
    )
    _check(principal, room_id_, room_status, record, need=need, allow_ended=allow_ended)
    assert record is not None  # noqa: S101 - _check refused a missing record
    return record


def _check(
    principal: Principal,
    room_id: str,
    room_status: str,
    record: _Record | None,
    *,
    need: Need,
    allow_ended: bool,
) -> None:
    # The room exists; whether this caller may do ``need`` in it. One rule per line.
    if principal.kind == "guest" and principal.room_id != room_id:
        raise room_not_found()
    if record is None:
        raise room_not_found()
    check_need(record, need)
    if room_status == "ended" and not allow_ended:
        raise Forbidden("This room has ended.", code="room_ended")


async def find_participant(
    session: AsyncSession, principal: Principal, room_id: str
) -> Participant | None:
    """The caller's participant record in ``room_id``, if any."""
    params = {"room_id": room_id, "subject": principal.subject}
    return await session.scalar(_RECORD[principal.kind], params)


def check_need(participant: _Record, need: Need) -> None:
    """Raise ``Forbidden`` unless ``participant`` grants ``need``."""
    if need is Need.ENTER:
        return
    if participant.status != "admitted":
        raise Forbidden(
            _status_message(participant.status), code=f"participant_{participant.status}"
        )
    if need is Need.EDIT and participant.role == "observer":
        raise Forbidden("Observers can watch but not change the room.", code="observer")
    if need is Need.STAFF and participant.role not in STAFF_ROLES:
        raise Forbidden("Only the host and interviewers can do this.", code="staff_only")
    if need is Need.HOST and participant.role != "host":
        raise Forbidden("Only the host can do this.", code="host_only")


def _status_message(status: str) -> str:
    return {
        "waiting": "You are in the waiting room until the host admits you.",
        "rejected": "The host did not admit you to this room.",
        "removed": "You were removed from this room.",
        "left": "You left this room; join again to come back.",
    }.get(status, "You are not admitted to this room.")
