"""Participant colours: distinct within a room, stable for a participant.

The colour is chosen once, when the participant record is created, and stored on it,
so it survives reloads and reconnects.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection

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


def color_for(key: str, taken: Collection[str] = ()) -> str:
    """A palette colour for ``key`` (a user id, or a guest's participant id).

    Starts at the colour ``key`` hashes to and skips colours in ``taken`` (those of the
    room's other participants), so up to twelve people never share one; hashing alone
    gave two of three people the same colour about a quarter of the time.
    """
    digest = hashlib.sha256(key.encode()).digest()
    start = int.from_bytes(digest[:4], "big") % len(PALETTE)
    for step in range(len(PALETTE)):
        color = PALETTE[(start + step) % len(PALETTE)]
        if color not in taken:
            return color
    return PALETTE[start]
