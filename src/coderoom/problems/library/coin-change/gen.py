"""Generate the tests of coin-change (deterministic): ``python gen.py``."""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from _build import write_tests  # noqa: E402


def case(coins: list[int], amount: int) -> str:
    """Format one input."""
    return f"{len(coins)} {amount}\n{' '.join(map(str, coins))}\n"


def main() -> None:
    """Write every test."""
    rng = random.Random(12)
    write_tests(
        HERE,
        [
            case([1, 2, 5], 11),
            case([2], 3),
            case([1], 0),
            case([], 7),
            case([], 0),
            case([1, 3, 4], 6),
            case([7], 7),
            case([186, 419, 83, 408], 6249),
            case([5, 10], 9_999),
            case(rng.sample(range(1, 200), 20), 9_973),
            case(rng.sample(range(50, 10_000), 50), 10_000),
            case([9_999, 9_998, 3, 7, 1_000], 10_000),
        ],
    )


if __name__ == "__main__":
    main()
