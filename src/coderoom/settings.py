"""Typed configuration: one Settings object, built once and passed in.

Every field can be set with a ``CODEROOM_`` environment variable (nested sections
use ``__``, e.g. ``CODEROOM_SANDBOX__WALL_TIME_S=5``) or an optional ``.env`` file.
Nothing here does I/O at import time.
"""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

WEAK_SECRETS = frozenset({"", "secret", "changeme", "change-me", "dev", "development", "test"})
MIN_SECRET_LENGTH = 32


class AuthSettings(BaseModel):
    """Token lifetimes and rate limits for accounts."""

    access_token_ttl_s: int = 15 * 60
    refresh_token_ttl_s: int = 30 * 24 * 3600
    guest_token_ttl_s: int = 12 * 3600
    login_rate_limit: str = "10/minute"
    register_rate_limit: str = "5/minute"
    refresh_rate_limit: str = "30/minute"
    room_password_rate_limit: str = "10/minute"  # wrong room passwords, per IP and room
    # argon2id cost (RFC 9106 low-memory profile). Tests lower it; production keeps it.
    argon2_time_cost: int = Field(default=3, ge=1)
    argon2_memory_kib: int = Field(default=64 * 1024, ge=8)
    argon2_parallelism: int = Field(default=4, ge=1)


class SandboxSettings(BaseModel):
    """Default limits for one code run (each run may only lower them)."""

    wall_time_s: float = 10.0
    cpu_time_s: float = 5.0
    memory_mb: int = 256
    max_processes: int = 64
    max_open_files: int = 256
    max_file_size_mb: int = 16
    max_output_bytes: int = 1024 * 1024
    max_stdin_bytes: int = 1024 * 1024
    compile_wall_time_s: float = 30.0
    compile_memory_mb: int = 1024
    concurrency: int = 0  # 0 means "number of CPUs"
    queue_wait_s: float = 30.0
    run_rate_limit: str = "30/minute"
    queue_name: str = "coderoom:execution"  # the arq queue used when redis_url is set


class EventsSettings(BaseModel):
    """The room events socket: limits, heartbeat and resume buffer."""

    max_frame_bytes: int = 64 * 1024
    chat_max_chars: int = 2000
    chat_history_size: int = 100
    send_queue_size: int = 256
    heartbeat_interval_s: float = 30.0
    heartbeat_jitter_s: float = 5.0
    idle_timeout_s: float = 75.0
    rate_per_s: float = 20.0
    rate_burst: int = 40
    typing_interval_s: float = 1.0
    resume_buffer_size: int = 1000
    presence_ttl_s: float = 120.0


class IceServer(BaseModel):
    """One STUN/TURN server, in the browser's ``RTCIceServer`` shape."""

    model_config = ConfigDict(extra="forbid")

    urls: Annotated[list[str], Field(min_length=1)]
    username: str | None = None
    credential: str | None = None

    @field_validator("urls", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @field_validator("urls")
    @classmethod
    def _ice_schemes(cls, urls: list[str]) -> list[str]:
        for url in urls:
            if not url.startswith(("stun:", "stuns:", "turn:", "turns:")):
                raise ValueError(f"{url!r} is not a stun:, stuns:, turn: or turns: URL")
        return urls


class WebRTCSettings(BaseModel):
    """Audio/video calls: ICE servers handed to admitted participants, signalling limits.

    Without ICE servers, browsers connect with host candidates only (same LAN, loopback);
    a TURN server (e.g. coturn) is what makes calls work across NATs and UDP-blocking
    networks. ``relay`` forces every call through TURN (hides participants' addresses).
    """

    ice_servers: list[IceServer] = Field(default_factory=list)
    ice_transport_policy: Literal["all", "relay"] = "all"
    max_sdp_bytes: int = Field(default=32 * 1024, ge=1024)


class Settings(BaseSettings):
    """Everything coderoom can be configured with."""

    model_config = SettingsConfigDict(
        env_prefix="CODEROOM_",
        env_nested_delimiter="__",
        env_file=".env",
        extra="ignore",
    )

    mode: Literal["development", "production", "test"] = "development"
    var_dir: Path = Path("var")
    database_url: str = ""
    redis_url: str | None = None
    secret_key: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    allowed_origins: list[str] = Field(default_factory=list)
    max_body_bytes: int = 2 * 1024 * 1024
    behind_tls: bool = False
    log_level: str = "INFO"
    auth: AuthSettings = Field(default_factory=AuthSettings)
    sandbox: SandboxSettings = Field(default_factory=SandboxSettings)
    events: EventsSettings = Field(default_factory=EventsSettings)
    webrtc: WebRTCSettings = Field(default_factory=WebRTCSettings)

    @model_validator(mode="after")
    def _defaults_and_safety(self) -> Settings:
        if not self.database_url:
            self.database_url = f"sqlite+aiosqlite:///{self.var_dir / 'coderoom.db'}"
        weak = self.secret_key.lower() in WEAK_SECRETS or len(self.secret_key) < MIN_SECRET_LENGTH
        if self.mode == "production" and weak:
            raise ValueError(
                "CODEROOM_SECRET_KEY must be set to at least "
                f"{MIN_SECRET_LENGTH} random characters in production mode"
            )
        if self.workers > 1 and self.is_sqlite:
            raise ValueError("several workers need PostgreSQL: SQLite is single-process")
        if self.workers > 1 and not self.redis_url:
            raise ValueError("several workers need CODEROOM_REDIS_URL to share rooms")
        return self

    @property
    def is_sqlite(self) -> bool:
        """Whether the configured database is SQLite."""
        return self.database_url.startswith("sqlite")

    def resolved_secret_key(self) -> str:
        """The signing key: configured, or generated once and kept under ``var_dir``.

        Only development and test modes may generate one; production refuses (see the
        validator above).
        """
        if self.secret_key:
            return self.secret_key
        path = self.var_dir / "secret_key"
        if path.exists():
            return path.read_text().strip()
        self.var_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        path.write_text(key)
        path.chmod(0o600)
        self.secret_key = key
        return key


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment on first use."""
    return Settings()
