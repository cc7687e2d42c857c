"""Production variants: what an endpoint config serves and on which capacity."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum
from typing import Any

from . import _naming
from .instance_types import AcceleratorType, InstanceType
from .model import ModelReference

MEMORY_SIZES_MB = (1024, 2048, 3072, 4096, 5120, 6144)


@dataclass(frozen=True)
class InstanceProductionVariant:
    """A variant served by ML instances."""

    model: ModelReference
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

    def _problems(self) -> list[str]:
        """What is wrong with this variant (empty when valid)."""
        at = f"variant {self.variant_name!r}"
        found = _common_problems(self.model, self.variant_name, self.initial_variant_weight)
        if not isinstance(self.instance_type, str) or not self.instance_type.startswith("ml."):
            found.append(f"{at}: instance_type must start with 'ml.', got {self.instance_type!r}")
        if self.accelerator_type is not None and not _text(self.accelerator_type).startswith(
            "ml.eia"
        ):
            found.append(
                f"{at}: accelerator_type must start with 'ml.eia', got {self.accelerator_type!r}"
            )
        if not _is_int(self.initial_instance_count) or self.initial_instance_count < 1:
            found.append(
                f"{at}: initial_instance_count must be an integer >= 1, "
                f"got {self.initial_instance_count!r}"
            )
        for arg in ("container_startup_health_check_timeout", "model_data_download_timeout"):
            value = getattr(self, arg)
            if value is not None and not (_is_int(value) and 60 <= value <= 3600):
                found.append(f"{at}: {arg} must be 60 to 3600 seconds, got {value!r}")
        size = self.volume_size_in_gb
        if size is not None and not (_is_int(size) and 1 <= size <= 512):
            found.append(f"{at}: volume_size_in_gb must be 1 to 512, got {size!r}")
        return found

    def _render(self) -> dict[str, Any]:
        """The ``production_variants`` entry (pulumi_aws input shape)."""
        rendered: dict[str, Any] = {
            "model_name": self.model.model_name,
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
        }
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
        at = f"variant {self.variant_name!r}"
        found = _common_problems(self.model, self.variant_name, self.initial_variant_weight)
        if not (_is_int(self.max_concurrency) and 1 <= self.max_concurrency <= 200):
            found.append(f"{at}: max_concurrency must be 1 to 200, got {self.max_concurrency!r}")
        if self.memory_size_in_mb not in MEMORY_SIZES_MB:
            found.append(
                f"{at}: memory_size_in_mb must be one of "
                f"{', '.join(map(str, MEMORY_SIZES_MB))}, got {self.memory_size_in_mb!r}"
            )
        provisioned = self.provisioned_concurrency
        if provisioned is not None:
            if not (_is_int(provisioned) and 1 <= provisioned <= 200):
                found.append(f"{at}: provisioned_concurrency must be 1 to 200, got {provisioned!r}")
            elif _is_int(self.max_concurrency) and provisioned > self.max_concurrency:
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


def _common_problems(model: object, variant_name: str, weight: object) -> list[str]:
    at = f"variant {variant_name!r}"
    found: list[str] = []
    reason = _naming.check_name(variant_name) if isinstance(variant_name, str) else "must be a str"
    if reason:
        found.append(f"{at}: variant_name {reason}")
    if not isinstance(model, ModelReference):
        found.append(
            f"{at}: model must be a Model or a Model.from_model_name/arn reference, "
            f"got {type(model).__name__}"
        )
    if (
        isinstance(weight, bool)
        or not isinstance(weight, (int, float))
        or not math.isfinite(weight)
        or weight < 0
    ):
        found.append(f"{at}: initial_variant_weight must be a number >= 0, got {weight!r}")
    return found
