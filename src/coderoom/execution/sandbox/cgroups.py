"""Per-run cgroups: memory and pids limits, peak memory, OOM kills, and a kill switch.

The memory limit works for the JVM and V8 (unlike RLIMIT_AS); the kill switch reaches
every process of a run.

Both hierarchies are supported. cgroup v1 (this project's CI machine): we nest under our own
``memory`` and ``pids`` cgroups. cgroup v2 (most production hosts, systemd with
``Delegate=yes``): the server moves itself into a ``server`` leaf so that its own cgroup may
enable the memory and pids controllers for the run cgroups beside it.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)

PARENT_NAME = "coderoom-sandbox"
KILL_ROUNDS = 200


class RunCgroup(Protocol):
    """The cgroup(s) one sandbox step runs in."""

    @property
    def join_files(self) -> list[Path]:
        """Files the (single-threaded) launcher child writes ``0`` into to join the cgroup(s)."""
        ...

    def kill_all(self) -> None:
        """SIGKILL every process of the step, until none is left."""
        ...

    def peak_memory_kb(self) -> int:
        """Peak memory charged to the step (RSS, page cache, tmpfs), in KiB."""
        ...

    def oom_killed(self) -> bool:
        """Whether the kernel OOM-killed a process because of the memory limit."""
        ...

    def remove(self) -> None:
        """Kill what is left and delete the cgroup(s)."""
        ...


def _write(path: Path, value: str) -> None:
    path.write_text(value)


def _read_int(path: Path) -> int:
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0


def _keyed(path: Path, key: str) -> int:
    with contextlib.suppress(OSError):
        for line in path.read_text().splitlines():
            name, _, value = line.partition(" ")
            if name == key:
                return int(value)
    return 0


def _kill_procs(procs: Path) -> None:
    for _ in range(KILL_ROUNDS):
        try:
            pids = [int(p) for p in procs.read_text().split()]
        except OSError:
            return
        if not pids:
            return
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.001)
    log.error("processes survived %d kill rounds in %s", KILL_ROUNDS, procs)


def _rmdir(path: Path) -> None:
    for _ in range(100):
        try:
            path.rmdir()
        except FileNotFoundError:
            return
        except OSError as exc:
            if exc.errno != errno.EBUSY:
                raise
            time.sleep(0.002)  # the last killed task is still exiting
        else:
            return
    log.error("could not remove cgroup %s", path)


@dataclass
class V1RunCgroup:
    """A run under cgroup v1: one directory in the memory and one in the pids hierarchy."""

    memory: Path
    pids: Path

    @property
    def join_files(self) -> list[Path]:
        """See `RunCgroup`.

        ``tasks``, not ``cgroup.procs``: moving the writing thread itself skips the global
        threadgroup lock, whose write side waits for an RCU grace period (measured 8-10 ms
        of wall time per run). The launcher child has one thread, so it is the process.
        """
        return [self.memory / "tasks", self.pids / "tasks"]

    def kill_all(self) -> None:
        """See `RunCgroup`."""
        _kill_procs(self.pids / "cgroup.procs")

    def peak_memory_kb(self) -> int:
        """See `RunCgroup`."""
        return _read_int(self.memory / "memory.max_usage_in_bytes") // 1024

    def oom_killed(self) -> bool:
        """See `RunCgroup`."""
        return _keyed(self.memory / "memory.oom_control", "oom_kill") > 0

    def remove(self) -> None:
        """See `RunCgroup`."""
        self.kill_all()
        _rmdir(self.pids)
        _rmdir(self.memory)


@dataclass
class V2RunCgroup:
    """A run under cgroup v2: one directory with memory and pids enabled."""

    path: Path

    @property
    def join_files(self) -> list[Path]:
        """See `RunCgroup` (v2 moves whole processes only: ``cgroup.threads`` cannot)."""
        return [self.path / "cgroup.procs"]

    def kill_all(self) -> None:
        """See `RunCgroup`."""
        kill = self.path / "cgroup.kill"
        if kill.exists():
            with contextlib.suppress(OSError):
                _write(kill, "1")
        _kill_procs(self.path / "cgroup.procs")

    def peak_memory_kb(self) -> int:
        """See `RunCgroup`."""
        return _read_int(self.path / "memory.peak") // 1024

    def oom_killed(self) -> bool:
        """See `RunCgroup`."""
        return _keyed(self.path / "memory.events", "oom_kill") > 0

    def remove(self) -> None:
        """See `RunCgroup`."""
        self.kill_all()
        _rmdir(self.path)


def _own_paths() -> tuple[dict[str, str], str | None]:
    v1: dict[str, str] = {}
    v2: str | None = None
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, controllers, path = line.split(":", 2)
        if controllers == "":
            v2 = path
        for name in controllers.split(","):
            v1[name] = path
    return v1, v2


def _mounts() -> dict[str, Path]:
    """Mount points by filesystem: ``cgroup2`` and each v1 controller name."""
    found: dict[str, Path] = {}
    for line in Path("/proc/self/mountinfo").read_text().splitlines():
        left, _, right = line.partition(" - ")
        fstype, _source, super_options = right.split(" ", 2)
        point = Path(left.split()[4])
        if fstype == "cgroup2":
            found.setdefault("cgroup2", point)
        elif fstype == "cgroup":
            for option in super_options.split(","):
                found.setdefault(option, point)
    return found


def _process_dir(shared: Path) -> Path:
    """``shared/<our pid>``, after removing the empty leftovers of dead processes.

    One directory per server process keeps runs of concurrent processes (web workers, arq
    workers, test sessions) apart, and lets each find exactly its own runs.
    """
    shared.mkdir(exist_ok=True)
    for entry in shared.iterdir():
        if entry.is_dir() and entry.name.isdigit() and not Path(f"/proc/{entry.name}").exists():
            for run in entry.iterdir():
                if run.is_dir():
                    _rmdir(run)
            _rmdir(entry)
    mine = shared / str(os.getpid())
    mine.mkdir(exist_ok=True)
    return mine


class CgroupFactory:
    """Creates run cgroups under a parent prepared once; ``detect()`` picks v1 or v2."""

    def __init__(self, *, version: int, memory_parent: Path, pids_parent: Path) -> None:
        self.version = version
        self._memory_parent = memory_parent
        self._pids_parent = pids_parent
        self._has_memsw = (memory_parent / "memory.memsw.limit_in_bytes").exists()

    @classmethod
    def detect(cls) -> CgroupFactory | None:
        """A factory for this host, or None when no usable memory+pids cgroups exist."""
        try:
            own_v1, own_v2 = _own_paths()
            mounts = _mounts()
            if "memory" in mounts and "pids" in mounts and "memory" in own_v1:
                return cls._prepare_v1(mounts, own_v1)
            if "cgroup2" in mounts and own_v2 is not None:
                return cls._prepare_v2(mounts["cgroup2"] / own_v2.lstrip("/"))
        except OSError as exc:
            log.warning("cgroups unusable (%s); runs get rlimits only", exc)
        return None

    @classmethod
    def _prepare_v1(cls, mounts: dict[str, Path], own: dict[str, str]) -> CgroupFactory:
        memory = _process_dir(mounts["memory"] / own["memory"].lstrip("/") / PARENT_NAME)
        pids = _process_dir(mounts["pids"] / own["pids"].lstrip("/") / PARENT_NAME)
        return cls(version=1, memory_parent=memory, pids_parent=pids)

    @classmethod
    def _prepare_v2(cls, own: Path) -> CgroupFactory | None:
        if not {"memory", "pids"} <= set((own / "cgroup.controllers").read_text().split()):
            return None
        if (own / "cgroup.procs").read_text().strip():
            # "No internal processes": own may delegate controllers only once it is empty.
            leaf = own / "server"
            leaf.mkdir(exist_ok=True)
            _write(leaf / "cgroup.procs", str(os.getpid()))
        _write(own / "cgroup.subtree_control", "+memory +pids")
        (own / PARENT_NAME).mkdir(exist_ok=True)
        _write(own / PARENT_NAME / "cgroup.subtree_control", "+memory +pids")
        parent = _process_dir(own / PARENT_NAME)
        _write(parent / "cgroup.subtree_control", "+memory +pids")
        return cls(version=2, memory_parent=parent, pids_parent=parent)

    def create(self, name: str, *, memory_mb: int, processes: int) -> RunCgroup:
        """A fresh cgroup for one step, limited to ``memory_mb`` and ``processes``."""
        memory_bytes = str(memory_mb << 20)
        if self.version == 2:
            path = self._memory_parent / name
            path.mkdir()
            _write(path / "memory.max", memory_bytes)
            if (path / "memory.swap.max").exists():  # only with swap accounting
                _write(path / "memory.swap.max", "0")
            _write(path / "pids.max", str(processes))
            return V2RunCgroup(path)
        memory, pids = self._memory_parent / name, self._pids_parent / name
        memory.mkdir()
        pids.mkdir()
        _write(memory / "memory.limit_in_bytes", memory_bytes)
        if self._has_memsw:  # no swapping past the limit
            _write(memory / "memory.memsw.limit_in_bytes", memory_bytes)
        _write(pids / "pids.max", str(processes))
        return V1RunCgroup(memory, pids)
