"""Schema-driven fuzzing of the problems API: any input gets the error contract, never a 500.

Positive and negative cases for every problems operation, against a pinned room that has
a problem attached and a problem the fuzzing account owns (deleted last).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterator
from typing import Any

import anyio
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
from coderoom.problems.seed import seed_library
from coderoom.settings import Settings

pytestmark = pytest.mark.sandbox  # run-tests and submissions may reach the sandbox

PATHS = r"^/api/v1/(problems(/.*)?|rooms/\{room_id\}/(problem(/run-tests)?|submissions|report))$"
LAST = ("DELETE /api/v1/problems/{ref}",)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api(settings: Settings) -> Iterator[tuple[Any, asgi.ASGIClient]]:
    """The app over a database holding two-sum, run on schemathesis' own loop thread."""
    anyio.run(functools.partial(seed_library, settings, slugs={"two-sum"}))
    app = create_app(settings)
    with asgi.get_client(app) as client:  # type: ignore[arg-type]
        yield app, client
    asgi.shutdown_lifespans()


def _prepare(client: asgi.ASGIClient) -> tuple[dict[str, str], dict[str, Any]]:
    account = client.post(
        "/api/v1/auth/register",
        json={"name": "Fuzz", "email": "fuzz@example.com", "password": "a fine passphrase"},
    ).json()
    headers = {"Authorization": f"Bearer {account['access_token']}"}
    room = client.post(
        "/api/v1/rooms", json={"title": "Fuzz", "problem_id": "two-sum"}, headers=headers
    ).json()
    mine = {"slug": "fuzz-me", "title": "Fuzz", "difficulty": "easy"}
    assert client.post("/api/v1/problems", json=mine, headers=headers).status_code == 201
    return headers, {"room_id": room["id"], "ref": "fuzz-me", "version": 1}


def test_problems_api_conforms_to_its_schema(api: tuple[Any, asgi.ASGIClient]) -> None:
    app, client = api
    headers, pinned = _prepare(client)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app).include(path_regex=PATHS)
    operations = sorted(
        (result.ok() for result in schema.get_all_operations()),  # type: ignore[union-attr]
        key=lambda op: LAST.index(op.label) if op.label in LAST else -1,
    )
    assert len(operations) >= 13
    seen: Counter[str] = Counter()
    for operation in operations:
        names = {p.name for p in operation.path_parameters}
        fixed = {name: value for name, value in pinned.items() if name in names}
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(generation_mode=mode, path_parameters=fixed)
            try:
                _run(strategy, headers, seen)
            except Unsatisfiable:
                assert mode is GenerationMode.NEGATIVE, operation.label
    statuses = {key.rsplit(" ", 1)[1] for key in seen}
    assert {"200", "201", "404", "422"} <= statuses, seen


def _run(strategy: Any, headers: dict[str, str], seen: Counter[str]) -> None:
    @given(case=strategy)
    @hypothesis_settings(
        max_examples=10,
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
