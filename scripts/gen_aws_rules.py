#!/usr/bin/env python3
"""Generate the package's AWS field rules from botocore's service models.

One source of truth for what AWS accepts in every request field this package renders:
lengths, patterns, ranges and enums come from botocore's service models (the same JSON the
AWS SDKs are generated from). This script writes two committed modules, so a plain install
needs no botocore at runtime:

- ``pulumi_sagemaker_hosting/_aws_rules.py``: ``RULES``, one entry per rendered request field
  (``<service>.<Operation>.<Member>[.<Member>...]``; ``[]`` is a list element, ``{key}`` and
  ``{value}`` a map's keys and values).
- ``pulumi_sagemaker_hosting/_instance_type_names.py``: the SageMaker hosting instance types
  (botocore's ``ProductionVariantInstanceType`` enum) as constants and a set.

Run it after upgrading botocore: ``.venv/bin/python scripts/gen_aws_rules.py``; ``--check``
exits 1 when the committed modules differ from what the installed botocore gives (the test
suite runs the same comparison).

Patterns are Java regular expressions, matched by AWS against the whole value. Python's
``re`` lacks the Unicode property classes some of them use, so those are translated
(exactly, for the categories used): ``\\p{L}\\p{N}`` are Python's ``[^\\W_]`` (``str.isalnum``:
letters and numbers), ``\\p{Z}`` the Unicode separators listed below, ``\\p{Print}`` (US-ASCII
in Java) ``[\\x20-\\x7e]``, and UTF-16 surrogate pairs the astral planes.
"""

from __future__ import annotations

import argparse
import pathlib
import re
import sys
from typing import Any

import botocore
import botocore.session

ROOT = pathlib.Path(__file__).resolve().parent.parent
RULES_PATH = ROOT / "pulumi_sagemaker_hosting" / "_aws_rules.py"
TYPES_PATH = ROOT / "pulumi_sagemaker_hosting" / "_instance_type_names.py"

# Every request field the package renders (directly, or through the pulumi_aws provider).
_CONTAINER = (
    "Image",
    "ModelDataUrl",
    "Environment",
    "Environment{key}",
    "Environment{value}",
    "ContainerHostname",
    "Mode",
    "ModelPackageName",
    "ImageConfig.RepositoryAccessMode",
    "ImageConfig.RepositoryAuthConfig.RepositoryCredentialsProviderArn",
    "MultiModelConfig.ModelCacheSetting",
    "ModelDataSource.S3DataSource.S3Uri",
    "ModelDataSource.S3DataSource.S3DataType",
    "ModelDataSource.S3DataSource.CompressionType",
    "ModelDataSource.S3DataSource.ModelAccessConfig.AcceptEula",
)
_VARIANT = (
    "VariantName",
    "ModelName",
    "InitialInstanceCount",
    "InstanceType",
    "InitialVariantWeight",
    "AcceleratorType",
    "VolumeSizeInGB",
    "ModelDataDownloadTimeoutInSeconds",
    "ContainerStartupHealthCheckTimeoutInSeconds",
    "ServerlessConfig.MemorySizeInMB",
    "ServerlessConfig.MaxConcurrency",
    "ServerlessConfig.ProvisionedConcurrency",
    "RoutingConfig.RoutingStrategy",
    "InferenceAmiVersion",
    "EnableSSMAccess",
    "CoreDumpConfig.DestinationS3Uri",
    "CoreDumpConfig.KmsKeyId",
    "ManagedInstanceScaling.Status",
    "ManagedInstanceScaling.MinInstanceCount",
    "ManagedInstanceScaling.MaxInstanceCount",
)
_TAGS = ("Tags", "Tags[].Key", "Tags[].Value")
_SIZE = ("Type", "Value")
_BLUE_GREEN = "DeploymentConfig.BlueGreenUpdatePolicy"
_ROUTING = f"{_BLUE_GREEN}.TrafficRoutingConfiguration"
_ROLLING = "DeploymentConfig.RollingUpdatePolicy"
_CAPTURE = "DataCaptureConfig"
_ASYNC_OUT = "AsyncInferenceConfig.OutputConfig"
_STEP = "StepScalingPolicyConfiguration"
_TRACK = "TargetTrackingScalingPolicyConfiguration"
_ALARM_METRIC = ("MetricName", "Namespace", "Dimensions", "Dimensions[].Name", "Dimensions[].Value")

