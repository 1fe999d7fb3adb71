"""Verdicts: one precise meaning each, and a display priority.

    internal_error  our own fault (sandbox could not start, launcher failed); logged
    time_limit      killed at the wall-clock limit, or CPU time reached the CPU limit
    memory_limit    the memory cgroup's OOM killer fired, or the runtime reported heap
                    exhaustion (JVM, V8) under the limit we gave it
    output_limit    stdout or stderr passed the output cap, or a file passed RLIMIT_FSIZE
    runtime_error   exited non-zero or was killed by a signal, none of the above
    compile_error   the compile step did not produce a program (any reason)
    ok              exited 0 within every limit

Priority when several hold: IE > TLE > MLE > OLE > RTE > OK (a program killed at the
time limit also exits by signal; the time limit is the explanation, not the signal).
"""

from __future__ import annotations

import signal as signals
from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    """The verdict set of the execution contract."""

    OK = "ok"
    TIME_LIMIT = "time_limit"
    MEMORY_LIMIT = "memory_limit"
    OUTPUT_LIMIT = "output_limit"
    RUNTIME_ERROR = "runtime_error"
    COMPILE_ERROR = "compile_error"
    INTERNAL_ERROR = "internal_error"


DISPLAY_PRIORITY: tuple[Status, ...] = (
    Status.INTERNAL_ERROR,
    Status.TIME_LIMIT,
    Status.MEMORY_LIMIT,
    Status.OUTPUT_LIMIT,
    Status.RUNTIME_ERROR,
    Status.OK,
)


@dataclass(frozen=True)
class Observation:
    """What the runner measured about one step, before it is turned into a verdict."""

    exit_code: int | None
    signal: int | None
    wall_timed_out: bool
    cpu_ms: int
    cpu_limit_ms: int
    oom_killed: bool
    heap_exhausted: bool
    output_exceeded: bool
    internal: bool


def classify(obs: Observation) -> Status:
    """The verdict of a run step: the highest-priority status whose condition holds."""
    holds = {
        Status.INTERNAL_ERROR: obs.internal,
        Status.TIME_LIMIT: obs.wall_timed_out
        or obs.cpu_ms >= obs.cpu_limit_ms
        or obs.signal == signals.SIGXCPU,
        Status.MEMORY_LIMIT: obs.oom_killed or obs.heap_exhausted,
        Status.OUTPUT_LIMIT: obs.output_exceeded or obs.signal == signals.SIGXFSZ,
        Status.RUNTIME_ERROR: obs.exit_code != 0 or obs.signal is not None,
    }
    return next((s for s in DISPLAY_PRIORITY if holds.get(s, True)), Status.OK)
