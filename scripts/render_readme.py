"""Render README.md from docs/README.template.md, inlining examples and the demo's output.

``{{example:<path>}}`` becomes a marked Python block holding that file verbatim (a test checks
the twins stay equal); ``{{demo-output}}`` becomes the offline runner's output for the
quickstart (regenerated when ``--demo`` is passed, else kept from the current README);
``{{toc}}`` becomes a list of links to every second-level heading.
Relative links (``[text](docs/x.md)``) become absolute links into the repository (its URL from
``pyproject.toml``), so they also work where the README is shown alone, as on PyPI.
``{{rollout-table}}`` becomes ``docs/rollout-table.md`` (written by ``tests/terraform`` with
``UPDATE_ROLLOUT_TABLE=1``).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def example_block(path: str) -> str:
    text = (ROOT / path).read_text()
    return f"<!-- example: {path} -->\n```python\n{text}```"


def demo_output(refresh: bool) -> str:
    readme = ROOT / "README.md"
    if not refresh and readme.exists():
        found = re.search(r"<!-- demo -->\n(.*?)<!-- /demo -->", readme.read_text(), re.S)
        if found:
            return f"<!-- demo -->\n{found.group(1)}<!-- /demo -->"
    result = subprocess.run(
        [sys.executable, "-m", "pulumi_sagemaker_hosting.local", "examples/quickstart"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return f"<!-- demo -->\n```text\n{result.stdout}```\n<!-- /demo -->"


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def table_of_contents(markdown: str) -> str:
    """A bullet list linking every ``## `` heading outside code blocks (but the TOC's own)."""
    entries, fenced = [], False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("## ") and line[3:].strip() != "Contents":
            entries.append(f"- [{line[3:].strip()}](#{slug(line[3:])})")
    return "\n".join(entries)


def repository_url() -> str:
    found = re.search(
        r'^Repository = "([^"]+)"$', (ROOT / "pyproject.toml").read_text(), re.MULTILINE
    )
    if found is None:
        raise SystemExit("pyproject.toml has no [project.urls] Repository")
    return found.group(1)


def absolute_links(text: str) -> str:
    """Point relative Markdown links at the repository's default branch."""
    base = f"{repository_url()}/blob/main/"
    return re.sub(
        r"\]\((?!https?://|#|mailto:)([^)\s]+)\)", lambda m: f"]({base}{m.group(1)})", text
    )


def render(refresh_demo: bool = False) -> str:
    template = (ROOT / "docs" / "README.template.md").read_text()
    rendered = re.sub(r"\{\{example:([^}]+)\}\}", lambda m: example_block(m.group(1)), template)
    rendered = rendered.replace("{{toc}}", table_of_contents(rendered))
    rendered = rendered.replace("{{demo-output}}", demo_output(refresh_demo))
    rendered = rendered.replace(
        "{{rollout-table}}", (ROOT / "docs" / "rollout-table.md").read_text()
    )
    return absolute_links(rendered)


def main() -> None:
    (ROOT / "README.md").write_text(render("--demo" in sys.argv))


if __name__ == "__main__":
    main()
