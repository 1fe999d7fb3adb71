"""Create rooms on a running coderoom through its public API and write a loadgen rooms file.

Each room gets its host (one account for all rooms), an admitted guest candidate and a
guest observer; the file lists ``[host, candidate, observer]`` tokens per room, so the
load generator's clients 0 and 1 (the writers) can edit and client 2 only watches.

    python make_rooms.py --base http://127.0.0.1:18500 --rooms 100 --out rooms.json
"""

from __future__ import annotations

import argparse
import json
import secrets
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx


def _room(http: httpx.Client, headers: dict[str, str], index: int) -> dict[str, Any]:
    room = (
        http.post(
            "/api/v1/rooms", json={"title": f"bench {index}", "auto_admit": True}, headers=headers
        )
        .raise_for_status()
        .json()
    )
    tokens = [headers["Authorization"].removeprefix("Bearer ")]
    for name in ("cand", "obs"):
        joined = (
            http.post(
                f"/api/v1/invites/{room['invite_code']}/join", json={"name": f"{name}{index}"}
            )
            .raise_for_status()
            .json()
        )
        tokens.append(joined["access_token"])
    observer = joined["participant"]["id"]
    http.patch(
        f"/api/v1/rooms/{room['id']}/participants/{observer}",
        json={"role": "observer"},
        headers=headers,
    ).raise_for_status()
    return {"room": room["id"], "tokens": tokens}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:18500")
    parser.add_argument("--rooms", type=int, default=100)
    parser.add_argument("--out", type=Path, default=Path("rooms.json"))
    args = parser.parse_args()
    with httpx.Client(base_url=args.base, timeout=30) as http:
        host = (
            http.post(
                "/api/v1/auth/register",
                json={
                    "name": "Bench Host",
                    "email": f"bench-{secrets.token_hex(4)}@example.com",
                    "password": secrets.token_urlsafe(16),
                },
            )
            .raise_for_status()
            .json()
        )
        headers = {"Authorization": f"Bearer {host['access_token']}"}
        with ThreadPoolExecutor(4) as pool:
            rooms = list(pool.map(lambda i: _room(http, headers, i), range(args.rooms)))
    args.out.write_text(json.dumps(rooms))
    print(f"wrote {len(rooms)} rooms to {args.out}")


if __name__ == "__main__":
    main()
