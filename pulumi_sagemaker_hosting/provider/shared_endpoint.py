"""SharedEndpoint: several models on one endpoint as inference components, each scaling alone.

The multi-language face of :class:`~pulumi_sagemaker_hosting.InferenceComponent`: one
``args`` TypedDict the Pulumi analyzer turns into a schema. The constructor checks every
model (its image, compute, copies and scaling against the instance type) before it creates
anything, then builds an :class:`EndpointConfig` with one model-less variant ``AllTraffic``
(managed instance scaling, least-outstanding-requests routing by default, the execution
role, optional AMI, SSM access and core dumps), the
:class:`Endpoint`, and one :class:`InferenceComponent` per model with its copy-count scaling.
Needs pulumi-aws-native (the ``inference-components`` extra).
"""

import inspect
from typing import Any

import pulumi
from typing_extensions import NotRequired, TypedDict

from .. import _naming, _urns, _validation
from ..endpoint import Endpoint
from ..endpoint_config import EndpointConfig
from ..errors import Problems
from ..inference_component import (
    InferenceComponent,
    fit_problems,
    scaling_problems,
    zero_copies_problems,
)
from ..inference_component_spec import ComputeRequirements, StartupParameters
from ..inference_component_variant import InferenceComponentProductionVariant
from ..model import ContainerDefinition
from ..variant_settings import ManagedInstanceScaling, RoutingStrategy
from ._wire import Checker, arguments, schema_names
from .hosted_model import VARIANT_NAME, _endpoint_name, _image
from .hosted_model_variant import CoreDumpLocation, read_variant_settings

TOKEN = "sagemaker-hosting:index:SharedEndpoint"
# CreateEndpointConfig's ExecutionRoleArn rule (botocore's, in the generated _aws_rules), the
# one EndpointConfig checks too.
_ROLE_FIELD = "sagemaker.CreateEndpointConfig.ExecutionRoleArn"
#: The Python API's names in the variant's messages, and the schema's (_wire.schema_names).
_VARIANT_NAMES = (
    (f"variant {VARIANT_NAME!r}: managed_instance_scaling.min_instance_count", "minInstanceCount"),
    (f"variant {VARIANT_NAME!r}: managed_instance_scaling.max_instance_count", "maxInstanceCount"),
    ("max_instance_count", "maxInstanceCount"),
    (f"variant {VARIANT_NAME!r}: instance_type", "instanceType"),
    # No InstanceType.of escape hatch in other languages.
    ("; InstanceType.of(name, check=False) for a type newer than this package", ""),
)
#: The Python API's names in the inference-component rules' messages, and the schema's
#: (_wire.schema_names).
_MODEL_NAMES = (
    ("compute.min_memory_required_in_mb", "memoryMb"),
    ("compute.number_of_accelerator_devices_required", "accelerators"),
    ("compute.number_of_cpu_cores_required", "cpuCores"),
    ("min_capacity", "minCopies"),
    ("max_capacity", "maxCopies"),
    ("copy_count", "copyCount"),
    ("(managed_instance_scaling with min_instance_count=0)", "(minInstanceCount: 0)"),
)
#: The logical name of each component's target-tracking policy.
SCALING_POLICY = "ConcurrentRequests"


class SharedModel(TypedDict):
    """One model of a `SharedEndpoint`: its image, what each copy reserves, how it scales."""

    name: str
    """The model's name in this endpoint: its component's logical name and output key."""
    image_uri: NotRequired[pulumi.Input[str]]
    """Any image URI SageMaker can pull."""
    dlc_repository: NotRequired[str]
    """An AWS Deep Learning Container repository, e.g. `huggingface-pytorch-tgi-inference`."""
    image_tag: NotRequired[str]
    """The tag for `dlcRepository`."""
    environment: NotRequired[dict[str, pulumi.Input[str]]]
    """Environment variables of the container, e.g. `HF_MODEL_ID`."""
    memory_mb: int
    """Memory each copy reserves, MB (at least 128)."""
    accelerators: NotRequired[int]
    """GPUs each copy reserves."""
    cpu_cores: NotRequired[float]
    """CPU cores each copy reserves (at least 0.25)."""
    copy_count: NotRequired[int]
    """Copies at creation (default 1)."""
    min_copies: NotRequired[int]
    """The fewest copies when scaling; 0 scales the model to zero (needs `minInstanceCount` 0)."""
    max_copies: NotRequired[int]
    """The most copies; with `minCopies`, turns on scaling on concurrent requests per copy."""
    target_concurrent_requests: NotRequired[float]
    """Concurrent requests per copy that scaling holds (default 4)."""
    startup_timeout: NotRequired[int]
    """Seconds (60-3600) to download the model and pass the first health check."""


