"""Run a Pulumi program offline against the in-process AWS emulator.

    python -m pulumi_sagemaker_hosting.local [PROGRAM_DIR] [--stack NAME] [--json]
        [--diagram FILE] [--verbose]

Reads ``Pulumi.yaml`` and ``Pulumi.<stack>.yaml`` as the Pulumi CLI would, runs the program's
``__main__.py`` with every resource created in an emulated AWS account (moto), and prints the
resource tree, each endpoint's live state and the stack outputs. No Pulumi CLI, AWS account
or Docker engine is needed. Exit status: 0 on success, 1 when the program or AWS refused the
stack (a one-paragraph explanation), 2 for a missing or malformed project.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import runpy
import sys
import traceback
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pulumi
import yaml  # type: ignore[import-untyped]  # no types-PyYAML in the venv

__all__ = ["ProjectError", "load_project", "main"]

_WRAPPED = re.compile(r"has risen: (?P<message>.*)$", re.DOTALL)


class ProjectError(Exception):
    """The program directory is not a runnable Pulumi Python project."""


@dataclass
class Project:
    """What ``Pulumi.yaml`` and ``Pulumi.<stack>.yaml`` say."""

    name: str
    """The project name (config keys without a namespace belong to it)."""
    main: Path
    """The program file to run."""
    stack: str
    """The stack name."""
    config: dict[str, str] = field(default_factory=dict)
    """Namespaced config, ``{"aws:region": "eu-west-1", "project:key": "value"}``."""


def load_project(directory: Path, stack: str = "dev") -> Project:
    """Read a project directory's Pulumi.yaml and its stack's config file."""
    settings = _read_yaml(directory / "Pulumi.yaml")
    if settings is None:
        raise ProjectError(f"no Pulumi.yaml in {directory}")
    name = str(settings.get("name") or "")
    runtime = settings.get("runtime")
    runtime_name = runtime.get("name") if isinstance(runtime, dict) else runtime
    if not name or runtime_name != "python":
        raise ProjectError(f"{directory / 'Pulumi.yaml'} must name a `python` runtime project")
    main = (directory / str(settings.get("main") or ".")).resolve()
    if main.is_dir():
        main = main / "__main__.py"
    if not main.is_file():
        raise ProjectError(f"program {main} not found")
    config: dict[str, str] = {}
    # Project-wide values first (`value:` or a declaration's `default:`), then the stack's.
    for key, value in (settings.get("config") or {}).items():
        if isinstance(value, dict):
            if "value" in value:
                value = value["value"]
            elif "default" in value:
                value = value["default"]
            else:
                continue  # a declaration without a default: unset unless the stack sets it
        config[_full_key(name, key)] = _config_value(value)
    stack_settings = _read_yaml(directory / f"Pulumi.{stack}.yaml") or {}
    for key, value in (stack_settings.get("config") or {}).items():
        full_key = _full_key(name, key)
        if isinstance(value, dict) and set(value) == {"secure"}:
            # Encrypted values need the CLI's secrets provider: leave them unset, so only a
            # program that reads one fails (as `pulumi.Config().require` explains).
            print(f"note: config {full_key} is encrypted; it stays unset offline", file=sys.stderr)
            config.pop(full_key, None)
            continue
        config[full_key] = _config_value(value)
    return Project(name=name, main=main, stack=stack, config=config)


def _full_key(project: str, key: str) -> str:
    return key if ":" in key else f"{project}:{key}"


def _read_yaml(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    try:
        loaded = yaml.safe_load(path.read_text())
    except yaml.YAMLError as exc:
        raise ProjectError(f"{path} is not valid YAML: {exc}") from None
    if not isinstance(loaded, dict):
        raise ProjectError(f"{path} must hold a mapping")
    return loaded


def _config_value(value: Any) -> str:
    # Pulumi stores config as strings: objects as JSON, booleans as "true"/"false".
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


@contextlib.contextmanager
def _in_directory(directory: Path) -> Iterator[None]:
    """Run with ``directory`` as cwd and first on sys.path, as ``pulumi up`` would."""
    cwd, path, modules = Path.cwd(), list(sys.path), set(sys.modules)
    os.chdir(directory)
    sys.path.insert(0, str(directory))
    try:
        yield
    finally:
        os.chdir(cwd)
        sys.path[:] = path
        # The program's own modules (a helper.py beside __main__.py) must not leak into the
        # next program run in this process.
        for name in set(sys.modules) - modules:
            module_file = getattr(sys.modules[name], "__file__", None) or ""
            if module_file.startswith(str(directory)):
                del sys.modules[name]


def run_project(project: Project) -> dict[str, Any]:
    """Run the project's program against a fresh emulator and return the report."""
    from .testing import AwsEmulator, mocked_stack, run
    from .testing._report import endpoint_summaries, mermaid, resource_tree

    region = project.config.get("aws:region", "us-east-1")
    outputs: dict[str, Any] = {}

    def program() -> pulumi.Output[None]:
        runpy.run_path(str(project.main), run_name="__main__")
        root = pulumi.runtime.get_root_resource()
        exports = dict(getattr(root, "outputs", {}) or {})
        # Output.from_input resolves an awaitable; its stubs do not say so.
        from_input: Any = pulumi.Output.from_input
        collected: pulumi.Output[dict[str, Any]] = from_input(_collect(exports))
        return collected.apply(outputs.update)

    with (
        _in_directory(project.main.parent.resolve()),
        AwsEmulator(region=region) as emulator,
        mocked_stack(
            emulator, project=project.name, stack=project.stack, config=project.config
        ) as recorder,
    ):
        run(program)
        # Registrations arrive in RPC completion order: sort them so a program always prints
        # the same report and diagram.
        registrations = sorted(recorder.registrations, key=lambda r: r.urn)
        return {
            "project": project.name,
            "stack": project.stack,
            "region": region,
            "resources": resource_tree(registrations),
            "endpoints": endpoint_summaries(emulator, registrations),
            "outputs": outputs,
            "diagram": mermaid(registrations),
        }


