from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from accounts import PASSWORD, bearer, register
from coderoom.auth.passwords import hasher_for, verify_password_blocking
from coderoom.settings import AuthSettings

pytestmark = pytest.mark.anyio

REGISTER = "/api/v1/auth/register"


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    error: dict[str, Any] = response.json()["error"]
    assert set(error) == {"code", "message", "details"}
    assert error["message"]
    if code is not None:
        assert error["code"] == code
    return error


async def test_register_returns_user_and_tokens(client: httpx.AsyncClient) -> None:
    response = await client.post(
        REGISTER,
        json={"name": "  Ada  ", "email": "  Ada@Example.COM ", "password": PASSWORD},
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["user"]["email"] == "ada@example.com"
    assert body["user"]["name"] == "Ada"
    assert body["user"]["preferences"] == {"theme": "system", "keymap": "default", "font_size": 14}
    assert body["access_token"]
    assert body["refresh_token"]
    assert body["expires_in"] == 15 * 60
    me = await client.get("/api/v1/auth/me", headers=bearer(body["access_token"]))
    assert me.status_code == 200
    assert me.json()["id"] == body["user"]["id"]


async def test_email_is_unique_whatever_its_case(client: httpx.AsyncClient) -> None:
    await register(client, email="grace@example.com")
    response = await client.post(
        REGISTER, json={"name": "G", "email": "GRACE@example.com ", "password": PASSWORD}
    )
    assert_error(response, 409, "email_taken")


@pytest.mark.parametrize(
    ("password", "rules"),
    [
        ("short", {"min_length"}),
        ("qwerty123456", {"common"}),
        ("Password2024", {"common"}),
        ("my-marie.curie-pass", {"contains_email"}),
        ("marie", {"min_length", "contains_email"}),
    ],
)
async def test_password_rules_each_have_a_message(
    client: httpx.AsyncClient, password: str, rules: set[str]
) -> None:
    response = await client.post(
        REGISTER, json={"name": "M", "email": "marie.curie@example.com", "password": password}
    )
    error = assert_error(response, 422, "weak_password")
    assert {d["rule"] for d in error["details"]} == rules
    assert all(d["message"] for d in error["details"])


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"name": "A", "email": "a@example.com"},
        {"name": "", "email": "a@example.com", "password": PASSWORD},
        {"name": "   ", "email": "a@example.com", "password": PASSWORD},
        {"name": "x" * 81, "email": "a@example.com", "password": PASSWORD},
        {"name": "bad\x00name", "email": "a@example.com", "password": PASSWORD},
        {"name": "evil\u202etxt.exe", "email": "a@example.com", "password": PASSWORD},
        {"name": "in\u200bvisible", "email": "a@example.com", "password": PASSWORD},
        {"name": "A", "email": "not-an-email", "password": PASSWORD},
        {"name": "A", "email": "a@" + "x" * 300 + ".com", "password": PASSWORD},
        {"name": "A", "email": "a@example.com", "password": "p" * 257},
        {"name": 7, "email": "a@example.com", "password": PASSWORD},
        {"name": "A", "email": ["a@example.com"], "password": PASSWORD},
        {"name": "A", "email": "a@example.com", "password": None},
        {"name": "A", "email": "a@example.com", "password": PASSWORD, "admin": True},
    ],
)
async def test_register_rejects_bad_fields(
    client: httpx.AsyncClient, payload: dict[str, Any]
) -> None:
    assert_error(await client.post(REGISTER, json=payload), 422, "invalid_input")


async def test_login_and_its_failures_look_the_same(client: httpx.AsyncClient) -> None:
    await register(client, email="linus@example.com")
    ok = await client.post(
        "/api/v1/auth/login", json={"email": " LINUS@example.com", "password": PASSWORD}
    )
    assert ok.status_code == 200, ok.text
    assert ok.json()["user"]["email"] == "linus@example.com"
    wrong = await client.post(
        "/api/v1/auth/login", json={"email": "linus@example.com", "password": "nope" * 4}
    )
    unknown = await client.post(
        "/api/v1/auth/login", json={"email": "nobody@example.com", "password": "nope" * 4}
    )
    assert_error(wrong, 401, "invalid_credentials")
    assert wrong.json() == unknown.json()
    assert unknown.status_code == 401


