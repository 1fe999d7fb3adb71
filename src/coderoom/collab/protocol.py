"""The y-websocket wire protocol: parse client frames safely, build server frames.

One WebSocket binary frame carries one message: ``varuint type`` then the body.
``0`` sync (``varuint subtype`` + ``varbytes``: step 1 state vector, step 2 or update),
``1`` awareness (``varbytes`` awareness update), ``3`` query-awareness (no body).
Everything read from a client is hostile: every malformed frame raises ``ProtocolError``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from pycrdt import write_var_uint

MSG_SYNC = 0
MSG_AWARENESS = 1
MSG_QUERY_AWARENESS = 3


class SyncType(IntEnum):
    """Subtypes of a sync message."""

    STEP1 = 0
    STEP2 = 1
    UPDATE = 2


class ProtocolError(ValueError):
    """A frame that does not follow the y-websocket protocol (close 1002)."""

    close_code = 1002


class FrameTooLarge(ProtocolError):
    """A frame over the size limit (close 1009)."""

    close_code = 1009


@dataclass(frozen=True, slots=True)
class AwarenessEntry:
    """One client's awareness state in an awareness update (``state`` None = gone)."""

    client_id: int
    clock: int
    state: dict[str, Any] | None


class _Reader:
    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pos = 0

    def uint(self) -> int:
        value, shift = 0, 0
        while True:
            if self._pos >= len(self._data) or shift > 63:
                raise ProtocolError("truncated or oversized varuint")
            byte = self._data[self._pos]
            self._pos += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return value

    def bytes_(self) -> bytes:
        length = self.uint()
        end = self._pos + length
        if end > len(self._data):
            raise ProtocolError("truncated message body")
        chunk = self._data[self._pos : end]
        self._pos = end
        return chunk


def parse_frame(frame: bytes) -> tuple[int, int | None, bytes]:
    """Split a client frame into ``(type, sync subtype or None, body)``.

    Raises:
        ProtocolError: unknown type or malformed frame.
    """
    reader = _Reader(frame)
    kind = reader.uint()
    if kind == MSG_SYNC:
        sub = reader.uint()
        if sub not in (SyncType.STEP1, SyncType.STEP2, SyncType.UPDATE):
            raise ProtocolError(f"unknown sync message {sub}")
        return kind, sub, reader.bytes_()
    if kind == MSG_AWARENESS:
        return kind, None, reader.bytes_()
    if kind == MSG_QUERY_AWARENESS:
        return kind, None, b""
    raise ProtocolError(f"unknown message type {kind}")


def sync_frame(sub: SyncType, payload: bytes) -> bytes:
    """A sync message (step 1 with a state vector, step 2 or update with an update)."""
    return bytes([MSG_SYNC, sub]) + write_var_uint(len(payload)) + payload


def awareness_frame(update: bytes) -> bytes:
    """An awareness message carrying an encoded awareness update."""
    return bytes([MSG_AWARENESS]) + write_var_uint(len(update)) + update


def decode_awareness(update: bytes) -> list[AwarenessEntry]:
    """Decode an awareness update (``count``, then ``client, clock, json`` per entry).

    Raises:
        ProtocolError: malformed update or state that is not a JSON object or null.
    """
    reader = _Reader(update)
    entries = []
    for _ in range(reader.uint()):
        client_id, clock = reader.uint(), reader.uint()
        try:
            state = json.loads(reader.bytes_().decode())
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ProtocolError("awareness state is not JSON") from exc
        if state is not None and not isinstance(state, dict):
            raise ProtocolError("awareness state must be an object or null")
        entries.append(AwarenessEntry(client_id, clock, state))
    return entries


def encode_awareness(entries: list[AwarenessEntry]) -> bytes:
    """Encode an awareness update from entries."""
    parts = [write_var_uint(len(entries))]
    for entry in entries:
        body = json.dumps(entry.state, separators=(",", ":")).encode()
        parts += [write_var_uint(entry.client_id), write_var_uint(entry.clock)]
        parts += [write_var_uint(len(body)), body]
    return b"".join(parts)
