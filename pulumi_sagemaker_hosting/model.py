"""The Model component: containers (one, or an inference pipeline) and their execution role."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pulumi
import pulumi_aws as aws

from . import _iam, _naming, _urns, _validation, _vpc
from ._binding import Binding, BindScope
from ._environment import AwsEnvironment, lookup
from .errors import Problems, ValidationError
from .images import ContainerImage, PrivateRegistryImage
from .model_data import ModelData, S3PrefixModelData

MAX_CONTAINERS = 15
_OPERATION = "sagemaker.CreateModel"
_ENV_KEY = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]{0,1023}$")
_EXECUTION_MODES = ("Serial", "Direct")
_TOKEN = "sagemaker-hosting:index:Model"


# A model package version (SageMaker Model Registry) or an AWS Marketplace package: the
# ModelPackageName pattern of CreateModel, as an ARN.
# https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html
_MODEL_PACKAGE_ARN = re.compile(
    r"^arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:\d{12}:model-package/"
    r"[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}(/\d{1,9})?$"
)


@dataclass(frozen=True)
class ContainerDefinition:
    """One container of a model: its image, optional artifacts and settings.

    Or a version of a SageMaker Model Registry package (:meth:`from_model_package`), which
    brings its own image and artifacts.
    """

    image: ContainerImage | None = None
    """The inference code (required unless the container is a model package)."""
    model_data: ModelData | None = None
    """The artifacts, if the image does not carry them."""
    environment: Mapping[str, pulumi.Input[str]] = field(default_factory=dict)
    """Environment variables (at most 100; names like ``HF_MODEL_ID``), values strings or
    Outputs. A value of ``None`` (or an Output that resolves to ``None``) leaves the variable
    unset; a known value of another type is a ``ValidationError``; an Output that resolves to
    something other than a string is written as its JSON text (``3`` -> ``"3"``, ``True`` ->
    ``"true"``), since SageMaker takes only strings."""
    container_hostname: str | None = None
    """The container's name in a pipeline; required on every container in ``Direct`` mode."""
    multi_model: bool = False
    """Host many models behind one endpoint (``mode="MultiModel"``): ``model_data`` is then an
    S3 prefix of ``.tar.gz`` models (:meth:`ModelData.from_s3_prefix`), loaded on first
    invocation (``TargetModel``) and evicted when memory runs short."""
    model_cache: bool | None = None
    """Multi-model only: keep loaded models cached (SageMaker's default) or not (many models,
    each invoked rarely)."""
    model_package_arn: pulumi.Input[str] | None = None
    """A model package version's ARN (set by :meth:`from_model_package`)."""
    package_artifacts: Sequence[ContainerImage | ModelData] = ()
    """A model package's image and model data, given only so that the role may read them."""

    @staticmethod
    def from_model_package(
        model_package_arn: pulumi.Input[str],
        *,
        environment: Mapping[str, pulumi.Input[str]] | None = None,
        container_hostname: str | None = None,
        artifacts: Sequence[ContainerImage | ModelData] = (),
    ) -> ContainerDefinition:
        """A version of a SageMaker Model Registry package (or an AWS Marketplace package).

        ``model_package_arn`` is ``arn:<partition>:sagemaker:<region>:<account>:model-package/
        <group>/<version>`` (Marketplace packages have no version); the package brings the
        image and artifacts, so the container names neither. SageMaker reads them with the
        model's execution role: for a package of your own, pass its image and model data as
        ``artifacts`` (``ContainerImage.from_ecr_repository(...)``, ``ModelData.from_bucket
        (...)``) and the role is granted exactly those reads (they are not rendered), or give
        the model a ``role`` that can pull the image and read the artifacts. Marketplace
        packages need neither. The program's own credentials need
        ``sagemaker:DescribeModelPackage`` on the package (CreateModel reads it).
        https://docs.aws.amazon.com/sagemaker/latest/dg/model-registry-deploy.html
        """
        problems: list[str] = []
        if isinstance(model_package_arn, str) and not _MODEL_PACKAGE_ARN.match(model_package_arn):
            problems.append(
                "model_package_arn must be a model package ARN "
                "(arn:<partition>:sagemaker:<region>:<account>:model-package/<group>/<version>),"
                f" got {model_package_arn!r}"
            )
        elif isinstance(model_package_arn, str):
            problems += _validation.field(
                f"{_OPERATION}.Containers[].ModelPackageName",
                "model_package_arn",
                model_package_arn,
            )
        elif not isinstance(model_package_arn, (str, pulumi.Output)):
            problems.append(
                f"model_package_arn must be an ARN, got {type(model_package_arn).__name__}"
            )
        for artifact in artifacts:
            if not isinstance(artifact, (ContainerImage, ModelData)):
                problems.append(
                    "artifacts must hold ContainerImage or ModelData values, "
                    f"got {type(artifact).__name__}"
                )
        if problems:
            raise ValidationError("ContainerDefinition.from_model_package", problems)
        return ContainerDefinition(
            environment=dict(environment or {}),
            container_hostname=container_hostname,
            model_package_arn=model_package_arn,
            package_artifacts=tuple(artifacts),
        )


