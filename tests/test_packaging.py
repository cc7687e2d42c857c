"""What a user installs: floors, extras, version, license and the sdist's contents."""

from __future__ import annotations

import importlib
import re
import runpy
import shutil
import subprocess
import sys
import tarfile
from importlib import metadata
from pathlib import Path

import pytest
from packaging.version import Version

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting.provider import PACKAGE_VERSION, REPOSITORY
from pulumi_sagemaker_hosting.testing import RecordingMonitor

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PROJECT = PYPROJECT["project"]


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _floor(requirement: str) -> Version:
    found = re.search(r">=\s*([\w.]+)", requirement)
    assert found is not None, f"{requirement!r} declares no floor"
    return Version(found.group(1))


def test_lowest_constraints_pin_every_declared_floor() -> None:
    declared = list(PROJECT["dependencies"])
    for extra, requirements in PROJECT["optional-dependencies"].items():
        if extra not in ("dev", "docs"):  # the dev and docs tools are not what users install
            declared += requirements
    floors = {_name(r): _floor(r) for r in declared}
    lines = (ROOT / "constraints" / "lowest.txt").read_text().splitlines()
    pins: dict[str, Version] = {}
    for line in lines:
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.strip().lower().replace("_", "-")] = Version(version)
    assert pins == floors


def test_yaml_is_declared_because_the_runner_imports_it() -> None:
    assert "pyyaml" in {_name(r) for r in PROJECT["dependencies"]}
    assert "import yaml" in (ROOT / "pulumi_sagemaker_hosting" / "local.py").read_text()


def test_docker_build_is_an_extra_not_a_dependency() -> None:
    assert "pulumi-docker-build" not in {_name(r) for r in PROJECT["dependencies"]}
    # .dockerignore matching is Docker's own (moby/patternmatcher), written out in
    # _docker_context.py: gitignore matchers (pathspec) answer differently.
    assert [_name(r) for r in PROJECT["optional-dependencies"]["docker"]] == ["pulumi-docker-build"]


def test_version_comes_from_the_distribution_metadata() -> None:
    assert sm.__version__ == metadata.version("pulumi-sagemaker-hosting")
    assert sm.__version__ == PROJECT["version"] == PACKAGE_VERSION


def test_license_and_project_metadata() -> None:
    assert PROJECT["license"] == "Apache-2.0"
    assert PROJECT["license-files"] == ["LICENSE"]
    assert (
        "Apache License\n                           Version 2.0" in (ROOT / "LICENSE").read_text()
    )
    classifiers = PROJECT["classifiers"]
    for minor in (10, 11, 12, 13):
        assert f"Programming Language :: Python :: 3.{minor}" in classifiers
    assert "Typing :: Typed" in classifiers
    assert {"pulumi", "aws", "sagemaker"} <= set(PROJECT["keywords"])
    assert set(PROJECT["urls"]) == {
        "Homepage",
        "Documentation",
        "Repository",
        "Issues",
        "Changelog",
    }
    assert f"## [{PROJECT['version']}]" in (ROOT / "CHANGELOG.md").read_text()


def test_one_repository_url_everywhere() -> None:
    # A placeholder until the repository is public: CHANGELOG.md ("Before publishing") lists
    # where to set it; this fails while any copy disagrees with pyproject.toml's.
    repository = PROJECT["urls"]["Repository"]
    assert repository == REPOSITORY
    for key, url in PROJECT["urls"].items():
        assert url.startswith(repository), (key, url)
    assert f"\nrepo_url: {repository}\n" in (ROOT / "mkdocs.yml").read_text()
    add = f"pulumi package add {repository}/provider@v{PROJECT['version']}"
    for doc in ("provider/README.md", "docs/multi-language.md"):
        assert add in (ROOT / doc).read_text(), doc
    # No other spelling of the project's URL (a stale copy, another owner) anywhere.
    raw = repository.replace("github.com", "raw.githubusercontent.com")
    mention = re.compile(
        r"https://(?:github\.com|raw\.githubusercontent\.com)/[\w.-]+/pulumi-sagemaker-hosting\b"
    )
    texts = [
        ROOT / "pyproject.toml",
        ROOT / "mkdocs.yml",
        ROOT / "README.md",
        ROOT / "CHANGELOG.md",
        *(ROOT / "provider").glob("*.*"),
        *(ROOT / "docs").rglob("*.md"),
        *(ROOT / "pulumi_sagemaker_hosting").rglob("*.py"),
    ]
    found = 0
    for path in texts:
        if path.suffix in (".md", ".py", ".toml", ".yml", ".yaml", ".json", ".txt"):
            for url in mention.findall(path.read_text()):
                found += 1
                assert url in (repository, raw), (path, url)
    assert found > 0


