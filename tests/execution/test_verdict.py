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


def _run_filter(program: bytes, *, nr: int, arg0: int = 0, arch: int = 0xC000003E) -> int:
    """Evaluate the classic-BPF program on one syscall (the subset the builder emits)."""
    size = struct.calcsize("=HBBI")
    insns = [struct.unpack_from("=HBBI", program, i) for i in range(0, len(program), size)]
    data = {0: nr, 4: arch, 16: arg0 & 0xFFFFFFFF}
    pc, acc = 0, 0
    while True:
        code, jt, jf, k = insns[pc]
        if code == 0x20:  # ld [k]
            acc, pc = data[k], pc + 1
        elif code == 0x06:  # ret k
            return k
        else:
            taken = {0x15: acc == k, 0x35: acc >= k, 0x45: bool(acc & k)}[code]
            pc += 1 + (jt if taken else jf)


def test_seccomp_filter_decisions() -> None:
    program = build_filter()
    if program is None:
        pytest.skip("no syscall table for this architecture")
    allow, eperm, enosys, kill = 0x7FFF0000, 0x00050001, 0x00050026, 0x80000000
    for nr in DENIED_X86_64.values():
        assert _run_filter(program, nr=nr) == eperm
    assert _run_filter(program, nr=0) == allow  # read
    assert _run_filter(program, nr=59) == allow  # execve
    assert _run_filter(program, nr=56, arg0=0x01200011) == allow  # clone as fork() does it
    assert _run_filter(program, nr=56, arg0=0x003D0F00) == allow  # clone as pthread does it
    for flag in (0x20000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000):
        assert _run_filter(program, nr=56, arg0=0x11 | flag) == eperm  # clone(CLONE_NEW*)
    assert _run_filter(program, nr=435) == enosys  # clone3: glibc falls back to clone
    assert _run_filter(program, nr=0x40000000 + 1) == eperm  # x32 ABI
    assert _run_filter(program, nr=0, arch=0x40000003) == kill  # i386
