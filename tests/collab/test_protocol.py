"""Pure logic: frame parsing, awareness table, rate limiter, send-queue merging."""

from __future__ import annotations

import pytest
from pycrdt import Doc, Text

from coderoom.collab.awareness import AwarenessTable, RateLimiter
from coderoom.collab.connection import Connection
from coderoom.collab.protocol import (
    MSG_AWARENESS,
    MSG_QUERY_AWARENESS,
    MSG_SYNC,
    AwarenessEntry,
    ProtocolError,
    SyncType,
    awareness_frame,
    decode_awareness,
    encode_awareness,
    parse_frame,
    sync_frame,
)

pytestmark = pytest.mark.anyio


def test_frames_round_trip() -> None:
    assert parse_frame(sync_frame(SyncType.UPDATE, b"abc")) == (MSG_SYNC, SyncType.UPDATE, b"abc")
    assert parse_frame(awareness_frame(b"x" * 300)) == (MSG_AWARENESS, None, b"x" * 300)
    assert parse_frame(b"\x03") == (MSG_QUERY_AWARENESS, None, b"")


@pytest.mark.parametrize(
    "frame",
    [b"", b"\x02", b"\x00", b"\x00\x05\x00", b"\x00\x02\x10ab", b"\x80" * 20, b"\x01\xff"],
)
def test_malformed_frames(frame: bytes) -> None:
    with pytest.raises(ProtocolError):
        parse_frame(frame)


def test_awareness_encoding_round_trip() -> None:
    entries = [AwarenessEntry(1, 2, {"a": [1]}), AwarenessEntry(2**40, 1, None)]
    assert decode_awareness(encode_awareness(entries)) == entries


@pytest.mark.parametrize("body", [b"\x01\x01\x01\x01[", b"\x01\x01\x01\x03[1]", b"\x05"])
def test_bad_awareness(body: bytes) -> None:
    with pytest.raises(ProtocolError):
        decode_awareness(body)


def test_awareness_table_owners_clocks_and_sweep() -> None:
    table = AwarenessTable(timeout_s=0.0)
    a, b = object(), object()
    first = encode_awareness([AwarenessEntry(1, 5, {"n": 1})])
    assert table.apply(first, a) == first
    assert table.apply(encode_awareness([AwarenessEntry(1, 9, {"n": 2})]), b) is None
    assert table.apply(encode_awareness([AwarenessEntry(1, 4, {"n": 0})]), a) is None
    assert len(table) == 1
    removal = table.remove_owner(a)
    assert removal is not None
    assert decode_awareness(removal) == [AwarenessEntry(1, 6, None)]
    table.apply(encode_awareness([AwarenessEntry(2, 1, {})]), b)
    swept = table.sweep()
    assert swept is not None
    assert decode_awareness(swept) == [AwarenessEntry(2, 2, None)]
    assert table.snapshot() is None


def test_rate_limiter_bursts_then_limits() -> None:
    limiter = RateLimiter(rate=0.0001, burst=3)
    assert [limiter.allow() for _ in range(5)] == [True, True, True, False, False]


class _Socket:
    def __init__(self) -> None:
        self.sent: list[bytes] = []
        self.closed: int | None = None

    async def send_bytes(self, data: bytes) -> None:
        self.sent.append(data)

    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        self.closed = code


def _lagging(updates: list[bytes]) -> tuple[_Socket, Connection]:
    """A connection with a frame, ``updates`` one by one and another frame queued."""
    socket = _Socket()
    conn = Connection(socket, participant_id=None, can_write=True)
    conn.send_frame(b"\x03")
    for update in updates:
        conn.send_update(update)
    conn.send_frame(b"\x01\x00")
    return socket, conn


async def test_lagging_client_gets_merged_updates_in_order() -> None:
    source: Doc = Doc()
    updates: list[bytes] = []
    source.observe(lambda event: updates.append(event.update))
    source["t"] = t = Text()
    for ch in "hello":
        t.insert(len(t), ch)
    socket, conn = _lagging(updates)
    conn.close(1000)
    await conn.write_loop()
    # close() drops what was queued: a closing client gets only the close frame.
    assert socket.sent == []
    assert socket.closed == 1000

    socket, conn = _lagging(updates)
    frames = [conn._next_frame() for _ in range(3)]
    assert frames[0] == b"\x03"
    assert frames[2] == b"\x01\x00"
    kind, sub, merged = parse_frame(frames[1])
    assert (kind, sub) == (MSG_SYNC, SyncType.UPDATE)
    replica: Doc = Doc()
    replica.apply_update(merged)
    assert str(replica.get("t", type=Text)) == "hello"
