"""Resource limits of one sandbox step, derived from ``settings.sandbox``."""

from __future__ import annotations

import math
import resource
from dataclasses import dataclass

from coderoom.settings import SandboxSettings

# bwrap adds up to three processes of its own (outer monitor, pid-1 init, the program).
BWRAP_PROCESSES = 4
COMPILE_PROCESSES = 256  # rustc, go and javac start many threads
COMPILE_FILE_SIZE_MB = 256
COMPILE_OUTPUT_BYTES = 64 * 1024


@dataclass(frozen=True)
class Limits:
    """What one step may use. Wall and CPU time are separate: a sleeper burns no CPU."""

    wall_s: float
    cpu_s: float
    memory_mb: int
    processes: int
    open_files: int
    file_size_mb: int
    output_bytes: int
    workspace_mb: int

    def rlimits(self, *, address_space: bool = False) -> list[tuple[int, int, int]]:
        """``(resource, soft, hard)`` triples applied just before bwrap starts.

        Memory is normally absent: RLIMIT_AS breaks the JVM and Node (they reserve far more
        address space than they use), so the memory cgroup limits resident memory instead.
        Only on hosts without a memory cgroup (where those runtimes are not offered) does
        ``address_space=True`` fall back to RLIMIT_AS.
        """
        cpu = max(1, math.ceil(self.cpu_s))
        memory = [(resource.RLIMIT_AS, self.memory_mb << 20, self.memory_mb << 20)]
        return (memory if address_space else []) + [
            (resource.RLIMIT_CPU, cpu, cpu + 1),
            (resource.RLIMIT_NOFILE, self.open_files, self.open_files),
            (resource.RLIMIT_FSIZE, self.file_size_mb << 20, self.file_size_mb << 20),
            (resource.RLIMIT_CORE, 0, 0),
            (
                resource.RLIMIT_NPROC,
                self.processes + BWRAP_PROCESSES,
                self.processes + BWRAP_PROCESSES,
            ),
        ]


def run_limits(
    sandbox: SandboxSettings, *, time_limit_s: float | None = None, memory_mb: int | None = None
) -> Limits:
    """Limits of a run step: the settings, optionally lowered (never raised) by the caller."""
    cpu = sandbox.cpu_time_s if time_limit_s is None else min(time_limit_s, sandbox.cpu_time_s)
    # A caller asking for a shorter CPU limit also gets a proportionally shorter wall limit.
    wall = sandbox.wall_time_s if time_limit_s is None else min(sandbox.wall_time_s, cpu * 2 + 1)
    memory = sandbox.memory_mb if memory_mb is None else min(memory_mb, sandbox.memory_mb)
    return Limits(
        wall_s=wall,
        cpu_s=cpu,
        memory_mb=memory,
        processes=sandbox.max_processes,
        open_files=sandbox.max_open_files,
        file_size_mb=sandbox.max_file_size_mb,
        output_bytes=sandbox.max_output_bytes,
        workspace_mb=max(64, sandbox.max_file_size_mb * 4),
    )


def compile_limits(sandbox: SandboxSettings) -> Limits:
    """Limits of a compile step: its own wall time and memory, room for compiler threads."""
    return Limits(
        wall_s=sandbox.compile_wall_time_s,
        cpu_s=sandbox.compile_wall_time_s,
        memory_mb=sandbox.compile_memory_mb,
        processes=max(COMPILE_PROCESSES, sandbox.max_processes),
        open_files=max(1024, sandbox.max_open_files),
        file_size_mb=COMPILE_FILE_SIZE_MB,
        output_bytes=COMPILE_OUTPUT_BYTES,
        workspace_mb=max(COMPILE_FILE_SIZE_MB, sandbox.max_file_size_mb * 4),
    )
