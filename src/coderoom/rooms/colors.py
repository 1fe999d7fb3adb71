"""Stable participant colours: the same account gets the same colour in every room."""

from __future__ import annotations

import hashlib

# Twelve hues that stay distinct from each other on light and dark editor themes.
PALETTE = (
    "#e6194b",
    "#3cb44b",
    "#4363d8",
    "#f58231",
    "#911eb4",
    "#42d4f4",
    "#f032e6",
    "#9a6324",
    "#469990",
    "#808000",
    "#bfef45",
    "#e6a400",
)


def color_for(key: str) -> str:
    """The palette colour for ``key`` (a user id, or a guest's participant id)."""
    digest = hashlib.sha256(key.encode()).digest()
    return PALETTE[int.from_bytes(digest[:4], "big") % len(PALETTE)]
