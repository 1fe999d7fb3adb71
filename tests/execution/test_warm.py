"""Warm sandbox slots (``sandbox/warm.py``): the slot's init is unprivileged, and a slot whose
init is killed or frozen gives the run a verdict and recovers by itself."""

from __future__ import annotations

import os
import secrets
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from coderoom.execution.backends import SandboxPool
from coderoom.execution.sandbox.job import Job
from coderoom.execution.sandbox.languages import LANGUAGES
from coderoom.settings import Settings

pytestmark = pytest.mark.sandbox

HELLO = Job("python", LANGUAGES["python"].self_test, ["again\n"])
SLEEPER = Job("python", "import time\ntime.sleep(60)\n", [""], time_limit_s=1)


@pytest.fixture
def pool(tmp_path: Path) -> Iterator[SandboxPool]:
    settings = Settings(mode="test", var_dir=tmp_path, secret_key="w" * 40, _env_file=None)  # type: ignore[call-arg]
    settings.sandbox.concurrency = 1
    pool = SandboxPool(settings)
    pool.work_root = Path("/dev/shm") / f"coderoom-test-{secrets.token_hex(6)}"
    if not pool.sandbox.warm:
        pytest.skip("warm slots need root and cgroups")
    yield pool
    pool.sandbox.close()


def _hello_ok(pool: SandboxPool) -> None:
    run = pool.execute_blocking(HELLO)["runs"][0]
    assert run["status"] == "ok", run
    assert run["stdout"] == "hello, again\n"


def _init_pid(pool: SandboxPool) -> int:
    pid = pool.sandbox.slot(0).init_pid
    assert pid is not None
    return pid


def _run_uid_processes(pool: SandboxPool) -> list[int]:
    uid = pool.sandbox.uid(0)
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            lines = status.read_text().splitlines()
        except OSError:
            continue
        if any(x.startswith("Uid:") and int(x.split()[1]) == uid for x in lines):
            found.append(int(status.parent.name))
    return found


def test_slot_init_has_no_host_privilege(pool: SandboxPool) -> None:
    _hello_ok(pool)
    init = _init_pid(pool)
    status = Path(f"/proc/{init}/status").read_text()
    uid_line = next(x for x in status.splitlines() if x.startswith("Uid:"))
    assert {int(u) for u in uid_line.split()[1:]} == {pool.sandbox.slot(0).init_uid}
    # Its capabilities are over its own user namespace only, not the host's.
    assert os.readlink(f"/proc/{init}/ns/user") != os.readlink("/proc/self/ns/user")
    assert Path(f"/proc/{init}/uid_map").read_text().split() == [
        "0", str(pool.sandbox.slot(0).init_uid), "1",
        "1000", str(pool.sandbox.uid(0)), "1",
    ]  # fmt: skip


def test_killed_init_between_jobs_is_restarted(pool: SandboxPool) -> None:
    _hello_ok(pool)
    first = _init_pid(pool)
    os.kill(first, signal.SIGKILL)
    time.sleep(0.1)
    _hello_ok(pool)
    assert _init_pid(pool) != first


def test_init_killed_during_a_run(pool: SandboxPool) -> None:
    _hello_ok(pool)
    init = _init_pid(pool)
    threading.Timer(0.3, os.kill, (init, signal.SIGKILL)).start()
    started = time.monotonic()
    run = pool.execute_blocking(SLEEPER)["runs"][0]
    assert run["status"] == "internal_error", run
    assert time.monotonic() - started < 5
    assert _run_uid_processes(pool) == []
    _hello_ok(pool)


def test_init_frozen_during_a_run(pool: SandboxPool) -> None:
    _hello_ok(pool)
    init = _init_pid(pool)
    threading.Timer(0.3, os.kill, (init, signal.SIGSTOP)).start()
    started = time.monotonic()
    run = pool.execute_blocking(SLEEPER)["runs"][0]
    # The deadline kill does not need the init; its missing report is our fault, bounded.
    assert run["status"] == "internal_error", run
    assert time.monotonic() - started < 3 + 3 + 2
    assert _run_uid_processes(pool) == []
    _hello_ok(pool)
    assert _init_pid(pool) != init


def test_close_stops_the_slots(pool: SandboxPool) -> None:
    _hello_ok(pool)
    init = _init_pid(pool)
    pool.sandbox.close()
    assert _gone(init)


def _gone(pid: int) -> bool:
    """Dead: no such process, or a zombie (reparented to the host's init, reaped late)."""
    for _ in range(100):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.02)
    return False
