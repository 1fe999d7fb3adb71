"""Rooms - creation, membership, roles, invites, guests, the waiting room."""
