"""The execution component of the app's lifespan: builds the ``Executor`` (state ``executor``)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from coderoom.execution.backends import Backend, LocalBackend, UnavailableBackend
from coderoom.execution.sandbox.launcher import LauncherBuildError
from coderoom.execution.service import Executor
from coderoom.execution.worker import ArqBackend
from coderoom.settings import Settings

log = logging.getLogger(__name__)


async def _local_backend(settings: Settings) -> Backend:
    try:
        return await LocalBackend.create(settings)
    except LauncherBuildError as exc:
        log.error("code execution disabled: %s", exc)  # noqa: TRY400 - the message says it all
        return UnavailableBackend(str(exc))


@asynccontextmanager
async def executor_component(
    settings: Settings, _state: dict[str, Any]
) -> AsyncIterator[dict[str, Any]]:
    """In-process sandbox pool, or arq workers when ``redis_url`` is set.

    Outside test mode every language is self-tested in the background at start-up; tests
    self-test each language on first use so an app starts in milliseconds.
    """
    if settings.redis_url:
        arq_backend = await ArqBackend.create(settings)
        executor = Executor(settings.sandbox, arq_backend)
    else:
        arq_backend = None
        executor = Executor(settings.sandbox, await _local_backend(settings))
    if settings.mode != "test":
        executor.start_self_tests()
    try:
        yield {"executor": executor}
    finally:
        await executor.aclose()
        if arq_backend is not None:
            await arq_backend.aclose()
