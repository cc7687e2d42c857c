"""Where a model runs in a VPC: subnets and security groups given as resources or ids.

SageMaker places the model's network interfaces in the subnets, with the security groups
(1-16 subnets, 1-5 groups: ``VpcConfig``). A model given subnets but no group gets one of its
own, allowing only outbound HTTPS (S3, ECR, a TLS private registry, the Lambda endpoint).
https://docs.aws.amazon.com/sagemaker/latest/dg/host-vpc.html
https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_VpcConfig.html
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pulumi
import pulumi_aws as aws

from . import _validation

# pulumi_aws loads a service module on first attribute access, and pulumi_aws.ec2 alone takes
# ~0.2 s and ~30 MiB to import: nothing here names aws.ec2 at import time, so stacks without
# a VPC never load it (docs/benchmarks.md, import time).
if TYPE_CHECKING:
    from typing import TypeAlias

    SubnetLike: TypeAlias = aws.ec2.Subnet | pulumi.Input[str]
    """A subnet: a resource, or its id (which may be an Output)."""
    GroupLike: TypeAlias = aws.ec2.SecurityGroup | pulumi.Input[str]
    """A security group: a resource, or its id (which may be an Output)."""
else:

    def __getattr__(name: str) -> Any:
        # The aliases, built on first access (hidden from mypy, which reads the ones above).
        if name == "SubnetLike":
            return aws.ec2.Subnet | pulumi.Input[str]
        if name == "GroupLike":
            return aws.ec2.SecurityGroup | pulumi.Input[str]
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_SUBNETS = "sagemaker.CreateModel.VpcConfig.Subnets"
_GROUPS = "sagemaker.CreateModel.VpcConfig.SecurityGroupIds"


@dataclass(frozen=True)
class VpcPlacement:
    """The subnets and groups a model was given.

    Lists of resources or ids, or (for the id arguments) an Output of the whole list.
    """

    subnets: Sequence[SubnetLike] | pulumi.Output[Sequence[str]]
    groups: Sequence[GroupLike] | pulumi.Output[Sequence[str]] | None


def _resources_problems(
    path: str, argument: str, value: object, kind: type[pulumi.CustomResource]
) -> list[str]:
    # A list that may hold resources: it must be a plain list (its length is checked now);
    # ids in it follow AWS's rule, resources are taken as they are.
    if not _validation.is_list(value):
        return [
            f"{argument} must be a list of {kind.__name__} resources or ids, "
            f"got {_validation.show(value)}"
        ]
    assert isinstance(value, Sequence)
    found = _validation.field(path, argument, list(value))
    for index, item in enumerate(value):
        if isinstance(item, kind) or _validation.is_unknown(item):
            continue
        if isinstance(item, str):
            found += _validation.field(f"{path}[]", f"{argument}[{index}]", item)
        else:
            found.append(
                f"{argument}[{index}] must be a {kind.__name__} resource or an id, "
                f"got {type(item).__name__}"
            )
    return found


def placement_problems(
    vpc_subnet_ids: object,
    security_group_ids: object,
    vpc_subnets: object,
    security_groups: object,
) -> tuple[VpcPlacement | None, list[str]]:
    """The placement the arguments describe (None outside a VPC), and what is wrong with them."""
    problems: list[str] = []
    if vpc_subnets is not None and vpc_subnet_ids is not None:
        problems.append("give vpc_subnets or vpc_subnet_ids, not both")
    if security_groups is not None and security_group_ids is not None:
        problems.append("give security_groups or security_group_ids, not both")
    # A whole-list Output of ids (a VPC's subnet ids) is accepted and checked by AWS.
    problems += _validation.items(_SUBNETS, "vpc_subnet_ids", vpc_subnet_ids)
    problems += _validation.items(_GROUPS, "security_group_ids", security_group_ids)
    if vpc_subnets is not None:
        problems += _resources_problems(_SUBNETS, "vpc_subnets", vpc_subnets, aws.ec2.Subnet)
    if security_groups is not None:
        problems += _resources_problems(
            _GROUPS, "security_groups", security_groups, aws.ec2.SecurityGroup
        )
    subnets = vpc_subnets if vpc_subnets is not None else vpc_subnet_ids
    groups = security_groups if security_groups is not None else security_group_ids
    if groups is not None and subnets is None:
        problems.append("security groups need subnets: give vpc_subnets (or vpc_subnet_ids)")
    if subnets is None or problems:
        return None, problems
    return VpcPlacement(subnets, groups), problems  # type: ignore[arg-type]


def _id(item: SubnetLike | GroupLike) -> pulumi.Input[str]:
    if isinstance(item, (aws.ec2.Subnet, aws.ec2.SecurityGroup)):
        return item.id
    return item


def _ids(items: Sequence[SubnetLike | GroupLike] | pulumi.Output[Sequence[str]]) -> Any:
    if isinstance(items, pulumi.Output):
        return items
    return [_id(item) for item in items]


def _vpc_of(
    subnets: Sequence[SubnetLike] | pulumi.Output[Sequence[str]], parent: pulumi.Resource
) -> pulumi.Input[str]:
    first: pulumi.Input[str]
    if isinstance(subnets, pulumi.Output):
        first = subnets.apply(lambda ids: ids[0])
    elif isinstance(subnets[0], aws.ec2.Subnet):
        return subnets[0].vpc_id
    else:
        first = subnets[0]
    found = aws.ec2.get_subnet_output(id=first, opts=pulumi.InvokeOutputOptions(parent=parent))
    return found.vpc_id


def vpc_config(
    placement: VpcPlacement,
    name: str,
    parent: pulumi.Resource,
    tags: Mapping[str, pulumi.Input[str]] | None,
) -> tuple[dict[str, Any], aws.ec2.SecurityGroup | None]:
    """The model's ``vpc_config``, and the group created for it (when none was given)."""
    created: aws.ec2.SecurityGroup | None = None
    if placement.groups is not None:
        groups = _ids(placement.groups)
    else:
        created = aws.ec2.SecurityGroup(
            f"{name}-security-group",
            vpc_id=_vpc_of(placement.subnets, parent),
            description=f"SageMaker model {name}: outbound HTTPS only",
            egress=[
                {
                    "protocol": "tcp",
                    "from_port": 443,
                    "to_port": 443,
                    "cidr_blocks": ["0.0.0.0/0"],
                    "description": "HTTPS to S3, ECR, registries and AWS APIs",
                    # Every field of the rule, as Terraform's inline rule blocks take them.
                    "ipv6_cidr_blocks": [],
                    "prefix_list_ids": [],
                    "security_groups": [],
                    "self": False,
                }
            ],
            tags=tags,
            opts=pulumi.ResourceOptions(parent=parent),
        )
        groups = [created.id]
    return {"subnets": _ids(placement.subnets), "security_group_ids": groups}, created
