"""The benchmark report's CDK and import tables, from given results (nothing is run or timed)."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

BENCH = Path(__file__).resolve().parent.parent / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import report  # noqa: E402


def _cdk(synth_ok: bool, **fields: Any) -> dict[str, Any]:
    entry = {
        "synth_ok": synth_ok,
        "resources": None,
        "stacks": None,
        "max_stack_resources": None,
        "error": None,
        "wall_s": 4.0,
        "cpu_s": 5.0,
        "maxrss_mb": 480.0,
    }
    return {"default": {**entry, **fields}}


def _results(*rows: dict[str, Any]) -> dict[str, Any]:
    return {"runs": 3, "cdk": {"available": True, "reason": "node v20"}, "sizes": list(rows)}


def test_cdk_rows_show_stacks_the_largest_stack_and_both_ratios() -> None:
    ours = {"ok": True, "wall_s": 2.0, "cpu_s": 2.5}
    row = {
        "n": 100,
        "ours": ours,
        "cdk": _cdk(True, resources=1101, stacks=4, max_stack_resources=495),
    }
    lines = report._cdk_table(_results(row))
    assert "| 100 | ok, 1101 resources | 4 | 495 | 4.00 | 5.00 | 480 | 0.50x | 0.50x |" in lines


def test_a_failed_cdk_synth_is_reported_with_its_error_and_no_ratio() -> None:
    row = {
        "n": 1,
        "ours": {"ok": True, "wall_s": 1.0, "cpu_s": 1.0},
        "cdk": _cdk(False, error="boom"),
    }
    (last,) = [line for line in report._cdk_table(_results(row)) if line.startswith("| 1 |")]
    assert "**synth error**: boom" in last and last.endswith("| n/a | n/a |")


def test_import_rows_show_wall_and_cpu() -> None:
    entry = {
        "ok": True,
        "import_s": 0.05,
        "import_cpu_s": 0.02,
        "wall_s": 0.5,
        "cpu_s": 0.4,
        "maxrss_mb": 90,
    }
    lines = report._imports({"runs": 3, "imports": {"import x": entry}})
    assert "| `import x` | 0.050 | 0.020 | 0.500 | 0.400 | 90 |" in lines


def test_paired_ratios_are_taken_round_by_round() -> None:
    # Round 2 was disturbed for ours only; the ratio of minima (1.0/1.0) hides nothing here,
    # but the per-round ratios are 1.10, 1.50 and 1.00: median 1.10, range 1.00-1.50.
    row = {
        "n": 100,
        "ours": {"ok": True, "walls": [1.1, 1.5, 1.0], "cpus": [2.0, 2.0, 2.0]},
        "floor": {"ok": True, "walls": [1.0, 1.0, 1.0], "cpus": [1.0, 2.0, 4.0]},
        "raw": {"ok": False, "error": "boom"},
    }
    assert report._paired(row, "walls", "floor") == "1.10x (1.00-1.50)"
    assert report._paired(row, "cpus", "floor") == "1.00x (0.50-2.00)"
    assert report._paired(row, "walls", "raw") == "n/a"


def test_rounds_rotate_which_program_runs_first(monkeypatch: Any) -> None:
    import run

    order: list[str] = []

    def fake_run_once(cmd: list[str], env: dict[str, str]) -> Any:
        order.append(Path(cmd[1]).stem.removeprefix("stack_"))
        return SimpleNamespace(returncode=1, stdout="", stderr="not run")

    monkeypatch.setattr(run, "run_once", fake_run_once)
    measured = run.measure_pulumi(1, 4)
    assert order == [
        *("ours", "floor", "raw"),
        *("floor", "raw", "ours"),
        *("raw", "ours", "floor"),
        *("ours", "floor", "raw"),
    ]
    assert measured["ours"] == {"ok": False, "error": "exit 1: not run"}