def _check_multi_model(problems: Problems, at: str, container: ContainerDefinition) -> None:
    # https://docs.aws.amazon.com/sagemaker/latest/dg/multi-model-endpoints.html
    if not isinstance(container.multi_model, bool):
        problems.add(f"{at}.multi_model must be a bool, got {container.multi_model!r}")
        return
    if container.model_cache is not None and not isinstance(container.model_cache, bool):
        problems.add(f"{at}.model_cache must be a bool, got {container.model_cache!r}")
    if not container.multi_model:
        if container.model_cache is not None:
            problems.add(f"{at}.model_cache is only for multi_model=True containers")
        return
    data = container.model_data
    if not isinstance(data, S3PrefixModelData):
        problems.add(
            f"{at}.multi_model needs model_data from ModelData.from_s3_prefix or "
            "ModelData.from_bucket_prefix (the prefix holding the .tar.gz models), "
            f"got {type(data).__name__ if data is not None else None}"
        )
    elif data.accept_eula is not None:
        problems.add(
            f"{at}: a multi-model container's data is a prefix of .tar.gz models, which takes no "
            "accept_eula (SageMaker accepts a licence only for uncompressed data)"
        )
    if container.model_package_arn is not None:
        problems.add(f"{at}.multi_model cannot be combined with a model package")


class ModelReference:
    """A model usable by an endpoint config: ours, or an existing one imported by name or ARN."""

    model_name: pulumi.Output[str]
    """The SageMaker model name."""
    model_arn: pulumi.Output[str]
    """The SageMaker model ARN."""

    def __init__(self, model_name: pulumi.Output[str], model_arn: pulumi.Output[str]) -> None:
        self.model_name = model_name
        self.model_arn = model_arn


