"""A pycrdt client over a real WebSocket: pycrdt's own Provider on a websockets channel."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import Any

import anyio
from pycrdt import Doc, Map, Provider, Text
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed


class WsChannel:
    """pycrdt ``Channel`` over a ``websockets`` client connection."""

    def __init__(self, ws: ClientConnection, path: str) -> None:
        self._ws = ws
        self._path = path

    @property
    def path(self) -> str:
        return self._path

    def __aiter__(self) -> WsChannel:
        return self

    async def __anext__(self) -> bytes:
        try:
            return await self.recv()
        except ConnectionClosed:
            raise StopAsyncIteration from None

    async def send(self, message: bytes) -> None:
        with suppress(ConnectionClosed):
            await self._ws.send(message)

    async def recv(self) -> bytes:
        message = await self._ws.recv()
        assert isinstance(message, bytes)
        return message


@asynccontextmanager
async def pycrdt_client(
    url: str, doc: Doc[Any] | None = None
) -> AsyncIterator[tuple[Doc[Any], ClientConnection]]:
    """Connect ``doc`` (a fresh one by default) to ``url`` and wait for the initial sync."""
    doc = doc if doc is not None else Doc()
    async with (
        connect(url, max_size=None, compression=None) as ws,
        Provider(doc, WsChannel(ws, url)) as provider,
    ):
        with anyio.fail_after(10):
            await provider.synced.wait()
        yield doc, ws


def files(doc: Doc[Any]) -> Map[Any]:
    """The doc's ``files`` map."""
    return doc.get("files", type=Map)


def text(doc: Doc[Any], path: str = "main.py") -> Text:
    """The Y.Text of ``path`` (it must exist)."""
    value = files(doc).get(path)
    assert isinstance(value, Text), f"{path} missing: {dict(files(doc))}"
    return value


async def wait_for(predicate: Any, timeout: float = 10.0, interval: float = 0.02) -> None:
    """Poll ``predicate`` until it is true (convergence happens over the network)."""
    with anyio.fail_after(timeout):
        while not predicate():
            await anyio.sleep(interval)


async def close_code(url: str) -> int:
    """Connect and return the close code the server answers with."""
    async with connect(url) as ws:
        return await closed_within(ws, 10)


async def closed_within(ws: ClientConnection, seconds: float = 3.0) -> int:
    """Read until the server closes ``ws``; return its close code."""
    with anyio.fail_after(seconds):
        try:
            while True:
                await ws.recv()
        except ConnectionClosed as exc:
            return exc.rcvd.code if exc.rcvd is not None else -1