class SharedEndpointArgs(TypedDict):
    """The inputs of `SharedEndpoint`."""

    instance_type: str
    """The ML instance type every copy runs on, e.g. `ml.g5.12xlarge`."""
    execution_role_arn: pulumi.Input[str]
    """The role SageMaker assumes for the endpoint (the endpoint config's execution role)."""
    models: list[SharedModel]
    """The models, one inference component each."""
    initial_instance_count: NotRequired[int]
    """Instances at creation (default 1)."""
    min_instance_count: NotRequired[int]
    """The fewest instances SageMaker keeps; 0 lets the endpoint cost nothing when idle."""
    max_instance_count: NotRequired[int]
    """The most instances SageMaker adds for copies (default `initialInstanceCount`)."""
    routing_strategy: NotRequired[str]
    """`LEAST_OUTSTANDING_REQUESTS` (default: what long, uneven LLM requests want), `KV_AWARE` or `RANDOM`."""  # noqa: E501
    inference_ami_version: NotRequired[str]
    """A preconfigured inference AMI (GPU driver and CUDA versions), e.g. `al2-ami-sagemaker-inference-gpu-2`."""  # noqa: E501
    enable_ssm_access: NotRequired[bool]
    """Allow AWS Systems Manager sessions into the containers (default false)."""
    core_dump_config: NotRequired[CoreDumpLocation]
    """Write a core dump to S3 when a container crashes; `executionRoleArn` may write there."""
    endpoint_name: NotRequired[pulumi.Input[str]]
    """A fixed endpoint name (generated by default); an output is checked by SageMaker, not here."""
    tags: NotRequired[dict[str, pulumi.Input[str]]]
    """Tags for every resource created."""


