"""Scale-out: the web side enqueues on a real Redis, a real ``coderoom worker`` runs the code."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest

from accounts import register
from coderoom.core.errors import RateLimited
from coderoom.execution.sandbox.job import Job
from coderoom.execution.service import Executor, RunRequest
from coderoom.execution.worker import ArqBackend
from coderoom.settings import Settings
from conftest import REDIS_URL

pytestmark = [pytest.mark.anyio, pytest.mark.redis, pytest.mark.sandbox]


@pytest.fixture
def worker_settings(tmp_path: Path) -> Settings:
    """Settings with Redis and a queue name of this test's own."""
    settings = Settings(
        mode="test",
        var_dir=tmp_path / "var",
        secret_key="k" * 40,
        redis_url=REDIS_URL,
        _env_file=None,  # type: ignore[call-arg]
    )
    settings.sandbox.queue_name = f"coderoom-test:{secrets.token_hex(6)}"
    settings.sandbox.concurrency = 2
    return settings


@pytest.fixture
def worker(worker_settings: Settings) -> Iterator[subprocess.Popen[bytes]]:
    """A ``coderoom worker`` subprocess on that queue."""
    env = {
        **os.environ,
        "CODEROOM_MODE": "test",
        "CODEROOM_REDIS_URL": REDIS_URL,
        "CODEROOM_VAR_DIR": str(worker_settings.var_dir),
        "CODEROOM_SECRET_KEY": worker_settings.secret_key,
        "CODEROOM_SANDBOX__QUEUE_NAME": worker_settings.sandbox.queue_name,
        "CODEROOM_SANDBOX__CONCURRENCY": "2",
    }
    process = subprocess.Popen([sys.executable, "-m", "coderoom", "worker"], env=env)
    yield process
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
async def remote_executor(worker_settings: Settings) -> AsyncIterator[Executor]:
    """An executor whose backend only enqueues on Redis."""
    backend = await ArqBackend.create(worker_settings)
    executor = Executor(worker_settings.sandbox, backend)
    yield executor
    await executor.aclose()
    await backend.aclose()


async def test_worker_runs_jobs_from_redis(
    worker: subprocess.Popen[bytes], remote_executor: Executor
) -> None:
    with anyio.fail_after(60):
        result = await remote_executor.run(RunRequest("python", "print(input()[::-1])", "abc\n"))
    assert result.status == "ok"
    assert result.stdout == "cba\n"
    with anyio.fail_after(60):
        batch = await remote_executor.run_batch(
            "c",
            '#include <stdio.h>\nint main(void){int x;scanf("%d",&x);printf("%d",x*x);}',
            ["3", "4"],
        )
    assert [r.stdout for r in batch.runs] == ["9", "16"]
    languages = {lang.id for lang in await remote_executor.languages()}
    assert {"python", "c"} <= languages
    assert worker.poll() is None


async def test_no_worker_means_429_after_the_queue_wait(
    worker_settings: Settings, remote_executor: Executor
) -> None:
    worker_settings.sandbox.queue_wait_s = 0.5
    with anyio.fail_after(5), pytest.raises(RateLimited):
        await remote_executor.backend.execute(Job("python", "print(1)"))


@pytest.fixture
def settings(settings: Settings, worker_settings: Settings) -> Settings:
    """The app's settings: Redis on, the worker's queue."""
    settings.redis_url = REDIS_URL
    settings.sandbox.queue_name = worker_settings.sandbox.queue_name
    return settings


async def test_api_runs_through_the_worker(
    worker: subprocess.Popen[bytes], client: httpx.AsyncClient, state: dict[str, Any]
) -> None:
    assert isinstance(state["executor"].backend, ArqBackend)  # the web side only enqueues
    user = await register(client)
    body = {"language": "python", "code": "print(sum(map(int, input().split())))", "stdin": "2 3"}
    with anyio.fail_after(60):
        response = await client.post("/api/v1/executions", json=body, headers=user["headers"])
    assert response.status_code == 200, response.text
    assert (response.json()["status"], response.json()["stdout"]) == ("ok", "5\n")
