"""Generate the tests of meeting-rooms (deterministic): ``python gen.py``."""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from _build import write_tests  # noqa: E402


def case(meetings: list[tuple[int, int]]) -> str:
    """Format one input."""
    return f"{len(meetings)}\n" + "".join(f"{s} {e}\n" for s, e in meetings)


def random_meetings(rng: random.Random, n: int, span: int, longest: int) -> list[tuple[int, int]]:
    """``n`` random meetings starting inside ``[0, span)``."""
    out = []
    for _ in range(n):
        s = rng.randrange(span)
        out.append((s, s + rng.randint(1, longest)))
    return out


def main() -> None:
    """Write every test."""
    rng = random.Random(16)
    write_tests(
        HERE,
        [
            case([(0, 30), (5, 10), (15, 20)]),
            case([(7, 10), (2, 4)]),
            case([]),
            case([(1, 2)]),
            case([(1, 10), (10, 20), (20, 30)]),
            case([(1, 5), (1, 5), (1, 5)]),
            case([(0, 1_000_000_000), (1, 2), (3, 4), (2, 3)]),
            case([(9, 10), (4, 9), (4, 17)]),
            case(random_meetings(rng, 500, 1_000, 50)),
            case(random_meetings(rng, 50_000, 1_000_000, 2_000)),
            case([(k, 1_000_000 - k) for k in range(50_000)]),
        ],
    )


if __name__ == "__main__":
    main()
