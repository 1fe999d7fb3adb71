"""Runs one sandbox step, with limits, capture and a verdict.

As root with cgroups, steps go to the slot's warm sandbox (``warm.py``: a long-lived init
per slot forks each program); otherwise each step is launcher → bwrap → program.

Blocking by design: callers run it in a worker thread (``anyio.to_thread``) or in the arq
worker process, never on the event loop.

The wall-clock kill does not depend on anything inside the sandbox: at the deadline every
process in the run's cgroup gets SIGKILL from here, even if the sandbox's own init was
frozen. Output is read as it comes and the run is killed as soon as a stream passes its cap.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import subprocess
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from coderoom.execution.sandbox.cgroups import CgroupFactory, RunCgroup
from coderoom.execution.sandbox.languages import LANGUAGES, Language
from coderoom.execution.sandbox.limits import BWRAP_PROCESSES, Limits
from coderoom.execution.sandbox.netns import new_netns
from coderoom.execution.sandbox.plumbing import (
    KILL_GRACE_S,
    Capture,
    StepFds,
    pump_blocking,
    stdin_memfd,
)
from coderoom.execution.sandbox.seccomp import build_filter
from coderoom.execution.sandbox.verdict import Observation, Status, classify
from coderoom.execution.sandbox.warm import SlotError, WarmSlot
from coderoom.execution.sandbox.workspace import put_file, workspace_blocking

log = logging.getLogger(__name__)

BWRAP = "/usr/bin/bwrap"
SANDBOX_UID = 1000  # the uid programs see inside their user namespace
# Slot n's init runs as host uid uid_base + INIT_UID_OFFSET + n: never a run uid of any slot.
INIT_UID_OFFSET = 128
TRUNCATION_MARKER = b"\n[output truncated: over the %d byte limit]\n"
ROOT_LINKS = ("bin", "sbin", "lib", "lib64", "lib32", "libx32")
COMMON_BINDS = ("/etc/alternatives", "/etc/ld.so.cache", "/etc/localtime")
BASE_ENV = {
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "HOME": "/box",
    "TMPDIR": "/tmp",  # noqa: S108 - the sandbox's own private tmpfs
    "LANG": "C.UTF-8",
}


@dataclass
class StepResult:
    """Outcome of one compile or run step."""

    status: Status
    exit_code: int | None
    signal: int | None
    wall_ms: int
    cpu_ms: int
    memory_kb: int
    stdout: bytes
    stderr: bytes
    stdout_truncated: bool = False
    stderr_truncated: bool = False
    detail: str | None = None


def _zygote_root_args() -> list[str]:
    """The warm root: what bwrap gets per run, plus every language's extra binds."""
    args: list[str] = ["-b", "/usr"]
    for name in ROOT_LINKS:
        path = Path("/") / name
        if path.is_symlink():
            args += ["-l", f"{name}:{os.readlink(path)}"]
        elif path.is_dir():
            args += ["-b", str(path)]
    extra = sorted({bind for language in LANGUAGES.values() for bind in language.binds})
    for bind in (*COMMON_BINDS, *extra):
        args += ["-b", bind]
    return args


def _host_root_args() -> list[str]:
    args: list[str] = ["--ro-bind", "/usr", "/usr"]
    for name in ROOT_LINKS:
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), f"/{name}"]
        elif path.is_dir():
            args += ["--ro-bind", str(path), f"/{name}"]
    for bind in COMMON_BINDS:
        args += ["--ro-bind-try", bind, bind]
    return args


