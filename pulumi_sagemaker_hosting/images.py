"""Container images for SageMaker models: ECR repositories, local builds, DLCs, plain URIs."""

from __future__ import annotations

import hashlib
import os
import re
from abc import ABC, abstractmethod
from collections.abc import Mapping

import pulumi
import pulumi_aws as aws

from . import _extras, _iam
from ._binding import Binding, BindScope
from ._dlc import dlc_account
from ._environment import configured_region, url_suffix
from ._validation import collect, field, input_text, is_unknown, plain, show
from .errors import ValidationError

# ECR's own patterns (CreateRepository / PutImage).
_REPOSITORY_NAME = re.compile(r"^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$")
_TAG = re.compile(r"^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$")
_DIGEST = re.compile(r"^sha256:[a-f0-9]{64}$")
_PLATFORMS = ("linux/amd64", "linux/arm64")


def _check_repository_name(where: str, name: object, argument: str = "repository") -> None:
    if not isinstance(name, str):
        raise ValidationError(
            where, [f"{argument} must be a plain string, got {show(name)} ({type(name).__name__})"]
        )
    if not (2 <= len(name) <= 256 and _REPOSITORY_NAME.match(name)):
        raise ValidationError(
            where,
            [
                f"{argument} must be an ECR repository name (2-256 lowercase letters, digits "
                f"and . _ - /), got {name!r}"
            ],
        )


def _check_tag(where: str, tag: object) -> str:
    """Return the separator for ``tag``: ``@`` for a digest, ``:`` for a tag."""
    if not isinstance(tag, str):
        raise ValidationError(
            where, [f"tag must be a plain string, got {show(tag)} ({type(tag).__name__})"]
        )
    if _DIGEST.match(tag):
        return "@"
    if not _TAG.match(tag):
        raise ValidationError(
            where,
            [
                "tag must be an image tag (1-128 of letters, digits, . _ -, not starting with "
                f". or -) or a digest sha256:<64 hex>, got {tag!r}"
            ],
        )
    return ":"


