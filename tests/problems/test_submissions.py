"""Run tests, submissions, redaction, report, and that hidden data never reaches a candidate.

These go through the real sandbox (python only, to stay quick).
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from accounts import create_room, join_as_guest, register
from lifespan import Collect
from problems.addtwo import HIDDEN, SOLVE, add_two

pytestmark = [pytest.mark.anyio, pytest.mark.sandbox]

ECHO = "import sys\nsys.stdout.write(sys.stdin.read())\n"  # a candidate fishing for inputs

PROBLEM = add_two()


class Room:
    """A room with the add-two problem attached, its host and an admitted guest candidate."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.seen_by_candidate: list[str] = []

    async def setup(self) -> Room:
        self.host = await register(self.client)
        await self.client.post("/api/v1/problems", json=PROBLEM, headers=self.host["headers"])
        self.room = await create_room(self.client, self.host["headers"], auto_admit=True)
        self.guest = await join_as_guest(self.client, self.room["invite_code"])
        self.base = f"/api/v1/rooms/{self.room['id']}"
        response = await self.client.put(
            f"{self.base}/problem", json={"problem_id": "add-two"}, headers=self.host["headers"]
        )
        assert response.status_code == 200
        return self

    async def as_candidate(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        response = await self.client.request(
            method, self.base + path, headers=self.guest["headers"], **kwargs
        )
        self.seen_by_candidate.append(response.text)
        return response

    async def as_host(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return await self.client.request(
            method, self.base + path, headers=self.host["headers"], **kwargs
        )


@pytest.fixture
async def room(client: httpx.AsyncClient) -> Room:
    """A fresh room with a problem, a host and a candidate."""
    return await Room(client).setup()


async def test_run_tests_shows_sample_input_expected_and_actual(
    room: Room, room_events: Collect
) -> None:
    wrong = "print(0)"
    responses: list[httpx.Response] = []

    async def run() -> None:
        responses.append(
            await room.as_candidate(
                "POST", "/problem/run-tests", json={"language": "python", "code": wrong}
            )
        )

    events = await room_events(room.room["id"], run)
    [response] = responses
    assert response.status_code == 200, response.text
    [event] = events
    assert event["type"] == "tests.finished"
    assert event["audience"] == "all"
    assert event["data"]["display_name"] == "Grace"
    assert (event["data"]["passed"], event["data"]["total"]) == (0, 1)
    body = response.json()
    assert body["total"] == 1
    assert body["passed"] == 0
    assert body["verdict"] == "wrong_answer"
    [result] = body["results"]
    assert result["stdin"] == "1 2\n"
    assert result["expected_stdout"] == "3\n"
    assert result["actual_stdout"] == "0\n"


async def test_submission_scores_and_redacts_for_the_candidate(
    room: Room, room_events: Collect
) -> None:
    submitted: dict[str, Any] = {}

    async def submit() -> None:
        response = await room.as_candidate(
            "POST", "/submissions", json={"language": "python", "code": ECHO}
        )
        assert response.status_code == 201, response.text
        submitted.update(response.json())

    events = await room_events(room.room["id"], submit)
    # The candidate's own view: sample details and the hidden count, no score.
    assert submitted["view"] == "public"
    assert submitted["hidden_total"] == 2
    assert submitted["hidden_passed"] == 0
    assert "score" not in submitted
    assert "results" not in submitted
    assert [s["position"] for s in submitted["samples"]] == [1]
    # Events: the score goes to staff only; everyone gets a neutral notice.
    by_type = {e["type"]: e for e in events}
    assert by_type["submission.created"]["audience"] == "staff"
    assert by_type["submission.created"]["data"]["score"] == 0.0
    notice = by_type["submission.notice"]
    assert notice["audience"] == "all"
    assert notice["data"]["display_name"] == "Grace"
    assert "score" not in notice["data"]
    assert "verdict" not in notice["data"]
    room.seen_by_candidate += [json.dumps(e) for e in events if e["audience"] != "staff"]

    # Staff see everything, including what the echo printed for hidden tests.
    staff = (await room.as_host("GET", "/submissions")).json()["items"]
    assert staff[0]["view"] == "full"
    assert staff[0]["score"] == 0.0
    assert len(staff[0]["results"]) == 3
    assert HIDDEN in json.dumps(staff)

    mine = await room.as_candidate("GET", "/submissions")
    assert [s["id"] for s in mine.json()["items"]] == [submitted["id"]]
    await room.as_candidate("GET", "/problem")
    assert all(HIDDEN not in text for text in room.seen_by_candidate)


async def test_correct_submission_and_report(room: Room) -> None:
    first = await room.as_candidate(
        "POST", "/submissions", json={"language": "python", "code": "print(3)"}
    )
    assert first.json()["verdict"] == "wrong_answer"
    second = await room.as_candidate(
        "POST", "/submissions", json={"language": "python", "code": SOLVE}
    )
    assert second.json()["verdict"] == "accepted"
    assert second.json()["hidden_passed"] == 2
    by_host = await room.as_host("POST", "/submissions", json={"language": "python", "code": SOLVE})
    assert by_host.json()["view"] == "full"
    assert by_host.json()["score"] == 100.0

    staff = (await room.as_host("GET", "/submissions")).json()["items"]
    assert len(staff) == 3
    scores = sorted(s["score"] for s in staff)
    assert scores == [20.0, 100.0, 100.0]  # print(3) passes the sample: weight 1 of 5
    report = (await room.as_host("GET", "/report")).json()
    rows = {r["display_name"]: r for r in report["rows"]}
    assert rows["Grace"]["attempts"] == 2
    assert rows["Grace"]["best_score"] == 100.0
    assert rows["Grace"]["seconds_to_first_pass"] >= 0
    assert (await room.as_candidate("GET", "/report")).status_code == 403


async def test_compile_errors_and_bad_input(room: Room) -> None:
    response = await room.as_candidate(
        "POST", "/submissions", json={"language": "cpp", "code": "int main( {"}
    )
    assert response.status_code == 201
    assert response.json()["verdict"] == "compile_error"
    assert response.json()["compile_output"]
    for body in (
        {"language": "cobol", "code": "x"},
        {"language": "python", "code": ""},
        {"language": "python"},
        {"language": "../../bin/sh", "code": "x"},
    ):
        bad = await room.as_candidate("POST", "/submissions", json=body)
        assert bad.status_code == 422, (body, bad.text)
    huge = await room.as_candidate(
        "POST", "/submissions", json={"language": "python", "code": "#" * 70_000}
    )
    assert huge.status_code in (413, 422)


async def test_outsiders_cannot_read_or_submit(room: Room, client: httpx.AsyncClient) -> None:
    other_host = await register(client)
    other_room = await create_room(client, other_host["headers"], auto_admit=True)
    other_guest = await join_as_guest(client, other_room["invite_code"], name="Mallory")
    for method, path, body in (
        ("GET", "/submissions", None),
        ("POST", "/submissions", {"language": "python", "code": SOLVE}),
        ("GET", "/report", None),
        ("GET", "/problem", None),
    ):
        response = await client.request(
            method, room.base + path, json=body, headers=other_guest["headers"]
        )
        assert response.status_code == 404, (method, path)
        assert HIDDEN not in response.text
    assert (await client.get(room.base + "/submissions")).status_code == 401
