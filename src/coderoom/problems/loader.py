"""Reads the built-in problem library from ``problems/library/<slug>/``.

Folder layout (one per problem): ``problem.yml`` (title, difficulty, tags, limits,
comparator, how many leading tests are samples, weights), ``statement.md``,
``tests/NN.in`` + ``tests/NN.out``, ``starter/``, ``solutions/`` and ``wrong/`` holding
one ``main.py``/``main.js``/``Main.java``/``main.cpp`` per language.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml

from coderoom.problems.comparators import COMPARATORS, ComparatorKind

LIBRARY_DIR = Path(__file__).parent / "library"
SOURCE_FILES = {
    "main.py": "python",
    "main.js": "javascript",
    "Main.java": "java",
    "main.cpp": "cpp",
}


@dataclass(frozen=True)
class LibraryTest:
    """One test case as stored on disk."""

    stdin: str
    expected_stdout: str
    is_sample: bool
    weight: int


@dataclass(frozen=True)
class LibraryProblem:
    """A built-in problem as read from its folder."""

    slug: str
    title: str
    difficulty: str
    tags: list[str]
    statement: str
    comparator: ComparatorKind
    float_tolerance: float | None
    time_limit_s: float | None
    memory_mb: int | None
    starter_code: dict[str, str]
    solutions: dict[str, str]
    wrong: dict[str, str]
    tests: list[LibraryTest] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        """A digest of everything seeding stores; unchanged hash means nothing to update."""
        stored = asdict(self)
        del stored["wrong"]
        return hashlib.sha256(json.dumps(stored, sort_keys=True).encode()).hexdigest()


def _sources(folder: Path) -> dict[str, str]:
    return {
        language: (folder / name).read_text()
        for name, language in SOURCE_FILES.items()
        if (folder / name).is_file()
    }


def _tests(folder: Path, samples: int, weights: dict[int, int]) -> list[LibraryTest]:
    inputs = sorted((folder / "tests").glob("*.in"))
    return [
        LibraryTest(
            stdin=path.read_text(),
            expected_stdout=path.with_suffix(".out").read_text(),
            is_sample=number <= samples,
            weight=weights.get(number, 1),
        )
        for number, path in enumerate(inputs, 1)
    ]


def load_problem_blocking(folder: Path) -> LibraryProblem:
    """Read one problem folder (blocking file I/O).

    Raises:
        ValueError: ``problem.yml`` names an unknown comparator or difficulty.
    """
    meta: dict[str, Any] = yaml.safe_load((folder / "problem.yml").read_text())
    comparator = meta.get("comparator", "whitespace")
    if comparator not in COMPARATORS:
        raise ValueError(f"{folder.name}: unknown comparator {comparator!r}")
    if meta["difficulty"] not in ("easy", "medium", "hard"):
        raise ValueError(f"{folder.name}: unknown difficulty {meta['difficulty']!r}")
    weights = {int(k): int(v) for k, v in (meta.get("weights") or {}).items()}
    return LibraryProblem(
        slug=folder.name,
        title=meta["title"],
        difficulty=meta["difficulty"],
        tags=list(meta.get("tags", [])),
        statement=(folder / "statement.md").read_text(),
        comparator=cast(ComparatorKind, comparator),
        float_tolerance=meta.get("float_tolerance"),
        time_limit_s=meta.get("time_limit_s"),
        memory_mb=meta.get("memory_mb"),
        starter_code=_sources(folder / "starter"),
        solutions=_sources(folder / "solutions"),
        wrong=_sources(folder / "wrong"),
        tests=_tests(folder, int(meta.get("samples", 0)), weights),
    )


def load_library_blocking(
    root: Path = LIBRARY_DIR, slugs: Collection[str] | None = None
) -> list[LibraryProblem]:
    """The problem folders under ``root`` (only ``slugs`` if given), sorted by slug.

    Blocking file I/O (about 20 MB for the whole library).
    """
    return [
        load_problem_blocking(folder)
        for folder in sorted(root.iterdir())
        if (folder / "problem.yml").is_file() and (slugs is None or folder.name in slugs)
    ]