def _check_containers(
    problems: Problems,
    containers: Sequence[ContainerDefinition],
    execution_mode: str | None,
) -> None:
    problems.check(
        1 <= len(containers) <= MAX_CONTAINERS,
        f"containers must hold 1 to {MAX_CONTAINERS} containers, got {len(containers)}",
    )
    hostnames: list[str] = []
    for index, container in enumerate(containers):
        at = f"containers[{index}]"
        if not isinstance(container, ContainerDefinition):
            problems.add(f"{at} must be a ContainerDefinition, got {type(container).__name__}")
            continue
        if container.model_package_arn is not None:
            if container.image is not None or container.model_data is not None:
                problems.add(
                    f"{at}: a model package brings its own image and model data; give neither "
                    "image nor model_data with ContainerDefinition.from_model_package"
                )
        elif not isinstance(container.image, ContainerImage):
            problems.add(f"{at}.image must be a ContainerImage, got {container.image!r}")
        if container.model_data is not None and not isinstance(container.model_data, ModelData):
            problems.add(f"{at}.model_data must be a ModelData, got {container.model_data!r}")
        _check_multi_model(problems, at, container)
        for problem in _validation.environment(
            f"{at}.environment", container.environment, f"{_OPERATION}.Containers[].Environment"
        ):
            problems.add(problem)
        hostname = container.container_hostname
        shape = _validation.optional_text(f"{at}.container_hostname", hostname)
        for problem in shape:
            problems.add(problem)
        if hostname is not None and not shape:
            reason = _naming.check_name(hostname)
            if reason:
                problems.add(f"{at}.container_hostname {reason}")
            hostnames.append(hostname)
    if len(set(hostnames)) != len(hostnames):
        problems.add(f"container_hostname values must be unique, got {hostnames}")
    for problem in _validation.optional_text("inference_execution_mode", execution_mode) or (
        _validation.field(
            f"{_OPERATION}.InferenceExecutionConfig.Mode",
            "inference_execution_mode",
            execution_mode,
        )
    ):
        problems.add(problem)
    if execution_mode == "Direct" and len(hostnames) != len(containers):
        problems.add(
            "inference_execution_mode 'Direct' needs a container_hostname on every container"
        )


