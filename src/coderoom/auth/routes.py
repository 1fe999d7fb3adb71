"""HTTP edge for accounts: ``/api/v1/auth``."""

from __future__ import annotations

from typing import Annotated, NamedTuple

from fastapi import APIRouter, Depends, status

from coderoom.auth import service
from coderoom.auth.deps import ClientIp, CurrentUser, RateLimiter, RateLimiterDep
from coderoom.auth.schemas import (
    AuthTokens,
    RefreshRequest,
    UserLogin,
    UserPublic,
    UserRegister,
    UserUpdate,
)
from coderoom.settings import Settings
from coderoom.storage.deps import SessionDep, SettingsDep

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


def _tokens(issued: service.IssuedTokens) -> AuthTokens:
    return AuthTokens(
        user=UserPublic.model_validate(issued.user),
        access_token=issued.access_token,
        refresh_token=issued.refresh_token,
        expires_in=issued.expires_in,
    )


class _Guard(NamedTuple):
    """What the rate-limited routes need besides the body: settings, limiter, caller's IP."""

    settings: Settings
    limiter: RateLimiter
    ip: str


async def _guard(settings: SettingsDep, limiter: RateLimiterDep, ip: ClientIp) -> _Guard:
    return _Guard(settings, limiter, ip)


Guard = Annotated[_Guard, Depends(_guard)]


@router.post("/register", status_code=status.HTTP_201_CREATED, summary="Create an account")
async def register(data: UserRegister, session: SessionDep, guard: Guard) -> AuthTokens:
    settings, limiter, ip = guard
    await limiter.hit(settings.auth.register_rate_limit, f"register:ip:{ip}")
    await limiter.hit(settings.auth.register_rate_limit, f"register:email:{data.email}")
    return _tokens(await service.register(session, settings, data=data))


@router.post("/login", summary="Log in with email and password")
async def login(data: UserLogin, session: SessionDep, guard: Guard) -> AuthTokens:
    settings, limiter, ip = guard
    await limiter.hit(settings.auth.login_rate_limit, f"login:ip:{ip}", f"login:email:{data.email}")
    return _tokens(await service.login(session, settings, data=data))


@router.post("/refresh", summary="Trade a refresh token for a new pair")
async def refresh(data: RefreshRequest, session: SessionDep, guard: Guard) -> AuthTokens:
    settings, limiter, ip = guard
    await limiter.hit(settings.auth.refresh_rate_limit, f"refresh:ip:{ip}")
    email = await service.refresh_token_email(session, data.refresh_token)
    if email is not None:
        await limiter.hit(settings.auth.refresh_rate_limit, f"refresh:email:{email}")
    return _tokens(await service.refresh(session, settings, refresh_token=data.refresh_token))


@router.post(
    "/logout", status_code=status.HTTP_204_NO_CONTENT, summary="End a login (revokes its family)"
)
async def logout(data: RefreshRequest, session: SessionDep) -> None:
    await service.logout(session, refresh_token=data.refresh_token)


@router.get("/me", summary="The logged-in account")
async def me(principal: CurrentUser, session: SessionDep) -> UserPublic:
    assert principal.user_id is not None  # noqa: S101 - CurrentUser guarantees an account
    return UserPublic.model_validate(await service.get_user(session, principal.user_id))


@router.patch("/me", summary="Change display name and preferences")
async def update_me(principal: CurrentUser, data: UserUpdate, session: SessionDep) -> UserPublic:
    assert principal.user_id is not None  # noqa: S101
    user = await service.update_profile(session, user_id=principal.user_id, data=data)
    return UserPublic.model_validate(user)
