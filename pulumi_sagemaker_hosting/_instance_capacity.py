"""What one instance offers inference-component copies: vCPUs, memory, accelerator devices.

A table of the GPU and CPU instance types SageMaker hosts inference components on, used to
check that a component's per-copy compute fits its variant's instance type. Each figure is the
EC2 instance type's default vCPUs, memory (GiB) and GPUs, as AWS's pages list them:

- g4dn, g5 and g6 up to 16xlarge: the AWS Batch guide's table of GPU instance types
  (https://docs.aws.amazon.com/batch/latest/userguide/gpu-jobs.html); g4dn, g5 and p4d.24xlarge
  also in the EC2 guides' hardware specifications of accelerated computing instances
  (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/accelerated-computing-instances.html,
  https://docs.aws.amazon.com/AWSEC2/latest/WindowsGuide/accelerated-computing-instances.html);
- m5: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/general-purpose-instances.html;
- c5: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/compute-optimized-instances.html.

The rows in ``UNVERIFIED`` (g6 12xlarge and larger, g6e, p4de, p5) could not be checked against
a stored AWS page when the table was last reviewed; they are kept (they follow each family's
pattern) and are the first to re-check.

A type missing from the table is accepted without a fit check (the package never refuses an
instance type for being newer than it); SageMaker itself refuses a component that does not fit
(https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InferenceComponentComputeResourceRequirements.html).
Memory is the instance's; SageMaker keeps part of it for its own agents, so a copy asking for
all of it still fails at deploy time: the check catches what can never fit.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InstanceCapacity:
    """The resources of one instance of a type."""

    vcpus: int
    """Virtual CPUs (what ``number_of_cpu_cores_required`` draws on)."""
    memory_mib: int
    """Memory in MiB (what ``min_memory_required_in_mb`` draws on)."""
    accelerators: int
    """GPUs (what ``number_of_accelerator_devices_required`` draws on); 0 on CPU types."""


def _gib(vcpus: int, memory_gib: int, accelerators: int = 0) -> InstanceCapacity:
    return InstanceCapacity(vcpus, memory_gib * 1024, accelerators)


#: Per-instance capacity of the instance types inference components run on.
CAPACITY: dict[str, InstanceCapacity] = {
    # G4dn: NVIDIA T4.
    "ml.g4dn.xlarge": _gib(4, 16, 1),
    "ml.g4dn.2xlarge": _gib(8, 32, 1),
    "ml.g4dn.4xlarge": _gib(16, 64, 1),
    "ml.g4dn.8xlarge": _gib(32, 128, 1),
    "ml.g4dn.12xlarge": _gib(48, 192, 4),
    "ml.g4dn.16xlarge": _gib(64, 256, 1),
    # G5: NVIDIA A10G (24 GB each).
    "ml.g5.xlarge": _gib(4, 16, 1),
    "ml.g5.2xlarge": _gib(8, 32, 1),
    "ml.g5.4xlarge": _gib(16, 64, 1),
    "ml.g5.8xlarge": _gib(32, 128, 1),
    "ml.g5.12xlarge": _gib(48, 192, 4),
    "ml.g5.16xlarge": _gib(64, 256, 1),
    "ml.g5.24xlarge": _gib(96, 384, 4),
    "ml.g5.48xlarge": _gib(192, 768, 8),
    # G6: NVIDIA L4.
    "ml.g6.xlarge": _gib(4, 16, 1),
    "ml.g6.2xlarge": _gib(8, 32, 1),
    "ml.g6.4xlarge": _gib(16, 64, 1),
    "ml.g6.8xlarge": _gib(32, 128, 1),
    "ml.g6.12xlarge": _gib(48, 192, 4),
    "ml.g6.16xlarge": _gib(64, 256, 1),
    "ml.g6.24xlarge": _gib(96, 384, 4),
    "ml.g6.48xlarge": _gib(192, 768, 8),
    # G6e: NVIDIA L40S.
    "ml.g6e.xlarge": _gib(4, 32, 1),
    "ml.g6e.2xlarge": _gib(8, 64, 1),
    "ml.g6e.4xlarge": _gib(16, 128, 1),
    "ml.g6e.8xlarge": _gib(32, 256, 1),
    "ml.g6e.12xlarge": _gib(48, 384, 4),
    "ml.g6e.16xlarge": _gib(64, 512, 1),
    "ml.g6e.24xlarge": _gib(96, 768, 4),
    "ml.g6e.48xlarge": _gib(192, 1536, 8),
    # P4d/P4de: NVIDIA A100; P5: NVIDIA H100.
    "ml.p4d.24xlarge": _gib(96, 1152, 8),
    "ml.p4de.24xlarge": _gib(96, 1152, 8),
    "ml.p5.48xlarge": _gib(192, 2048, 8),
    # CPU types.
    "ml.m5.large": _gib(2, 8),
    "ml.m5.xlarge": _gib(4, 16),
    "ml.m5.2xlarge": _gib(8, 32),
    "ml.m5.4xlarge": _gib(16, 64),
    "ml.m5.12xlarge": _gib(48, 192),
    "ml.m5.24xlarge": _gib(96, 384),
    "ml.c5.large": _gib(2, 4),
    "ml.c5.xlarge": _gib(4, 8),
    "ml.c5.2xlarge": _gib(8, 16),
    "ml.c5.4xlarge": _gib(16, 32),
    "ml.c5.9xlarge": _gib(36, 72),
    "ml.c5.18xlarge": _gib(72, 144),
}


#: Rows not checked against a stored AWS page (see the module docstring).
UNVERIFIED: frozenset[str] = frozenset(
    {
        "ml.g6.12xlarge",
        "ml.g6.24xlarge",
        "ml.g6.48xlarge",
        *(f"ml.g6e.{size}" for size in ("xlarge", "2xlarge", "4xlarge", "8xlarge")),
        *(f"ml.g6e.{size}" for size in ("12xlarge", "16xlarge", "24xlarge", "48xlarge")),
        "ml.p4de.24xlarge",
        "ml.p5.48xlarge",
    }
)


def capacity(instance_type: str) -> InstanceCapacity | None:
    """The capacity of one instance of ``instance_type`` (None: not in the table)."""
    return CAPACITY.get(instance_type)
