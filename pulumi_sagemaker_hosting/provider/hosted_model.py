"""HostedModel: one model on one endpoint, with optional scaling and a latency alarm.

A thin adapter for multi-language use (YAML, TypeScript, Go, .NET, Java through
``pulumi package add``): one ``args`` TypedDict the Pulumi analyzer turns into a schema, and
a constructor that builds this package's Python components (:class:`Model`,
:class:`EndpointConfig`, :class:`Endpoint`, auto scaling and alarm through the variant handle)
as its children. Field names are snake_case here and camelCase in the schema.

Values other languages send arrive as JSON: integers may be floats (``2.0``), so every count
is coerced with ``int()`` before it is checked. Fields the constructor validates or branches
on are plain (``str``, ``int``, ``float``): they must be known when the program runs, not
outputs of other resources. Fields that only flow into AWS inputs (the image URI, the model
data URL or prefix, the role ARN, the endpoint name, environment values, tag values, S3 locations,
topics, keys, alarm actions) are ``pulumi.Input`` and may be outputs; AWS checks those.
"""

import inspect
import math
from typing import Any

import pulumi
from typing_extensions import NotRequired, TypedDict

from .. import _alarm_rules, _iam, _naming, _urns, _validation
from ..async_inference import AsyncInference
from ..data_capture import DataCapture
from ..endpoint import Endpoint
from ..endpoint_config import SERVERLESS_EXCLUSIONS_URL, EndpointConfig
from ..errors import Problems
from ..images import ContainerImage
from ..instance_types import InstanceType, instance_type_problem, is_burstable
from ..metrics import _check_period, _check_statistic
from ..model import ContainerDefinition, Model
from ..variants import (
    MEMORY_SIZES_MB,
    InstanceProductionVariant,
    ServerlessProductionVariant,
)
from ._wire import Checker, arguments, factory, schema_names
from .hosted_model_data import ModelDataPlan, read_model_data
from .hosted_model_options import (
    AsyncInferenceConfig,
    DataCaptureConfig,
    read_async_inference,
    read_data_capture,
)
from .hosted_model_variant import (
    CoreDumpLocation,
    ManagedScalingConfig,
    given_settings,
    read_variant_settings,
)

TOKEN = "sagemaker-hosting:index:HostedModel"
_INT32_MAX = 2**31 - 1
#: The one production variant's name (SageMaker's own default; metrics and scaling use it).
VARIANT_NAME = "AllTraffic"
#: The logical name of the scaling policy and of the latency alarm (suffixes of the children).
SCALING_POLICY = "Invocations"
LATENCY_ALARM = "ModelLatency"


# Docstrings of the classes and fields below are the schema's descriptions, read by the
# Pulumi analyzer: one line each, Markdown, camelCase names as other languages see them.


class AutoScaling(TypedDict):
    """Target-tracking auto scaling of the instance count on invocations per instance."""

    max_capacity: int
    """The most instances, at least `initialInstanceCount`."""
    max_requests_per_second: float
    """Requests per second one instance sustains (load-test it); the target is a share of it."""
    min_capacity: NotRequired[int]
    """The fewest instances, 1 to `initialInstanceCount` (default: `initialInstanceCount`)."""
    safety_factor: NotRequired[float]
    """The share of `maxRequestsPerSecond` each instance is kept at, in (0, 1] (default 0.5)."""


class LatencyAlarm(TypedDict):
    """A CloudWatch alarm on the variant's `ModelLatency` metric (microseconds)."""

    threshold: float
    """The latency that alarms, in microseconds (500000 is 0.5 s), compared with >=."""
    evaluation_periods: int
    """How many periods are evaluated, at least 1."""
    datapoints_to_alarm: NotRequired[int]
    """How many of those periods must breach, 1 to `evaluationPeriods` (default: all)."""
    statistic: NotRequired[str]
    """`Average`, `Maximum`, `Minimum`, `Sum`, `SampleCount` or a percentile such as `p99` (default `p99`)."""  # noqa: E501
    period: NotRequired[int]
    """Seconds per datapoint: 10, 20, 30 or a multiple of 60 (default 60)."""
    alarm_actions: NotRequired[list[pulumi.Input[str]]]
    """ARNs notified on ALARM, e.g. SNS topics."""


