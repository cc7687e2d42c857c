"""Local image builds with .dockerignore, target, secrets and exclude, carried out on moto."""

from __future__ import annotations

from pathlib import Path

import pulumi_docker_build as docker_build
import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting.testing import EmulatorError, emulated_stack

DOCKERFILE = "FROM python:3.12 AS deps\nRUN true\n\nFROM deps AS serve\nCOPY . /app\n"


def context(tmp_path: Path) -> Path:
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    (tmp_path / "app.py").write_text("print('hi')\n")
    (tmp_path / ".dockerignore").write_text("*.log\n")
    (tmp_path / "debug.log").write_text("1")
    return tmp_path


def deploy(ctx: Path, **options: object) -> tuple[str, str, list[str]]:
    """Deploy one model from ``ctx``; the repository, the model's image and pushed tags."""

    def program() -> None:
        image = sm.ContainerImage.from_asset(str(ctx), **options)  # type: ignore[arg-type]
        sm.Model("svc", containers=[sm.ContainerDefinition(image=image)])

    with emulated_stack() as stack:
        stack.run(program)
        (repository,) = stack.recorder.of_type("aws:ecr/repository:Repository")
        name = repository.outputs["name"]
        model = stack.recorder.named("svc-model").outputs["name"]
        image = stack.emulator.describe_model(model)["PrimaryContainer"]["Image"]
        tags = [t for i in stack.emulator.images(name) for t in i.get("imageTags", [])]
        return repository.name, image, tags


def test_options_reach_the_build_and_ignored_files_change_nothing(tmp_path: Path) -> None:
    ctx = context(tmp_path)
    options = {
        "target": "serve",
        "secrets": {"token": "s3cr3t"},
        "exclude": ["notes/"],
        "platform": "linux/arm64",
    }
    repo, image, tags = deploy(ctx, **options)
    assert "@sha256:" in image and len(tags) == 1
    (ctx / "debug.log").write_text("ignored by .dockerignore")
    (ctx / "notes").mkdir()
    (ctx / "notes" / "n.txt").write_text("ignored by exclude")
    assert deploy(ctx, **options) == (repo, image, tags)
    (ctx / "app.py").write_text("print('changed')\n")
    repo_after, image_after, tags_after = deploy(ctx, **options)
    assert repo_after == repo  # the same repository's logical name
    assert image_after != image and tags_after != tags


def test_the_emulated_build_refuses_a_missing_stage(tmp_path: Path) -> None:
    ctx = context(tmp_path)

    def program() -> None:
        docker_build.Image("img", push=False, context={"location": str(ctx)}, target="nowhere")

    with (
        emulated_stack() as stack,
        pytest.raises(EmulatorError, match="BuildFailed: target stage 'nowhere' could not be"),
    ):
        stack.run(program)
