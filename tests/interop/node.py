"""Drive one ``client.mjs`` (a stock y-websocket WebsocketProvider) from a test."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
from anyio.abc import Process
from anyio.streams.text import TextReceiveStream


class NodeClient:
    """A y-websocket client in a Node subprocess, one JSON command at a time."""

    def __init__(self, process: Process) -> None:
        self._process = process
        assert process.stdout is not None
        self._lines = _lines(TextReceiveStream(process.stdout))

    async def call(self, cmd: str, timeout: float = 20, **args: Any) -> dict[str, Any]:
        assert self._process.stdin is not None
        await self._process.stdin.send((json.dumps({"cmd": cmd, **args}) + "\n").encode())
        with anyio.fail_after(timeout):
            answer: dict[str, Any] = json.loads(await anext(self._lines))
        assert answer.pop("ok"), answer
        return answer


async def _lines(stream: TextReceiveStream) -> AsyncIterator[str]:
    buffer = ""
    async for chunk in stream:
        buffer += chunk
        while "\n" in buffer:
            line, buffer = buffer.split("\n", 1)
            yield line


@asynccontextmanager
async def node_client(
    packages: Path, ws_base: str, room_id: str, token: str, name: str
) -> AsyncIterator[NodeClient]:
    """Start ``client.mjs`` against the server and wait until it synced."""
    command = ["node", str(packages / "client.mjs"), f"{ws_base}/ws/rooms", room_id, token, name]
    async with await anyio.open_process(command, cwd=packages) as process:
        client = NodeClient(process)
        try:
            await client.call("synced")
            yield client
        finally:
            process.terminate()
