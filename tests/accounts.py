"""Test helpers for accounts and rooms through the real HTTP API (any domain may use them)."""

from __future__ import annotations

import itertools
from typing import Any

import httpx

PASSWORD = "correct horse battery staple"
_counter = itertools.count()


def error_code(response: httpx.Response, status: int) -> str:
    """The error code of a response that must have ``status``."""
    assert response.status_code == status, response.text
    code: str = response.json()["error"]["code"]
    return code


def bearer(token: str) -> dict[str, str]:
    """An Authorization header for ``token``."""
    return {"Authorization": f"Bearer {token}"}


async def register(
    client: httpx.AsyncClient, name: str = "Ada Lovelace", email: str | None = None
) -> dict[str, Any]:
    """Register a fresh account; returns the body plus ``headers`` for its access token."""
    email = email or f"user{next(_counter)}@example.com"
    response = await client.post(
        "/api/v1/auth/register", json={"name": name, "email": email, "password": PASSWORD}
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    body["headers"] = bearer(body["access_token"])
    return body


async def create_room(
    client: httpx.AsyncClient, headers: dict[str, str], **fields: Any
) -> dict[str, Any]:
    """Create a room as the account behind ``headers``."""
    payload = {"title": "Interview", "language": "python", **fields}
    response = await client.post("/api/v1/rooms", json=payload, headers=headers)
    assert response.status_code == 201, response.text
    room: dict[str, Any] = response.json()
    return room


async def join_as_guest(
    client: httpx.AsyncClient, invite_code: str, name: str = "Grace", **fields: Any
) -> dict[str, Any]:
    """Join through an invite as a guest; adds ``headers`` for the guest token."""
    response = await client.post(
        f"/api/v1/invites/{invite_code}/join", json={"name": name, **fields}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    body["headers"] = bearer(body["access_token"])
    return body
