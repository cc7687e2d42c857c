"""Shared driver of the benchmark stack programs (``stack_ours.py`` and ``stack_raw.py``).

Each program builds the hosting stack ``N`` times inside one Pulumi program, run in-process
under the recording mocks of :mod:`pulumi_sagemaker_hosting.testing`, and prints one line::

    BENCH_RESULT {"n": ..., "custom": ..., "components": ..., "build_s": ..., "types": {...}}

``custom`` counts registrations of custom resources (components and the stack excluded);
``build_s`` is the in-process time of ``run(program)``, i.e. graph building without the
interpreter start-up and imports (the parent measures the whole process); ``build_cpu_s`` is
its CPU time (``process_time``). ``digest`` is the sha256 of the normalized registrations
(``registrations.py``), computed after the build; ``check_s``/``check_cpu_s`` are what that
took, which the parent subtracts from the whole process's wall and CPU time.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

from registrations import digest, normalize

from pulumi_sagemaker_hosting.testing import mocked_stack, run

RESULT_PREFIX = "BENCH_RESULT "

# The spec's constants, shared by both variants so they build the same thing.
REPOSITORY = "my-repo"
TAG = "v1"
MODEL_KEY = "models/a.tar.gz"
INSTANCE_TYPE = "ml.m5.large"
MAX_CAPACITY = 3
MAX_RPS = 30
SAFETY_FACTOR = 0.5
TARGET_VALUE = MAX_RPS * 60 * SAFETY_FACTOR  # invocations per instance per minute: 900
LATENCY_THRESHOLD = 100000
EVALUATION_PERIODS = 3


def parse_n(argv: list[str]) -> int:
    """The endpoint count from ``argv`` (``script.py N``), 1 when absent."""
    if len(argv) > 2:
        raise SystemExit(f"usage: {argv[0]} [N]")
    n = int(argv[1]) if len(argv) == 2 else 1
    if n < 1:
        raise SystemExit("N must be >= 1")
    return n


def measure(build: Callable[[int], None], n: int, *, check: bool = True) -> dict[str, object]:
    """Run ``build(n)`` as a mocked Pulumi program; return the counts and the build time.

    ``check=False`` skips the registrations' digest (``instructions.py`` counts the build
    alone); ``digest`` is then None.
    """
    with mocked_stack() as monitor:
        start, start_cpu = time.perf_counter(), time.process_time()
        run(lambda: build(n))
        build_s, build_cpu_s = time.perf_counter() - start, time.process_time() - start_cpu
        registrations = list(monitor.registrations)
    start, start_cpu = time.perf_counter(), time.process_time()
    custom = [r for r in registrations if r.custom]
    types: dict[str, int] = {}
    for r in custom:
        types[r.type] = types.get(r.type, 0) + 1
    fingerprint = digest(normalize(registrations)) if check else None
    return {
        "n": n,
        "custom": len(custom),
        "components": len(registrations) - len(custom),
        "build_s": build_s,
        "build_cpu_s": build_cpu_s,
        "types": dict(sorted(types.items())),
        "digest": fingerprint,
        "check_s": time.perf_counter() - start,
        "check_cpu_s": time.process_time() - start_cpu,
    }


def main(build: Callable[[int], None], argv: list[str] | None = None) -> None:
    """Entry point of a stack program: build N endpoints and print the result line."""
    n = parse_n(sys.argv if argv is None else argv)
    result = measure(build, n)
    print(RESULT_PREFIX + json.dumps(result), flush=True)
