"""A container image built from a local directory with BuildKit and pushed to ECR.

Names are stable: the repository and the build are named after what the image *is* (its
context directory relative to the program, its Dockerfile, target and platform), never after
its content, so an edit to the context is a new tag and digest in the same repository, not a
new repository (and the old one deleted with its images and build cache). The content hash
honours ``.dockerignore`` (see :mod:`._docker_context`), so touching an ignored file changes
nothing at all.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Mapping, Sequence

import pulumi
import pulumi_aws as aws

from . import _docker_context, _extras, _iam, _image_uri
from ._binding import Binding, BindScope
from ._validation import collect, is_unknown, plain, show
from .errors import ValidationError
from .images import ContainerImage

WHERE = "ContainerImage.from_asset"
PLATFORMS = ("linux/amd64", "linux/arm64")
# Dockerfile stage names: a letter, then letters, digits, _ . -
# (https://docs.docker.com/reference/dockerfile/#from).
STAGE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")
# BuildKit secret ids end up in `--secret id=<id>` and `/run/secrets/<id>`.
SECRET_ID = re.compile(r"^[A-Za-z0-9_.-]{1,128}$")


def dockerfile_stages(dockerfile: str) -> list[str]:
    """The ``FROM ... AS <name>`` stage names of a Dockerfile file, in order."""
    with open(dockerfile, encoding="utf-8") as handle:
        return _docker_context.stages(handle.read())


def asset_problems(
    *,
    directory: object,
    dockerfile: object,
    build_args: object,
    platform: object,
    target: object,
    secrets: object,
    exclude: object,
) -> list[str]:
    """Every problem of ``from_asset``'s arguments (the extra first, then shapes, then files)."""
    problems: list[str] = []
    module = _extras.missing("docker")
    if module is not None:
        problems.append(
            f"building a local image needs the `docker` extra ({module} is not installed): "
            f"{_extras.install_hint('docker')}"
        )
    if directory is None:
        problems.append("directory must be an existing directory, got None")
    problems += collect(
        plain("directory", directory, str, "a path string"),
        plain("dockerfile", dockerfile, str, "a path string"),
        plain("platform", platform, str, "a string"),
        plain("target", target, str, "a stage name"),
    )
    if build_args is not None and not (
        isinstance(build_args, Mapping)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in build_args.items())
    ):
        problems.append(f"build_args must be a dict of strings to strings, got {show(build_args)}")
    if secrets is not None and not (
        isinstance(secrets, Mapping)
        and all(isinstance(v, str) or is_unknown(v) for v in secrets.values())
    ):
        problems.append(f"secrets must be a dict of ids to strings or outputs, got {show(secrets)}")
    elif secrets is not None:
        for key in secrets:
            if not (isinstance(key, str) and SECRET_ID.match(key)):
                problems.append(
                    f"secrets ids must be 1-128 letters, digits and _ . -, got {show(key)}"
                )
    if exclude is not None and (
        isinstance(exclude, str)
        or not isinstance(exclude, Sequence)
        or not all(isinstance(p, str) and p.strip() for p in exclude)
    ):
        problems.append(
            f"exclude must be a list of .dockerignore patterns (non-empty strings), "
            f"got {show(exclude)}"
        )
    if problems:
        return problems
    assert isinstance(directory, str)  # checked above; narrows for the type checker
    path = os.path.join(directory, dockerfile if isinstance(dockerfile, str) else "Dockerfile")
    if not os.path.isdir(directory):
        problems.append(f"directory must be an existing directory, got {directory!r}")
    elif not os.path.isfile(path):
        problems.append(f"dockerfile must be an existing file, got {path!r}")
    if platform not in PLATFORMS:
        problems.append(f"platform must be one of {', '.join(PLATFORMS)}, got {platform!r}")
    if isinstance(target, str):
        if not STAGE_NAME.match(target):
            problems.append(
                "target must be a stage name (a letter, then letters, digits, _ . -), "
                f"got {target!r}"
            )
        elif os.path.isfile(path):
            stages = dockerfile_stages(path)
            if target.lower() not in (s.lower() for s in stages):
                named = ", ".join(stages) if stages else "none"
                problems.append(
                    f"target must be a stage of {path!r} (FROM ... AS <name>; stages: "
                    f"{named}), got {target!r}"
                )
    return problems


