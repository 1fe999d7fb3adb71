"""Schema-driven fuzzing of the notes and scorecards API: the error contract, never a 500.

Positive and negative cases for every operation against a pinned room the fuzzing account
hosts (the scorecard submit endpoint is fuzzed last: a submission makes the card final).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from schemathesis.python import asgi

from coderoom.app import create_app
from coderoom.settings import Settings
from fuzzing import fuzz, fuzzer_headers, serve

PATHS = r"^/api/v1/rooms/\{room_id\}/(notes|scorecards)(/.*)?$"
LAST = ("POST /api/v1/rooms/{room_id}/scorecards/me/submit",)


@pytest.fixture
def api(settings: Settings) -> Iterator[tuple[Any, asgi.ASGIClient]]:
    """The app, run on schemathesis' own event-loop thread, and a client for it."""
    with serve(create_app(settings)) as served:
        yield served


def test_notes_api_conforms_to_its_schema(api: tuple[Any, asgi.ASGIClient]) -> None:
    app, client = api
    headers = fuzzer_headers(client)
    room = client.post("/api/v1/rooms", json={"title": "Fuzz"}, headers=headers).json()
    seen = fuzz(
        app, headers, {"room_id": room["id"]}, path_regex=PATHS, last=LAST, min_operations=5
    )
    statuses = {key.rsplit(" ", 1)[1] for key in seen}
    assert {"200", "422"} <= statuses, seen
    # The host's notes and scorecard were written by the fuzzer, not refused wholesale.
    assert seen["PUT /api/v1/rooms/{room_id}/notes/me 200"] > 0, seen
    assert seen["PUT /api/v1/rooms/{room_id}/scorecards/me 200"] > 0, seen
