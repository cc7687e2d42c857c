"""Run a command as a separate process and measure its wall time and peak memory.

Peak memory comes from GNU ``/usr/bin/time -f %M`` when present: on Linux the ``ru_maxrss``
that ``os.wait4`` reports for a child spawned by a big parent is floored at the *parent's*
RSS (``exec`` keeps the high-water mark of the forked/vforked image), which would hide any
child smaller than this Python driver. ``time`` is a tiny parent, so its figure is the
child's own. Without it we fall back to ``os.wait4`` and say so (``rss_source``).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Sample:
    """One finished process."""

    wall_s: float
    """Wall-clock seconds from spawn to exit."""
    maxrss_kb: int
    """Peak resident set size of the process, kilobytes."""
    returncode: int
    stdout: str
    stderr: str
    rss_source: str = "time"
    """``time`` (GNU time's %M) or ``wait4`` (floored at the driver's own RSS)."""
    cpu_s: float = 0.0
    """User + system CPU seconds of the process (all its threads)."""


@dataclass
class Summary:
    """Several runs of one command, summarised by their medians."""

    samples: list[Sample] = field(default_factory=list)
    result: dict[str, Any] | None = None
    """The JSON result line the last successful run printed, if any."""

    @property
    def ok(self) -> bool:
        """Whether every run exited 0."""
        return bool(self.samples) and all(s.returncode == 0 for s in self.samples)

    @property
    def wall_s(self) -> float:
        """Median wall time, seconds."""
        return statistics.median(s.wall_s for s in self.samples)

    @property
    def maxrss_mb(self) -> float:
        """Median peak RSS, MiB."""
        return statistics.median(s.maxrss_kb for s in self.samples) / 1024

    @property
    def cpu_s(self) -> float:
        """Median CPU time (user + system), seconds."""
        return statistics.median(s.cpu_s for s in self.samples)


GNU_TIME = shutil.which("time", path="/usr/bin:/bin")


def run_once(
    cmd: Sequence[str], *, env: dict[str, str] | None = None, timeout: float = 900
) -> Sample:
    """Run ``cmd`` once; stdout and stderr go through temporary files, not pipes."""
    with (
        tempfile.TemporaryFile("w+") as out,
        tempfile.TemporaryFile("w+") as err,
        tempfile.NamedTemporaryFile("r", suffix=".rss") as rss_file,
    ):
        full = [GNU_TIME, "-f", "%M %U %S", "-o", rss_file.name, *cmd] if GNU_TIME else list(cmd)
        start = time.perf_counter()
        proc = subprocess.Popen(full, stdout=out, stderr=err, env=env)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        maxrss, source = int(usage.ru_maxrss), "wait4"
        cpu = usage.ru_utime + usage.ru_stime
        # GNU time's last line: "%M %U %S" (it prints "Command exited..." lines before it).
        fields = (rss_file.read().strip().splitlines() or [""])[-1].split()
        if GNU_TIME and len(fields) == 3 and fields[0].isdigit():
            maxrss, source, cpu = int(fields[0]), "time", float(fields[1]) + float(fields[2])
        return Sample(wall, maxrss, proc.returncode, out.read(), err.read(), source, cpu)


def parse_result(stdout: str, prefix: str) -> dict[str, Any] | None:
    """The JSON object on the last line of ``stdout`` starting with ``prefix``."""
    for line in reversed(stdout.splitlines()):
        if line.startswith(prefix):
            parsed: dict[str, Any] = json.loads(line[len(prefix) :])
            return parsed
    return None


def run_many(
    cmd: Sequence[str],
    runs: int,
    *,
    prefix: str | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 900,
) -> Summary:
    """Run ``cmd`` ``runs`` times in fresh processes; keep the result line of the last good run."""
    summary = Summary()
    for _ in range(runs):
        sample = run_once(cmd, env=env, timeout=timeout)
        summary.samples.append(sample)
        if sample.returncode == 0 and prefix is not None:
            summary.result = parse_result(sample.stdout, prefix) or summary.result
    return summary
