"""A real ``coderoom serve`` subprocess for the browser tests, restartable mid-test."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class LiveServer:
    """A ``coderoom serve`` subprocess that can be stopped and started again."""

    def __init__(self, var_dir: Path, port: int) -> None:
        self.var_dir = var_dir
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = var_dir / "server.log"
        self.env = {
            **os.environ,
            "CODEROOM_MODE": "test",
            "CODEROOM_VAR_DIR": str(var_dir),
            "CODEROOM_SECRET_KEY": "browser-test-secret-" + "k" * 32,
            # Many sign-ups and logins from one address in a few seconds are the test, not abuse.
            "CODEROOM_AUTH__REGISTER_RATE_LIMIT": "1000/minute",
            "CODEROOM_AUTH__LOGIN_RATE_LIMIT": "1000/minute",
            "CODEROOM_LOG_LEVEL": "WARNING",
            # AC4 runs an endless loop per language: a low wall limit keeps the suite fast;
            # the tests run code more often than a person would.
            "CODEROOM_SANDBOX__WALL_TIME_S": "4",
            "CODEROOM_SANDBOX__RUN_RATE_LIMIT": "1000/minute",
        }
        self.env.pop("CODEROOM_DATABASE_URL", None)
        self.env.pop("CODEROOM_REDIS_URL", None)
        self.process: subprocess.Popen[bytes] | None = None

    def _cli(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "coderoom", *args]

    def migrate(self) -> None:
        """Apply migrations to the fresh database."""
        subprocess.run(self._cli("migrate"), env=self.env, check=True, cwd=self.var_dir)

    def start(self) -> None:
        """Start serving and wait until /healthz answers."""
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self._cli("serve", "--host", "127.0.0.1", "--port", str(self.port)),
            env=self.env,
            cwd=self.var_dir,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_path.read_text()[-3000:]}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError("server did not start within 30 s")

    def stop(self) -> None:
        """Graceful stop (SIGTERM), then kill if it lingers."""
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        self.process = None

    def restart(self) -> None:
        """Stop and start again on the same port and database."""
        self.stop()
        self.start()