class Model(pulumi.ComponentResource, ModelReference):
    """A SageMaker model: one container, or an inference pipeline of up to 15.

    Children: the execution role (unless ``role`` is given) and its inline policy, built from
    the grants of the images and model data (pull this repository, read this object) plus
    CloudWatch logs and metrics; the ``aws.sagemaker.Model``; uploads and image builds of
    local assets. The physical name is generated (``model_name`` is only a prefix), because
    every field of a SageMaker model forces replacement.
    """

    # Declared for type checkers and the reference only: the SDK would resolve a
    # component's own annotations at every registration (docs/design.md, "Cost of the
    # abstraction").
    if TYPE_CHECKING:
        model_name: pulumi.Output[str]
        """The SageMaker model name (generated)."""
        model_arn: pulumi.Output[str]
        """The SageMaker model ARN."""
        role_arn: pulumi.Output[str]
        """The execution role's ARN."""
        role: aws.iam.Role | None
        """The execution role created for the model (None when ``role`` was given)."""

    def __init__(
        self,
        name: str,
        *,
        containers: Sequence[ContainerDefinition] | None = None,
        container: ContainerDefinition | None = None,
        extra_containers: Sequence[ContainerDefinition] | None = None,
        role: _iam.RoleLike | None = None,
        network_isolation: bool | None = None,
        vpc_subnet_ids: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
        security_group_ids: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
        vpc_subnets: Sequence[_vpc.SubnetLike] | None = None,
        security_groups: Sequence[_vpc.GroupLike] | None = None,
        inference_execution_mode: str | None = None,
        model_name: str | None = None,
        tags: Mapping[str, pulumi.Input[str]] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Create a model.

        Args:
            name: the component's logical name; children are named ``<name>-<role>``.
            containers: the containers, in pipeline order.
            container: the spec's spelling: the first container (with ``extra_containers``).
            extra_containers: the spec's spelling: the containers after ``container``.
            role: an existing execution role (resource, name or ARN, which may be an Output);
                grants are added to it as an inline policy. By default a least-privilege role
                is created.
            network_isolation: run the containers without network access.
            vpc_subnet_ids: subnet ids to run in (1-16): a list of ids (each may be an
                Output), or an Output of the whole list.
            security_group_ids: security group ids (1-5; needs subnets), likewise.
            vpc_subnets: subnets to run in, as ``aws.ec2.Subnet`` resources or ids (instead
                of ``vpc_subnet_ids``). Given subnets but no security groups, the model gets a
                group of its own (``security_group``) allowing only outbound HTTPS.
            security_groups: security groups, as ``aws.ec2.SecurityGroup`` resources or ids
                (instead of ``security_group_ids``).
            inference_execution_mode: ``Serial`` (a pipeline) or ``Direct`` (each container
                invoked by hostname).
            model_name: a prefix for the generated SageMaker model name.
            tags: tags for the model and its role.
            opts: options for the component.
        """
        _validation.check_component("Model", name, opts)
        where = f"Model {name!r}"
        problems = Problems(where)
        shapes = _validation.collect(
            _validation.sequence("containers", containers, "ContainerDefinition"),
            _validation.sequence("extra_containers", extra_containers, "ContainerDefinition"),
            _validation.optional_text("model_name", model_name),
        )
        if shapes:
            raise ValidationError(where, shapes)
        if containers is not None and (container is not None or extra_containers is not None):
            problems.add("containers cannot be combined with container/extra_containers")
            all_containers: list[ContainerDefinition] = list(containers)
        elif containers is not None:
            all_containers = list(containers)
        else:
            if container is None and extra_containers is not None:
                problems.add("extra_containers needs container (the first container)")
            all_containers = ([container] if container is not None else []) + list(
                extra_containers or []
            )
        _check_containers(problems, all_containers, inference_execution_mode)
        placement, vpc_problems = _vpc.placement_problems(
            vpc_subnet_ids, security_group_ids, vpc_subnets, security_groups
        )
        for problem in vpc_problems:
            problems.add(problem)
        if placement is None and any(
            isinstance(c, ContainerDefinition) and isinstance(c.image, PrivateRegistryImage)
            for c in all_containers
        ):
            # https://docs.aws.amazon.com/sagemaker/latest/dg/your-algorithms-containers-inference-private.html
            problems.add(
                "an image from a private registry is pulled through the model's VPC: give "
                "vpc_subnets (or vpc_subnet_ids) from which the registry is reachable"
            )
        role_problems = _iam.role_like_problems("role", role)
        for problem in role_problems:
            problems.add(problem)
        if not role_problems and isinstance(role, str) and role.startswith("arn:"):
            for problem in _validation.field(f"{_OPERATION}.ExecutionRoleArn", "role", role):
                problems.add(problem)
        for problem in _validation.plain(
            "network_isolation", network_isolation, bool, "True or False"
        ):
            problems.add(problem)
        operations = [_OPERATION] if role is not None else [_OPERATION, "iam.CreateRole"]
        for problem in _validation.tags("tags", tags, operations):
            problems.add(problem)
        if role is None:
            for problem in _validation.field(
                "iam.CreateRole.Description", "name", _role_description(name)
            ):
                problems.add(f"{problem} (the execution role's description names the model)")
        if model_name is not None:
            reason = _naming.check_prefix(model_name)
            if reason:
                problems.add(f"model_name {reason}")
        for index, definition in enumerate(all_containers):
            if isinstance(definition, ContainerDefinition) and isinstance(
                definition.image, ContainerImage
            ):
                for problem in definition.image._uri_problems(name):
                    problems.add(f"containers[{index}].{problem}")
        problems.raise_if_any()

        super().__init__(_TOKEN, name, {}, _urns.guarded(opts, f"Model {name!r}"))
        self._name = name
        # What serverless variants must know of the model (their feature exclusions).
        self._network_isolation = network_isolation is True
        self._container_count = len(all_containers)
        self._policy_count = 0
        self._grant_suffixes: set[str] = set()
        self._artifact_bucket: aws.s3.Bucket | None = None
        self._containers = tuple(all_containers)
        self._in_vpc = placement is not None
        child = pulumi.ResourceOptions(parent=self)
        env = lookup(self)

        self.role = None
        if role is None:
            self.role = aws.iam.Role(
                f"{name}-role",
                name=_naming.fitted_name(f"{name}-role", 64, "iam"),
                assume_role_policy=_iam.trust_policy("sagemaker.amazonaws.com"),
                description=_role_description(name),
                tags=tags,
                opts=child,
            )
            self._role_name: pulumi.Input[str] = self.role.name
            self.role_arn = self.role.arn
        elif isinstance(role, aws.iam.Role):
            self._role_name = role.name
            self.role_arn = role.arn
        else:
            self._role_name = _iam.role_name(role)
            self.role_arn = (
                env.arn("iam", f"role/{role}", region=False)
                if isinstance(role, str) and not role.startswith("arn:")
                else pulumi.Output.from_input(role)
            )

        scope = BindScope(name=name, parent=self, env=env, artifact_bucket=self._bucket)
        rendered: list[dict[str, Any]] = []
        statements: list[_iam.Statement] = list(_base_statements(env))
        depends: list[pulumi.Resource] = []
        for definition in all_containers:
            image = definition.image._bind(scope) if definition.image is not None else None
            data: Binding | None = (
                definition.model_data._bind(scope) if definition.model_data else None
            )
            # A model package's own image and data: bound for their grants only.
            extras = [artifact._bind(scope) for artifact in definition.package_artifacts]
            for binding in (image, data, *extras):
                if binding is not None:
                    statements.extend(binding.statements)
                    depends.extend(binding.dependencies)
            rendered.append(_render_container(definition, image, data))
        self._warn_on_secret_environment(rendered)
        self.security_group: aws.ec2.SecurityGroup | None = None
        """The security group created for the model (given subnets but no groups)."""
        vpc: dict[str, Any] | None = None
        if placement is not None:
            vpc, self.security_group = _vpc.vpc_config(placement, name, self, tags)
            statements.extend(_vpc_statements(env, vpc["subnets"], vpc["security_group_ids"]))

        policy = aws.iam.RolePolicy(
            f"{name}-policy",
            role=self._role_name,
            policy=_iam.document(statements),
            opts=child,
        )
        model_args: dict[str, Any] = {
            "execution_role_arn": self.role_arn,
            "enable_network_isolation": network_isolation,
            "tags": tags,
        }
        if len(rendered) == 1:
            model_args["primary_container"] = rendered[0]
        else:
            model_args["containers"] = rendered
        if vpc is not None:
            model_args["vpc_config"] = vpc
        if inference_execution_mode is not None:
            model_args["inference_execution_config"] = {"mode": inference_execution_mode}
        content = {k: v for k, v in model_args.items() if k != "tags"}
        if model_name is not None:
            model_args["name"] = _naming.prefixed_name(model_name, content)
        elif _naming.needs_own_name(f"{name}-model"):
            # Auto-naming would give no valid SageMaker name (a "_", or no room for the
            # suffix): a content name as for model_name, from the sanitized logical name.
            model_args["name"] = _naming.prefixed_name(
                _naming.sanitized(f"{name}-model", _naming.CONTENT_PREFIX_LIMIT),
                {**content, **_naming.scoped_content(f"{name}-model")},
            )
        self._model = aws.sagemaker.Model(
            f"{name}-model",
            **model_args,
            # SageMaker checks the role's permissions when it creates the model.
            opts=pulumi.ResourceOptions(parent=self, depends_on=[policy, *depends]),
        )
        self.model_name = self._model.name
        self.model_arn = self._model.arn
        self.register_outputs(
            {"model_name": self.model_name, "model_arn": self.model_arn, "role_arn": self.role_arn}
        )

    def _warn_on_secret_environment(self, rendered: list[dict[str, Any]]) -> None:
        """Warn once, when a secret environment value resolves, that it is not kept secret.

        SageMaker returns environment variables in plain text to anyone allowed
        ``sagemaker:DescribeModel`` (and shows them in the console): a Pulumi secret stays
        secret in the state only. Each Output value is wrapped so the check runs when the
        model's inputs resolve; values and secrecy are unchanged.
        """
        warned: list[bool] = []

        def check(key: str, value: pulumi.Output[Any]) -> pulumi.Output[Any]:
            secret = _naming.is_secret(value)

            def warn(pair: list[Any]) -> Any:
                if pair[0] and not warned:
                    warned.append(True)
                    pulumi.log.warn(
                        f"Model {self._name!r}: environment variable {key!r} is a secret, but "
                        "SageMaker environment variables are not a secret store: anyone "
                        "allowed sagemaker:DescribeModel reads them in plain text. Pass a "
                        "reference (a Secrets Manager ARN) and read it in the container.",
                        resource=self,
                    )
                return pair[1]

            return pulumi.Output.all(secret, value).apply(warn)

        for container in rendered:
            environment = container.get("environment")
            if isinstance(environment, dict):
                container["environment"] = {
                    k: check(k, v) if isinstance(v, pulumi.Output) else v
                    for k, v in environment.items()
                }

    @property
    def multi_model(self) -> bool:
        """Whether the model hosts many models (a ``multi_model=True`` container)."""
        return any(c.multi_model for c in self._containers)

    @property
    def in_vpc(self) -> bool:
        """Whether the model runs in a VPC (subnets were given)."""
        return self._in_vpc

    @property
    def containers(self) -> Sequence[ContainerDefinition]:
        """The container definitions, in order."""
        return self._containers

    def _bucket(self) -> aws.s3.Bucket:
        """The artifact bucket for uploaded model data, created on first use."""
        if self._artifact_bucket is None:
            self._artifact_bucket = _artifact_bucket(self._name, self)
        return self._artifact_bucket

    @property
    def grant_principal(self) -> pulumi.Output[str]:
        """The ARN of the role the model runs as (grant other resources to it)."""
        return self.role_arn

    def add_to_role_policy(self, statement: _iam.Statement) -> aws.iam.RolePolicy:
        """Add one IAM statement to the execution role, as an inline policy of its own.

        The statement is ``{"Effect": "Allow", "Action": [...], "Resource": [...]}``; values
        may be Outputs. The model itself does not wait for it: add what the model needs to
        start through its images and model data.
        """
        problems = Problems(f"Model {self._name!r}")
        if not isinstance(statement, Mapping):
            problems.add(
                "statement must be a dict like {'Effect': 'Allow', 'Action': [...], "
                f"'Resource': [...]}}, got {_validation.show(statement)}"
            )
            problems.raise_if_any()
        for key in ("Effect", "Action"):
            problems.check(key in statement, f"statement must have {key!r}, got {dict(statement)}")
        problems.check(
            "Resource" in statement or "NotResource" in statement,
            f"statement must have 'Resource' or 'NotResource', got {dict(statement)}",
        )
        problems.check(
            statement.get("Effect") in ("Allow", "Deny"),
            f"statement Effect must be 'Allow' or 'Deny', got {statement.get('Effect')!r}",
        )
        problems.raise_if_any()
        self._policy_count += 1
        return self.grant(str(self._policy_count), [statement])

    def grant(self, suffix: str, statements: Sequence[_iam.Statement]) -> aws.iam.RolePolicy:
        """Attach ``statements`` to the role as the inline policy ``<name>-policy-<suffix>``.

        What other components use to give the model's role access it needs for them (an
        endpoint config's data capture or async output locations, say).
        """
        shape = _validation.collect(
            _validation.plain("suffix", suffix, str, "a string"),
            _validation.sequence("statements", statements, "policy statements"),
        )
        if shape:
            raise ValidationError(f"Model {self._name!r}", shape)
        if suffix in self._grant_suffixes:
            raise ValidationError(
                f"Model {self._name!r}",
                [f"a grant named {suffix!r} already exists on this model's role"],
            )
        self._grant_suffixes.add(suffix)
        return aws.iam.RolePolicy(
            f"{self._name}-policy-{suffix}",
            role=self._role_name,
            policy=_iam.document(statements),
            opts=pulumi.ResourceOptions(parent=self),
        )

    @staticmethod
    def from_model_name(model_name: str) -> ModelReference:
        """A reference to an existing model in the stack's account and region."""
        reason = (
            _naming.check_name(model_name)
            if isinstance(model_name, str)
            else f"must be a plain string, got {_validation.show(model_name)}"
        )
        if reason:
            raise ValidationError("Model.from_model_name", [f"model_name {reason}"])
        env = lookup()
        return ModelReference(
            pulumi.Output.from_input(model_name),
            env.arn("sagemaker", f"model/{model_name.lower()}"),
        )

    @staticmethod
    def from_model_arn(model_arn: str) -> ModelReference:
        """A reference to an existing model by ARN (``arn:...:model/<name>``)."""
        problems = _validation.sagemaker_arn("model_arn", model_arn, "model")
        if problems:
            raise ValidationError("Model.from_model_arn", problems)
        return ModelReference(
            pulumi.Output.from_input(_naming.name_from_arn(model_arn)),
            pulumi.Output.from_input(model_arn),
        )


def _role_description(name: str) -> str:
    return f"Execution role of the SageMaker model {name}"


#: What SageMaker does with the model's role to attach it to a VPC
#: (https://docs.aws.amazon.com/sagemaker/latest/dg/host-vpc.html). Only the Describe
#: actions need "*" (they support no resource-level permissions); the network-interface
#: actions are scoped to this model's subnets and security groups
#: (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html).
_VPC_DESCRIBE_ACTIONS = (
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeVpcs",
    "ec2:DescribeDhcpOptions",
    "ec2:DescribeSubnets",
    "ec2:DescribeSecurityGroups",
)
_VPC_INTERFACE_ACTIONS = (
    "ec2:CreateNetworkInterfacePermission",
    "ec2:DeleteNetworkInterface",
    "ec2:DeleteNetworkInterfacePermission",
)


def _id_list(ids: object) -> list[str]:
    """Ids resolved inside an apply, where nothing may raise (issue 9).

    A whole-list Output that resolves to one string or to None grants on that id or on none
    (SageMaker refuses the model's VPC config at deploy time), never on each character.
    """
    if ids is None:
        return []
    if isinstance(ids, (list, tuple)):
        return [str(i) for i in ids]
    return [str(ids)]


def _vpc_statements(env: AwsEnvironment, subnets: Any, groups: Any) -> list[dict[str, Any]]:
    """The VPC permissions, scoped to the model's subnets and security groups."""
    prefix = env.arn("ec2", "")  # arn:<partition>:ec2:<region>:<account>:

    def arns(kind: str, ids: Any) -> pulumi.Output[list[str]]:
        return pulumi.Output.all(prefix, pulumi.Output.from_input(ids)).apply(
            lambda found: [f"{found[0]}{kind}/{i}" for i in _id_list(found[1])]
        )

    subnet_arns = arns("subnet", subnets)
    interfaces = prefix.apply(lambda p: f"{p}network-interface/*")
    return [
        # Creating an interface authorizes the interface, its subnet and its security groups.
        {
            "Sid": "VpcCreateNetworkInterface",
            "Effect": "Allow",
            "Action": ["ec2:CreateNetworkInterface"],
            "Resource": pulumi.Output.all(
                interfaces, subnet_arns, arns("security-group", groups)
            ).apply(lambda parts: [parts[0], *parts[1], *parts[2]]),
        },
        {
            "Sid": "VpcManageNetworkInterfaces",
            "Effect": "Allow",
            "Action": list(_VPC_INTERFACE_ACTIONS),
            "Resource": [interfaces],
            # ec2:Subnet is "the ARN of the subnet" (an ARN key, hence ArnEquals), a condition
            # key of the network-interface resource for these three actions (the Service
            # Authorization Reference, list_amazonec2.html above; checked against it in
            # tests/test_iam_parliament.py).
            "Condition": {"ArnEquals": {"ec2:Subnet": subnet_arns}},
        },
        _iam.allow(_VPC_DESCRIBE_ACTIONS, ["*"], "VpcDescribe"),
    ]


def _base_statements(env: AwsEnvironment) -> list[dict[str, Any]]:
    """Logs and metrics every hosted SageMaker model writes, scoped to endpoint log groups."""
    log_groups = env.arn("logs", "log-group:/aws/sagemaker/Endpoints/*")
    return [
        _iam.allow(
            [
                "logs:CreateLogGroup",
                "logs:CreateLogStream",
                "logs:PutLogEvents",
                "logs:DescribeLogStreams",
            ],
            [log_groups],
            "WriteLogs",
        ),
        # PutMetricData supports no resource-level scoping.
        _iam.allow(["cloudwatch:PutMetricData"], ["*"], "PutMetrics"),
    ]


def _environment_text(value: object) -> str | None:
    """An environment value known only at deploy time, as the string SageMaker takes.

    SageMaker's ``Environment`` is a map of strings to strings
    (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html).
    A known value that is not a string is refused at construction; an Output's value is only
    known inside this apply, where nothing may raise (issue 9), and sent as it is a number or a
    list would reach the provider where it takes a string. So a value that is not a string is
    written as its JSON text (``3`` -> ``'3'``, ``True`` -> ``'true'``, ``["x"]`` ->
    ``'["x"]'``), as Pulumi's providers write a dict given for a string property (see the
    note in ``pulumi.runtime.rpc.serialize_property``); ``None`` stays ``None``, which Pulumi
    leaves out of the map, as it does a plain ``None``: the variable is not set.
    """
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, separators=(",", ":"), default=str)


