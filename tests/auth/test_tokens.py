from __future__ import annotations

from datetime import timedelta

import anyio
import httpx
import jwt
import pytest
from sqlalchemy import delete

from accounts import bearer, register
from coderoom.auth.models import User
from coderoom.auth.tokens import Principal, decode_access_token, encode_access_token
from coderoom.core.clock import utcnow
from coderoom.core.errors import Unauthenticated
from coderoom.settings import Settings
from coderoom.storage.db import create_engine

pytestmark = pytest.mark.anyio

ME = "/api/v1/auth/me"


async def _status(client: httpx.AsyncClient, headers: dict[str, str]) -> tuple[int, str]:
    response = await client.get(ME, headers=headers)
    return response.status_code, response.json()["error"]["code"]


async def test_expired_token_is_rejected(client: httpx.AsyncClient, settings: Settings) -> None:
    user = await register(client)
    principal = Principal(subject=user["user"]["id"], kind="user", name="Ada")
    token = encode_access_token(principal, secret=settings.resolved_secret_key(), ttl_s=-5)
    assert await _status(client, bearer(token)) == (401, "token_expired")


async def test_forged_token_is_rejected(client: httpx.AsyncClient) -> None:
    user = await register(client)
    principal = Principal(subject=user["user"]["id"], kind="user", name="Ada")
    token = encode_access_token(principal, secret="another-key-" + "y" * 40, ttl_s=60)
    assert await _status(client, bearer(token)) == (401, "token_invalid")


async def test_unsigned_token_is_rejected(client: httpx.AsyncClient) -> None:
    user = await register(client)
    now = utcnow()
    claims = {
        "sub": user["user"]["id"],
        "kind": "user",
        "type": "access",
        "iat": now,
        "exp": now + timedelta(minutes=5),
    }
    token = jwt.encode(claims, key=None, algorithm="none")
    assert await _status(client, bearer(token)) == (401, "token_invalid")


@pytest.mark.parametrize(
    "claims",
    [
        {"kind": "user", "type": "refresh"},
        {"kind": "admin", "type": "access"},
        {"kind": "guest", "type": "access"},  # a guest token without its room
        {"type": "access"},
    ],
)
async def test_tokens_with_wrong_claims_are_rejected(
    client: httpx.AsyncClient, settings: Settings, claims: dict[str, str]
) -> None:
    user = await register(client)
    now = utcnow()
    payload = {"sub": user["user"]["id"], "iat": now, "exp": now + timedelta(minutes=5), **claims}
    token = jwt.encode(payload, settings.resolved_secret_key(), algorithm="HS256")
    assert (await client.get(ME, headers=bearer(token))).status_code == 401


async def test_token_of_unknown_account_is_rejected(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    principal = Principal(subject="no-such-user", kind="user", name="Ghost")
    token = encode_access_token(principal, secret=settings.resolved_secret_key(), ttl_s=60)
    assert await _status(client, bearer(token)) == (401, "token_invalid")


@pytest.mark.parametrize(
    "header",
    [
        "Bearer",
        "Bearer ",
        "Bearer not.a.jwt",
        "Basic dXNlcjpwYXNz",
        "token",
        "Bearer " + "a" * 5000,
    ],
)
async def test_malformed_authorization_headers(client: httpx.AsyncClient, header: str) -> None:
    response = await client.get(ME, headers={"Authorization": header})
    assert response.status_code == 401
    assert response.json()["error"]["code"] in {"token_invalid", "unauthenticated"}


async def test_refresh_token_is_not_an_access_token(client: httpx.AsyncClient) -> None:
    user = await register(client)
    assert (await client.get(ME, headers=bearer(user["refresh_token"]))).status_code == 401


async def test_access_token_claims(client: httpx.AsyncClient, settings: Settings) -> None:
    user = await register(client, name="Ada")
    claims = jwt.decode(user["access_token"], settings.resolved_secret_key(), algorithms=["HS256"])
    assert claims["sub"] == user["user"]["id"]
    assert claims["kind"] == "user"
    assert claims["name"] == "Ada"
    assert claims["type"] == "access"
    assert claims["exp"] - claims["iat"] == 15 * 60
    assert claims["jti"]


def _assert_refused(token: str, secret: str, code: str) -> None:
    with pytest.raises(Unauthenticated) as refused:
        decode_access_token(token, secret=secret)
    assert refused.value.code == code


async def test_a_remembered_token_still_expires() -> None:
    secret = "s" * 40
    token = encode_access_token(Principal("u1", "user", "Ann"), secret=secret, ttl_s=1)
    assert decode_access_token(token, secret=secret).subject == "u1"
    assert decode_access_token(token, secret=secret).subject == "u1"  # from memory
    await anyio.sleep(1.1)
    _assert_refused(token, secret, "token_expired")


def test_a_remembered_token_verifies_only_with_its_secret_and_bytes() -> None:
    secret = "s" * 40
    token = encode_access_token(Principal("u2", "user", "Bob"), secret=secret, ttl_s=60)
    assert decode_access_token(token, secret=secret).subject == "u2"
    _assert_refused(token, "t" * 40, "token_invalid")
    head, payload, signature = token.split(".")
    flipped = signature[:-2] + ("A" if signature[-2] != "A" else "B") + signature[-1]
    _assert_refused(f"{head}.{payload}.{flipped}", secret, "token_invalid")


async def test_deleted_account_is_refused_at_once(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    """The signed token is not enough: every request checks that the account still exists."""
    user = await register(client)
    headers = bearer(user["access_token"])
    assert (await client.get(ME, headers=headers)).status_code == 200
    engine = create_engine(settings.database_url)
    try:
        async with engine.begin() as connection:
            await connection.execute(delete(User).where(User.id == user["user"]["id"]))
    finally:
        await engine.dispose()
    assert await _status(client, headers) == (401, "token_invalid")
    run = await client.post(
        "/api/v1/executions", json={"language": "python", "code": "print(1)"}, headers=headers
    )
    assert (run.status_code, run.json()["error"]["code"]) == (401, "token_invalid")
