from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.anyio


async def test_missing_asset_is_a_404_not_the_app(client: httpx.AsyncClient) -> None:
    response = await client.get("/assets/index-doesnotexist.js")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    "path",
    [
        "/..%2f..%2fsettings.py",
        "/assets/..%2f..%2f..%2fsettings.py",
        "/%2e%2e/%2e%2e/app.py",
        "/static/../../app.py",
    ],
)
async def test_no_file_outside_the_static_dir(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(path)
    assert b"create_app" not in response.content
    assert b"BaseSettings" not in response.content
    assert response.status_code in {200, 404}


async def test_unknown_page_gets_the_app_with_csp(client: httpx.AsyncClient) -> None:
    response = await client.get("/join/some-code")
    assert response.status_code == 200
    assert response.headers.get("cache-control") == "no-cache" or "not built" in response.text
    csp = response.headers["content-security-policy"]
    assert "script-src 'self';" in csp
    assert "worker-src 'self' blob:" in csp
