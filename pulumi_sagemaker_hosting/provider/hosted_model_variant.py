"""HostedModel's instance-variant settings: routing, AMI, SSM access, core dumps, managed scaling.

The TypedDicts are schema types (their docstrings are the descriptions other languages see).
:func:`read_variant_settings` turns the JSON other languages send into the keyword arguments
of :class:`InstanceProductionVariant`, checked by the Python API's own rules (each message
prefixed with the camelCase field), recording problems instead of raising.
https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html
"""

import inspect
from typing import Any

import pulumi
from typing_extensions import NotRequired, TypedDict

from ..errors import Problems
from ..variant_settings import CoreDumpConfig, ManagedInstanceScaling
from ..variants import InstanceProductionVariant, _settings_problems
from ._wire import Checker, schema_names


class CoreDumpLocation(TypedDict):
    """Where SageMaker writes a core dump when a model container crashes."""

    destination_s3_uri: pulumi.Input[str]
    """Where dumps go, `s3://bucket/prefix`; the role the variant runs as may write there only."""
    kms_key_arn: NotRequired[pulumi.Input[str]]
    """A KMS key ARN encrypting the dumps; the role may encrypt with it."""


class ManagedScalingConfig(TypedDict):
    """Let SageMaker add and remove the endpoint's instances within bounds."""

    min_instance_count: NotRequired[int]
    """Instances kept when traffic falls, at least 1."""
    max_instance_count: NotRequired[int]
    """Instances at most when traffic rises, at least 1."""


#: The Python API's names in the settings' messages, and the schema's (see _wire.schema_names).
_NAMES = (
    ("routingStrategy: routing_strategy", "routingStrategy"),
    ("inferenceAmiVersion: inference_ami_version", "inferenceAmiVersion"),
    ("coreDumpConfig: core_dump_config.destination_s3_uri", "coreDumpConfig.destinationS3Uri"),
    ("coreDumpConfig: core_dump_config.kms_key", "coreDumpConfig.kmsKeyArn"),
    ("must be an aws.kms.Key or a key ARN", "must be a KMS key ARN"),
    ("managedInstanceScaling: managed_instance_scaling.", "managedInstanceScaling."),
    ("managedInstanceScaling: managed_instance_scaling", "managedInstanceScaling"),
    ("min_instance_count", "minInstanceCount"),
    ("max_instance_count", "maxInstanceCount"),
)

#: The settings' fields: (snake_case key, camelCase name), in schema order.
FIELDS = (
    ("routing_strategy", "routingStrategy"),
    ("inference_ami_version", "inferenceAmiVersion"),
    ("enable_ssm_access", "enableSsmAccess"),
    ("core_dump_config", "coreDumpConfig"),
    ("managed_instance_scaling", "managedInstanceScaling"),
)


def given_settings(raw: dict[str, Any]) -> list[str]:
    """The camelCase names of the settings given (serverless takes none of them)."""
    return [name for key, name in FIELDS if raw.get(key) is not None]


def read_variant_settings(
    problems: Problems, check: Checker, raw: dict[str, Any], serves_model: bool = True
) -> dict[str, Any]:
    """The settings of ``raw`` as :class:`InstanceProductionVariant` keyword arguments.

    ``serves_model``: whether the variant serves a model (HostedModel) or hosts inference
    components (SharedEndpoint, whose core dumps are written with the execution role and whose
    instance bounds are its own fields, so ``managedInstanceScaling`` is not read).
    """
    settings: dict[str, Any] = {
        "routing_strategy": check.text("routingStrategy", raw.get("routing_strategy")),
        "inference_ami_version": check.text(
            "inferenceAmiVersion", raw.get("inference_ami_version")
        ),
        "enable_ssm_access": check.flag("enableSsmAccess", raw.get("enable_ssm_access")),
    }
    dump = check.mapping("coreDumpConfig", raw.get("core_dump_config"))
    if dump is not None and check.require(
        "coreDumpConfig.destinationS3Uri", dump.get("destination_s3_uri")
    ):
        settings["core_dump_config"] = CoreDumpConfig(
            dump["destination_s3_uri"], kms_key=dump.get("kms_key_arn")
        )
    bounds = (
        check.mapping("managedInstanceScaling", raw.get("managed_instance_scaling"))
        if serves_model
        else None
    )
    if bounds is not None:
        low, high = (
            check.integer(f"managedInstanceScaling.{name}", bounds.get(key), 0)
            for key, name in (
                ("min_instance_count", "minInstanceCount"),
                ("max_instance_count", "maxInstanceCount"),
            )
        )
        settings["managed_instance_scaling"] = ManagedInstanceScaling(low, high)
    given = {key: value for key, value in settings.items() if value is not None}
    for key, name in FIELDS:
        if key in given:
            # One field at a time, so each message names its field.
            alone = InstanceProductionVariant(model=None, variant_name="check", **{key: given[key]})
            for problem in _settings_problems(alone, name, serves_model=serves_model):
                problems.add(schema_names(problem, _NAMES))
    return given


# The analyzer reads class docstrings as they are; drop their source indentation.
for _documented in (CoreDumpLocation, ManagedScalingConfig):
    _documented.__doc__ = inspect.cleandoc(_documented.__doc__ or "")