class ContainerImage(ABC):
    """Where a model's inference code comes from; create one with a ``from_*`` factory.

    Subclass it for other sources: ``bind`` receives the model being assembled and returns
    the image URI plus the IAM statements the model's role needs to pull it.
    """

    @abstractmethod
    def _bind(self, scope: BindScope) -> Binding:
        """Produce the image URI (and grants) for the model described by ``scope``."""

    @staticmethod
    def from_ecr_repository(
        repository: aws.ecr.Repository | str, tag: str = "latest"
    ) -> ContainerImage:
        """An image in ECR: a repository resource, or a repository name in the model's account.

        ``tag`` may also be a digest (``sha256:...``), which pins the image. The model's role
        gets pull on this repository only, plus ``ecr:GetAuthorizationToken``.
        """
        where = "ContainerImage.from_ecr_repository"
        if isinstance(repository, str):
            _check_repository_name(where, repository)
        elif not isinstance(repository, aws.ecr.Repository):
            if is_unknown(repository):
                raise ValidationError(
                    where,
                    [
                        "repository must be an aws.ecr.Repository or a plain repository name, "
                        "not an Output (pass the Repository resource itself)"
                    ],
                )
            raise ValidationError(
                where,
                [
                    "repository must be an aws.ecr.Repository or a repository name, "
                    f"got {type(repository).__name__}"
                ],
            )
        return EcrImage(repository, tag, _check_tag(where, tag))

    @staticmethod
    def from_asset(
        directory: str,
        *,
        dockerfile: str | None = None,
        build_args: Mapping[str, str] | None = None,
        platform: str = "linux/amd64",
        repository: aws.ecr.Repository | None = None,
    ) -> ContainerImage:
        """An image built from a local directory with BuildKit and pushed to ECR.

        Args:
            directory: the build context; must exist.
            dockerfile: the Dockerfile, relative to ``directory`` (default ``Dockerfile``).
            build_args: ``--build-arg`` values.
            platform: ``linux/amd64`` (SageMaker's instances) or ``linux/arm64`` (Graviton).
            repository: where to push; by default a repository with scan-on-push is created
                under the first model that uses the image.

        The model references the pushed image by digest (``repo@sha256:...``), so a new build
        is a new model and a clean rollout, never a moving tag.
        """
        where = "ContainerImage.from_asset"
        problems: list[str] = collect(
            plain("directory", directory, str, "a path string"),
            plain("dockerfile", dockerfile, str, "a path string"),
            plain("platform", platform, str, "a string"),
        )
        if build_args is not None and not (
            isinstance(build_args, Mapping)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in build_args.items())
        ):
            problems.append(
                f"build_args must be a dict of strings to strings, got {show(build_args)}"
            )
        if directory is None:
            problems.insert(0, "directory must be an existing directory, got None")
        module = _extras.missing("docker")
        if module is not None:
            problems.insert(
                0,
                f"building a local image needs the `docker` extra ({module} is not "
                f"installed): {_extras.install_hint('docker')}",
            )
        if problems:
            raise ValidationError(where, problems)
        dockerfile_path = os.path.join(directory, dockerfile or "Dockerfile")
        if not os.path.isdir(directory):
            problems.append(f"directory must be an existing directory, got {directory!r}")
        elif not os.path.isfile(dockerfile_path):
            problems.append(f"dockerfile must be an existing file, got {dockerfile_path!r}")
        if platform not in _PLATFORMS:
            problems.append(f"platform must be one of {', '.join(_PLATFORMS)}, got {platform!r}")
        if repository is not None and not isinstance(repository, aws.ecr.Repository):
            problems.append(
                f"repository must be an aws.ecr.Repository, got {type(repository).__name__}"
            )
        if problems:
            raise ValidationError(where, problems)
        return AssetImage(
            directory=os.path.abspath(directory),
            dockerfile=os.path.abspath(dockerfile_path),
            build_args=dict(build_args or {}),
            platform=platform,
            repository=repository,
        )

    @staticmethod
    def from_dlc(repository_name: str, tag: str, account_id: str | None = None) -> ContainerImage:
        """An AWS Deep Learning Container, e.g. ``huggingface-pytorch-inference``.

        The registry account is looked up for the stack's region (every region that hosts
        DLCs: commercial, China, GovCloud); pass ``account_id`` for any other registry.
        """
        where = "ContainerImage.from_dlc"
        _check_repository_name(where, repository_name, "repository_name")
        separator = _check_tag(where, tag)
        if account_id is not None and not (
            isinstance(account_id, str) and re.fullmatch(r"\d{12}", account_id)
        ):
            raise ValidationError(where, [f"account_id must be 12 digits, got {account_id!r}"])
        region = configured_region()
        if account_id is None and region is not None and dlc_account(region) is None:
            raise ValidationError(where, [_unknown_dlc_region(region)])
        return DlcImage(repository_name, tag, separator, account_id)

    @staticmethod
    def from_uri(uri: pulumi.Input[str]) -> ContainerImage:
        """Any image URI SageMaker can pull (no grants are added for it)."""
        where = "ContainerImage.from_uri"
        if isinstance(uri, str) and (not uri or any(c.isspace() for c in uri)):
            raise ValidationError(where, [f"uri must be a non-empty image URI, got {uri!r}"])
        problems = input_text("uri", uri) or field(
            "sagemaker.CreateModel.Containers[].Image", "uri", uri
        )
        if uri is None:
            problems = ["uri must be an image URI (or an Output of one), got None"]
        if problems:
            raise ValidationError(where, problems)
        return UriImage(uri)


def _unknown_dlc_region(region: str) -> str:
    return (
        f"no Deep Learning Containers registry is known for region {region!r}; "
        "pass account_id= with the registry's account"
    )


class EcrImage(ContainerImage):
    """An image in an ECR repository, by tag or digest."""

    def __init__(self, repository: aws.ecr.Repository | str, tag: str, separator: str) -> None:
        self.repository = repository
        self.tag = tag
        self._separator = separator

    def _bind(self, scope: BindScope) -> Binding:
        """Reference ``<repository url><:tag|@digest>`` and grant pull on the repository."""
        # Built once per provider and shared by every model pulling the same image.
        suffix = f"{self._separator}{self.tag}"
        env, repository = scope.env, self.repository
        if isinstance(repository, aws.ecr.Repository):
            uri = env.memo(
                ("ecr-uri", id(repository), suffix),
                lambda: repository.repository_url.apply(lambda url: f"{url}{suffix}"),
                repository,
            )
            arn: pulumi.Input[str] = repository.arn
        else:
            uri = env.derived(
                ("ecr-uri", repository, suffix),
                lambda e: f"{e.account_id}.dkr.ecr.{e.region}.{e.url_suffix}/{repository}{suffix}",
            )
            arn = env.arn("ecr", f"repository/{repository}")
        return Binding(uri, _iam.ecr_pull(arn))


