"""A room with a host, a second interviewer, a guest candidate and a guest observer."""

from __future__ import annotations

from typing import Any

import httpx

from accounts import create_room, join_as_guest, register


class StaffRoom:
    """The people of one room, each with their ``headers``; ``url(path)`` under the room."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def setup(self) -> StaffRoom:
        self.host = await register(self.client, name="Hope Host")
        self.room = await create_room(self.client, self.host["headers"], auto_admit=True)
        self.base = f"/api/v1/rooms/{self.room['id']}"
        self.interviewer = await register(self.client, name="Ivan Interviewer")
        joined = await self.client.post(
            f"/api/v1/invites/{self.room['invite_code']}/join",
            json={},
            headers=self.interviewer["headers"],
        )
        assert joined.status_code == 200, joined.text
        await self.set_role(joined.json()["participant"]["id"], "interviewer")
        self.candidate = await join_as_guest(self.client, self.room["invite_code"], name="Cand")
        self.observer = await join_as_guest(self.client, self.room["invite_code"], name="Obs")
        await self.set_role(self.observer["participant"]["id"], "observer")
        return self

    async def set_role(self, participant_id: str, role: str) -> None:
        response = await self.client.patch(
            f"{self.base}/participants/{participant_id}",
            json={"role": role},
            headers=self.host["headers"],
        )
        assert response.status_code == 200, response.text

    async def call(
        self, who: dict[str, Any], method: str, path: str, **kwargs: Any
    ) -> httpx.Response:
        return await self.client.request(method, self.base + path, headers=who["headers"], **kwargs)

    async def end(self) -> None:
        response = await self.call(self.host, "POST", "/end")
        assert response.status_code == 200, response.text
