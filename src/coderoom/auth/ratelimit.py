"""Rate limits shared by every node: in memory by default, in Redis when configured."""

from __future__ import annotations

import asyncio
import functools
import logging
import math
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any, NoReturn, Protocol

from limits import RateLimitItem, parse
from limits.aio.storage import RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError
from redis.asyncio import ConnectionPool

from coderoom.core.errors import RateLimited, Unavailable
from coderoom.core.ids import new_token
from coderoom.settings import Settings

log = logging.getLogger(__name__)
STORAGE_TIMEOUT_S = 2.0


class Windows(Protocol):
    """Where the hits of each moving window are counted."""

    async def hit(self, item: RateLimitItem, key: str) -> bool:
        """Count a hit if ``key`` is under ``item``; False (nothing counted) if not."""
        ...

    async def test(self, item: RateLimitItem, key: str) -> bool:
        """Whether ``key`` is under ``item``, counting nothing."""
        ...

    async def retry_after(self, item: RateLimitItem, key: str) -> float:
        """Seconds until ``key`` may hit ``item`` again."""
        ...

    async def reset(self) -> None:
        """Forget every hit."""
        ...


class MemoryWindows:
    """Moving windows of this process: each window's hit times, oldest first.

    ``limits``' own asyncio memory storage sweeps every key through a worker thread after
    each hit: about 1 ms of CPU and two thread wake-ups per rate-limited request, measured.
    Here a window drops its expired hits when it is used, and every ``SWEEP_EVERY`` hits
    the windows with nothing left in them are forgotten, so memory stays bounded.
    """

    SWEEP_EVERY = 1024

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        # window key -> (window length in seconds, hit times on ``clock``)
        self._windows: dict[str, tuple[float, deque[float]]] = {}
        self._hits_since_sweep = 0

    def __len__(self) -> int:
        """How many windows are held (expired ones until the next sweep)."""
        return len(self._windows)

    def _hits(self, item: RateLimitItem, key: str, now: float) -> deque[float]:
        window_key = item.key_for("coderoom", key)
        window = self._windows.get(window_key)
        if window is None:
            window = self._windows[window_key] = (float(item.get_expiry()), deque())
        length, hits = window
        while hits and hits[0] <= now - length:
            hits.popleft()
        return hits

    async def hit(self, item: RateLimitItem, key: str) -> bool:
        """See ``Windows``."""
        now = self._clock()
        hits = self._hits(item, key, now)
        if len(hits) >= item.amount:
            return False
        hits.append(now)
        self._hits_since_sweep += 1
        if self._hits_since_sweep >= self.SWEEP_EVERY:
            self._sweep(now)
        return True

    async def test(self, item: RateLimitItem, key: str) -> bool:
        """See ``Windows``."""
        return len(self._hits(item, key, self._clock())) < item.amount

    async def retry_after(self, item: RateLimitItem, key: str) -> float:
        """See ``Windows``."""
        now = self._clock()
        hits = self._hits(item, key, now)
        return hits[0] + item.get_expiry() - now if hits else 0.0

    async def reset(self) -> None:
        """See ``Windows``."""
        self._windows.clear()

    def _sweep(self, now: float) -> None:
        self._hits_since_sweep = 0
        idle = [
            k for k, (length, hits) in self._windows.items() if not hits or hits[-1] <= now - length
        ]
        for window_key in idle:
            del self._windows[window_key]


class StorageWindows:
    """Moving windows in a ``limits`` storage (Redis: shared by every node)."""

    def __init__(self, storage: Storage) -> None:
        self._storage = storage
        self._strategy = MovingWindowRateLimiter(storage)

    async def hit(self, item: RateLimitItem, key: str) -> bool:
        """See ``Windows``."""
        return await self._strategy.hit(item, "coderoom", key)

    async def test(self, item: RateLimitItem, key: str) -> bool:
        """See ``Windows``."""
        return await self._strategy.test(item, "coderoom", key)

    async def retry_after(self, item: RateLimitItem, key: str) -> float:
        """See ``Windows``."""
        stats = await self._strategy.get_window_stats(item, "coderoom", key)
        return stats.reset_time - time.time()

    async def reset(self) -> None:
        """See ``Windows``."""
        await self._storage.reset()


class RateLimiter:
    """Moving-window limits keyed by arbitrary strings (``"login:ip:1.2.3.4"``)."""

    def __init__(self, windows: Windows) -> None:
        self._windows = windows

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
                allowed = await self._windows.hit(item, key)
            if not allowed:
                await self._raise(item, key)

    async def check(self, limit: str, *keys: str) -> None:
        """Raise ``RateLimited`` if any key has used up ``limit``, without counting a hit.

        Pairs with ``hit`` for limits on failures only (count them after the fact).
        """
        item = _item(limit)
        for key in keys:
            async with _storage_guard():
                allowed = await self._windows.test(item, key)
            if not allowed:
                await self._raise(item, key)

    async def reset(self) -> None:
        """Forget every counter (tests and admin tooling)."""
        await self._windows.reset()

    async def _raise(self, item: RateLimitItem, key: str) -> NoReturn:
        async with _storage_guard():
            wait_s = await self._windows.retry_after(item, key)
        retry_after = max(1, math.ceil(wait_s))
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
        yield {"rate_limiter": RateLimiter(MemoryWindows())}
        return
    pool = ConnectionPool.from_url(
        settings.redis_url, client_name=f"coderoom-limits-{new_token(6)}"
    )
    try:
        yield {"rate_limiter": RateLimiter(StorageWindows(_redis_storage(pool)))}
    finally:
        async with asyncio.timeout(STORAGE_TIMEOUT_S):
            await pool.aclose()
