"""FastAPI dependencies: who is calling (``Authorization: Bearer <access token>``)."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.requests import HTTPConnection

from coderoom.auth import service
from coderoom.auth.ratelimit import RateLimiter as RateLimiter
from coderoom.auth.tokens import Principal
from coderoom.core.errors import Forbidden, Unauthenticated
from coderoom.storage.reads import Reads

_bearer = HTTPBearer(auto_error=False, description="An access token from /api/v1/auth.")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


async def _authenticate(
    conn: HTTPConnection, credentials: HTTPAuthorizationCredentials | None
) -> Principal | None:
    # Settings and reads come straight from the app's state: each dependency
    # FastAPI resolves costs it tens of microseconds per request.
    if credentials is None:
        if conn.headers.get("authorization"):
            raise Unauthenticated("Use 'Authorization: Bearer <token>'.", code="token_invalid")
        return None
    reads = cast(Reads, conn.state.reads)
    return await service.authenticate(reads, conn.state.settings, credentials.credentials)


async def get_optional_principal(
    conn: HTTPConnection, credentials: Credentials
) -> Principal | None:
    """The caller, or ``None`` without an Authorization header.

    A header that is present but wrong is an error, never silently "anonymous".
    The account check is one indexed read through the app's hot-path ``Reads`` (on SQLite
    answered on the loop's thread: the request's own session would pay aiosqlite's thread
    hand-offs, about 2.5 ms per request measured).
    """
    return await _authenticate(conn, credentials)


async def get_principal(conn: HTTPConnection, credentials: Credentials) -> Principal:
    """The caller; 401 without credentials (checked as ``get_optional_principal``)."""
    principal = await _authenticate(conn, credentials)
    if principal is None:
        raise Unauthenticated("Log in first.")
    return principal


async def get_user_principal(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
    """The caller, who must be an account (not a guest)."""
    if principal.kind != "user":
        raise Forbidden("This needs an account; guests cannot do it.", code="account_required")
    return principal


async def get_rate_limiter(conn: HTTPConnection) -> RateLimiter:
    """The process's rate limiter (from lifespan state)."""
    return cast(RateLimiter, conn.state.rate_limiter)


async def client_ip(conn: HTTPConnection) -> str:
    """The peer address used as a rate-limit key."""
    return conn.client.host if conn.client else "unknown"


OptionalPrincipal = Annotated[Principal | None, Depends(get_optional_principal)]
CurrentPrincipal = Annotated[Principal, Depends(get_principal)]
CurrentUser = Annotated[Principal, Depends(get_user_principal)]
RateLimiterDep = Annotated[RateLimiter, Depends(get_rate_limiter)]
ClientIp = Annotated[str, Depends(client_ip)]
