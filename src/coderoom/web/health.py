"""Liveness and readiness probes."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter
from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import JSONResponse

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process is alive")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="The database (and Redis, when configured) answer")
async def readyz(request: Request) -> JSONResponse:
    checks: dict[str, Any] = {}
    ok = True
    try:
        async with asyncio.timeout(3):
            async with request.state.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - readiness reports any failure
        ok = False
        checks["database"] = f"error: {type(exc).__name__}"
    redis = getattr(request.state, "redis", None)
    if redis is not None:
        try:
            async with asyncio.timeout(3):
                await redis.ping()
            checks["redis"] = "ok"
        except Exception as exc:  # noqa: BLE001
            ok = False
            checks["redis"] = f"error: {type(exc).__name__}"
    if ok:
        return JSONResponse({"status": "ok", "checks": checks})
    body = {"error": {"code": "unavailable", "message": "Not ready.", "details": checks}}
    return JSONResponse(body, status_code=503)
