"""Summarise a run of ``bench/collab/run.sh``: coderoom ÷ reference, per round and overall.

A single p99 moves several-fold between runs on this machine, so the summary gives each
round's ratio (both servers measured back to back) and the ratio of the medians over
the rounds, which is the figure to compare against the target.

    python bench/collab/ratios.py [bench/results/table.md]
"""

from __future__ import annotations

import statistics
import sys
from collections import defaultdict
from pathlib import Path

OURS = "coderoom"


def _numbers(cell: str) -> list[float]:
    return [float(part) for part in cell.split(" / ")]


def parse(lines: list[str]) -> dict[tuple[str, str, str], list[float]]:
    """``(scenario, metric, server) -> [p99 per round]`` from the harness's table rows.

    The edit row carries ``p50 / p95 / p99 / max`` in its sixth cell, the connect row
    ``clients/clients`` in its third and ``p50 / p95 / p99`` sync latency in its fourth;
    the join tests' fill row has neither and is skipped.
    """
    series: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    for line in lines:
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 6:
            continue
        scenario, server = cells[0], (OURS if cells[1] == OURS else "reference")
        if "/" in cells[2]:
            series[(scenario, "sync p99", server)].append(_numbers(cells[3])[2])
        elif cells[5].count(" / ") == 3:
            series[(scenario, "edit p99", server)].append(_numbers(cells[5])[2])
    return series


def summarise(series: dict[tuple[str, str, str], list[float]]) -> list[str]:
    """Markdown rows: scenario, metric, per-round ratios, medians and their ratio."""
    rows = [
        "| scenario | metric | coderoom ÷ reference, per round | median p99 (ms): coderoom"
        " / reference | ratio of medians |",
        "|---|---|---|---|---|",
    ]
    keys = sorted({(scenario, metric) for scenario, metric, _ in series})
    for scenario, metric in keys:
        ours, ref = (
            series.get((scenario, metric, OURS)),
            series.get((scenario, metric, "reference")),
        )
        if not ours or not ref:
            continue
        per_round = " ".join(f"{a / b:.2f}" for a, b in zip(ours, ref, strict=False))
        mine, theirs = statistics.median(ours), statistics.median(ref)
        rows.append(
            f"| {scenario} | {metric} | {per_round} | {mine:.1f} / {theirs:.1f}"
            f" | {mine / theirs:.2f} |"
        )
    return rows


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/results/table.md")
    print("\n".join(summarise(parse(path.read_text().splitlines()))))


if __name__ == "__main__":
    main()
