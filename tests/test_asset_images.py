"""ContainerImage.from_asset: stable names, .dockerignore, build options, exact inputs."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import pulumi
import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting import ValidationError
from pulumi_sagemaker_hosting._docker_context import context_files
from pulumi_sagemaker_hosting.testing import RecordingMonitor, mocked_stack, run

DOCKERFILE = "FROM python:3.12 AS deps\nRUN true\n\nFROM deps AS serve\nCOPY . /app\n"


def context(tmp_path: Path) -> Path:
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    (tmp_path / "app.py").write_text("print('hi')\n")
    return tmp_path


def one_model(image: sm.ContainerImage, name: str = "svc") -> sm.Model:
    return sm.Model(name, containers=[sm.ContainerDefinition(image=image)])


def deploy(make: object) -> RecordingMonitor:
    with mocked_stack() as rec:
        run(lambda: one_model(make()))  # type: ignore[operator]
        return rec


def names_and_tag(rec: RecordingMonitor) -> tuple[list[str], str]:
    names = sorted(
        r.name for r in rec.registrations if r.type.startswith(("aws:ecr/", "docker-build:"))
    )
    (build,) = rec.of_type("docker-build:index:Image")
    tag: str = build.inputs["tags"][0].rsplit(":", 1)[1]
    return names, tag


def identity(**described: object) -> str:
    base = {"context": ".", "dockerfile": "Dockerfile", "target": None, "platform": "linux/amd64"}
    encoded = json.dumps({**base, **described}, sort_keys=True).encode()
    return hashlib.sha256(encoded).hexdigest()[:8]


def test_names_do_not_follow_the_content_the_tag_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(context(tmp_path))
    names, tag = names_and_tag(deploy(lambda: sm.ContainerImage.from_asset(".")))
    base = f"svc-image-{identity()}"
    assert names == [base, f"{base}-lifecycle", f"{base}-repo"]
    (tmp_path / "app.py").write_text("print('changed')\n")
    names_after, tag_after = names_and_tag(deploy(lambda: sm.ContainerImage.from_asset(".")))
    assert names_after == names
    assert tag_after != tag


def test_names_are_relative_to_the_program_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "serve").mkdir()
    context(tmp_path / "serve")
    monkeypatch.chdir(tmp_path)
    relative, _ = names_and_tag(deploy(lambda: sm.ContainerImage.from_asset("serve")))
    absolute, _ = names_and_tag(
        deploy(lambda: sm.ContainerImage.from_asset(str(tmp_path / "serve")))
    )
    assert relative == absolute
    assert relative[0] == f"svc-image-{identity(context='serve')}"


def test_dockerignore_decides_what_counts(tmp_path: Path) -> None:
    ctx = context(tmp_path)
    (ctx / ".dockerignore").write_text("# comment\n\n*.log\nbuild/\n!build/keep.txt\n/cache\nfoo\n")
    (ctx / "debug.log").write_text("1")
    (ctx / "build").mkdir()
    (ctx / "build" / "out.bin").write_text("1")
    (ctx / "build" / "keep.txt").write_text("1")
    (ctx / "cache").mkdir()
    (ctx / "cache" / "x").write_text("1")
    (ctx / "sub").mkdir()
    (ctx / "sub" / "foo").write_text("1")  # docker patterns are anchored at the root
    (ctx / "sub" / "debug.log").write_text("1")  # `*` does not cross directories
    (ctx / "foo").write_text("1")

    def tag() -> str:
        return names_and_tag(deploy(lambda: sm.ContainerImage.from_asset(str(ctx))))[1]

    first = tag()
    for ignored in ("debug.log", "build/out.bin", "cache/x", "foo"):
        (ctx / ignored).write_text("touched")
        assert tag() == first, ignored
    for counted in ("build/keep.txt", "sub/foo", "sub/debug.log", "app.py", ".dockerignore"):
        (ctx / counted).write_text((ctx / counted).read_text() + "\n# touched\n")
        now = tag()
        assert now != first, counted
        first = now


def test_context_files_follow_docker_rules(tmp_path: Path) -> None:
    for path in ("a.txt", "dir/b.txt", "dir/sub/c.txt", "x/dir/d.txt", "e.md"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("1")
    assert context_files(str(tmp_path), ["dir", "!dir/sub/c.txt", "**/*.md"]) == [
        "a.txt",
        "dir/sub/c.txt",
        "x/dir/d.txt",
    ]
    assert context_files(str(tmp_path), ["./dir/../a.txt", "/x"]) == [
        "dir/b.txt",
        "dir/sub/c.txt",
        "e.md",
    ]


def test_context_files_match_docker_where_gitignore_matchers_do_not(tmp_path: Path) -> None:
    # moby/patternmatcher's answers: `*` stops at `/` but a matched directory takes its whole
    # subtree, `!` re-includes below an excluded directory, `**name` is a suffix match.
    files = ("app.py", "a.log", "src/main.py", "src/lib/u.py", "docs/a.md", "docs/sub/b.md")
    for path in files:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("1")
    root = str(tmp_path)
    # pathspec 1.x ("gitignore" style) kept every file below a directory here.
    assert context_files(root, ["*", "!app.py"]) == ["app.py"]
    assert context_files(root, ["*", "!src"]) == ["src/lib/u.py", "src/main.py"]
    assert context_files(root, ["docs/*"]) == ["a.log", "app.py", "src/lib/u.py", "src/main.py"]
    assert context_files(root, ["*/*"]) == ["a.log", "app.py"]
    # pathspec's GitIgnoreSpec let the file pattern win over the later directory re-include.
    assert context_files(root, ["**/*.py", "!src/lib"]) == [
        "a.log",
        "docs/a.md",
        "docs/sub/b.md",
        "src/lib/u.py",
    ]
    assert context_files(root, ["**.md", "**g"]) == ["app.py", "src/lib/u.py", "src/main.py"]
    assert context_files(root, ["docs/**", "[^d]*.py"]) == ["a.log", "src/lib/u.py", "src/main.py"]
    assert context_files(root, ["a.lo?", "src/**/u.py", "[z-a]"]) == [
        "app.py",
        "docs/a.md",
        "docs/sub/b.md",
        "src/main.py",
    ]


def test_a_dockerfile_specific_ignore_file_wins(tmp_path: Path) -> None:
    ctx = context(tmp_path)
    (ctx / ".dockerignore").write_text("app.py\n")
    (ctx / "Dockerfile.dockerignore").write_text("notes.txt\n")
    (ctx / "notes.txt").write_text("1")

    def tag() -> str:
        return names_and_tag(deploy(lambda: sm.ContainerImage.from_asset(str(ctx))))[1]

    first = tag()
    (ctx / "notes.txt").write_text("2")
    assert tag() == first
    (ctx / "app.py").write_text("print('counted: the root .dockerignore is not read')\n")
    assert tag() != first


def test_every_build_option_is_registered(rec: RecordingMonitor, tmp_path: Path) -> None:
    ctx = context(tmp_path)
    (ctx / ".dockerignore").write_text("*.log\n")
    token = {"value": "s3cr3t"}

    def program() -> None:
        image = sm.ContainerImage.from_asset(
            str(ctx),
            build_args={"PYTHON": "3.12"},
            platform="linux/arm64",
            target="serve",
            secrets={"hf_token": token["value"], "pip": pulumi.Output.from_input("pw")},
            exclude=["tests/", "*.md"],
        )
        one_model(image)

    run(program)
    (repo,) = rec.of_type("aws:ecr/repository:Repository")
    (build,) = rec.of_type("docker-build:index:Image")
    url = repo.outputs["repositoryUrl"]
    staged = build.inputs["dockerfile"]["location"]
    cache = f"{url}:cache-{build.name.rsplit('-', 1)[1]}"
    assert build.inputs == {
        "push": True,
        "context": {"location": str(ctx)},
        "dockerfile": {"location": staged},
        "platforms": ["linux/arm64"],
        "buildArgs": {"PYTHON": "3.12"},
        "target": "serve",
        "secrets": {"hf_token": "s3cr3t", "pip": "pw"},
        "tags": [build.inputs["tags"][0]],
        "cacheFrom": [{"registry": {"ref": cache}}],
        "cacheTo": [{"registry": {"ref": cache, "imageManifest": True, "ociMediaTypes": True}}],
        "registries": [{"address": url, "username": "AWS", "password": "mock-ecr-password"}],
        # The docker-build SDK's own defaults.
        "buildOnPreview": True,
        "network": "default",
    }
    assert set(build.secret_inputs) == {"secrets", "registries"}
    described = identity(context=os.path.relpath(ctx), target="serve", platform="linux/arm64")
    assert build.name == f"svc-image-{described}"
    # exclude reaches BuildKit as a Dockerfile-specific ignore file beside a copy of the
    # Dockerfile: the context's patterns, then exclude.
    assert staged.startswith(os.path.join(tempfile.gettempdir(), "pulumi-sagemaker-hosting"))
    assert Path(staged).name == "Dockerfile"
    assert Path(staged).read_text() == DOCKERFILE
    assert Path(staged + ".dockerignore").read_text() == "*.log\ntests/\n*.md\n"


def test_defaults_register_no_optional_inputs(rec: RecordingMonitor, tmp_path: Path) -> None:
    ctx = context(tmp_path)
    run(lambda: one_model(sm.ContainerImage.from_asset(str(ctx))))
    (build,) = rec.of_type("docker-build:index:Image")
    assert build.inputs["platforms"] == ["linux/amd64"]
    assert build.inputs["dockerfile"] == {"location": str(ctx / "Dockerfile")}
    for absent in ("target", "secrets", "buildArgs"):
        assert absent not in build.inputs


def test_secrets_and_exclude_do_not_change_the_tag_but_target_does(tmp_path: Path) -> None:
    ctx = context(tmp_path)

    def tag(**options: object) -> str:
        return names_and_tag(
            deploy(lambda: sm.ContainerImage.from_asset(str(ctx), **options))  # type: ignore[arg-type]
        )[1]

    plain = tag()
    assert tag(secrets={"a": "1"}) == tag(secrets={"a": "2"}) == plain
    assert tag(exclude=["nothing-here"]) == plain
    assert tag(target="deps") != plain
    assert tag(build_args={"A": "1"}) != plain
    assert tag(exclude=["app.py"]) != plain


def test_one_image_identity_twice_in_a_model_with_different_args_is_refused(
    tmp_path: Path,
) -> None:
    ctx = context(tmp_path)
    with mocked_stack(), pytest.raises(ValidationError, match=r"builds .* twice with the same"):
        run(
            lambda: sm.Model(
                "p",
                containers=[
                    sm.ContainerDefinition(sm.ContainerImage.from_asset(str(ctx))),
                    sm.ContainerDefinition(
                        sm.ContainerImage.from_asset(str(ctx), build_args={"A": "1"})
                    ),
                ],
            )
        )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"target": "missing"},
            r"target must be a stage of '.*Dockerfile' \(FROM \.\.\. AS "
            r"<name>; stages: deps, serve\), got 'missing'",
        ),
        ({"target": "9x"}, r"target must be a stage name .* got '9x'"),
        ({"secrets": {"bad id": "v"}}, r"secrets ids must be 1-128 letters.* got 'bad id'"),
        ({"secrets": {"a": 1}}, r"secrets must be a dict of ids to strings or outputs"),
        ({"exclude": "*.log"}, r"exclude must be a list of .dockerignore patterns"),
        ({"exclude": [""]}, r"exclude must be a list of .dockerignore patterns"),
        ({"platform": "linux/386"}, r"platform must be one of linux/amd64, linux/arm64"),
    ],
)
def test_option_validation(tmp_path: Path, options: dict[str, object], message: str) -> None:
    ctx = context(tmp_path)
    with pytest.raises(ValidationError, match=r"ContainerImage.from_asset: " + message):
        sm.ContainerImage.from_asset(str(ctx), **options)  # type: ignore[arg-type]
