"""Command line: ``coderoom serve | migrate | seed | worker``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from coderoom import __version__


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from coderoom.logging import configure_logging
    from coderoom.realtime.websocket import PROTOCOL as WEBSOCKET_PROTOCOL
    from coderoom.settings import get_settings

    settings = get_settings()
    configure_logging(settings.log_level)
    if args.migrate:
        _migrate(args)
    uvicorn.run(
        "coderoom.app:serve_app",
        factory=True,
        host=args.host or settings.host,
        port=args.port or settings.port,
        workers=args.workers or settings.workers,
        # permessage-deflate costs more CPU than it saves on small Yjs messages.
        ws_per_message_deflate=False,
        ws=WEBSOCKET_PROTOCOL,
        proxy_headers=True,
        log_config=None,
        timeout_graceful_shutdown=10,
    )
    return 0


def _migrate(_args: argparse.Namespace) -> int:
    from coderoom.migrations import upgrade_blocking
    from coderoom.settings import get_settings

    settings = get_settings()
    if settings.is_sqlite:
        settings.var_dir.mkdir(parents=True, exist_ok=True)
    upgrade_blocking(settings.database_url)
    return 0


def _seed(_args: argparse.Namespace) -> int:
    import asyncio

    from coderoom.problems.seed import seed_library
    from coderoom.settings import get_settings

    count = asyncio.run(seed_library(get_settings()))
    sys.stdout.write(f"seeded {count} problems\n")
    return 0


def _worker(_args: argparse.Namespace) -> int:
    from coderoom.execution.worker import run_worker_blocking
    from coderoom.settings import get_settings

    run_worker_blocking(get_settings())
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The ``coderoom`` argument parser."""
    parser = argparse.ArgumentParser(prog="coderoom", description="Write and run code together.")
    parser.add_argument("--version", action="version", version=f"coderoom {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the web app and API")
    serve.add_argument("--host", default=None, help="bind address (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=None, help="port (default 8000)")
    serve.add_argument("--workers", type=int, default=None, help="worker processes (default 1)")
    serve.add_argument("--migrate", action="store_true", help="apply migrations before serving")
    serve.set_defaults(func=_serve)

    migrate = sub.add_parser("migrate", help="apply database migrations")
    migrate.set_defaults(func=_migrate)

    seed = sub.add_parser("seed", help="load the built-in problem library")
    seed.set_defaults(func=_seed)

    worker = sub.add_parser("worker", help="run code-execution jobs from Redis")
    worker.set_defaults(func=_worker)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``coderoom`` command."""
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
