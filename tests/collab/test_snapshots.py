"""Named snapshots: create, list, read as text, restore as a new edit (staff only)."""

from __future__ import annotations

import anyio
import pytest
from sqlalchemy import func, select

import accounts
from coderoom.collab.models import DocUpdate
from coderoom.settings import Settings
from coderoom.storage.db import create_engine, create_sessionmaker
from collab.live import LiveServer, RoomSetup
from collab.ydoc import pycrdt_client, text, wait_for

pytestmark = pytest.mark.anyio


async def _log_size(settings: Settings) -> int:
    engine = create_engine(settings.database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            return int(await session.scalar(select(func.count()).select_from(DocUpdate)) or 0)
    finally:
        await engine.dispose()


async def test_snapshot_lifecycle(live: LiveServer, room: RoomSetup, settings: Settings) -> None:
    base = f"/api/v1/rooms/{room.room_id}/snapshots"
    cand = {"Authorization": f"Bearer {room.candidate_token}"}
    async with pycrdt_client(live.doc_url(room.room_id, room.candidate_token)) as (doc, _):
        text(doc).insert(0, "v1\n")
        await anyio.sleep(0.2)
        created = await live.http.post(base, json={"message": "first"}, headers=cand)
        assert created.status_code == 201, created.text
        snap = created.json()
        assert snap["message"] == "first"

        text(doc).insert(len(text(doc)), "v2\n")
        listed = await live.http.get(base, headers=room.host_headers)
        assert [s["id"] for s in listed.json()["data"]] == [snap["id"]]
        content = await live.http.get(f"{base}/{snap['id']}", headers=cand)
        assert content.json()["files"] == {"main.py": "v1\n"}
        assert content.json()["languages"] == {"main.py": "python"}

        # Candidates may not restore; staff may, and every client sees it as an edit.
        denied = await live.http.post(f"{base}/{snap['id']}/restore", headers=cand)
        assert denied.status_code == 403
        before = await _log_size(settings)
        restored = await live.http.post(f"{base}/{snap['id']}/restore", headers=room.host_headers)
        assert restored.status_code == 200, restored.text
        assert restored.json()["files"] == {"main.py": "v1\n"}
        await wait_for(lambda: str(text(doc)) == "v1\n")
    await anyio.sleep(0.2)
    assert await _log_size(settings) > before  # history grew; nothing was rewritten


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", "", {"message": ""}),
        ("post", "", {"message": "x" * 501}),
        ("post", "", {"nope": 1}),
        ("get", "/does-not-exist", None),
        ("post", "/does-not-exist/restore", None),
    ],
)
async def test_snapshot_bad_input(
    live: LiveServer, room: RoomSetup, method: str, path: str, body: object
) -> None:
    url = f"/api/v1/rooms/{room.room_id}/snapshots{path}"
    response = await live.http.request(method, url, json=body, headers=room.host_headers)
    assert response.status_code in (404, 422), response.text
    assert "error" in response.json()


async def test_snapshot_access(live: LiveServer, room: RoomSetup) -> None:
    base = f"/api/v1/rooms/{room.room_id}/snapshots"
    assert (await live.http.get(base)).status_code == 401
    eve = (await accounts.register(live.http, name="Eve", email="eve@example.com"))["headers"]
    assert (await live.http.get(base, headers=eve)).status_code == 404
    assert (await live.http.post(base, json={"message": "m"}, headers=eve)).status_code == 404


async def test_snapshots_readable_after_the_room_ended(live: LiveServer, room: RoomSetup) -> None:
    base = f"/api/v1/rooms/{room.room_id}/snapshots"
    async with pycrdt_client(live.doc_url(room.room_id, room.host_token)) as (doc, _):
        text(doc).insert(0, "done")
    created = await live.http.post(base, json={"message": "final"}, headers=room.host_headers)
    assert created.status_code == 201
    ended = await live.http.post(f"/api/v1/rooms/{room.room_id}/end", headers=room.host_headers)
    assert ended.status_code == 200
    listed = await live.http.get(base, headers=room.host_headers)
    assert listed.status_code == 200
    snap_id = listed.json()["data"][0]["id"]
    content = await live.http.get(f"{base}/{snap_id}", headers=room.host_headers)
    assert content.json()["files"] == {"main.py": "done"}
    # Writing is over: no new snapshots, no restores.
    late = await live.http.post(base, json={"message": "late"}, headers=room.host_headers)
    assert late.status_code == 403
    restore = await live.http.post(f"{base}/{snap_id}/restore", headers=room.host_headers)
    assert restore.status_code == 403