async def _collect(exports: dict[str, Any]) -> dict[str, Any]:
    """Resolve every export, masking secrets as the Pulumi CLI does."""
    values: dict[str, Any] = {}
    for name, value in exports.items():
        output = pulumi.Output.from_input(value)
        secret = await output.is_secret()
        values[name] = "[secret]" if secret else await output.future()
    return values


def explain(error: BaseException) -> str:
    """One paragraph for a refused stack: the original message, without Pulumi's wrapping."""
    from .testing import EmulatorCoverageGap, EmulatorError

    for cause in _chain(error):
        if isinstance(cause, EmulatorCoverageGap):
            return f"The stack was not checked: {cause}"
        if isinstance(cause, EmulatorError):
            return f"AWS refused the stack: {cause}"
    message = str(error)
    match = _WRAPPED.search(message)
    if match:
        message = match["message"]
    return f"The program is invalid: {message.strip()}"


def _chain(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _causes(error: BaseException) -> Iterator[BaseException]:
    """``error`` and its explicit causes (``raise ... from``), not what it interrupted.

    A bug raised while handling a ValueError must still show its traceback: following
    ``__context__`` would disguise it as bad input.
    """
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pulumi_sagemaker_hosting.local",
        description="Run a Pulumi Python program offline against an emulated AWS account.",
    )
    parser.add_argument("program_dir", nargs="?", default=".", help="the project directory")
    parser.add_argument("--stack", default="dev", help="the stack whose config to use (dev)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--diagram", metavar="FILE", help="write a Mermaid flowchart to FILE")
    parser.add_argument("--verbose", action="store_true", help="show tracebacks on failure")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    from .testing import EmulatorError
    from .testing._report import render_text

    args = _parser().parse_args(argv)
    try:
        project = load_project(Path(args.program_dir), args.stack)
        report = run_project(project)
    except ProjectError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        # Only bad input and AWS refusals are "expected": anything else is a bug, shown whole.
        expected = (ValueError, EmulatorError, pulumi.RunError)
        if not any(isinstance(e, expected) for e in _causes(exc)):
            raise
        if args.verbose:
            traceback.print_exc()
        print(explain(exc), file=sys.stderr)
        return 1
    diagram = report.pop("diagram")
    if args.diagram:
        Path(args.diagram).write_text(diagram)
    if args.json:
        print(json.dumps(report, indent=2, default=str))
    else:
        print(render_text(report), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
