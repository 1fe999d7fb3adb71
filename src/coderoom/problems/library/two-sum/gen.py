"""Generate the tests of two-sum (deterministic): ``python gen.py``."""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from _build import write_tests  # noqa: E402


def case(values: list[int], target: int) -> str:
    """Format one input."""
    return f"{len(values)}\n{' '.join(map(str, values))}\n{target}\n"


def main() -> None:
    """Write every test."""
    rng = random.Random(20261122)
    big_even = [rng.randrange(0, 1_000_000, 2) for _ in range(50_000)]
    late = [rng.randrange(0, 1_000_000, 2) for _ in range(49_998)] + [1, 3]
    write_tests(
        HERE,
        [
            case([2, 7, 11, 15], 9),
            case([3, 2, 4], 6),
            case([], 5),
            case([5], 10),
            case([3, 3], 6),
            case([-1, -2, -3, -4, -5], -8),
            case([1, 5, 1, 5], 6),
            case([1_000_000_000, 1_000_000_000, -7], 2_000_000_000),
            case([0, 4, 3, 0], 0),
            case(big_even, 1_000_001),
            case(late, 4),
        ],
    )


if __name__ == "__main__":
    main()
