"""Private work directories: a fresh size-limited tmpfs per run, unmounted afterwards.

A mounted tmpfs bounds the disk a run can fill (size and inode count), lives in memory, and
disappears at once and completely with ``umount`` — nothing is left for the next run to
find. Without root (no mount), a plain 0700 directory is used and deleted instead.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

MS_NOSUID = 2
MS_NODEV = 4
MNT_DETACH = 2
MAX_INODES = 4096

_libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)


def default_root() -> Path:
    """Where work dirs are created: memory-backed when the host has /dev/shm."""
    shm = Path("/dev/shm")  # noqa: S108 - the root is 0711 and every run dir is 0700
    return (shm if shm.is_dir() else Path("/tmp")) / "coderoom-sandbox"  # noqa: S108


def _mount_tmpfs(path: Path, *, size_mb: int, uid: int) -> None:
    options = f"size={size_mb}m,nr_inodes={MAX_INODES},mode=0700,uid={uid},gid={uid}"
    if _libc.mount(b"tmpfs", bytes(path), b"tmpfs", MS_NOSUID | MS_NODEV, options.encode()) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"mount tmpfs on {path}: {os.strerror(err)}")


def _umount(path: Path) -> None:
    if _libc.umount2(bytes(path), MNT_DETACH) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"umount {path}: {os.strerror(err)}")


@contextlib.contextmanager
def workspace_blocking(root: Path, *, uid: int, size_mb: int, privileged: bool) -> Iterator[Path]:
    """A private directory for one run, owned by ``uid``, removed on exit whatever happened."""
    root.mkdir(mode=0o711, parents=True, exist_ok=True)
    path = root / secrets.token_hex(12)
    path.mkdir(mode=0o700)
    mounted = False
    try:
        if privileged:
            _mount_tmpfs(path, size_mb=size_mb, uid=uid)
            mounted = True
        yield path
    finally:
        if mounted:
            _umount(path)
            path.rmdir()
        else:
            shutil.rmtree(path, ignore_errors=True)


def put_file(workspace: Path, name: str, content: bytes, *, uid: int, privileged: bool) -> None:
    """Write ``name`` into the work dir, owned by the sandbox user."""
    target = workspace / name
    target.write_bytes(content)
    if privileged:
        os.chown(target, uid, uid)