FIELDS: dict[tuple[str, str], tuple[str, ...]] = {
    ("sagemaker", "CreateModel"): (
        "ModelName",
        "Containers",
        *(f"Containers[].{f}" for f in _CONTAINER),
        "InferenceExecutionConfig.Mode",
        "ExecutionRoleArn",
        "VpcConfig.Subnets",
        "VpcConfig.Subnets[]",
        "VpcConfig.SecurityGroupIds",
        "VpcConfig.SecurityGroupIds[]",
        "EnableNetworkIsolation",
        *_TAGS,
    ),
    ("sagemaker", "CreateEndpointConfig"): (
        "EndpointConfigName",
        "ProductionVariants",
        *(f"ProductionVariants[].{f}" for f in _VARIANT),
        "ShadowProductionVariants",
        f"{_CAPTURE}.EnableCapture",
        f"{_CAPTURE}.InitialSamplingPercentage",
        f"{_CAPTURE}.DestinationS3Uri",
        f"{_CAPTURE}.KmsKeyId",
        f"{_CAPTURE}.CaptureOptions[].CaptureMode",
        f"{_CAPTURE}.CaptureContentTypeHeader.CsvContentTypes",
        f"{_CAPTURE}.CaptureContentTypeHeader.CsvContentTypes[]",
        f"{_CAPTURE}.CaptureContentTypeHeader.JsonContentTypes",
        f"{_CAPTURE}.CaptureContentTypeHeader.JsonContentTypes[]",
        "KmsKeyId",
        "ExecutionRoleArn",
        "AsyncInferenceConfig.ClientConfig.MaxConcurrentInvocationsPerInstance",
        f"{_ASYNC_OUT}.KmsKeyId",
        f"{_ASYNC_OUT}.S3OutputPath",
        f"{_ASYNC_OUT}.S3FailurePath",
        f"{_ASYNC_OUT}.NotificationConfig.SuccessTopic",
        f"{_ASYNC_OUT}.NotificationConfig.ErrorTopic",
        f"{_ASYNC_OUT}.NotificationConfig.IncludeInferenceResponseIn[]",
        *_TAGS,
    ),
    ("sagemaker", "CreateEndpoint"): (
        "EndpointName",
        f"{_ROUTING}.Type",
        f"{_ROUTING}.WaitIntervalInSeconds",
        *(f"{_ROUTING}.CanarySize.{f}" for f in _SIZE),
        *(f"{_ROUTING}.LinearStepSize.{f}" for f in _SIZE),
        f"{_BLUE_GREEN}.TerminationWaitInSeconds",
        f"{_BLUE_GREEN}.MaximumExecutionTimeoutInSeconds",
        *(f"{_ROLLING}.MaximumBatchSize.{f}" for f in _SIZE),
        f"{_ROLLING}.WaitIntervalInSeconds",
        f"{_ROLLING}.MaximumExecutionTimeoutInSeconds",
        *(f"{_ROLLING}.RollbackMaximumBatchSize.{f}" for f in _SIZE),
        "DeploymentConfig.AutoRollbackConfiguration.Alarms",
        "DeploymentConfig.AutoRollbackConfiguration.Alarms[].AlarmName",
        *_TAGS,
    ),
    # Adapter inference components (inference_component_adapter.py).
    ("sagemaker", "CreateInferenceComponent"): (
        "InferenceComponentName",
        "Specification.BaseInferenceComponentName",
        "Specification.Container.ArtifactUrl",
        *_TAGS,
    ),
    ("application-autoscaling", "RegisterScalableTarget"): ("MinCapacity", "MaxCapacity"),
    ("application-autoscaling", "PutScalingPolicy"): (
        "PolicyName",
        f"{_STEP}.AdjustmentType",
        f"{_STEP}.Cooldown",
        f"{_STEP}.MinAdjustmentMagnitude",
        f"{_STEP}.MetricAggregationType",
        f"{_STEP}.StepAdjustments[].ScalingAdjustment",
        f"{_STEP}.StepAdjustments[].MetricIntervalLowerBound",
        f"{_STEP}.StepAdjustments[].MetricIntervalUpperBound",
        f"{_TRACK}.TargetValue",
        f"{_TRACK}.ScaleInCooldown",
        f"{_TRACK}.ScaleOutCooldown",
        f"{_TRACK}.DisableScaleIn",
        f"{_TRACK}.PredefinedMetricSpecification.PredefinedMetricType",
        f"{_TRACK}.CustomizedMetricSpecification.Statistic",
    ),
    ("application-autoscaling", "PutScheduledAction"): (
        "Schedule",
        "Timezone",
        "ScalableTargetAction.MinCapacity",
        "ScalableTargetAction.MaxCapacity",
    ),
    ("cloudwatch", "PutMetricAlarm"): (
        "AlarmName",
        "AlarmDescription",
        "ActionsEnabled",
        "OKActions",
        "OKActions[]",
        "AlarmActions",
        "AlarmActions[]",
        "InsufficientDataActions",
        "InsufficientDataActions[]",
        *_ALARM_METRIC,
        "Statistic",
        "Period",
        "Unit",
        "EvaluationPeriods",
        "DatapointsToAlarm",
        "Threshold",
        "ComparisonOperator",
        "TreatMissingData",
        "Metrics[].Id",
        "Metrics[].Expression",
        "Metrics[].Label",
        *(f"Metrics[].MetricStat.Metric.{f}" for f in _ALARM_METRIC),
        "Metrics[].MetricStat.Unit",
        *_TAGS,
    ),
    ("iam", "CreateRole"): ("Description", *_TAGS),
}

