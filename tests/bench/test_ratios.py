"""bench/collab/ratios.py reads the harness's table rows into per-round ratios."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).parents[2] / "bench" / "collab" / "ratios.py"
spec = importlib.util.spec_from_file_location("bench_ratios", SCRIPT)
assert spec is not None
assert spec.loader is not None
ratios = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ratios)

REF = "y-websocket ref (@y/websocket-server)"
TABLE = f"""\
| join | coderoom | 20/20 | 285.96 / 365.82 / 365.82 | 280.62 / 360.7 | 0.38 | 0.07 |  |
| join | coderoom | 200000 | 20000 (typing) | 235051 | 1.15 | 0.71 | 164 / 228 | true |
| join | {REF} | 20/20 | 190.43 / 270.17 / 270.17 | 175.27 / 265.55 | 0.28 | 0.12 |  |
| join | {REF} | 200000 | 20000 (typing) | 234988 | 1.31 | 0.87 | 134 / 134 | true |
 15:19:18 up 31 min,  0 user,  load average: 1.62, 1.34, 1.53
| small | coderoom | 20 | 100.1 | 100.1 | 1.18 / 4.21 / 8.0 / 18.15 | 0 |
| small | {REF} | 20 | 100.1 | 100.1 | 1.11 / 2.66 / 4.0 / 12.97 | 0 |
| small | coderoom | 20 | 100.1 | 100.1 | 0.84 / 1.33 / 3.0 / 6.19 | 0 |
| small | {REF} | 20 | 100.07 | 100.07 | 0.89 / 1.65 / 6.0 / 9.97 | 0 |
| small | coderoom | 20 | 100.1 | 100.1 | 0.84 / 1.33 / 5.0 / 6.19 | 0 |
| small | {REF} | 20 | 100.07 | 100.07 | 0.89 / 1.65 / 5.0 / 9.97 | 0 |
"""


def test_rows_become_p99_series_per_scenario_metric_and_server() -> None:
    series = ratios.parse(TABLE.splitlines())
    assert series == {
        ("join", "sync p99", "coderoom"): [365.82],
        ("join", "sync p99", "reference"): [270.17],
        ("small", "edit p99", "coderoom"): [8.0, 3.0, 5.0],
        ("small", "edit p99", "reference"): [4.0, 6.0, 5.0],
    }


def test_the_summary_gives_each_round_and_the_ratio_of_medians() -> None:
    rows = ratios.summarise(ratios.parse(TABLE.splitlines()))
    assert "| join | sync p99 | 1.35 | 365.8 / 270.2 | 1.35 |" in rows
    assert "| small | edit p99 | 2.00 0.50 1.00 | 5.0 / 5.0 | 1.00 |" in rows
