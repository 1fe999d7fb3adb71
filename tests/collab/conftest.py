"""Fixtures for document sync: the live server and a fresh room (defined in ``live``)."""

from collab.live import live, room

__all__ = ["live", "room"]
