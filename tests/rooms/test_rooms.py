from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import func, insert, select

from accounts import bearer, create_room, error_code, join_as_guest, register
from coderoom import models
from coderoom.collab.models import DocUpdate
from coderoom.core.clock import utcnow
from coderoom.settings import Settings
from coderoom.storage.db import create_engine

pytestmark = pytest.mark.anyio


async def test_create_room_makes_the_caller_host(client: httpx.AsyncClient) -> None:
    host = await register(client, name="Hana")
    room = await create_room(
        client,
        host["headers"],
        title="  Backend interview ",
        description="Arrays",
        language="go",
        auto_admit=True,
        proctoring_enabled=True,
        problem_id="two-sum",
    )
    assert room["title"] == "Backend interview"
    assert room["status"] == "active"
    assert room["language"] == "go"
    assert room["problem_id"] == "two-sum"
    assert room["password_required"] is False
    assert len(room["id"]) >= 22  # 128 bits, url-safe base64
    assert len(room["invite_code"]) >= 22
    assert room["me"]["role"] == "host"
    assert room["me"]["status"] == "admitted"
    assert room["me"]["display_name"] == "Hana"
    assert [p["id"] for p in room["participants"]] == [room["me"]["id"]]


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"title": ""},
        {"title": "   "},
        {"title": "x" * 121},
        {"title": "tab\tinside"},
        {"title": "ok", "description": "d" * 2001},
        {"title": "ok", "language": "Py thon"},
        {"title": "ok", "language": ""},
        {"title": "ok", "password": ""},
        {"title": "ok", "password": "p" * 129},
        {"title": "ok", "auto_admit": "maybe"},
        {"title": "ok", "problem_id": "p" * 65},
        {"title": 12},
        {"title": "ok", "host_user_id": "someone-else"},
    ],
)
async def test_create_room_rejects_bad_fields(
    client: httpx.AsyncClient, payload: dict[str, Any]
) -> None:
    host = await register(client)
    response = await client.post("/api/v1/rooms", json=payload, headers=host["headers"])
    assert error_code(response, 422) == "invalid_input"


