"""Output comparators: does a program's stdout match the expected output?

Every comparator first normalises line endings (CRLF and lone CR become LF), so a
program written on any platform is judged the same. Beyond that:

- ``exact``: the same lines, character for character; only a missing or extra final
  newline (and blank lines at the very end) are forgiven.
- ``whitespace``: the same lines, each compared as its whitespace-separated tokens
  (so spacing and trailing whitespace do not matter); trailing blank lines ignored.
- ``lines_unordered``: the same multiset of lines (each compared as tokens), in any
  order; blank lines ignored.
- ``float``: like ``whitespace``, but tokens that both parse as finite numbers match
  when they differ by at most the tolerance (absolute, or relative to the expected value).
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Literal

ComparatorKind = Literal["exact", "whitespace", "lines_unordered", "float"]
COMPARATORS: tuple[ComparatorKind, ...] = ("exact", "whitespace", "lines_unordered", "float")
DEFAULT_FLOAT_TOLERANCE = 1e-6


def _lines(text: str) -> list[str]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def _token_lines(text: str) -> list[list[str]]:
    return [line.split() for line in _lines(text)]


def _floats_match(expected: str, actual: str, tolerance: float) -> bool:
    if expected == actual:
        return True
    try:
        want, got = float(expected), float(actual)
    except ValueError:
        return False
    # NaN and infinities only match themselves textually (checked above).
    if not (math.isfinite(want) and math.isfinite(got)):
        return False
    return abs(want - got) <= tolerance * max(1.0, abs(want))


def _float_equal(expected: str, actual: str, tolerance: float) -> bool:
    want, got = _token_lines(expected), _token_lines(actual)
    if [len(line) for line in want] != [len(line) for line in got]:
        return False
    return all(
        _floats_match(w, g, tolerance)
        for want_line, got_line in zip(want, got, strict=True)
        for w, g in zip(want_line, got_line, strict=True)
    )


def outputs_match(
    kind: ComparatorKind,
    expected: str,
    actual: str,
    *,
    tolerance: float | None = None,
) -> bool:
    """Whether ``actual`` stdout is accepted for a test expecting ``expected``.

    Args:
        kind: which comparator (see the module docstring).
        expected: the test's expected stdout.
        actual: what the program printed.
        tolerance: for ``float``; defaults to ``DEFAULT_FLOAT_TOLERANCE``.

    Returns:
        True when the output is accepted.
    """
    if kind == "exact":
        return _lines(expected) == _lines(actual)
    if kind == "whitespace":
        return _token_lines(expected) == _token_lines(actual)
    if kind == "lines_unordered":
        want = Counter(" ".join(line) for line in _token_lines(expected) if line)
        return want == Counter(" ".join(line) for line in _token_lines(actual) if line)
    return _float_equal(
        expected, actual, DEFAULT_FLOAT_TOLERANCE if tolerance is None else tolerance
    )
