"""The small a+b problem the problems tests author, and what tests/problems/conftest.py seeds."""

from __future__ import annotations

from typing import Any

# Library problems seeded for every problems test.
SEEDED = ("two-sum", "valid-parentheses", "group-anagrams", "binary-tree-level-order")

HIDDEN = "HIDDEN-7f3a"  # appears only in hidden tests and solutions
SOLVE = "import sys\na, b = map(int, sys.stdin.readline().split())\nprint(a + b)\n"


def add_two(**overrides: Any) -> dict[str, Any]:
    """A small a+b problem whose hidden data carries the ``HIDDEN`` marker."""
    return {
        "slug": "add-two",
        "title": "Add two numbers",
        "difficulty": "easy",
        "statement": "Print a + b.",
        "solutions": {"python": SOLVE + f"# {HIDDEN}\n"},
        "tests": [
            {"stdin": "1 2\n", "expected_stdout": "3\n", "is_sample": True},
            {"stdin": f"40 2\n{HIDDEN}\n", "expected_stdout": "42\n", "weight": 3},
            {"stdin": f"-5 5\n{HIDDEN}\n", "expected_stdout": "0\n"},
        ],
        **overrides,
    }