async def test_refresh_rotates_and_reuse_revokes_the_family(client: httpx.AsyncClient) -> None:
    first = await register(client)
    second = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]}
    )
    assert second.status_code == 200, second.text
    rotated = second.json()["refresh_token"]
    assert rotated != first["refresh_token"]

    replay = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]}
    )
    assert_error(replay, 401, "token_reused")
    # The legitimate newest token died with its family.
    after = await client.post("/api/v1/auth/refresh", json={"refresh_token": rotated})
    assert_error(after, 401, "token_reused")


async def test_refresh_rejects_unknown_and_malformed(client: httpx.AsyncClient) -> None:
    unknown = await client.post("/api/v1/auth/refresh", json={"refresh_token": "x" * 43})
    assert_error(unknown, 401, "token_invalid")
    assert_error(await client.post("/api/v1/auth/refresh", json={}), 422)
    too_long = await client.post("/api/v1/auth/refresh", json={"refresh_token": "x" * 201})
    assert_error(too_long, 422)


async def test_logout_revokes_the_refresh_token(client: httpx.AsyncClient) -> None:
    user = await register(client)
    out = await client.post("/api/v1/auth/logout", json={"refresh_token": user["refresh_token"]})
    assert out.status_code == 204
    again = await client.post("/api/v1/auth/refresh", json={"refresh_token": user["refresh_token"]})
    assert again.status_code == 401
    # Logging out twice, or with an unknown token, is harmless.
    assert (
        await client.post("/api/v1/auth/logout", json={"refresh_token": "unknown"})
    ).status_code == 204


async def test_profile_update_merges_preferences(client: httpx.AsyncClient) -> None:
    user = await register(client)
    first = await client.patch(
        "/api/v1/auth/me",
        json={"name": "Ada L.", "preferences": {"theme": "dark", "font_size": 18}},
        headers=user["headers"],
    )
    assert first.status_code == 200, first.text
    second = await client.patch(
        "/api/v1/auth/me", json={"preferences": {"keymap": "vim"}}, headers=user["headers"]
    )
    assert second.json()["name"] == "Ada L."
    assert second.json()["preferences"] == {"theme": "dark", "keymap": "vim", "font_size": 18}


@pytest.mark.parametrize(
    "payload",
    [
        {"preferences": {"font_size": 9}},
        {"preferences": {"font_size": 33}},
        {"preferences": {"font_size": "big"}},
        {"preferences": {"theme": "neon"}},
        {"preferences": {"keymap": "nano"}},
        {"preferences": {"colour": "red"}},
        {"name": ""},
        {"name": "x" * 81},
        {"email": "new@example.com"},
    ],
)
async def test_profile_update_rejects_bad_values(
    client: httpx.AsyncClient, payload: dict[str, Any]
) -> None:
    user = await register(client)
    response = await client.patch("/api/v1/auth/me", json=payload, headers=user["headers"])
    assert_error(response, 422, "invalid_input")


async def test_me_needs_an_account(client: httpx.AsyncClient) -> None:
    assert_error(await client.get("/api/v1/auth/me"), 401, "unauthenticated")
    assert_error(await client.patch("/api/v1/auth/me", json={}), 401, "unauthenticated")


def test_production_password_hashes_use_the_rfc_profile() -> None:

    encoded = hasher_for(AuthSettings()).hash("a long enough password")
    assert encoded.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert verify_password_blocking(encoded, "a long enough password")
    assert not verify_password_blocking(encoded, "another password")
    assert not verify_password_blocking("not-a-hash", "another password")


async def test_concurrent_refreshes_of_one_token_let_only_one_through(
    client: httpx.AsyncClient,
) -> None:
    user = await register(client)
    body = {"refresh_token": user["refresh_token"]}
    responses = await asyncio.gather(
        *(client.post("/api/v1/auth/refresh", json=body) for _ in range(3))
    )
    statuses = sorted(r.status_code for r in responses)
    assert statuses[0] == 200
    assert statuses[1:] == [401, 401]


async def test_concurrent_registrations_of_one_email(client: httpx.AsyncClient) -> None:
    body = {"name": "Twin", "email": "twin@example.com", "password": PASSWORD}
    responses = await asyncio.gather(*(client.post(REGISTER, json=body) for _ in range(3)))
    assert sorted(r.status_code for r in responses) == [201, 409, 409]
