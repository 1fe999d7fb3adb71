"""Serves the built single-page app from our own origin, with SPA fallback to index.html."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from starlette.responses import FileResponse, HTMLResponse, Response

STATIC_DIR = Path(__file__).parent / "static"

router = APIRouter(include_in_schema=False)

_NOT_BUILT = """<!doctype html><title>coderoom</title>
<p>The web app is not built yet.
Run <code>make run</code> (it builds <code>frontend/</code>).</p>"""

_API_PREFIXES = ("api/", "ws/", "docs", "redoc", "openapi.json")


@router.get("/{path:path}")
async def spa(path: str) -> Response:
    if path.startswith(_API_PREFIXES):
        raise HTTPException(status_code=404)
    root = STATIC_DIR.resolve()
    candidate = (root / path).resolve()
    if path and candidate.is_file() and candidate.is_relative_to(root):
        # Vite fingerprints everything under assets/, so it may be cached forever.
        immutable = path.startswith("assets/")
        headers = {
            "Cache-Control": "public, max-age=31536000, immutable" if immutable else "no-cache"
        }
        return FileResponse(candidate, headers=headers)
    if path.startswith("assets/"):
        # A missing fingerprinted file (an old tab asking for a chunk of a previous build)
        # must fail as a 404, not load index.html as JavaScript.
        raise HTTPException(status_code=404)
    index = root / "index.html"
    if index.is_file():
        return FileResponse(index, headers={"Cache-Control": "no-cache"})
    return HTMLResponse(_NOT_BUILT)
