"""Helpers for events-socket tests: rooms and members through the API, sockets with timeouts."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

import anyio
import pytest
from starlette.testclient import TestClient, WebSocketTestSession

from accounts import PASSWORD, bearer

# For tests that must also hold across processes: ``@BOTH_BUSES`` runs them once with the
# in-process bus/log/presence and once with the Redis ones (the ``tc`` fixture reads it).
BOTH_BUSES = pytest.mark.parametrize(
    "tc", ["memory", pytest.param("redis", marks=pytest.mark.redis)], indirect=True
)
_counter = itertools.count()


@dataclass
class Member:
    """Someone in a room: their access token and participant record."""

    token: str
    participant_id: str
    status: str
    name: str

    @property
    def headers(self) -> dict[str, str]:
        return bearer(self.token)


@dataclass
class RoomHandle:
    """A room created through the API, with its host."""

    id: str
    invite_code: str
    host: Member


def make_room(tc: TestClient, **fields: Any) -> RoomHandle:
    """Register a host and create a room through the real HTTP API."""
    email = f"host{next(_counter)}@example.com"
    response = tc.post(
        "/api/v1/auth/register", json={"name": "Hana Host", "email": email, "password": PASSWORD}
    )
    assert response.status_code == 201, response.text
    token = response.json()["access_token"]
    payload = {"title": "Interview", "language": "python", **fields}
    response = tc.post("/api/v1/rooms", json=payload, headers=bearer(token))
    assert response.status_code == 201, response.text
    room = response.json()
    host = Member(token, room["me"]["id"], room["me"]["status"], "Hana Host")
    return RoomHandle(room["id"], room["invite_code"], host)


def join_guest(tc: TestClient, room: RoomHandle, name: str = "Gus Guest") -> Member:
    """Join ``room`` through its invite as a guest (waiting unless auto-admit is on)."""
    response = tc.post(f"/api/v1/invites/{room.invite_code}/join", json={"name": name})
    assert response.status_code == 200, response.text
    body = response.json()
    return Member(body["access_token"], body["participant"]["id"], body["status"], name)


def admit(tc: TestClient, room: RoomHandle, member: Member) -> None:
    """Admit ``member`` over REST as the host."""
    url = f"/api/v1/rooms/{room.id}/participants/{member.participant_id}/admit"
    response = tc.post(url, headers=room.host.headers)
    assert response.status_code == 200, response.text
    member.status = "admitted"


def admitted_guest(tc: TestClient, room: RoomHandle, name: str = "Gus Guest") -> Member:
    """A guest who joined and was admitted."""
    member = join_guest(tc, room, name)
    if member.status != "admitted":
        admit(tc, room, member)
    return member


class Socket:
    """A TestClient WebSocket with timeouts (a missing message fails, never hangs)."""

    def __init__(self, ws: WebSocketTestSession) -> None:
        self.ws = ws

    def send(self, message: dict[str, Any]) -> None:
        self.ws.send_text(json.dumps(message))

    def send_raw(self, text: str) -> None:
        self.ws.send_text(text)

    def _next(self, timeout: float) -> dict[str, Any]:
        async def get() -> Any:
            with anyio.fail_after(timeout):
                return await self.ws._send_rx.receive()

        message: dict[str, Any] = self.ws.portal.call(get)
        return message

    def recv(self, timeout: float = 5.0) -> dict[str, Any]:
        """The next JSON message; fails on close or timeout."""
        message = self._next(timeout)
        assert message["type"] == "websocket.send", f"expected a message, got {message}"
        body: dict[str, Any] = json.loads(message["text"])
        return body

    def recv_type(
        self, kind: str, timeout: float = 5.0, skip: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        """The next message of type ``kind``, skipping only the types in ``skip``."""
        while True:
            body = self.recv(timeout)
            if body["type"] == kind:
                return body
            assert body["type"] in skip, f"expected {kind}, got {body}"

    def until(self, kind: str, timeout: float = 5.0) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """Read until a message of type ``kind``; returns it and everything before it."""
        before: list[dict[str, Any]] = []
        while True:
            body = self.recv(timeout)
            if body["type"] == kind:
                return body, before
            before.append(body)

    def expect_close(self, timeout: float = 5.0) -> int:
        """Read until the server closes; returns the close code."""
        while True:
            message = self._next(timeout)
            if message["type"] == "websocket.close":
                code: int = message["code"]
                return code

    def opening(self) -> dict[str, dict[str, Any]]:
        """Read the admitted opening messages (welcome .. chat.history) by type."""
        seen: dict[str, dict[str, Any]] = {}
        while "chat.history" not in seen:
            body = self.recv()
            seen[body["type"]] = body
        return seen


def events_url(room_id: str, token: str | None, **params: Any) -> str:
    query = "&".join(f"{k}={v}" for k, v in ({"token": token} | params).items() if v is not None)
    return f"/ws/rooms/{room_id}/events" + (f"?{query}" if query else "")


@contextmanager
def socket(tc: TestClient, room_id: str, token: str | None, **params: Any) -> Iterator[Socket]:
    """An events socket into ``room_id`` (``params`` go to the URL, e.g. ``last_seq``)."""
    with tc.websocket_connect(events_url(room_id, token, **params)) as ws:
        yield Socket(ws)


@contextmanager
def hosted_room(tc: TestClient) -> Iterator[tuple[RoomHandle, Socket]]:
    """A new room and its host's socket, open and past its opening messages."""
    room = make_room(tc)
    with socket(tc, room.id, room.host.token) as host:
        host.opening()
        yield room, host


@contextmanager
def host_and_guest(
    tc: TestClient, name: str = "Gus Guest"
) -> Iterator[tuple[RoomHandle, Member, Socket, Socket]]:
    """A new room and an admitted guest: ``(room, guest, host socket, guest socket)``.

    Both sockets are open and past their opening messages.
    """
    room = make_room(tc)
    guest = admitted_guest(tc, room, name)
    with sockets(tc, room.id, room.host.token, guest.token) as (host, cand):
        host.opening()
        cand.opening()
        yield room, guest, host, cand


@contextmanager
def sockets(tc: TestClient, room_id: str, *tokens: str) -> Iterator[list[Socket]]:
    """An events socket into ``room_id`` per token, opened in order and closed in reverse."""
    with ExitStack() as stack:
        yield [stack.enter_context(socket(tc, room_id, token)) for token in tokens]