class SharedEndpoint(pulumi.ComponentResource):
    """Several models sharing one SageMaker endpoint as inference components.

    Children: an `EndpointConfig` whose variant `AllTraffic` names no model, an `Endpoint`, and
    per model an `InferenceComponent` (with a `Model` and its role), its copy-count scaling on
    concurrent requests per copy and, for a model that scales to zero, the step policy and
    alarm that bring a copy back on the first request.
    """

    endpoint_name: pulumi.Output[str]
    """The SageMaker endpoint name."""
    endpoint_arn: pulumi.Output[str]
    """The SageMaker endpoint ARN."""
    inference_component_names: pulumi.Output[dict[str, str]]
    """The inference component of each model, by model name (what `InvokeEndpoint` takes)."""

    def __init__(
        self, name: str, args: SharedEndpointArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        """Check every model, then create the endpoint and the models' components.

        Args:
            name: the component's logical name; children are named ``<name>-<model name>``.
            args: the inputs (a dict; see :class:`SharedEndpointArgs`).
            opts: options for the component.

        Raises:
            ValidationError: naming every problem of ``args`` at once, before anything is
                registered.
        """
        # As every public component: a bad name or opts is a ValidationError, not Pulumi's
        # TypeError, and a second component of the same name is refused before registering.
        _validation.check_component("SharedEndpoint", name, opts)
        variant, models = _plan(name, args)
        super().__init__(TOKEN, name, {}, _urns.guarded(opts, f"SharedEndpoint {name!r}"))
        child = pulumi.ResourceOptions(parent=self)
        tags = args.get("tags")
        config = EndpointConfig(
            name,
            instance_production_variants=[variant],
            execution_role_arn=args["execution_role_arn"],
            tags=tags,
            opts=child,
        )
        endpoint = Endpoint(
            name, endpoint_config=config, endpoint_name=args.get("endpoint_name"), tags=tags,
            opts=child,
        )  # fmt: skip
        names: dict[str, pulumi.Output[str]] = {}
        for model in models:
            component = InferenceComponent(
                f"{name}-{model['name']}",
                endpoint=endpoint,
                container=model["container"],
                compute=model["compute"],
                copy_count=model["copy_count"],
                startup_parameters=model["startup"],
                tags=tags,
                opts=child,
            )
            names[model["name"]] = component.inference_component_name
            scaling = model["scaling"]
            if scaling is not None:
                copies = component.auto_scale_copy_count(
                    min_capacity=scaling["min"], max_capacity=scaling["max"]
                )
                copies.scale_on_concurrent_requests(
                    SCALING_POLICY, target_requests_per_copy=scaling["target"]
                )
                if scaling["min"] == 0:
                    copies.scale_out_from_zero()
        self.endpoint_name = endpoint.endpoint_name
        self.endpoint_arn = endpoint.endpoint_arn
        self.inference_component_names = pulumi.Output.all(**names).apply(dict)
        self.register_outputs(
            {
                "endpoint_name": self.endpoint_name,
                "endpoint_arn": self.endpoint_arn,
                "inference_component_names": self.inference_component_names,
            }
        )


def _plan(
    name: str, args: SharedEndpointArgs
) -> tuple[InferenceComponentProductionVariant, list[dict[str, Any]]]:
    """Validate ``args`` (every problem at once) into the variant and each model's parts."""
    problems = Problems(f"SharedEndpoint {name!r}")
    raw = arguments(problems, args)
    check = Checker(problems)
    instance_type = check.text("instanceType", raw.get("instance_type"))
    check.require("instanceType", raw.get("instance_type"))
    count = check.integer("initialInstanceCount", raw.get("initial_instance_count"), 1) or 1
    low = check.integer("minInstanceCount", raw.get("min_instance_count"), 0)
    high = check.integer("maxInstanceCount", raw.get("max_instance_count"), 1)
    role = check.input_text("executionRoleArn", raw.get("execution_role_arn"), empty=True)
    check.require("executionRoleArn", raw.get("execution_role_arn"))
    if isinstance(role, str) and _validation.field(_ROLE_FIELD, "executionRoleArn", role):
        problems.add(
            "executionRoleArn must be an IAM role ARN (arn:<partition>:iam::<account>:role/<name>)"
            f", got {role!r}"
        )
    _endpoint_name(problems, check, raw.get("endpoint_name"))
    before = len(problems.items)
    settings = read_variant_settings(problems, check, raw, serves_model=False)
    if len(problems.items) > before:
        settings = {}  # reported with their camelCase names: not again by the variant's check
    settings.setdefault("routing_strategy", RoutingStrategy.LEAST_OUTSTANDING_REQUESTS)
    variant = InferenceComponentProductionVariant(
        variant_name=VARIANT_NAME,
        instance_type=instance_type or "ml.g5.xlarge",
        initial_instance_count=count,
        managed_instance_scaling=ManagedInstanceScaling(
            min_instance_count=count if low is None else low,
            max_instance_count=count if high is None else high,
        ),
        **settings,
    )
    for problem in variant._problems():
        problems.add(schema_names(problem, _VARIANT_NAMES))
    models = check.items("models", raw.get("models"), "objects", empty=False)
    check.require("models", raw.get("models"))
    planned: list[dict[str, Any]] = []
    if models is not None:
        seen: set[str] = set()
        for index, model in enumerate(models):
            plan = _model(problems, check, index, model, variant, planned, seen)
            if plan is not None:
                planned.append(plan)
    problems.raise_if_any()
    return variant, planned


def _model(
    problems: Problems,
    check: Checker,
    index: int,
    given: object,
    variant: InferenceComponentProductionVariant,
    planned: list[dict[str, Any]],
    seen: set[str],
) -> dict[str, Any] | None:
    at = f"models[{index}]"
    raw = check.mapping(at, given)
    if raw is None:
        if given is None:  # a null in the list, not an absent optional object: refused too
            problems.add(f"{at} must be an object, got None")
        return None
    own = Problems("")
    model_check = Checker(own)
    label = model_check.text(f"{at}.name", raw.get("name"))
    if model_check.require(f"{at}.name", raw.get("name")) and label is not None:
        reason = _naming.check_name(label)
        if reason:
            own.add(f"{at}.name {reason}")
        if label in seen:
            own.add(f"{at}.name {label!r} is used twice")
        seen.add(label)
    image = _image(own, model_check, raw)
    memory = model_check.integer(f"{at}.memoryMb", raw.get("memory_mb"), 128)
    model_check.require(f"{at}.memoryMb", raw.get("memory_mb"))
    gpus = model_check.integer(f"{at}.accelerators", raw.get("accelerators"), 1)
    cores = model_check.number(f"{at}.cpuCores", raw.get("cpu_cores"))
    copies = model_check.integer(f"{at}.copyCount", raw.get("copy_count"), 0)
    low = model_check.integer(f"{at}.minCopies", raw.get("min_copies"), 0)
    high = model_check.integer(f"{at}.maxCopies", raw.get("max_copies"), 1)
    target = model_check.number(
        f"{at}.targetConcurrentRequests", raw.get("target_concurrent_requests")
    )
    timeout = model_check.integer(f"{at}.startupTimeout", raw.get("startup_timeout"), 60, 3600)
    # The model's own checks (its environment, and the copies the variant must allow), here so
    # that nothing is registered before a refusal (the endpoint is created first).
    env = model_check.mapping(f"{at}.environment", raw.get("environment"))
    for problem in _validation.environment(
        f"{at}.environment", env, "sagemaker.CreateModel.Containers[].Environment"
    ):
        own.add(problem)
    if copies is not None:
        for problem in zero_copies_problems(variant, copies):
            own.add(f"{at}: {schema_names(problem, _MODEL_NAMES)}")
    for problem in own.items:
        # Image problems come without the model's position: add it.
        problems.add(problem if problem.startswith(at) else f"{at}: {problem}")
    if own.items or memory is None or image is None or label is None:
        return None
    compute = ComputeRequirements(
        min_memory_required_in_mb=memory,
        number_of_accelerator_devices_required=gpus,
        number_of_cpu_cores_required=cores,
    )
    count = 1 if copies is None else copies
    found = compute._problems(at)
    if not found:
        others = [(p["compute"], p["copy_count"]) for p in planned]
        found = [f"{at}: {p}" for p in fit_problems(variant, compute, count, others)]
    scaling = None
    if low is not None or high is not None or target is not None:
        low = count if low is None else low
        high = count if high is None else high
        found += [f"{at}: {p}" for p in scaling_problems(variant, compute, count, low, high)]
        if target is not None and not target > 0:
            found.append(f"{at}.targetConcurrentRequests must be > 0, got {target:g}")
        scaling = {"min": low, "max": high, "target": 4.0 if target is None else target}
    for problem in found:
        problems.add(schema_names(problem, _MODEL_NAMES))
    if found:
        return None
    return {
        "name": label,
        "container": ContainerDefinition(
            image=image, environment=dict(raw.get("environment") or {})
        ),
        "compute": compute,
        "copy_count": count,
        "startup": (
            StartupParameters(
                container_startup_health_check_timeout=timeout, model_data_download_timeout=timeout
            )
            if timeout is not None
            else None
        ),
        "scaling": scaling,
    }


# The analyzer reads class docstrings as they are; drop their source indentation.
for _documented in (SharedEndpoint, SharedEndpointArgs, SharedModel):
    _documented.__doc__ = inspect.cleandoc(_documented.__doc__ or "")
