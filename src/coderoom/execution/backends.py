"""Where sandbox jobs run: threads of this process, or arq workers behind Redis.

Both backends take a ``Job`` and return plain dicts (the arq wire format), so the service
sees the same thing whichever runs the code.
"""

from __future__ import annotations

import logging
import os
import queue
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any, Protocol, TypeVar

import anyio
import anyio.to_thread

from coderoom.core.errors import Unavailable
from coderoom.execution.sandbox.cgroups import CgroupFactory
from coderoom.execution.sandbox.job import (
    Job,
    JobOutcome,
    probe_version_blocking,
    run_job_blocking,
    self_test_blocking,
)
from coderoom.execution.sandbox.languages import LANGUAGES
from coderoom.execution.sandbox.launcher import (
    ZYGOTE_SOURCE,
    ensure_launcher_blocking,
    launcher_cache_dir,
)
from coderoom.execution.sandbox.runner import Sandbox, StepResult, internal_step
from coderoom.execution.sandbox.workspace import default_root
from coderoom.settings import SandboxSettings, Settings

log = logging.getLogger(__name__)
T = TypeVar("T")

# Slot n of this process runs as uid UID_BASE + (pid % UID_SPAN) * UID_STRIDE + n, so runs of
# two coderoom processes on one host never share a uid (RLIMIT_NPROC is per uid).
UID_BASE = 200_000
UID_SPAN = 10_000
UID_STRIDE = 256


class Backend(Protocol):
    """Executes jobs and self-tests somewhere that has the sandbox."""

    async def execute(self, job: Job) -> dict[str, Any]:
        """Run ``job``; the result is ``outcome_to_dict`` of a ``JobOutcome``."""
        ...

    async def self_test(self, language_id: str) -> dict[str, Any]:
        """``{"passed", "version", "detail"}`` for one language."""
        ...


def step_to_dict(step: StepResult) -> dict[str, Any]:
    """A step as JSON-friendly data (bytes decoded; binary output gets U+FFFD)."""
    data = asdict(step)
    data["status"] = str(step.status)
    data["stdout"] = step.stdout.decode(errors="replace")
    data["stderr"] = step.stderr.decode(errors="replace")
    return data


def outcome_to_dict(outcome: JobOutcome) -> dict[str, Any]:
    """A job outcome as JSON-friendly data."""
    return {
        "compile": step_to_dict(outcome.compile) if outcome.compile is not None else None,
        "runs": [step_to_dict(step) for step in outcome.runs],
    }


def concurrency(settings: SandboxSettings) -> int:
    """How many sandboxes run at once: the setting, or the CPU count."""
    return settings.concurrency or os.cpu_count() or 1


class SandboxPool:
    """A sandbox and its fixed set of slots (one uid each); blocking methods only."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings.sandbox
        self.size = concurrency(settings.sandbox)
        launcher = ensure_launcher_blocking(launcher_cache_dir())
        zygote = ensure_launcher_blocking(launcher_cache_dir(), ZYGOTE_SOURCE)
        uid_base = UID_BASE + (os.getpid() % UID_SPAN) * UID_STRIDE
        self.sandbox = Sandbox(
            launcher=launcher, cgroups=CgroupFactory.detect(), uid_base=uid_base, zygote=zygote
        )
        self.work_root: Path = default_root()
        self._free: queue.SimpleQueue[int] = queue.SimpleQueue()
        for slot in range(self.size):
            self._free.put(slot)

    def _with_slot(self, func: Callable[[int], T]) -> T:
        slot = self._free.get()  # never waits: callers are bounded to `size`
        try:
            return func(slot)
        finally:
            self._free.put(slot)

    def execute_blocking(self, job: Job) -> dict[str, Any]:
        """Run a job on a free slot; our own failures become an ``internal_error`` run."""
        try:
            outcome = self._with_slot(
                lambda slot: run_job_blocking(
                    self.sandbox, self.settings, job, slot=slot, work_root=self.work_root
                )
            )
        except Exception as exc:  # the boundary where our own faults become a verdict
            log.exception("sandbox job failed (%s)", job.language)
            outcome = JobOutcome(compile=None, runs=[internal_step(f"sandbox failure: {exc}")])
        return outcome_to_dict(outcome)

    def self_test_blocking(self, language_id: str) -> dict[str, Any]:
        """Version probe and self-test of one language on a free slot."""
        language = LANGUAGES[language_id]
        version = probe_version_blocking(language)
        if version is None:
            return {"passed": False, "version": None, "detail": "toolchain not installed"}
        if language.vm_heavy and self.sandbox.cgroups is None:
            return {"passed": False, "version": version, "detail": "needs a memory cgroup"}
        passed, detail = self._with_slot(
            lambda slot: self_test_blocking(
                self.sandbox, self.settings, language, slot=slot, work_root=self.work_root
            )
        )
        return {"passed": passed, "version": version, "detail": detail}


class LocalBackend:
    """Runs jobs in worker threads of this process (the sandbox itself is a subprocess)."""

    def __init__(self, pool: SandboxPool) -> None:
        self.pool = pool
        self._limiter = anyio.CapacityLimiter(pool.size)

    @classmethod
    async def create(cls, settings: Settings) -> LocalBackend:
        """Build the pool (compiles the launcher on first use) off the event loop."""
        pool = await anyio.to_thread.run_sync(SandboxPool, settings)
        return cls(pool)

    async def execute(self, job: Job) -> dict[str, Any]:
        """See `Backend`."""
        return await anyio.to_thread.run_sync(
            self.pool.execute_blocking, job, limiter=self._limiter
        )

    async def self_test(self, language_id: str) -> dict[str, Any]:
        """See `Backend`."""
        return await anyio.to_thread.run_sync(
            self.pool.self_test_blocking, language_id, limiter=self._limiter
        )


class UnavailableBackend:
    """Stands in when this host cannot sandbox at all (no C compiler for the launcher).

    The app still starts, lists no languages, and refuses runs with 503.
    """

    def __init__(self, reason: str) -> None:
        self.reason = reason

    async def execute(self, job: Job) -> dict[str, Any]:
        """See `Backend`: always refuses."""
        raise Unavailable(f"Code execution is unavailable on this server: {self.reason}")

    async def self_test(self, language_id: str) -> dict[str, Any]:
        """See `Backend`: every language fails."""
        return {"passed": False, "version": None, "detail": self.reason}
