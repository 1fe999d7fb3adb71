"""Execution tests: one sandbox, so queue tests are deterministic (app state: tests/conftest.py)."""

from __future__ import annotations

import pytest

from coderoom.settings import Settings


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """One sandbox slot, and room for the accounts these tests register."""
    settings.auth.register_rate_limit = "100/minute"
    settings.sandbox.concurrency = 1
    return settings
