"""Run a Pulumi program offline against the in-process AWS emulator.

    sagemaker-hosting-local [PROGRAM_DIR] [--stack NAME] [--json] [--diagram FILE] [--verbose]
    python -m pulumi_sagemaker_hosting.local ...        (the same)

Reads ``Pulumi.yaml`` and ``Pulumi.<stack>.yaml`` as the Pulumi CLI would, runs the program's
``__main__.py`` with every resource created in an emulated AWS account (moto), prints each
resource as it is created (as ``pulumi up`` does), then the resource tree, each endpoint's live
state and the stack outputs. No Pulumi CLI, AWS account or Docker engine is needed. The exit
statuses are in :data:`EXIT_CODES` (and ``--help``).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.metadata
import json
import os
import re
import runpy
import sys
import textwrap
import traceback
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pulumi
import yaml  # type: ignore[import-untyped]  # no types-PyYAML in the venv

if TYPE_CHECKING:
    from .testing._progress import Progress

__all__ = ["EXIT_CODES", "ProjectError", "load_project", "main"]

_WRAPPED = re.compile(r"has risen: (?P<message>.*)$", re.DOTALL)

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3

#: The runner's exit statuses and what each means.
EXIT_CODES: dict[int, str] = {
    EXIT_OK: "the stack was created",
    EXIT_REFUSED: "the program failed or was refused: bad input (ValidationError), "
    "an error in the program, or AWS refused a resource",
    EXIT_USAGE: "bad command line or project: no Pulumi.yaml, not a Python program, "
    "no Pulumi.<stack>.yaml for --stack",
    EXIT_INTERNAL: "an internal error of the runner or the library (a bug: please report it "
    "with the traceback)",
}


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


def load_project(directory: Path, stack: str = "dev", *, require_stack: bool = False) -> Project:
    """Read a project directory's Pulumi.yaml and its stack's config file.

    Args:
        directory: the project directory.
        stack: the stack whose ``Pulumi.<stack>.yaml`` holds the config.
        require_stack: fail when ``Pulumi.<stack>.yaml`` is missing (the stack was named on
            the command line) instead of running with the project's config only.
    """
    settings = _read_yaml(directory / "Pulumi.yaml")
    if settings is None:
        raise ProjectError(f"no Pulumi.yaml in {directory}")
    name = str(settings.get("name") or "")
    runtime = settings.get("runtime")
    runtime_name = runtime.get("name") if isinstance(runtime, dict) else runtime
    if runtime_name == "yaml":
        raise ProjectError(
            f"{directory / 'Pulumi.yaml'} is a Pulumi YAML program; the offline runner runs "
            "Python programs only. Deploy it with `pulumi up`, or try the same stack offline "
            "in Python: examples/quickstart is the Python twin of examples/yaml-hosted-model, "
            "and docs/multi-language.md shows how HostedModel's properties map to the "
            "Python API."
        )
    if not name or runtime_name != "python":
        raise ProjectError(
            f"{directory / 'Pulumi.yaml'} must name a project with runtime `python` "
            f"(found name {name!r}, runtime {runtime_name!r})"
        )
    stack_file = directory / f"Pulumi.{stack}.yaml"
    if require_stack and not stack_file.is_file():
        known = sorted(
            p.name[len("Pulumi.") : -len(".yaml")] for p in directory.glob("Pulumi.*.yaml")
        )
        raise ProjectError(
            f"no stack {stack!r}: {stack_file} does not exist "
            f"(stacks here: {', '.join(known) or 'none'}; "
            f"create it with `pulumi stack init {stack}`)"
        )
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
    stack_settings = _read_yaml(stack_file) or {}
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


def run_project(project: Project, progress: Progress | None = None) -> dict[str, Any]:
    """Run the project's program against a fresh emulator and return the report.

    Args:
        project: what :func:`load_project` read.
        progress: told of each resource as it is created (prints ``pulumi up``-style lines).
    """
    from .testing import AwsEmulator, mocked_stack, run
    from .testing._diagram import mermaid
    from .testing._report import endpoint_summaries, resource_tree

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
        if progress is not None:
            progress.header(project.name, project.stack, region)
            recorder.listeners.append(progress)
        try:
            run(program)
        finally:
            if progress is not None:
                progress.summary()
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


_EXAMPLES = """\
exit status:
{codes}

examples:
  {prog} examples/quickstart
      create the stack and print its report
  {prog} . --stack prod
      use Pulumi.prod.yaml's config (it must exist)
  {prog} . --json > report.json
      the report as JSON (progress goes to stderr)
  {prog} . --diagram stack.mmd
      also write a Mermaid flowchart of every resource
