"""Generate the tests of group-anagrams (deterministic): ``python gen.py``."""

from __future__ import annotations

import random
import string
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from _build import write_tests  # noqa: E402


def case(words: list[str]) -> str:
    """Format one input."""
    return f"{len(words)}\n{' '.join(words)}\n"


def word(rng: random.Random, low: int, high: int) -> str:
    """A random lowercase word."""
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(low, high)))


def shuffled(rng: random.Random, text: str) -> str:
    """An anagram of ``text``."""
    letters = list(text)
    rng.shuffle(letters)
    return "".join(letters)


def main() -> None:
    """Write every test."""
    rng = random.Random(5)
    distinct = [word(rng, 8, 12) for _ in range(60_000)]
    bases = [word(rng, 5, 8) for _ in range(2_000)]
    clustered = [shuffled(rng, rng.choice(bases)) for _ in range(60_000)]
    write_tests(
        HERE,
        [
            case(["eat", "tea", "tan", "ate", "nat", "bat"]),
            case(["a"]),
            case([]),
            case(["abc", "abc", "cba"]),
            case(["ab", "abb", "bab", "ba"]),
            case(["x", "y", "z"]),
            case(["listen", "silent", "enlist", "google", "gogole", "inlets"]),
            case(["aab", "aba", "baa", "abb"]),
            case([word(rng, 1, 3) for _ in range(500)]),
            case([shuffled(rng, "interview") for _ in range(1_000)]),
            case(distinct),
            case(clustered),
        ],
    )


if __name__ == "__main__":
    main()
