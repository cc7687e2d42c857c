"""Production variants: what an endpoint config serves and on which capacity."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, ClassVar

from . import _naming
from ._validation import field, is_unknown, is_whole, show
from .instance_types import AcceleratorType, InstanceType, instance_type_problem
from .model import ModelReference
from .variant_settings import (
    CoreDumpConfig,
    InferenceAmiVersion,
    ManagedInstanceScaling,
    RoutingStrategy,
    ami_version_problem,
    enum_value,
    routing_strategy_problem,
)

_VARIANT = "sagemaker.CreateEndpointConfig.ProductionVariants[]"

MEMORY_SIZES_MB = (1024, 2048, 3072, 4096, 5120, 6144)


@dataclass(frozen=True)
class InstanceProductionVariant:
    """A variant served by ML instances."""

    #: Whether the variant names a model (an inference-component variant does not).
    _SERVES_MODEL: ClassVar[bool] = True

    model: ModelReference | None
    """The model to serve (a :class:`Model` or an imported reference)."""
    variant_name: str
    """The variant's name, unique in the config (metrics and scaling refer to it)."""
    instance_type: str = InstanceType.T2_MEDIUM
    """Any ``ml.*`` instance type; see :class:`InstanceType` for common ones."""
    initial_instance_count: int = 1
    """Instances at creation and after every config update."""
    initial_variant_weight: float = 1.0
    """This variant's share of traffic relative to the other variants' weights."""
    accelerator_type: str | AcceleratorType | None = None
    """An Elastic Inference accelerator (``ml.eia*``)."""
    container_startup_health_check_timeout: int | None = None
    """Seconds (60-3600) the containers may take to pass their first health check."""
    model_data_download_timeout: int | None = None
    """Seconds (60-3600) to download the model data."""
    volume_size_in_gb: int | None = None
    """Storage volume per instance, 1-512 GB."""
    routing_strategy: RoutingStrategy | str | None = None
    """How requests spread over the instances: ``LEAST_OUTSTANDING_REQUESTS`` (for long,
    uneven requests such as LLM generation), ``KV_AWARE`` (prompt-cache affinity, supported
    containers only) or ``RANDOM`` (SageMaker's default). ``PREFIX_AWARE`` is refused: it
    needs a config pulumi-aws cannot send."""
    inference_ami_version: InferenceAmiVersion | str | None = None
    """A preconfigured inference AMI (GPU driver and CUDA, or Neuron, versions)."""
    enable_ssm_access: bool | None = None
    """Allow AWS Systems Manager sessions into the variant's containers (default off)."""
    core_dump_config: CoreDumpConfig | None = None
    """Write a core dump to S3 when a model container crashes (the role gets the write)."""
    managed_instance_scaling: ManagedInstanceScaling | None = None
    """Let SageMaker scale the instance count within bounds (inference-component endpoints)."""

    def _problems(self) -> list[str]:
        """What is wrong with this variant (empty when valid)."""
        at = f"variant {_label(self.variant_name)}"
        found = _common_problems(
            self.model, self.variant_name, self.initial_variant_weight, self._SERVES_MODEL
        )
        reason = instance_type_problem("instance_type", self.instance_type)
        if reason:
            found.append(f"{at}: {reason}")
        accelerator = self.accelerator_type
        if isinstance(accelerator, Enum):
            accelerator = accelerator.value
        checks = (
            ("AcceleratorType", "accelerator_type", accelerator),
            ("InitialInstanceCount", "initial_instance_count", self.initial_instance_count),
            (
                "ContainerStartupHealthCheckTimeoutInSeconds",
                "container_startup_health_check_timeout",
                self.container_startup_health_check_timeout,
            ),
            (
                "ModelDataDownloadTimeoutInSeconds",
                "model_data_download_timeout",
                self.model_data_download_timeout,
            ),
            ("VolumeSizeInGB", "volume_size_in_gb", self.volume_size_in_gb),
        )
        for member, argument, value in checks:
            found += [f"{at}: {p}" for p in _plain_field(member, argument, value)]
        found.extend(_settings_problems(self, at))
        return found

    def _render(self) -> dict[str, Any]:
        """The ``production_variants`` entry (pulumi_aws input shape)."""
        rendered: dict[str, Any] = {
            **({"model_name": self.model.model_name} if self.model is not None else {}),
            "variant_name": self.variant_name,
            "instance_type": _text(self.instance_type),
            "initial_instance_count": int(self.initial_instance_count),
            "initial_variant_weight": float(self.initial_variant_weight),
        }
        optional = {
            "accelerator_type": self.accelerator_type and _text(self.accelerator_type),
            "container_startup_health_check_timeout_in_seconds": (
                self.container_startup_health_check_timeout
            ),
            "model_data_download_timeout_in_seconds": self.model_data_download_timeout,
            "volume_size_in_gb": self.volume_size_in_gb,
            "inference_ami_version": (
                self.inference_ami_version and enum_value(self.inference_ami_version)
            ),
            "enable_ssm_access": self.enable_ssm_access,
            "core_dump_config": self.core_dump_config and self.core_dump_config._render(),
            "managed_instance_scaling": (
                self.managed_instance_scaling and self.managed_instance_scaling._render()
            ),
        }
        if self.routing_strategy is not None:
            # pulumi_aws spells the single RoutingConfig block as a one-element list.
            optional["routing_configs"] = [{"routing_strategy": enum_value(self.routing_strategy)}]
        rendered.update({k: v for k, v in optional.items() if v is not None})
        return rendered


