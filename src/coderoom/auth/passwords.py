"""Password hashing (argon2id) and the rules a new password must meet."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import anyio
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 10
MAX_LENGTH = 256  # argon2 hashes anything, but a megabyte password is only a way to burn CPU

# argon2-cffi's defaults are the RFC 9106 "low memory" profile of argon2id.
_hasher = PasswordHasher()


def hash_password_blocking(password: str) -> str:
    """The argon2id hash of ``password`` (CPU-bound: call through a thread)."""
    return _hasher.hash(password)


def verify_password_blocking(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``password_hash`` (CPU-bound: call through a thread)."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


async def hash_password(password: str) -> str:
    """Hash ``password`` off the event loop."""
    return await anyio.to_thread.run_sync(hash_password_blocking, password)


async def verify_password(password_hash: str | None, password: str) -> bool:
    """Check ``password`` off the event loop.

    With ``password_hash=None`` the check still runs against a dummy hash and fails,
    so an unknown account costs the same time as a wrong password.
    """
    target = password_hash if password_hash is not None else _dummy_hash()
    ok = await anyio.to_thread.run_sync(verify_password_blocking, target, password)
    return ok and password_hash is not None


def _contains_email_name(password: str, email: str) -> bool:
    # "marie.curie@..." also refuses "marie" and "curie": each piece is as guessable.
    local = email.split("@", 1)[0].lower()
    pieces = {local, *(p for p in re.split(r"[._+-]", local) if len(p) >= 4)}
    lowered = password.lower()
    return any(len(piece) >= 3 and piece in lowered for piece in pieces)


@cache
def _dummy_hash() -> str:
    return hash_password_blocking("coderoom-dummy-password-for-timing")


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