class DlcImage(ContainerImage):
    """An AWS Deep Learning Container image."""

    def __init__(
        self, repository_name: str, tag: str, separator: str, account_id: str | None
    ) -> None:
        self.repository_name = repository_name
        self.tag = tag
        self._separator = separator
        self.account_id = account_id

    def _account(self, region: str) -> str:
        account = self.account_id or dlc_account(region)
        if account is None:
            raise ValidationError("ContainerImage.from_dlc", [_unknown_dlc_region(region)])
        return account

    def _bind(self, scope: BindScope) -> Binding:
        """Reference the DLC in the model's region and grant pull on that repository."""
        # Built once per provider and shared by every model using the same image.
        env, name = scope.env, self.repository_name
        path = f"{name}{self._separator}{self.tag}"
        key = ("dlc", path, self.account_id)
        uri = env.derived(
            (*key, "uri"),
            lambda e: f"{self._account(e.region)}.dkr.ecr.{e.region}.{url_suffix(e.region)}/{path}",
        )
        arn = env.derived(
            (*key, "arn"),
            lambda e: (
                f"arn:{e.partition}:ecr:{e.region}:{self._account(e.region)}:repository/{name}"
            ),
        )
        return Binding(uri, _iam.ecr_pull(arn))


class UriImage(ContainerImage):
    """An image given by its full URI."""

    def __init__(self, uri: pulumi.Input[str]) -> None:
        self.uri = uri

    def _bind(self, scope: BindScope) -> Binding:
        """Use the URI as given."""
        return Binding(self.uri)


def _context_hash(
    directory: str, dockerfile: str, build_args: Mapping[str, str], platform: str
) -> str:
    """A sha256 over the build context's paths and bytes, the Dockerfile, args and platform."""
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if d != ".git")
        for file in sorted(files):
            path = os.path.join(root, file)
            digest.update(os.path.relpath(path, directory).encode() + b"\0")
            with open(path, "rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
    with open(dockerfile, "rb") as handle:
        digest.update(handle.read())
    for key in sorted(build_args):
        digest.update(f"{key}={build_args[key]}".encode())
    digest.update(platform.encode())
    return digest.hexdigest()


class AssetImage(ContainerImage):
    """An image built from a local directory and pushed to ECR; built once however often used."""

    def __init__(
        self,
        *,
        directory: str,
        dockerfile: str,
        build_args: dict[str, str],
        platform: str,
        repository: aws.ecr.Repository | None,
    ) -> None:
        self.directory = directory
        self.dockerfile = dockerfile
        self.build_args = build_args
        self.platform = platform
        self.repository = repository
        self._built: Binding | None = None

    def _bind(self, scope: BindScope) -> Binding:
        """Build and push on first use (under the first model); reuse the push afterwards."""
        if self._built is None:
            content = _context_hash(self.directory, self.dockerfile, self.build_args, self.platform)
            key = f"image:{content}:{id(self.repository)}"
            if key not in scope.bound:
                scope.bound[key] = self._build(scope, content)
            self._built = scope.bound[key]
        return self._built

    def _build(self, scope: BindScope, content: str) -> Binding:
        # Imported here: building images is the only reason to load the Docker provider.
        import pulumi_docker_build as docker_build

        base = f"{scope.name}-image-{content[:8]}"
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
        image = docker_build.Image(
            base,
            push=True,
            context={"location": self.directory},
            dockerfile={"location": self.dockerfile},
            platforms=[docker_build.Platform(self.platform)],
            build_args=self.build_args or None,
            tags=[pulumi.Output.concat(url, ":", content[:16])],
            cache_from=[{"registry": {"ref": pulumi.Output.concat(url, ":cache")}}],
            cache_to=[
                {
                    "registry": {
                        "ref": pulumi.Output.concat(url, ":cache"),
                        "image_manifest": True,
                        "oci_media_types": True,
                    }
                }
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
