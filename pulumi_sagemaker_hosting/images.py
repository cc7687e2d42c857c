"""Container images for SageMaker models: ECR repositories, local builds, DLCs, plain URIs."""

from __future__ import annotations

import os
import re
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence

import pulumi
import pulumi_aws as aws

from . import _iam, _image_uri
from ._binding import Binding, BindScope
from ._dlc import dlc_account
from ._environment import configured_region, url_suffix
from ._resource_types import is_ecr_repository
from ._validation import field, input_text, is_unknown, show
from .errors import ValidationError

# ECR's own patterns (CreateRepository / PutImage).
_REPOSITORY_NAME = re.compile(r"^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$")
_TAG = re.compile(r"^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$")
_DIGEST = re.compile(r"^sha256:[a-f0-9]{64}$")
_LAMBDA_ARN = re.compile(
    r"^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[a-zA-Z0-9-_]{1,64}(:[a-zA-Z0-9-_$]+)?$"
)


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

    def _uri_problems(self, model_name: str) -> list[str]:
        """Why the URI this image would have in model ``model_name`` is refused (before binding).

        Only for URIs that depend on the model (the factories check the others).
        """
        return []

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
        elif not is_ecr_repository(repository):
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
        separator = _check_tag(where, tag)
        if isinstance(repository, str):
            found = _image_uri.problems("repository and tag", f"{repository}{separator}{tag}")
            if found:
                raise ValidationError(where, found)
        return EcrImage(repository, tag, separator)

    @staticmethod
    def from_asset(
        directory: str,
        *,
        dockerfile: str | None = None,
        build_args: Mapping[str, str] | None = None,
        platform: str = "linux/amd64",
        target: str | None = None,
        secrets: Mapping[str, pulumi.Input[str]] | None = None,
        exclude: Sequence[str] | None = None,
        repository: aws.ecr.Repository | None = None,
    ) -> ContainerImage:
        """An image built from a local directory with BuildKit and pushed to ECR.

        Needs the ``docker`` extra (``pip install 'pulumi-sagemaker-hosting[docker]'``).

        Args:
            directory: the build context; must exist.
            dockerfile: the Dockerfile, relative to ``directory`` (default ``Dockerfile``).
            build_args: ``--build-arg`` values (kept in the image: use ``secrets`` for
                credentials).
            platform: ``linux/amd64`` (the default; SageMaker's x86 instances) or
                ``linux/arm64`` (Graviton).
            target: the Dockerfile stage to build (``FROM ... AS <target>``); default the last.
            secrets: BuildKit secrets by id (``RUN --mount=type=secret,id=<id>``); values may
                be outputs and are kept secret. They are not part of the content hash.
            exclude: more ``.dockerignore`` patterns, applied after the ignore file's.
            repository: where to push; by default a repository with scan-on-push is created
                under the first model that uses the image.

        The context is what docker would send: ``<Dockerfile>.dockerignore`` or the context's
        ``.dockerignore``, then ``exclude``, decide which files count. The repository and the
        build are named after the image's directory, Dockerfile, target and platform, never
        its content, so an edit is a new tag (the content hash) and a new digest in the same
        repository. The model references the pushed image by digest (``repo@sha256:...``), so a
        new build is a new model and a clean rollout, never a moving tag.
        """
        from ._asset_image import WHERE, AssetImage, asset_problems

        problems = asset_problems(
            directory=directory,
            dockerfile=dockerfile,
            build_args=build_args,
            platform=platform,
            target=target,
            secrets=secrets,
            exclude=exclude,
        )
        if repository is not None and not is_ecr_repository(repository):
            problems.append(
                f"repository must be an aws.ecr.Repository, got {type(repository).__name__}"
            )
        if problems:
            raise ValidationError(WHERE, problems)
        return AssetImage(
            directory=os.path.abspath(directory),
            dockerfile=os.path.abspath(os.path.join(directory, dockerfile or "Dockerfile")),
            build_args=dict(build_args or {}),
            platform=platform,
            target=target,
            secrets=secrets,
            exclude=list(exclude or ()),
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
        account = account_id or (dlc_account(region) if region is not None else None)
        found = _image_uri.problems(
            "repository_name and tag", f"{repository_name}{separator}{tag}", account
        )
        if found:
            raise ValidationError(where, found)
        return DlcImage(repository_name, tag, separator, account_id)

    @staticmethod
    def from_private_registry(
        uri: pulumi.Input[str], *, credentials_provider_arn: pulumi.Input[str] | None = None
    ) -> ContainerImage:
        """An image in a private Docker registry reached through the model's VPC.

        The model must then run in a VPC (``vpc_subnets``) from which the registry is reachable
        (its security groups allowed in by the registry), and the registry must serve TLS with a
        certificate from a public CA. ``credentials_provider_arn`` is a Lambda function that
        returns the registry's credentials; the model's role is granted
        ``lambda:InvokeFunction`` on that function only (SageMaker calls it through the VPC:
        add a Lambda interface endpoint or a NAT route).
        https://docs.aws.amazon.com/sagemaker/latest/dg/your-algorithms-containers-inference-private.html
        """
        where = "ContainerImage.from_private_registry"
        problems: list[str] = []
        if isinstance(uri, str) and (
            not uri or len(uri) > 255 or any(c.isspace() for c in uri) or "/" not in uri
        ):
            problems.append(
                "uri must be an image reference registry/repository[:tag|@digest] of at most "
                f"255 characters, got {uri!r}"
            )
        if isinstance(credentials_provider_arn, str) and not _LAMBDA_ARN.match(
            credentials_provider_arn
        ):
            problems.append(
                "credentials_provider_arn must be a Lambda function ARN "
                "(arn:<partition>:lambda:<region>:<account>:function:<name>), "
                f"got {credentials_provider_arn!r}"
            )
        if isinstance(credentials_provider_arn, str) and not problems:
            problems = field(
                "sagemaker.CreateModel.Containers[].ImageConfig.RepositoryAuthConfig."
                "RepositoryCredentialsProviderArn",
                "credentials_provider_arn",
                credentials_provider_arn,
            )
        if problems:
            raise ValidationError(where, problems)
        return PrivateRegistryImage(uri, credentials_provider_arn)

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
        if is_ecr_repository(repository):
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


class PrivateRegistryImage(ContainerImage):
    """An image in a private Docker registry in the model's VPC (``RepositoryAccessMode=Vpc``)."""

    def __init__(
        self, uri: pulumi.Input[str], credentials_provider_arn: pulumi.Input[str] | None
    ) -> None:
        self.uri = uri
        self.credentials_provider_arn = credentials_provider_arn

    def _bind(self, scope: BindScope) -> Binding:
        """The URI with an ``image_config``; invoke on the credentials provider, if any."""
        config: dict[str, object] = {"repository_access_mode": "Vpc"}
        statements = []
        if self.credentials_provider_arn is not None:
            config["repository_auth_config"] = {
                "repository_credentials_provider_arn": self.credentials_provider_arn
            }
            statements.append(
                _iam.allow(
                    ["lambda:InvokeFunction"],
                    [self.credentials_provider_arn],
                    "RegistryCredentials",
                )
            )
        return Binding(self.uri, statements, image_config=config)


class UriImage(ContainerImage):
    """An image given by its full URI."""

    def __init__(self, uri: pulumi.Input[str]) -> None:
        self.uri = uri

    def _bind(self, scope: BindScope) -> Binding:
        """Use the URI as given."""
        return Binding(self.uri)
