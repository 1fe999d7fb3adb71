"""Generate the tests of running-median (deterministic): ``python gen.py``."""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from _build import write_tests  # noqa: E402


def case(values: list[int]) -> str:
    """Format one input."""
    return f"{len(values)}\n{' '.join(map(str, values))}\n"


def main() -> None:
    """Write every test."""
    rng = random.Random(14)
    write_tests(
        HERE,
        [
            case([5, 15, 1, 3]),
            case([-1, -2, -3]),
            case([]),
            case([42]),
            case([1, 2]),
            case([-1, 1]),
            case([4, 4, 4, 4]),
            case([1_000_000, -1_000_000, 999_999]),
            case([rng.randint(-100, 100) for _ in range(300)]),
            case([rng.randint(-1_000_000, 1_000_000) for _ in range(80_000)]),
            case(list(range(80_000, 0, -1))),
        ],
    )


if __name__ == "__main__":
    main()