async def test_create_room_needs_an_account(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/rooms", json={"title": "x"})
    assert error_code(response, 401) == "unauthenticated"
    host = await register(client)
    room = await create_room(client, host["headers"])
    guest = await join_as_guest(client, room["invite_code"])
    response = await client.post("/api/v1/rooms", json={"title": "x"}, headers=guest["headers"])
    assert error_code(response, 403) == "account_required"


async def test_list_rooms_shows_mine_with_paging_and_status(client: httpx.AsyncClient) -> None:
    alice = await register(client)
    bob = await register(client)
    ids = [(await create_room(client, alice["headers"], title=f"r{n}"))["id"] for n in range(3)]
    bobs = await create_room(client, bob["headers"], title="bob's", auto_admit=True)
    joined = await client.post(
        f"/api/v1/rooms/{bobs['id']}/join", json={}, headers=alice["headers"]
    )
    assert joined.status_code == 200
    await client.post(f"/api/v1/rooms/{ids[0]}/end", headers=alice["headers"])

    everything = await client.get("/api/v1/rooms", headers=alice["headers"])
    assert everything.json()["total"] == 4
    page = await client.get("/api/v1/rooms?limit=2&offset=1", headers=alice["headers"])
    assert page.json()["total"] == 4
    assert len(page.json()["items"]) == 2
    ended = await client.get("/api/v1/rooms?status=ended", headers=alice["headers"])
    assert [r["id"] for r in ended.json()["items"]] == [ids[0]]
    active = await client.get("/api/v1/rooms?status=active", headers=alice["headers"])
    assert active.json()["total"] == 3
    listed = (await client.get("/api/v1/rooms", headers=bob["headers"])).json()
    assert [r["id"] for r in listed["items"]] == [bobs["id"]]
    assert listed["items"][0]["participants"] is None  # lists stay light


@pytest.mark.parametrize(
    "query", ["?limit=0", "?limit=101", "?offset=-1", "?status=gone", "?limit=abc"]
)
async def test_list_rooms_rejects_bad_paging(client: httpx.AsyncClient, query: str) -> None:
    user = await register(client)
    response = await client.get(f"/api/v1/rooms{query}", headers=user["headers"])
    assert error_code(response, 422) == "invalid_input"


async def test_outsiders_cannot_tell_a_room_exists(client: httpx.AsyncClient) -> None:
    host = await register(client)
    outsider = await register(client)
    room = await create_room(client, host["headers"])
    hidden = await client.get(f"/api/v1/rooms/{room['id']}", headers=outsider["headers"])
    missing = await client.get("/api/v1/rooms/does-not-exist", headers=outsider["headers"])
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    for method, path in [
        ("PATCH", ""),
        ("DELETE", ""),
        ("POST", "/end"),
        ("POST", "/invite"),
        ("GET", "/participants"),
    ]:
        kwargs: dict[str, Any] = {"json": {"title": "x"}} if method == "PATCH" else {}
        response = await client.request(
            method, f"/api/v1/rooms/{room['id']}{path}", headers=outsider["headers"], **kwargs
        )
        assert response.json() == missing.json(), (method, path)


async def test_invite_code_only_for_staff_and_participants_only_when_admitted(
    client: httpx.AsyncClient,
) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"])
    guest = await join_as_guest(client, room["invite_code"])
    waiting = await client.get(f"/api/v1/rooms/{room['id']}", headers=guest["headers"])
    assert waiting.status_code == 200
    assert waiting.json()["me"]["status"] == "waiting"
    assert waiting.json()["participants"] is None
    assert waiting.json()["invite_code"] is None

    pid = guest["participant"]["id"]
    admit = await client.post(
        f"/api/v1/rooms/{room['id']}/participants/{pid}/admit", headers=host["headers"]
    )
    assert admit.status_code == 200
    admitted = (await client.get(f"/api/v1/rooms/{room['id']}", headers=guest["headers"])).json()
    assert admitted["invite_code"] is None
    assert len(admitted["participants"]) == 2


async def test_update_room(client: httpx.AsyncClient, room_events: Any) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"])
    change = {"title": "Renamed", "language": "rust", "auto_admit": True, "problem_id": None}

    async def patch() -> None:
        response = await client.patch(
            f"/api/v1/rooms/{room['id']}", json=change, headers=host["headers"]
        )
        assert response.status_code == 200, response.text
        assert response.json()["title"] == "Renamed"
        assert response.json()["auto_admit"] is True

    events = await room_events(room["id"], patch)
    assert [e["type"] for e in events] == ["room.updated"]
    assert events[0]["data"]["changes"] == {
        "title": "Renamed",
        "language": "rust",
        "auto_admit": True,
    }


@pytest.mark.parametrize(
    "payload",
    [{"title": ""}, {"language": "no spaces"}, {"status": "ended"}, {"auto_admit": []}],
)
async def test_update_room_rejects_bad_fields(
    client: httpx.AsyncClient, payload: dict[str, Any]
) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"])
    response = await client.patch(
        f"/api/v1/rooms/{room['id']}", json=payload, headers=host["headers"]
    )
    assert error_code(response, 422) == "invalid_input"


async def test_candidates_cannot_change_end_delete_or_reinvite(client: httpx.AsyncClient) -> None:
    host = await register(client)
    candidate = await register(client)
    room = await create_room(client, host["headers"], auto_admit=True)
    await client.post(f"/api/v1/rooms/{room['id']}/join", json={}, headers=candidate["headers"])
    base = f"/api/v1/rooms/{room['id']}"
    headers = candidate["headers"]
    assert error_code(await client.patch(base, json={"title": "x"}, headers=headers), 403) == (
        "staff_only"
    )
    assert error_code(await client.delete(base, headers=headers), 403) == "host_only"
    assert error_code(await client.post(f"{base}/end", headers=headers), 403) == "host_only"
    assert error_code(await client.post(f"{base}/invite", headers=headers), 403) == "host_only"


async def test_end_room(client: httpx.AsyncClient, room_events: Any) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"])
    base = f"/api/v1/rooms/{room['id']}"

    async def end() -> None:
        response = await client.post(f"{base}/end", headers=host["headers"])
        assert response.json()["status"] == "ended"
        assert response.json()["ended_at"]

    events = await room_events(room["id"], end)
    assert [(e["type"], e["audience"]) for e in events] == [("room.ended", "all")]
    assert (await client.post(f"{base}/end", headers=host["headers"])).status_code == 200
    assert (await client.get(base, headers=host["headers"])).json()["status"] == "ended"
    patched = await client.patch(base, json={"title": "x"}, headers=host["headers"])
    assert error_code(patched, 403) == "room_ended"
    newcomer = await client.post(
        f"/api/v1/invites/{room['invite_code']}/join", json={"name": "Late"}
    )
    assert error_code(newcomer, 403) == "room_ended"


async def test_delete_room_removes_it_and_its_participants(client: httpx.AsyncClient) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"])
    guest = await join_as_guest(client, room["invite_code"])
    base = f"/api/v1/rooms/{room['id']}"
    assert (await client.delete(base, headers=host["headers"])).status_code == 204
    assert error_code(await client.get(base, headers=host["headers"]), 404) == "room_not_found"
    assert error_code(await client.get(base, headers=guest["headers"]), 404) == "room_not_found"
    invite = await client.get(f"/api/v1/invites/{room['invite_code']}")
    assert error_code(invite, 404) == "invite_invalid"
    assert error_code(await client.delete(base, headers=host["headers"]), 404) == "room_not_found"
    listed = await client.get("/api/v1/rooms", headers=host["headers"])
    assert listed.json()["total"] == 0


async def test_join_by_id_with_password(client: httpx.AsyncClient) -> None:
    host = await register(client)
    candidate = await register(client)
    room = await create_room(client, host["headers"], password="s3cret-room")
    assert room["password_required"] is True
    join = f"/api/v1/rooms/{room['id']}/join"
    for body in [{}, {"password": "wrong"}]:
        refused = await client.post(join, json=body, headers=candidate["headers"])
        assert error_code(refused, 403) == "wrong_password"
    # Nothing was recorded for the failed attempts.
    people = await client.get(f"/api/v1/rooms/{room['id']}/participants", headers=host["headers"])
    assert len(people.json()["items"]) == 1
    ok = await client.post(join, json={"password": "s3cret-room"}, headers=candidate["headers"])
    assert ok.status_code == 200, ok.text
    assert ok.json()["status"] == "waiting"
    again = await client.post(join, json={}, headers=candidate["headers"])
    assert again.json()["participant"]["id"] == ok.json()["participant"]["id"]


async def test_join_unknown_room_is_404(client: httpx.AsyncClient) -> None:
    user = await register(client)
    response = await client.post("/api/v1/rooms/nope/join", json={}, headers=user["headers"])
    assert error_code(response, 404) == "room_not_found"


async def test_invite_info_and_regeneration(client: httpx.AsyncClient) -> None:
    host = await register(client, name="Hopper")
    room = await create_room(client, host["headers"], title="Pairing", proctoring_enabled=True)
    info = await client.get(f"/api/v1/invites/{room['invite_code']}")
    assert info.status_code == 200
    body = info.json()
    assert body["room_id"] == room["id"]
    assert body["title"] == "Pairing"
    assert body["host_name"] == "Hopper"
    assert body["password_required"] is False
    assert body["status"] == "active"
    assert "pastes from outside the editor" in body["recorded"]
    assert "leaving this tab" in body["recorded"]

    fresh = await client.post(f"/api/v1/rooms/{room['id']}/invite", headers=host["headers"])
    new_code = fresh.json()["invite_code"]
    assert new_code != room["invite_code"]
    old = await client.get(f"/api/v1/invites/{room['invite_code']}")
    assert error_code(old, 404) == "invite_invalid"
    old_join = await client.post(f"/api/v1/invites/{room['invite_code']}/join", json={"name": "G"})
    assert error_code(old_join, 404) == "invite_invalid"
    assert (await client.get(f"/api/v1/invites/{new_code}")).status_code == 200


async def test_invite_without_proctoring_records_only_the_code(client: httpx.AsyncClient) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"])
    body = (await client.get(f"/api/v1/invites/{room['invite_code']}")).json()
    assert "leaving this tab" not in body["recorded"]


async def test_same_account_keeps_its_colour(client: httpx.AsyncClient) -> None:
    host = await register(client)
    guest_account = await register(client)
    colours = set()
    for n in range(3):
        room = await create_room(client, host["headers"], title=f"r{n}")
        joined = await client.post(
            f"/api/v1/invites/{room['invite_code']}/join", json={}, headers=guest_account["headers"]
        )
        colours.add(joined.json()["participant"]["color"])
    assert len(colours) == 1
    assert colours.pop().startswith("#")


async def test_bearer_must_be_valid_when_given(client: httpx.AsyncClient) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"])
    response = await client.post(
        f"/api/v1/invites/{room['invite_code']}/join",
        json={"name": "G"},
        headers=bearer("garbage"),
    )
    assert error_code(response, 401) == "token_invalid"


async def test_delete_room_removes_other_domains_rows(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"])
    keep = await create_room(client, host["headers"])
    engine = create_engine(settings.database_url)
    try:
        async with engine.begin() as conn:
            for room_id in (room["id"], keep["id"]):
                await conn.execute(
                    insert(DocUpdate).values(room_id=room_id, created_at=utcnow(), data=b"\x00")
                )
        response = await client.delete(f"/api/v1/rooms/{room['id']}", headers=host["headers"])
        assert response.status_code == 204
        async with engine.connect() as conn:
            for table in models.metadata.sorted_tables:
                if "room_id" in table.c:
                    query = (
                        select(func.count()).select_from(table).where(table.c.room_id == room["id"])
                    )
                    assert await conn.scalar(query) == 0, table.name
            kept = select(func.count()).where(DocUpdate.room_id == keep["id"])
            assert await conn.scalar(kept) == 1
    finally:
        await engine.dispose()
