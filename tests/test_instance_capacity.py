"""The capacity table against the AWS pages it cites (vCPUs, memory GiB, GPUs per instance).

Each row below is transcribed from the page named beside it, so a table edit that strays from
AWS's figures fails here; the rows ``_instance_capacity.UNVERIFIED`` names are the only ones
without such a source.
"""

from __future__ import annotations

import pytest

from pulumi_sagemaker_hosting._instance_capacity import CAPACITY, UNVERIFIED, InstanceCapacity

# https://docs.aws.amazon.com/batch/latest/userguide/gpu-jobs.html (g4dn, g5, g6 to 16xlarge),
# https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/accelerated-computing-instances.html
# (g4dn, p4d), .../general-purpose-instances.html (m5), .../compute-optimized-instances.html (c5).
DOCUMENTED: dict[str, tuple[int, int, int]] = {
    "ml.g4dn.xlarge": (4, 16, 1),
    "ml.g4dn.2xlarge": (8, 32, 1),
    "ml.g4dn.4xlarge": (16, 64, 1),
    "ml.g4dn.8xlarge": (32, 128, 1),
    "ml.g4dn.12xlarge": (48, 192, 4),
    "ml.g4dn.16xlarge": (64, 256, 1),
    "ml.g5.xlarge": (4, 16, 1),
    "ml.g5.2xlarge": (8, 32, 1),
    "ml.g5.4xlarge": (16, 64, 1),
    "ml.g5.8xlarge": (32, 128, 1),
    "ml.g5.12xlarge": (48, 192, 4),
    "ml.g5.16xlarge": (64, 256, 1),
    "ml.g5.24xlarge": (96, 384, 4),
    "ml.g5.48xlarge": (192, 768, 8),
    "ml.g6.xlarge": (4, 16, 1),
    "ml.g6.2xlarge": (8, 32, 1),
    "ml.g6.4xlarge": (16, 64, 1),
    "ml.g6.8xlarge": (32, 128, 1),
    "ml.g6.16xlarge": (64, 256, 1),
    "ml.p4d.24xlarge": (96, 1152, 8),
    "ml.m5.large": (2, 8, 0),
    "ml.m5.xlarge": (4, 16, 0),
    "ml.m5.2xlarge": (8, 32, 0),
    "ml.m5.4xlarge": (16, 64, 0),
    "ml.m5.12xlarge": (48, 192, 0),
    "ml.m5.24xlarge": (96, 384, 0),
    "ml.c5.large": (2, 4, 0),
    "ml.c5.xlarge": (4, 8, 0),
    "ml.c5.2xlarge": (8, 16, 0),
    "ml.c5.4xlarge": (16, 32, 0),
    "ml.c5.9xlarge": (36, 72, 0),
    "ml.c5.18xlarge": (72, 144, 0),
}


@pytest.mark.parametrize("instance_type", sorted(DOCUMENTED))
def test_documented_rows_hold_aws_figures(instance_type: str) -> None:
    vcpus, memory_gib, gpus = DOCUMENTED[instance_type]
    assert CAPACITY[instance_type] == InstanceCapacity(vcpus, memory_gib * 1024, gpus)


def test_every_row_is_documented_or_named_unverified() -> None:
    assert set(CAPACITY) == set(DOCUMENTED) | UNVERIFIED
    assert not set(DOCUMENTED) & UNVERIFIED
