"""A real ``coderoom serve`` subprocess that a test can SIGKILL and start again."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from coderoom.settings import Settings


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class ServeProcess:
    """``python -m coderoom serve`` with the test's settings, on a fixed port."""

    def __init__(self, settings: Settings, port: int, log: Path, **env: str) -> None:
        self.port = port
        self._log = log
        self._env = {
            **os.environ,
            "CODEROOM_DATABASE_URL": settings.database_url,
            "CODEROOM_SECRET_KEY": settings.secret_key,
            "CODEROOM_VAR_DIR": str(settings.var_dir),
            "CODEROOM_MODE": "test",
            "CODEROOM_LOG_LEVEL": "WARNING",
            **env,
        }
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        assert self._proc is not None
        return self._proc.pid

    def start(self) -> None:
        with self._log.open("ab") as out:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "coderoom", "serve", "--port", str(self.port)],
                env=self._env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{self.port}/healthz", timeout=1).is_success:
                    return
            except httpx.TransportError:
                pass
            if self._proc.poll() is not None:
                raise RuntimeError(f"server exited: {self._log.read_text()[-2000:]}")
            time.sleep(0.1)
        raise RuntimeError("server did not start")

    def kill(self) -> None:
        """SIGKILL: no shutdown hook runs, nothing is flushed."""
        assert self._proc is not None
        self._proc.send_signal(signal.SIGKILL)
        self._proc.wait(10)

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(15)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait(5)