def _render_container(
    definition: ContainerDefinition, image: Binding | None, data: Binding | None
) -> dict[str, Any]:
    rendered: dict[str, Any] = {}
    if image is not None:
        rendered["image"] = image.value
        if image.image_config is not None:
            rendered["image_config"] = dict(image.image_config)
    if definition.model_package_arn is not None:
        rendered["model_package_name"] = definition.model_package_arn
    if data is not None:
        if data.model_data_source is not None and not definition.multi_model:
            rendered["model_data_source"] = dict(data.model_data_source)
        else:
            # A multi-model container names the prefix of its models as ModelDataUrl.
            rendered["model_data_url"] = data.value
    if definition.multi_model:
        rendered["mode"] = "MultiModel"
        if definition.model_cache is not None:
            rendered["multi_model_config"] = {
                "model_cache_setting": "Enabled" if definition.model_cache else "Disabled"
            }
    if definition.environment:
        rendered["environment"] = {
            key: value.apply(_environment_text) if isinstance(value, pulumi.Output) else value
            for key, value in definition.environment.items()
        }
    if definition.container_hostname is not None:
        rendered["container_hostname"] = definition.container_hostname
    return rendered


def _artifact_bucket(name: str, parent: pulumi.Resource) -> aws.s3.Bucket:
    """A private, encrypted bucket for uploaded artifacts (objects are replaceable copies)."""
    child = pulumi.ResourceOptions(parent=parent)
    bucket = aws.s3.Bucket(
        f"{name}-artifacts",
        bucket=_naming.fitted_name(f"{name}-artifacts", 63, "bucket"),
        force_destroy=True,
        opts=child,
    )
    aws.s3.BucketPublicAccessBlock(
        f"{name}-artifacts-public-access",
        bucket=bucket.id,
        block_public_acls=True,
        block_public_policy=True,
        ignore_public_acls=True,
        restrict_public_buckets=True,
        opts=child,
    )
    aws.s3.BucketServerSideEncryptionConfiguration(
        f"{name}-artifacts-encryption",
        bucket=bucket.id,
        rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}],
        opts=child,
    )
    aws.s3.BucketOwnershipControls(
        f"{name}-artifacts-ownership",
        bucket=bucket.id,
        rule={"object_ownership": "BucketOwnerEnforced"},
        opts=child,
    )
    return bucket
