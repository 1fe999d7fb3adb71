"""A bare ASGI WebSocket handler served by a real uvicorn on a free port (for protocol tests)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import anyio
import uvicorn

Scope = dict[str, Any]
Handler = Callable[[Scope, Any, Any], Awaitable[None]]


@asynccontextmanager
async def serve_websocket(
    handler: Handler, *, state: dict[str, Any] | None = None, **config: Any
) -> AsyncIterator[str]:
    """Serve ``handler`` for WebSocket connections; yields the ``ws://`` URL.

    ``state``: what the app's lifespan puts in its state (the server reads it too).
    """

    async def app(scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "websocket":
            await handler(scope, receive, send)
        elif scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                scope["state"].update(state or {})
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})

    lifespan = "off" if state is None else "on"
    server = uvicorn.Server(
        uvicorn.Config(
            app, host="127.0.0.1", port=0, lifespan=lifespan, log_level="warning", **config
        )
    )
    async with anyio.create_task_group() as tg:
        tg.start_soon(server.serve)
        with anyio.fail_after(10):
            while not server.started:
                await anyio.sleep(0.01)
        port = server.servers[0].sockets[0].getsockname()[1]
        try:
            yield f"ws://127.0.0.1:{port}/"
        finally:
            server.should_exit = True