class Sandbox:
    """Executes steps in bubblewrap under a per-slot unprivileged uid.

    Args:
        launcher: the compiled C launcher (see ``launcher.py``).
        cgroups: per-run cgroup factory, or None where the host has none.
        uid_base: slot ``n`` runs as uid ``uid_base + n`` (root only).
        zygote: the compiled warm-slot init (``zygote.c``); used as root with cgroups.
    """

    def __init__(
        self,
        *,
        launcher: Path,
        cgroups: CgroupFactory | None,
        uid_base: int,
        zygote: Path | None = None,
    ) -> None:
        self.launcher = launcher
        self.cgroups = cgroups
        self.uid_base = uid_base
        self.privileged = os.geteuid() == 0
        self._seccomp = build_filter()
        if self._seccomp is None:
            log.warning("no seccomp filter for this architecture: ptrace is not denied")
        self._root_args = _host_root_args()
        self._netns: dict[int, int] = {}
        self._netns_lock = threading.Lock()
        weakref.finalize(self, _close_fds, self._netns)
        # The warm sandbox needs root (uid maps, the slot's netns) and a cgroup kill switch.
        self.zygote = zygote if self.privileged and cgroups is not None else None
        self._zygote_root = _zygote_root_args() if self.zygote is not None else []
        self._slots: dict[int, WarmSlot] = {}
        weakref.finalize(self, _stop_slots, self._slots)

    @property
    def warm(self) -> bool:
        """Whether steps run in warm slots (else bwrap per step)."""
        return self.zygote is not None

    def close(self) -> None:
        """Stop every warm slot (they also stop by themselves when this process ends)."""
        _stop_slots(self._slots)

    def slot(self, slot: int) -> WarmSlot:
        """The warm slot ``slot`` (not started yet on first use)."""
        assert self.zygote is not None  # noqa: S101 - only called when warm
        if slot not in self._slots:
            self._slots[slot] = WarmSlot(
                zygote=self.zygote,
                root_args=self._zygote_root,
                init_uid=self.uid_base + INIT_UID_OFFSET + slot,
                run_uid=self.uid(slot),
                seccomp=self._seccomp,
            )
        return self._slots[slot]

    def put_file(self, slot: int, workspace: Path, name: str, content: bytes) -> None:
        """Write ``name`` into the job's work dir, owned by the sandbox user."""
        if self.warm:
            self.slot(slot).put(name, content)
        else:
            put_file(workspace, name, content, uid=self.uid(slot), privileged=self.privileged)

    @contextlib.contextmanager
    def workspace(self, slot: int, work_root: Path, size_mb: int) -> Iterator[Path]:
        """The job's work dir (``/box`` in the sandbox) as a host path, gone afterwards."""
        if self.warm:
            with self.slot(slot).box(self.netns(slot), size_mb) as path:
                yield path
            return
        with workspace_blocking(
            work_root, uid=self.uid(slot), size_mb=size_mb, privileged=self.privileged
        ) as path:
            yield path

    def uid(self, slot: int) -> int:
        """The host uid of a slot (our own uid when not running as root)."""
        return self.uid_base + slot if self.privileged else os.geteuid()

    def netns(self, slot: int) -> int | None:
        """The slot's network namespace fd (see ``netns.py``); None without root."""
        if not self.privileged:
            return None
        with self._netns_lock:
            if slot not in self._netns:
                self._netns[slot] = new_netns()
            return self._netns[slot]

    def execute_blocking(
        self,
        *,
        workspace: Path,
        slot: int,
        language: Language,
        argv: list[str],
        limits: Limits,
        stdin: bytes,
    ) -> StepResult:
        """Run ``argv`` in the sandbox with ``workspace`` as ``/box``.

        Never raises for anything the program does: it returns a verdict, and
        ``internal_error`` (logged) for our own faults.
        """
        cgroup: RunCgroup | None = None
        try:
            if self.cgroups is not None:
                cgroup = self.cgroups.create(
                    f"run-{secrets.token_hex(8)}",
                    memory_mb=limits.memory_mb,
                    processes=limits.processes + BWRAP_PROCESSES,
                )
            if self.warm and cgroup is not None:
                return self._warm_step(slot, language, argv, limits, stdin, cgroup)
            return self._launch(workspace, slot, language, argv, limits, stdin, cgroup)
        except OSError as exc:
            log.exception("sandbox step failed to start (%s)", language.id)
            return internal_step(f"sandbox failure: {exc}")
        finally:
            if cgroup is not None:
                cgroup.remove()

    def _warm_step(
        self,
        slot: int,
        language: Language,
        argv: list[str],
        limits: Limits,
        stdin: bytes,
        cgroup: RunCgroup,
    ) -> StepResult:
        warm = self.slot(slot)
        if not warm.alive:
            return internal_step("the sandbox slot stopped during the job")
        stdin_fd = stdin_memfd(stdin)
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        joins = [os.open(path, os.O_WRONLY | os.O_CLOEXEC) for path in cgroup.join_files]
        env = [f"{k}={v}" for k, v in {**BASE_ENV, **dict(language.env)}.items()]
        rlimits = [f"{r}:{soft}:{hard}" for r, soft, hard in limits.rlimits()]
        try:
            started = time.monotonic()
            try:
                warm.send_run(
                    tmp_bytes=limits.workspace_mb << 20,
                    rlimits=rlimits,
                    env=env,
                    argv=argv,
                    fds=[stdin_fd, out_w, err_w, *joins],
                )
            finally:
                for fd in (stdin_fd, out_w, err_w, *joins):
                    os.close(fd)
            deadline = started + limits.wall_s
            capture = pump_blocking((out_r, err_r), limits, deadline, cgroup.kill_all)
            status = _wait_slot(warm, capture, deadline, cgroup.kill_all)
            wall_ms = int((time.monotonic() - started) * 1000)
        except SlotError as exc:
            log.error("sandbox slot %d failed (%s): %s", slot, language.id, exc)  # noqa: TRY400 - no traceback to add
            return internal_step(str(exc))
        finally:
            os.close(out_r)
            os.close(err_r)
        problem = None
        if status[0] != 0:
            problem = f"starting the program failed: {os.strerror(status[0])}"
        code = os.waitstatus_to_exitcode(status[1])
        return _result(
            language=language,
            limits=limits,
            capture=capture,
            wall_ms=wall_ms,
            problem=problem,
            exit_code=code if code >= 0 else None,
            signal=-code if code < 0 else None,
            cpu_us=status[2],
            maxrss_kb=status[3],
            cgroup=cgroup,
        )

    def _bwrap_argv(
        self,
        workspace: Path,
        language: Language,
        argv: list[str],
        limits: Limits,
        fds: dict[str, int],
        *,
        own_net: bool,
    ) -> list[str]:
        args = [BWRAP, "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent"]
        if own_net:  # the launcher already moved it into the slot's network namespace
            args.append("--share-net")
        args += ["--new-session", "--cap-drop", "ALL", "--hostname", "sandbox"]
        args += ["--uid", str(SANDBOX_UID), "--gid", str(SANDBOX_UID), "--clearenv"]
        for key, value in {**BASE_ENV, **dict(language.env)}.items():
            args += ["--setenv", key, value]
        args += self._root_args
        for bind in language.binds:
            args += ["--ro-bind-try", bind, bind]
        args += ["--proc", "/proc", "--dev", "/dev"]
        args += ["--size", str(limits.workspace_mb << 20), "--tmpfs", "/tmp"]  # noqa: S108
        args += ["--bind", str(workspace), "/box", "--chdir", "/box"]
        args += ["--remount-ro", "/"]  # the root tmpfs: only /box and /tmp stay writable
        args += ["--json-status-fd", str(fds["bwrap_status"])]
        if "seccomp" in fds:
            args += ["--seccomp", str(fds["seccomp"])]
        return [*args, "--", *argv]

    def _launcher_argv(
        self, slot: int, limits: Limits, cgroup: RunCgroup | None, fd: int, netns: int | None
    ) -> list[str]:
        args = [str(self.launcher), "-s", str(fd)]
        if netns is not None:
            args += ["-n", str(netns)]
        if self.privileged:
            args += ["-u", str(self.uid(slot)), "-g", str(self.uid(slot))]
        for join in cgroup.join_files if cgroup else []:
            args += ["-c", str(join)]
        for res, soft, hard in limits.rlimits(address_space=cgroup is None):
            args += ["-r", f"{res}:{soft}:{hard}"]
        return [*args, "--"]

    def _launch(
        self,
        workspace: Path,
        slot: int,
        language: Language,
        argv: list[str],
        limits: Limits,
        stdin: bytes,
        cgroup: RunCgroup | None,
    ) -> StepResult:
        netns = self.netns(slot)
        fds = StepFds(stdin, self._seccomp)
        try:
            command = self._launcher_argv(slot, limits, cgroup, fds.launcher_w, netns)
            command += self._bwrap_argv(
                workspace, language, argv, limits, fds.passed(), own_net=netns is not None
            )
            started = time.monotonic()
            proc = subprocess.Popen(  # noqa: S603 - fixed launcher, argv is a list
                command,
                stdin=fds.stdin,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                pass_fds=(*fds.inherited(), *([netns] if netns is not None else [])),
                env={},
            )
            fds.close_child_ends()
            kill = cgroup.kill_all if cgroup is not None else proc.kill
            deadline = started + limits.wall_s
            assert proc.stdout is not None  # noqa: S101 - PIPE given
            assert proc.stderr is not None  # noqa: S101
            streams = (proc.stdout.fileno(), proc.stderr.fileno())
            capture = pump_blocking(streams, limits, deadline, kill)
            _wait_blocking(proc, capture, deadline, kill)
            wall_ms = int((time.monotonic() - started) * 1000)
            launcher_status = fds.read_launcher_status()
            bwrap_status = fds.read_bwrap_status()
            problem = _setup_problem(proc.returncode, launcher_status, bwrap_status, capture)
            exit_code, signal = _decode_exit(bwrap_status, launcher_status)
            return _result(
                language=language,
                limits=limits,
                capture=capture,
                wall_ms=wall_ms,
                problem=problem,
                exit_code=exit_code,
                signal=signal,
                cpu_us=launcher_status[2] if launcher_status else 0,
                maxrss_kb=launcher_status[3] if launcher_status else 0,
                cgroup=cgroup,
            )
        finally:
            fds.close_all()


