"""Fixtures for interop: the live server, a room, and the locked Node packages."""

import shutil
import subprocess
from pathlib import Path

import pytest

from collab.live import live, room

__all__ = ["live", "node_packages", "room"]

HERE = Path(__file__).parent


@pytest.fixture(scope="session")
def node_packages() -> Path:
    """``npm ci`` once per session when ``node_modules`` is missing or older than the lock."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.fail("interop tests need Node >= 18 and npm")
    stamp = HERE / "node_modules" / ".installed"
    lock = HERE / "package-lock.json"
    if not stamp.exists() or lock.stat().st_mtime > stamp.stat().st_mtime:
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True, timeout=300)
        stamp.touch()
    return HERE
