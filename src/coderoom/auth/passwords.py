"""Password hashing (argon2id) and the rules a new password must meet."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import anyio
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from coderoom.settings import AuthSettings

MIN_LENGTH = 10
MAX_LENGTH = 256  # argon2 hashes anything, but a megabyte password is only a way to burn CPU


# verify() reads the cost parameters from the hash, so one default instance checks all.
_VERIFIER = PasswordHasher()


@cache
def _hasher(time_cost: int, memory_kib: int, parallelism: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism)


def hasher_for(settings: AuthSettings) -> PasswordHasher:
    """The argon2id hasher configured by ``settings`` (one per distinct cost)."""
    return _hasher(
        settings.argon2_time_cost, settings.argon2_memory_kib, settings.argon2_parallelism
    )


def verify_password_blocking(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``password_hash`` (CPU-bound: call through a thread)."""
    try:
        return _VERIFIER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


async def hash_password(settings: AuthSettings, password: str) -> str:
    """The argon2id hash of ``password``, computed off the event loop."""
    return await anyio.to_thread.run_sync(hasher_for(settings).hash, password)


async def verify_password(password_hash: str, password: str) -> bool:
    """Check ``password`` against ``password_hash`` off the event loop."""
    return await anyio.to_thread.run_sync(verify_password_blocking, password_hash, password)


async def verify_login_password(
    settings: AuthSettings, password_hash: str | None, password: str
) -> bool:
    """Like ``verify_password``, but ``password_hash=None`` (unknown account) still pays.

    It runs against a dummy hash of the same cost and fails, so an unknown email costs
    the same time as a wrong password.
    """
    target = password_hash if password_hash is not None else _dummy_hash(hasher_for(settings))
    ok = await verify_password(target, password)
    return ok and password_hash is not None


def _contains_email_name(password: str, email: str) -> bool:
    # "marie.curie@..." also refuses "marie" and "curie": each piece is as guessable.
    local = email.split("@", 1)[0].lower()
    pieces = {local, *(p for p in re.split(r"[._+-]", local) if len(p) >= 4)}
    lowered = password.lower()
    return any(len(piece) >= 3 and piece in lowered for piece in pieces)


@cache
def _dummy_hash(hasher: PasswordHasher) -> str:
    return hasher.hash("coderoom-dummy-password-for-timing")


@cache
def _common_passwords() -> frozenset[str]:
    text = resources.files(__package__).joinpath("common_passwords.txt").read_text("utf-8")
    lines = (line.strip().lower() for line in text.splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


def password_problems(password: str, email: str) -> list[dict[str, str]]:
    """Every rule ``password`` breaks, as ``{"rule", "message"}`` items (empty: it is fine).

    Args:
        password: the candidate password.
        email: the account's (normalised) email; its local part may not appear in it.
    """
    problems: list[dict[str, str]] = []
    if len(password) < MIN_LENGTH:
        problems.append({"rule": "min_length", "message": f"Use at least {MIN_LENGTH} characters."})
    if len(password) > MAX_LENGTH:
        problems.append({"rule": "max_length", "message": f"Use at most {MAX_LENGTH} characters."})
    if password.strip().lower() in _common_passwords():
        problems.append(
            {"rule": "common", "message": "This password is too common; choose another."}
        )
    if _contains_email_name(password, email):
        problems.append(
            {"rule": "contains_email", "message": "The password may not contain your email name."}
        )
    return problems
