"""Count what a stack program asks of the Pulumi SDK and asyncio, per endpoint.

Usage: ``.venv/bin/python bench/counts.py [--n 10 20] [ours floor raw ...]``

Runs each program in this process at two sizes, with the SDK and the event loop instrumented
(bench only: ``pulumi.Output`` construction and ``apply``, the mock engine's invokes,
``loop.create_task`` and ``loop.call_soon``), and prints a ``BENCH_RESULT`` line with, per
program, the counts at each size and the per-endpoint increment
``(count(N2) - count(N1)) / (N2 - N1)``: the cost of one more endpoint, without the fixed
cost of the program (the bucket, the environment lookups).

- ``resources``: registrations (custom and component);
- ``outputs``: ``pulumi.Output`` objects created (``Output(...)`` and the SDK's internal
  ``Output._from_data``, which ``apply``, ``all``, ``from_input`` and ``concat`` use);
- ``applies``: ``Output.apply`` calls (the SDK's own included: ``all``/``concat``/``from_input``
  are built on it);
- ``invokes``: data-source calls that reached the (mock) engine;
- ``tasks``: ``loop.create_task`` (every Output's state is one task, as is every
  registration step);
- ``callbacks``: ``loop.call_soon`` (future callbacks, task steps, deferred inputs);
- ``frames``: stack frames the SDK records with the registrations (``_get_stack_trace``
  walks the Python stack at every registration and keeps the frames outside the resource's
  constructors, each turned into a file URI: the deeper the code that registers, the more).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, __file__.rsplit("/", 1)[0])

import pulumi
import pulumi.runtime.resource as resource_runtime
from stack_common import RESULT_PREFIX

from pulumi_sagemaker_hosting.testing import mocked_stack, run
from pulumi_sagemaker_hosting.testing.mocks import AwsMocks

KINDS = ("resources", "outputs", "applies", "invokes", "tasks", "callbacks", "frames")


@contextmanager
def instrumented() -> Iterator[Counter[str]]:
    """Patch the SDK and asyncio to count calls; restore everything on exit."""
    counts: Counter[str] = Counter()
    saved: list[tuple[Any, str, Any]] = []

    def wrap(owner: Any, name: str, kind: str, *, static: bool = False) -> None:
        original = owner.__dict__[name]
        function = (
            original.__func__ if isinstance(original, (classmethod, staticmethod)) else original
        )

        def counted(*args: Any, **kwargs: Any) -> Any:
            counts[kind] += 1
            return function(*args, **kwargs)

        replacement: Any = counted
        if isinstance(original, classmethod):
            replacement = classmethod(counted)
        elif isinstance(original, staticmethod) or static:
            replacement = staticmethod(counted)
        saved.append((owner, name, original))
        setattr(owner, name, replacement)

    wrap(pulumi.Output, "__init__", "outputs")
    wrap(pulumi.Output, "_from_data", "outputs")
    wrap(pulumi.Output, "apply", "applies")
    wrap(AwsMocks, "call", "invokes")
    wrap(asyncio.BaseEventLoop, "create_task", "tasks")
    wrap(asyncio.BaseEventLoop, "call_soon", "callbacks")
    stack_trace = resource_runtime._get_stack_trace

    def recorded_frames() -> Any:
        trace = stack_trace()
        counts["frames"] += len(trace.frames)
        return trace

    saved.append((resource_runtime, "_get_stack_trace", stack_trace))
    resource_runtime._get_stack_trace = recorded_frames
    try:
        yield counts
    finally:
        for owner, name, original in reversed(saved):
            setattr(owner, name, original)


def count(build: Callable[[int], None], n: int) -> dict[str, int]:
    """The counts of one run of ``build(n)`` under the recording mocks."""
    with mocked_stack() as monitor, instrumented() as counts:
        run(lambda: build(n))
        counts["resources"] = len(monitor.registrations)
    return {kind: counts[kind] for kind in KINDS}


def per_endpoint(program: str, small: int, large: int) -> dict[str, Any]:
    """Counts at both sizes and the per-endpoint increment."""
    build = importlib.import_module(f"stack_{program}").build
    at_small, at_large = count(build, small), count(build, large)
    return {
        "at": {str(small): at_small, str(large): at_large},
        "per_endpoint": {k: (at_large[k] - at_small[k]) / (large - small) for k in KINDS},
    }


def main() -> None:
    """Count the chosen programs and print the result line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("programs", nargs="*", default=["ours", "floor", "raw"])
    parser.add_argument("--n", type=int, nargs=2, default=[10, 20])
    args = parser.parse_args()
    small, large = sorted(args.n)
    result = {p: per_endpoint(p, small, large) for p in args.programs}
    print(RESULT_PREFIX + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
