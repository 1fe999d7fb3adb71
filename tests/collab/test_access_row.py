"""The doc socket's column-only access check answers exactly as the REST API's.

``rooms.access.access_room_row_by_id`` reads columns instead of ORM instances, through the
app's hot-path reads (the socket's connect path, room runs); it must grant and refuse
exactly what ``access_room_by_id`` grants and refuses, for every record status, role,
room status and need.
"""

from __future__ import annotations

import itertools
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

import accounts
from coderoom.auth.tokens import Principal
from coderoom.core.errors import AppError
from coderoom.rooms import access as rooms_access
from coderoom.rooms.models import Participant, Room

pytestmark = pytest.mark.anyio

STATUSES = ("waiting", "admitted", "rejected", "removed", "left")
ROLES = ("host", "interviewer", "candidate", "observer")


async def _outcome(call: Any) -> tuple[str, Any]:
    try:
        granted = await call
    except AppError as exc:
        return type(exc).__name__, exc.code
    if isinstance(granted, rooms_access.RoomAccess):
        room, record = granted.room, granted.participant
        granted = rooms_access.RoomAccessRow(
            room.id, room.language, room.problem_id, record.id, record.display_name,
            record.role, record.status, record.color,
        )  # fmt: skip
    return "granted", granted


async def _callers(session: AsyncSession, user_id: str, kind: str) -> list[tuple[Principal, str]]:
    """A caller with a record of every status and role, in active and ended rooms."""
    callers = []
    for room_status, status, role in itertools.product(("active", "ended"), STATUSES, ROLES):
        room = Room(
            title="t", language="go", status=room_status, host_user_id=user_id, problem_id="p1"
        )
        session.add(room)
        await session.flush()
        record = Participant(
            room_id=room.id,
            user_id=user_id if kind == "user" else None,
            display_name=f"{status} {role}",
            role=role,
            status=status,
            color="#123456",
        )
        session.add(record)
        await session.flush()
        subject = user_id if kind == "user" else record.id
        guest_room = room.id if kind == "guest" else None
        callers.append((Principal(subject, kind, "n", guest_room), room.id))  # type: ignore[arg-type]
    return callers


@pytest.mark.parametrize("kind", ["user", "guest"])
async def test_row_check_grants_and_refuses_as_access_room_by_id(
    client: httpx.AsyncClient, state: dict[str, Any], kind: str
) -> None:
    owner = await accounts.register(client, name="Owner")
    async with state["sessionmaker"]() as session:
        cases = await _callers(session, owner["user"]["id"], kind)
        (first, first_room), (_, second_room) = cases[:2]
        # Refusals that come before the record: no room, a guest in another room (an
        # account's own record there), an account with no record.
        cases += [(first, "no-such-room"), (first, second_room)]
        cases += [(Principal("nobody", "user", "n"), first_room)]
        await session.commit()  # the app's hot-path reads see committed rows only
        outcomes = set()
        for (principal, room_id), need, allow_ended in itertools.product(
            cases, rooms_access.Need, (False, True)
        ):
            kwargs = {"need": need, "allow_ended": allow_ended}
            full = await _outcome(
                rooms_access.access_room_by_id(session, principal, room_id, **kwargs)
            )
            row = await _outcome(
                rooms_access.access_room_row_by_id(state["reads"], principal, room_id, **kwargs)
            )
            assert row == full, (principal, room_id, need, allow_ended)
            outcomes.add(full[0] if full[0] != "Forbidden" else full[1])
    # The matrix exercised every kind of answer.
    assert {"granted", "NotFound", "room_ended", "observer", "staff_only", "host_only"} <= outcomes
    assert {f"participant_{s}" for s in STATUSES if s != "admitted"} <= outcomes
