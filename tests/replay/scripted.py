"""A scripted room: a known sequence of edits, signals, a chat line and a submission.

The rows are written as their owners write them (collab's update log, the activity log,
problems' submissions) with chosen timestamps, so the analytics have exact answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from pycrdt import Doc, Map, Text
from sqlalchemy import insert, select

import accounts
from coderoom.chat.models import RoomEvent
from coderoom.collab.models import DocUpdate
from coderoom.problems.models import Submission
from coderoom.rooms.models import Participant
from coderoom.storage.db import create_engine, create_sessionmaker

T0 = datetime(2026, 1, 1, 10, 0, tzinfo=UTC)


@dataclass
class Scripted:
    """The room, its people and what the script typed."""

    room_id: str
    host: dict[str, Any]
    guest: dict[str, Any]
    host_id: str
    guest_id: str
    final_text: str
    final_update: bytes


def _steps(doc: Doc[Any], host: str, guest: str) -> Iterator[tuple[float, str | None]]:
    """Edit ``doc`` step by step; yields (seconds after T0, author) after each edit."""
    files = doc.get("files", type=Map)
    files["main.py"] = Text("")
    yield 0, None
    text = files["main.py"]
    text.insert(0, "def f():\n")  # host: 9 characters
    yield 1, host
    text.insert(len(text), "    return 1\n")  # guest: 13
    yield 2, guest
    del text[len(text) - 3 : len(text) - 1]  # guest deletes " 1": 2
    yield 4, guest
    text.insert(0, "# done\n")  # host: 7
    yield 10, host
    text.insert(len(text), "x")  # guest: 1
    yield 20, guest


async def script_room(client: httpx.AsyncClient, database_url: str) -> Scripted:
    """Create the room over the API and write its history."""
    host = await accounts.register(client, name="Hope")
    room = await accounts.create_room(client, host["headers"], auto_admit=True)
    guest = await accounts.join_as_guest(client, room["invite_code"], name="Grace")
    guest_id = guest["participant"]["id"]
    engine = create_engine(database_url)
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            host_id = await session.scalar(
                select(Participant.id).where(
                    Participant.room_id == room["id"], Participant.role == "host"
                )
            )
            assert host_id is not None
            doc: Doc[Any] = Doc()
            state = b"\x00"
            for seconds, author in _steps(doc, host_id, guest_id):
                update = doc.get_update(state)
                state = doc.get_state()
                await session.execute(
                    insert(DocUpdate).values(
                        room_id=room["id"],
                        participant_id=author,
                        created_at=T0 + timedelta(seconds=seconds),
                        data=update,
                    )
                )
            events = _events(host_id, guest_id)
            for seq, (seconds, kind, actor, data) in enumerate(events, start=1):
                await session.execute(
                    insert(RoomEvent).values(
                        room_id=room["id"],
                        seq=seq,
                        ts=T0 + timedelta(seconds=seconds),
                        type=kind,
                        actor_id=actor,
                        audience="all",
                        data=data,
                    )
                )
            session.add(_submission(room["id"], guest_id))
    finally:
        await engine.dispose()
    final = doc.get("files", type=Map)["main.py"]
    return Scripted(
        room_id=room["id"],
        host=host,
        guest=guest,
        host_id=host_id,
        guest_id=guest_id,
        final_text=str(final),
        final_update=doc.get_update(),
    )


def _events(host: str, guest: str) -> list[tuple[float, str, str, dict[str, Any]]]:
    def conn(pid: str, cid: str) -> dict[str, Any]:
        return {"connection": {"connection_id": cid, "participant_id": pid}}

    return [
        (0.5, "presence.joined", host, conn(host, "c1")),
        (0.6, "presence.joined", guest, conn(guest, "c2")),
        (0.7, "presence.joined", guest, conn(guest, "c3")),  # a second tab: no new join
        (3, "chat.message", host, {"participant_id": host, "name": "Hope", "text": "hi"}),
        (5, "proctor.signal", guest, _signal(guest, "paste", chars=300, external=True)),
        (6, "proctor.signal", guest, _signal(guest, "tab_hidden")),
        (11, "proctor.signal", guest, _signal(guest, "tab_visible", away_ms=5000)),
        (12, "proctor.signal", guest, _signal(guest, "paste", chars=40, external=True)),
        (14, "tests.finished", guest, _tests(guest)),
        (21, "presence.left", guest, {"connection_id": "c2", "participant_id": guest}),
        (22, "presence.left", guest, {"connection_id": "c3", "participant_id": guest}),
    ]


def _signal(pid: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {"participant_id": pid, "name": "Grace", "kind": kind, **extra}


def _tests(pid: str) -> dict[str, Any]:
    return {
        "participant_id": pid,
        "display_name": "Grace",
        "language": "python",
        "verdict": "wrong_answer",
        "passed": 1,
        "total": 2,
    }


def _submission(room_id: str, participant_id: str) -> Submission:
    return Submission(
        room_id=room_id,
        participant_id=participant_id,
        problem_version=1,
        language="python",
        code="print(1)",
        verdict="wrong_answer",
        score=70.0,
        passed=7,
        total=10,
        hidden_passed=5,
        hidden_total=8,
        time_ms=12,
        memory_kb=9000,
        created_at=T0 + timedelta(seconds=15),
    )
