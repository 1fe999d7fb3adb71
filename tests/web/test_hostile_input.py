"""Bad input at the edge: always the error contract, never a 5xx."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from accounts import create_room, register

pytestmark = pytest.mark.anyio


def assert_contract(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["error"]["code"] == code
    assert response.json()["error"]["message"]


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
async def test_non_json_body_is_415(client: httpx.AsyncClient, content_type: str) -> None:
    response = await client.post(
        "/api/v1/auth/login",
        content=b'{"email": "a@example.com", "password": "0123456789"}',
        headers={"content-type": content_type},
    )
    assert_contract(response, 415, "unsupported_media_type")


@pytest.mark.parametrize(
    "body", [b"{", b'{"email": }', b"\xff\xfe", b'{"email": "a@example.com",}', b"nul\x00"]
)
async def test_malformed_json_is_400(client: httpx.AsyncClient, body: bytes) -> None:
    response = await client.post(
        "/api/v1/auth/login", content=body, headers={"content-type": "application/json"}
    )
    assert_contract(response, 400, "bad_request")


@pytest.mark.parametrize("body", [b"[]", b"null", b"42", b'"text"', b"{}"])
async def test_json_of_the_wrong_shape_is_422(client: httpx.AsyncClient, body: bytes) -> None:
    response = await client.post(
        "/api/v1/auth/login", content=body, headers={"content-type": "application/json"}
    )
    assert_contract(response, 422, "invalid_input")


async def test_missing_body_is_422(client: httpx.AsyncClient) -> None:
    assert_contract(await client.post("/api/v1/auth/register"), 422, "invalid_input")


async def test_nul_bytes_never_reach_the_database(client: httpx.AsyncClient) -> None:
    # PostgreSQL refuses NUL in text; this used to answer 500 there.
    user = await register(client)
    headers = user["headers"]
    room = await create_room(client, headers)
    cases: list[tuple[str, str, dict[str, Any] | None]] = [
        ("GET", "/api/v1/rooms/abc%00def", None),
        ("GET", "/api/v1/invites/abc%00def", None),
        ("POST", "/api/v1/invites/abc%00/join", {"name": "G"}),
        ("POST", "/api/v1/rooms", {"title": "t", "description": "a\x00b"}),
        ("POST", "/api/v1/rooms", {"title": "t", "problem_id": "p\x00"}),
        ("PATCH", f"/api/v1/rooms/{room['id']}", {"description": "\x00"}),
        ("POST", f"/api/v1/rooms/{room['id']}/participants/x%00y/admit", None),
        ("POST", "/api/v1/auth/login", {"email": "a\x00@example.com", "password": "x" * 10}),
    ]
    for method, path, body in cases:
        response = await client.request(method, path, json=body, headers=headers)
        assert_contract(response, 422, "invalid_input")


async def test_unknown_method_is_405_in_the_contract(client: httpx.AsyncClient) -> None:
    response = await client.put("/api/v1/auth/me", json={})
    assert_contract(response, 405, "method_not_allowed")


async def test_huge_numbers_and_deep_nesting(client: httpx.AsyncClient) -> None:
    user = await register(client)
    deep: Any = "x"
    for _ in range(200):
        deep = {"a": deep}
    for body in [
        {"preferences": {"font_size": 10**100}},
        {"preferences": deep},
        {"name": ["x"] * 10_000},
    ]:
        response = await client.patch("/api/v1/auth/me", json=body, headers=user["headers"])
        assert_contract(response, 422, "invalid_input")
