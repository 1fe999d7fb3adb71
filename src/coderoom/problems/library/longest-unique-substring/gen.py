"""Generate the tests of longest-unique-substring (deterministic): ``python gen.py``."""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from _build import write_tests  # noqa: E402

PRINTABLE = "".join(chr(c) for c in range(33, 127))


def main() -> None:
    """Write every test."""
    rng = random.Random(4)
    random_big = "".join(rng.choice(PRINTABLE) for _ in range(200_000))
    cycle_big = PRINTABLE * (200_000 // len(PRINTABLE))
    small_alpha = "".join(rng.choice("abcde") for _ in range(200_000))
    write_tests(
        HERE,
        [
            "abcabcbb\n",
            "bbbbb\n",
            "pwwkew\n",
            "\n",
            "z\n",
            "dvdf\n",
            "abba\n",
            "tmmzuxt\n",
            "!@#!@#$%^\n",
            PRINTABLE + "\n",
            random_big + "\n",
            cycle_big + "\n",
            small_alpha + "\n",
        ],
    )


if __name__ == "__main__":
    main()