@dataclass(frozen=True)
class ServerlessProductionVariant:
    """A variant served by serverless inference (pay per request, cold starts)."""

    model: ModelReference
    """The model to serve."""
    variant_name: str
    """The variant's name."""
    max_concurrency: int
    """Concurrent invocations, 1-200."""
    memory_size_in_mb: int
    """Memory: 1024, 2048, 3072, 4096, 5120 or 6144."""
    provisioned_concurrency: int | None = None
    """Pre-warmed concurrency (1 to ``max_concurrency``); what serverless scaling adjusts."""
    initial_variant_weight: float = 1.0
    """The variant's traffic weight."""

    def _problems(self) -> list[str]:
        """What is wrong with this variant (empty when valid)."""
        at = f"variant {_label(self.variant_name)}"
        found = _common_problems(self.model, self.variant_name, self.initial_variant_weight)
        checks = (
            ("ServerlessConfig.MaxConcurrency", "max_concurrency", self.max_concurrency),
            (
                "ServerlessConfig.ProvisionedConcurrency",
                "provisioned_concurrency",
                self.provisioned_concurrency,
            ),
        )
        bad: list[str] = []
        for member, argument, value in checks:
            bad += [f"{at}: {p}" for p in _plain_field(member, argument, value)]
        found += bad
        if self.memory_size_in_mb not in MEMORY_SIZES_MB or isinstance(
            self.memory_size_in_mb, bool
        ):
            found.append(
                f"{at}: memory_size_in_mb must be one of "
                f"{', '.join(map(str, MEMORY_SIZES_MB))}, got {show(self.memory_size_in_mb)}"
            )
        provisioned = self.provisioned_concurrency
        if (
            not bad
            and provisioned is not None
            and is_whole(provisioned)
            and is_whole(self.max_concurrency)
            and provisioned > self.max_concurrency
        ):
            found.append(
                f"{at}: provisioned_concurrency must be <= max_concurrency "
                f"({self.max_concurrency}), got {provisioned}"
            )
        return found

    def _render(self) -> dict[str, Any]:
        """The ``production_variants`` entry (pulumi_aws input shape)."""
        config: dict[str, Any] = {
            "max_concurrency": int(self.max_concurrency),
            "memory_size_in_mb": int(self.memory_size_in_mb),
        }
        if self.provisioned_concurrency is not None:
            config["provisioned_concurrency"] = int(self.provisioned_concurrency)
        return {
            "model_name": self.model.model_name,
            "variant_name": self.variant_name,
            "initial_variant_weight": float(self.initial_variant_weight),
            "serverless_config": config,
        }