def _close_fds(fds: dict[int, int]) -> None:
    for fd in fds.values():
        os.close(fd)


def _stop_slots(slots: dict[int, WarmSlot]) -> None:
    for warm in slots.values():
        warm.stop()


def _wait_slot(
    warm: WarmSlot, capture: Capture, deadline: float, kill: Callable[[], None]
) -> list[int]:
    """The slot's report of the step; kill at the deadline, give up on a slot that hangs."""
    status = None
    if not (capture.timed_out or capture.exceeded):
        status = warm.wait_run(deadline - time.monotonic())
        if status is None:
            capture.timed_out = True
            kill()
    if status is None:
        status = warm.wait_run(KILL_GRACE_S)
    if status is None:
        warm.stop()
        raise SlotError(f"the sandbox slot did not answer {KILL_GRACE_S:.0f} s after the kill")
    return status


def _wait_blocking(
    proc: subprocess.Popen[bytes], capture: Capture, deadline: float, kill: Callable[[], None]
) -> None:
    """Wait for the launcher: a program that closed its output may still be running."""
    if not (capture.timed_out or capture.exceeded):
        try:
            proc.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            capture.timed_out = True
            kill()
        else:
            return
    try:
        proc.wait(timeout=KILL_GRACE_S)
    except subprocess.TimeoutExpired:
        log.error("sandbox launcher still running %.1f s after the kill", KILL_GRACE_S)  # noqa: TRY400 - no traceback to add
        proc.kill()
        proc.wait()


