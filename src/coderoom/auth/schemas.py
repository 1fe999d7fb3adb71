"""HTTP shapes for accounts."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, EmailStr, Field, StringConstraints

from coderoom.auth.passwords import MAX_LENGTH


def _normalise_email(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


# One line of human text: trimmed, no control characters (C0, DEL, C1), and none of the
# invisible or direction-changing characters that let a name impersonate another.
_ONE_LINE = r"^[^\x00-\x1f\x7f-\x9f\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff]*$"
DisplayName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=80, pattern=_ONE_LINE),
]
Email = Annotated[EmailStr, BeforeValidator(_normalise_email), Field(max_length=254)]
Password = Annotated[str, Field(min_length=1, max_length=MAX_LENGTH)]


class Preferences(BaseModel):
    """Editor preferences; every field optional so a PATCH can change one."""

    model_config = ConfigDict(extra="forbid")

    theme: Literal["light", "dark", "system"] | None = None
    keymap: Literal["default", "vim", "emacs"] | None = None
    font_size: int | None = Field(default=None, ge=10, le=32)


class UserRegister(BaseModel):
    """``POST /auth/register`` body."""

    model_config = ConfigDict(extra="forbid")

    name: DisplayName
    email: Email
    password: Password


class UserLogin(BaseModel):
    """``POST /auth/login`` body."""

    model_config = ConfigDict(extra="forbid")

    email: Email
    password: Password


class RefreshRequest(BaseModel):
    """``POST /auth/refresh`` and ``/auth/logout`` body."""

    model_config = ConfigDict(extra="forbid")

    refresh_token: str = Field(min_length=1, max_length=200)


class UserUpdate(BaseModel):
    """``PATCH /auth/me`` body: display name and/or preferences (merged)."""

    model_config = ConfigDict(extra="forbid")

    name: DisplayName | None = None
    preferences: Preferences | None = None


class PreferencesPublic(BaseModel):
    """Preferences with defaults filled in."""

    theme: Literal["light", "dark", "system"] = "system"
    keymap: Literal["default", "vim", "emacs"] = "default"
    font_size: int = 14


class UserPublic(BaseModel):
    """An account as its owner sees it."""

    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    email: str
    preferences: PreferencesPublic
    created_at: datetime


class AuthTokens(BaseModel):
    """Answer of register, login and refresh."""

    user: UserPublic
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - the OAuth2 scheme name
    expires_in: int