ProductionVariant = InstanceProductionVariant | ServerlessProductionVariant


def _text(value: object) -> str:
    # A str Enum (AcceleratorType.EIA1_MEDIUM) renders as its value, not its member name.
    return str(value.value) if isinstance(value, Enum) else str(value)


def _is_int(value: object) -> bool:
    # Multi-language callers send integers as floats (2.0): accept whole floats.
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _label(variant_name: object) -> str:
    return repr(variant_name) if isinstance(variant_name, str) else show(variant_name)


def _plain_field(member: str, argument: str, value: object) -> list[str]:
    """A variant field: a plain value (the config renders and checks it now) within AWS's rule."""
    if is_unknown(value):
        return [f"{argument} must be a plain value known when the program runs, not an Output"]
    return field(f"{_VARIANT}.{member}", argument, value)


def _settings_problems(
    variant: InstanceProductionVariant, at: str, serves_model: bool | None = None
) -> list[str]:
    """What is wrong with the variant's settings beyond capacity.

    ``serves_model`` says whether the variant will serve a model when that model does not
    exist yet (HostedModel checks its settings before creating the model); by default it is
    whether the variant names one.
    """
    if serves_model is None:
        serves_model = variant.model is not None
    found: list[str] = []
    if variant.routing_strategy is not None:
        found.append(routing_strategy_problem(at, variant.routing_strategy) or "")
    if variant.inference_ami_version is not None:
        found.append(ami_version_problem(at, variant.inference_ami_version) or "")
    if variant.enable_ssm_access is not None and not isinstance(variant.enable_ssm_access, bool):
        found.append(f"{at}: enable_ssm_access must be a bool, got {variant.enable_ssm_access!r}")
    dump = variant.core_dump_config
    if dump is not None:
        if isinstance(dump, CoreDumpConfig):
            found.extend(dump._problems(at))
        else:
            found.append(
                f"{at}: core_dump_config must be a CoreDumpConfig, got {type(dump).__name__}"
            )
    scaling = variant.managed_instance_scaling
    if scaling is not None:
        if isinstance(scaling, ManagedInstanceScaling):
            found.extend(scaling._problems(at))
            if scaling.min_instance_count == 0 and serves_model:
                # https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-zero-instances.html
                found.append(
                    f"{at}: managed_instance_scaling.min_instance_count 0 is only for "
                    "endpoints that host inference components (a variant without a model); "
                    "a variant serving a model keeps at least 1 instance"
                )
        else:
            found.append(
                f"{at}: managed_instance_scaling must be a ManagedInstanceScaling, "
                f"got {type(scaling).__name__}"
            )
    return [problem for problem in found if problem]


def _common_problems(
    model: object, variant_name: object, weight: object, serves_model: bool = True
) -> list[str]:
    at = f"variant {_label(variant_name)}"
    found: list[str] = []
    if not isinstance(variant_name, str):
        found.append(
            f"{at}: variant_name must be a plain string, got {show(variant_name)} "
            f"({type(variant_name).__name__})"
        )
    else:
        reason = _naming.check_name(variant_name)
        if reason:
            found.append(f"{at}: variant_name {reason}")
    if not serves_model:
        if model is not None:
            found.append(
                f"{at}: an inference-component variant serves no model (its inference "
                f"components name theirs), got model={type(model).__name__}"
            )
    elif not isinstance(model, ModelReference):
        found.append(
            f"{at}: model must be a Model or a Model.from_model_name/arn reference, "
            f"got {type(model).__name__}"
        )
    found += [
        f"{at}: {p}" for p in _plain_field("InitialVariantWeight", "initial_variant_weight", weight)
    ]
    return found
