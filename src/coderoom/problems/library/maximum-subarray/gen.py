"""Generate the tests of maximum-subarray (deterministic): ``python gen.py``."""

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
    rng = random.Random(15)
    write_tests(
        HERE,
        [
            case([-2, 1, -3, 4, -1, 2, 1, -5, 4]),
            case([-3, -1, -2]),
            case([]),
            case([-7]),
            case([5, 4, -1, 7, 8]),
            case([0, 0, 0]),
            case([2, -1, 2, -1, 2]),
            case([10_000] * 5 + [-10_000] * 3 + [10_000] * 2),
            case([rng.randint(-100, 100) for _ in range(1_000)]),
            case([rng.randint(-10_000, 10_000) for _ in range(100_000)]),
            case([10_000] * 100_000),
        ],
    )


if __name__ == "__main__":
    main()
