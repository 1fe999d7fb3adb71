"""Pure logic: verdict priority, limits derived from settings, the seccomp program."""

from __future__ import annotations

import signal
import struct

import pytest

from coderoom.execution.sandbox.limits import compile_limits, run_limits
from coderoom.execution.sandbox.seccomp import DENIED_X86_64, build_filter
from coderoom.execution.sandbox.verdict import Observation, Status, classify
from coderoom.settings import SandboxSettings

CLEAN = Observation(
    exit_code=0,
    signal=None,
    wall_timed_out=False,
    cpu_ms=10,
    cpu_limit_ms=1000,
    oom_killed=False,
    heap_exhausted=False,
    output_exceeded=False,
    internal=False,
)


def seen(**changes: object) -> Status:
    return classify(Observation(**{**CLEAN.__dict__, **changes}))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, Status.OK),
        ({"exit_code": 1}, Status.RUNTIME_ERROR),
        ({"exit_code": None, "signal": signal.SIGSEGV}, Status.RUNTIME_ERROR),
        ({"exit_code": None, "signal": signal.SIGXFSZ}, Status.OUTPUT_LIMIT),
        ({"output_exceeded": True, "exit_code": None, "signal": 9}, Status.OUTPUT_LIMIT),
        ({"oom_killed": True, "exit_code": None, "signal": 9}, Status.MEMORY_LIMIT),
        ({"heap_exhausted": True, "exit_code": 3}, Status.MEMORY_LIMIT),
        ({"oom_killed": True, "output_exceeded": True}, Status.MEMORY_LIMIT),
        ({"wall_timed_out": True, "oom_killed": True, "signal": 9}, Status.TIME_LIMIT),
        ({"cpu_ms": 1000}, Status.TIME_LIMIT),
        ({"exit_code": None, "signal": signal.SIGXCPU}, Status.TIME_LIMIT),
        ({"internal": True, "wall_timed_out": True}, Status.INTERNAL_ERROR),
    ],
)
def test_display_priority(changes: dict[str, object], expected: Status) -> None:
    assert seen(**changes) is expected


def test_callers_may_only_lower_limits() -> None:
    settings = SandboxSettings()
    assert run_limits(settings).cpu_s == settings.cpu_time_s
    lowered = run_limits(settings, time_limit_s=1, memory_mb=64)
    assert (lowered.cpu_s, lowered.wall_s, lowered.memory_mb) == (1, 3, 64)
    raised = run_limits(settings, time_limit_s=999, memory_mb=99_999)
    assert (raised.cpu_s, raised.wall_s, raised.memory_mb) == (5.0, 10.0, 256)
    assert compile_limits(settings).wall_s == settings.compile_wall_time_s


def test_seccomp_program_shape() -> None:
    program = build_filter()
    if program is None:
        pytest.skip("no syscall table for this architecture")
    size = struct.calcsize("=HBBI")
    assert len(program) == size * (7 + len(DENIED_X86_64))
    instructions = [struct.unpack_from("=HBBI", program, i) for i in range(0, len(program), size)]
    # Every "deny" jump lands on the final return-EPERM instruction.
    last = len(instructions) - 1
    for index, (code, jt, _jf, _k) in enumerate(instructions):
        if code in (0x15, 0x35) and index >= 4:
            assert index + 1 + jt == last