# Unicode separators (category Z: Zs, Zl, Zp), what Java's \p{Z} matches.
_SEPARATORS = r"\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_CLASS_WITH_PROPERTY = re.compile(r"\[((?:[^\]\\]|\\.)*?\\p\{[A-Za-z]+\}(?:[^\]\\]|\\.)*)\]")


def python_pattern(java: str) -> str:
    """The Python ``re`` equivalent of a botocore (Java) pattern, for the constructs used."""
    pattern = java.replace(r"\uD800\uDC00-\uDBFF\uDFFF", r"\U00010000-\U0010ffff")
    pattern = pattern.replace(r"\p{Print}", r"[\x20-\x7e]")

    def translate(match: re.Match[str]) -> str:
        body = match.group(1)
        properties = set(re.findall(r"\\p\{([A-Za-z]+)\}", body))
        rest = re.sub(r"\\p\{[A-Za-z]+\}", "", body)
        unknown = properties - {"L", "N", "Z"}
        if unknown or ("L" in properties) != ("N" in properties):
            raise SystemExit(f"cannot translate Unicode properties {sorted(properties)} in {java}")
        extra = rest + (_SEPARATORS if "Z" in properties else "")
        return r"(?:[^\W_]" + (f"|[{extra}]" if extra else "") + ")"

    pattern = _CLASS_WITH_PROPERTY.sub(translate, pattern)
    if r"\p{" in pattern:
        raise SystemExit(f"cannot translate the pattern {java}")
    re.compile(pattern)
    return pattern


def _member(shape: Any, step: str) -> Any:
    name, _, suffix = step.partition("[")
    name, _, kind = name.partition("{")
    shape = shape.members[name] if name else shape
    if kind == "key}":
        return shape.key
    if kind == "value}":
        return shape.value
    if suffix == "]":
        return shape.member
    return shape


def _rule(shape: Any) -> dict[str, Any]:
    rule: dict[str, Any] = {"type": shape.type_name}
    meta = shape.metadata
    for key in ("min", "max"):
        if key in meta:
            rule[key] = meta[key]
    if "pattern" in meta:
        rule["pattern"] = meta["pattern"]
        regex = python_pattern(meta["pattern"])
        if regex != meta["pattern"]:
            rule["regex"] = regex
    enum = getattr(shape, "enum", None)
    if enum:
        rule["enum"] = tuple(enum)
    return rule