def test_emulator_without_the_testing_extra_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "boto3", None)
    monkeypatch.delitem(sys.modules, "pulumi_sagemaker_hosting.testing.emulator", raising=False)
    monkeypatch.delitem(
        sys.modules, "pulumi_sagemaker_hosting.testing._emulator_core", raising=False
    )
    with pytest.raises(ModuleNotFoundError) as caught:
        importlib.import_module("pulumi_sagemaker_hosting.testing.emulator")
    assert str(caught.value) == (
        "the AWS emulator (and the offline runner) needs the `testing` extra (boto3 is not "
        "installed): pip install 'pulumi-sagemaker-hosting[testing]'"
    )
    assert caught.value.name == "boto3"


def test_from_asset_without_the_docker_extra_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, rec: RecordingMonitor
) -> None:
    (tmp_path / "Dockerfile").write_text("FROM scratch\n")
    monkeypatch.setitem(sys.modules, "pulumi_docker_build", None)
    with pytest.raises(
        sm.ValidationError,
        match=re.escape(
            "ContainerImage.from_asset: building a local image needs the `docker` extra "
            "(pulumi_docker_build is not installed): "
            "pip install 'pulumi-sagemaker-hosting[docker]'"
        ),
    ):
        sm.ContainerImage.from_asset(str(tmp_path))
    assert rec.registrations == []


def test_sdist_ships_the_package_and_no_partial_test_suite(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".venv*",
            ".git",
            "*.egg-info",
            "__pycache__",
            ".*_cache",
            "build",
            "dist",
            "bench",
            ".tools",
        ),
    )
    built = subprocess.run(
        [sys.executable, "-c", "import setuptools.build_meta as b; print(b.build_sdist('out'))"],
        cwd=source,
        capture_output=True,
        text=True,
        check=True,
    )
    archive = source / "out" / built.stdout.strip().splitlines()[-1]
    with tarfile.open(archive) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    for needed in ("LICENSE", "README.md", "CHANGELOG.md", "pyproject.toml", "PKG-INFO"):
        assert needed in names
    assert "pulumi_sagemaker_hosting/py.typed" in names
    assert "pulumi_sagemaker_hosting/testing/emulator.py" in names
    assert not any(name.startswith("tests/") for name in names)


def _render_readme() -> str:
    namespace = runpy.run_path(str(ROOT / "scripts" / "render_readme.py"), run_name="render")
    rendered: str = namespace["render"]()
    return rendered


def test_readme_is_rendered_from_the_template() -> None:
    assert (ROOT / "README.md").read_text() == _render_readme(), (
        "README.md is stale: run scripts/render_readme.py"
    )


def test_readme_links_work_on_pypi() -> None:
    # PyPI shows README.md alone: a link relative to the repository would be broken there.
    links = re.findall(r"\]\(([^)\s]+)\)", (ROOT / "README.md").read_text())
    relative = [link for link in links if not re.match(r"https?://|#|mailto:", link)]
    assert relative == []
    repository = PROJECT["urls"]["Repository"]
    assert f"]({repository}/blob/main/docs/emulator.md)" in (ROOT / "README.md").read_text()
