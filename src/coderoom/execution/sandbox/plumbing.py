"""The pipes of one sandbox step: stdin memfd, status pipes, seccomp program, output capture.

Output is read as it comes; the step is killed at its deadline or as soon as a stream
passes its cap, so a flood costs milliseconds, not the whole wall-time limit.
"""

from __future__ import annotations

import json
import logging
import os
import selectors
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from coderoom.execution.sandbox.limits import Limits

log = logging.getLogger(__name__)

KILL_GRACE_S = 3.0
READ_CHUNK = 65536


@dataclass
class Capture:
    """What a step wrote to stdout and stderr, and why reading stopped."""

    cap: int
    data: dict[int, bytearray] = field(default_factory=dict)
    truncated: dict[int, bool] = field(default_factory=dict)
    timed_out: bool = False
    exceeded: bool = False


def stdin_memfd(data: bytes) -> int:
    """A memory file holding ``data``, positioned at its start (the program's stdin)."""
    fd = os.memfd_create("stdin", os.MFD_CLOEXEC)
    remaining = memoryview(data)
    while remaining:
        remaining = remaining[os.write(fd, remaining) :]
    os.lseek(fd, 0, os.SEEK_SET)
    return fd


class StepFds:
    """The pipes and memfd a step passes to the launcher and bwrap."""

    def __init__(self, stdin: bytes, seccomp: bytes | None) -> None:
        self.stdin = stdin_memfd(stdin)
        self.launcher_r, self.launcher_w = os.pipe()
        self.bwrap_r, self.bwrap_w = os.pipe()
        self.seccomp_r: int | None = None
        if seccomp is not None:
            self.seccomp_r, seccomp_w = os.pipe()
            os.write(seccomp_w, seccomp)  # a few hundred bytes: fits the pipe buffer
            os.close(seccomp_w)
        self._open = {self.stdin, self.launcher_r, self.launcher_w, self.bwrap_r, self.bwrap_w}
        if self.seccomp_r is not None:
            self._open.add(self.seccomp_r)

    def passed(self) -> dict[str, int]:
        """The fds bwrap is told about, by role."""
        fds = {"bwrap_status": self.bwrap_w}
        if self.seccomp_r is not None:
            fds["seccomp"] = self.seccomp_r
        return fds

    def inherited(self) -> tuple[int, ...]:
        """Every fd the launcher must inherit."""
        return (self.launcher_w, *self.passed().values())

    def close_child_ends(self) -> None:
        """Close our copies of what the child now holds (so EOF arrives when it exits)."""
        for fd in (self.stdin, *self.inherited()):
            self._close(fd)

    def _close(self, fd: int) -> None:
        if fd in self._open:
            self._open.discard(fd)
            os.close(fd)

    def close_all(self) -> None:
        """Close whatever is still open."""
        for fd in list(self._open):
            self._close(fd)

    def _read_all(self, fd: int) -> str:
        # Non-blocking: called after the launcher exited, so everything written is there;
        # a writer that somehow survived must not hang this thread.
        os.set_blocking(fd, False)
        chunks = []
        try:
            while chunk := os.read(fd, READ_CHUNK):
                chunks.append(chunk)
        except BlockingIOError:
            log.warning("a sandbox status pipe is still open after the launcher exited")
        return b"".join(chunks).decode(errors="replace")

    def read_launcher_status(self) -> list[int] | None:
        """``[exec_errno, wait_status, cpu_us, maxrss_kb]`` from the launcher, if written."""
        try:
            return [int(x) for x in self._read_all(self.launcher_r).split()[:4]] or None
        except ValueError:
            return None

    def read_bwrap_status(self) -> dict[str, int]:
        """Bwrap's JSON status lines merged (``child-pid``, ``exit-code``)."""
        merged: dict[str, int] = {}
        for line in self._read_all(self.bwrap_r).splitlines():
            try:
                merged.update(json.loads(line))
            except json.JSONDecodeError:
                continue
        return merged


def pump_blocking(
    streams: tuple[int, int], limits: Limits, deadline: float, kill: Callable[[], None]
) -> Capture:
    """Read stdout and stderr until both close; kill at the deadline or past the output cap."""
    capture = Capture(cap=limits.output_bytes)
    selector = selectors.DefaultSelector()
    for fd in streams:
        os.set_blocking(fd, False)
        selector.register(fd, selectors.EVENT_READ)
        capture.data[fd] = bytearray()
        capture.truncated[fd] = False
    killed_at: float | None = None
    try:
        while selector.get_map():
            now = time.monotonic()
            if killed_at is None and now >= deadline:
                capture.timed_out = True
                killed_at = now
                kill()
            if killed_at is not None and now - killed_at > KILL_GRACE_S:
                log.error("sandbox output still open %.1f s after the kill", KILL_GRACE_S)
                break
            wait = deadline - now if killed_at is None else KILL_GRACE_S - (now - killed_at)
            for key, _ in selector.select(max(0.0, wait)):
                if not _read_into(capture, key.fd):
                    selector.unregister(key.fd)
                elif capture.truncated[key.fd] and killed_at is None:
                    capture.exceeded = True
                    killed_at = time.monotonic()
                    kill()
    finally:
        selector.close()
    return capture


def _read_into(capture: Capture, fd: int) -> bool:
    try:
        chunk = os.read(fd, READ_CHUNK)
    except BlockingIOError:
        return True
    if not chunk:
        return False
    buffer = capture.data[fd]
    room = capture.cap - len(buffer)
    buffer += chunk[: max(0, room)]
    if len(chunk) > room:
        capture.truncated[fd] = True
    return True
