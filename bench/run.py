"""Benchmark graph building: pulumi_sagemaker_hosting vs the component floor vs raw pulumi_aws.

Usage (from the repository root)::

    .venv/bin/python bench/run.py [--n 1 10 100 500] [--runs 3] [--no-cdk] [--no-import]
                                  [--no-profile] [--no-counts] [--profile-n 100]
                                  [--large-runs 2] [--instructions]
                                  [--out docs/benchmarks.md] [--json results.json]

For every N it builds the hosting stack of ``stack_ours.py`` (the components), of
``stack_floor.py`` (the same custom resources and inputs by hand, inside empty components laid
out like ours) and of ``stack_raw.py`` (the same custom resources by hand, no components) N
times in one Pulumi program, under the recording mocks, each run in a fresh Python process,
the three programs interleaved run by run. Wall time, CPU time (user + system) and peak RSS
are taken per run; the tables show the minimum over ``--runs`` (the least disturbed run on a
shared machine) and the spread. Ours and the floor must register the same resources
(checked resource by resource: URNs, types, parents, inputs, dependencies); ours and raw
the same custom resources (type by type). ``counts.py`` counts Outputs, applies, invokes,
tasks and callbacks per endpoint. Where ``node``/``npm`` exist, ``cdk_app.js`` synthesizes
the same stack with ``aws-cdk-lib`` + ``@aws-cdk/aws-sagemaker-alpha`` (installed into
``bench/.scratch/cdk``). It also measures import times and profiles ours (and raw) at
``--profile-n``. ``--instructions`` adds the per-endpoint instruction counts of
``instructions.py`` (Valgrind; noise-free, slow).

The Markdown section is written into ``--out`` between the generated-section markers (text
outside them is kept); ``--json`` also dumps the raw results. Exit status: 0 when every
Pulumi run succeeded and the registrations match, 1 otherwise (CDK never fails the run).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent))

import cdk
import instructions
import machine
import report
from measure import GNU_TIME, Summary, parse_result, run_once
from stack_common import RESULT_PREFIX

BENCH = Path(__file__).resolve().parent
PROGRAMS = {
    "ours": BENCH / "stack_ours.py",
    "floor": BENCH / "stack_floor.py",
    "raw": BENCH / "stack_raw.py",
}
IMPORTS = {
    "(interpreter only)": ("", ""),
    "import pulumi": ("", "import pulumi"),
    "import pulumi_aws": ("", "import pulumi_aws"),
    "import pulumi_aws.sagemaker": ("", "import pulumi_aws.sagemaker"),
    "import pulumi_sagemaker_hosting": ("", "import pulumi_sagemaker_hosting"),
    # What the package adds to a program that imports pulumi_aws anyway (the goal's measure).
    "import pulumi_sagemaker_hosting (after import pulumi_aws)": (
        "import pulumi_aws",
        "import pulumi_sagemaker_hosting",
    ),
}
IMPORT_SNIPPET = (
    "import json, time; {setup}; t = time.perf_counter(); c = time.process_time(); {stmt}; "
    "print({prefix!r} + json.dumps({{'import_s': time.perf_counter() - t, "
    "'import_cpu_s': time.process_time() - c}}))"
)


def python_env() -> dict[str, str]:
    """The environment of every Python child: bytecode cached under ``bench/.scratch``.

    Some machines set ``PYTHONDONTWRITEBYTECODE``; then our package (a source checkout, never
    byte-compiled by an installer) would be recompiled in every process while pulumi_aws'
    installed ``.pyc`` files are used, which skews the comparison. A private cache prefix
    plus a warm-up run gives every module compiled bytecode, as an installed package has.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(BENCH / ".scratch" / "pycache")
    return env


def warm_up() -> None:
    """One untimed run of each program: fills the bytecode cache and the page cache."""
    for program in PROGRAMS.values():
        run_once([sys.executable, str(program), "1"], env=python_env())


