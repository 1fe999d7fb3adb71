"""Generate the tests of container-with-most-water (deterministic): ``python gen.py``."""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from _build import write_tests  # noqa: E402


def case(heights: list[int]) -> str:
    """Format one input."""
    return f"{len(heights)}\n{' '.join(map(str, heights))}\n"


def main() -> None:
    """Write every test."""
    rng = random.Random(6)
    write_tests(
        HERE,
        [
            case([1, 8, 6, 2, 5, 4, 8, 3, 7]),
            case([1, 1]),
            case([]),
            case([5]),
            case([0, 0, 0]),
            case([4, 3, 2, 1, 4]),
            case([1, 2, 1]),
            case([2, 3, 10, 5, 7, 8, 9]),
            case([rng.randint(0, 100) for _ in range(300)]),
            case([rng.randint(0, 10_000) for _ in range(100_000)]),
            case([10_000 - k % 10_000 for k in range(100_000)]),
        ],
    )


if __name__ == "__main__":
    main()
