"""Rate limits shared by every node: in memory by default, in Redis when configured."""

from __future__ import annotations

import asyncio
import functools
import logging
import math
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, NoReturn

from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError
from redis.asyncio import ConnectionPool

from coderoom.core.errors import RateLimited, Unavailable
from coderoom.core.ids import new_token
from coderoom.settings import Settings

log = logging.getLogger(__name__)
STORAGE_TIMEOUT_S = 2.0


class RateLimiter:
    """Moving-window limits keyed by arbitrary strings (``"login:ip:1.2.3.4"``)."""

    def __init__(self, storage: Storage) -> None:
        self._storage = storage
        self._strategy = MovingWindowRateLimiter(storage)

    async def hit(self, limit: str, *keys: str) -> None:
        """Count one request against ``limit`` for every key.

        Args:
            limit: a ``limits`` expression such as ``"10/minute"``.
            keys: the identities charged (an IP, an email...); all must be under the limit.

        Raises:
            RateLimited: one of the keys is over the limit; carries ``retry_after``.
        """
        item = _item(limit)
        for key in keys:
            async with _storage_guard():
                allowed = await self._strategy.hit(item, "coderoom", key)
            if not allowed:
                await self._raise(item, key)

    async def check(self, limit: str, *keys: str) -> None:
        """Raise ``RateLimited`` if any key has used up ``limit``, without counting a hit.

        Pairs with ``hit`` for limits on failures only (count them after the fact).
        """
        item = _item(limit)
        for key in keys:
            async with _storage_guard():
                allowed = await self._strategy.test(item, "coderoom", key)
            if not allowed:
                await self._raise(item, key)

    async def reset(self) -> None:
        """Forget every counter (tests and admin tooling)."""
        await self._storage.reset()

    async def _raise(self, item: RateLimitItem, key: str) -> NoReturn:
        async with _storage_guard():
            stats = await self._strategy.get_window_stats(item, "coderoom", key)
        retry_after = max(1, math.ceil(stats.reset_time - time.time()))
        raise RateLimited(
            "Too many attempts; wait a moment and try again.",
            retry_after=retry_after,
            details={"retry_after": retry_after},
        )


@functools.cache
def _item(limit: str) -> RateLimitItem:
    # Limits come from settings, a handful of strings; parsing one is a regex and a lookup.
    return parse(limit)


@asynccontextmanager
async def _storage_guard() -> AsyncIterator[None]:
    # Fail closed: without its counters the limiter cannot protect logins, so say 503.
    try:
        async with asyncio.timeout(STORAGE_TIMEOUT_S):
            yield
    except (StorageError, TimeoutError) as exc:
        log.warning("rate limit storage unavailable: %s", exc)
        raise Unavailable("Sign-in is briefly unavailable; try again shortly.") from exc


def _redis_storage(pool: ConnectionPool) -> Storage:
    # The URI only tells ``limits`` which client to use; the connections come from ``pool``.
    return RedisStorage(
        "async+redis://",
        implementation="redispy",
        key_prefix="coderoom-limits",
        wrap_exceptions=True,
        connection_pool=pool,  # type: ignore[arg-type]  # passed on to redis.asyncio.Redis
    )


@asynccontextmanager
async def rate_limiter_component(
    settings: Settings, _state: dict[str, Any]
) -> AsyncIterator[dict[str, Any]]:
    """Lifespan component: puts a ``RateLimiter`` in the state under ``rate_limiter``.

    With Redis, the limiter's connections come from a pool this component owns and
    closes at shutdown (``limits`` has no way to close the client it builds itself).
    Each pool names its connections ``coderoom-limits-<token>`` (``CLIENT LIST``).
    """
    if not settings.redis_url:
        yield {"rate_limiter": RateLimiter(MemoryStorage())}
        return
    pool = ConnectionPool.from_url(
        settings.redis_url, client_name=f"coderoom-limits-{new_token(6)}"
    )
    try:
        yield {"rate_limiter": RateLimiter(_redis_storage(pool))}
    finally:
        async with asyncio.timeout(STORAGE_TIMEOUT_S):
            await pool.aclose()
