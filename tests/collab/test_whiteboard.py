"""The whiteboard (AC10) is a top-level ``whiteboard`` Y.Array the server never declares: it
must reach late joiners and survive a snapshot restore, which restores the files only."""

from __future__ import annotations

from typing import Any

import anyio
import pytest
from pycrdt import Array, Doc, Map

from collab.live import LiveServer, RoomSetup
from collab.ydoc import pycrdt_client, text, wait_for

pytestmark = pytest.mark.anyio


def _board(doc: Doc[Any]) -> Array[Any]:
    board: Array[Any] = doc.get("whiteboard", type=Array)
    return board


def _kinds(doc: Doc[Any]) -> list[str]:
    return [str(shape["kind"]) for shape in _board(doc)]


async def test_board_reaches_late_joiners_and_survives_restore(
    live: LiveServer, room: RoomSetup
) -> None:
    base = f"/api/v1/rooms/{room.room_id}/snapshots"
    async with pycrdt_client(live.doc_url(room.room_id, room.candidate_token)) as (doc, _):
        created = await live.http.post(base, json={"message": "before"}, headers=room.host_headers)
        assert created.status_code == 201, created.text
        text(doc).insert(0, "x = 1\n")
        shape = Map({"id": "s1", "kind": "rect", "color": "#dc2626", "author": room.candidate_id})
        _board(doc).append(shape)
        shape["points"] = Array([100.0, 100.0, 300.0, 200.0])
        await anyio.sleep(0.2)

        restored = await live.http.post(
            f"{base}/{created.json()['id']}/restore", headers=room.host_headers
        )
        assert restored.status_code == 200, restored.text
        await wait_for(lambda: str(text(doc)) == "")
        assert _kinds(doc) == ["rect"]

    async with pycrdt_client(live.doc_url(room.room_id, room.host_token)) as (late, _):
        await wait_for(lambda: _kinds(late) == ["rect"])
        assert list(_board(late)[0]["points"]) == [100.0, 100.0, 300.0, 200.0]
