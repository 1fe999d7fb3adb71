"""Document sync over real sockets with pycrdt clients: convergence, log, permissions."""

from __future__ import annotations

import pytest

from collab.live import LiveServer, RoomSetup
from collab.ydoc import pycrdt_client, text, wait_for

pytestmark = pytest.mark.anyio


async def test_two_clients_converge(live: LiveServer, room: RoomSetup) -> None:
    url_a = live.doc_url(room.room_id, room.host_token)
    url_b = live.doc_url(room.room_id, room.candidate_token)
    async with pycrdt_client(url_a) as (doc_a, _), pycrdt_client(url_b) as (doc_b, _):
        text(doc_a).insert(0, "print('hi')")
        await wait_for(lambda: str(text(doc_b)) == "print('hi')")
        text(doc_b).insert(0, "# b\n")
        await wait_for(lambda: str(text(doc_a)) == "# b\nprint('hi')")
