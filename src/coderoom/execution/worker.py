"""Scale-out: ``coderoom worker`` processes run sandbox jobs taken from an arq queue in Redis.

The web process (``ArqBackend``) only enqueues and awaits results; each worker owns a
``SandboxPool`` and runs at most ``concurrency`` jobs at once, each in a thread around the
sandbox subprocess.
"""

from __future__ import annotations

import logging
import math
from dataclasses import asdict
from typing import Any

import anyio
import anyio.to_thread
from arq import create_pool
from arq.connections import ArqRedis, RedisSettings
from arq.jobs import Job as ArqJob
from arq.jobs import JobStatus
from arq.worker import Worker

from coderoom.core.errors import RateLimited, Unavailable
from coderoom.execution.backends import SandboxPool, concurrency
from coderoom.execution.sandbox.job import Job
from coderoom.settings import SandboxSettings, Settings

log = logging.getLogger(__name__)

POLL_S = 0.01  # arq's default of 0.5 s would add up to half a second to every run
RESULT_KEEP_S = 300


def _job_timeout_s(settings: SandboxSettings, runs: int = 1) -> float:
    return settings.compile_wall_time_s + runs * (settings.wall_time_s + 5) + 10


async def execute_job(ctx: dict[str, Any], job: dict[str, Any]) -> dict[str, Any]:
    """Task for arq: run one job on this worker's sandbox pool."""
    pool: SandboxPool = ctx["pool"]
    return await anyio.to_thread.run_sync(pool.execute_blocking, Job(**job))


async def self_test_job(ctx: dict[str, Any], language_id: str) -> dict[str, Any]:
    """Task for arq: version probe and self-test of one language on this worker."""
    pool: SandboxPool = ctx["pool"]
    return await anyio.to_thread.run_sync(pool.self_test_blocking, language_id)


def build_worker(settings: Settings) -> Worker:
    """An arq worker for ``settings`` (which must have ``redis_url``)."""
    if not settings.redis_url:
        raise ValueError("coderoom worker needs CODEROOM_REDIS_URL")
    slots = concurrency(settings.sandbox)

    async def startup(ctx: dict[str, Any]) -> None:
        ctx["pool"] = await anyio.to_thread.run_sync(SandboxPool, settings)
        log.info("execution worker ready with %d sandboxes", slots)

    return Worker(
        functions=[execute_job, self_test_job],
        queue_name=settings.sandbox.queue_name,
        redis_settings=RedisSettings.from_dsn(settings.redis_url),
        on_startup=startup,
        max_jobs=slots,
        job_timeout=math.ceil(_job_timeout_s(settings.sandbox, runs=200)),
        keep_result=RESULT_KEEP_S,
        poll_delay=POLL_S,
        max_tries=1,  # a run is not idempotent enough to retry behind the caller's back
        retry_jobs=False,
    )


def run_worker_blocking(settings: Settings) -> None:
    """Entry point of ``coderoom worker``: run jobs until SIGINT/SIGTERM."""
    build_worker(settings).run()


class ArqBackend:
    """Enqueues jobs for ``coderoom worker`` processes and awaits their results."""

    def __init__(self, redis: ArqRedis, settings: SandboxSettings) -> None:
        self._redis = redis
        self._settings = settings

    @classmethod
    async def create(cls, settings: Settings) -> ArqBackend:
        """Connect to Redis (``settings.redis_url``)."""
        assert settings.redis_url is not None  # noqa: S101 - chosen only when it is set
        redis = await create_pool(
            RedisSettings.from_dsn(settings.redis_url),
            default_queue_name=settings.sandbox.queue_name,
        )
        return cls(redis, settings.sandbox)

    async def aclose(self) -> None:
        """Close the Redis connection."""
        await self._redis.aclose()

    async def _call(self, function: str, argument: Any, timeout_s: float) -> dict[str, Any]:
        job: ArqJob | None = await self._redis.enqueue_job(
            function, argument, _expires=self._settings.queue_wait_s
        )
        if job is None:  # only with a duplicate _job_id, which we never pass
            raise Unavailable("The run could not be queued.")
        try:
            result: dict[str, Any] = await job.result(
                timeout=self._settings.queue_wait_s, poll_delay=POLL_S
            )
        except TimeoutError:
            if await job.status() in (JobStatus.queued, JobStatus.deferred):
                # No worker took it in time; `_expires` makes sure none will later.
                raise RateLimited(
                    "No execution worker took the run in time; try again shortly.",
                    retry_after=5,
                    details={"retry_after": 5},
                ) from None
            try:
                result = await job.result(timeout=timeout_s, poll_delay=POLL_S)
            except TimeoutError:
                raise Unavailable("The execution worker did not answer in time.") from None
        return result

    async def execute(self, job: Job) -> dict[str, Any]:
        """See `backends.Backend`."""
        return await self._call(
            "execute_job", asdict(job), _job_timeout_s(self._settings, len(job.stdins))
        )

    async def self_test(self, language_id: str) -> dict[str, Any]:
        """See `backends.Backend`."""
        return await self._call("self_test_job", language_id, _job_timeout_s(self._settings))