class ServerlessConfig(TypedDict):
    """Serverless inference instead of instances: pay per request, with cold starts."""

    max_concurrency: int
    """Concurrent invocations, 1 to 200."""
    memory_size_in_mb: int
    """Memory: 1024, 2048, 3072, 4096, 5120 or 6144."""
    provisioned_concurrency: NotRequired[int]
    """Pre-warmed concurrency, 1 to `maxConcurrency`."""


class HostedModelArgs(TypedDict):
    """The inputs of `HostedModel`; exactly one of `imageUri`, `ecrRepository`, `dlcRepository`."""

    image_uri: NotRequired[pulumi.Input[str]]
    """Any image URI SageMaker can pull (no pull permission is granted for it)."""
    ecr_repository: NotRequired[str]
    """An ECR repository name in the stack's account; the role may pull from it only."""
    dlc_repository: NotRequired[str]
    """An AWS Deep Learning Container repository, e.g. `huggingface-pytorch-inference`."""
    image_tag: NotRequired[str]
    """The tag or `sha256:` digest for `ecrRepository` (default `latest`) or `dlcRepository`."""
    model_data_url: NotRequired[pulumi.Input[str]]
    """The model artifacts, `s3://bucket/key.tar.gz`; the role may read this object only."""
    model_data_prefix: NotRequired[pulumi.Input[str]]
    """Uncompressed model files (or, with `multiModel`, `.tar.gz` models) under `s3://bucket/prefix/`; the role may list and read there only."""  # noqa: E501
    accept_eula: NotRequired[bool]
    """Accept the licence of a gated model in `modelDataPrefix` (Llama, say); its terms are yours."""  # noqa: E501
    model_data_kms_key_arn: NotRequired[pulumi.Input[str]]
    """A KMS key ARN the model data is encrypted with; the role may decrypt with it."""
    multi_model: NotRequired[bool]
    """Host many models: those under `modelDataPrefix`, loaded on first invocation (`TargetModel`)."""  # noqa: E501
    model_cache: NotRequired[bool]
    """With `multiModel`: keep loaded models cached (default true; false for many rarely used ones)."""  # noqa: E501
    environment: NotRequired[dict[str, pulumi.Input[str]]]
    """Environment variables of the container (at most 100)."""
    role_arn: NotRequired[pulumi.Input[str]]
    """An existing execution role; by default a least-privilege role is created."""
    instance_type: NotRequired[str]
    """The ML instance type (default `ml.t2.medium`, which cannot auto scale)."""
    initial_instance_count: NotRequired[int]
    """Instances at creation and after every update, at least 1 (default 1)."""
    container_startup_health_check_timeout: NotRequired[int]
    """Seconds (60-3600) the container may take to become healthy; raise it for big models."""
    model_data_download_timeout: NotRequired[int]
    """Seconds (60-3600) each instance may take to download the model data."""
    volume_size_in_gb: NotRequired[int]
    """The storage volume attached to each instance, 1-512 GB (for instance types without local storage)."""  # noqa: E501
    routing_strategy: NotRequired[str]
    """`LEAST_OUTSTANDING_REQUESTS` (for long, uneven requests such as LLMs), `KV_AWARE` or `RANDOM` (default)."""  # noqa: E501
    inference_ami_version: NotRequired[str]
    """A preconfigured inference AMI (GPU driver and CUDA versions), e.g. `al2-ami-sagemaker-inference-gpu-2`."""  # noqa: E501
    enable_ssm_access: NotRequired[bool]
    """Allow AWS Systems Manager sessions into the container (default false)."""
    core_dump_config: NotRequired[CoreDumpLocation]
    """Write a core dump to S3 when the container crashes."""
    managed_instance_scaling: NotRequired[ManagedScalingConfig]
    """Let SageMaker scale the instance count within bounds."""
    serverless: NotRequired[ServerlessConfig]
    """Serve with serverless inference instead of instances."""
    auto_scaling: NotRequired[AutoScaling]
    """Scale the instance count on invocations (instance endpoints only)."""
    latency_alarm: NotRequired[LatencyAlarm]
    """Alarm on the model's latency."""
    async_inference: NotRequired[AsyncInferenceConfig]
    """Serve asynchronously (instance endpoints only); results go to S3."""
    data_capture: NotRequired[DataCaptureConfig]
    """Capture a sample of requests and responses to S3."""
    endpoint_name: NotRequired[pulumi.Input[str]]
    """A fixed endpoint name (generated by default); an output is checked by SageMaker, not here."""
    tags: NotRequired[dict[str, pulumi.Input[str]]]
    """Tags for the model, its role, the endpoint configuration, the endpoint and the alarm."""


