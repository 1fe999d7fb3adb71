"""plain_upgrade: the common upgrade request read without websockets' parser."""

from __future__ import annotations

import pytest
from websockets.utils import accept_key, generate_key

from coderoom.realtime.handshake import plain_upgrade

KEY = generate_key()


def _request(*headers: str, line: str = "GET /ws/rooms/r1/doc?token=t HTTP/1.1") -> bytes:
    """A request as uvicorn hands it over: names lower-cased, ``name: value`` lines."""
    fields = headers or (
        "host: 127.0.0.1:8000",
        "connection: Upgrade",
        "upgrade: websocket",
        f"sec-websocket-key: {KEY}",
        "sec-websocket-version: 13",
    )
    return (line + "\r\n" + "".join(f"{f}\r\n" for f in fields) + "\r\n").encode()


def test_a_browser_upgrade_is_read_with_the_rfc_accept_value() -> None:
    upgrade = plain_upgrade(
        _request(
            "host: example.com",
            "connection: keep-alive, Upgrade",
            "upgrade: WebSocket",
            "origin: https://example.com",
            f"sec-websocket-key: {KEY}",
            "sec-websocket-version: 13",
            "sec-websocket-extensions: permessage-deflate; client_max_window_bits",
        )
    )
    assert upgrade is not None
    assert upgrade.target == b"/ws/rooms/r1/doc?token=t"
    assert upgrade.accept == accept_key(KEY).encode()
    assert upgrade.offers_extensions
    assert (b"origin", b"https://example.com") in upgrade.headers


def test_the_response_switches_protocols_with_the_given_headers() -> None:
    upgrade = plain_upgrade(_request())
    assert upgrade is not None
    assert not upgrade.offers_extensions
    response = upgrade.response([(b"server", b"uvicorn"), (b"x-app", b"1")])
    assert response == (
        b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        b"Sec-WebSocket-Accept: " + accept_key(KEY).encode() + b"\r\n"
        b"server: uvicorn\r\nx-app: 1\r\n\r\n"
    )


BASE = (
    "connection: Upgrade",
    "upgrade: websocket",
    f"sec-websocket-key: {KEY}",
    "sec-websocket-version: 13",
)


@pytest.mark.parametrize(
    "request_bytes",
    [
        _request(line="POST /ws HTTP/1.1"),
        _request(line="GET /ws HTTP/1.0"),
        _request(line="GET /wś HTTP/1.1"),
        _request(line="GET /a b HTTP/1.1"),
        _request() + b"\x81\x00",  # something after the request
        _request()[:-2],  # not the whole request
        _request(*BASE, "sec-websocket-protocol: yjs"),
        _request(*BASE, f"sec-websocket-key: {KEY}"),
        _request(*BASE[:3], "sec-websocket-version: 8"),
        _request(*BASE[:2], "sec-websocket-version: 13"),  # no key
        _request(*BASE[:2], "sec-websocket-key: c2hvcnQ=", "sec-websocket-version: 13"),
        _request(*BASE[:2], "sec-websocket-key: !!!!", "sec-websocket-version: 13"),
        _request("connection: keep-alive", *BASE[1:]),
        _request(BASE[0], "upgrade: h2c", *BASE[2:]),
        _request(*BASE, "a header without a colon"),
        _request(*BASE, *(f"x-{i}: {i}" for i in range(125))),
    ],
    ids=[
        "post",
        "http-1.0",
        "non-ascii-target",
        "space-in-target",
        "trailing-bytes",
        "truncated",
        "subprotocol",
        "repeated-key",
        "version-8",
        "no-key",
        "short-key",
        "bad-key",
        "no-connection-upgrade",
        "other-upgrade",
        "malformed-header",
        "too-many-headers",
    ],
)
def test_anything_else_is_left_to_websockets(request_bytes: bytes) -> None:
    assert plain_upgrade(request_bytes) is None
