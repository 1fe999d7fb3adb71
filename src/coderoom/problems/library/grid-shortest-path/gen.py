"""Generate the tests of grid-shortest-path (deterministic): ``python gen.py``."""

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


def random_grid(rng: random.Random, r: int, c: int, walls: float) -> list[str]:
    """A random grid with open corners."""
    rows = ["".join("#" if rng.random() < walls else "." for _ in range(c)) for _ in range(r)]
    rows[0] = "." + rows[0][1:]
    rows[-1] = rows[-1][:-1] + "."
    return rows


def serpentine(r: int, c: int) -> list[str]:
    """Walls on every other row, with a gap alternating left and right: one long path."""
    rows = []
    for k in range(r):
        if k % 2 == 0:
            rows.append("." * c)
        elif k % 4 == 1:
            rows.append("#" * (c - 1) + ".")
        else:
            rows.append("." + "#" * (c - 1))
    return rows


def main() -> None:
    """Write every test."""
    rng = random.Random(10)
    write_tests(
        HERE,
        [
            case(["..#", "#..", "##."]),
            case([".#", "#."]),
            case(["."]),
            case(["#"]),
            case([".....", ".###.", ".#...", ".#.##", "....."]),
            case(["..", ".#"]),
            case(["." * 50]),
            case(random_grid(rng, 30, 40, 0.3)),
            case(serpentine(41, 60)),
            case(random_grid(rng, 700, 700, 0.2)),
            case(serpentine(699, 700)),
            case(["." * 700 for _ in range(700)]),
        ],
    )


if __name__ == "__main__":
    main()
