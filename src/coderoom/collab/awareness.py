"""Server-side awareness: who is where (cursor, selection, name, colour, current file).

The server keeps the latest state of every awareness client id, who owns it (a local
connection, or ``None`` for another node), and when it was last renewed. It relays what
it accepts, answers query-awareness from the table, and removes states whose
connection left or that went silent for ``timeout_s`` (clients renew every 15 s).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

from coderoom.collab.protocol import AwarenessEntry, decode_awareness, encode_awareness

MAX_UPDATE_BYTES = 8 * 1024
TIMEOUT_S = 30.0


@dataclass(slots=True)
class _State:
    clock: int
    entry: AwarenessEntry
    owner: object | None
    seen: float


class AwarenessTable:
    """Awareness states of one room on this node."""

    def __init__(self, *, timeout_s: float = TIMEOUT_S) -> None:
        self._states: dict[int, _State] = {}
        self._timeout_s = timeout_s

    def apply(
        self, update: bytes, owner: object | None, identity: Mapping[str, str] | None = None
    ) -> bytes | None:
        """Record an awareness update from ``owner``; return what to relay (or None).

        Entries for a client id another owner holds, or with an older clock, are dropped,
        so one client cannot overwrite or erase another's cursor. With ``identity`` (the
        sender's participant: name, colour, id), each state's ``user`` carries those
        values whatever the client wrote, so nobody's cursor can wear another's name.

        Raises:
            ProtocolError: malformed update.
        """
        accepted = []
        now = time.monotonic()
        entries = decode_awareness(update)
        rewritten = False
        for entry in entries:
            current = self._states.get(entry.client_id)
            if current is not None and current.owner is not owner:
                continue
            if current is not None and entry.clock < current.clock:
                continue
            if identity is not None and _stamp(entry, identity):
                rewritten = True
            if entry.state is None:
                self._states.pop(entry.client_id, None)
            else:
                self._states[entry.client_id] = _State(entry.clock, entry, owner, now)
            accepted.append(entry)
        if not accepted:
            return None
        if len(accepted) == len(entries) and not rewritten:
            return update
        return encode_awareness(accepted)

    def remove_owner(self, owner: object) -> bytes | None:
        """Forget every state ``owner`` held; return the removal update to relay."""
        gone = [cid for cid, s in self._states.items() if s.owner is owner]
        return self._remove(gone)

    def sweep(self) -> bytes | None:
        """Forget states not renewed within the timeout; return the removal update."""
        limit = time.monotonic() - self._timeout_s
        return self._remove([cid for cid, s in self._states.items() if s.seen < limit])

    def snapshot(self) -> bytes | None:
        """Every known state as one update (the answer to query-awareness), or None."""
        if not self._states:
            return None
        return encode_awareness([s.entry for s in self._states.values()])

    def __len__(self) -> int:
        return len(self._states)

    def _remove(self, client_ids: list[int]) -> bytes | None:
        if not client_ids:
            return None
        removed = []
        for cid in client_ids:
            state = self._states.pop(cid)
            removed.append(AwarenessEntry(cid, state.clock + 1, None))
        return encode_awareness(removed)


def _stamp(entry: AwarenessEntry, identity: Mapping[str, str]) -> bool:
    # Returns whether the state changed (the update must then be re-encoded).
    if entry.state is None:
        return False
    claimed = entry.state.get("user")
    stamped = {**(claimed if isinstance(claimed, dict) else {}), **identity}
    if stamped == claimed:
        return False
    entry.state["user"] = stamped
    return True


class RateLimiter:
    """A token bucket: ``rate`` events a second, bursts up to ``burst``."""

    def __init__(self, rate: float, burst: float) -> None:
        self._rate = rate
        self._burst = burst
        self._tokens = burst
        self._at = time.monotonic()

    def allow(self) -> bool:
        """Take one token if there is one."""
        now = time.monotonic()
        self._tokens = min(self._burst, self._tokens + (now - self._at) * self._rate)
        self._at = now
        if self._tokens < 1:
            return False
        self._tokens -= 1
        return True
