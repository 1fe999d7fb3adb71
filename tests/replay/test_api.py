"""Replay over HTTP on SQLite and PostgreSQL: access, timeline, updates, state, analytics."""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any

import httpx
import pytest
from pycrdt import Doc, Map
from sqlalchemy import insert

import accounts
from coderoom.chat.models import RoomEvent
from coderoom.storage.db import create_engine, create_sessionmaker
from replay.scripted import T0, Scripted, script_room

pytestmark = pytest.mark.anyio


@pytest.fixture
async def scripted(client: httpx.AsyncClient, database_url: str) -> Scripted:
    """The scripted room (see ``scripted``)."""
    return await script_room(client, database_url)


def _url(room_id: str, tail: str = "") -> str:
    return f"/api/v1/rooms/{room_id}/replay{tail}"


async def _get(client: httpx.AsyncClient, s: Scripted, tail: str = "", **params: Any) -> Any:
    response = await client.get(_url(s.room_id, tail), params=params, headers=s.host["headers"])
    assert response.status_code == 200, response.text
    return response.json()


async def test_timeline_has_lanes_updates_and_markers(
    client: httpx.AsyncClient, scripted: Scripted
) -> None:
    body = await _get(client, scripted)
    lanes = {lane["id"]: lane for lane in body["participants"]}
    assert lanes[scripted.host_id]["role"] == "host"
    assert lanes[scripted.guest_id]["name"] == "Grace"
    assert lanes[scripted.guest_id]["color"].startswith("#")
    assert [u["participant_id"] for u in body["updates"]] == [
        None,
        scripted.host_id,
        scripted.guest_id,
        scripted.guest_id,
        scripted.host_id,
        scripted.guest_id,
    ]
    assert all(u["size"] > 0 for u in body["updates"])
    kinds = [m["kind"] for m in body["markers"]]
    assert kinds == [
        "join",
        "join",
        "chat",
        "paste",
        "tab_away",
        "tab_back",
        "paste",
        "tests",
        "submission",
        "leave",
    ]
    submission = next(m for m in body["markers"] if m["kind"] == "submission")
    assert submission["data"]["score"] == 70.0
    assert submission["participant_id"] == scripted.guest_id
    tests = next(m for m in body["markers"] if m["kind"] == "tests")
    assert (tests["data"]["passed"], tests["participant_id"]) == (1, scripted.guest_id)
    paste = next(m for m in body["markers"] if m["kind"] == "paste")
    assert paste["data"]["chars"] == 300


async def test_run_marker_carries_its_output(client: httpx.AsyncClient, scripted: Scripted) -> None:
    response = await client.post(
        "/api/v1/executions",
        json={"language": "python", "code": "print(6 * 7)", "room_id": scripted.room_id},
        headers=scripted.guest["headers"],
    )
    assert response.status_code == 200, response.text
    body = await _get(client, scripted)
    runs = [m for m in body["markers"] if m["kind"] == "run"]
    assert len(runs) == 1
    assert runs[0]["participant_id"] == scripted.guest_id
    assert runs[0]["data"]["result"]["stdout"] == "42\n"
    assert runs[0]["data"]["result"]["status"] == "ok"
    stats = await _get(client, scripted, "/analytics")
    guest = next(p for p in stats["participants"] if p["participant_id"] == scripted.guest_id)
    assert guest["runs"] == 1


async def test_updates_pages_rebuild_the_document(
    client: httpx.AsyncClient, scripted: Scripted
) -> None:
    doc: Doc[Any] = Doc()
    after, pages = 0, 0
    while True:
        page = await _get(client, scripted, "/updates", after_seq=after, limit=4)
        pages += 1
        for update in page["updates"]:
            doc.apply_update(base64.b64decode(update["data"]))
        if page["next_after_seq"] is None:
            break
        after = page["next_after_seq"]
    assert pages == 2
    assert doc.get_update() == scripted.final_update
    assert str(doc.get("files", type=Map)["main.py"]) == scripted.final_text


