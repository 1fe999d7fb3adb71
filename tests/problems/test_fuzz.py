"""Schema-driven fuzzing of the problems API: any input gets the error contract, never a 500.

Positive and negative cases for every problems operation, against a pinned room that has
a problem attached and a problem the fuzzing account owns (deleted last).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import anyio
import pytest
from schemathesis.python import asgi

from coderoom.app import create_app
from coderoom.problems.seed import seed_library
from coderoom.settings import Settings
from fuzzing import fuzz, fuzzer_headers, serve

pytestmark = pytest.mark.sandbox  # run-tests and submissions may reach the sandbox

PATHS = r"^/api/v1/(problems(/.*)?|rooms/\{room_id\}/(problem(/run-tests)?|submissions|report))$"
LAST = ("DELETE /api/v1/problems/{ref}",)


@pytest.fixture
def api(settings: Settings) -> Iterator[tuple[Any, asgi.ASGIClient]]:
    """The app over a database holding two-sum, run on schemathesis' own loop thread."""
    anyio.run(functools.partial(seed_library, settings, slugs={"two-sum"}))
    with serve(create_app(settings)) as served:
        yield served


def _prepare(client: asgi.ASGIClient) -> tuple[dict[str, str], dict[str, Any]]:
    headers = fuzzer_headers(client)
    room = client.post(
        "/api/v1/rooms", json={"title": "Fuzz", "problem_id": "two-sum"}, headers=headers
    ).json()
    mine = {"slug": "fuzz-me", "title": "Fuzz", "difficulty": "easy"}
    assert client.post("/api/v1/problems", json=mine, headers=headers).status_code == 201
    return headers, {"room_id": room["id"], "ref": "fuzz-me", "version": 1}


def test_problems_api_conforms_to_its_schema(api: tuple[Any, asgi.ASGIClient]) -> None:
    app, client = api
    headers, pinned = _prepare(client)
    seen = fuzz(app, headers, pinned, path_regex=PATHS, last=LAST, min_operations=13)
    statuses = {key.rsplit(" ", 1)[1] for key in seen}
    assert {"200", "201", "404", "422"} <= statuses, seen
