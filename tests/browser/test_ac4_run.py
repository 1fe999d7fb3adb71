"""AC4 — run code in the sandbox; the output is shared with everyone in the room.

The test server runs with a 4 s wall-time limit (server.py) so that endless loops end fast.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from browser.helpers import NewContext, shot
from browser.panels import (
    choose_language,
    latest_run,
    latest_state,
    open_pair,
    run_and_wait,
    set_code,
    wait_new_run,
)

pytestmark = pytest.mark.timeout(420)


def _expect_verdict(page: Page, label: str) -> None:
    expect(latest_run(page).get_by_test_id("run-status")).to_have_text(label)


def _responsive_ms(page: Page) -> float:
    """Round trip of a trivial script: the main thread is free if this is fast."""
    start = time.monotonic()
    page.evaluate("() => 1")
    return (time.monotonic() - start) * 1000


def test_python_runs_are_shared_and_limited(new_context: NewContext, screenshot_dir: Path) -> None:
    host, guest, _ = open_pair(new_context, "AC4 python")

    # 1. print("hi") by the guest: both see stdout, exit code 0 and who ran it.
    set_code(guest, 'print("hi")')
    host_before = latest_state(host)
    start = time.monotonic()
    entry = run_and_wait(guest, timeout_ms=5_000)
    host_entry = wait_new_run(host, host_before, timeout_ms=5_000)
    assert time.monotonic() - start < 5
    for run in (entry, host_entry):
        expect(run.get_by_test_id("stdout")).to_contain_text("hi")
        expect(run.get_by_test_id("exit-code")).to_have_text("exit code 0")
        # The language's name from the server's list, not its id.
        expect(run.get_by_test_id("run-who")).to_have_text("Gus Guest ran Python 3")
    shot(host, screenshot_dir, "ac4-run-output-host")

    # Ctrl+Enter runs too (from inside the editor).
    before = latest_state(guest)
    guest.locator("[data-testid=editor] .view-lines").click()
    guest.keyboard.press("Control+Enter")
    expect(wait_new_run(guest, before).get_by_test_id("stdout")).to_contain_text("hi")

    # 2. stderr and exit code 3, shown apart from stdout.
    set_code(guest, 'import sys; print("out"); sys.stderr.write("oops\\n"); sys.exit(3)')
    run = run_and_wait(guest)
    expect(run.get_by_test_id("stderr")).to_contain_text("oops")
    expect(run.get_by_test_id("stdout")).not_to_contain_text("oops")
    expect(run.get_by_test_id("exit-code")).to_have_text("exit code 3")

    # 3. An endless loop stops at the limit; everyone sees it running meanwhile; Run works again.
    set_code(guest, "while True: pass")
    host_before = latest_state(host)
    guest.get_by_role("button", name="Run", exact=True).click()
    expect(host.get_by_test_id("run-entry").last).to_have_attribute("data-status", "running")
    shot(host, screenshot_dir, "ac4-running-spinner")
    wait_new_run(host, host_before, timeout_ms=20_000)
    _expect_verdict(host, "Time limit exceeded")
    expect(guest.get_by_role("button", name="Run", exact=True)).to_be_enabled()
    set_code(guest, 'print("again")')
    expect(run_and_wait(guest).get_by_test_id("stdout")).to_contain_text("again")

    # 4. Allocating past the memory limit.
    set_code(guest, "x = bytearray(2 * 1024 * 1024 * 1024); print(len(x))")
    run_and_wait(guest)
    status = latest_run(guest).get_by_test_id("run-status")
    expect(status).to_have_text(re.compile("Memory limit exceeded|Runtime error"))
    if status.inner_text() == "Runtime error":
        expect(latest_run(guest).get_by_test_id("stderr")).to_contain_text("MemoryError")

    # 5. No network inside the sandbox; the error is shown.
    set_code(
        guest,
        'import urllib.request; urllib.request.urlopen("http://example.com", timeout=3)',
    )
    run = run_and_wait(guest)
    _expect_verdict(guest, "Runtime error")
    expect(run.get_by_test_id("stderr")).to_contain_text(re.compile("Error"))

    # 6. 10 MB of output: truncated with a note, and the page stays responsive.
    set_code(guest, 'import sys; sys.stdout.write("x" * (10 * 1024 * 1024))')
    host_before = latest_state(host)
    run = run_and_wait(guest)
    wait_new_run(host, host_before)
    for page in (guest, host):
        expect(latest_run(page).get_by_test_id("output-truncated").first).to_contain_text(
            "output truncated"
        )
        assert _responsive_ms(page) < 1000
        rendered = (
            latest_run(page)
            .get_by_test_id("stdout")
            .locator("pre")
            .evaluate("(el) => el.textContent.length")
        )
        assert rendered <= 20_000
    shot(guest, screenshot_dir, "ac4-truncated")
    # Typing still reaches the other browser quickly after the flood.
    set_code(guest, 'print("after flood")')
    expect(run_and_wait(guest).get_by_test_id("stdout")).to_contain_text("after flood")


_JAVA = "public class Main { public static void main(String[] a) { %s } }"
PROGRAMS = {
    "javascript": {
        "hello": 'console.log("hi")',
        "stderr": 'console.error("oops"); process.exit(3)',
        "loop": "while (true) {}",
    },
    "java": {
        "hello": _JAVA % 'System.out.println("hi");',
        "stderr": _JAVA % 'System.err.println("oops"); System.exit(3);',
        "loop": _JAVA % "while (true) {}",
    },
    "cpp": {
        "hello": '#include <cstdio>\nint main() { std::puts("hi"); return 0; }',
        "stderr": '#include <cstdio>\nint main() { std::fputs("oops\\n", stderr); return 3; }',
        "loop": "int main() { volatile int x = 0; while (true) { x++; } }",
    },
}


@pytest.mark.parametrize("language", ["javascript", "java", "cpp"])
def test_other_languages(new_context: NewContext, screenshot_dir: Path, language: str) -> None:
    host, guest, _ = open_pair(new_context, f"AC4 {language}")
    programs = PROGRAMS[language]
    choose_language(guest, language)

    set_code(guest, programs["hello"])
    host_before = latest_state(host)
    run = run_and_wait(guest, timeout_ms=60_000)
    expect(run.get_by_test_id("stdout")).to_contain_text("hi")
    expect(run.get_by_test_id("exit-code")).to_have_text("exit code 0")
    expect(
        wait_new_run(host, host_before, timeout_ms=10_000).get_by_test_id("run-who")
    ).to_contain_text("Gus Guest")

    set_code(guest, programs["stderr"])
    run = run_and_wait(guest, timeout_ms=60_000)
    expect(run.get_by_test_id("stderr")).to_contain_text("oops")
    expect(run.get_by_test_id("exit-code")).to_have_text("exit code 3")

    set_code(guest, programs["loop"])
    run_and_wait(guest, timeout_ms=60_000)
    _expect_verdict(guest, "Time limit exceeded")
    expect(guest.get_by_role("button", name="Run", exact=True)).to_be_enabled()

    if language == "cpp":
        set_code(guest, "int main() { return undefined_name; }")
        run = run_and_wait(guest, timeout_ms=60_000)
        _expect_verdict(guest, "Compilation error")
        expect(run).to_contain_text("undefined_name")
        shot(guest, screenshot_dir, "ac4-cpp-compile-error")