def _decode_exit(
    bwrap_status: dict[str, int], launcher_status: list[int] | None
) -> tuple[int | None, int | None]:
    """(exit_code, signal): bwrap reports a program killed by signal N as exit 128 + N."""
    code = bwrap_status.get("exit-code")
    if code is None and launcher_status is not None:
        code = os.waitstatus_to_exitcode(launcher_status[1])
        if code < 0:
            return None, -code
    if code is not None and 128 < code <= 128 + 64:
        return None, code - 128
    return code, None


def _result(
    *,
    language: Language,
    limits: Limits,
    capture: Capture,
    wall_ms: int,
    problem: str | None,
    exit_code: int | None,
    signal: int | None,
    cpu_us: int,
    maxrss_kb: int,
    cgroup: RunCgroup | None,
) -> StepResult:
    out_fd, err_fd = list(capture.data)
    stdout, stderr = bytes(capture.data[out_fd]), bytes(capture.data[err_fd])
    if problem is not None:
        log.error(
            "sandbox internal error (%s): %s; stderr=%r", language.id, problem, stderr[-2000:]
        )
        return internal_step(problem)
    cpu_ms = cpu_us // 1000
    # memory.peak needs Linux 5.19 on cgroup v2; without it, fall back to the largest RSS.
    memory_kb = (cgroup.peak_memory_kb() if cgroup is not None else 0) or maxrss_kb
    marker = language.heap_exhausted_marker
    observation = Observation(
        exit_code=exit_code,
        signal=signal,
        wall_timed_out=capture.timed_out,
        cpu_ms=cpu_ms,
        cpu_limit_ms=int(limits.cpu_s * 1000),
        oom_killed=cgroup.oom_killed() if cgroup is not None else False,
        heap_exhausted=marker is not None
        and exit_code != 0
        and (marker.encode() in stderr or marker.encode() in stdout),  # the JVM uses stdout
        output_exceeded=capture.exceeded,
        internal=False,
    )
    out_trunc, err_trunc = capture.truncated[out_fd], capture.truncated[err_fd]
    return StepResult(
        status=classify(observation),
        exit_code=exit_code,
        signal=signal,
        wall_ms=wall_ms,
        cpu_ms=cpu_ms,
        memory_kb=memory_kb,
        stdout=stdout + (TRUNCATION_MARKER % limits.output_bytes if out_trunc else b""),
        stderr=stderr + (TRUNCATION_MARKER % limits.output_bytes if err_trunc else b""),
        stdout_truncated=out_trunc,
        stderr_truncated=err_trunc,
    )


def _setup_problem(
    launcher_rc: int,
    launcher_status: list[int] | None,
    bwrap_status: dict[str, int],
    capture: Capture,
) -> str | None:
    """Why the step never reached the program, or None when it did."""
    if launcher_rc != 0 or launcher_status is None or len(launcher_status) < 4:
        return f"launcher exited with {launcher_rc}"
    if launcher_status[0] != 0:
        return f"launching bwrap failed: {os.strerror(launcher_status[0])}"
    if "child-pid" not in bwrap_status and not capture.timed_out:
        return "bwrap could not set up the sandbox"
    return None


def internal_step(detail: str) -> StepResult:
    """A step that never reached the program because of our own fault."""
    return StepResult(
        status=Status.INTERNAL_ERROR,
        exit_code=None,
        signal=None,
        wall_ms=0,
        cpu_ms=0,
        memory_kb=0,
        stdout=b"",
        stderr=b"",
        detail=detail,
    )
