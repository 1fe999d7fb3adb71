"""Who is calling: the ``Principal`` and the signed access tokens that carry it."""

from __future__ import annotations

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


def decode_access_token(token: str, *, secret: str) -> Principal:
    """Verify signature, expiry and shape of an access token.

    Raises:
        Unauthenticated: the token is forged, expired, malformed or not an access token.
    """
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
    return _principal_from_claims(claims)


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
