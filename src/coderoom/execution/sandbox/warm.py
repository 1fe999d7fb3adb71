"""Warm sandbox slots: one long-lived init per slot (``zygote.c``) instead of bwrap per run.

bwrap builds a user namespace, a mount tree of a dozen binds, a pid namespace and its init
for every run, then throws them away: about 3 ms of CPU per run. A warm slot builds its
read-only root once; each run then costs a ``clone`` into fresh mount, pid and IPC
namespaces, two mounts (``/tmp``, ``/proc``) and the program's own fork and exec.

What stays per run, and why (the threat model is in docs/execution.md):
- a new pid namespace whose init reaps everything and whose end kills what is left, plus
  the run's cgroup (the kill switch at the deadline, whatever the init is doing);
- a new mount namespace with a fresh ``/tmp`` and its own ``/proc``;
- a new IPC namespace (SysV and POSIX IPC objects outlive their creators);
- the job's ``/box`` is a tmpfs mounted per job by the slot and unmounted afterwards.
What is per slot: the user namespace (ns uid 0 = the slot's init uid, ns uid 1000 = the
slot's run uid, both unprivileged on the host), the read-only root, the hostname, and the
network namespace (see ``netns.py``).

The server talks to the slot over a SOCK_SEQPACKET socket; the run's stdin, stdout and
stderr and its cgroup join files travel as file descriptors opened here, so the slot
never opens a host path after start-up.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from coderoom.execution.sandbox.plumbing import stdin_memfd

log = logging.getLogger(__name__)

START_TIMEOUT_S = 10.0
REPLY_TIMEOUT_S = 5.0
RUN_UID = 1000  # the uid programs see inside the slot's user namespace
MSG_MAX = 65536


class SlotError(OSError):
    """The slot's init did not start or stopped answering (our fault, never the program's)."""


class WarmSlot:
    """The zygote of one slot: started on first use, restarted after it died.

    Args:
        zygote: the compiled ``zygote.c``.
        root_args: zygote options describing the read-only root (``-b``/``-l``).
        init_uid: host uid of ns uid 0 (the slot's init); unprivileged on the host.
        run_uid: host uid of ns uid 1000 (the programs).
        seccomp: the BPF program applied to every program, or None.
    """

    def __init__(
        self,
        *,
        zygote: Path,
        root_args: list[str],
        init_uid: int,
        run_uid: int,
        seccomp: bytes | None,
    ) -> None:
        self._zygote = zygote
        self._root_args = root_args
        self.init_uid = init_uid
        self.run_uid = run_uid
        self._seccomp = seccomp
        self._proc: subprocess.Popen[bytes] | None = None
        self._sock: socket.socket | None = None
        self.init_pid: int | None = None

    @property
    def alive(self) -> bool:
        """Whether the slot's init is running (as far as we can tell without asking)."""
        return self._proc is not None and self._proc.poll() is None

    def start(self, netns: int | None) -> None:
        """Start the zygote if it is not running.

        Raises:
            SlotError: it did not come up.
        """
        if self.alive:
            return
        self.stop()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        filter_r, filter_w = os.pipe()
        try:
            os.write(filter_w, self._seccomp or b"")  # a few hundred bytes: fits the pipe
            os.close(filter_w)
            args = [str(self._zygote), "-s", str(theirs.fileno()), "-f", str(filter_r)]
            passed = [theirs.fileno(), filter_r]
            if netns is not None:
                args += ["-n", str(netns)]
                passed.append(netns)
            self._proc = subprocess.Popen(  # noqa: S603 - our own binary, argv is a list
                [*args, *self._root_args],
                stdin=subprocess.DEVNULL,
                pass_fds=passed,
                env={},
            )
        finally:
            theirs.close()
            os.close(filter_r)
        self._sock = ours
        try:
            self._handshake()
        except (OSError, ValueError) as exc:
            self.stop()
            raise SlotError(f"the sandbox slot did not start: {exc}") from exc

    def _handshake(self) -> None:
        assert self._proc is not None  # noqa: S101 - set by start()
        self._expect("userns", START_TIMEOUT_S)
        maps = f"0 {self.init_uid} 1\n{RUN_UID} {self.run_uid} 1\n"
        Path(f"/proc/{self._proc.pid}/uid_map").write_text(maps)
        Path(f"/proc/{self._proc.pid}/gid_map").write_text(maps)
        self._send(b"mapped")
        words = self._expect("pid", START_TIMEOUT_S).split()
        self.init_pid = int(words[1])
        self._expect("ready", START_TIMEOUT_S)

    def stop(self) -> None:
        """Kill the slot (its runs die with it) and forget it."""
        if self.init_pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.init_pid, signal.SIGKILL)
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
        if self._sock is not None:
            self._sock.close()
        self._proc, self._sock, self.init_pid = None, None, None

    @property
    def box_path(self) -> Path:
        """The job's ``/box`` as seen from the host (through the init's root)."""
        return Path(f"/proc/{self.init_pid}/root/box")

    @contextlib.contextmanager
    def box(self, netns: int | None, size_mb: int) -> Iterator[Path]:
        """A fresh ``/box`` for one job, unmounted afterwards whatever happened."""
        self.start(netns)
        self._command(f"box {size_mb << 20}")
        try:
            yield self.box_path
        finally:
            if self.alive:
                try:
                    self._command("unbox")
                except SlotError:
                    log.exception("sandbox slot failed to clear /box: restarting it")
                    self.stop()

    def put(self, name: str, content: bytes) -> None:
        """Write ``/box/<name>`` (owned by the run uid) through the slot."""
        fd = stdin_memfd(content)
        try:
            self._command(f"put {name}", fds=[fd])
        finally:
            os.close(fd)

    def _command(self, text: str, fds: list[int] | None = None) -> None:
        assert self._sock is not None  # noqa: S101 - started
        socket.send_fds(self._sock, [text.encode()], fds or [])
        answer = self._expect("", REPLY_TIMEOUT_S)
        if answer != "0":
            self.stop()
            raise SlotError(f"sandbox slot: {text.split()[0]} failed: {os.strerror(int(answer))}")

    def send_run(
        self, *, tmp_bytes: int, rlimits: list[str], env: list[str], argv: list[str], fds: list[int]
    ) -> None:
        """Ask for one step; ``fds`` are stdin, stdout, stderr and the cgroup join files."""
        fields = ["run", str(tmp_bytes), str(len(rlimits)), *rlimits]
        fields += [str(len(env)), *env, str(len(argv)), *argv]
        message = b"\0".join(f.encode() for f in fields) + b"\0"
        if len(message) > MSG_MAX:
            raise SlotError("sandbox step description too long")
        assert self._sock is not None  # noqa: S101 - the caller started the slot
        try:
            socket.send_fds(self._sock, [message], fds)
        except OSError as exc:
            self.stop()
            raise SlotError(f"sandbox slot gone: {exc}") from exc

    def wait_run(self, timeout: float) -> list[int] | None:
        """``[errno, wait_status, cpu_us, maxrss_kb]`` of the step, None on timeout.

        Raises:
            SlotError: the slot died (it is restarted on next use).
        """
        reply = self._recv(timeout)
        if reply is None:
            return None
        try:
            return [int(x) for x in reply.split()[:4]]
        except ValueError as exc:
            raise SlotError(f"sandbox slot answered {reply!r}") from exc

    def _send(self, data: bytes) -> None:
        assert self._sock is not None  # noqa: S101
        self._sock.send(data)

    def _recv(self, timeout: float) -> str | None:
        assert self._sock is not None  # noqa: S101
        self._sock.settimeout(max(0.0, timeout))
        try:
            data = self._sock.recv(256)
        except TimeoutError:
            return None
        except OSError as exc:
            self.stop()
            raise SlotError(f"sandbox slot gone: {exc}") from exc
        if not data:
            self.stop()
            raise SlotError("the sandbox slot exited")
        return data.decode(errors="replace")

    def _expect(self, word: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        reply = self._recv(deadline - time.monotonic())
        if reply is None or not reply.startswith(word):
            raise SlotError(f"sandbox slot: expected {word!r}, got {reply!r}")
        return reply
