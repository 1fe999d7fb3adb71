from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.anyio


async def test_healthz(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


async def test_readyz_checks_database(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"


async def test_unknown_api_route_uses_error_contract(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/nope")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


async def test_oversized_body_is_413(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/anything", content=b"x" * (3 * 1024 * 1024))
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"


async def test_spa_fallback_serves_html(client: httpx.AsyncClient) -> None:
    response = await client.get("/rooms/some-room")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
