"""The documentation site's API reference names every public name, once (scripts/docs builds it)."""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pulumi_sagemaker_hosting
import pulumi_sagemaker_hosting.testing

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "reference"


def _documented() -> Counter[str]:
    names: Counter[str] = Counter()
    for page in REFERENCE.glob("*.md"):
        names.update(re.findall(r"^::: ([\w.]+)$", page.read_text(), re.M))
    return names


def test_every_public_name_has_exactly_one_reference_entry() -> None:
    expected = [f"pulumi_sagemaker_hosting.{n}" for n in pulumi_sagemaker_hosting.__all__] + [
        f"pulumi_sagemaker_hosting.testing.{n}" for n in pulumi_sagemaker_hosting.testing.__all__
    ]
    documented = _documented()
    assert sorted(documented) == sorted(expected)
    assert [name for name, count in documented.items() if count > 1] == []


def test_every_reference_page_is_in_the_navigation() -> None:
    nav = (ROOT / "mkdocs.yml").read_text()
    for page in REFERENCE.glob("*.md"):
        assert f"reference/{page.name}" in nav


def _hooks() -> Any:
    spec = importlib.util.spec_from_file_location("hooks", ROOT / "scripts" / "mkdocs_hooks.py")
    assert spec is not None and spec.loader is not None
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    return hooks


def test_sphinx_roles_are_removed_from_rendered_docstrings() -> None:
    html = "<p>Added with :meth:<code>add_variant</code> or :py:class:<code>Model</code>.</p>"
    assert _hooks().strip_roles(html) == (
        "<p>Added with <code>add_variant</code> or <code>Model</code>.</p>"
    )


def test_the_home_page_links_to_site_pages_not_repository_paths() -> None:
    hooks = _hooks()
    readme = (
        "See [the emulator](docs/emulator.md#limits), "
        "[design](https://github.com/o/r/blob/main/docs/design.md) and [the license](LICENSE)."
    )
    assert hooks.home_page(readme, None) == (
        "See [the emulator](emulator.md#limits), [design](design.md) and the license."
    )
    assert hooks.home_page("[the license](LICENSE)", "https://github.com/o/r") == (
        "[the license](https://github.com/o/r/blob/main/LICENSE)"
    )


def test_a_guide_missing_from_the_nav_is_listed_under_its_heading() -> None:
    nav = [{"Home": "index.md"}, {"Guides": [{"Design": "design.md"}]}]
    unlisted = _hooks().unlisted_guides(nav, "README.template.md rollout-table.md")
    assert {"Design notes": "design.md"} not in unlisted
    assert {"Testing against an emulated AWS account": "emulator.md"} in unlisted
    assert all("README.template.md" not in entry.values() for entry in unlisted)
