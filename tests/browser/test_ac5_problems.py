"""AC5 — problem library, hidden tests and the score.

The problem is written for the test through the API, with marker strings in its hidden
tests and reference solution, so "the candidate never receives them" is checked by
searching everything the guest's browser received for those markers.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Response, WebSocket, expect

from browser.helpers import NewContext, expect_editor_text, shot
from browser.panels import open_pair, set_code

pytestmark = pytest.mark.timeout(240)

HIDDEN_MARKER = "HIDDEN-INPUT-MARKER-5c1e"
SOLUTION_MARKER = "REFERENCE-SOLUTION-MARKER-77ab"
STARTER = "a, b = map(int, input().split())\n# your code here\n"


def _problem(title: str) -> dict[str, Any]:
    sample = [("1 2", "3"), ("5 5", "10")]
    # Hidden inputs carry the marker on a second line the program never reads.
    hidden = [("7 8", "15"), ("20 22", "42"), ("100 1", "101")]
    return {
        "slug": f"ac5-sum-{time.time_ns()}",
        "title": title,
        "difficulty": "easy",
        "tags": ["math"],
        "statement": "Read two integers and print their **sum**.\n\n<script>alert(1)</script>",
        "starter_code": {"python": STARTER},
        "solutions": {
            "python": f"# {SOLUTION_MARKER}\na, b = map(int, input().split())\nprint(a + b)\n"
        },
        "tests": [{"stdin": f"{i}\n", "expected_stdout": o, "is_sample": True} for i, o in sample]
        + [
            {"stdin": f"{i}\n{HIDDEN_MARKER}\n", "expected_stdout": o, "is_sample": False}
            for i, o in hidden
        ],
    }


def _create_problem(host: Page, body: dict[str, Any]) -> None:
    status: int = host.evaluate(
        """async (body) => {
          const token = JSON.parse(localStorage.getItem('coderoom.account')).accessToken;
          const res = await fetch('/api/v1/problems', {
            method: 'POST',
            headers: {Authorization: `Bearer ${token}`, 'Content-Type': 'application/json'},
            body: JSON.stringify(body),
          });
          return res.status;
        }""",
        body,
    )
    assert status == 201


class Traffic:
    """Everything the page received: HTTP responses and WebSocket frames."""

    def __init__(self, page: Page) -> None:
        self.responses: list[Response] = []
        self.frames: list[str] = []
        page.on("response", lambda response: self.responses.append(response))
        page.on("websocket", self._on_socket)

    def _on_socket(self, ws: WebSocket) -> None:
        ws.on(
            "framereceived",
            lambda p: self.frames.append(p if isinstance(p, str) else p.decode("latin-1")),
        )

    def contains(self, marker: str) -> bool:
        return any(marker in _body(r) for r in self.responses) or any(
            marker in frame for frame in self.frames
        )


def _body(response: Response) -> str:
    """A response's body as text ('' when the browser kept none, e.g. a redirect)."""
    try:
        return response.body().decode("utf-8", "replace")
    except PlaywrightError:
        return ""


def test_library_hidden_tests_and_score(new_context: NewContext, screenshot_dir: Path) -> None:
    host, guest, _ = open_pair(new_context, "AC5 problems")
    traffic = Traffic(guest)
    title = f"AC5 Sum {time.time_ns() % 100000}"
    _create_problem(host, _problem(title))

    # 1. Host opens the library, filters, and uses the problem in the room.
    host.get_by_role("tab", name="Problem").click()
    library = host.get_by_role("region", name="Problem library")
    library.get_by_label("Search problems").fill(title)
    library.get_by_label("Difficulty").select_option("easy")
    # At 1280×800 the library's list reaches down to the side panel's bottom; the page itself
    # does not scroll.
    host.set_viewport_size({"width": 1280, "height": 800})
    listing = library.get_by_test_id("problem-library")
    expect(listing).to_contain_text(title)
    side = host.get_by_role("region", name="Room panels").bounding_box()
    box = listing.bounding_box()
    assert side is not None
    assert box is not None
    assert box["y"] + box["height"] > side["y"] + side["height"] - 24
    assert host.evaluate("document.documentElement.scrollHeight <= innerHeight")
    library.get_by_role("button", name=f"Use {title} in room").click()
    expect(host.get_by_test_id("problem-statement")).to_contain_text("sum")
    shot(host, screenshot_dir, "ac5-host-problem")

    guest.get_by_role("tab", name="Problem").click()
    statement = guest.get_by_test_id("problem-statement")
    expect(statement).to_contain_text("Read two integers")
    expect(statement.locator("strong")).to_have_text("sum")
    assert statement.locator("script").count() == 0
    expect_editor_text(guest, lambda t: "your code here" in t)

    # 2. Run tests: the visible tests only, with input, expected and actual output.
    set_code(guest, "a, b = map(int, input().split())\nprint(a + b if a < 100 else 0)\n")
    guest.get_by_role("button", name="Run tests").click()
    rows = guest.get_by_test_id("test-result")
    expect(rows).to_have_count(2, timeout=30_000)
    expect(rows.nth(0)).to_contain_text("1 2")
    expect(rows.nth(0)).to_contain_text("3")
    expect(rows.nth(0)).to_contain_text("Pass")
    expect(rows.nth(1)).to_contain_text("10")
    shot(guest, screenshot_dir, "ac5-run-tests")

    # 3. Submit: "Submitted" and the count, never the hidden inputs.
    guest.get_by_role("button", name="Submit").click()
    result = guest.get_by_test_id("submission-result")
    expect(result).to_contain_text("Submitted", timeout=30_000)
    expect(result.get_by_test_id("submission-tally")).to_have_text("4/5 tests passed")
    shot(guest, screenshot_dir, "ac5-submitted")

    # 4. Host: the full breakdown with hidden tests, runtime per test and the score.
    submissions = host.get_by_test_id("submissions")
    expect(submissions).to_contain_text("Gus Guest", timeout=5_000)
    expect(submissions).to_contain_text("score 80")
    tests = submissions.get_by_test_id("submission-test")
    expect(tests).to_have_count(5)
    expect(tests.filter(has_text="hidden")).to_have_count(3)
    expect(tests.filter(has_text=re.compile(r"\d+ ms|\d+\.\d+ s"))).to_have_count(5)
    shot(host, screenshot_dir, "ac5-host-breakdown")

    # Nothing hidden ever reached the guest: not in the page, not on the wire.
    html = guest.content()
    for marker in (HIDDEN_MARKER, SOLUTION_MARKER):
        assert marker not in html
        assert not traffic.contains(marker), f"{marker} reached the guest"
    # The checks can see: the statement did arrive over the same recorder, and the
    # reference solution is in the host's page.
    assert traffic.contains("Read two integers")
    assert SOLUTION_MARKER in host.content()
