"""Property tests: whatever the payload, the API answers in the error contract, never 5xx."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from accounts import register
from coderoom.settings import Settings

pytestmark = pytest.mark.anyio

PROPERTY_SETTINGS = hypothesis_settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
ANY_JSON = st.recursive(
    JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A field that is usually well-typed, sometimes any JSON, sometimes missing."""
    return st.one_of(strategy, strategy, ANY_JSON)


def valid_line(value: Any, max_length: int) -> bool:
    if not isinstance(value, str):
        return False
    stripped = value.strip()
    return 1 <= len(stripped) <= max_length and not CONTROL.search(stripped)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """No rate limits in the way of many examples."""
    settings.auth.register_rate_limit = "10000/minute"
    return settings


@pytest.fixture
async def headers(client: httpx.AsyncClient) -> dict[str, str]:
    """One account for all examples of a property."""
    user = await register(client)
    return user["headers"]  # type: ignore[no-any-return]


REGISTER_PAYLOADS = st.fixed_dictionaries(
    {},
    optional={
        "name": maybe(st.text(max_size=90)),
        "email": maybe(st.emails() | st.text(max_size=30)),
        "password": maybe(st.text(min_size=0, max_size=40)),
    },
)


@given(payload=REGISTER_PAYLOADS)
@PROPERTY_SETTINGS
async def test_register_never_fails_on_our_side(
    client: httpx.AsyncClient, payload: dict[str, Any]
) -> None:
    response = await client.post("/api/v1/auth/register", json=payload)
    assert response.status_code in {201, 409, 422}, response.text
    if response.status_code != 201:
        assert set(response.json()["error"]) == {"code", "message", "details"}
    if not valid_line(payload.get("name"), 80) or not isinstance(payload.get("password"), str):
        assert response.status_code == 422


ROOM_PAYLOADS = st.fixed_dictionaries(
    {},
    optional={
        "title": maybe(st.text(max_size=130)),
        "description": maybe(st.text(max_size=50)),
        "language": maybe(st.sampled_from(["python", "go", "c++", "Bad Lang", ""])),
        "password": maybe(st.text(max_size=10)),
        "auto_admit": maybe(st.booleans()),
        "proctoring_enabled": maybe(st.booleans()),
        "problem_id": maybe(st.text(max_size=10) | st.none()),
    },
)


@given(payload=ROOM_PAYLOADS)
@PROPERTY_SETTINGS
async def test_room_creation_never_fails_on_our_side(
    client: httpx.AsyncClient, headers: dict[str, str], payload: dict[str, Any]
) -> None:
    response = await client.post("/api/v1/rooms", json=payload, headers=headers)
    assert response.status_code in {201, 422}, response.text
    if not valid_line(payload.get("title"), 120):
        assert response.status_code == 422
    if response.status_code == 201:
        assert response.json()["title"] == payload["title"].strip()