class AssetImage(ContainerImage):
    """An image built from a local directory and pushed to ECR; built once however often used."""

    def __init__(
        self,
        *,
        directory: str,
        dockerfile: str,
        build_args: dict[str, str],
        platform: str,
        target: str | None = None,
        secrets: Mapping[str, pulumi.Input[str]] | None = None,
        exclude: Sequence[str] = (),
        repository: aws.ecr.Repository | None = None,
    ) -> None:
        self.directory = directory
        """The build context (absolute)."""
        self.dockerfile = dockerfile
        """The Dockerfile (absolute)."""
        self.build_args = build_args
        """``--build-arg`` values (part of the content hash)."""
        self.platform = platform
        """The target platform."""
        self.target = target
        """The Dockerfile stage to build, or None for the last one."""
        self.secrets = dict(secrets or {})
        """BuildKit secrets by id (secret outputs; not part of the content hash)."""
        self.exclude = list(exclude)
        """Extra ``.dockerignore`` patterns."""
        self.repository = repository
        """The repository to push to, or None for one created under the first model."""
        self._built: Binding | None = None

    @property
    def identity(self) -> str:
        """What the image is, independent of its content: the stable part of its names."""
        described = {
            "context": os.path.relpath(self.directory).replace(os.sep, "/"),
            "dockerfile": os.path.relpath(self.dockerfile, self.directory).replace(os.sep, "/"),
            "target": self.target,
            "platform": self.platform,
        }
        encoded = json.dumps(described, sort_keys=True).encode()
        return hashlib.sha256(encoded).hexdigest()[:8]

    def patterns(self) -> list[str]:
        """The ignore patterns of the build: the ignore file's, then ``exclude``."""
        found = _docker_context.ignore_file(self.directory, self.dockerfile)
        return _docker_context.read_patterns(found) + self.exclude

    def content_hash(self) -> str:
        """A sha256 of everything that makes the image: sent files, Dockerfile, settings."""
        settings: dict[str, object] = {
            "build_args": self.build_args,
            "platform": self.platform,
            "target": self.target,
        }
        return _docker_context.content_hash(
            self.directory, self.dockerfile, self.patterns(), settings
        )

    def _uri_problems(self, model_name: str) -> list[str]:
        """The pushed image's URI names the repository created under the model (if any)."""
        if self.repository is not None:
            return []  # a given repository's URL is known only when it is deployed
        # Pulumi auto-names the repository <logical name>-<7 random characters>; the model
        # references the image by digest (sha256: and 64 hex digits).
        repository = f"{self._base(model_name)}-repo-{'0' * 7}"
        return _image_uri.problems(
            "image",
            f"{repository}@sha256:{'0' * 64}",
            hint=(
                f"; from_asset pushes to a repository named after the model ({model_name!r}): "
                "give the model a shorter name, or pass repository="
            ),
        )

    def _base(self, model_name: str) -> str:
        """The logical name of the build, and the stem of its repository's."""
        return f"{model_name}-image-{self.identity}"

    def _bind(self, scope: BindScope) -> Binding:
        """Build and push on first use (under the first model); reuse the push afterwards."""
        if self._built is None:
            content = self.content_hash()
            prefix = f"image:{self.identity}:{id(self.repository)}:"
            key = prefix + content
            if key not in scope.bound:
                for other in scope.bound:
                    if other.startswith(prefix):
                        raise ValidationError(
                            WHERE,
                            [
                                f"model {scope.name!r} builds {self.directory!r} twice with the "
                                "same Dockerfile, target and platform but different build_args "
                                "or ignore patterns; one build per model (its resources are "
                                "named after those four)"
                            ],
                        )
                scope.bound[key] = self._build(scope, content)
            self._built = scope.bound[key]
        return self._built

    def _staged_dockerfile(self) -> str:
        """The Dockerfile BuildKit reads: the original, or a copy beside the merged ignore file.

        ``exclude`` reaches BuildKit through a Dockerfile-specific ignore file
        (``<Dockerfile>.dockerignore``, which takes precedence over the context's), written with
        a copy of the Dockerfile to a directory named after both, under the temp directory.
        """
        if not self.exclude:
            return self.dockerfile
        with open(self.dockerfile, "rb") as handle:
            recipe = handle.read()
        ignore = "".join(f"{pattern}\n" for pattern in self.patterns())
        key = hashlib.sha256(recipe + b"\0" + ignore.encode()).hexdigest()[:16]
        staging = os.path.join(tempfile.gettempdir(), "pulumi-sagemaker-hosting", key)
        os.makedirs(staging, exist_ok=True)
        staged = os.path.join(staging, os.path.basename(self.dockerfile))
        with open(staged, "wb") as handle:
            handle.write(recipe)
        with open(staged + _docker_context.IGNORE_FILE, "w", encoding="utf-8") as handle:
            handle.write(ignore)
        return staged

    def _build(self, scope: BindScope, content: str) -> Binding:
        # Imported here: building images is the only reason to load the Docker provider.
        import pulumi_docker_build as docker_build

        base = self._base(scope.name)
        child = pulumi.ResourceOptions(parent=scope.parent)
        repository = self.repository
        if repository is None:
            repository = aws.ecr.Repository(
                f"{base}-repo",
                image_scanning_configuration={"scan_on_push": True},
                image_tag_mutability="MUTABLE",
                force_delete=True,
                opts=child,
            )
            aws.ecr.LifecyclePolicy(
                f"{base}-lifecycle",
                repository=repository.name,
                policy=_KEEP_LAST_IMAGES,
                opts=child,
            )
        token = aws.ecr.get_authorization_token_output(
            registry_id=repository.registry_id,
            opts=pulumi.InvokeOutputOptions(parent=scope.parent),
        )
        url = repository.repository_url
        # The cache is per image (target and platform), so two images sharing a repository
        # do not overwrite each other's cache.
        cache = pulumi.Output.concat(url, f":cache-{self.identity}")
        image = docker_build.Image(
            base,
            push=True,
            context={"location": self.directory},
            dockerfile={"location": self._staged_dockerfile()},
            platforms=[docker_build.Platform(self.platform)],
            build_args=self.build_args or None,
            target=self.target,
            secrets={k: pulumi.Output.secret(v) for k, v in self.secrets.items()} or None,
            # The tag names the content; the model pins the digest.
            tags=[pulumi.Output.concat(url, ":", content[:16])],
            cache_from=[{"registry": {"ref": cache}}],
            cache_to=[
                {"registry": {"ref": cache, "image_manifest": True, "oci_media_types": True}}
            ],
            registries=[
                {
                    "address": url,
                    "username": token.user_name,
                    "password": pulumi.Output.secret(token.password),
                }
            ],
            opts=child,
        )
        uri = pulumi.Output.concat(url, "@", image.digest)
        return Binding(uri, _iam.ecr_pull(repository.arn), dependencies=(image,))


# Keep the 20 newest images; older ones are unreachable once no model references them.
_KEEP_LAST_IMAGES = (
    '{"rules":[{"rulePriority":1,"description":"keep the 20 newest images",'
    '"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":20},'
    '"action":{"type":"expire"}}]}'
)
