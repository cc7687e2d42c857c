"""Settings of an instance variant beyond its capacity: routing, AMI, core dumps, managed scaling.

Rules from SageMaker's ``ProductionVariant`` API shape:
https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

import pulumi
import pulumi_aws as aws

from . import _iam, _s3
from ._validation import field

_VARIANT = "sagemaker.CreateEndpointConfig.ProductionVariants[]"


class RoutingStrategy(str, Enum):
    """How an endpoint spreads requests over a variant's instances (``routing_strategy``).

    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantRoutingConfig.html
    """

    LEAST_OUTSTANDING_REQUESTS = "LEAST_OUTSTANDING_REQUESTS"
    """To the instance with the most spare capacity: what long, uneven requests (LLMs) want."""
    RANDOM = "RANDOM"
    """To a randomly chosen instance (SageMaker's default)."""
    KV_AWARE = "KV_AWARE"
    """To an instance whose key-value cache already holds the prompt's start, weighed against
    its load (supported containers only, such as SageMaker's vLLM Deep Learning Container)."""


class InferenceAmiVersion(str, Enum):
    """Preconfigured inference AMIs (GPU driver and CUDA, or Neuron, versions).

    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html
    (``InferenceAmiVersion``); any name in AWS's enum (``_aws_rules``) is accepted as a string.
    """

    AL2_GPU_2 = "al2-ami-sagemaker-inference-gpu-2"
    """NVIDIA driver 535, CUDA 12.2."""
    AL2_GPU_2_1 = "al2-ami-sagemaker-inference-gpu-2-1"
    """NVIDIA driver 535, CUDA 12.2, CUDA-compat mounting disabled."""
    AL2_GPU_3_1 = "al2-ami-sagemaker-inference-gpu-3-1"
    """NVIDIA driver 550, CUDA 12.4, CUDA-compat mounting disabled."""
    AL2023_GPU_4_1 = "al2023-ami-sagemaker-inference-gpu-4-1"
    """NVIDIA driver 580, CUDA 13.0, CUDA-compat mounting disabled."""
    AL2_NEURON_2 = "al2-ami-sagemaker-inference-neuron-2"
    """Inferentia2 and Trainium, Neuron driver 2.19."""


def enum_value(value: object) -> object:
    """A str Enum member's value; anything else as it is."""
    return value.value if isinstance(value, Enum) else value


def routing_strategy_problem(at: str, value: object) -> str | None:
    """Why ``value`` is not a routing strategy this package can send and AWS accepts.

    Any strategy of AWS's enum (``_aws_rules``) but ``PREFIX_AWARE``: AWS requires a
    ``PrefixAwareRoutingConfig`` (``PrefixLength``, ``ConcurrencyThreshold``) with it
    (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_PrefixAwareRoutingConfig.html),
    and pulumi-aws's ``routing_configs`` carries the strategy alone, so such a config would
    only fail at deploy.
    """
    strategy = enum_value(value)
    found = field(f"{_VARIANT}.RoutingConfig.RoutingStrategy", "routing_strategy", strategy)
    if not found and strategy == "PREFIX_AWARE":
        found = [
            "routing_strategy 'PREFIX_AWARE' needs a PrefixAwareRoutingConfig (PrefixLength, "
            "ConcurrencyThreshold) that pulumi-aws cannot send; use KV_AWARE, "
            "LEAST_OUTSTANDING_REQUESTS or RANDOM"
        ]
    return f"{at}: {found[0]}" if found else None


def ami_version_problem(at: str, value: object) -> str | None:
    """Why ``value`` is not an inference AMI version AWS accepts."""
    found = field(f"{_VARIANT}.InferenceAmiVersion", "inference_ami_version", enum_value(value))
    return f"{at}: {found[0]}" if found else None


def _is_count(value: object, floor: int) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return isinstance(value, int) and value >= floor


@dataclass(frozen=True)
class ManagedInstanceScaling:
    """Let SageMaker add and remove a variant's instances within bounds.

    Endpoints that host inference components place copies on these instances; a minimum of 0
    is only for such endpoints.

    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantManagedInstanceScaling.html
    """

    min_instance_count: int | None = None
    """Instances kept when traffic falls (0 or more)."""
    max_instance_count: int | None = None
    """Instances at most when traffic rises (1 or more)."""

    def _problems(self, at: str) -> list[str]:
        """What is wrong with these bounds (``at`` names the variant)."""
        found: list[str] = []
        low, high = self.min_instance_count, self.max_instance_count
        if low is None and high is None:
            found.append(
                f"{at}: managed_instance_scaling needs min_instance_count, max_instance_count "
                "or both"
            )
        if low is not None and not _is_count(low, 0):
            found.append(
                f"{at}: managed_instance_scaling.min_instance_count must be an integer >= 0, "
                f"got {low!r}"
            )
            low = None
        if high is not None and not _is_count(high, 1):
            found.append(
                f"{at}: managed_instance_scaling.max_instance_count must be an integer >= 1, "
                f"got {high!r}"
            )
            high = None
        for argument, value, member in (
            ("min_instance_count", low, "MinInstanceCount"),
            ("max_instance_count", high, "MaxInstanceCount"),
        ):
            if value is not None:
                for problem in field(
                    f"{_VARIANT}.ManagedInstanceScaling.{member}",
                    f"managed_instance_scaling.{argument}",
                    value,
                ):
                    found.append(f"{at}: {problem}")
        if low is not None and high is not None and low > high:
            found.append(
                f"{at}: managed_instance_scaling.min_instance_count ({low}) must be <= "
                f"max_instance_count ({high})"
            )
        return found

    def _render(self) -> dict[str, Any]:
        """The ``managed_instance_scaling`` input (pulumi_aws shape)."""
        rendered: dict[str, Any] = {"status": "ENABLED"}
        if self.min_instance_count is not None:
            rendered["min_instance_count"] = int(self.min_instance_count)
        if self.max_instance_count is not None:
            rendered["max_instance_count"] = int(self.max_instance_count)
        return rendered


@dataclass(frozen=True)
class CoreDumpConfig:
    """Where SageMaker writes a core dump when a variant's model container crashes.

    The role SageMaker runs the variant as (the model's execution role; for a variant without a
    model, the config's ``execution_role_arn``) is granted ``s3:PutObject`` under the
    destination and, with ``kms_key``, the key's encrypt actions.
    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantCoreDumpConfig.html
    """

    destination_s3_uri: pulumi.Input[str]
    """Where dumps go: ``s3://bucket/prefix``."""
    kms_key: aws.kms.Key | pulumi.Input[str] | None = None
    """A KMS key (resource or key ARN) encrypting the dumps (default: S3's default key)."""

    def _problems(self, at: str) -> list[str]:
        """What is wrong with this configuration."""
        found: list[str] = []
        destination = _s3.uri_problem(
            "core_dump_config.destination_s3_uri", self.destination_s3_uri
        ) or next(
            iter(
                field(
                    f"{_VARIANT}.CoreDumpConfig.DestinationS3Uri",
                    "core_dump_config.destination_s3_uri",
                    self.destination_s3_uri,
                )
            ),
            None,
        )
        for reason in (destination, _s3.key_problem("core_dump_config.kms_key", self.kms_key)):
            if reason:
                found.append(f"{at}: {reason}")
        if self.kms_key is not None and not isinstance(
            self.kms_key, (aws.kms.Key, str, pulumi.Output)
        ):
            found.append(
                f"{at}: core_dump_config.kms_key must be an aws.kms.Key or a key ARN, "
                f"got {type(self.kms_key).__name__}"
            )
        return found

    def _render(self) -> dict[str, Any]:
        """The ``core_dump_config`` input (pulumi_aws shape)."""
        rendered: dict[str, Any] = {"destination_s3_uri": self.destination_s3_uri}
        if self.kms_key is not None:
            rendered["kms_key_id"] = _s3.key_arn(self.kms_key)
        return rendered

    def statements(self, partition: pulumi.Input[str]) -> list[dict[str, Any]]:
        """What the variant's role needs to write the dumps."""
        statements = [_s3.write_under(partition, self.destination_s3_uri, "WriteCoreDumps")]
        if self.kms_key is not None:
            statements.append(
                _iam.allow(_s3.KMS_WRITE_ACTIONS, [_s3.key_arn(self.kms_key)], "EncryptCoreDumps")
            )
        return statements
