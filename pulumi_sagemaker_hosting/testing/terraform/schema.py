"""The upstream Terraform AWS provider's resource schemas, trimmed to the types we translate.

``terraform providers schema -json`` prints every resource of the provider (about 13 MB for
hashicorp/aws 5.x); the translator only needs the types this package and its examples
register, and only their structure: attribute names and types, which are required, optional or
computed, and nested blocks with their nesting mode and item bounds. :func:`trim` keeps that;
``scripts/trim_tf_schema.py`` writes it to ``aws_schema.json`` next to this module, and a test
checks it still equals the trim of the mirror's provider.

Schema JSON format: https://developer.hashicorp.com/terraform/cli/commands/providers/schema
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

Json = dict[str, Any]

#: The provider's address in ``terraform providers schema -json``.
PROVIDER = "registry.terraform.io/hashicorp/aws"
#: The trimmed schema shipped with the package.
TRIMMED = Path(__file__).with_name("aws_schema.json")

#: Every Terraform resource type the translator maps to (what the package and examples use).
RESOURCE_TYPES: tuple[str, ...] = (
    "aws_appautoscaling_policy",
    "aws_appautoscaling_scheduled_action",
    "aws_appautoscaling_target",
    "aws_cloudwatch_metric_alarm",
    "aws_ecr_lifecycle_policy",
    "aws_ecr_repository",
    "aws_iam_policy",
    "aws_iam_role",
    "aws_iam_role_policy",
    "aws_iam_role_policy_attachment",
    "aws_kms_key",
    "aws_s3_bucket",
    "aws_s3_bucket_ownership_controls",
    "aws_s3_bucket_public_access_block",
    "aws_s3_bucket_server_side_encryption_configuration",
    "aws_s3_bucket_versioning",
    "aws_s3_object",
    "aws_sagemaker_endpoint",
    "aws_sagemaker_endpoint_configuration",
    "aws_sagemaker_model",
    "aws_security_group",
    "aws_sns_topic",
    "aws_subnet",
    "aws_vpc",
)

_ATTRIBUTE_KEYS = ("type", "required", "optional", "computed", "sensitive")
_BLOCK_KEYS = ("nesting_mode", "min_items", "max_items")


def _trim_block(block: Json) -> Json:
    out: Json = {}
    attributes = {
        name: {k: attr[k] for k in _ATTRIBUTE_KEYS if k in attr}
        for name, attr in sorted(block.get("attributes", {}).items())
    }
    if attributes:
        out["attributes"] = attributes
    nested = {}
    for name, spec in sorted(block.get("block_types", {}).items()):
        trimmed = {k: spec[k] for k in _BLOCK_KEYS if k in spec}
        trimmed["block"] = _trim_block(spec["block"])
        nested[name] = trimmed
    if nested:
        out["block_types"] = nested
    return out


def trim(full: Json, version: str, types: tuple[str, ...] = RESOURCE_TYPES) -> Json:
    """Keep the structure of ``types`` from a full ``providers schema -json`` document."""
    resources = full["provider_schemas"][PROVIDER]["resource_schemas"]
    missing = [t for t in types if t not in resources]
    if missing:
        raise KeyError(f"the provider has no resource types {missing}")
    return {
        "provider": PROVIDER,
        "version": version,
        "resource_schemas": {t: _trim_block(resources[t]["block"]) for t in sorted(types)},
    }


@dataclass(frozen=True)
class Block:
    """One block of a resource schema: its attributes and nested block types."""

    attributes: Json
    """``{name: {"type": ..., "required"|"optional"|"computed": True}}``."""
    block_types: Json
    """``{name: {"nesting_mode": ..., "max_items": ..., "block": {...}}}``."""

    @staticmethod
    def of(raw: Json) -> Block:
        """Wrap a raw schema block."""
        return Block(raw.get("attributes", {}), raw.get("block_types", {}))

    def nested(self, name: str) -> Block:
        """The nested block type ``name``."""
        return Block.of(self.block_types[name]["block"])

    def names(self) -> list[str]:
        """Every attribute and block name."""
        return [*self.attributes, *self.block_types]


@dataclass(frozen=True, eq=False)  # hashed by identity: caches key on it
class ProviderSchema:
    """Resource schemas of one provider version."""

    version: str
    """The provider version the schema came from."""
    resources: Json
    """``{resource type: trimmed block}``."""

    def has(self, resource_type: str) -> bool:
        """Whether the provider (as trimmed) has ``resource_type``."""
        return resource_type in self.resources

    def block(self, resource_type: str) -> Block:
        """The top-level block of ``resource_type``."""
        return Block.of(self.resources[resource_type])


@cache
def load(path: Path = TRIMMED) -> ProviderSchema:
    """Load a trimmed schema (by default the one shipped with the package)."""
    data = json.loads(path.read_text())
    return ProviderSchema(str(data["version"]), dict(data["resource_schemas"]))
