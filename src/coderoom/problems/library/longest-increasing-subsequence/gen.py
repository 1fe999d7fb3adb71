"""Generate the tests of longest-increasing-subsequence (deterministic): ``python gen.py``."""

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
    rng = random.Random(13)
    trend = [k * 5 + rng.randint(-400, 400) for k in range(60_000)]
    write_tests(
        HERE,
        [
            case([10, 9, 2, 5, 3, 7, 101, 18]),
            case([7] * 7),
            case([]),
            case([-5]),
            case([0, 1, 0, 3, 2, 3]),
            case([5, 4, 3, 2, 1]),
            case([1, 2, 3, 4, 5]),
            case([-1_000_000_000, 1_000_000_000, 0, 999_999_999]),
            case([rng.randint(-50, 50) for _ in range(500)]),
            case([rng.randint(-999_999, 999_999) for _ in range(60_000)]),
            case(trend),
        ],
    )


if __name__ == "__main__":
    main()
