"""Collaboration - Yjs documents over the y-websocket protocol, update log, snapshots."""
