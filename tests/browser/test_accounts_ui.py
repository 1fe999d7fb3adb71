"""Account pages, dashboard and preferences in a real browser."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, Response, expect

from browser.helpers import (
    PASSWORD,
    NewContext,
    create_room,
    shot,
    sign_up,
    unique_email,
    wait_live,
)

pytestmark = pytest.mark.timeout(120)


def _rule(page: Page, label: str) -> Locator:
    return (
        page.get_by_role("list", name="Password rules")
        .get_by_role("listitem")
        .filter(has_text=label)
    )


def test_password_rules_show_as_you_type(new_context: NewContext, screenshot_dir: Path) -> None:
    page = new_context().new_page()
    page.goto("/signup")
    page.get_by_label("Name").fill("Ada")
    page.get_by_label("Email").fill("adalove@example.com")
    password = page.get_by_label("Password", exact=True)
    submit = page.get_by_role("button", name="Create account")

    password.fill("short")
    expect(_rule(page, "At least 10 characters")).not_to_have_class(re.compile(r"\bok\b"))
    expect(submit).to_be_disabled()
    password.fill("1234567890")
    expect(_rule(page, "At least 10 characters")).to_have_class(re.compile(r"\bok\b"))
    expect(_rule(page, "Not a common password")).not_to_have_class(re.compile(r"\bok\b"))
    password.fill("my-adalove-secret")
    expect(_rule(page, "Does not contain")).not_to_have_class(re.compile(r"\bok\b"))
    expect(submit).to_be_disabled()
    password.fill(PASSWORD)
    for label in ("At least 10 characters", "Not a common password", "Does not contain"):
        expect(_rule(page, label)).to_have_class(re.compile(r"\bok\b"))
    shot(page, screenshot_dir, "sign-up")
    expect(submit).to_be_enabled()


def test_sign_in_errors_then_works(new_context: NewContext) -> None:
    page = new_context().new_page()
    email = unique_email("signin")
    page.goto("/signup")
    page.get_by_label("Name").fill("Sid")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Your rooms")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile("/signin$"))

    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("not correct")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your rooms")).to_be_visible()


def test_dashboard_rooms_copy_and_delete(new_context: NewContext, screenshot_dir: Path) -> None:
    page = new_context().new_page()
    sign_up(page, "Dora Dashboard")
    create_room(page, "Keep me")
    page.goto("/")
    create_room(page, "Delete me")
    page.goto("/")
    active = page.get_by_role("region", name="Active")
    expect(active.get_by_test_id("room-row")).to_have_count(2)
    row = active.get_by_test_id("room-row").filter(has_text="Delete me")
    # The language by its name, not its id ("python"), once the self-tested list is in.
    expect(row).to_contain_text("Python 3 · active", timeout=30_000)
    row.get_by_role("button", name="Copy link").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert re.search(r"/join/[\w-]+$", copied)
    shot(page, screenshot_dir, "dashboard-rooms")
    row.get_by_role("button", name="Delete room Delete me").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete room").click()
    expect(active.get_by_test_id("room-row")).to_have_count(1)
    expect(active).to_contain_text("Keep me")


def _is_profile_patch(response: Response) -> bool:
    return response.url.endswith("/api/v1/auth/me") and response.request.method == "PATCH"


@contextmanager
def _saved(page: Page) -> Iterator[None]:
    """Wait for the profile PATCH that the change inside the block sends."""
    with page.expect_response(_is_profile_patch):
        yield


def test_preferences_apply_to_the_editor(new_context: NewContext) -> None:
    page = new_context().new_page()
    sign_up(page, "Pia Prefs")
    with _saved(page):
        page.get_by_label("Theme").select_option("dark")
    with _saved(page):
        page.get_by_label("Keyboard").select_option("vim")
    with _saved(page):
        page.get_by_label("Font size").fill("18")
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    page.reload()  # what the server kept, not what the page remembers
    expect(page.get_by_label("Theme")).to_have_value("dark")
    expect(page.get_by_label("Keyboard")).to_have_value("vim")
    expect(page.get_by_label("Font size")).to_have_value("18")
    create_room(page, "Prefs room")
    wait_live(page)
    expect(page.locator("[data-testid=editor] .monaco-editor.vs-dark")).to_be_visible()
    expect(page.locator("[data-testid=editor][data-keymap=vim]")).to_have_count(1)
    page.reload()
    wait_live(page)
    expect(page.locator("[data-testid=editor] .monaco-editor.vs-dark")).to_be_visible()
    font = page.locator("[data-testid=editor] .view-line").first.evaluate(
        "el => getComputedStyle(el).fontSize"
    )
    assert font == "18px"


def test_unknown_page_and_room(new_context: NewContext) -> None:
    page = new_context().new_page()
    page.goto("/no/such/page")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    sign_up(page, "Nora Nowhere")
    page.goto("/rooms/AAAAAAAAAAAAAAAAAAAAAA")
    expect(page.get_by_role("heading", name="Room not found")).to_be_visible()


def test_room_degrades_on_a_narrow_screen(new_context: NewContext, screenshot_dir: Path) -> None:
    page = new_context().new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    sign_up(page, "Nell Narrow")
    create_room(page, "Phone room")
    wait_live(page)
    expect(page.get_by_role("navigation", name="Files")).to_be_visible()
    shot(page, screenshot_dir, "room-narrow")
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
          .slice(0, 5).map((el) => el.className || el.tagName)"""
    )
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px: {wide}"
    # Keyboard reachable: tabbing from the top reaches the file list and the editor.
    page.keyboard.press("Tab")
    focused: list[str] = []
    for _ in range(40):
        focused.append(page.evaluate("document.activeElement.getAttribute('aria-label') || ''"))
        page.keyboard.press("Tab")
    assert "Add file" in focused
    assert "Code editor" in focused or "Editor content" in focused
