"""Generate the tests of daily-temperatures (deterministic): ``python gen.py``."""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from _build import write_tests  # noqa: E402


def case(temps: list[int]) -> str:
    """Format one input."""
    return f"{len(temps)}\n{' '.join(map(str, temps))}\n"


def main() -> None:
    """Write every test."""
    rng = random.Random(8)
    cooling = [100 - (70 * k) // 100_000 for k in range(100_000)]
    write_tests(
        HERE,
        [
            case([73, 74, 75, 71, 69, 72, 76, 73]),
            case([30, 60, 90]),
            case([]),
            case([55]),
            case([90, 60, 30]),
            case([50, 50, 50, 51]),
            case([70, 60, 50, 40, 80]),
            case([rng.randint(30, 100) for _ in range(200)]),
            case([rng.randint(30, 35) for _ in range(1_000)]),
            case(cooling),
            case([*cooling[:-1], 100]),
        ],
    )


if __name__ == "__main__":
    main()
