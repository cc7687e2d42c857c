"""Pulumi type tokens -> Terraform resource types, derived from the provider's schema.

pulumi_aws names a resource ``aws:<module>/<camelResource>:<Resource>`` after the Terraform
type ``aws_<module>_<snake_resource>`` it bridges; :func:`terraform_type` applies that rule and
checks the result against the provider schema. A handful of pulumi_aws resources carry a name
of their own (https://www.pulumi.com/registry/packages/aws/api-docs/s3/bucketobjectv2/ is
``aws_s3_object``): those are the only table here. Types with no Terraform resource at all
(Docker builds, aws-native resources) are skipped by :data:`SKIPPED` with the reason.
"""

from __future__ import annotations

import re

from .schema import ProviderSchema

#: pulumi_aws tokens whose Terraform type does not follow the naming rule.
RENAMED: dict[str, str] = {
    "aws:s3/bucketObjectv2:BucketObjectv2": "aws_s3_object",
    # pulumi_aws's ec2 module bridges Terraform's unprefixed VPC types.
    "aws:ec2/vpc:Vpc": "aws_vpc",
    "aws:ec2/subnet:Subnet": "aws_subnet",
    "aws:ec2/securityGroup:SecurityGroup": "aws_security_group",
}

#: Token prefixes with no Terraform AWS resource, and why they are left out of a translation.
SKIPPED: dict[str, str] = {
    "docker-build:": "a Docker image build (docker-build provider): no AWS API resource; "
    "its outputs (the pushed image reference) are used as literal values",
    "aws-native:": "an AWS Cloud Control (aws-native) resource: the Terraform AWS provider "
    "has no counterpart; resources referring to it get its recorded outputs as literals",
    "pulumi:providers:": "an explicit provider: the translation has one provider block",
}


def snake(name: str) -> str:
    """``endpointConfiguration`` -> ``endpoint_configuration``, ``keyId`` -> ``key_id``."""
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


def skip_reason(token: str) -> str | None:
    """Why ``token`` has no Terraform resource, or None when it should have one."""
    for prefix, reason in SKIPPED.items():
        if token.startswith(prefix):
            return reason
    return None


def terraform_type(token: str, schema: ProviderSchema) -> str | None:
    """The Terraform resource type of a pulumi_aws ``token``, or None when the schema lacks it."""
    if token in RENAMED:
        candidate = RENAMED[token]
        return candidate if schema.has(candidate) else None
    match = re.fullmatch(
        r"aws:(?P<module>[a-z0-9]+)/(?P<resource>[A-Za-z0-9]+):[A-Za-z0-9]+", token
    )
    if match is None:
        return None
    candidate = f"aws_{match['module']}_{snake(match['resource'])}"
    return candidate if schema.has(candidate) else None
