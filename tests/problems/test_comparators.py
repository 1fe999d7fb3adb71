"""Comparator edge cases: line endings, trailing whitespace, floats, unordered lines."""

from __future__ import annotations

import pytest

from coderoom.problems.comparators import outputs_match


@pytest.mark.parametrize(
    ("expected", "actual", "ok"),
    [
        ("1 2\n3\n", "1 2\n3\n", True),
        ("1 2\n3\n", "1 2\r\n3\r\n", True),  # CRLF
        ("1 2\n3\n", "1 2\r3", True),  # old Mac CR, no final newline
        ("1 2\n3\n", "1 2\n3\n\n\n", True),  # trailing blank lines
        ("1 2\n3\n", "1 2 \n3\n", False),  # trailing space matters for exact
        ("1 2\n3\n", "1  2\n3\n", False),
        ("1 2\n3\n", "1 2\n\n3\n", False),
        ("", "", True),
        ("", "\n", True),
        ("x\n", "", False),
    ],
)
def test_exact(expected: str, actual: str, ok: bool) -> None:
    assert outputs_match("exact", expected, actual) is ok


@pytest.mark.parametrize(
    ("expected", "actual", "ok"),
    [
        ("1 2\n3\n", "1 2   \n3\t\n", True),  # trailing whitespace
        ("1 2\n3\n", "  1\t2\r\n3", True),  # leading, tabs, CRLF
        ("1 2\n3\n", "1 2 3\n", False),  # line structure still matters
        ("1 2\n3\n", "1\n2\n3\n", False),
        ("1 2\n3\n", "1 2\n3\n\n  \n", True),
        ("true\n", "True\n", False),  # case-sensitive
        ("\n", "", True),
        ("1.0\n", "1\n", False),  # no numeric leniency here
    ],
)
def test_whitespace(expected: str, actual: str, ok: bool) -> None:
    assert outputs_match("whitespace", expected, actual) is ok


@pytest.mark.parametrize(
    ("expected", "actual", "ok"),
    [
        ("a b\nc\n", "c\na b\n", True),
        ("a b\nc\n", "c \r\n a  b\r\n", True),
        ("a\na\nb\n", "a\nb\nb\n", False),  # a multiset, not a set
        ("a\nb\n", "a\nb\nc\n", False),
        ("a\nb\n", "\nb\n\na\n", True),  # blank lines ignored
        ("a b\n", "b a\n", False),  # order inside a line matters
    ],
)
def test_unordered_lines(expected: str, actual: str, ok: bool) -> None:
    assert outputs_match("lines_unordered", expected, actual) is ok


@pytest.mark.parametrize(
    ("expected", "actual", "ok"),
    [
        ("2.5\n", "2.5000001\n", True),
        ("2.5\n", "2.5001\n", False),
        ("3.0\n", "3\n", True),
        ("3.0\n", "3.\n", True),
        ("1e9\n", "1000000000.5\n", True),  # relative tolerance for large values
        ("0.0\n", "-0.0\n", True),
        ("1.5 x\n", "1.5 x\n", True),  # non-numeric tokens compared exactly
        ("1.5 x\n", "1.5 y\n", False),
        ("nan\n", "nan\n", True),  # identical text
        ("1.0\n", "nan\n", False),
        ("inf\n", "1e308\n", False),
        ("1.0\n2.0\n", "1.0 2.0\n", False),  # line structure matters
        ("1.0\r\n", "1.0000000001", True),
    ],
)
def test_float(expected: str, actual: str, ok: bool) -> None:
    assert outputs_match("float", expected, actual) is ok


def test_float_tolerance_is_configurable() -> None:
    assert outputs_match("float", "1.0", "1.05", tolerance=0.1)
    assert not outputs_match("float", "1.0", "1.05", tolerance=0.01)
