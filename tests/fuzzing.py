"""Schemathesis over part of the app's OpenAPI schema, in process (any domain's fuzz tests).

Positive and negative cases for every operation, authenticated as a real account, with path
parameters pinned to real resources so bodies reach the service code. Checks: no 5xx, status
codes, content types and bodies as the schema documents them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

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

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
MAX_EXAMPLES = 10


@contextmanager
def serve(app: Any) -> Iterator[tuple[Any, asgi.ASGIClient]]:
    """The app, started on schemathesis' own event-loop thread, and a client for it."""
    with asgi.get_client(app) as client:
        yield app, client
    asgi.shutdown_lifespans()


def fuzzer_headers(client: asgi.ASGIClient) -> dict[str, str]:
    """Register the fuzzing account; its Authorization header."""
    account = client.post(
        "/api/v1/auth/register",
        json={"name": "Fuzz", "email": "fuzz@example.com", "password": "a fine passphrase"},
    ).json()
    return {"Authorization": f"Bearer {account['access_token']}"}


def fuzz(
    app: Any,
    headers: dict[str, str],
    pinned: Mapping[str, Any],
    *,
    path_regex: str,
    last: tuple[str, ...],
    min_operations: int,
) -> Counter[str]:
    """Fuzz every operation matching ``path_regex`` (those in ``last`` go last, in order).

    Returns how often each ``"<operation> <status>"`` was seen.
    """
    schema = schemathesis.openapi.from_asgi("/openapi.json", app).include(path_regex=path_regex)
    operations = sorted(
        (result.ok() for result in schema.get_all_operations()),  # type: ignore[union-attr]
        key=lambda op: last.index(op.label) if op.label in last else -1,
    )
    assert len(operations) >= min_operations
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
    return seen


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
