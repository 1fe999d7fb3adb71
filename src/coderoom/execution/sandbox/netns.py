"""One network namespace per sandbox slot, created once and entered by every run of the slot.

A fresh namespace per run (bwrap's ``--unshare-net``) costs about 1 ms of CPU to build and
more again in the kernel worker that tears it down. Reusing one per slot is safe because
nothing in it outlives a run: its only interface, loopback, stays down (the sandbox has no
capability over a namespace owned by the host, so it cannot bring it up or change it), and
every socket belongs to a process of the run, all of which are gone before the next run of
the slot starts. Runs of different slots never share one.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import threading

CLONE_NEWNET = 0x40000000

_libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)


def new_netns() -> int:
    """An fd holding a new network namespace open (needs root).

    ``unshare`` moves only the calling thread, so it runs in a short-lived thread of its own
    and the rest of the process keeps the host network.

    Raises:
        OSError: when the namespace cannot be created.
    """
    result: list[int | OSError] = []

    def create() -> None:
        if _libc.unshare(CLONE_NEWNET) != 0:
            err = ctypes.get_errno()
            result.append(OSError(err, f"unshare(CLONE_NEWNET): {os.strerror(err)}"))
            return
        result.append(os.open(f"/proc/self/task/{threading.get_native_id()}/ns/net", os.O_RDONLY))

    thread = threading.Thread(target=create, name="netns")
    thread.start()
    thread.join()
    outcome = result[0]
    if isinstance(outcome, OSError):
        raise outcome
    return outcome
