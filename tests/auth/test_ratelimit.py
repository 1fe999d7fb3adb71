from __future__ import annotations

import asyncio
import secrets

import httpx
import pytest
from fastapi import FastAPI
from limits.aio.storage import RedisStorage
from redis.asyncio import Redis

from accounts import PASSWORD, register
from coderoom.auth.ratelimit import (
    MemoryWindows,
    RateLimiter,
    StorageWindows,
    rate_limiter_component,
)
from coderoom.core.errors import RateLimited, Unavailable
from coderoom.settings import Settings
from conftest import REDIS_URL

pytestmark = pytest.mark.anyio

REDIS_URI = "async+redis://127.0.0.1:6379/0"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Tight limits so a test reaches them in a few requests."""
    settings.auth.register_rate_limit = "2/minute"
    settings.auth.login_rate_limit = "3/minute"
    settings.auth.refresh_rate_limit = "2/minute"
    return settings


def client_from(app: FastAPI, ip: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(ip, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://test")


def assert_limited(response: httpx.Response) -> None:
    assert response.status_code == 429, response.text
    assert response.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(response.headers["Retry-After"]) <= 60


async def test_register_is_limited_per_ip(client: httpx.AsyncClient) -> None:
    await register(client)
    await register(client)
    response = await client.post(
        "/api/v1/auth/register",
        json={"name": "A", "email": "third@example.com", "password": PASSWORD},
    )
    assert_limited(response)


async def test_login_is_limited_per_email_across_ips(app: FastAPI) -> None:
    async with client_from(app, "10.0.0.1") as first:
        await register(first, email="target@example.com")
    wrong = {"email": "target@example.com", "password": "wrong" * 3}
    for n in range(3):
        async with client_from(app, f"10.0.1.{n}") as attacker:
            assert (await attacker.post("/api/v1/auth/login", json=wrong)).status_code == 401
    async with client_from(app, "10.0.2.1") as fresh_ip:
        assert_limited(await fresh_ip.post("/api/v1/auth/login", json=wrong))
        # Another account from the same fresh address is not affected.
        other = {"email": "other@example.com", "password": "wrong" * 3}
        assert (await fresh_ip.post("/api/v1/auth/login", json=other)).status_code == 401


async def test_login_is_limited_per_ip(app: FastAPI) -> None:
    async with client_from(app, "10.9.9.9") as spray:
        for n in range(3):
            body = {"email": f"victim{n}@example.com", "password": "wrong" * 3}
            assert (await spray.post("/api/v1/auth/login", json=body)).status_code == 401
        body = {"email": "victim9@example.com", "password": "wrong" * 3}
        assert_limited(await spray.post("/api/v1/auth/login", json=body))


async def test_refresh_is_limited(client: httpx.AsyncClient) -> None:
    for _ in range(2):
        response = await client.post("/api/v1/auth/refresh", json={"refresh_token": "nope"})
        assert response.status_code == 401
    assert_limited(await client.post("/api/v1/auth/refresh", json={"refresh_token": "nope"}))


async def test_memory_limiter_counts_each_key_separately() -> None:
    limiter = RateLimiter(MemoryWindows())
    await limiter.hit("1/minute", "a")
    await limiter.hit("1/minute", "b")
    with pytest.raises(RateLimited) as caught:
        await limiter.hit("1/minute", "a")
    assert 1 <= caught.value.retry_after <= 60


@pytest.mark.redis
async def test_redis_limits_are_shared_between_nodes() -> None:
    prefix = f"coderoom-test-{secrets.token_hex(6)}"
    node_a, node_b = (
        RateLimiter(
            StorageWindows(RedisStorage(REDIS_URI, implementation="redispy", key_prefix=prefix))
        )
        for _ in range(2)
    )
    try:
        await node_a.hit("2/minute", "login:email:x@example.com")
        await node_b.hit("2/minute", "login:email:x@example.com")
        with pytest.raises(RateLimited):
            await node_a.hit("2/minute", "login:email:x@example.com")
    finally:
        await node_a.reset()


@pytest.mark.redis
async def test_app_uses_redis_storage_when_configured(settings: Settings) -> None:
    settings.redis_url = REDIS_URL
    key = f"test:{secrets.token_hex(8)}"
    async with rate_limiter_component(settings, {}) as state:
        limiter = state["rate_limiter"]
        await limiter.hit("1/minute", key)
    async with rate_limiter_component(settings, {}) as state:  # a second node, same Redis
        with pytest.raises(RateLimited):
            await state["rate_limiter"].hit("1/minute", key)


async def limiter_clients(redis: Redis) -> set[str]:
    clients = await redis.client_list()
    return {c["name"] for c in clients if c["name"].startswith("coderoom-limits-")}


@pytest.mark.redis
async def test_shutdown_closes_the_limiters_redis_connections(settings: Settings) -> None:
    settings.redis_url = REDIS_URL
    async with Redis.from_url(REDIS_URL) as observer:
        before = await limiter_clients(observer)
        async with rate_limiter_component(settings, {}) as state:
            await state["rate_limiter"].hit("5/minute", f"test:{secrets.token_hex(8)}")
            ours = await limiter_clients(observer) - before
            assert len(ours) == 1  # this component's pool, connected
        # The server drops a closed client from CLIENT LIST a moment after the socket closes.
        for _ in range(50):
            if not ours & await limiter_clients(observer):
                break
            await asyncio.sleep(0.02)
        assert not ours & await limiter_clients(observer)


@pytest.mark.redis
async def test_unreachable_redis_fails_closed_with_503(settings: Settings) -> None:
    settings.redis_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    async with rate_limiter_component(settings, {}) as state:
        with pytest.raises(Unavailable):
            await state["rate_limiter"].hit("5/minute", "login:ip:10.0.0.1")


async def test_refresh_is_limited_per_account_across_ips(app: FastAPI) -> None:
    async with client_from(app, "10.3.0.1") as first:
        user = await register(first)
    token = user["refresh_token"]
    for n in range(2):
        async with client_from(app, f"10.3.1.{n}") as other:
            response = await other.post("/api/v1/auth/refresh", json={"refresh_token": token})
            assert response.status_code in {200, 401}
    async with client_from(app, "10.3.2.1") as fresh_ip:
        limited = await fresh_ip.post("/api/v1/auth/refresh", json={"refresh_token": token})
        assert_limited(limited)


class Clock:
    """A hand-moved monotonic clock."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_memory_window_moves_with_time() -> None:
    clock = Clock()
    limiter = RateLimiter(MemoryWindows(clock))
    await limiter.hit("2/minute", "k")  # t = 0
    clock.now += 30
    await limiter.hit("2/minute", "k")  # t = 30
    clock.now += 10
    with pytest.raises(RateLimited) as caught:  # t = 40: the first hit frees up at t = 60
        await limiter.hit("2/minute", "k")
    assert caught.value.retry_after == 20
    await limiter.check("2/minute", "other")  # check counts nothing...
    await limiter.check("2/minute", "other")
    await limiter.hit("2/minute", "other")  # ...so both hits of "other" are still free
    await limiter.hit("2/minute", "other")
    clock.now += 21  # t = 61: only the t = 30 hit is in the window
    await limiter.hit("2/minute", "k")
    with pytest.raises(RateLimited):
        await limiter.hit("2/minute", "k")
    await limiter.hit("5/hour", "k")  # another limit on the same key is its own window


async def test_memory_windows_forget_idle_keys() -> None:
    clock = Clock()
    windows = MemoryWindows(clock)
    limiter = RateLimiter(windows)
    for n in range(MemoryWindows.SWEEP_EVERY - 1):
        await limiter.hit("1/minute", f"ip:{n}")
    assert len(windows) == MemoryWindows.SWEEP_EVERY - 1
    clock.now += 61
    await limiter.hit("1/minute", "ip:last")  # the sweep's turn: every other window is idle
    assert len(windows) == 1
