"""Identifiers: unguessable where they gate access."""

from __future__ import annotations

import secrets
import uuid


def new_id() -> str:
    """A random UUID4 string for rows whose id is not a secret."""
    return str(uuid.uuid4())


def new_token(nbytes: int = 16) -> str:
    """A URL-safe random token; 16 bytes = 128 bits, above the 96-bit floor for room ids."""
    return secrets.token_urlsafe(nbytes)
