"""Summaries of an emulated stack: resource tree and live endpoint state (the diagram: _diagram)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .emulator import AwsEmulator
from .recorder import Registration

Json = dict[str, Any]

_KEY_OUTPUTS = ("name", "arn", "bucket", "key", "repositoryUrl", "digest", "keyId")


def resource_tree(registrations: list[Registration]) -> list[Json]:
    """Nest registrations under their parents: ``[{type, name, outputs, children}]``."""
    nodes: dict[str, Json] = {
        r.urn: {
            "type": r.type,
            "name": r.name,
            "outputs": {k: r.outputs[k] for k in _KEY_OUTPUTS if r.outputs.get(k)},
            "children": [],
        }
        for r in registrations
    }
    roots: list[Json] = []
    for r in registrations:
        parent = nodes.get(r.parent)
        siblings: list[Json] = parent["children"] if parent is not None else roots
        siblings.append(nodes[r.urn])
    # Registrations arrive in RPC completion order; show them in data-flow order instead, so
    # the same program always prints the same tree.
    for node in [*nodes.values(), {"children": roots}]:
        node["children"].sort(key=lambda n: (_flow_rank(n["type"]), n["name"]))
    return roots


_TREE_ORDER = (
    "aws:iam/role:Role",
    "aws:iam/",
    "aws:kms/",
    "aws:s3/bucket:Bucket",
    "aws:s3/",
    "aws:ecr/",
    "docker-build:",
    "sagemaker-hosting:index:Model",
    "aws:sagemaker/model:",
    "sagemaker-hosting:index:EndpointConfig",
    "aws:sagemaker/endpointConfiguration:",
    "sagemaker-hosting:index:Endpoint",
    "aws:sagemaker/endpoint:",
    "sagemaker-hosting:index:Scalable",
    "aws:appautoscaling/target:",
    "aws:appautoscaling/",
    "aws:cloudwatch/",
    "aws:sns/",
)


def _flow_rank(type_: str) -> int:
    return next(
        (i for i, prefix in enumerate(_TREE_ORDER) if type_.startswith(prefix)),
        len(_TREE_ORDER),
    )


def endpoint_summaries(emulator: AwsEmulator, registrations: list[Registration]) -> list[Json]:
    """The live state of every endpoint the program created, with its scaling and alarms."""
    summaries = []
    alarms = sorted(emulator.alarms(), key=lambda a: str(a["AlarmName"]))
    targets = sorted(emulator.scalable_targets(), key=lambda t: str(t["ResourceId"]))
    policies = sorted(emulator.scaling_policies(), key=lambda p: str(p["PolicyName"]))
    actions = sorted(emulator.scheduled_actions(), key=lambda a: str(a["ScheduledActionName"]))
    for reg in registrations:
        if reg.type != "aws:sagemaker/endpoint:Endpoint" or not reg.outputs.get("name"):
            continue
        name = str(reg.outputs["name"])
        live = emulator.describe_endpoint(name)
        config = emulator.describe_endpoint_config(str(live["EndpointConfigName"]))
        components = [
            emulator.describe_inference_component(ic)
            for ic in emulator.inference_components()
            if emulator.describe_inference_component(ic)["EndpointName"] == name
        ]
        # Scaling of the endpoint's variants and of its inference components.
        prefixes = (
            f"endpoint/{name}/variant/",
            *(f"inference-component/{c['InferenceComponentName']}" for c in components),
        )
        owned = {name, *(str(c["InferenceComponentName"]) for c in components)}
        summaries.append(
            {
                "name": name,
                "arn": live["EndpointArn"],
                "status": live["EndpointStatus"],
                "config": live["EndpointConfigName"],
                "variants": [_variant(v, live) for v in config["ProductionVariants"]],
                "inference_components": [_component(c) for c in components],
                "scaling_targets": [
                    {
                        "resource_id": t["ResourceId"],
                        "dimension": t["ScalableDimension"],
                        "min": t["MinCapacity"],
                        "max": t["MaxCapacity"],
                    }
                    for t in targets
                    if t["ResourceId"].startswith(prefixes)
                ],
                "scaling_policies": [
                    _policy(p) for p in policies if p["ResourceId"].startswith(prefixes)
                ],
                "scheduled_actions": [
                    {"name": a["ScheduledActionName"], "schedule": a["Schedule"]}
                    for a in actions
                    if a["ResourceId"].startswith(prefixes)
                ],
                "alarms": [
                    _alarm(a)
                    for a in alarms
                    if owned
                    & set(_strings(a.get("Dimensions", [])) + _strings(a.get("Metrics", [])))
                ],
                # AWS's own shapes (DescribeEndpoint / DescribeEndpointConfig), None when unset.
                "deployment": live.get("DeploymentConfig") or None,
                "async_inference": config.get("AsyncInferenceConfig") or None,
                "data_capture": config.get("DataCaptureConfig") or None,
            }
        )
    return summaries


def _policy(policy: Json) -> Json:
    """A scaling policy with its target (target tracking) or its steps (step scaling)."""
    out: Json = {"name": policy["PolicyName"], "type": policy["PolicyType"]}
    tracking = policy.get("TargetTrackingScalingPolicyConfiguration")
    if tracking:
        predefined = tracking.get("PredefinedMetricSpecification") or {}
        custom = tracking.get("CustomizedMetricSpecification") or {}
        out["target"] = {
            "value": tracking.get("TargetValue"),
            "metric": predefined.get("PredefinedMetricType") or custom.get("MetricName"),
            "scale_in_cooldown": tracking.get("ScaleInCooldown"),
            "scale_out_cooldown": tracking.get("ScaleOutCooldown"),
            "disable_scale_in": tracking.get("DisableScaleIn", False),
        }
    steps = policy.get("StepScalingPolicyConfiguration")
    if steps:
        out["steps"] = {
            "adjustment_type": steps.get("AdjustmentType"),
            "cooldown": steps.get("Cooldown"),
            "aggregation": steps.get("MetricAggregationType"),
            "min_adjustment_magnitude": steps.get("MinAdjustmentMagnitude"),
            "intervals": [
                {
                    "lower": s.get("MetricIntervalLowerBound"),
                    "upper": s.get("MetricIntervalUpperBound"),
                    "adjustment": s["ScalingAdjustment"],
                }
                for s in steps.get("StepAdjustments", [])
            ],
        }
    out["arn"] = policy["PolicyARN"]
    return out


def _alarm(alarm: Json) -> Json:
    """An alarm's metric, statistic, period, threshold and evaluation settings."""
    return {
        "name": alarm["AlarmName"],
        "metric": alarm.get("MetricName") or "metric math",
        "statistic": alarm.get("ExtendedStatistic") or alarm.get("Statistic"),
        "period": alarm.get("Period"),
        "comparison": alarm.get("ComparisonOperator"),
        "threshold": alarm.get("Threshold"),
        "evaluation_periods": alarm.get("EvaluationPeriods"),
        "datapoints_to_alarm": alarm.get("DatapointsToAlarm"),
        "treat_missing_data": alarm.get("TreatMissingData"),
        "arn": alarm["AlarmArn"],
    }


