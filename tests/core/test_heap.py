"""The server's garbage-collector policy (``coderoom serve`` applies it once started)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from coderoom.core.heap import FULL_EVERY, settle_heap


@pytest.fixture
def restored_gc() -> Iterator[None]:
    """Put the collector back as it was: the policy is process-wide."""
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


@pytest.mark.usefixtures("restored_gc")
def test_settle_heap_freezes_start_up_and_spaces_out_full_collections() -> None:
    young, middle, _ = gc.get_threshold()
    kept = [[n] for n in range(1000)]  # long-lived objects made before start-up ends
    settle_heap()
    assert gc.get_freeze_count() >= len(kept)
    assert gc.get_threshold() == (young, middle, FULL_EVERY)
