"""Notes tests register several accounts per test."""

from __future__ import annotations

import pytest

from coderoom.settings import Settings


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The shared test settings with room for the accounts these tests register."""
    settings.auth.register_rate_limit = "100/minute"
    return settings
