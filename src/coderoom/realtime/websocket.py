"""uvicorn's WebSocket protocol plus a direct writer for binary frames.

A room's fan-out sends one small frame to many sockets. Through ASGI each send is a task
wake-up, a chain of middleware ``send`` wrappers and websockets' framing, about 60 µs a
frame: most of a busy room's CPU and the tail of its latency. ``DirectSendProtocol`` puts
a writer into each connection's scope (``scope["extensions"][EXTENSION]``) that frames a
binary message and hands it to the transport at once. It refuses (returns False) whenever
the ordinary ASGI path must be used instead: before the handshake or after a close, while
the transport is paused for back-pressure, or when a negotiated extension (such as
permessage-deflate) would change the bytes on the wire. Callers keep their own order: once
a frame went the ASGI way, later frames of that socket must follow it there.

The receiving side has the same shortcut (``scope["extensions"][RECEIVE_EXTENSION]``):
an app may hand the protocol a callback that gets each binary message synchronously, as
it is parsed, instead of an ASGI ``websocket.receive`` event. Through ASGI every message
was a queue put, a task wake-up and a pause/resume of the socket's reading (two
``epoll_ctl`` calls); the callback costs a function call. Text frames, the close and the
disconnect still arrive through ASGI ``receive``, so the app keeps one loop that notices
the end of the connection.

Endpoints that accept every handshake and only then authenticate, over the open socket
(so a browser sees a close code such as 4401 rather than a failed handshake), may have the
handshake answered as soon as it is parsed: the app names their paths in its lifespan state
under ``ACCEPT_AT_ONCE`` (a compiled pattern, matched against the whole path), and the app's
own ``websocket.accept`` then changes nothing. Through ASGI the 101 waited for the app's
task, behind every other connection's work: in a storm of connects a client's handshake
finished only after the server had handled the storm (Node servers answer it at once), and
the client could not send its sync request in the meantime.

Served by ``coderoom serve`` (``ws=PROTOCOL``); other servers simply lack the extensions.
"""

from __future__ import annotations

import asyncio
import logging
import re
import struct
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import unquote

from typing_extensions import override
from uvicorn._types import ASGISendEvent
from uvicorn.protocols.utils import ClientDisconnected, get_client_addr, get_path_with_query_string
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.http11 import Request
from websockets.protocol import State

from coderoom.logging import CONNECTIONS_LOGGER
from coderoom.realtime.handshake import PlainUpgrade, plain_upgrade

EXTENSION = "coderoom.direct_send"
RECEIVE_EXTENSION = "coderoom.direct_receive"
ACCEPT_AT_ONCE = "coderoom.accept_at_once"  # lifespan state key: re.Pattern[str] of paths
PROTOCOL = f"{__name__}:DirectSendProtocol"
_FIN_BINARY = 0x82

DirectSend = Callable[[bytes], bool]
Receiver = Callable[[bytes], None]
# Installs (or, with None, removes) the receiver; False while ASGI events are waiting,
# which must be read first to keep the order (try again after the next ``receive``).
DirectReceive = Callable[[Receiver | None], bool]


def binary_frame(data: bytes) -> bytes:
    """A final, unmasked binary frame (what a server sends) carrying ``data``."""
    size = len(data)
    if size < 126:
        header = struct.pack("!BB", _FIN_BINARY, size)
    elif size < 1 << 16:
        header = struct.pack("!BBH", _FIN_BINARY, 126, size)
    else:
        header = struct.pack("!BBQ", _FIN_BINARY, 127, size)
    return header + data


def direct_send(scope: Mapping[str, Any]) -> DirectSend | None:
    """The connection's direct writer, if the server offers one."""
    extensions = scope.get("extensions") or {}
    writer = extensions.get(EXTENSION)
    return writer if callable(writer) else None


def direct_receive(scope: Mapping[str, Any]) -> DirectReceive | None:
    """The connection's receiver installer, if the server offers one."""
    extensions = scope.get("extensions") or {}
    install = extensions.get(RECEIVE_EXTENSION)
    return install if callable(install) else None


