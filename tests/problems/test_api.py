"""The problems API: library listing, views, authoring rights, rooms, and no leaks."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from accounts import create_room, join_as_guest, register
from lifespan import Collect
from problems.addtwo import HIDDEN, SEEDED, add_two

pytestmark = pytest.mark.anyio


def own_problem(**overrides: Any) -> dict[str, Any]:
    """The a+b problem with tags and starter code (see problems/addtwo.py)."""
    return add_two(
        **{"tags": ["math"], "starter_code": {"python": "# read a and b\n"}, **overrides}
    )


async def test_list_needs_an_account_and_pages(client: httpx.AsyncClient) -> None:
    assert (await client.get("/api/v1/problems")).status_code == 401
    user = await register(client)
    page = (await client.get("/api/v1/problems?limit=2", headers=user["headers"])).json()
    assert page["total"] == len(SEEDED)
    assert len(page["items"]) == 2
    rest = await client.get("/api/v1/problems?limit=2&offset=2", headers=user["headers"])
    slugs = {p["slug"] for p in page["items"] + rest.json()["items"]}
    assert slugs == set(SEEDED)
    item = page["items"][0]
    assert item["builtin"] is True
    assert {"python", "javascript", "java", "cpp"} <= set(item["languages"])
    assert "tests" not in item
    assert "statement" not in item


FILTERS = [
    ("difficulty=easy", {"two-sum", "valid-parentheses"}),
    ("tag=trees", {"binary-tree-level-order"}),
    ("tag=tree", set()),  # whole tags only
    ("q=ANAGRAM", {"group-anagrams"}),
    ("q=stacks", {"valid-parentheses"}),
    ("difficulty=easy&tag=stacks", {"valid-parentheses"}),
    ("language=java", set(SEEDED)),
    ("language=cobol", set()),
    ("q=%25", set()),  # LIKE wildcards are escaped
    ("q=_", set()),
]
BAD_QUERIES = [
    "difficulty=impossible",
    "limit=0",
    "limit=101",
    "offset=-1",
    "q=" + "x" * 101,
    "tag=%00",
    "language=%00",
    "tag=Trees",
]


async def test_list_filters_and_rejects_bad_queries(client: httpx.AsyncClient) -> None:
    user = await register(client)
    for query, expected in FILTERS:
        response = await client.get(f"/api/v1/problems?{query}", headers=user["headers"])
        assert response.status_code == 200, response.text
        assert {p["slug"] for p in response.json()["items"]} == expected, query
    for query in BAD_QUERIES:
        response = await client.get(f"/api/v1/problems?{query}", headers=user["headers"])
        assert response.status_code == 422, query
        assert "error" in response.json()


async def test_builtin_problem_public_view_and_read_only(client: httpx.AsyncClient) -> None:
    user = await register(client)
    response = await client.get("/api/v1/problems/two-sum", headers=user["headers"])
    body = response.json()
    assert body["view"] == "public"
    assert "tests" not in body
    assert "solutions" not in body
    assert len(body["samples"]) == 2
    assert body["hidden_count"] >= 8
    assert all(s["is_sample"] for s in body["samples"])
    assert set(body["starter_code"]) >= {"python", "javascript", "java", "cpp"}
    by_id = await client.get(f"/api/v1/problems/{body['id']}", headers=user["headers"])
    assert by_id.json()["slug"] == "two-sum"
    patch = await client.patch(
        "/api/v1/problems/two-sum", json={"title": "Mine now"}, headers=user["headers"]
    )
    assert patch.status_code == 403
    delete = await client.delete("/api/v1/problems/two-sum", headers=user["headers"])
    assert delete.status_code == 403
    missing = await client.get("/api/v1/problems/no-such-problem", headers=user["headers"])
    assert missing.status_code == 404
    for bad_ref in ("a%00b", "two%20sum", "x" * 81):
        response = await client.get(f"/api/v1/problems/{bad_ref}", headers=user["headers"])
        assert response.status_code == 422, bad_ref


async def test_owner_creates_edits_versions_and_deletes(client: httpx.AsyncClient) -> None:
    owner = await register(client)
    created = await client.post("/api/v1/problems", json=own_problem(), headers=owner["headers"])
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["view"] == "full"
    assert body["version"] == 1
    assert len(body["tests"]) == 3
    assert body["tests"][1]["weight"] == 3
    assert body["hidden_count"] == 2
    again = await client.post("/api/v1/problems", json=own_problem(), headers=owner["headers"])
    assert again.status_code == 409
    taken = own_problem(slug="two-sum")
    assert (
        await client.post("/api/v1/problems", json=taken, headers=owner["headers"])
    ).status_code == 409

    patch = await client.patch(
        "/api/v1/problems/add-two",
        json={"title": "Add", "tests": [{"stdin": "1 1\n", "expected_stdout": "2\n"}]},
        headers=owner["headers"],
    )
    assert patch.status_code == 200, patch.text
    assert patch.json()["version"] == 2
    assert patch.json()["title"] == "Add"
    assert [t["stdin"] for t in patch.json()["tests"]] == ["1 1\n"]
    assert patch.json()["statement"] == "Print a + b."  # untouched fields stay

    mine = await client.get("/api/v1/problems?mine=true", headers=owner["headers"])
    assert [p["slug"] for p in mine.json()["items"]] == ["add-two"]
    deleted = await client.delete("/api/v1/problems/add-two", headers=owner["headers"])
    assert deleted.status_code == 204
    gone = await client.get("/api/v1/problems/add-two", headers=owner["headers"])
    assert gone.status_code == 404


BAD_EDITS = [
    {"title": None},
    {"difficulty": None},
    {"tests": None},
    {"starter_code": None},
    {"comparator": "fuzzy"},
    {"tests": [{"stdin": "1"}]},
    {"memory_mb": 1},
]


async def test_patch_rejects_bad_edits(client: httpx.AsyncClient) -> None:
    owner = await register(client)
    await client.post("/api/v1/problems", json=own_problem(), headers=owner["headers"])
    for patch in BAD_EDITS:
        response = await client.patch(
            "/api/v1/problems/add-two", json=patch, headers=owner["headers"]
        )
        assert response.status_code == 422, (patch, response.text)
    after = await client.get("/api/v1/problems/add-two", headers=owner["headers"])
    assert after.json()["version"] == 1


async def test_patch_null_resets_limits(client: httpx.AsyncClient) -> None:
    owner = await register(client)
    created = own_problem(time_limit_s=1.5, memory_mb=128)
    await client.post("/api/v1/problems", json=created, headers=owner["headers"])
    response = await client.patch(
        "/api/v1/problems/add-two", json={"time_limit_s": None}, headers=owner["headers"]
    )
    assert response.status_code == 200, response.text
    assert response.json()["time_limit_s"] is None
    assert response.json()["memory_mb"] == 128


async def test_other_accounts_cannot_see_or_touch_a_private_problem(
    client: httpx.AsyncClient,
) -> None:
    owner, other = await register(client), await register(client)
    await client.post("/api/v1/problems", json=own_problem(), headers=owner["headers"])
    for method in ("GET", "PATCH", "DELETE"):
        response = await client.request(
            method, "/api/v1/problems/add-two", json={"title": "x"}, headers=other["headers"]
        )
        assert response.status_code == 404, method
    listed = await client.get("/api/v1/problems?q=add", headers=other["headers"])
    assert listed.json()["items"] == []


BAD_PROBLEMS = [
    {"slug": "Bad Slug"},
    {"slug": "ab"},
    {"difficulty": "trivial"},
    {"comparator": "regex"},
    {"tags": ["ok", "Not OK"]},
    {"time_limit_s": 0},
    {"time_limit_s": 60},
    {"memory_mb": 4096},
    {"tests": [{"stdin": "1", "expected_stdout": "1", "weight": 0}]},
    {"starter_code": {"../etc": "x"}},
    {"title": "   "},
    {"statement": "x" * 100_001},
    {"starter_code": {f"lang{n:02d}": "" for n in range(13)}},
    {"solutions": {"x" * 21: ""}},
    {"tags": [f"t{n}" for n in range(16)]},
    {"tests": [{"expected_stdout": ""}] * 101},
]


async def test_create_rejects_bad_problems(client: httpx.AsyncClient) -> None:
    owner = await register(client)
    for change in BAD_PROBLEMS:
        response = await client.post(
            "/api/v1/problems", json=own_problem(**change), headers=owner["headers"]
        )
        assert response.status_code == 422, (change, response.text)
        assert response.json()["error"]["code"]
    listed = await client.get("/api/v1/problems?mine=true", headers=owner["headers"])
    assert listed.json()["total"] == 0


async def test_guest_cannot_use_the_library(client: httpx.AsyncClient) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"], auto_admit=True)
    guest = await join_as_guest(client, room["invite_code"])
    assert (await client.get("/api/v1/problems", headers=guest["headers"])).status_code == 403
    create = await client.post("/api/v1/problems", json=own_problem(), headers=guest["headers"])
    assert create.status_code == 403


async def _room_with_problem(
    client: httpx.AsyncClient, room_events: Collect
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], list[dict[str, Any]]]:
    host = await register(client)
    await client.post("/api/v1/problems", json=own_problem(), headers=host["headers"])
    room = await create_room(client, host["headers"], auto_admit=True)
    guest = await join_as_guest(client, room["invite_code"])
    problem_url = f"/api/v1/rooms/{room['id']}/problem"

    async def attach() -> None:
        response = await client.put(
            problem_url, json={"problem_id": "add-two"}, headers=host["headers"]
        )
        assert response.status_code == 200, response.text
        assert response.json()["view"] == "full"

    events = await room_events(room["id"], attach)
    return host, room, guest, events


async def test_host_attaches_and_everyone_sees_the_statement(
    client: httpx.AsyncClient, room_events: Collect
) -> None:
    host, room, guest, events = await _room_with_problem(client, room_events)
    assert [e["type"] for e in events] == ["problem.changed"]
    assert events[0]["data"]["slug"] == "add-two"
    url = f"/api/v1/rooms/{room['id']}/problem"
    as_guest = await client.get(url, headers=guest["headers"])
    assert as_guest.json()["view"] == "public"
    assert as_guest.json()["starter_code"] == {"python": "# read a and b\n"}
    assert HIDDEN not in as_guest.text
    as_host = await client.get(url, headers=host["headers"])
    assert as_host.json()["view"] == "full"
    assert HIDDEN in as_host.text
    # A candidate cannot change the problem; an outsider cannot even see the room.
    denied = await client.put(url, json={"problem_id": "two-sum"}, headers=guest["headers"])
    assert denied.status_code == 403
    outsider = await register(client)
    assert (await client.get(url, headers=outsider["headers"])).status_code == 404
    # Someone else's private problem cannot be attached (it does not exist for the host).
    other = await register(client)
    await client.post(
        "/api/v1/problems", json=own_problem(slug="secret-one"), headers=other["headers"]
    )
    foreign = await client.put(url, json={"problem_id": "secret-one"}, headers=host["headers"])
    assert foreign.status_code == 404
    detached = await client.put(url, json={"problem_id": None}, headers=host["headers"])
    assert detached.status_code == 200
    gone = await client.get(url, headers=guest["headers"])
    assert gone.status_code == 200
    assert gone.json() is None


async def test_room_without_problem_and_bad_room_ids(client: httpx.AsyncClient) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"])
    base = f"/api/v1/rooms/{room['id']}"
    # No problem is a state, not an error: every room page asks for it on load.
    unset = await client.get(f"{base}/problem", headers=host["headers"])
    assert unset.status_code == 200
    assert unset.json() is None
    run = await client.post(
        f"{base}/problem/run-tests",
        json={"language": "python", "code": "print(1)"},
        headers=host["headers"],
    )
    assert run.status_code == 404
    long_id = "x" * 65
    response = await client.get(f"/api/v1/rooms/{long_id}/problem", headers=host["headers"])
    assert response.status_code == 422
    report = await client.get(f"{base}/report", headers=host["headers"])
    assert report.json()["rows"] == []


async def test_room_created_with_a_problem_id(client: httpx.AsyncClient) -> None:
    host, owner = await register(client), await register(client)
    secret = await client.post(
        "/api/v1/problems", json=own_problem(slug="secret-one"), headers=owner["headers"]
    )
    mine = await client.post("/api/v1/problems", json=own_problem(), headers=host["headers"])
    cases = [
        ("two-sum", True),  # a built-in problem, by slug
        (mine.json()["id"], True),  # the host's own problem
        (secret.json()["id"], False),  # someone else's private problem: never shown
        ("no-such-problem", False),
    ]
    for problem_id, shown in cases:
        room = await create_room(client, host["headers"], problem_id=problem_id)
        url = f"/api/v1/rooms/{room['id']}/problem"
        response = await client.get(url, headers=host["headers"])
        assert response.status_code == 200, problem_id
        assert (response.json() is not None) == shown, problem_id


async def test_staff_full_view_of_a_builtin_problem_previews_large_tests(
    client: httpx.AsyncClient,
) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"], problem_id="two-sum")
    response = await client.get(f"/api/v1/rooms/{room['id']}/problem", headers=host["headers"])
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["view"] == "full"
    assert len(body["tests"]) == 2 + body["hidden_count"]
    assert body["solutions"]["java"].startswith("import")
    large = [t for t in body["tests"] if t["truncated"]]
    assert large
    assert all(len(t["stdin"]) <= 16 * 1024 for t in large)
    assert len(response.content) < 1_000_000


async def test_waiting_guests_and_observers_cannot_run_or_submit(
    client: httpx.AsyncClient,
) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"], problem_id="two-sum")
    base = f"/api/v1/rooms/{room['id']}"
    code = {"language": "python", "code": "print(0)"}
    waiting = await join_as_guest(client, room["invite_code"], name="Wait")
    assert waiting["status"] == "waiting"
    for method, path in (
        ("GET", "/problem"),
        ("POST", "/problem/run-tests"),
        ("POST", "/submissions"),
        ("GET", "/submissions"),
    ):
        response = await client.request(method, base + path, json=code, headers=waiting["headers"])
        assert response.status_code == 403, (method, path)

    observer = await join_as_guest(client, room["invite_code"], name="Olly")
    pid = observer["participant"]["id"]
    admitted = await client.post(f"{base}/participants/{pid}/admit", headers=host["headers"])
    assert admitted.status_code == 200, admitted.text
    role = await client.patch(
        f"{base}/participants/{pid}", json={"role": "observer"}, headers=host["headers"]
    )
    assert role.status_code == 200, role.text
    view = await client.get(f"{base}/problem", headers=observer["headers"])
    assert view.json()["view"] == "public"
    for path in ("/problem/run-tests", "/submissions"):
        response = await client.post(base + path, json=code, headers=observer["headers"])
        assert response.status_code == 403, path


async def test_versions_keep_what_each_edit_replaced(client: httpx.AsyncClient) -> None:
    owner, other = await register(client), await register(client)
    await client.post("/api/v1/problems", json=own_problem(), headers=owner["headers"])
    url = "/api/v1/problems/add-two"
    await client.patch(url, json={"title": "Second"}, headers=owner["headers"])
    new_tests = [{"stdin": "2 2\n", "expected_stdout": "4\n", "is_sample": True}]
    await client.patch(url, json={"title": "Third", "tests": new_tests}, headers=owner["headers"])
    listed = (await client.get(f"{url}/versions", headers=owner["headers"])).json()["items"]
    assert [(v["version"], v["current"]) for v in listed] == [(3, True), (2, False), (1, False)]
    first = (await client.get(f"{url}/versions/1", headers=owner["headers"])).json()
    assert first["title"] == "Add two numbers"
    assert first["tags"] == ["math"]
    assert len(first["tests"]) == 3
    assert HIDDEN in first["tests"][1]["stdin"]
    second = (await client.get(f"{url}/versions/2", headers=owner["headers"])).json()
    assert (second["title"], len(second["tests"])) == ("Second", 3)
    third = (await client.get(f"{url}/versions/3", headers=owner["headers"])).json()
    assert (third["title"], len(third["tests"])) == ("Third", 1)
    assert (await client.get(f"{url}/versions/9", headers=owner["headers"])).status_code == 404
    assert (await client.get(f"{url}/versions/0", headers=owner["headers"])).status_code == 422
    assert (await client.get(f"{url}/versions", headers=other["headers"])).status_code == 404
    builtin = await client.get("/api/v1/problems/two-sum/versions", headers=owner["headers"])
    assert builtin.status_code == 403
    assert (await client.delete(url, headers=owner["headers"])).status_code == 204


async def test_largest_accepted_problem_fits_the_columns(client: httpx.AsyncClient) -> None:
    owner = await register(client)
    biggest = own_problem(
        slug="a" * 80,
        title="T" * 200,
        tags=[f"{n:02d}" + "t" * 28 for n in range(15)],
        starter_code={f"{n:02d}" + "l" * 18: "x" for n in range(12)},
    )
    response = await client.post("/api/v1/problems", json=biggest, headers=owner["headers"])
    assert response.status_code == 201, response.text
    assert len(response.json()["languages"]) == 12


async def test_nul_characters_are_refused_not_a_500(client: httpx.AsyncClient) -> None:
    # PostgreSQL text cannot hold NUL; it must be a 422, on SQLite too.
    owner = await register(client)
    nul = "a\x00b"
    for change in (
        {"statement": nul},
        {"title": nul},
        {"tests": [{"stdin": nul, "expected_stdout": "1"}]},
        {"tests": [{"stdin": "1", "expected_stdout": nul}]},
        {"starter_code": {"python": nul}},
        {"solutions": {"python": nul}},
    ):
        response = await client.post(
            "/api/v1/problems", json=own_problem(**change), headers=owner["headers"]
        )
        assert response.status_code == 422, change
    search = await client.get("/api/v1/problems?q=a%00b", headers=owner["headers"])
    assert search.status_code == 422
    room = await create_room(client, owner["headers"], problem_id="two-sum")
    for path in ("/problem/run-tests", "/submissions"):
        response = await client.post(
            f"/api/v1/rooms/{room['id']}{path}",
            json={"language": "python", "code": "print(1)\x00"},
            headers=owner["headers"],
        )
        assert response.status_code == 422, path
