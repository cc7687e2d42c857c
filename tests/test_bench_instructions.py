"""``bench/instructions.py``: the per-endpoint arithmetic, the parsing and the report section.

Valgrind itself is not needed (a fresh CI machine has none): a stand-in ``valgrind`` on PATH
prints callgrind's ``Collected`` line with a count that depends on the program and N, so the
test checks that the right command reaches it and the increment is computed from its numbers.
The stand-in also runs the child build, so the ``--child`` mode is exercised for real.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import instructions  # noqa: E402
import report  # noqa: E402

# Instructions of the stand-in: a fixed start-up plus a per-endpoint cost per program.
FAKE = """#!/bin/sh
# valgrind --tool=callgrind --callgrind-out-file=/dev/null PYTHON SCRIPT --child PROGRAM N
[ "$1" = "--tool=callgrind" ] || exit 9
[ "$2" = "--callgrind-out-file=/dev/null" ] || exit 9
shift 2
"$@" || exit $?
program=$4
n=$5
case $program in ours) per=1100;; floor) per=1000;; *) per=800;; esac
echo "==1== Collected : $((5000000 + per * n))" >&2
"""


@pytest.fixture
def fake_valgrind(tmp_path: Path) -> dict[str, str]:
    tool = tmp_path / "valgrind"
    tool.write_text(FAKE)
    tool.chmod(tool.stat().st_mode | stat.S_IEXEC)
    return {**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}"}


def test_per_endpoint_is_the_increment_between_the_two_sizes(
    fake_valgrind: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", fake_valgrind["PATH"])
    result = instructions.per_endpoint(["ours", "floor"], 1, 3, env=fake_valgrind)
    assert result == {
        "available": True,
        "sizes": [1, 3],
        "ours": {"at": {"1": 5001100, "3": 5003300}, "per_endpoint": 1100.0},
        "floor": {"at": {"1": 5001000, "3": 5003000}, "per_endpoint": 1000.0},
    }


def test_a_failed_child_is_an_error_not_a_number(
    fake_valgrind: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", fake_valgrind["PATH"])
    with pytest.raises(RuntimeError, match="callgrind run of nosuch at N=1 failed"):
        instructions.count("nosuch", 1, env=fake_valgrind)


def test_without_valgrind_nothing_is_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(instructions.shutil, "which", lambda _name: None)
    assert instructions.per_endpoint(["ours"], 10, 30) == {
        "available": False,
        "reason": "valgrind is not installed",
    }


def test_report_section_gives_millions_and_ratios() -> None:
    found = {
        "available": True,
        "sizes": [10, 30],
        "ours": {"per_endpoint": 33_000_000.0},
        "floor": {"per_endpoint": 30_000_000.0},
        "raw": {"per_endpoint": 24_000_000.0},
    }
    lines = report._instructions({"instructions": found})
    assert "| instructions per endpoint (millions) | 33.0 | 30.0 | 24.0 |" in lines
    assert "| ours/floor | 1.10x | | |" in lines
    assert "| ours/raw | 1.38x | | |" in lines
    assert "(Ir at N=30 - Ir at N=10) / 20" in lines[2]
    assert report._instructions({})[-1] == "Not run (`--instructions` not given)."
    unavailable = {"available": False, "reason": "valgrind is not installed"}
    assert report._instructions({"instructions": unavailable})[-1] == (
        "Not run: valgrind is not installed."
    )
