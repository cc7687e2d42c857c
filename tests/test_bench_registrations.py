"""The benchmark stack registers exactly what the golden file says (performance work is inert).

The golden file is written by ``scripts/bench_golden.py``; see its docstring for when to
regenerate it.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
REGENERATE = ".venv/bin/python scripts/bench_golden.py"


def _golden_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_golden", ROOT / "scripts" / "bench_golden.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bench_stack_registrations_match_the_golden_file() -> None:
    script = _golden_script()
    expected = json.loads(script.GOLDEN.read_text(encoding="utf-8"))
    actual = script.current()
    problems = script.diff(expected, actual)
    assert not problems, (
        "the benchmark stack's registrations changed:\n"
        + "\n".join(problems[:20])
        + f"\n\nIf the change is intended (a new input, a renamed child, new validation "
        f"defaults), regenerate the golden file with `{REGENERATE}`, read its diff "
        "(`git diff tests/golden/`) and commit it with the change. Performance work must "
        "leave it unchanged."
    )
    # Two endpoints, 16 registrations each, plus the shared bucket.
    assert len(actual) == 2 * 16 + 1