def rules() -> dict[str, dict[str, Any]]:
    """The rule of every field in :data:`FIELDS`, from the installed botocore."""
    session = botocore.session.get_session()
    table: dict[str, dict[str, Any]] = {}
    for (service, operation), fields in FIELDS.items():
        model = session.get_service_model(service)
        root = model.operation_model(operation).input_shape
        for field in fields:
            shape = root
            for step in re.findall(r"[A-Za-z0-9]*(?:\[\]|\{key\}|\{value\})?", field):
                if step:
                    shape = _member(shape, step)
            table[f"{service}.{operation}.{field}"] = _rule(shape)
    return table


def _literal(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, tuple):
        return "(" + ", ".join(_literal(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    return repr(value)


def render_rules() -> str:
    """The text of ``_aws_rules.py``."""
    lines = [
        f'"""AWS request-field rules, generated from botocore {botocore.__version__}.',
        "",
        "Do not edit: run ``scripts/gen_aws_rules.py``. One entry per request field the package",
        "renders: ``type`` (botocore's), ``min``/``max`` (length of a string, size of a list or",
        "map, or value of a number), ``pattern`` (AWS's, matched against the whole value),",
        "``regex`` (its Python translation, when they differ) and ``enum``.",
        '"""',
        "",
        "# ruff: noqa: E501",
        "from __future__ import annotations",
        "",
        "from typing import Any",
        "",
        f'BOTOCORE_VERSION = "{botocore.__version__}"',
        "",
        "# fmt: off",
        "RULES: dict[str, dict[str, Any]] = {",
    ]
    for path, rule in rules().items():
        body = ", ".join(f"{k!r}: {_literal(v)}" for k, v in rule.items())
        lines.append(f"    {path!r}: {{{body}}},")
    lines += ["}", "# fmt: on", ""]
    return "\n".join(lines)


def _constant(instance_type: str) -> str:
    return re.sub(r"[^A-Z0-9]", "_", instance_type.removeprefix("ml.").upper())


def render_instance_types() -> str:
    """The text of ``_instance_type_names.py``."""
    session = botocore.session.get_session()
    enum = session.get_service_model("sagemaker").shape_for("ProductionVariantInstanceType").enum
    names = sorted(enum, key=lambda t: (t.split(".")[1], _size_key(t)))
    lines = [
        f'"""SageMaker hosting instance types, generated from botocore {botocore.__version__}.',
        "",
        "Do not edit: run ``scripts/gen_aws_rules.py``. The source is the SageMaker API's",
        "``ProductionVariantInstanceType`` enum (what ``CreateEndpointConfig`` accepts).",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "",
        "class HostingInstanceTypes:",
        '    """Every SageMaker hosting instance type as a constant: ``M5_LARGE = "ml.m5.large"``."""',  # noqa: E501
        "",
    ]
    lines += [f'    {_constant(t)} = "{t}"' for t in names]
    lines += [
        "",
        "",
        "#: Every instance type SageMaker hosting accepts.",
        "HOSTING_INSTANCE_TYPES: frozenset[str] = frozenset(",
        "    {",
        *(f'        "{t}",' for t in names),
        "    }",
        ")",
        "",
    ]
    return "\n".join(lines)


def _size_key(instance_type: str) -> tuple[int, str]:
    size = instance_type.split(".")[-1]
    order = {"medium": 0, "large": 1, "xlarge": 2}
    if size in order:
        return (order[size], size)
    digits = re.match(r"\d+", size)
    return (int(digits.group()) + 2 if digits else 999, size)


def main() -> int:
    """Write (or with ``--check`` compare) the generated modules."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    stale = []
    for path, text in ((RULES_PATH, render_rules()), (TYPES_PATH, render_instance_types())):
        if args.check:
            if not path.exists() or path.read_text() != text:
                stale.append(path.name)
        else:
            path.write_text(text)
    if stale:
        print(f"out of date with botocore {botocore.__version__}: {', '.join(stale)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
