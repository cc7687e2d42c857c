"""Count the machine instructions one more endpoint costs, under Valgrind: a noise-free ratio.

Usage: ``.venv/bin/python bench/instructions.py [--n 10 30] [ours floor raw ...]``

Wall and CPU time on a shared machine move by 10-25% from run to run (other tenants' jobs,
caches), which is as wide as the 10% the benchmark looks for. The number of instructions a
program executes does not move: each program runs in a fresh process under
``valgrind --tool=callgrind`` at two sizes, and the per-endpoint cost is
``(Ir(N2) - Ir(N1)) / (N2 - N1)``, so interpreter start-up, imports and the bucket cancel out.
The garbage collector stays on (its work is part of the cost); the registration check of
``stack_common.measure`` is skipped (``check=False``), so only the graph build is counted.

What instructions do not show: cache and memory stalls (a larger heap is slower per
instruction), so they complement the timed runs of ``run.py``; they do not replace them.
Valgrind runs Python about 50x slower: N=10 and N=30 take about 1 and 2 minutes per program.
When ``valgrind`` is not installed the result says so and nothing is counted.

Prints a ``BENCH_RESULT`` line: per program, the instruction counts at each size and the
per-endpoint increment (``per_endpoint``), or ``{"available": false, "reason": ...}``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from stack_common import RESULT_PREFIX, measure

COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def _build_only(program: str, n: int) -> None:
    """The child: build ``stack_<program>`` at ``n`` without the registration check."""
    measure(importlib.import_module(f"stack_{program}").build, n, check=False)


def count(program: str, n: int, env: dict[str, str] | None = None) -> int:
    """Instructions executed by one fresh process building ``program`` at ``n``."""
    cmd = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        __file__,
        "--child",
        program,
        str(n),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    found = COLLECTED.search(done.stderr)
    if done.returncode != 0 or found is None:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"callgrind run of {program} at N={n} failed: {tail[:300]}")
    return int(found.group(1))


def per_endpoint(
    programs: list[str], small: int, large: int, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """Instruction counts at both sizes and the per-endpoint increment, program by program."""
    if shutil.which("valgrind") is None:
        return {"available": False, "reason": "valgrind is not installed"}
    result: dict[str, Any] = {"available": True, "sizes": [small, large]}
    for program in programs:
        at_small, at_large = count(program, small, env), count(program, large, env)
        result[program] = {
            "at": {str(small): at_small, str(large): at_large},
            "per_endpoint": (at_large - at_small) / (large - small),
        }
    return result


def main() -> None:
    """Count the chosen programs (or, with ``--child``, be the counted build)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("programs", nargs="*", default=["ours", "floor", "raw"])
    parser.add_argument("--n", type=int, nargs=2, default=[10, 30])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        program, n = args.programs
        _build_only(program, int(n))
        return
    small, large = sorted(args.n)
    print(RESULT_PREFIX + json.dumps(per_endpoint(args.programs, small, large)), flush=True)


if __name__ == "__main__":
    main()