async def test_state_at_seq_and_time(client: httpx.AsyncClient, scripted: Scripted) -> None:
    timeline = await _get(client, scripted)
    seqs = [u["seq"] for u in timeline["updates"]]
    expected = ["", "def f():\n", "def f():\n    return 1\n", "def f():\n    return\n"]
    for seq, text in zip(seqs, expected, strict=False):
        state = await _get(client, scripted, "/state", at=str(seq))
        assert state["files"] == {"main.py": text}
        assert state["seq"] == seq
    at_time = (T0 + timedelta(seconds=3)).isoformat()
    state = await _get(client, scripted, "/state", at=at_time)
    assert state["files"]["main.py"] == "def f():\n    return 1\n"
    assert state["languages"] == {}
    before = await _get(client, scripted, "/state", at=(T0 - timedelta(hours=1)).isoformat())
    assert before == {"seq": 0, "ts": None, "files": {}, "languages": {}}
    beyond = await _get(client, scripted, "/state", at=str(10**12))
    assert beyond["files"]["main.py"] == scripted.final_text


async def test_analytics_numbers(client: httpx.AsyncClient, scripted: Scripted) -> None:
    body = await _get(client, scripted, "/analytics")
    assert body["idle_gap_s"] == 5.0
    stats = {p["participant_id"]: p for p in body["participants"]}
    assert stats[scripted.guest_id] == {
        "participant_id": scripted.guest_id,
        "name": "Grace",
        "chars_inserted": 14,
        "chars_deleted": 2,
        "edits": 3,
        "active_typing_s": 2.0,
        "longest_idle_s": 16.0,
        "runs": 0,
        "submissions": 1,
        "best_score": 70.0,
        "pastes": 2,
        "paste_sizes": [300, 40],
        "tab_aways": 1,
        "away_s": 5.0,
    }
    host = stats[scripted.host_id]
    assert (host["chars_inserted"], host["chars_deleted"], host["edits"]) == (16, 0, 2)
    assert (host["active_typing_s"], host["longest_idle_s"]) == (0.0, 9.0)
    assert (host["pastes"], host["tab_aways"], host["submissions"]) == (0, 0, 0)
    assert host["best_score"] is None
    wide = await _get(client, scripted, "/analytics", idle_gap_s=20)
    guest = next(p for p in wide["participants"] if p["participant_id"] == scripted.guest_id)
    assert guest["active_typing_s"] == 18.0


async def test_ended_room_replays(client: httpx.AsyncClient, scripted: Scripted) -> None:
    ended = await client.post(
        f"/api/v1/rooms/{scripted.room_id}/end", headers=scripted.host["headers"]
    )
    assert ended.status_code in (200, 204), ended.text
    body = await _get(client, scripted)
    assert body["status"] == "ended"
    assert body["ended_at"] is not None
    state = await _get(client, scripted, "/state", at=str(body["updates"][-1]["seq"]))
    assert state["files"]["main.py"] == scripted.final_text
    assert (await _get(client, scripted, "/analytics"))["participants"]


@pytest.mark.parametrize("tail", ["", "/updates", "/state?at=1", "/analytics"])
async def test_who_may_replay(client: httpx.AsyncClient, scripted: Scripted, tail: str) -> None:
    url = _url(scripted.room_id, tail)
    # The candidate (a guest) is admitted but not staff.
    assert (await client.get(url, headers=scripted.guest["headers"])).status_code == 403
    outsider = await accounts.register(client, name="Eve")
    response = await client.get(url, headers=outsider["headers"])
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "room_not_found"
    missing = await client.get(_url("no-such-room", tail), headers=scripted.host["headers"])
    assert missing.status_code == 404
    assert (await client.get(url)).status_code == 401


async def test_candidate_account_is_refused(client: httpx.AsyncClient, scripted: Scripted) -> None:
    host = scripted.host
    room = await client.get(f"/api/v1/rooms/{scripted.room_id}", headers=host["headers"])
    candidate = await accounts.register(client, name="Cara")
    joined = await client.post(
        f"/api/v1/invites/{room.json()['invite_code']}/join",
        json={"name": "Cara"},
        headers=candidate["headers"],
    )
    assert joined.status_code == 200, joined.text
    response = await client.get(_url(scripted.room_id), headers=candidate["headers"])
    assert response.status_code == 403


