"""Schemathesis over the accounts/rooms/invites part of the OpenAPI schema, in process.

``room_id`` is pinned to a real room so bodies reach the service code (random ids only
meet the 404 that outsiders get); the runner is tests/fuzzing.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from schemathesis.python import asgi

from coderoom.app import create_app
from coderoom.settings import Settings
from fuzzing import fuzz, fuzzer_headers, serve

# The operations of accounts, rooms and invites (other domains' room sub-resources have
# their own tests).
MY_PATHS = (
    r"^/api/v1/(auth/|invites/|rooms$|"
    r"rooms/\{room_id\}(/(join|end|invite|participants(/.*)?))?$)"
)
# Replacing the invite, ending and deleting the pinned room go last, so the other
# operations meet a live room and a valid invite code.
LAST = (
    "POST /api/v1/rooms/{room_id}/invite",
    "POST /api/v1/rooms/{room_id}/end",
    "DELETE /api/v1/rooms/{room_id}",
)


@pytest.fixture
def api(settings: Settings) -> Iterator[tuple[Any, asgi.ASGIClient]]:
    """The app, started on schemathesis' own event-loop thread, and a client for it."""
    settings.auth.register_rate_limit = "1000/minute"
    settings.auth.login_rate_limit = "1000/minute"
    settings.auth.refresh_rate_limit = "1000/minute"
    with serve(create_app(settings)) as served:
        yield served


def _prepare(client: asgi.ASGIClient) -> tuple[dict[str, str], dict[str, str]]:
    headers = fuzzer_headers(client)
    room = client.post("/api/v1/rooms", json={"title": "Fuzz"}, headers=headers).json()
    guest = client.post(
        f"/api/v1/invites/{room['invite_code']}/join", json={"name": "Guest"}
    ).json()
    pinned = {
        "room_id": room["id"],
        "code": room["invite_code"],
        "participant_id": guest["participant"]["id"],
    }
    return headers, pinned


def test_api_conforms_to_its_schema(api: tuple[Any, asgi.ASGIClient]) -> None:
    app, client = api
    headers, pinned = _prepare(client)
    seen = fuzz(app, headers, pinned, path_regex=MY_PATHS, last=LAST, min_operations=15)
    # The run reached the services, not only the validation layer.
    statuses = {key.rsplit(" ", 1)[1] for key in seen}
    assert {"200", "201", "401", "404", "422"} <= statuses, seen
