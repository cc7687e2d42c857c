"""MkDocs hooks: the README becomes the site's home page, and the API reference is checked.

* ``on_files``: README.md (generated from docs/README.template.md) is the home page, with its
  ``docs/<page>.md`` links pointing at the site's pages and other repository paths at the
  repository (``repo_url``) or left as text.
* ``on_config``: a guide under ``docs/`` missing from the nav is listed under Guides.
* ``on_page_content``: Sphinx roles (``:meth:`x```) in docstrings are shown as plain code.
* ``on_post_build``: every name in ``pulumi_sagemaker_hosting.__all__`` and
  ``pulumi_sagemaker_hosting.testing.__all__`` must have its heading in the API reference; a
  missing one fails the build, and so does a missing public method or property of an exported
  class (inherited from a private base included).

https://www.mkdocs.org/user-guide/configuration/#hooks
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("pulumi_sagemaker_hosting", "pulumi_sagemaker_hosting.testing")

_DOC_LINK = re.compile(
    r"\]\((?:https://github\.com/[^)\s]+?/blob/[^/)\s]+/)?docs/(?P<page>[\w./-]+\.md)(?P<anchor>#[^)]*)?\)"
)
_RELATIVE_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<target>(?!https?:|mailto:|#)[^)\s]+)\)")


def public_names(module: str) -> list[str]:
    """``module.__all__``, read from its ``__init__.py`` without importing it."""
    path = ROOT / module.replace(".", "/") / "__init__.py"
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            return [str(ast.literal_eval(e)) for e in node.value.elts]  # type: ignore[attr-defined]
    raise ValueError(f"{path} has no __all__")


def home_page(readme: str, repo_url: str | None) -> str:
    """The README with its links rewritten for the site."""
    text = _DOC_LINK.sub(lambda m: f"]({m['page']}{m['anchor'] or ''})", readme)

    def other(match: re.Match[str]) -> str:
        target = match["target"]
        page = target.split("#", 1)[0]
        if page.endswith(".md") and (ROOT / "docs" / page).exists():
            return match[0]  # already a site page
        if repo_url:
            return f"[{match['text']}]({repo_url.rstrip('/')}/blob/main/{target})"
        return match["text"]

    return _RELATIVE_LINK.sub(other, text)


def _nav_files(nav: Any) -> set[str]:
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*(_nav_files(v) for v in nav.values()))
    if isinstance(nav, list):
        return set().union(*(_nav_files(v) for v in nav))
    return set()


def unlisted_guides(nav: Any, excluded: str) -> list[dict[str, str]]:
    """``{title: page}`` for each ``docs/*.md`` guide the nav does not list yet.

    A guide added by another change appears under Guides (titled by its first heading) instead
    of failing the strict build as an unreachable page.
    """
    listed = _nav_files(nav)
    found = []
    for page in sorted((ROOT / "docs").glob("*.md")):
        if page.name in listed or page.name in excluded.split():
            continue
        heading = next(
            (line[2:].strip() for line in page.read_text().splitlines() if line.startswith("# ")),
            page.stem,
        )
        found.append({heading: page.name})
    return found


def on_config(config: Any) -> Any:
    for section in config["nav"]:
        if isinstance(section, dict) and "Guides" in section:
            section["Guides"] += unlisted_guides(
                config["nav"], "README.template.md rollout-table.md"
            )
    return config


# mkdocs is imported inside the hooks only: the tests load this module without the docs extra.
def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File

    readme = (ROOT / "README.md").read_text()
    files.append(
        File.generated(config, "index.md", content=home_page(readme, config.get("repo_url")))
    )
    return files


#: A Sphinx role before inline code, as docstrings write ``:meth:`name```: rendered by Markdown
#: as ``:meth:<code>name</code>``. The code stays; the role goes.
_ROLE = re.compile(r":(?:py:)?(?:meth|class|func|attr|data|mod|exc|obj):(?=<code)")


def strip_roles(html: str) -> str:
    """Remove Sphinx roles left in front of inline code by the docstrings."""
    return _ROLE.sub("", html)


def on_page_content(html: str, **_: Any) -> str:
    return strip_roles(html)


def on_post_build(config: Any) -> None:
    from mkdocs.exceptions import PluginError

    site = Path(config["site_dir"])
    pages = "".join(p.read_text() for p in (site / "reference").glob("*.html"))
    missing = [
        f"{package}.{name}"
        for package in PACKAGES
        for name in public_names(package)
        if f'id="{package}.{name}"' not in pages
    ]
    missing += [m for m in public_methods("pulumi_sagemaker_hosting") if f'id="{m}"' not in pages]
    if missing:
        raise PluginError(f"public names missing from the API reference: {', '.join(missing)}")


def public_methods(package: str) -> list[str]:
    """``package.Class.method`` for every public method or property of the exported classes.

    Inherited ones count when our package defines them (on a private base class, say); those
    of Pulumi's ``ComponentResource`` do not. This one imports the package.
    """
    import importlib
    import inspect

    module = importlib.import_module(package)
    found = []
    for name in module.__all__:
        cls = getattr(module, name)
        if not inspect.isclass(cls):
            continue
        for member in dir(cls):
            if member.startswith("_"):
                continue
            owner = next((c for c in cls.__mro__ if member in vars(c)), None)
            value = vars(owner).get(member) if owner else None
            ours = owner is not None and owner.__module__.startswith(package)
            if ours and (
                isinstance(value, (staticmethod, classmethod, property))
                or inspect.isfunction(value)
            ):
                found.append(f"{package}.{name}.{member}")
    return found
