"""Account use cases: register, log in, rotate refresh tokens, authenticate, profile.

Every function takes the session first and commits the work it did.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from typing import cast

from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from coderoom.auth.models import RefreshToken, User
from coderoom.auth.passwords import hash_password as hash_password
from coderoom.auth.passwords import password_problems, verify_login_password
from coderoom.auth.passwords import verify_password as verify_password
from coderoom.auth.schemas import UserLogin, UserRegister, UserUpdate
from coderoom.auth.tokens import Principal, decode_access_token, encode_access_token
from coderoom.core.clock import utcnow
from coderoom.core.errors import Conflict, InvalidInput, NotFound, Unauthenticated
from coderoom.core.ids import new_id, new_token
from coderoom.settings import Settings
from coderoom.storage.reads import Scalars

LOGIN_FAILED = "The email or password is not correct."


@dataclass(frozen=True)
class IssuedTokens:
    """A user with a fresh access token and refresh token."""

    user: User
    access_token: str
    refresh_token: str
    expires_in: int


async def register(
    session: AsyncSession, settings: Settings, *, data: UserRegister
) -> IssuedTokens:
    """Create an account and log it in.

    Raises:
        InvalidInput: the password breaks a rule (``details`` lists every broken rule).
        Conflict: the email is taken.
    """
    problems = password_problems(data.password, data.email)
    if problems:
        raise InvalidInput(
            "The password does not meet the rules: " + " ".join(p["message"] for p in problems),
            code="weak_password",
            details=problems,
        )
    if await _user_by_email(session, data.email) is not None:
        raise Conflict("An account with this email already exists.", code="email_taken")
    user = User(
        email=data.email,
        name=data.name,
        password_hash=await hash_password(settings.auth, data.password),
        preferences={},
    )
    session.add(user)
    try:
        await session.flush()
    except IntegrityError as exc:  # a concurrent registration won the race
        await session.rollback()
        raise Conflict("An account with this email already exists.", code="email_taken") from exc
    return await _issue(session, settings, user, family_id=new_id())


async def login(session: AsyncSession, settings: Settings, *, data: UserLogin) -> IssuedTokens:
    """Check email and password and issue tokens.

    The failure message and the time spent are the same whether or not the email exists.

    Raises:
        Unauthenticated: unknown email or wrong password.
    """
    user = await _user_by_email(session, data.email)
    ok = await verify_login_password(
        settings.auth, user.password_hash if user else None, data.password
    )
    if user is None or not ok:
        raise Unauthenticated(LOGIN_FAILED, code="invalid_credentials")
    return await _issue(session, settings, user, family_id=new_id())


async def refresh(session: AsyncSession, settings: Settings, *, refresh_token: str) -> IssuedTokens:
    """Rotate a refresh token: the presented one dies, a new one joins its family.

    Presenting a token that was already used or revoked means it leaked: the whole family
    is revoked (committed) before the error is raised.

    Raises:
        Unauthenticated: unknown, expired, used or revoked token.
    """
    row = await _token_row(session, refresh_token)
    if row is None or row.expires_at <= utcnow():
        raise Unauthenticated("The refresh token is not valid.", code="token_invalid")
    # Conditional update, so two concurrent uses of one token cannot both succeed.
    claimed = await session.execute(
        update(RefreshToken)
        .where(
            RefreshToken.id == row.id,
            RefreshToken.used_at.is_(None),
            RefreshToken.revoked_at.is_(None),
        )
        .values(used_at=utcnow())
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        await _revoke_family(session, row.family_id)
        raise Unauthenticated(
            "This refresh token was already used; every session of that login has been ended.",
            code="token_reused",
        )
    user = await session.get(User, row.user_id)
    if user is None:
        raise Unauthenticated("The refresh token is not valid.", code="token_invalid")
    return await _issue(session, settings, user, family_id=row.family_id)


async def refresh_token_email(session: AsyncSession, refresh_token: str) -> str | None:
    """The email of the account ``refresh_token`` belongs to (a rate-limit key), if any."""
    row = await _token_row(session, refresh_token)
    return await session.scalar(select(User.email).where(User.id == row.user_id)) if row else None


async def logout(session: AsyncSession, *, refresh_token: str) -> None:
    """Revoke the family of ``refresh_token`` (unknown tokens are ignored)."""
    row = await _token_row(session, refresh_token)
    if row is not None:
        await _revoke_family(session, row.family_id)


async def authenticate(reads: Scalars, settings: Settings, token: str) -> Principal:
    """The principal an access token speaks for.

    Checks signature, expiry and type, and that the account still exists.

    Raises:
        Unauthenticated: anything wrong with the token or its subject.
    """
    principal = decode_access_token(token, secret=settings.resolved_secret_key())
    if principal.kind == "user" and await _user_exists(reads, principal.subject) is None:
        raise Unauthenticated("The account no longer exists.", code="token_invalid")
    return principal


def issue_guest_token(settings: Settings, *, participant_id: str, name: str, room_id: str) -> str:
    """An access token for a guest, valid only for ``room_id``."""
    principal = Principal(subject=participant_id, kind="guest", name=name, room_id=room_id)
    return encode_access_token(
        principal, secret=settings.resolved_secret_key(), ttl_s=settings.auth.guest_token_ttl_s
    )


async def get_user(session: AsyncSession, user_id: str) -> User:
    """The account ``user_id``.

    Raises:
        NotFound: no such account.
    """
    user = await session.get(User, user_id)
    if user is None:
        raise NotFound("No such account.")
    return user


async def update_profile(session: AsyncSession, *, user_id: str, data: UserUpdate) -> User:
    """Change the display name and/or merge preferences."""
    user = await get_user(session, user_id)
    if data.name is not None:
        user.name = data.name
    if data.preferences is not None:
        changes = data.preferences.model_dump(exclude_none=True)
        user.preferences = {**(user.preferences or {}), **changes}
    await session.commit()
    return user


# The id alone: no ORM identity map, no JSON preferences to decode. Built once: every
# authenticated request runs it, and building it cost more CPU than running it.
_USER_EXISTS = select(User.id).where(User.id == bindparam("user_id"))


async def _user_exists(reads: Scalars, user_id: str) -> str | None:
    return cast(str | None, await reads.scalar(_USER_EXISTS, {"user_id": user_id}))


async def _user_by_email(session: AsyncSession, email: str) -> User | None:
    return await session.scalar(select(User).where(User.email == email))


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def _token_row(session: AsyncSession, token: str) -> RefreshToken | None:
    return await session.scalar(
        select(RefreshToken).where(RefreshToken.token_hash == _hash_token(token))
    )


async def _revoke_family(session: AsyncSession, family_id: str) -> None:
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    await session.commit()


async def _issue(
    session: AsyncSession, settings: Settings, user: User, *, family_id: str
) -> IssuedTokens:
    raw = new_token(32)
    session.add(
        RefreshToken(
            user_id=user.id,
            family_id=family_id,
            token_hash=_hash_token(raw),
            expires_at=utcnow() + timedelta(seconds=settings.auth.refresh_token_ttl_s),
        )
    )
    await session.commit()
    ttl = settings.auth.access_token_ttl_s
    principal = Principal(subject=user.id, kind="user", name=user.name)
    access = encode_access_token(principal, secret=settings.resolved_secret_key(), ttl_s=ttl)
    return IssuedTokens(user=user, access_token=access, refresh_token=raw, expires_in=ttl)
