"""DirectSendProtocol: frames written straight to the transport, under a real uvicorn."""

from __future__ import annotations

import gc
import re
from typing import Any

import anyio
import pytest
import websockets
from websockets.frames import Frame, Opcode

from asgi_server import Scope, serve_websocket
from coderoom.realtime.websocket import (
    ACCEPT_AT_ONCE,
    PROTOCOL,
    DirectSendProtocol,
    binary_frame,
    direct_receive,
    direct_send,
)

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize("size", [0, 1, 125, 126, 127, 65535, 65536, 70_000])
def test_binary_frame_is_what_websockets_would_send(size: int) -> None:
    data = bytes(range(256)) * (size // 256) + bytes(size % 256)
    assert binary_frame(data) == Frame(Opcode.BINARY, data).serialize(mask=False, extensions=[])


async def _accept(receive: Any, send: Any, **accept: Any) -> None:
    """Take the connect event and accept (``accept``: extra fields of the message)."""
    assert (await receive())["type"] == "websocket.connect"
    await send({"type": "websocket.accept", **accept})


async def test_direct_frames_keep_their_place_among_asgi_sends() -> None:
    results: list[bool] = []

    async def handler(scope: Scope, receive: Any, send: Any) -> None:
        await _accept(receive, send)
        write = direct_send(scope)
        assert write is not None
        await send({"type": "websocket.send", "bytes": b"0"})
        results.append(write(b"1"))
        await send({"type": "websocket.send", "bytes": b"2"})
        results.append(write(b"3" * 70_000))
        await send({"type": "websocket.close", "code": 1000})
        results.append(write(b"after close"))
        await receive()

    async with (
        serve_websocket(handler, ws=PROTOCOL, ws_per_message_deflate=False) as url,
        websockets.connect(url, max_size=None) as ws,
    ):
        received = [await ws.recv() for _ in range(4)]
        with pytest.raises(websockets.ConnectionClosedOK):
            await ws.recv()
    assert received == [b"0", b"1", b"2", b"3" * 70_000]
    assert results == [True, True, False]


async def test_refused_when_an_extension_changes_the_bytes() -> None:
    results: list[bool] = []

    async def handler(scope: Scope, receive: Any, send: Any) -> None:
        await _accept(receive, send)
        write = direct_send(scope)
        assert write is not None
        results.append(write(b"x" * 100))
        await send({"type": "websocket.send", "bytes": b"through asgi"})
        await receive()

    async with (
        serve_websocket(handler, ws=PROTOCOL, ws_per_message_deflate=True) as url,
        websockets.connect(url, compression="deflate") as ws,
    ):
        assert await ws.recv() == b"through asgi"
    assert results == [False]


async def test_other_protocols_offer_no_writer() -> None:
    offered: list[object] = []

    async def handler(scope: Scope, receive: Any, send: Any) -> None:
        await _accept(receive, send)
        offered.append(direct_send(scope))
        await send({"type": "websocket.close", "code": 1000})

    async with (
        serve_websocket(handler, ws="websockets-sansio") as url,
        websockets.connect(url) as ws,
    ):
        with pytest.raises(websockets.ConnectionClosedOK):
            await ws.recv()
    assert offered == [None]


async def test_direct_receive_keeps_the_order_and_leaves_the_end_to_asgi() -> None:
    got: list[tuple[str, bytes]] = []
    installs: list[bool] = []
    ended: list[Any] = []

    async def handler(scope: Scope, receive: Any, send: Any) -> None:
        await _accept(receive, send)
        install = direct_receive(scope)
        assert install is not None
        await send({"type": "websocket.send", "bytes": b"ready"})
        while True:
            installs.append(install(lambda data: got.append(("direct", data))))
            message = await receive()
            if message["type"] == "websocket.disconnect":
                ended.append(message["code"])
                return
            got.append(("asgi", message.get("bytes") or message["text"].encode()))
            if message.get("text") == "done":
                await send({"type": "websocket.send", "bytes": b"ok"})

    async with (
        serve_websocket(handler, ws=PROTOCOL, ws_per_message_deflate=False) as url,
        websockets.connect(url) as ws,
    ):
        for i in range(3):  # queued before the handler installs anything
            await ws.send(b"q%d" % i)
        assert await ws.recv() == b"ready"
        for i in range(50):
            await ws.send(b"d%d" % i)
        await ws.send("done")
        assert await ws.recv() == b"ok"
    with anyio.fail_after(5):
        while not ended:
            await anyio.sleep(0.01)
    # Whether the first three were queued before the receiver was installed depends on
    # timing; the order may not.
    assert [data for _, data in got] == [
        b"q0",
        b"q1",
        b"q2",
        *[b"d%d" % i for i in range(50)],
        b"done",
    ]
    assert ("direct", b"d49") in got
    assert ("asgi", b"done") in got  # text frames still go through ASGI
    assert True in installs


async def test_a_failing_receiver_drops_the_connection() -> None:
    ended: list[str] = []

    async def handler(scope: Scope, receive: Any, send: Any) -> None:
        await _accept(receive, send)
        install = direct_receive(scope)
        assert install is not None

        def explode(_data: bytes) -> None:
            raise RuntimeError("bug")

        assert install(explode)
        await send({"type": "websocket.send", "bytes": b"ready"})
        ended.append((await receive())["type"])

    async with (
        serve_websocket(handler, ws=PROTOCOL, ws_per_message_deflate=False) as url,
        websockets.connect(url) as ws,
    ):
        assert await ws.recv() == b"ready"
        await ws.send(b"boom")
        with pytest.raises(websockets.ConnectionClosed):
            await ws.recv()
    assert ended == ["websocket.disconnect"]


def _opens(scopes: list[Scope] | None = None, **accept: Any) -> Any:
    """A handler that accepts (``accept``: extra fields of the message), sends b"open", waits.

    ``scopes`` collects the scope of each connection.
    """

    async def handler(scope: Scope, receive: Any, send: Any) -> None:
        if scopes is not None:
            scopes.append(scope)
        await _accept(receive, send, **accept)
        await send({"type": "websocket.send", "bytes": b"open"})
        await receive()

    return handler


async def test_the_handshake_is_not_kept_for_the_connections_life() -> None:
    # Every full collection walks what each open connection keeps alive.
    async with (
        serve_websocket(_opens(), ws=PROTOCOL, ws_per_message_deflate=False) as url,
        websockets.connect(url) as ws,
    ):
        assert await ws.recv() == b"open"
        gc.collect()  # earlier tests' closed connections
        protocols = [o for o in gc.get_objects() if isinstance(o, DirectSendProtocol)]
        assert len(protocols) == 1
        assert protocols[0].handshake_complete
        assert not hasattr(protocols[0], "request")
        assert not hasattr(protocols[0], "response")


async def test_a_path_accepted_at_once_opens_before_the_app_accepts() -> None:
    app_may_accept = anyio.Event()
    got: list[Any] = []

    async def handler(scope: Scope, receive: Any, send: Any) -> None:
        assert (await receive())["type"] == "websocket.connect"
        await app_may_accept.wait()
        await send({"type": "websocket.accept"})  # changes nothing now
        got.append(await receive())
        write = direct_send(scope)
        assert write is not None
        assert write(b"direct")
        await receive()

    state = {ACCEPT_AT_ONCE: re.compile(r"/rooms/[^/]+/doc")}
    async with serve_websocket(
        handler, state=state, ws=PROTOCOL, ws_per_message_deflate=False
    ) as url:
        with anyio.fail_after(5):
            async with websockets.connect(f"{url}rooms/r1/doc") as ws:
                await ws.send(b"sent before the app accepted")
                app_may_accept.set()
                assert await ws.recv() == b"direct"
    assert got == [{"type": "websocket.receive", "bytes": b"sent before the app accepted"}]


async def test_other_paths_still_wait_for_the_app_which_may_refuse() -> None:
    async def handler(_scope: Scope, receive: Any, send: Any) -> None:
        assert (await receive())["type"] == "websocket.connect"
        await send({"type": "websocket.close", "code": 1000})

    state = {ACCEPT_AT_ONCE: re.compile(r"/rooms/[^/]+/doc")}
    async with serve_websocket(
        handler, state=state, ws=PROTOCOL, ws_per_message_deflate=False
    ) as url:
        for path in ("rooms/r1/events", "rooms/r1/doc/more"):
            with pytest.raises(websockets.InvalidStatus, match="403"):
                await websockets.connect(url + path)


async def test_an_app_cannot_add_headers_to_a_handshake_already_sent() -> None:
    errors: list[str] = []

    async def handler(_scope: Scope, receive: Any, send: Any) -> None:
        assert (await receive())["type"] == "websocket.connect"
        try:
            await send({"type": "websocket.accept", "headers": [(b"x-late", b"1")]})
        except RuntimeError as exc:
            errors.append(str(exc))
        await send({"type": "websocket.close", "code": 1000})

    state = {ACCEPT_AT_ONCE: re.compile(r"/doc")}
    async with (
        serve_websocket(handler, state=state, ws=PROTOCOL, ws_per_message_deflate=False) as url,
        websockets.connect(url + "doc") as ws,
    ):
        with pytest.raises(websockets.ConnectionClosedOK):
            await ws.recv()
    assert errors == ["this path is accepted at once: no headers or subprotocol"]


async def test_a_plain_upgrade_carries_the_apps_accept_headers() -> None:
    handler = _opens(headers=[(b"x-app", b"1")])
    async with (
        serve_websocket(handler, ws=PROTOCOL, ws_per_message_deflate=False) as url,
        websockets.connect(url) as ws,
    ):
        assert await ws.recv() == b"open"
        assert ws.response is not None
        assert ws.response.headers["x-app"] == "1"
        assert ws.response.headers["server"] == "uvicorn"


async def test_an_offered_subprotocol_takes_the_websockets_path() -> None:
    scopes: list[Scope] = []
    handler = _opens(scopes, subprotocol="yjs")
    async with (
        serve_websocket(handler, ws=PROTOCOL, ws_per_message_deflate=False) as url,
        websockets.connect(url, subprotocols=[websockets.Subprotocol("yjs")]) as ws,
    ):
        assert await ws.recv() == b"open"
        assert ws.subprotocol == "yjs"
    assert [scope["subprotocols"] for scope in scopes] == [["yjs"]]


async def test_an_invalid_upgrade_is_refused_as_before() -> None:
    async def handler(_scope: Scope, _receive: Any, _send: Any) -> None:
        raise AssertionError("the app must not see an invalid handshake")

    async with serve_websocket(handler, ws=PROTOCOL, ws_per_message_deflate=False) as url:
        port = int(url.rsplit(":", 1)[1].strip("/"))
        stream = await anyio.connect_tcp("127.0.0.1", port)
        async with stream:
            await stream.send(
                b"GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                b"Sec-WebSocket-Key: c2hvcnQ=\r\nSec-WebSocket-Version: 13\r\n\r\n"
            )
            with anyio.fail_after(5):
                response = await stream.receive()
    assert response.startswith(b"HTTP/1.1 400 ")
