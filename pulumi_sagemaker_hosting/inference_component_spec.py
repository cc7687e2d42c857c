"""What one copy of an inference component needs: compute, and startup time limits.

Shapes and bounds from SageMaker's API reference:
https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InferenceComponentComputeResourceRequirements.html
and
https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InferenceComponentStartupParameters.html
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ._instance_capacity import InstanceCapacity

#: The least memory a copy may reserve (MinMemoryRequiredInMb, MaxMemoryRequiredInMb).
MIN_MEMORY_MB = 128
#: The least CPU a copy may reserve (NumberOfCpuCoresRequired).
MIN_CPU_CORES = 0.25


def _number(value: object) -> bool:
    return (
        not isinstance(value, bool)
        and isinstance(value, (int, float))
        and math.isfinite(float(value))
    )


def _whole(value: object) -> bool:
    return _number(value) and float(value).is_integer()  # type: ignore[arg-type]


@dataclass(frozen=True)
class ComputeRequirements:
    """The compute reserved for each copy of a model on the endpoint's instances."""

    min_memory_required_in_mb: int
    """Memory reserved per copy, MB (at least 128)."""
    number_of_accelerator_devices_required: int | None = None
    """GPUs (or Inferentia devices) per copy; a whole number, at least 1."""
    number_of_cpu_cores_required: float | None = None
    """CPU cores per copy, at least 0.25."""
    max_memory_required_in_mb: int | None = None
    """Memory a copy may grow to, MB (at least ``min_memory_required_in_mb``)."""

    def _problems(self, at: str) -> list[str]:
        """What is wrong with these requirements (empty when valid)."""
        found: list[str] = []
        low = self.min_memory_required_in_mb
        if not (_whole(low) and low >= MIN_MEMORY_MB):
            found.append(
                f"{at}: compute.min_memory_required_in_mb must be an integer >= {MIN_MEMORY_MB}, "
                f"got {low!r}"
            )
        high = self.max_memory_required_in_mb
        if high is not None:
            if not (_whole(high) and high >= MIN_MEMORY_MB):
                found.append(
                    f"{at}: compute.max_memory_required_in_mb must be an integer >= "
                    f"{MIN_MEMORY_MB}, got {high!r}"
                )
            elif _whole(low) and high < low:
                found.append(
                    f"{at}: compute.max_memory_required_in_mb ({high}) must be >= "
                    f"min_memory_required_in_mb ({low})"
                )
        devices = self.number_of_accelerator_devices_required
        if devices is not None and not (_whole(devices) and devices >= 1):
            found.append(
                f"{at}: compute.number_of_accelerator_devices_required must be a whole number "
                f">= 1, got {devices!r}"
            )
        cores = self.number_of_cpu_cores_required
        if cores is not None and not (_number(cores) and cores >= MIN_CPU_CORES):
            found.append(
                f"{at}: compute.number_of_cpu_cores_required must be a number >= "
                f"{MIN_CPU_CORES}, got {cores!r}"
            )
        return found

    def copies_per_instance(self, capacity: InstanceCapacity) -> int:
        """How many copies one instance of ``capacity`` holds (0: not even one)."""
        limits = [capacity.memory_mib // int(self.min_memory_required_in_mb)]
        if self.number_of_accelerator_devices_required is not None:
            limits.append(capacity.accelerators // int(self.number_of_accelerator_devices_required))
        if self.number_of_cpu_cores_required is not None:
            limits.append(int(capacity.vcpus // float(self.number_of_cpu_cores_required)))
        return min(limits)

    def _fit_problems(self, at: str, instance_type: str, capacity: InstanceCapacity) -> list[str]:
        """Requirements one instance of ``instance_type`` can never meet."""
        found: list[str] = []
        devices = self.number_of_accelerator_devices_required
        if devices is not None and devices > capacity.accelerators:
            found.append(
                f"{at}: compute.number_of_accelerator_devices_required {devices!r} exceeds the "
                f"{capacity.accelerators} accelerator(s) of one {instance_type}"
            )
        if self.min_memory_required_in_mb > capacity.memory_mib:
            found.append(
                f"{at}: compute.min_memory_required_in_mb {self.min_memory_required_in_mb!r} "
                f"exceeds the {capacity.memory_mib} MiB of one {instance_type}"
            )
        cores = self.number_of_cpu_cores_required
        if cores is not None and cores > capacity.vcpus:
            found.append(
                f"{at}: compute.number_of_cpu_cores_required {cores!r} exceeds the "
                f"{capacity.vcpus} vCPUs of one {instance_type}"
            )
        return found

    def _render(self) -> dict[str, Any]:
        """The ``compute_resource_requirements`` input (pulumi_aws_native shape)."""
        rendered: dict[str, Any] = {
            "min_memory_required_in_mb": int(self.min_memory_required_in_mb)
        }
        if self.max_memory_required_in_mb is not None:
            rendered["max_memory_required_in_mb"] = int(self.max_memory_required_in_mb)
        if self.number_of_accelerator_devices_required is not None:
            rendered["number_of_accelerator_devices_required"] = float(
                self.number_of_accelerator_devices_required
            )
        if self.number_of_cpu_cores_required is not None:
            rendered["number_of_cpu_cores_required"] = float(self.number_of_cpu_cores_required)
        return rendered


@dataclass(frozen=True)
class StartupParameters:
    """Time limits while a copy starts: model download, first health check."""

    container_startup_health_check_timeout: int | None = None
    """Seconds (60-3600) the container may take to pass its first health check."""
    model_data_download_timeout: int | None = None
    """Seconds (60-3600) to download and extract the model data."""

    def _problems(self, at: str) -> list[str]:
        """What is wrong with these parameters (empty when valid)."""
        found: list[str] = []
        for arg in ("container_startup_health_check_timeout", "model_data_download_timeout"):
            value = getattr(self, arg)
            if value is not None and not (_whole(value) and 60 <= value <= 3600):
                found.append(
                    f"{at}: startup_parameters.{arg} must be 60 to 3600 seconds, got {value!r}"
                )
        if (
            self.container_startup_health_check_timeout is None
            and self.model_data_download_timeout is None
        ):
            found.append(f"{at}: startup_parameters needs at least one timeout")
        return found

    def _render(self) -> dict[str, Any]:
        """The ``startup_parameters`` input (pulumi_aws_native shape)."""
        rendered: dict[str, Any] = {}
        if self.container_startup_health_check_timeout is not None:
            rendered["container_startup_health_check_timeout_in_seconds"] = int(
                self.container_startup_health_check_timeout
            )
        if self.model_data_download_timeout is not None:
            rendered["model_data_download_timeout_in_seconds"] = int(
                self.model_data_download_timeout
            )
        return rendered