@pytest.mark.parametrize(
    "at",
    ["", "abc", "-1", "1.5", "2026-01-01T10:00:00", "2026-13-01T00:00:00Z", "9" * 30, "x" * 65],
)
async def test_bad_at_is_422(client: httpx.AsyncClient, scripted: Scripted, at: str) -> None:
    response = await client.get(
        _url(scripted.room_id, "/state"), params={"at": at}, headers=scripted.host["headers"]
    )
    assert response.status_code == 422, response.text


@pytest.mark.parametrize(
    "params",
    [
        {"after_seq": "-1"},
        {"after_seq": "x"},
        {"after_seq": str(2**70)},
        {"limit": "0"},
        {"limit": "100000"},
    ],
)
async def test_bad_page_is_422(
    client: httpx.AsyncClient, scripted: Scripted, params: dict[str, str]
) -> None:
    response = await client.get(
        _url(scripted.room_id, "/updates"), params=params, headers=scripted.host["headers"]
    )
    assert response.status_code == 422, response.text


@pytest.mark.parametrize("gap", ["0", "-3", "nan", "inf", "1e9"])
async def test_bad_idle_gap_is_422(client: httpx.AsyncClient, scripted: Scripted, gap: str) -> None:
    response = await client.get(
        _url(scripted.room_id, "/analytics"),
        params={"idle_gap_s": gap},
        headers=scripted.host["headers"],
    )
    assert response.status_code == 422, response.text


@pytest.mark.parametrize(("role", "status"), [("observer", 403), ("interviewer", 200)])
async def test_access_follows_the_role(
    client: httpx.AsyncClient, scripted: Scripted, role: str, status: int
) -> None:
    room = (
        await client.get(f"/api/v1/rooms/{scripted.room_id}", headers=scripted.host["headers"])
    ).json()
    person = await accounts.register(client, name="Ivan")
    joined = await client.post(
        f"/api/v1/invites/{room['invite_code']}/join",
        json={"name": "Ivan"},
        headers=person["headers"],
    )
    assert joined.status_code == 200, joined.text
    changed = await client.patch(
        f"/api/v1/rooms/{scripted.room_id}/participants/{joined.json()['participant']['id']}",
        json={"role": role},
        headers=scripted.host["headers"],
    )
    assert changed.status_code == 200, changed.text
    response = await client.get(_url(scripted.room_id), headers=person["headers"])
    assert response.status_code == status, response.text


async def test_odd_logged_events_never_break_replay(
    client: httpx.AsyncClient, scripted: Scripted, database_url: str
) -> None:
    # Signals come from browsers: whatever got stored, replay answers (no 500).
    odd = [
        ("presence.joined", {"connection": "not-a-dict"}),
        ("presence.left", {"participant_id": 42}),
        ("proctor.signal", {"participant_id": scripted.guest_id, "kind": "paste", "chars": "x"}),
        ("proctor.signal", {"participant_id": scripted.guest_id, "kind": "tab_visible"}),
        ("proctor.signal", {"participant_id": scripted.guest_id, "kind": "unknown"}),
        ("proctor.signal", {"kind": "tab_hidden"}),
        ("chat.message", {"text": "no author"}),
    ]
    engine = create_engine(database_url)
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            for i, (kind, data) in enumerate(odd, start=100):
                await session.execute(
                    insert(RoomEvent).values(
                        room_id=scripted.room_id,
                        seq=i,
                        ts=T0 + timedelta(seconds=30 + i),
                        type=kind,
                        audience="all",
                        data=data,
                    )
                )
    finally:
        await engine.dispose()
    timeline = await _get(client, scripted)
    kinds = [m["kind"] for m in timeline["markers"]]
    assert kinds[-4:] == ["paste", "tab_back", "tab_away", "chat"]
    stats = await _get(client, scripted, "/analytics")
    guest = next(p for p in stats["participants"] if p["participant_id"] == scripted.guest_id)
    assert guest["paste_sizes"] == [300, 40, 0]
    assert guest["away_s"] == 5.0
