"""The CDK comparison: install ``aws-cdk-lib`` + ``@aws-cdk/aws-sagemaker-alpha`` into
``bench/.scratch/cdk`` with npm and synthesize ``bench/cdk_app.js`` (the same stack, N times
in one app: the shared bucket in one CloudFormation stack, the endpoints spread over as many
more as CloudFormation's 500-resources-per-stack quota needs, as a deployable CDK app must).

Everything here degrades to a skip with a reason: no ``node``/``npm`` on PATH, or a failed
install, never fails the benchmark.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from measure import Summary, run_many

BENCH = Path(__file__).resolve().parent
SCRATCH = BENCH / ".scratch" / "cdk"
APP = BENCH / "cdk_app.js"
PACKAGES = ("aws-cdk-lib", "@aws-cdk/aws-sagemaker-alpha", "constructs")
RESULT_PREFIX = "BENCH_RESULT "


def ensure_installed() -> tuple[bool, str]:
    """Install the CDK packages once; ``(True, versions)`` or ``(False, reason)``."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        return False, "node and npm are not both on PATH"
    modules = SCRATCH / "node_modules"
    if not all((modules / p / "package.json").exists() for p in PACKAGES):
        SCRATCH.mkdir(parents=True, exist_ok=True)
        manifest = SCRATCH / "package.json"
        if not manifest.exists():
            manifest.write_text('{"name": "bench-cdk", "version": "0.0.0", "private": true}\n')
        try:
            proc = subprocess.run(
                [npm, "install", "--no-audit", "--no-fund", *PACKAGES],
                cwd=SCRATCH,
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return False, f"npm install failed: {exc}"
        if proc.returncode != 0:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:]
            return False, f"npm install failed: {' '.join(tail)}"
    versions = []
    for package in PACKAGES:
        meta = json.loads((modules / package / "package.json").read_text())
        versions.append(f"{package} {meta['version']}")
    node_version = subprocess.run(
        [node, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return True, f"node {node_version}, " + ", ".join(versions)


def synth(n: int, runs: int) -> Summary:
    """Synthesize N endpoints ``runs`` times (fresh node processes) into a temporary outdir."""
    env = dict(os.environ, NODE_PATH=str(SCRATCH / "node_modules"))
    with tempfile.TemporaryDirectory(prefix="cdk-out-") as outdir:
        return run_many(["node", str(APP), str(n), outdir], runs, prefix=RESULT_PREFIX, env=env)
