"""Generate the tests of binary-tree-level-order (deterministic): ``python gen.py``."""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from _build import write_tests  # noqa: E402


def random_tree(rng: random.Random, nodes: int, p_child: float) -> str:
    """Level-order serialization of a random tree with up to ``nodes`` nodes."""
    tokens = [str(rng.randint(-1000, 1000))]
    pending, count = 1, 1
    while pending and count < nodes:
        pending -= 1
        for _ in range(2):
            if count < nodes and rng.random() < p_child:
                tokens.append(str(rng.randint(-1000, 1000)))
                pending += 1
                count += 1
            else:
                tokens.append("null")
    while tokens[-1] == "null":
        tokens.pop()
    return " ".join(tokens) + "\n"


def right_chain(length: int) -> str:
    """A tree where every node only has a right child."""
    tokens = ["0"]
    for value in range(1, length):
        tokens += ["null", str(value % 1000)]
    return " ".join(tokens) + "\n"


def main() -> None:
    """Write every test."""
    rng = random.Random(9)
    write_tests(
        HERE,
        [
            "3 9 20 null null 15 7\n",
            "1 null 2 3\n",
            "\n",
            "null\n",
            "42\n",
            "1 2 3 4 5 6 7\n",
            "1 2 null 3 null 4 null 5\n",
            "-1 -2 -3 null -4 null -5\n",
            "5 4 8 11 null 13 4 7 2 null null 5 1\n",
            random_tree(rng, 60, 0.6),
            random_tree(rng, 100_000, 0.75),
            right_chain(50_000),
        ],
    )


if __name__ == "__main__":
    main()
