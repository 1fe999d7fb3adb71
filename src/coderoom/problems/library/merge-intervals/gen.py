"""Generate the tests of merge-intervals (deterministic): ``python gen.py``."""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from _build import write_tests  # noqa: E402


def case(intervals: list[tuple[int, int]]) -> str:
    """Format one input."""
    return f"{len(intervals)}\n" + "".join(f"{a} {b}\n" for a, b in intervals)


def random_intervals(rng: random.Random, n: int, span: int, width: int) -> list[tuple[int, int]]:
    """``n`` random intervals inside ``[0, span]`` of width up to ``width``."""
    out = []
    for _ in range(n):
        a = rng.randrange(span)
        out.append((a, a + rng.randrange(width)))
    return out


def main() -> None:
    """Write every test."""
    rng = random.Random(3)
    write_tests(
        HERE,
        [
            case([(1, 3), (2, 6), (8, 10), (15, 18)]),
            case([(4, 5), (1, 4)]),
            case([]),
            case([(5, 5)]),
            case([(1, 10), (2, 3), (4, 5)]),
            case([(6, 8), (1, 2), (3, 4)]),
            case([(1, 4), (0, 0)]),
            case([(2, 3), (2, 3), (2, 3)]),
            case([(0, 1_000_000_000), (5, 7)]),
            case(random_intervals(rng, 200, 1000, 10)),
            case(random_intervals(rng, 50_000, 1_000_000, 30)),
            case(random_intervals(rng, 50_000, 1_000_000, 3)),
        ],
    )


if __name__ == "__main__":
    main()
