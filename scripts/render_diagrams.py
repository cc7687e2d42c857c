"""Draw every example's ``--diagram`` and have Mermaid render it (``scripts/render-diagrams``).

Runs each Python program under ``examples/`` through the offline runner, in one process, as
``python -m pulumi_sagemaker_hosting.local examples/<name> --diagram FILE`` would, writing
``build/diagrams/<name>.mmd``; then ``scripts/render_diagrams.mjs`` renders each with Mermaid
(mermaid-cli in headless Chromium) to ``.svg`` and ``.png`` beside it. Mermaid's parser is the
judge: the exit status is 1 when the runner fails on an example or Mermaid refuses a diagram.
A YAML program (``examples/yaml-hosted-model``) is not run: the runner runs Python programs;
``examples/quickstart`` is its Python twin.

``--docs`` also refreshes ``docs/img/quickstart-diagram.{mmd,svg}``, the diagram the emulator
guide shows (a test checks the ``.mmd`` is what the runner draws for the quickstart today).

Usage: render_diagrams.py TOOLS_DIR [--docs] [EXAMPLE...]   (TOOLS_DIR holds mermaid-cli)
"""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "diagrams"
DOCS = ROOT / "docs" / "img"


def main(argv: list[str]) -> int:
    tools, *rest = argv
    docs = "--docs" in rest
    names = [a for a in rest if a != "--docs"] or sorted(
        p.parent.name for p in (ROOT / "examples").glob("*/__main__.py")
    )
    from pulumi_sagemaker_hosting.local import main as runner

    OUT.mkdir(parents=True, exist_ok=True)
    failed, drawn = [], []
    started = time.monotonic()
    for name in names:
        target = OUT / f"{name}.mmd"
        target.unlink(missing_ok=True)
        quiet = io.StringIO()
        with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
            status = runner([str(ROOT / "examples" / name), "--quiet", "--diagram", str(target)])
        if status != 0 or not target.exists():
            print(f"FAILED  examples/{name}: the runner exited {status}\n{quiet.getvalue()}")
            failed.append(name)
        else:
            drawn.append(target)
    print(f"drew {len(drawn)} diagrams in {time.monotonic() - started:.0f} s; rendering...")
    started = time.monotonic()
    rendered = subprocess.run(
        ["node", "scripts/render_diagrams.mjs", tools, *(str(p.relative_to(ROOT)) for p in drawn)],
        check=False,
        cwd=ROOT,
    )
    print(f"rendered in {time.monotonic() - started:.0f} s; files in {OUT.relative_to(ROOT)}/")
    if docs and "quickstart" in names and (OUT / "quickstart.svg").exists():
        DOCS.mkdir(exist_ok=True)
        for suffix in (".mmd", ".svg"):
            shutil.copyfile(OUT / f"quickstart{suffix}", DOCS / f"quickstart-diagram{suffix}")
        print(f"updated {DOCS.relative_to(ROOT)}/quickstart-diagram.{{mmd,svg}}")
    return 1 if failed or rendered.returncode else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
