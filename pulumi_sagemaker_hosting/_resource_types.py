"""``isinstance`` checks against pulumi_aws resource classes that load no module needlessly.

pulumi_aws loads a service module (``aws.kms``, ``aws.ecr``: dozens of files each) on the
first attribute access. A name, an ARN or None is never a resource, so checking for a
``CustomResource`` first keeps a program that passes names and ARNs from loading modules it
never uses: a smaller heap, which every full garbage collection of a large program walks
(see docs/benchmarks.md).
"""

from __future__ import annotations

import pulumi
import pulumi_aws as aws
from typing_extensions import TypeIs


def is_kms_key(value: object) -> TypeIs[aws.kms.Key]:
    """Whether ``value`` is an ``aws.kms.Key`` resource."""
    return isinstance(value, pulumi.CustomResource) and isinstance(value, aws.kms.Key)


def is_ecr_repository(value: object) -> TypeIs[aws.ecr.Repository]:
    """Whether ``value`` is an ``aws.ecr.Repository`` resource."""
    return isinstance(value, pulumi.CustomResource) and isinstance(value, aws.ecr.Repository)
