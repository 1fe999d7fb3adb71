"""Application factory: ``create_app(settings)`` builds the FastAPI app and its lifespan.

The lifespan builds every process-wide resource once and hands it to handlers via
lifespan state (``request.state.<name>`` / ``websocket.state.<name>``). Each domain
contributes a *component*: an async context manager that receives the settings and the
state built so far and yields the entries it adds. Components start in list order and
stop in reverse order (staged shutdown).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from typing import Any

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.types import Receive, Scope, Send
from typing_extensions import override

from coderoom import __version__
from coderoom.auth import routes as auth_routes
from coderoom.auth.ratelimit import rate_limiter_component
from coderoom.chat import routes as chat_routes
from coderoom.chat.runtime import events_component
from coderoom.collab import routes as collab_routes
from coderoom.collab.manager import room_manager_component
from coderoom.core.heap import settle_heap
from coderoom.core.tasks import TaskSupervisor
from coderoom.execution import routes as execution_routes
from coderoom.execution.runtime import executor_component
from coderoom.notes import routes as notes_routes
from coderoom.problems import routes as problems_routes
from coderoom.realtime.memory import InMemoryBus
from coderoom.realtime.redis import RedisBus
from coderoom.realtime.websocket import ACCEPT_AT_ONCE
from coderoom.replay import routes as replay_routes
from coderoom.rooms import routes as rooms_routes
from coderoom.settings import Settings, get_settings
from coderoom.storage.db import (
    create_engine,
    create_inline_reads,
    create_inline_writer,
    create_sessionmaker,
)
from coderoom.storage.reads import SessionReads
from coderoom.web import health
from coderoom.web import routes as web_routes
from coderoom.web.errors import ERROR_RESPONSES, install_error_handlers
from coderoom.web.middleware import BodySizeLimitMiddleware, SecurityHeadersMiddleware

log = logging.getLogger(__name__)

State = dict[str, Any]
Component = Callable[[Settings, State], AbstractAsyncContextManager[State]]


@asynccontextmanager
async def _database(settings: Settings, _state: State) -> AsyncIterator[State]:
    if settings.is_sqlite:
        settings.var_dir.mkdir(parents=True, exist_ok=True)
    engine = create_engine(settings.database_url)
    inline_reads = create_inline_reads(settings.database_url)
    inline_writer = create_inline_writer(settings.database_url)
    sessionmaker = create_sessionmaker(engine)
    try:
        yield {
            "engine": engine,
            "sessionmaker": sessionmaker,
            # Hot-path reads (account and room access checks, room loads).
            "reads": SessionReads(sessionmaker) if inline_reads is None else inline_reads,
            # Hot-path inserts (run records); None where sessions are as fast.
            "inline_writer": inline_writer,
        }
    finally:
        if inline_writer is not None:
            inline_writer.close()
        if inline_reads is not None:
            inline_reads.close()
        await engine.dispose()


@asynccontextmanager
async def _supervisor(_settings: Settings, _state: State) -> AsyncIterator[State]:
    supervisor = TaskSupervisor()
    try:
        yield {"supervisor": supervisor}
    finally:
        await supervisor.shutdown()


@asynccontextmanager
async def _bus(settings: Settings, _state: State) -> AsyncIterator[State]:
    if not settings.redis_url:
        yield {"bus": InMemoryBus()}
        return
    async with RedisBus(settings.redis_url) as bus:
        yield {"bus": bus}


def _components() -> list[Component]:
    # Order matters: later components may use what earlier ones put in the state.
    return [
        _database,
        _supervisor,
        _bus,
        events_component,
        rate_limiter_component,
        room_manager_component,
        executor_component,
    ]


def _routers() -> list[Any]:
    return [
        health.router,
        auth_routes.router,
        rooms_routes.router,
        collab_routes.router,
        chat_routes.router,
        execution_routes.router,
        problems_routes.router,
        replay_routes.router,
        notes_routes.router,
    ]


class CoderoomApp(FastAPI):
    """FastAPI with a fast lane: the document socket skips the middleware and router.

    Every edit of a busy room and every connect of a reconnect storm goes through that
    socket; the middleware (body limit, security headers, error pages) has nothing to do
    for it, and its ``send``/``receive`` wrappers, the router's matching and FastAPI's
    dependency resolution cost about a fifth of a connect's CPU.
    """

    @override
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket" and (
            match := collab_routes.DOC_SOCKET_PATH.fullmatch(scope["path"])
        ):
            scope["app"] = self
            await collab_routes.doc_socket(scope, receive, send, room_id=match[1])
            return
        await super().__call__(scope, receive, send)


def create_app(settings: Settings | None = None, *, server_process: bool = False) -> FastAPI:
    """Build the coderoom ASGI app for ``settings`` (default: from the environment).

    ``server_process``: the app owns its process (``coderoom serve``), so it may tune the
    process-wide garbage collector once started (see ``coderoom.core.heap``).
    """
    settings = settings or get_settings()
    settings.resolved_secret_key()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[State]:
        async with AsyncExitStack() as stack:
            # The doc socket accepts every handshake before it authenticates: the server
            # may answer handshakes on its path at once (see coderoom.realtime.websocket).
            state: State = {"settings": settings, ACCEPT_AT_ONCE: collab_routes.DOC_SOCKET_PATH}
            for component in _components():
                state.update(await stack.enter_async_context(component(settings, state)))
            if server_process:
                settle_heap()
            log.info("coderoom %s ready", __version__)
            yield state

    app = CoderoomApp(
        title="coderoom",
        version=__version__,
        description="Write and run code together in real time.",
        lifespan=lifespan,
        responses=ERROR_RESPONSES,
        docs_url="/docs",
        redoc_url=None,
    )
    install_error_handlers(app)
    for router in _routers():
        app.include_router(router)
    app.include_router(web_routes.router)  # last: the SPA fallback catches every other GET
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes)
    if settings.allowed_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.allowed_origins,
            allow_credentials=True,
            allow_methods=["*"],
            allow_headers=["*"],
        )
    app.add_middleware(SecurityHeadersMiddleware, hsts=settings.behind_tls)
    return app


def serve_app() -> FastAPI:
    """The app as ``coderoom serve`` runs it: settings from the environment, own process."""
    return create_app(server_process=True)
