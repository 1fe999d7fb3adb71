"""A token bucket for one connection (in-process: a connection lives on one node)."""

from __future__ import annotations

import time


class TokenBucket:
    """Allows ``rate`` actions per second on average, ``burst`` at once.

    Args:
        rate: tokens added per second.
        burst: bucket size.
    """

    def __init__(self, rate: float, burst: int) -> None:
        self._rate = rate
        self._burst = float(burst)
        self._tokens = float(burst)
        self._stamp = time.monotonic()

    def take(self) -> bool:
        """Spend one token; ``False`` when the bucket is empty."""
        now = time.monotonic()
        self._tokens = min(self._burst, self._tokens + (now - self._stamp) * self._rate)
        self._stamp = now
        if self._tokens < 1.0:
            return False
        self._tokens -= 1.0
        return True
