"""Generate the tests of number-of-islands (deterministic): ``python gen.py``."""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from _build import write_tests  # noqa: E402


def case(rows: list[str]) -> str:
    """Format one input."""
    return f"{len(rows)} {len(rows[0])}\n" + "".join(row + "\n" for row in rows)


def random_map(rng: random.Random, r: int, c: int, land: float) -> list[str]:
    """A random map."""
    return ["".join("1" if rng.random() < land else "0" for _ in range(c)) for _ in range(r)]


def main() -> None:
    """Write every test."""
    rng = random.Random(11)
    checker = ["".join("1" if (i + j) % 2 == 0 else "0" for j in range(700)) for i in range(700)]
    write_tests(
        HERE,
        [
            case(["11110", "11010", "11000", "00000"]),
            case(["11000", "11000", "00100", "00011"]),
            case(["0"]),
            case(["1"]),
            case(["101", "010", "101"]),
            case(["111", "101", "111"]),
            case(["1" * 30]),
            case(random_map(rng, 50, 50, 0.4)),
            case(random_map(rng, 300, 200, 0.55)),
            case(random_map(rng, 700, 700, 0.45)),
            case(["1" * 700 for _ in range(700)]),
            case(checker),
        ],
    )


if __name__ == "__main__":
    main()
