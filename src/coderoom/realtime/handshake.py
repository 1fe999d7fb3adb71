"""The plain WebSocket upgrade, read and answered without websockets' request parser.

uvicorn parses an upgrade request with httptools, rebuilds it as bytes and hands them to
the WebSocket protocol, which parses them again in Python (a generator step per line, a
``Headers`` object) and builds its 101 response the same way: in a storm of connects that
was about a tenth of the server's CPU. ``plain_upgrade`` reads the rebuilt request with a
few splits and accepts only the plain case, which is what browsers and y-websocket send:
GET over HTTP/1.1, one well-formed key, version 13, no subprotocol. For anything else it
returns None and the request goes the websockets way, which also refuses what is invalid.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455, section 1.3
_MAX_HEADERS = 128  # websockets' own limit
_KEY_BYTES = 16


@dataclass(frozen=True, slots=True)
class PlainUpgrade:
    """A plain upgrade request.

    Attributes:
        target: the request target (path and query string), ASCII.
        headers: the header fields, names lower-cased, as ASGI wants them.
        offers_extensions: whether the client offered extensions (such as
            permessage-deflate), which a server with none configured simply ignores.
        accept: the ``Sec-WebSocket-Accept`` value for the client's key.
    """

    target: bytes
    headers: list[tuple[bytes, bytes]]
    offers_extensions: bool
    accept: bytes

    def response(self, headers: Iterable[tuple[bytes, bytes]]) -> bytes:
        """The 101 response, with ``headers`` (the server's, the app's) added."""
        parts = [
            b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            b"Sec-WebSocket-Accept: ",
            self.accept,
            b"\r\n",
        ]
        for name, value in headers:
            parts += (name, b": ", value, b"\r\n")
        parts.append(b"\r\n")
        return b"".join(parts)


def plain_upgrade(request: bytes) -> PlainUpgrade | None:
    """``request`` (a whole upgrade request, nothing after it) if it is a plain one."""
    head, end, rest = request.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    request_line = lines[0].split(b" ")
    if (
        rest
        or not end
        or len(lines) - 1 > _MAX_HEADERS
        or len(request_line) != 3
        or request_line[0] != b"GET"
        or request_line[2] != b"HTTP/1.1"
        or not request_line[1].isascii()
    ):
        return None
    headers: list[tuple[bytes, bytes]] = []
    seen: dict[bytes, bytes] = {}
    for line in lines[1:]:
        name, colon, value = line.partition(b":")
        if not colon:
            return None
        name, value = name.strip().lower(), value.strip(b" \t")
        if name in seen and name.startswith(b"sec-websocket-"):
            return None  # a repeated key or version is refused by websockets
        seen[name] = value
        headers.append((name, value))
    if (
        b"sec-websocket-protocol" in seen
        or seen.get(b"sec-websocket-version") != b"13"
        or seen.get(b"upgrade", b"").lower() != b"websocket"
        or b"upgrade" not in (t.strip().lower() for t in seen.get(b"connection", b"").split(b","))
    ):
        return None
    key = seen.get(b"sec-websocket-key", b"")
    try:
        if len(base64.b64decode(key, validate=True)) != _KEY_BYTES:
            return None
    except binascii.Error:
        return None
    accept = base64.b64encode(hashlib.sha1(key + _GUID).digest())  # noqa: S324 - the RFC's
    return PlainUpgrade(
        target=request_line[1],
        headers=headers,
        offers_extensions=b"sec-websocket-extensions" in seen,
        accept=accept,
    )
