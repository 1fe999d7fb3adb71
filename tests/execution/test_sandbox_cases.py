"""Data-driven sandbox cases: tests/sandbox_cases/<case>/{main.<ext>, case.yml}.

case.yml keys: ``language``; ``limits`` (``time_s``, ``memory_mb``); ``stdin`` (may name
``{listener_port}``, ``{secret_file}``, ``{db_file}``, ``{canary_file}``, ``{victim_pid}``) or
``stdin_repeat`` (``text`` × ``times``); ``expect`` (a status or a list of acceptable ones);
optional ``stdout``, ``stderr_contains``, ``exit_code``, ``signal``, ``repeat``; ``check``:
host-side checks run after the case (see ``HOST_CHECKS``).
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from coderoom.execution.backends import SandboxPool
from coderoom.execution.sandbox.job import Job
from coderoom.execution.sandbox.languages import LANGUAGES
from coderoom.settings import Settings

pytestmark = pytest.mark.sandbox

CASES_DIR = Path(__file__).parent.parent / "sandbox_cases"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "case.yml").exists())
SECRET = "canary-secret-" + secrets.token_hex(8)


@dataclass
class Host:
    """Things on the host the hostile programs try to reach, and the pool under test."""

    pool: SandboxPool
    listener: socket.socket
    secret_file: Path
    canary_file: Path
    victim: subprocess.Popen[bytes]

    def stdin_values(self) -> dict[str, Any]:
        return {
            "listener_port": self.listener.getsockname()[1],
            "secret_file": self.secret_file,
            "db_file": self.secret_file.with_name("coderoom.db"),
            "canary_file": self.canary_file,
            "victim_pid": self.victim.pid,
        }


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Host]:
    """A sandbox pool with short compile limits, plus host-side bait."""
    var = tmp_path_factory.mktemp("var")
    settings = Settings(mode="test", var_dir=var, secret_key=SECRET, _env_file=None)  # type: ignore[call-arg]
    settings.sandbox.concurrency = 1
    settings.sandbox.compile_wall_time_s = 10
    settings.sandbox.compile_memory_mb = 512
    pool = SandboxPool(settings)
    pool.work_root = Path("/dev/shm") / f"coderoom-test-{secrets.token_hex(6)}"
    (var / "secret_key").write_text(SECRET)
    (var / "coderoom.db").write_text(f"SQLite format 3 {SECRET}")
    canary = var / "canary.txt"
    canary.write_text("untouched")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.setblocking(False)
    victim = subprocess.Popen(["sleep", "600"])
    old_env = os.environ.get("CODEROOM_SECRET_KEY")
    os.environ["CODEROOM_SECRET_KEY"] = SECRET
    try:
        yield Host(pool, listener, var / "secret_key", canary, victim)
    finally:
        victim.kill()
        victim.wait()
        listener.close()
        shutil.rmtree(pool.work_root, ignore_errors=True)
        if old_env is None:
            os.environ.pop("CODEROOM_SECRET_KEY", None)
        else:
            os.environ["CODEROOM_SECRET_KEY"] = old_env


def _sandbox_pids(pool: SandboxPool) -> list[int]:
    low, high = pool.sandbox.uid(0), pool.sandbox.uid(pool.size)
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            uid_line = next(x for x in status.read_text().splitlines() if x.startswith("Uid:"))
        except (OSError, StopIteration):
            continue
        if low <= int(uid_line.split()[1]) < high:
            found.append(int(status.parent.name))
    return found


def _check_no_processes(host: Host, _run: dict[str, Any]) -> None:
    assert _sandbox_pids(host.pool) == []
    cgroups = host.pool.sandbox.cgroups
    if cgroups is not None:
        assert [p for p in cgroups._memory_parent.iterdir() if p.name.startswith("run-")] == []


def _check_no_workspace(host: Host, _run: dict[str, Any]) -> None:
    sandbox = host.pool.sandbox
    if not sandbox.warm:
        assert list(host.pool.work_root.iterdir()) == []
        return
    # Warm slots mount each job's /box themselves: none may be left mounted after the job.
    for slot in range(host.pool.size):
        init = sandbox.slot(slot).init_pid
        if init is not None:
            mounts = Path(f"/proc/{init}/mountinfo").read_text().splitlines()
            assert [m for m in mounts if m.split()[4] == "/box"] == []


def _check_listener(host: Host, _run: dict[str, Any]) -> None:
    with pytest.raises(BlockingIOError):
        host.listener.accept()


def _check_secrets(_host: Host, run: dict[str, Any]) -> None:
    assert SECRET not in run["stdout"]
    assert "CODEROOM" not in run["stdout"]
    assert "denied" in run["stdout"]


def _check_canary(host: Host, _run: dict[str, Any]) -> None:
    assert host.canary_file.read_text() == "untouched"


def _check_nothing_written(_host: Host, run: dict[str, Any]) -> None:
    assert "WRITTEN" not in run["stdout"]
    assert not Path("/usr/bin/evil").exists()
    assert not Path("/evil").exists()


def _check_victim(host: Host, _run: dict[str, Any]) -> None:
    assert host.victim.poll() is None


HOST_CHECKS: dict[str, Callable[[Host, dict[str, Any]], None]] = {
    "no_processes_left": _check_no_processes,
    "no_workspace_left": _check_no_workspace,
    "listener_untouched": _check_listener,
    "secrets_not_leaked": _check_secrets,
    "canary_intact": _check_canary,
    "nothing_written": _check_nothing_written,
    "victim_alive": _check_victim,
    "stdout_truncated": lambda _h, run: _assert(run["stdout_truncated"]),
    "stdout_nonempty": lambda _h, run: _assert(len(run["stdout"]) > 0),
}


def _assert(condition: bool) -> None:
    assert condition


def _stdin(case: dict[str, Any], host: Host) -> str:
    if "stdin_repeat" in case:
        return str(case["stdin_repeat"]["text"]) * int(case["stdin_repeat"]["times"])
    return str(case.get("stdin", "")).format(**host.stdin_values())


def _result(outcome: dict[str, Any]) -> dict[str, Any]:
    return outcome["runs"][0] if outcome["runs"] else outcome["compile"]


@pytest.mark.parametrize("name", CASES)
def test_case(name: str, host: Host) -> None:
    folder = CASES_DIR / name
    case = yaml.safe_load((folder / "case.yml").read_text())
    language = LANGUAGES[case["language"]]
    limits = case.get("limits", {})
    job = Job(
        language=language.id,
        code=(folder / language.source_file).read_text(),
        stdins=[_stdin(case, host)],
        time_limit_s=limits.get("time_s"),
        memory_mb=limits.get("memory_mb"),
    )
    expected = case["expect"] if isinstance(case["expect"], list) else [case["expect"]]
    for _ in range(case.get("repeat", 1)):
        run = _result(host.pool.execute_blocking(job))
        assert run["status"] in expected, run
        if "stdout" in case:
            assert run["stdout"] == case["stdout"]
        if "stderr_contains" in case:
            assert case["stderr_contains"] in run["stderr"]
        for key in ("exit_code", "signal"):
            if key in case:
                assert run[key] == case[key], run
        for check in case.get("check", []):
            HOST_CHECKS[check](host, run)
    _check_no_processes(host, {})
    _check_no_workspace(host, {})


def test_ordinary_runs_after_the_bombs(host: Host) -> None:
    for language in ("python", "c", "javascript"):
        code = LANGUAGES[language].self_test
        run = _result(host.pool.execute_blocking(Job(language, code, ["again\n"])))
        assert run["status"] == "ok", run
        assert run["stdout"] == "hello, again\n"
