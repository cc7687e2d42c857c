"""Smoke test of the benchmark harness (bench/run.py) at N=1: no timing assertions."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_runs_at_n1_and_both_stacks_match(tmp_path: Path) -> None:
    out, raw_json = tmp_path / "benchmarks.md", tmp_path / "results.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--n",
            "1",
            "--runs",
            "1",
            "--no-cdk",
            "--no-import",
            "--no-profile",
            "--no-counts",
            "--no-warm-up",
            "--out",
            str(out),
            "--json",
            str(raw_json),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,  # a hang guard, not a time budget: CI machines may be loaded
        check=False,
    )
    assert proc.returncode == 0, proc.stderr

    results = json.loads(raw_json.read_text())
    (row,) = results["sizes"]
    ours, floor, raw = row["ours"], row["floor"], row["raw"]
    assert ours["ok"] and floor["ok"] and raw["ok"]
    # One bucket + per endpoint 2 roles, 2 role policies, 2 models, config, endpoint,
    # scalable target, scaling policy, alarm.
    assert ours["custom"] == raw["custom"] == 12
    assert ours["types"] == raw["types"]
    assert ours["components"] > 0 and raw["components"] == 0
    # The floor registers exactly what ours does, registration by registration.
    assert floor["digest"] == ours["digest"] and floor["components"] == ours["components"] == 5
    assert raw["digest"] != ours["digest"]

    report = out.read_text()
    table_row = next(line for line in report.splitlines() if line.startswith("| 1 |"))
    assert "12 / 12" in table_row and "17 (same)" in table_row
    assert len(re.findall(r"\|\s*\d+\.\d+x?\s*", table_row)) >= 6  # times, RSS and ratios
    assert "n/a" not in table_row
