"""Shared by every problem's ``gen.py``: write ``tests/NN.in`` and ``tests/NN.out``.

Expected outputs come from the problem's Python reference solution; the test suite
then checks that the Python, JavaScript, Java and C++ references all agree with them
through the real sandbox, so a bug in one reference cannot hide.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

MAX_INPUT_BYTES = 1_000_000


def write_tests(folder: Path, inputs: list[str]) -> None:
    """Replace ``folder/tests`` with one ``.in``/``.out`` pair per input, numbered from 01."""
    tests = folder / "tests"
    tests.mkdir(exist_ok=True)
    for old in tests.iterdir():
        old.unlink()
    solution = folder / "solutions" / "main.py"
    for number, stdin in enumerate(inputs, 1):
        if len(stdin.encode()) > MAX_INPUT_BYTES:
            raise ValueError(f"test {number} of {folder.name} is over {MAX_INPUT_BYTES} bytes")
        result = subprocess.run(  # noqa: S603 - our own reference solution
            [sys.executable, str(solution)],
            input=stdin,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        (tests / f"{number:02d}.in").write_text(stdin)
        (tests / f"{number:02d}.out").write_text(result.stdout)
