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
"""

from __future__ import annotations

import gc

FULL_EVERY = 100  # middle-generation collections between full ones (CPython's default: 10)


def settle_heap() -> None:
    """Collect once, freeze what survived start-up, and space out full collections."""
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_EVERY)
