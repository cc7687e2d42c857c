"""Profile one stack program with cProfile and summarise where the time goes.

Usage: ``.venv/bin/python bench/profile_stack.py {ours,floor,raw} N [--dump FILE.prof]``

Prints a ``BENCH_RESULT`` JSON line with the profiled build time, the self time grouped by
package (our components, the pulumi SDK, pulumi_aws, protobuf/grpc, asyncio, ...), the top
functions by self time, and our package's functions by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import json
import pstats
import sys
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, __file__.rsplit("/", 1)[0])

from stack_common import RESULT_PREFIX, measure

# Substring of a code path -> the group its self time is charged to (first match wins).
GROUPS = (
    ("pulumi_sagemaker_hosting/testing", "testing harness + mocks"),
    ("pulumi_sagemaker_hosting", "pulumi_sagemaker_hosting"),
    ("/pulumi_aws/", "pulumi_aws"),
    ("/pulumi/runtime/mocks", "pulumi SDK: mocks"),
    ("/pulumi/runtime/rpc", "pulumi SDK: rpc (serialize)"),
    ("/pulumi/runtime/resource", "pulumi SDK: resource registration"),
    ("/pulumi/", "pulumi SDK: other"),
    ("/google/protobuf/", "protobuf"),
    ("/grpc/", "grpc"),
    ("/asyncio/", "asyncio"),
    ("/bench/", "bench programs"),
    ("~", "builtins (C)"),
)


def _group(filename: str) -> str:
    for needle, name in GROUPS:
        if needle in filename:
            return name
    return "other Python (stdlib, ...)"


def _label(key: tuple[str, int, str]) -> str:
    filename, line, func = key
    if filename == "~":
        return func
    for marker in ("site-packages/", "/work/main/"):
        if marker in filename:
            filename = filename.split(marker, 1)[1]
    return f"{filename}:{line}({func})"


def summarise(stats: pstats.Stats, top: int = 15) -> dict[str, Any]:
    """Self time per group, top functions by self time, our functions by cumulative time."""
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, Any]] = stats.stats  # type: ignore[attr-defined]
    total = sum(entry[2] for entry in raw.values()) or 1.0
    groups: dict[str, float] = {}
    for key, (_cc, _nc, tt, _ct, _callers) in raw.items():
        groups[_group(key[0])] = groups.get(_group(key[0]), 0.0) + tt
    by_self = sorted(raw.items(), key=lambda item: item[1][2], reverse=True)[:top]
    ours = [
        item
        for item in raw.items()
        if "pulumi_sagemaker_hosting" in item[0][0] and "/testing/" not in item[0][0]
    ]
    ours.sort(key=lambda item: item[1][3], reverse=True)
    return {
        "total_s": total,
        "groups": {k: v for k, v in sorted(groups.items(), key=lambda kv: kv[1], reverse=True)},
        "top_self": [
            {"func": _label(k), "calls": v[1], "self_s": v[2], "cum_s": v[3]} for k, v in by_self
        ],
        "ours_cum": [
            {"func": _label(k), "calls": v[1], "self_s": v[2], "cum_s": v[3]} for k, v in ours[:top]
        ],
    }


def main() -> None:
    """Profile the chosen program at N and print the summary line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("variant", choices=["ours", "floor", "raw"])
    parser.add_argument("n", type=int)
    parser.add_argument("--dump", help="also write the raw profile to this file")
    args = parser.parse_args()
    build = importlib.import_module(f"stack_{args.variant}").build
    profiler = cProfile.Profile()
    profiler.enable()
    result = measure(build, args.n)
    profiler.disable()
    if args.dump:
        profiler.dump_stats(args.dump)
    summary = summarise(pstats.Stats(profiler))
    summary.update(
        variant=args.variant, n=args.n, build_s=result["build_s"], custom=result["custom"]
    )
    print(RESULT_PREFIX + json.dumps(summary), flush=True)


if __name__ == "__main__":
    main()