class DirectSendProtocol(WebSocketsSansIOProtocol):
    """uvicorn's websockets-sansio protocol, offering ``direct_send`` to the app.

    Its per-connection lines ("[accepted]", "connection open/closed"), uvicorn's and the
    websockets handshake's, go to ``CONNECTIONS_LOGGER``, which ``coderoom.logging`` keeps
    at WARNING unless debugging: at INFO, formatting them was a measurable share of a
    reconnect storm.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.logger = logging.getLogger(CONNECTIONS_LOGGER)
        # The sans-I/O connection logs "connection open" itself, to uvicorn's logger.
        self.conn.logger = self.logger
        self.conn.debug = self.logger.isEnabledFor(logging.DEBUG)
        self._receiver: Receiver | None = None
        self._accepted_early = False  # the app's ``websocket.accept`` is still to come
        self._plain: PlainUpgrade | None = None  # the request, if ``plain_upgrade`` read it

    @override
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvicorn calls this while the HTTP protocol that parsed the upgrade is still the
        # transport's protocol. It and its parser refer to each other (the parser calls
        # back into it), so once replaced it would wait for the cyclic collector: drop
        # the parser, and reference counting frees both as soon as uvicorn lets go.
        upgraded = transport.get_protocol()
        super().connection_made(transport)
        if upgraded is not self and hasattr(upgraded, "parser"):
            upgraded.parser = None

    @override
    def connection_lost(self, exc: Exception | None) -> None:
        super().connection_lost(exc)
        # The scope holds this protocol's bound methods: a cycle through every object of
        # the connection. Break it, so a closed connection is freed at once rather than
        # promoted, with ~50 objects, into the generation that full collections walk.
        if (scope := getattr(self, "scope", None)) is not None:
            scope["extensions"].pop(EXTENSION, None)
            scope["extensions"].pop(RECEIVE_EXTENSION, None)

    @override
    def data_received(self, data: bytes) -> None:
        # The first call carries the upgrade request uvicorn parsed (see handshake.py).
        if self.handshake_initiated or not self._plain_handshake(data):
            super().data_received(data)

    def _plain_handshake(self, request: bytes) -> bool:
        """Start the app for a plain upgrade, as ``handle_connect`` does for the others."""
        upgrade = plain_upgrade(request)
        if upgrade is None or (upgrade.offers_extensions and self.conn.available_extensions):
            return False  # websockets negotiates, or refuses
        self._plain = upgrade
        self.handshake_initiated = True
        raw_path, _, query = upgrade.target.partition(b"?")
        self.scope = {
            "type": "websocket",
            "asgi": {"version": self.asgi_version, "spec_version": "2.4"},
            "http_version": "1.1",
            "scheme": self.scheme,
            "server": self.server,
            "client": self.client,
            "root_path": self.root_path,
            "path": self.root_path + unquote(raw_path.decode("ascii")),
            "raw_path": self.root_path.encode("ascii") + raw_path,
            "query_string": query,
            "headers": upgrade.headers,
            "subprotocols": [],
            "state": self.app_state.copy(),
            "extensions": {"websocket.http.response": {}},
        }
        self._scope_ready()
        self.queue.put_nowait({"type": "websocket.connect"})
        task = self.loop.create_task(self.run_asgi())
        task.add_done_callback(self.on_task_complete)
        self.tasks.add(task)
        return True

    @override
    def handle_connect(self, event: Request) -> None:
        """Accept as uvicorn does (websockets' path), then complete the app's scope."""
        super().handle_connect(event)
        if getattr(self, "scope", None) is not None:  # else the handshake was refused
            self._scope_ready()

    def _scope_ready(self) -> None:
        # Add the direct writer and receiver; on a path the app accepts at once, accept.
        extensions: dict[str, Any] = self.scope["extensions"]
        extensions[EXTENSION] = self._send_direct
        extensions[RECEIVE_EXTENSION] = self._install_receiver
        pattern: re.Pattern[str] | None = self.app_state.get(ACCEPT_AT_ONCE)
        if pattern is not None and pattern.fullmatch(self.scope["path"]):
            self._accepted_early = True
            self._answer_handshake(self.default_headers)

    def _answer_handshake(self, headers: list[tuple[bytes, bytes]]) -> None:
        """Send the 101 with ``headers`` added, as uvicorn does for ``websocket.accept``."""
        if self.transport.is_closing():
            return
        self.handshake_complete = True
        if self._plain is not None:
            self.transport.write(self._plain.response(headers))
            self._plain = None
            self.conn.state = State.OPEN
            self.conn.parser = self.conn.parse()  # now that it is open: frames
            next(self.conn.parser)
        else:
            del self.response.headers["Date"]
            self.response.headers.update(
                (name.decode("latin-1").lower(), value.decode("latin-1")) for name, value in headers
            )
            self.conn.send_response(self.response)
            self.transport.write(b"".join(self.conn.data_to_send()))
            # uvicorn keeps the handshake's request and response (two header sets, about
            # thirty objects) for the connection's life, though it reads them only until
            # the response is sent; every full collection walked them for every connection.
            del self.request, self.response
        self.start_keepalive()

    @override
    async def send(self, message: ASGISendEvent) -> None:
        if message["type"] != "websocket.accept":
            await super().send(message)
        elif self._accepted_early:
            if message.get("headers") or message.get("subprotocol"):
                raise RuntimeError("this path is accepted at once: no headers or subprotocol")
            self._accepted_early = False  # a second accept is the app's error, as usual
        elif self.handshake_complete or self.initial_response is not None:
            await super().send(message)  # uvicorn's error for an accept out of place
        else:
            await self.writable.wait()
            if self.disconnected:
                raise ClientDisconnected
            if self.logger.isEnabledFor(logging.INFO):
                where = get_client_addr(self.scope), get_path_with_query_string(self.scope)
                self.logger.info('%s - "WebSocket %s" [accepted]', *where)
            headers = self.default_headers + list(message.get("headers", []))
            if subprotocol := message.get("subprotocol"):
                headers.append((b"sec-websocket-protocol", subprotocol.encode()))
            self._answer_handshake(headers)

    def _install_receiver(self, receiver: Receiver | None) -> bool:
        if receiver is not None and not self.queue.empty():
            return False
        self._receiver = receiver
        return True

    @override
    def send_receive_event_to_app(self) -> None:
        receiver = self._receiver
        if (
            receiver is None
            or self.curr_msg_data_type != "bytes"
            or self.close_sent
            or not self.queue.empty()  # an event the app has not read yet comes first
        ):
            super().send_receive_event_to_app()
            return
        data = self.frames[0] if len(self.frames) == 1 else b"".join(self.frames)
        self.frames = []
        try:
            receiver(bytes(data))
        except Exception:
            # The receiver handles its own errors; anything else is a bug: drop the
            # connection (the app's receive loop then sees the disconnect).
            self.logger.exception("direct receiver failed")
            self._receiver = None
            self.transport.close()

    def _send_direct(self, data: bytes) -> bool:
        if (
            not self.handshake_complete
            or self.close_sent
            or self.disconnected
            or self.conn.state is not State.OPEN
            or self.conn.extensions
            or not self.writable.is_set()
            or self.transport.is_closing()
        ):
            return False
        self.transport.write(binary_frame(data))
        return True
