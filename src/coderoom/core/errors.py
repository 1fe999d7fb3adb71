"""The application's exception tree.

Services raise these; the web edge maps them once to the error contract
``{"error": {"code", "message", "details"}}`` and WebSocket handlers to close codes.

    AppError                      500 internal_error (never raised for bad input)
    ├── InvalidInput              422 invalid_input
    │   └── BadRequest            400 bad_request
    ├── Unauthenticated           401 unauthenticated          (WS close 4401)
    ├── Forbidden                 403 forbidden                (WS close 4403)
    ├── NotFound                  404 not_found                (WS close 4404)
    ├── Conflict                  409 conflict
    ├── PayloadTooLarge           413 payload_too_large
    ├── RateLimited               429 rate_limited (Retry-After)
    └── Unavailable               503 unavailable
"""

from __future__ import annotations

from typing import Any, ClassVar


class AppError(Exception):
    """Base of every error a service raises on purpose."""

    status_code: ClassVar[int] = 500
    code: ClassVar[str] = "internal_error"
    ws_close_code: ClassVar[int] = 1011

    def __init__(self, message: str, *, code: str | None = None, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details
        if code is not None:
            self.code = code  # type: ignore[misc]

    def to_dict(self) -> dict[str, Any]:
        """The error contract body."""
        return {"error": {"code": self.code, "message": self.message, "details": self.details}}


class InvalidInput(AppError):
    """The request is well-formed but its content is not acceptable."""

    status_code = 422
    code = "invalid_input"
    ws_close_code = 4422


class BadRequest(InvalidInput):
    """The request cannot be understood (malformed body, wrong content type)."""

    status_code = 400
    code = "bad_request"
    ws_close_code = 4400


class Unauthenticated(AppError):
    """No valid credentials."""

    status_code = 401
    code = "unauthenticated"
    ws_close_code = 4401


class Forbidden(AppError):
    """Valid credentials that do not grant this action."""

    status_code = 403
    code = "forbidden"
    ws_close_code = 4403


class NotFound(AppError):
    """Nothing there, or nothing the caller may know about."""

    status_code = 404
    code = "not_found"
    ws_close_code = 4404


class Conflict(AppError):
    """The action clashes with the current state (duplicate, already ended...)."""

    status_code = 409
    code = "conflict"
    ws_close_code = 4409


class PayloadTooLarge(AppError):
    """The request body or a field is over its size limit."""

    status_code = 413
    code = "payload_too_large"
    ws_close_code = 1009


class RateLimited(AppError):
    """Too many requests; ``retry_after`` seconds until the next one may pass."""

    status_code = 429
    code = "rate_limited"
    ws_close_code = 4429

    def __init__(self, message: str, *, retry_after: int = 1, details: Any = None) -> None:
        super().__init__(message, details=details)
        self.retry_after = max(1, retry_after)


class Unavailable(AppError):
    """A dependency (database, Redis, sandbox pool) cannot serve right now."""

    status_code = 503
    code = "unavailable"
    ws_close_code = 1013
