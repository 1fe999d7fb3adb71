"""Generate the tests of valid-parentheses (deterministic): ``python gen.py``."""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from _build import write_tests  # noqa: E402

PAIRS = {"(": ")", "[": "]", "{": "}"}


def balanced(rng: random.Random, pairs: int) -> str:
    """A random valid string with ``pairs`` bracket pairs."""
    out: list[str] = []
    stack: list[str] = []
    opened = 0
    while opened < pairs or stack:
        if opened < pairs and (not stack or rng.random() < 0.5):
            bracket = rng.choice("([{")
            out.append(bracket)
            stack.append(PAIRS[bracket])
            opened += 1
        else:
            out.append(stack.pop())
    return "".join(out)


def main() -> None:
    """Write every test."""
    rng = random.Random(7)
    big = balanced(rng, 100_000)
    deep = "(" * 50_000 + "[" * 50_000 + "]" * 50_000 + ")" * 50_000
    write_tests(
        HERE,
        [
            "()[]{}\n",
            "(]\n",
            "{[]}\n",
            "\n",
            "(\n",
            "}\n",
            "([)]\n",
            "(((\n",
            "())(\n",
            "{[()()]}[]\n",
            big + "\n",
            deep[:-1] + "]\n",
            big[:-1] + "\n",
        ],
    )


if __name__ == "__main__":
    main()