"""


def _prog() -> str:
    script = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    return (
        script
        if script.startswith("sagemaker-hosting-local")
        else ("python -m pulumi_sagemaker_hosting.local")
    )


def _version() -> str:
    try:
        return importlib.metadata.version("pulumi-sagemaker-hosting")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - a source checkout
        return "unknown"


def _parser() -> argparse.ArgumentParser:
    prog = _prog()
    codes = "\n".join(
        textwrap.fill(meaning, 78, initial_indent=f"  {code}  ", subsequent_indent="     ")
        for code, meaning in EXIT_CODES.items()
    )
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Run a Pulumi Python program offline against an emulated AWS account:\n"
        "each resource is created as `pulumi up` would, then the stack is reported.",
        epilog=_EXAMPLES.format(prog=prog, codes=codes),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("program_dir", nargs="?", default=".", help="the project directory (.)")
    parser.add_argument(
        "--stack",
        help="the stack whose Pulumi.<stack>.yaml config to use; it must exist "
        "(default: dev, used when present)",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the report as JSON (progress goes to stderr)"
    )
    parser.add_argument("--diagram", metavar="FILE", help="write a Mermaid flowchart to FILE")
    parser.add_argument("--quiet", action="store_true", help="no progress lines, only the report")
    parser.add_argument("--verbose", action="store_true", help="show whole tracebacks on failure")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (see :data:`EXIT_CODES`)."""
    from .testing import EmulatorError
    from .testing._progress import Progress, use_color
    from .testing._report_text import render_text

    args = _parser().parse_args(argv)
    directory = Path(args.program_dir)
    # Progress goes where the report goes, except that JSON on stdout stays parseable.
    stream = sys.stderr if args.json else sys.stdout
    progress = None if args.quiet else Progress(stream, color=use_color(stream))
    try:
        project = load_project(directory, args.stack or "dev", require_stack=bool(args.stack))
        report = run_project(project, progress)
    except ProjectError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:
        if args.verbose:
            traceback.print_exc()
        # Bad input and AWS refusals are "expected": one paragraph says what was wrong.
        expected = (ValueError, EmulatorError, pulumi.RunError)
        if any(isinstance(e, expected) for e in _causes(exc)):
            print(explain(exc), file=sys.stderr)
            return EXIT_REFUSED
        frames = _program_frames(exc, directory.resolve())
        if frames is not None:
            # An error in the program itself: its own frames, not the runner's.
            if not args.verbose:
                print(_program_traceback(exc, frames), file=sys.stderr, end="")
            return EXIT_REFUSED
        if not args.verbose:
            traceback.print_exc()
        print(
            f"internal error: {type(exc).__name__} in {_prog()} or pulumi-sagemaker-hosting "
            f"{_version()}; this is a bug, please report it with the traceback above",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    diagram = report.pop("diagram")
    if args.diagram:
        Path(args.diagram).write_text(diagram)
        from .testing._diagram import mermaid_limits

        for problem in mermaid_limits(diagram):
            print(f"note: the diagram has {problem}", file=sys.stderr)
    if args.json:
        print(json.dumps(report, indent=2, default=str))
    else:
        print(render_text(report), end="")
    return EXIT_OK


def _program_frames(error: BaseException, directory: Path) -> list[traceback.FrameSummary] | None:
    """The frames of the user's program in ``error``'s traceback, when it is the program's error.

    It is when the innermost frame is the program's (it raised, or called something with the
    wrong arguments), or for a TypeError the program passed into a call. Installed packages
    under the project directory (a ``venv/``) are not the program.
    """
    frames = traceback.extract_tb(error.__traceback__)
    mine = [f for f in frames if _in_program(f.filename, directory)]
    if not mine:
        return None
    if _in_program(frames[-1].filename, directory) or isinstance(error, TypeError):
        return mine
    return None


def _in_program(filename: str, directory: Path) -> bool:
    path = Path(filename)
    if not path.is_absolute() or "site-packages" in path.parts:
        return False
    return path.resolve().is_relative_to(directory)


def _program_traceback(error: BaseException, frames: list[traceback.FrameSummary]) -> str:
    lines = ["The program failed (its frames; --verbose shows all):\n"]
    lines += traceback.format_list(frames)
    lines += traceback.format_exception_only(type(error), error)
    return "".join(lines)


if __name__ == "__main__":
    sys.exit(main())
