"""Write (or check) the golden registrations of the benchmark stack.

Usage::

    .venv/bin/python scripts/bench_golden.py          # rewrite the golden file
    .venv/bin/python scripts/bench_golden.py --check  # print the differences, exit 1 if any

The golden file holds the normalized registrations (URNs, types, parents, inputs, dependencies;
see ``bench/registrations.py``) of ``bench/stack_ours.py`` at N=2 endpoints (two, so that
anything shared between endpoints is covered). Performance work must leave it unchanged;
an intended change of what the components register (a new input, a renamed child) is
committed together with the regenerated file, after reading its diff.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from registrations import diff, normalize  # noqa: E402
from stack_ours import build  # noqa: E402

from pulumi_sagemaker_hosting.testing import mocked_stack, run  # noqa: E402

GOLDEN = ROOT / "tests" / "golden" / "bench_registrations.json"
ENDPOINTS = 2


def current() -> list[dict[str, Any]]:
    """The normalized registrations of the benchmark stack at ``ENDPOINTS`` endpoints."""
    with mocked_stack() as monitor:
        run(lambda: build(ENDPOINTS))
    # A JSON round trip: tuples become lists and numbers what the file holds.
    loaded: list[dict[str, Any]] = json.loads(json.dumps(normalize(monitor.registrations)))
    return loaded


def render(records: list[dict[str, Any]]) -> str:
    """The golden file's text."""
    return json.dumps(records, indent=1, sort_keys=True) + "\n"


def main() -> int:
    """Rewrite the golden file, or with ``--check`` compare it."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    records = current()
    if args.check:
        problems = diff(json.loads(GOLDEN.read_text(encoding="utf-8")), records)
        print("\n".join(problems) or "up to date")
        return 1 if problems else 0
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    GOLDEN.write_text(render(records), encoding="utf-8")
    print(f"wrote {GOLDEN.relative_to(ROOT)} ({len(records)} registrations)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
