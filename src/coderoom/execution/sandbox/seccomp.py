"""A classic-BPF seccomp filter for bwrap's ``--seccomp FD``, assembled without libseccomp.

Why: with ptrace a program can stop the sandbox's own pid-1 and hang the run, or read the
memory of its siblings; the other calls below are kernel attack surface no judged program
needs. Denied calls fail with EPERM (programs see an ordinary error, not a crash). A foreign
architecture or the x32 ABI (a second syscall table that would bypass the list) is killed.

New namespaces of any kind are refused: ``unshare``/``setns`` are on the list, ``clone``
with a ``CLONE_NEW*`` flag fails with EPERM, and ``clone3`` (whose flags live in memory a
filter cannot read) fails with ENOSYS, on which glibc falls back to ``clone``. A user
namespace would hand the program every capability over whatever it creates inside.
"""

from __future__ import annotations

import platform
import struct

AUDIT_ARCH_X86_64 = 0xC000003E
X32_SYSCALL_BIT = 0x40000000
SECCOMP_RET_KILL_PROCESS = 0x80000000
SECCOMP_RET_ERRNO = 0x00050000
SECCOMP_RET_ALLOW = 0x7FFF0000
EPERM = 1
ENOSYS = 38
CLONE = 56
CLONE3 = 435
# CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID
# | CLONE_NEWNET
CLONE_NAMESPACE_FLAGS = 0x7E020000

# x86_64 syscall numbers.
DENIED_X86_64 = {
    "ptrace": 101,
    "mount": 165,
    "umount2": 166,
    "swapon": 167,
    "reboot": 169,
    "init_module": 175,
    "delete_module": 176,
    "kexec_load": 246,
    "add_key": 248,
    "request_key": 249,
    "keyctl": 250,
    "unshare": 272,
    "perf_event_open": 298,
    "open_by_handle_at": 304,
    "setns": 308,
    "process_vm_readv": 310,
    "process_vm_writev": 311,
    "kcmp": 312,
    "finit_module": 313,
    "bpf": 321,
    "userfaultfd": 323,
    "io_uring_setup": 425,
    "io_uring_enter": 426,
    "io_uring_register": 427,
    "pidfd_getfd": 438,
}

_LD_ABS_W = 0x20
_JEQ_K = 0x15
_JGE_K = 0x35
_JSET_K = 0x45
_RET_K = 0x06
_ARG0_LOW = 16  # offsetof(struct seccomp_data, args[0]), low half on little-endian


def _insn(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("=HBBI", code, jt, jf, k)


def build_filter() -> bytes | None:
    """The filter program as bytes, or None where we have no syscall table (not x86_64)."""
    if platform.machine() != "x86_64":
        return None
    numbers = sorted(DENIED_X86_64.values())
    # Layout (BPF jumps only go forward): checks, then ALLOW, DENY (EPERM), NOSYS.
    allow = 9 + len(numbers)
    deny, nosys = allow + 1, allow + 2

    def jump(at: int, target: int) -> int:
        return target - at - 1

    program = [
        _insn(_LD_ABS_W, 0, 0, 4),  # 0: seccomp_data.arch
        _insn(_JEQ_K, 1, 0, AUDIT_ARCH_X86_64),  # 1
        _insn(_RET_K, 0, 0, SECCOMP_RET_KILL_PROCESS),  # 2
        _insn(_LD_ABS_W, 0, 0, 0),  # 3: seccomp_data.nr
        _insn(_JGE_K, jump(4, deny), 0, X32_SYSCALL_BIT),  # 4
        _insn(_JEQ_K, jump(5, nosys), 0, CLONE3),  # 5
        _insn(_JEQ_K, 0, jump(6, 9), CLONE),  # 6
        _insn(_LD_ABS_W, 0, 0, _ARG0_LOW),  # 7: clone's flags
        _insn(_JSET_K, jump(8, deny), jump(8, allow), CLONE_NAMESPACE_FLAGS),  # 8
    ]
    for index, nr in enumerate(numbers, start=9):
        program.append(_insn(_JEQ_K, jump(index, deny), 0, nr))
    program.append(_insn(_RET_K, 0, 0, SECCOMP_RET_ALLOW))
    program.append(_insn(_RET_K, 0, 0, SECCOMP_RET_ERRNO | EPERM))
    program.append(_insn(_RET_K, 0, 0, SECCOMP_RET_ERRNO | ENOSYS))
    return b"".join(program)