def log(message: str) -> None:
    """Progress on stderr."""
    print(message, file=sys.stderr, flush=True)


def _entry(summary: Summary) -> dict[str, Any]:
    """The JSON-able summary of one measured command: every sample, minima and medians.

    A stack program reports how long its registration check took (``check_s``,
    ``check_cpu_s``, after the build): that is taken off its wall and CPU time, which are
    then what the program itself costs.
    """
    if not summary.ok or summary.result is None:
        failed = next((s for s in summary.samples if s.returncode != 0), summary.samples[-1])
        tail = (failed.stderr.strip().splitlines() or ["no output"])[-1]
        return {"ok": False, "error": f"exit {failed.returncode}: {tail[:300]}"}
    walls, cpus, rss, builds, build_cpus = [], [], [], [], []
    for sample in summary.samples:
        result = parse_result(sample.stdout, RESULT_PREFIX) or {}
        walls.append(sample.wall_s - result.get("check_s", 0.0))
        cpus.append(sample.cpu_s - result.get("check_cpu_s", 0.0))
        rss.append(sample.maxrss_kb / 1024)
        if "build_s" in result:
            builds.append(result["build_s"])
            build_cpus.append(result["build_cpu_s"])
    return {
        "ok": True,
        **summary.result,
        "wall_s": min(walls),
        "wall_median_s": statistics.median(walls),
        "cpu_s": min(cpus),
        "cpu_median_s": statistics.median(cpus),
        "maxrss_mb": min(rss),
        "maxrss_median_mb": statistics.median(rss),
        "build_s": min(builds) if builds else None,
        "build_cpu_s": min(build_cpus) if build_cpus else None,
        "walls": walls,
        "cpus": cpus,
        "rss": rss,
    }


def _min_result(summary: Summary, key: str) -> float | None:
    values = [
        r[key]
        for s in summary.samples
        if (r := parse_result(s.stdout, RESULT_PREFIX)) is not None and key in r
    ]
    return min(values) if values else None


def measure_pulumi(n: int, runs: int) -> dict[str, Any]:
    """Ours, floor and raw at N, interleaved round by round so drift hits them alike.

    Each round runs the three programs back to back, the order rotated every round (ours
    first, then the floor first, then raw first, ...) so no program always follows the same
    one; ``samples[i]`` of every program is round ``i``, which ``report`` pairs up.
    """
    summaries = {variant: Summary() for variant in PROGRAMS}
    names = list(PROGRAMS)
    for round_ in range(runs):
        shift = round_ % len(names)
        for variant in names[shift:] + names[:shift]:
            program = PROGRAMS[variant]
            sample = run_once([sys.executable, str(program), str(n)], env=python_env())
            summaries[variant].samples.append(sample)
            if sample.returncode == 0:
                summaries[variant].result = parse_result(sample.stdout, RESULT_PREFIX)
    return {variant: _entry(summary) for variant, summary in summaries.items()}


def check_counts(row: dict[str, Any]) -> str | None:
    """Why ours differs from raw (custom resources by type) or from the floor (registration by
    registration) at this N, or None when they agree."""
    ours, floor, raw = row["ours"], row["floor"], row["raw"]
    if not (ours["ok"] and floor["ok"] and raw["ok"]):
        return "a run failed"
    problems: list[str] = []
    if ours["digest"] != floor["digest"]:
        problems.append(
            "ours and the floor register different resources or inputs; compare with "
            "`bench/registrations.py`'s normalize() at a small N"
        )
    types = sorted(set(ours["types"]) | set(raw["types"]))
    problems += [
        f"{t}: ours {ours['types'].get(t, 0)}, raw {raw['types'].get(t, 0)}"
        for t in types
        if ours["types"].get(t, 0) != raw["types"].get(t, 0)
    ]
    return "; ".join(problems) or None


def measure_cdk(n: int, runs: int) -> dict[str, Any]:
    """CDK synth at N (endpoints spread over stacks of at most 500 resources each)."""
    return {"default": _cdk_entry(cdk.synth(n, runs))}


