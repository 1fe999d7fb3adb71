"""Replay - a room's timeline, its state at any moment, analytics."""
