"""Emulator handlers for the networking a model in a VPC needs: VPCs, subnets, security groups."""

from __future__ import annotations

from typing import Any

from pulumi.runtime.mocks import MockResourceArgs

from ._emulator_core import Backend, EmulatorError, Json
from ._emulator_handlers import Handler, auto_name, where


def _tags(inputs: Json, resource_type: str) -> list[Json]:
    tags = inputs.get("tags") or {}
    if not tags:
        return []
    return [
        {
            "ResourceType": resource_type,
            "Tags": [{"Key": k, "Value": str(v)} for k, v in tags.items()],
        }
    ]


def vpc(be: Backend, args: MockResourceArgs, inputs: Json) -> tuple[str, Json]:
    """CreateVpc."""
    body: Json = {"CidrBlock": inputs.get("cidrBlock")}
    if _tags(inputs, "vpc"):
        body["TagSpecifications"] = _tags(inputs, "vpc")
    created = be.send(where(args), "ec2", "CreateVpc", body, inputs.get("region"))["Vpc"]
    vpc_id = created["VpcId"]
    return vpc_id, {"arn": f"arn:aws:ec2:{be.region}:{be.account_id}:vpc/{vpc_id}"}


def subnet(be: Backend, args: MockResourceArgs, inputs: Json) -> tuple[str, Json]:
    """CreateSubnet (its VPC must exist)."""
    body: Json = {"VpcId": inputs.get("vpcId"), "CidrBlock": inputs.get("cidrBlock")}
    if inputs.get("availabilityZone"):
        body["AvailabilityZone"] = inputs["availabilityZone"]
    if _tags(inputs, "subnet"):
        body["TagSpecifications"] = _tags(inputs, "subnet")
    created = be.send(where(args), "ec2", "CreateSubnet", body, inputs.get("region"))["Subnet"]
    return created["SubnetId"], {
        "arn": created.get("SubnetArn", ""),
        "availabilityZone": created["AvailabilityZone"],
    }


def _permission(rule: Json) -> Json:
    permission: Json = {"IpProtocol": str(rule.get("protocol"))}
    for key, api in (("fromPort", "FromPort"), ("toPort", "ToPort")):
        if rule.get(key) is not None:
            permission[api] = int(rule[key])
    ranges = [{"CidrIp": c} for c in rule.get("cidrBlocks") or []]
    if ranges and rule.get("description"):
        for item in ranges:
            item["Description"] = rule["description"]
    if ranges:
        permission["IpRanges"] = ranges
    groups = [{"GroupId": g} for g in rule.get("securityGroups") or []]
    if groups:
        permission["UserIdGroupPairs"] = groups
    return permission


def security_group(be: Backend, args: MockResourceArgs, inputs: Json) -> tuple[str, Json]:
    """CreateSecurityGroup, then its rules.

    Given egress rules replace AWS's allow-all default, as pulumi_aws does.
    """
    name = auto_name(args, inputs, 255)
    region = inputs.get("region")
    body: Json = {
        "GroupName": name,
        "Description": inputs.get("description") or "Managed by Pulumi",
    }
    if inputs.get("vpcId"):
        body["VpcId"] = inputs["vpcId"]
    group_id = be.send(where(args), "ec2", "CreateSecurityGroup", body, region)["GroupId"]
    ingress = [_permission(r) for r in inputs.get("ingress") or []]
    if ingress:
        be.send(
            where(args),
            "ec2",
            "AuthorizeSecurityGroupIngress",
            {"GroupId": group_id, "IpPermissions": ingress},
            region,
        )
    egress = [_permission(r) for r in inputs.get("egress") or []]
    if egress:
        be.send(
            where(args),
            "ec2",
            "RevokeSecurityGroupEgress",
            {
                "GroupId": group_id,
                "IpPermissions": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
            },
            region,
        )
        be.send(
            where(args),
            "ec2",
            "AuthorizeSecurityGroupEgress",
            {"GroupId": group_id, "IpPermissions": egress},
            region,
        )
    return group_id, {
        "name": name,
        "arn": f"arn:aws:ec2:{region or be.region}:{be.account_id}:security-group/{group_id}",
    }


def get_subnet(be: Backend, token: str, inputs: Json, region: str) -> dict[str, Any]:
    """The ``aws.ec2.get_subnet`` invoke by id: DescribeSubnets."""
    subnet_id = inputs.get("id")
    try:
        found = be.send(
            (token, "invoke"), "ec2", "DescribeSubnets", {"SubnetIds": [subnet_id]}, region
        )["Subnets"]
    except EmulatorError:
        found = []
    if not found:
        raise EmulatorError(token, "invoke", "InvalidSubnetID.NotFound", f"no subnet {subnet_id!r}")
    item = found[0]
    return {
        "id": item["SubnetId"],
        "vpcId": item["VpcId"],
        "arn": item.get("SubnetArn", ""),
        "availabilityZone": item["AvailabilityZone"],
        "cidrBlock": item["CidrBlock"],
    }


HANDLERS: dict[str, Handler] = {
    "aws:ec2/vpc:Vpc": vpc,
    "aws:ec2/subnet:Subnet": subnet,
    "aws:ec2/securityGroup:SecurityGroup": security_group,
}