def cdk_row(n: int, runs: int, results: dict[str, Any]) -> dict[str, Any] | None:
    """``measure_cdk`` that never raises: a crash disables CDK for the rest of the run."""
    try:
        entry = measure_cdk(n, runs)
    except Exception as exc:  # the CDK comparison must never fail the benchmark
        log(f"  cdk crashed, skipping it from here on: {exc!r}")
        results["cdk"] = {"available": False, "reason": f"crashed at N={n}: {exc!r}"}
        return None
    default = entry["default"]
    outcome = "ok" if default["synth_ok"] else default["error"]
    log(f"  cdk: {outcome} ({default['wall_s']:.2f} s)")
    return entry


def _cdk_entry(summary: Summary) -> dict[str, Any]:
    result = summary.result or {}
    if not summary.ok or not result:
        tail = (summary.samples[-1].stderr.strip().splitlines() or ["no output"])[-1]
        result = {"synth_ok": False, "resources": None, "error": f"node failed: {tail[:300]}"}
    return {
        "synth_ok": bool(result.get("synth_ok")),
        "resources": result.get("resources"),
        "stacks": result.get("stacks"),
        "max_stack_resources": result.get("max_stack_resources"),
        "error": result.get("error"),
        "wall_s": summary.wall_s,
        "cpu_s": summary.cpu_s,
        "maxrss_mb": summary.maxrss_mb,
    }


def measure_imports(runs: int) -> dict[str, Any]:
    """Import time of each statement in fresh processes."""
    results: dict[str, Any] = {}
    for label, (setup, stmt) in IMPORTS.items():
        code = IMPORT_SNIPPET.format(
            setup=setup or "pass", stmt=stmt or "pass", prefix=RESULT_PREFIX
        )
        summary = Summary()
        for _ in range(runs):
            sample = run_once([sys.executable, "-c", code], env=python_env())
            summary.samples.append(sample)
            if sample.returncode == 0:
                summary.result = parse_result(sample.stdout, RESULT_PREFIX)
        entry = _entry(summary)
        if entry["ok"]:
            entry["import_s"] = _min_result(summary, "import_s")
            entry["import_cpu_s"] = _min_result(summary, "import_cpu_s")
        results[label] = entry
    return results


def profile(n: int) -> dict[str, Any]:
    """cProfile summaries of ours and raw at N (one process each)."""
    out: dict[str, Any] = {}
    for variant in PROGRAMS:
        dump = BENCH / ".scratch" / f"profile-{variant}-{n}.prof"
        dump.parent.mkdir(parents=True, exist_ok=True)
        sample = run_once(
            [sys.executable, str(BENCH / "profile_stack.py"), variant, str(n), "--dump", str(dump)],
            env=python_env(),
        )
        result = parse_result(sample.stdout, RESULT_PREFIX)
        if sample.returncode != 0 or result is None:
            tail = (sample.stderr.strip().splitlines() or ["no output"])[-1]
            out[variant] = {"ok": False, "error": tail[:300]}
        else:
            out[variant] = {"ok": True, **result}
    return out


