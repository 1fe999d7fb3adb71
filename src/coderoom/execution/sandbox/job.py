"""A job: compile once, then run the program on each stdin in the same private work dir.

Runs wherever the sandbox lives: in a thread of the web process, or in an arq worker.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from coderoom.execution.sandbox.languages import (
    LANGUAGES,
    SELF_TEST_STDIN,
    SELF_TEST_STDOUT,
    Language,
)
from coderoom.execution.sandbox.limits import compile_limits, run_limits
from coderoom.execution.sandbox.runner import Sandbox, StepResult
from coderoom.execution.sandbox.verdict import Status
from coderoom.settings import SandboxSettings

COMPILE_FAILURES = {
    Status.TIME_LIMIT: "compilation took longer than the compile time limit",
    Status.MEMORY_LIMIT: "compilation ran out of memory",
    Status.OUTPUT_LIMIT: "compilation produced too much output",
}


@dataclass(frozen=True)
class Job:
    """One unit of sandbox work (JSON-serialisable: it travels through Redis)."""

    language: str
    code: str
    stdins: list[str] = field(default_factory=lambda: [""])
    time_limit_s: float | None = None
    memory_mb: int | None = None


@dataclass
class JobOutcome:
    """The compile step (None for interpreted languages) and one run per stdin."""

    compile: StepResult | None
    runs: list[StepResult]


def run_job_blocking(
    sandbox: Sandbox, settings: SandboxSettings, job: Job, *, slot: int, work_root: Path
) -> JobOutcome:
    """Compile ``job.code`` once and run it on every stdin; a failed compile stops there."""
    language = LANGUAGES[job.language]
    run = run_limits(settings, time_limit_s=job.time_limit_s, memory_mb=job.memory_mb)
    build = compile_limits(settings)
    size_mb = max(run.workspace_mb, build.workspace_mb)
    with sandbox.workspace(slot, work_root, size_mb) as workspace:
        sandbox.put_file(slot, workspace, language.source_file, job.code.encode())
        compiled: StepResult | None = None
        argv = language.compile_argv(build.memory_mb)
        if argv is not None:
            compiled = sandbox.execute_blocking(
                workspace=workspace,
                slot=slot,
                language=language,
                argv=argv,
                limits=build,
                stdin=b"",
            )
            if compiled.status is not Status.OK:
                return JobOutcome(compile=_as_compile_error(compiled), runs=[])
        runs = [
            sandbox.execute_blocking(
                workspace=workspace,
                slot=slot,
                language=language,
                argv=language.run_argv(run.memory_mb),
                limits=run,
                stdin=stdin.encode(),
            )
            for stdin in job.stdins
        ]
        return JobOutcome(compile=compiled, runs=runs)


def _as_compile_error(step: StepResult) -> StepResult:
    if step.status is Status.INTERNAL_ERROR:
        return step
    reason = COMPILE_FAILURES.get(step.status)
    if reason is not None:
        step.stderr += f"\n[{reason}]\n".encode()
    step.status = Status.COMPILE_ERROR
    return step


def probe_version_blocking(language: Language) -> str | None:
    """The toolchain's version, from its version command run with an empty environment."""
    if not language.installed():
        return None
    try:
        done = subprocess.run(  # noqa: S603 - argv from the language registry
            list(language.version),
            capture_output=True,
            text=True,
            timeout=30,
            env={"PATH": "/usr/bin:/bin"},
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return language.parse_version(done.stdout + done.stderr)


def self_test_blocking(
    sandbox: Sandbox, settings: SandboxSettings, language: Language, *, slot: int, work_root: Path
) -> tuple[bool, str]:
    """Run the language's self-test program in the sandbox; ``(passed, explanation)``."""
    job = Job(language=language.id, code=language.self_test, stdins=[SELF_TEST_STDIN])
    outcome = run_job_blocking(sandbox, settings, job, slot=slot, work_root=work_root)
    step = outcome.runs[0] if outcome.runs else outcome.compile
    if step is None:
        return False, "no result"
    if step.status is Status.OK and step.stdout.decode(errors="replace") == SELF_TEST_STDOUT:
        return True, "ok"
    return False, f"{step.status}: {step.stdout[:200]!r} {step.stderr[-500:]!r} {step.detail or ''}"
