"""Replay fixtures: the live server and a fresh room (from the collab tests), more accounts."""

import pytest

from coderoom.settings import Settings
from collab.live import live, room

__all__ = ["live", "room"]


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Room for the accounts these tests register."""
    settings.auth.register_rate_limit = "100/minute"
    return settings
