"""Who is calling: the ``Principal`` and the signed access tokens that carry it."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal

import jwt

from coderoom.core.clock import utcnow
from coderoom.core.errors import Unauthenticated
from coderoom.core.ids import new_token

ALGORITHM = "HS256"
ACCESS = "access"
PrincipalKind = Literal["user", "guest"]


@dataclass(frozen=True)
class Principal:
    """The authenticated caller: an account, or a guest bound to one room.

    Attributes:
        subject: the user id, or the guest's participant id.
        kind: ``"user"`` or ``"guest"``.
        name: display name at the time the token was issued.
        room_id: for guests, the one room the token is valid for.
    """

    subject: str
    kind: PrincipalKind
    name: str
    room_id: str | None = None

    @property
    def user_id(self) -> str | None:
        """The account id, or ``None`` for a guest."""
        return self.subject if self.kind == "user" else None


def encode_access_token(principal: Principal, *, secret: str, ttl_s: int) -> str:
    """A signed JWT for ``principal`` that expires after ``ttl_s`` seconds.

    Args:
        principal: who the token speaks for.
        secret: the HS256 signing key (``settings.resolved_secret_key()``).
        ttl_s: lifetime in seconds.

    Returns:
        The compact JWT.
    """
    now = utcnow()
    claims: dict[str, Any] = {
        "sub": principal.subject,
        "kind": principal.kind,
        "name": principal.name,
        "type": ACCESS,
        "iat": now,
        "exp": now + timedelta(seconds=ttl_s),
        "jti": new_token(),
    }
    if principal.room_id is not None:
        claims["room"] = principal.room_id
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


# A client presents the same access token on every request and socket for its lifetime,
# and verifying one costs about 0.25 ms (PyJWT checks each base64 character in Python):
# a tenth of a doc socket's connect. Tokens that verified are remembered with their expiry,
# which is checked again at every use; only successes are kept, and the key includes the
# secret, so nothing can verify here that would not verify in PyJWT.
_VERIFIED: dict[tuple[str, str], tuple[Principal, float]] = {}
_VERIFIED_MAX = 4096


def decode_access_token(token: str, *, secret: str) -> Principal:
    """Verify signature, expiry and shape of an access token.

    Raises:
        Unauthenticated: the token is forged, expired, malformed or not an access token.
    """
    key = (secret, token)
    if (known := _VERIFIED.get(key)) is not None:
        principal, expires = known
        if time.time() < expires:
            return principal
        del _VERIFIED[key]
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            options={"require": ["sub", "exp", "iat", "type", "kind"]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise Unauthenticated("Your session has expired.", code="token_expired") from exc
    except jwt.PyJWTError as exc:
        raise Unauthenticated("The access token is not valid.", code="token_invalid") from exc
    principal = _principal_from_claims(claims)
    if len(_VERIFIED) >= _VERIFIED_MAX:
        del _VERIFIED[next(iter(_VERIFIED))]  # the oldest entry
    _VERIFIED[key] = (principal, float(claims["exp"]))
    return principal


def _principal_from_claims(claims: dict[str, Any]) -> Principal:
    kind, room = claims.get("kind"), claims.get("room")
    valid = (
        claims.get("type") == ACCESS
        and isinstance(claims.get("sub"), str)
        and isinstance(claims.get("name", ""), str)
        and (kind == "user" or (kind == "guest" and isinstance(room, str)))
    )
    if not valid:
        raise Unauthenticated("The access token is not valid.", code="token_invalid")
    return Principal(
        subject=claims["sub"],
        kind="guest" if kind == "guest" else "user",
        name=claims.get("name", ""),
        room_id=room if kind == "guest" else None,
    )