def measure_counts(sizes: list[int]) -> dict[str, Any]:
    """Per-endpoint counts of ours, the floor and raw (``counts.py``, one process)."""
    cmd = [sys.executable, str(BENCH / "counts.py"), *PROGRAMS, "--n", *map(str, sizes)]
    sample = run_once(cmd, env=python_env())
    result = parse_result(sample.stdout, RESULT_PREFIX)
    if sample.returncode != 0 or result is None:
        tail = (sample.stderr.strip().splitlines() or ["no output"])[-1]
        return {"ok": False, "error": tail[:300]}
    return {"ok": True, "sizes": sizes, **result}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1, 10, 100, 500])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--large-runs", type=int, help="runs at N >= 500 (default: --runs; they take minutes)"
    )
    parser.add_argument("--no-cdk", action="store_true", help="skip the CDK comparison")
    parser.add_argument("--no-import", action="store_true", help="skip import timings")
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile run")
    parser.add_argument("--no-counts", action="store_true", help="skip the per-endpoint counts")
    parser.add_argument(
        "--no-warm-up", action="store_true", help="skip the untimed first run (smoke tests)"
    )
    parser.add_argument("--counts-n", type=int, nargs=2, default=[10, 20])
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count instructions per endpoint under Valgrind (about 10 minutes)",
    )
    parser.add_argument("--instructions-n", type=int, nargs=2, default=[10, 30])
    parser.add_argument(
        "--instructions-from",
        type=Path,
        help="take the instruction counts from this output of instructions.py instead "
        "(they do not depend on load, so they may be counted while the machine is busy)",
    )
    parser.add_argument("--profile-n", type=int, default=100)
    parser.add_argument("--out", type=Path, default=Path("docs/benchmarks.md"))
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run everything, write the report, return the exit status."""
    args = parse_args(argv)
    started = time.perf_counter()
    results: dict[str, Any] = {"machine": machine.describe(), "runs": args.runs, "sizes": []}
    results["machine"]["rss"] = (
        "GNU time %M (the child's own peak)"
        if GNU_TIME
        else "os.wait4 ru_maxrss (floored at this driver's RSS: no /usr/bin/time)"
    )
    if not args.no_cdk:
        available, reason = cdk.ensure_installed()
        results["cdk"] = {"available": available, "reason": reason}
        log(f"CDK: {'available' if available else 'skipped'} ({reason})")
        if available:
            results["machine"]["cdk"] = reason
    if not args.no_warm_up:
        warm_up()
    status = 0
    for n in args.n:
        runs = args.large_runs if args.large_runs and n >= 500 else args.runs
        log(f"N={n}: pulumi ours/floor/raw x{runs} ...")
        row: dict[str, Any] = {"n": n, "runs": runs, **measure_pulumi(n, runs)}
        problem = check_counts(row)
        if problem:
            status = 1
            log(f"  MISMATCH or failure at N={n}: {problem}")
            for variant in PROGRAMS:
                if not row[variant]["ok"]:
                    log(f"  {variant}: {row[variant]['error']}")
        else:
            log(
                f"  same registrations as the floor, same custom resources as raw: "
                f"{row['ours']['custom']} ({row['ours']['components']} components); min wall/cpu "
                + ", ".join(f"{v} {row[v]['wall_s']:.2f}/{row[v]['cpu_s']:.2f}s" for v in PROGRAMS)
            )
        if results.get("cdk", {}).get("available"):
            log(f"N={n}: cdk synth x{args.runs} ...")
            row["cdk"] = cdk_row(n, args.runs, results)
        results["sizes"].append(row)
    if not args.no_import:
        log("import times ...")
        results["imports"] = measure_imports(max(args.runs, 3))
    if not args.no_counts:
        log(f"counts at N={args.counts_n} ...")
        results["counts"] = measure_counts(args.counts_n)
    if args.instructions_from:
        found = parse_result(args.instructions_from.read_text(encoding="utf-8"), RESULT_PREFIX)
        if found is None:
            log(f"no {RESULT_PREFIX.strip()} line in {args.instructions_from}")
            return 1
        results["instructions"] = found
    elif args.instructions:
        log(f"instructions under valgrind at N={args.instructions_n} ...")
        small, large = sorted(args.instructions_n)
        results["instructions"] = instructions.per_endpoint(
            list(PROGRAMS), small, large, env=python_env()
        )
    if not args.no_profile:
        log(f"profile at N={args.profile_n} ...")
        results["profile"] = profile(args.profile_n)
    results["total_s"] = time.perf_counter() - started
    report.write(args.out, results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    log(f"wrote {args.out} in {results['total_s']:.0f} s total")
    return status


if __name__ == "__main__":
    sys.exit(main())
