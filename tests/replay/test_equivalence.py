"""Replaying a room's log equals the live document, byte for byte, at the end and at every seq.

Two real clients edit over the document socket (inserts and deletes, one checkpoint in
the middle so ``state`` uses it); the replay API must rebuild exactly what they saw.
"""

from __future__ import annotations

import base64
import random
from itertools import accumulate
from typing import Any

import anyio
import pytest
from pycrdt import Doc, Map, Text

import accounts
from collab.live import LiveServer, RoomSetup
from collab.ydoc import pycrdt_client, text, wait_for

pytestmark = pytest.mark.anyio


def _boundaries(t: Text) -> list[int]:
    # pycrdt indexes text by UTF-8 byte; an index inside "é" is not a position (yrs then
    # appends locally and peers integrate the edit differently), so edits use only these.
    return list(accumulate((len(c.encode()) for c in str(t)), initial=0))


async def _edit(doc: Doc[Any], rng: random.Random, n: int) -> None:
    for _ in range(n):
        t = text(doc)
        at = _boundaries(t)
        if len(at) > 5 and rng.random() < 0.3:
            start = rng.randrange(len(at) - 3)
            del t[at[start] : at[start + rng.randint(1, 2)]]
        else:
            t.insert(rng.choice(at), rng.choice(["a", "bc", "\n", "é", "def "]))
        await anyio.sleep(0)


async def _log(live: LiveServer, room: RoomSetup) -> list[dict[str, Any]]:
    url = f"/api/v1/rooms/{room.room_id}/replay/updates"
    response = await live.http.get(url, params={"limit": 5000}, headers=room.host_headers)
    assert response.status_code == 200, response.text
    page = response.json()
    assert page["next_after_seq"] is None
    updates: list[dict[str, Any]] = page["updates"]
    return updates


async def test_replay_equals_live_document(live: LiveServer, room: RoomSetup) -> None:
    rng = random.Random(7)
    manager = live.room_manager()
    a_url = live.doc_url(room.room_id, room.host_token)
    b_url = live.doc_url(room.room_id, room.candidate_token)
    async with pycrdt_client(a_url) as (a, _), pycrdt_client(b_url) as (b, _):
        await _edit(a, rng, 15)
        await _edit(b, rng, 15)
        await wait_for(lambda: str(text(a)) == str(text(b)))
        loaded = manager.loaded(room.room_id)
        assert loaded is not None
        await manager.updates.flush()
        await manager.checkpoint(loaded)
        await _edit(b, rng, 15)
        await _edit(a, rng, 15)
        await wait_for(lambda: str(text(a)) == str(text(b)) == str(text(loaded.doc)))
        live_update = loaded.doc.get_update()
        live_text = str(text(loaded.doc))
        updates = await _log(live, room)
    replayed: Doc[Any] = Doc()
    prefixes: list[tuple[int, dict[str, str]]] = []
    for update in updates:
        replayed.apply_update(base64.b64decode(update["data"]))
        files = replayed.get("files", type=Map)
        prefixes.append((update["seq"], {path: str(t) for path, t in files.items()}))
    assert replayed.get_update() == live_update
    assert str(text(replayed)) == live_text
    for seq, files_then in prefixes:
        response = await live.http.get(
            f"/api/v1/rooms/{room.room_id}/replay/state",
            params={"at": str(seq)},
            headers=room.host_headers,
        )
        assert response.status_code == 200, response.text
        assert response.json()["files"] == files_then, seq
    assert prefixes[-1][1]["main.py"].encode() == live_text.encode()


async def test_live_room_replay_includes_queued_edits(live: LiveServer, room: RoomSetup) -> None:
    # Read at once after typing: the replay endpoints flush the queued log first.
    async with pycrdt_client(live.doc_url(room.room_id, room.candidate_token)) as (doc, _):
        text(doc).insert(0, "fresh edit")
        loaded = live.room_manager().loaded(room.room_id)
        assert loaded is not None
        await wait_for(lambda: "fresh edit" in str(text(loaded.doc)))
        response = await live.http.get(
            f"/api/v1/rooms/{room.room_id}/replay/state",
            params={"at": str(2**40)},
            headers=room.host_headers,
        )
    assert response.status_code == 200, response.text
    assert response.json()["files"]["main.py"] == "fresh edit"
    outsider = await accounts.register(live.http, name="Eve")
    denied = await live.http.get(
        f"/api/v1/rooms/{room.room_id}/replay", headers=outsider["headers"]
    )
    assert denied.status_code == 404