def _variant(variant: Json, live: Json) -> Json:
    current = {v["VariantName"]: v for v in live.get("ProductionVariants", [])}.get(
        variant["VariantName"], {}
    )
    out: Json = {
        "name": variant["VariantName"],
        "model": variant.get("ModelName"),
        "instance_type": variant.get("InstanceType"),
        "instance_count": current.get("CurrentInstanceCount", variant.get("InitialInstanceCount")),
        # AWS defaults InitialVariantWeight to 1.0; moto reports nothing when it was omitted.
        "weight": current.get("CurrentWeight", variant.get("InitialVariantWeight", 1.0)),
    }
    if variant.get("ServerlessConfig"):
        out["serverless"] = variant["ServerlessConfig"]
    settings = _variant_settings(variant)
    if settings:
        out["settings"] = settings
    return out


#: The variant settings a reviewer checks, by the ProductionVariant member that holds them
#: (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html).
_SETTINGS = (
    "RoutingConfig",
    "ManagedInstanceScaling",
    "InferenceAmiVersion",
    "EnableSSMAccess",
    "CoreDumpConfig",
)


def _variant_settings(variant: Json) -> Json:
    """The variant's routing, managed instance bounds, AMI, SSM access and core dumps, as given."""
    return {key: variant[key] for key in _SETTINGS if variant.get(key) is not None}


def _component(component: Json) -> Json:
    spec = component.get("Specification") or {}
    summary = {
        "name": component["InferenceComponentName"],
        "variant": component["VariantName"],
        "model": spec.get("ModelName"),
        # An adapter has no copies of its own (it runs on its base's).
        "copies": (component.get("RuntimeConfig") or {}).get("CurrentCopyCount"),
        "status": component["InferenceComponentStatus"],
        "compute": spec.get("ComputeResourceRequirements", {}),
    }
    if spec.get("BaseInferenceComponentName"):
        summary["base"] = spec["BaseInferenceComponentName"]
        summary["artifact"] = (spec.get("Container") or {}).get("ArtifactUrl")
    return summary


def _strings(value: Any) -> list[str]:
    """Every string inside ``value``, at any depth."""
    return list(_walk_strings(value))


def _walk_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _walk_strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _walk_strings(item)
