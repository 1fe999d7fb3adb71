"""Schemathesis over the accounts/rooms/invites part of the OpenAPI schema, in process.

Positive and negative cases for every operation, authenticated as a real account, with
``room_id`` pinned to a real room so bodies reach the service code (random ids only
meet the 404 that outsiders get). Checks: no 5xx, status codes, content types and bodies
as the schema documents them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.python import asgi
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from coderoom.app import create_app
from coderoom.settings import Settings

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
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
MAX_EXAMPLES = 10


@pytest.fixture
def api(settings: Settings) -> Iterator[tuple[Any, asgi.ASGIClient]]:
    """The app, started on schemathesis' own event-loop thread, and a client for it."""
    settings.auth.register_rate_limit = "1000/minute"
    settings.auth.login_rate_limit = "1000/minute"
    settings.auth.refresh_rate_limit = "1000/minute"
    app = create_app(settings)
    with asgi.get_client(app) as client:  # type: ignore[arg-type]
        yield app, client
    asgi.shutdown_lifespans()


def _prepare(client: asgi.ASGIClient) -> tuple[dict[str, str], dict[str, str]]:
    account = client.post(
        "/api/v1/auth/register",
        json={"name": "Fuzz", "email": "fuzz@example.com", "password": "a fine passphrase"},
    ).json()
    headers = {"Authorization": f"Bearer {account['access_token']}"}
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
    schema = schemathesis.openapi.from_asgi("/openapi.json", app).include(path_regex=MY_PATHS)
    operations = sorted(
        (result.ok() for result in schema.get_all_operations()),  # type: ignore[union-attr]
        key=lambda op: LAST.index(op.label) if op.label in LAST else -1,
    )
    assert len(operations) >= 15
    seen: Counter[str] = Counter()
    for operation in operations:
        names = {p.name for p in operation.path_parameters}
        fixed = {name: value for name, value in pinned.items() if name in names}
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(generation_mode=mode, path_parameters=fixed)
            try:
                _run(strategy, headers, seen)
            except Unsatisfiable:
                # Nothing to make invalid (no body, no free parameter): positive cases cover it.
                assert mode is GenerationMode.NEGATIVE, operation.label
    # The run reached the services, not only the validation layer.
    statuses = {key.rsplit(" ", 1)[1] for key in seen}
    assert {"200", "201", "401", "404", "422"} <= statuses, seen


def _run(strategy: Any, headers: dict[str, str], seen: Counter[str]) -> None:
    @given(case=strategy)
    @hypothesis_settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        response = case.call(headers=headers)
        seen[f"{case.operation.label} {response.status_code}"] += 1
        case.validate_response(response, checks=CHECKS)

    check()
