"""The shape of a language definition: a small declarative record, no behaviour to override."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SELF_TEST_STDIN = "world\n"
SELF_TEST_STDOUT = "hello, world\n"


@dataclass(frozen=True)
class Language:
    """How to compile, run, version-probe and self-test one language.

    Commands run inside the sandbox with ``/box`` (the work dir) as the current directory.
    ``{heap_mb}`` in a command is replaced with the heap size a managed runtime gets under
    the run's memory limit (see ``heap_mb``).

    Attributes:
        id: API identifier (``POST /executions {"language": id}``).
        name: human name.
        monaco: Monaco editor language id.
        source_file: file name the code is written to.
        run: run command.
        compile: compile command, or None for interpreted languages.
        version: host command whose output carries the version.
        self_test: program that reads a name from stdin and prints ``hello, <name>``.
        env: extra environment variables (the environment starts empty).
        binds: extra host paths mounted read-only (``/usr`` is always there).
        requires: host paths that must exist for the toolchain to count as installed.
        heap_exhausted_marker: stderr text by which the runtime reports that its heap (sized
            from the memory limit) is exhausted.
        vm_heavy: reserves far more address space than it uses (JVM, V8, Go): usable only
            where a memory cgroup exists, never under RLIMIT_AS.
    """

    id: str
    name: str
    monaco: str
    source_file: str
    run: tuple[str, ...]
    version: tuple[str, ...]
    self_test: str
    compile: tuple[str, ...] | None = None
    env: tuple[tuple[str, str], ...] = ()
    binds: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    heap_exhausted_marker: str | None = None
    vm_heavy: bool = False

    def run_argv(self, memory_mb: int) -> list[str]:
        """The run command for a step limited to ``memory_mb``."""
        return [part.format(heap_mb=heap_mb(memory_mb)) for part in self.run]

    def compile_argv(self, memory_mb: int) -> list[str] | None:
        """The compile command for a step limited to ``memory_mb`` (None: nothing to compile)."""
        if self.compile is None:
            return None
        return [part.format(heap_mb=heap_mb(memory_mb)) for part in self.compile]

    def installed(self) -> bool:
        """Whether every program and file the definition needs exists on this host."""
        needed = [self.run[0], self.version[0], *self.requires]
        if self.compile is not None:
            needed.append(self.compile[0])
        # Programs under /box are what the compile step produces, not host tools.
        return all(Path(p).exists() for p in needed if not p.startswith("/box/"))

    def parse_version(self, output: str) -> str | None:
        """The first dotted version number in a version probe's output."""
        match = re.search(r"(\d+\.\d+(?:\.\d+)?)", output)
        return match.group(1) if match else None


def heap_mb(memory_mb: int) -> int:
    """Heap for a managed runtime: three quarters of the limit.

    The rest is for the runtime itself (JIT code, metaspace, thread stacks), so a program
    that fills its heap gets the runtime's own out-of-memory report (a precise
    ``memory_limit``) instead of a cgroup kill in the middle of a garbage collection.
    """
    return max(16, memory_mb * 3 // 4)
