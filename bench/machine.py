"""A description of the machine and the software versions, for the report header."""

from __future__ import annotations

import datetime
import importlib.metadata
import os
import platform
import subprocess


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gib() -> str:
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _node_version() -> str | None:
    try:
        proc = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False)
    except OSError:
        return None
    return proc.stdout.strip() or None


def describe() -> dict[str, str]:
    """CPU, cores, RAM, OS, Python, pulumi, pulumi_aws, node and the date."""
    info = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": _cpu_model(),
        "cores": str(os.cpu_count() or "unknown"),
        "ram": _ram_gib(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "pulumi": _version("pulumi"),
        "pulumi_aws": _version("pulumi-aws"),
        "pulumi_sagemaker_hosting": _version("pulumi-sagemaker-hosting"),
    }
    node = _node_version()
    if node:
        info["node"] = node
    return info
