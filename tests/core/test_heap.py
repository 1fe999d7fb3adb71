"""The server's garbage-collector policy (``coderoom serve`` applies it once started)."""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator

import pytest

from coderoom.core.heap import FULL_EVERY, GcWatch, settle_heap


@pytest.fixture
def restored_gc() -> Iterator[None]:
    """Put the collector back as it was: the policy is process-wide."""
    threshold = gc.get_threshold()
    callbacks = list(gc.callbacks)
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)
    gc.callbacks[:] = callbacks


@pytest.mark.usefixtures("restored_gc")
def test_settle_heap_freezes_start_up_and_spaces_out_full_collections() -> None:
    young, middle, _ = gc.get_threshold()
    kept = [[n] for n in range(1000)]  # long-lived objects made before start-up ends
    watch = settle_heap()
    assert gc.get_freeze_count() >= len(kept)
    assert gc.get_threshold() == (young, middle, FULL_EVERY)
    assert watch in gc.callbacks


@pytest.mark.usefixtures("restored_gc")
def test_the_watch_logs_a_slow_full_collection_and_ignores_young_ones(
    caplog: pytest.LogCaptureFixture,
) -> None:
    watch = GcWatch(slow_s=0.0)  # every full collection counts as slow
    gc.callbacks.append(watch)
    with caplog.at_level(logging.WARNING, logger="coderoom.core.heap"):
        gc.collect(0)
        gc.collect(1)
        assert watch.full_collections == 0
        gc.collect(2)
    assert watch.full_collections == 1
    assert watch.slowest_s > 0
    assert [r.getMessage() for r in caplog.records][-1].startswith("full garbage collection took")


@pytest.mark.usefixtures("restored_gc")
def test_a_fast_full_collection_is_counted_but_not_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    watch = GcWatch(slow_s=60.0)
    gc.callbacks.append(watch)
    with caplog.at_level(logging.WARNING, logger="coderoom.core.heap"):
        gc.collect()
    assert watch.full_collections == 1
    assert not [r for r in caplog.records if r.name == "coderoom.core.heap"]
