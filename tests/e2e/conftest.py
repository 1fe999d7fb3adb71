"""Fixtures for end-to-end runs: the live server, a room, the Node packages."""

from collab.live import live, room
from interop.conftest import node_packages

__all__ = ["live", "node_packages", "room"]