class HostedModel(pulumi.ComponentResource):
    """A SageMaker model served on an endpoint, with optional auto scaling and latency alarm.

    Children: a `Model` (execution role, inline policy, SageMaker model), an `EndpointConfig`
    with one variant `AllTraffic` (instances or serverless) and an `Endpoint`; with
    `autoScaling` a scalable target and policy; with `latencyAlarm` a CloudWatch alarm. A new
    image, model data or variant setting is a new model and endpoint configuration, rolled out
    by an in-place update of the endpoint.
    """

    model_name: pulumi.Output[str]
    """The SageMaker model name (generated)."""
    endpoint_config_name: pulumi.Output[str]
    """The SageMaker endpoint configuration name (generated)."""
    endpoint_name: pulumi.Output[str]
    """The SageMaker endpoint name."""
    endpoint_arn: pulumi.Output[str]
    """The SageMaker endpoint ARN."""
    invocation_url: pulumi.Output[str]
    """The HTTPS URL that `InvokeEndpoint` posts to."""
    role_arn: pulumi.Output[str]
    """The ARN of the role the model runs as (created, or `roleArn`)."""

    def __init__(
        self, name: str, args: HostedModelArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        """Create the model, its endpoint configuration and endpoint, then scaling and alarm.

        Args:
            name: the component's logical name; children are named ``<name>-<role>``.
            args: the inputs (a dict; see :class:`HostedModelArgs`).
            opts: options for the component.

        Raises:
            ValidationError: naming every problem of ``args`` at once, before anything is
                registered.
        """
        _validation.check_component("HostedModel", name, opts)
        plan = _plan(name, args)

        super().__init__(TOKEN, name, {}, _urns.guarded(opts, f"HostedModel {name!r}"))
        child = pulumi.ResourceOptions(parent=self)
        model = Model(
            name,
            container=ContainerDefinition(
                image=plan.container_image,
                model_data=plan.data.model_data,
                environment=dict(args.get("environment") or {}),
                multi_model=plan.data.multi_model,
                model_cache=plan.data.model_cache,
            ),
            role=plan.role,
            tags=args.get("tags"),
            opts=child,
        )
        if plan.serverless is not None:
            config = EndpointConfig(
                name,
                serverless_production_variant=ServerlessProductionVariant(
                    model=model, variant_name=VARIANT_NAME, **plan.serverless
                ),
                data_capture=plan.data_capture,
                tags=args.get("tags"),
                opts=child,
            )
        else:
            config = EndpointConfig(
                name,
                instance_production_variants=[
                    InstanceProductionVariant(
                        model=model,
                        variant_name=VARIANT_NAME,
                        instance_type=plan.instance_type,
                        initial_instance_count=plan.initial_instance_count,
                        container_startup_health_check_timeout=plan.startup_timeout,
                        model_data_download_timeout=plan.download_timeout,
                        volume_size_in_gb=plan.volume_size,
                        **plan.settings,
                    )
                ],
                data_capture=plan.data_capture,
                async_inference=plan.async_inference,
                tags=args.get("tags"),
                opts=child,
            )
        endpoint = Endpoint(
            name,
            endpoint_config=config,
            endpoint_name=plan.endpoint_name,
            tags=args.get("tags"),
            opts=child,
        )
        variant = endpoint.find_production_variant(VARIANT_NAME)
        if plan.scaling is not None:
            scaling = variant.auto_scale_instance_count(
                min_capacity=plan.scaling["min_capacity"],
                max_capacity=plan.scaling["max_capacity"],
            )
            scaling.scale_on_invocations(
                SCALING_POLICY,
                max_requests_per_second=plan.scaling["max_requests_per_second"],
                safety_factor=plan.scaling["safety_factor"],
            )
        if plan.alarm is not None:
            alarm = plan.alarm
            variant.metric_model_latency(
                statistic=alarm["statistic"], period=alarm["period"]
            ).create_alarm(
                LATENCY_ALARM,
                threshold=alarm["threshold"],
                evaluation_periods=alarm["evaluation_periods"],
                datapoints_to_alarm=alarm["datapoints_to_alarm"],
                alarm_actions=alarm["alarm_actions"],
                tags=args.get("tags"),
            )

        self.model_name = model.model_name
        self.endpoint_config_name = config.endpoint_config_name
        self.endpoint_name = endpoint.endpoint_name
        self.endpoint_arn = endpoint.endpoint_arn
        self.invocation_url = endpoint.invocation_url
        self.role_arn = model.role_arn
        self.register_outputs(
            {
                "model_name": self.model_name,
                "endpoint_config_name": self.endpoint_config_name,
                "endpoint_name": self.endpoint_name,
                "endpoint_arn": self.endpoint_arn,
                "invocation_url": self.invocation_url,
                "role_arn": self.role_arn,
            }
        )


class _Plan:
    """The validated, coerced inputs (plain Python values) the constructor builds from."""

    def __init__(self) -> None:
        self.image: ContainerImage | None = None
        self.data = ModelDataPlan()
        self.settings: dict[str, Any] = {}
        self.instance_type: str = InstanceType.T2_MEDIUM
        self.initial_instance_count = 1
        self.startup_timeout: int | None = None
        self.serverless: dict[str, int] | None = None
        self.scaling: dict[str, Any] | None = None
        self.alarm: dict[str, Any] | None = None
        self.endpoint_name: str | pulumi.Output[str] | None = None
        self.role: str | pulumi.Output[str] | None = None
        self.download_timeout: int | None = None
        self.volume_size: int | None = None
        self.async_inference: AsyncInference | None = None
        self.data_capture: DataCapture | None = None

    @property
    def container_image(self) -> ContainerImage:
        """The image (always set once validation passed)."""
        if self.image is None:
            raise AssertionError("HostedModel: no image after validation")
        return self.image


def _plan(name: str, args: HostedModelArgs) -> _Plan:
    """Validate ``args`` (every problem at once) into a :class:`_Plan`."""
    problems = Problems(f"HostedModel {name!r}")
    check = Checker(problems)
    plan = _Plan()
    raw = arguments(problems, args)

    plan.image = _image(problems, check, raw)
    plan.data = read_model_data(problems, check, raw)
    env = check.mapping("environment", raw.get("environment"))
    for problem in _validation.environment(
        "environment", env, "sagemaker.CreateModel.Containers[].Environment"
    ):
        problems.add(problem)
    # The tags go to every child: the model (and its role when created), the endpoint config,
    # the endpoint and the alarm; each service's rules apply.
    operations = [
        "sagemaker.CreateModel",
        "sagemaker.CreateEndpointConfig",
        "sagemaker.CreateEndpoint",
        "cloudwatch.PutMetricAlarm",
    ]
    if raw.get("role_arn") is None:
        operations.append("iam.CreateRole")
    for problem in _validation.tags("tags", raw.get("tags"), operations):
        problems.add(problem)
    if raw.get("role_arn") is None:
        for problem in _validation.field(
            "iam.CreateRole.Description", "name", f"Execution role of the SageMaker model {name}"
        ):
            problems.add(f"{problem} (the execution role's description names the model)")

    serverless = check.mapping("serverless", raw.get("serverless"))
    instance_type = check.text("instanceType", raw.get("instance_type"))
    count = check.integer("initialInstanceCount", raw.get("initial_instance_count"), 1, _INT32_MAX)
    timeout = check.integer(
        "containerStartupHealthCheckTimeout",
        raw.get("container_startup_health_check_timeout"),
        60,
        3600,
    )
    download = check.integer(
        "modelDataDownloadTimeout", raw.get("model_data_download_timeout"), 60, 3600
    )
    volume = check.integer("volumeSizeInGb", raw.get("volume_size_in_gb"), 1, 512)
    if serverless is not None:
        for field, value in (
            ("instanceType", instance_type),
            ("initialInstanceCount", count),
            ("containerStartupHealthCheckTimeout", timeout),
            ("modelDataDownloadTimeout", download),
            ("volumeSizeInGb", volume),
        ):
            if value is not None:
                problems.add(f"{field} cannot be combined with serverless")
        for field in given_settings(raw):
            problems.add(f"{field} cannot be combined with serverless")
        if plan.data.multi_model:
            problems.add(
                "multiModel cannot be combined with serverless (serverless inference does not "
                f"support multi-model endpoints: {SERVERLESS_EXCLUSIONS_URL})"
            )
        plan.serverless = _serverless(problems, check, serverless)
    else:
        if instance_type is not None:
            reason = instance_type_problem("instanceType", instance_type)
            if reason:
                problems.add(reason)
            else:
                plan.instance_type = instance_type
        plan.initial_instance_count = count or 1
        plan.startup_timeout = timeout
        plan.download_timeout = download
        plan.volume_size = volume
        plan.settings = read_variant_settings(problems, check, raw)

    scaling = _instances_only(problems, check, "autoScaling", raw.get("auto_scaling"), serverless)
    if scaling is not None:
        plan.scaling = _scaling(problems, check, scaling, plan)
    alarm = check.mapping("latencyAlarm", raw.get("latency_alarm"))
    if alarm is not None:
        plan.alarm = _alarm(problems, check, alarm)
    asynchronous = _instances_only(
        problems, check, "asyncInference", raw.get("async_inference"), serverless
    )
    if asynchronous is not None:
        plan.async_inference = read_async_inference(problems, check, asynchronous)
    capture = check.mapping("dataCapture", raw.get("data_capture"))
    if capture is not None:
        plan.data_capture = read_data_capture(problems, check, capture)
    role = check.input_text("roleArn", raw.get("role_arn"), empty=True)
    if isinstance(role, str):
        reason = _iam.role_arn_problem(role)
        if reason:
            problems.add(f"roleArn {reason}")
    plan.role = role
    plan.endpoint_name = _endpoint_name(problems, check, raw.get("endpoint_name"))
    problems.raise_if_any()
    return plan


def _instances_only(
    problems: Problems, check: Checker, field: str, value: object, serverless: object
) -> dict[str, Any] | None:
    """The object ``field`` of an instance endpoint; refused beside ``serverless``."""
    found = check.mapping(field, value)
    if found is not None and serverless is not None:
        problems.add(f"{field} applies to instance endpoints, not to serverless ones")
        return None
    return found


def _endpoint_name(
    problems: Problems, check: Checker, value: object
) -> str | pulumi.Output[str] | None:
    """A string checked now; another resource's output as it is (SageMaker checks it)."""
    name = check.input_text("endpointName", value)
    reason = _naming.check_name(name) if isinstance(name, str) else None
    if reason:
        problems.add(f"endpointName {reason}")
    return name


#: The Python API's names in the image factories' messages, and the schema's (_wire.schema_names).
_IMAGE_NAMES = (
    ("ecrRepository: repository and tag", "ecrRepository and imageTag"),
    ("dlcRepository: repository_name and tag", "dlcRepository and imageTag"),
    ("ecrRepository: repository", "ecrRepository"),
    ("dlcRepository: repository_name", "dlcRepository"),
    ("ecrRepository: tag", "imageTag"),
    ("dlcRepository: tag", "imageTag"),
    ("imageUri: uri", "imageUri"),
)


def _image(problems: Problems, check: Checker, raw: dict[str, Any]) -> ContainerImage | None:
    """The image of ``raw`` (HostedModel's args, or one of SharedEndpoint's models)."""
    start = len(problems.items)
    image = _read_image(problems, check, raw)
    problems.items[start:] = [schema_names(p, _IMAGE_NAMES) for p in problems.items[start:]]
    return image


def _read_image(problems: Problems, check: Checker, raw: dict[str, Any]) -> ContainerImage | None:
    uri = raw.get("image_uri")
    ecr = check.text("ecrRepository", raw.get("ecr_repository"))
    dlc = check.text("dlcRepository", raw.get("dlc_repository"))
    tag = check.text("imageTag", raw.get("image_tag"))
    given = [
        field
        for field, value in (
            ("imageUri", uri),
            ("ecrRepository", raw.get("ecr_repository")),
            ("dlcRepository", raw.get("dlc_repository")),
        )
        if value is not None
    ]
    if len(given) != 1:
        problems.add(
            "exactly one of imageUri, ecrRepository or dlcRepository is required, got "
            + (", ".join(given) if given else "none")
        )
        return None
    if uri is not None:
        if tag is not None:
            problems.add("imageTag applies to ecrRepository or dlcRepository, not to imageUri")
        return factory(problems, "imageUri", ContainerImage.from_uri, uri)  # type: ignore[no-any-return]
    if ecr is not None:
        return factory(  # type: ignore[no-any-return]
            problems, "ecrRepository", ContainerImage.from_ecr_repository, ecr, tag or "latest"
        )
    if dlc is not None:
        if tag is None:
            problems.add("dlcRepository needs imageTag (DLC tags name framework versions)")
            return None
        return factory(problems, "dlcRepository", ContainerImage.from_dlc, dlc, tag)  # type: ignore[no-any-return]
    return None


def _serverless(problems: Problems, check: Checker, raw: dict[str, Any]) -> dict[str, int] | None:
    concurrency = check.integer("serverless.maxConcurrency", raw.get("max_concurrency"), 1, 200)
    memory = check.integer("serverless.memorySizeInMb", raw.get("memory_size_in_mb"), 1)
    provisioned = check.integer(
        "serverless.provisionedConcurrency", raw.get("provisioned_concurrency"), 1, 200
    )
    check.require("serverless.maxConcurrency", raw.get("max_concurrency"))
    check.require("serverless.memorySizeInMb", raw.get("memory_size_in_mb"))
    if memory is not None and memory not in MEMORY_SIZES_MB:
        problems.add(
            "serverless.memorySizeInMb must be one of "
            f"{', '.join(map(str, MEMORY_SIZES_MB))}, got {memory}"
        )
        memory = None
    if provisioned is not None and concurrency is not None and provisioned > concurrency:
        problems.add(
            f"serverless.provisionedConcurrency must be <= maxConcurrency ({concurrency}), "
            f"got {provisioned}"
        )
    if concurrency is None or memory is None:
        return None
    config = {"max_concurrency": concurrency, "memory_size_in_mb": memory}
    if provisioned is not None:
        config["provisioned_concurrency"] = provisioned
    return config


def _scaling(
    problems: Problems, check: Checker, raw: dict[str, Any], plan: _Plan
) -> dict[str, Any] | None:
    initial = plan.initial_instance_count
    low = check.integer("autoScaling.minCapacity", raw.get("min_capacity"), 1, _INT32_MAX)
    high = check.integer("autoScaling.maxCapacity", raw.get("max_capacity"), 1, _INT32_MAX)
    rps = check.number("autoScaling.maxRequestsPerSecond", raw.get("max_requests_per_second"))
    factor = check.number("autoScaling.safetyFactor", raw.get("safety_factor"))
    check.require("autoScaling.maxCapacity", raw.get("max_capacity"))
    check.require("autoScaling.maxRequestsPerSecond", raw.get("max_requests_per_second"))
    low = initial if low is None and raw.get("min_capacity") is None else low
    if low is not None and low > initial:
        problems.add(
            f"autoScaling.minCapacity must be <= initialInstanceCount ({initial}), got {low}"
        )
    if high is not None and high < initial:
        problems.add(
            f"autoScaling.maxCapacity must be >= initialInstanceCount ({initial}), got {high}"
        )
    if rps is not None and not (math.isfinite(rps) and rps > 0):
        problems.add(f"autoScaling.maxRequestsPerSecond must be > 0, got {rps:g}")
    if factor is not None and not 0 < factor <= 1:
        problems.add(f"autoScaling.safetyFactor must be > 0 and <= 1, got {factor:g}")
    if is_burstable(plan.instance_type):
        problems.add(
            f"autoScaling is not supported for the burstable instance type "
            f"{plan.instance_type!r}; set instanceType to e.g. ml.m5.large or ml.c5.large"
        )
    if low is None or high is None or rps is None:
        return None
    return {
        "min_capacity": low,
        "max_capacity": high,
        "max_requests_per_second": rps,
        "safety_factor": 0.5 if factor is None else factor,
    }


def _alarm(problems: Problems, check: Checker, raw: dict[str, Any]) -> dict[str, Any] | None:
    threshold = check.number("latencyAlarm.threshold", raw.get("threshold"))
    periods = check.integer(
        "latencyAlarm.evaluationPeriods", raw.get("evaluation_periods"), 1, _INT32_MAX
    )
    datapoints = check.integer(
        "latencyAlarm.datapointsToAlarm", raw.get("datapoints_to_alarm"), 1, _INT32_MAX
    )
    statistic = check.text("latencyAlarm.statistic", raw.get("statistic"))
    period = check.integer("latencyAlarm.period", raw.get("period"), 10)
    check.require("latencyAlarm.threshold", raw.get("threshold"))
    check.require("latencyAlarm.evaluationPeriods", raw.get("evaluation_periods"))
    if datapoints is not None and periods is not None and datapoints > periods:
        problems.add(
            f"latencyAlarm.datapointsToAlarm must be <= evaluationPeriods ({periods}), "
            f"got {datapoints}"
        )
    actions = check.items(
        "latencyAlarm.alarmActions", raw.get("alarm_actions"), "ARNs (each may be an output)"
    )
    for problem in _validation.items(
        "cloudwatch.PutMetricAlarm.AlarmActions", "latencyAlarm.alarmActions", actions
    ) or _alarm_rules.action_problems("latencyAlarm.alarmActions", actions):
        problems.add(problem)
    effective_period = 60 if period is None else period
    if periods is not None and periods * effective_period > 86400:
        # PutMetricAlarm: evaluation periods x period at most one day (86400 s), checked here
        # so that nothing is registered (the alarm is the last child created).
        problems.add(
            "latencyAlarm.evaluationPeriods x period must be at most one day (86400 s), got "
            f"{periods} x {effective_period} s"
        )
    metric = Problems("")
    if statistic is not None:
        _check_statistic(metric, statistic)
    if period is not None:
        _check_period(metric, period)
    for problem in metric.items:
        problems.add(f"latencyAlarm.{problem}")
    if threshold is None or periods is None or metric.items:
        return None
    return {
        "threshold": threshold,
        "evaluation_periods": periods,
        "datapoints_to_alarm": datapoints,
        "statistic": statistic or "p99",
        "period": 60 if period is None else period,
        "alarm_actions": actions,
    }


# The analyzer reads class docstrings as they are; drop their source indentation.
for _documented in (HostedModel, HostedModelArgs, AutoScaling, LatencyAlarm, ServerlessConfig):
    _documented.__doc__ = inspect.cleandoc(_documented.__doc__ or "")
