"""Garbage-collector policy for a long-running server process.

After start-up the heap holds a few hundred thousand long-lived objects (FastAPI, pydantic,
SQLAlchemy, the language and problem catalogues). Python's cyclic collector walks them
again on every older-generation collection: in a profile of a busy room that was a
quarter of the event loop's CPU. Freezing the start-up heap takes those objects out of
every later collection.

Freezing leaves the oldest generation nearly empty, and CPython starts a full collection
whenever the objects promoted since the last one exceed a quarter of those that survived
it: a reconnect storm, which builds the state of a thousand connections in a second or
two, then met three or four full collections of 60–150 ms each (measured, 1000 clients).
Letting ten times more middle-generation collections pass between full ones
(``FULL_EVERY``) kept every full collection out of the storm; cyclic garbage waits longer
but not forever.

A full collection still stops the process for as long as it walks the heap, and nothing
else would say why every socket went quiet at once: ``GcWatch`` logs each one that takes
``SLOW_S`` or more, with its length and what it found.
"""

from __future__ import annotations

import gc
import logging
import time
from typing import Any

log = logging.getLogger(__name__)

FULL_EVERY = 100  # middle-generation collections between full ones (CPython's default: 10)
SLOW_S = 0.05


class GcWatch:
    """A ``gc.callbacks`` hook timing full collections; logs the slow ones (WARNING)."""

    def __init__(self, slow_s: float = SLOW_S) -> None:
        self.slow_s = slow_s
        self.full_collections = 0
        self.slowest_s = 0.0
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        """Called by the collector before (``start``) and after (``stop``) each collection."""
        if info["generation"] != 2:  # young collections are frequent and short: skip fast
            return
        if phase == "start":
            self._started = time.perf_counter()
            return
        took = time.perf_counter() - self._started
        self.full_collections += 1
        self.slowest_s = max(self.slowest_s, took)
        if took >= self.slow_s:
            log.warning(
                "full garbage collection took %.0f ms (%d objects collected)",
                took * 1000,
                info["collected"],
            )


def settle_heap() -> GcWatch:
    """Collect once, freeze what survived start-up, space out full collections, watch them."""
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_EVERY)
    watch = GcWatch()
    gc.callbacks.append(watch)
    return watch
