"""The execution API over HTTP, on SQLite and PostgreSQL, with the real sandbox."""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable
from typing import Any

import anyio
import httpx
import pytest
from sqlalchemy import make_url, select

from accounts import create_room, join_as_guest, register
from coderoom.execution import service
from coderoom.execution.models import ExecutionRun
from coderoom.settings import Settings

pytestmark = pytest.mark.anyio

HELLO = "print('hi ' + input())"


async def run(client: httpx.AsyncClient, headers: dict[str, str], **body: Any) -> httpx.Response:
    payload = {"language": "python", "code": HELLO, "stdin": "there\n", **body}
    return await client.post("/api/v1/executions", json=payload, headers=headers)


async def test_run_python(client: httpx.AsyncClient) -> None:
    user = await register(client)
    response = await run(client, user["headers"])
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "ok"
    assert body["stdout"] == "hi there\n"
    assert body["exit_code"] == 0
    assert body["time_ms"] > 0
    assert body["memory_kb"] > 0


async def test_languages_lists_self_tested_toolchains(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/languages")
    assert response.status_code == 200
    languages = {lang["id"]: lang for lang in response.json()["languages"]}
    assert {"python", "javascript", "c", "cpp", "java"} <= set(languages)
    assert languages["python"]["monaco"] == "python"
    assert languages["python"]["version"].startswith("3.")


async def test_hostile_requests(client: httpx.AsyncClient) -> None:
    user = await register(client)
    assert (await run(client, {})).status_code == 401
    assert (await run(client, {"Authorization": "Bearer nonsense"})).status_code == 401
    unknown = await run(client, user["headers"], language="cobol")
    assert unknown.status_code == 422
    assert unknown.json()["error"]["code"] == "unknown_language"
    big_code = await run(client, user["headers"], code="#" * (300 * 1024))
    assert big_code.status_code == 413
    big_stdin = await run(client, user["headers"], stdin="x" * (1024 * 1024 + 1))
    assert big_stdin.status_code in (413, 422)
    no_code = await client.post(
        "/api/v1/executions", json={"language": "python"}, headers=user["headers"]
    )
    assert no_code.status_code == 422
    assert (await run(client, user["headers"], language="")).status_code == 422


async def test_other_room_is_not_found(client: httpx.AsyncClient) -> None:
    host = await register(client)
    stranger = await register(client)
    room = await create_room(client, host["headers"])
    response = await run(client, stranger["headers"], room_id=room["id"])
    assert response.status_code == 404
    missing = await run(client, stranger["headers"], room_id="no-such-room")
    assert missing.status_code == 404
    latest = await client.get(
        f"/api/v1/rooms/{room['id']}/runs/latest", headers=stranger["headers"]
    )
    assert latest.status_code == 404


async def test_room_run_is_broadcast_and_kept(
    client: httpx.AsyncClient, room_events: Any, state: dict[str, Any]
) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"], auto_admit=True)
    guest = await join_as_guest(client, room["invite_code"])
    latest = await client.get(f"/api/v1/rooms/{room['id']}/runs/latest", headers=guest["headers"])
    assert latest.json() == {"run": None}

    responses: list[httpx.Response] = []

    async def action() -> None:
        responses.append(await run(client, guest["headers"], room_id=room["id"]))

    events = await room_events(room["id"], action)
    assert responses[0].status_code == 200, responses[0].text
    types = [e["type"] for e in events]
    assert types == ["run.started", "run.finished"]
    assert events[0]["data"]["by"]["name"] == "Grace"
    finished = events[1]["data"]
    assert finished["result"]["stdout"] == "hi there\n"
    assert finished["by"]["name"] == "Grace"

    latest = await client.get(f"/api/v1/rooms/{room['id']}/runs/latest", headers=host["headers"])
    assert latest.status_code == 200
    async with state["sessionmaker"]() as session:
        recorded = await service.list_room_runs(session, room["id"])
    assert [(r.display_name, r.language, r.status) for r in recorded] == [("Grace", "python", "ok")]
    assert recorded[0].code_sha256 == service.code_hash(HELLO)
    assert latest.json()["run"]["result"]["status"] == "ok"
    assert latest.json()["run"]["run_id"] == responses[0].json()["id"]


async def test_guest_runs_only_in_a_room(client: httpx.AsyncClient) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"], auto_admit=True)
    guest = await join_as_guest(client, room["invite_code"])
    response = await run(client, guest["headers"])
    assert response.status_code == 403


async def test_per_user_rate_limit(client: httpx.AsyncClient, settings: Settings) -> None:
    settings.sandbox.run_rate_limit = "2/minute"
    user = await register(client)
    codes = [(await run(client, user["headers"])).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


async def test_full_queue_answers_429(
    client: httpx.AsyncClient, settings: Settings, state: dict[str, Any]
) -> None:
    settings.sandbox.queue_wait_s = 0.3
    user = await register(client)
    assert (await run(client, user["headers"])).status_code == 200  # self-test done
    sleeper = "import time; time.sleep(2)"
    responses: dict[str, httpx.Response] = {}

    async def slow() -> None:
        responses["slow"] = await run(client, user["headers"], code=sleeper)

    async with anyio.create_task_group() as tg:
        tg.start_soon(slow)
        with anyio.fail_after(10):
            while state["executor"].running == 0:  # until the sleeper holds the only sandbox
                await anyio.sleep(0.01)
        responses["late"] = await run(client, user["headers"])
    assert responses["slow"].status_code == 200
    assert responses["late"].status_code == 429
    assert int(responses["late"].headers["retry-after"]) >= 1


async def test_parallel_requests_all_answer(client: httpx.AsyncClient) -> None:
    user = await register(client)
    answers: dict[int, httpx.Response] = {}

    async def one(n: int) -> None:
        answers[n] = await run(client, user["headers"], stdin=f"{n}\n")

    async with anyio.create_task_group() as tg:
        for n in range(6):  # six callers, one sandbox: they queue, none is refused
            tg.start_soon(one, n)
    assert {n: (r.status_code, r.json()["stdout"]) for n, r in answers.items()} == {
        n: (200, f"hi {n}\n") for n in range(6)
    }


async def test_run_is_recorded_while_the_write_lock_is_held(
    client: httpx.AsyncClient, state: dict[str, Any], settings: Settings
) -> None:
    # On SQLite the run's row is written on the loop's thread only if the lock is free at
    # once; otherwise through the session, which waits in its thread while the app serves on.
    if state["inline_writer"] is None:
        pytest.skip("PostgreSQL writes through the session only")
    user = await register(client)
    assert (await run(client, user["headers"])).status_code == 200  # self-test done
    holder = sqlite3.connect(make_url(settings.database_url).database or "", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    responses: list[httpx.Response] = []
    async with anyio.create_task_group() as tg:
        tg.start_soon(lambda: _append(responses, run(client, user["headers"], stdin="lock\n")))
        with anyio.fail_after(10):
            while state["executor"].running == 0:
                await anyio.sleep(0.01)
            while state["executor"].running:  # the run is done, its record is waiting
                await anyio.sleep(0.01)
        assert (await client.get("/api/v1/languages")).status_code == 200  # the app serves on
        assert not responses
        holder.execute("COMMIT")
    holder.close()
    assert responses[0].status_code == 200, responses[0].text
    async with state["sessionmaker"]() as session:
        outputs = await session.scalars(select(ExecutionRun.stdout))
        assert sorted(outputs) == ["hi lock\n", "hi there\n"]


async def _append(responses: list[httpx.Response], request: Awaitable[httpx.Response]) -> None:
    responses.append(await request)
