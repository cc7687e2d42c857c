"""Emulator handlers for SageMaker hosting, Application Auto Scaling and CloudWatch alarms."""

from __future__ import annotations

import re
from typing import Any

from pulumi.runtime.mocks import MockResourceArgs

from .. import _cron
from .._statistics import is_extended_statistic, is_statistic
from . import _emulator_inference_components
from ._emulator_core import Backend, EmulatorError, Json
from ._emulator_handlers import Handler, auto_name, check_alarm_actions, where, without

_SM_NAME_LIMIT = 63
#: SageMaker's pattern for model, endpoint-config and endpoint names (botocore has none).
_SM_NAME = re.compile(r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")
_VARIANT_ID = re.compile(r"^endpoint/(?P<endpoint>[^/]+)/variant/(?P<variant>[^/]+)$")
_COMPONENT_ID = re.compile(r"^inference-component/(?P<name>[^/]+)$")


def _sagemaker_name(args: MockResourceArgs, inputs: Json, field: str) -> str:
    """The physical name, refused as SageMaker refuses a name off its pattern."""
    name = auto_name(args, inputs, _SM_NAME_LIMIT)
    if not _SM_NAME.match(name):
        raise EmulatorError(
            *where(args),
            "ValidationException",
            f"Value {name!r} at {field!r} failed to satisfy constraint: Member must satisfy "
            f"regular expression pattern: {_SM_NAME.pattern}",
        )
    return name


def model(be: Backend, args: MockResourceArgs, inputs: Json) -> tuple[str, Json]:
    """CreateModel."""
    name = _sagemaker_name(args, inputs, "modelName")
    body = {**without(inputs, "name", "region"), "modelName": name}
    request = be.shape("sagemaker", "CreateModel", body, where(args))
    _check_containers(args, request)
    response = be.send(
        where(args), "sagemaker", "CreateModel", request, inputs.get("region"), key=name
    )
    return name, {"name": name, "arn": response["ModelArn"]}


def _check_containers(args: MockResourceArgs, request: Json) -> None:
    """CreateModel's rules across fields that botocore's model cannot express."""
    containers = [request["PrimaryContainer"]] if request.get("PrimaryContainer") else []
    containers += request.get("Containers") or []
    for container in containers:
        source = (container.get("ModelDataSource") or {}).get("S3DataSource") or {}
        if source.get("ModelAccessConfig") and source.get("CompressionType") != "None":
            # https://docs.aws.amazon.com/sagemaker/latest/dg/large-model-inference-uncompressed.html
            raise EmulatorError(
                *where(args),
                "ValidationException",
                "ModelAccessConfig is only supported for uncompressed model data "
                "(CompressionType None)",
            )
        access = (container.get("ImageConfig") or {}).get("RepositoryAccessMode")
        if access == "Vpc" and not request.get("VpcConfig"):
            # https://docs.aws.amazon.com/sagemaker/latest/dg/your-algorithms-containers-inference-private.html
            raise EmulatorError(
                *where(args),
                "ValidationException",
                "an image with RepositoryAccessMode Vpc needs the model's VpcConfig",
            )
        if container.get("Mode") == "MultiModel" and not container.get("ModelDataUrl"):
            raise EmulatorError(
                *where(args),
                "ValidationException",
                "a MultiModel container needs ModelDataUrl (the S3 prefix of its models)",
            )


def endpoint_configuration(be: Backend, args: MockResourceArgs, inputs: Json) -> tuple[str, Json]:
    """CreateEndpointConfig, after checking that every variant's model exists."""
    name = _sagemaker_name(args, inputs, "endpointConfigName")
    body = without(inputs, "name", "namePrefix", "region", "kmsKeyArn")
    body["endpointConfigName"] = name
    if inputs.get("kmsKeyArn"):
        body["kmsKeyId"] = inputs["kmsKeyArn"]  # pulumi_aws renames KmsKeyId
    for group in ("productionVariants", "shadowProductionVariants"):
        variants = [dict(v) for v in body.get(group) or []]
        for i, variant in enumerate(variants):
            # pulumi_aws fills in a variant name when none is given; so do we.
            variant.setdefault("variantName", f"variant-{i + 1}")
            _check_model_exists(be, args, variant, inputs.get("region"))
        if group in body:
            body[group] = variants
    _check_serverless_exclusions(be, args, body)
    request = be.shape("sagemaker", "CreateEndpointConfig", body, where(args))
    _check_routing(args, request)
    response = be.send(
        where(args), "sagemaker", "CreateEndpointConfig", request, inputs.get("region"), key=name
    )
    return name, {"name": name, "arn": response["EndpointConfigArn"]}


_PREFIX_AWARE = (
    "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_PrefixAwareRoutingConfig.html"
)


def _check_routing(args: MockResourceArgs, request: Json) -> None:
    """Refuse ``PREFIX_AWARE`` routing without its ``PrefixAwareRoutingConfig``.

    AWS requires ``PrefixLength`` and ``ConcurrencyThreshold`` with that strategy
    (_PREFIX_AWARE); moto stores the strategy alone.
    """
    for group in ("ProductionVariants", "ShadowProductionVariants"):
        for variant in request.get(group) or []:
            routing = variant.get("RoutingConfig") or {}
            prefix = routing.get("PrefixAwareRoutingConfig") or {}
            if routing.get("RoutingStrategy") == "PREFIX_AWARE" and not (
                prefix.get("PrefixLength") and prefix.get("ConcurrencyThreshold")
            ):
                raise EmulatorError(
                    *where(args),
                    "ValidationException",
                    f"variant {variant.get('VariantName')!r}: RoutingStrategy PREFIX_AWARE "
                    "requires PrefixAwareRoutingConfig with PrefixLength and "
                    f"ConcurrencyThreshold ({_PREFIX_AWARE})",
                )


_SERVERLESS_EXCLUSIONS = "https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html"


def _check_serverless_exclusions(be: Backend, args: MockResourceArgs, body: Json) -> None:
    """Refuse what serverless inference does not support (its "feature exclusions").

    Checked here: several production variants, data capture, and a model with network
    isolation, a VPC configuration or several containers (an inference pipeline). moto
    accepts all of them; AWS does not (_SERVERLESS_EXCLUSIONS).
    """
    variants = body.get("productionVariants") or []
    serverless = [v for v in variants if v.get("serverlessConfig")]
    if not serverless:
        return
    problems: list[str] = []
    if len(variants) > 1:
        problems.append(
            f"a serverless endpoint config holds exactly one production variant, got "
            f"{len(variants)}"
        )
    if body.get("dataCaptureConfig"):
        problems.append("DataCaptureConfig is not supported for serverless endpoints")
    for variant in serverless:
        sent = be.sent.get(("CreateModel", str(variant.get("modelName"))), {})
        if sent.get("EnableNetworkIsolation"):
            problems.append(f"model {variant.get('modelName')!r} has network isolation")
        if sent.get("VpcConfig"):
            problems.append(f"model {variant.get('modelName')!r} has a VpcConfig")
        if len(sent.get("Containers") or []) > 1:
            problems.append(
                f"model {variant.get('modelName')!r} has {len(sent['Containers'])} containers"
            )
    if problems:
        raise EmulatorError(
            *where(args),
            "ValidationException",
            "serverless inference does not support this: "
            + "; ".join(problems)
            + f" (feature exclusions: {_SERVERLESS_EXCLUSIONS})",
        )


def _check_model_exists(
    be: Backend, args: MockResourceArgs, variant: Json, region: str | None
) -> None:
    model_name = variant.get("modelName")
    if not model_name:
        return  # inference-component variants carry no model
    try:
        be.send(where(args), "sagemaker", "DescribeModel", {"ModelName": model_name}, region)
    except EmulatorError:
        raise EmulatorError(
            *where(args),
            "ValidationException",
            f"Could not find model '{model_name}' named by production variant "
            f"'{variant.get('variantName')}'",
        ) from None


def endpoint(be: Backend, args: MockResourceArgs, inputs: Json) -> tuple[str, Json]:
    """CreateEndpoint (its config must exist), then make sure it reads InService."""
    name = _sagemaker_name(args, inputs, "endpointName")
    region = inputs.get("region")
    config = inputs.get("endpointConfigName")
    try:
        be.send(
            where(args),
            "sagemaker",
            "DescribeEndpointConfig",
            {"EndpointConfigName": config},
            region,
        )
    except EmulatorError:
        raise EmulatorError(
            *where(args),
            "ValidationException",
            f"Could not find endpoint configuration '{config}'",
        ) from None
    body = {**without(inputs, "name", "region"), "endpointName": name}
    request = be.shape("sagemaker", "CreateEndpoint", body, where(args))
    response = be.send(where(args), "sagemaker", "CreateEndpoint", request, region, key=name)
    # Pulumi waits for InService before it reports the endpoint created. moto 5.2 creates it
    # InService already; should a version leave it Creating, finish the transition here.
    state = be.send(where(args), "sagemaker", "DescribeEndpoint", {"EndpointName": name}, region)
    if state.get("EndpointStatus") != "InService":
        be.moto_backend("sagemaker", region).endpoints[name].endpoint_status = "InService"
    return name, {"name": name, "arn": response["EndpointArn"]}


def scalable_target(be: Backend, args: MockResourceArgs, inputs: Json) -> tuple[str, Json]:
    """RegisterScalableTarget, after checking the endpoint variant it names exists."""
    region = inputs.get("region")
    resource_id = str(inputs.get("resourceId"))
    _check_variant_exists(be, args, resource_id, region)
    body = without(inputs, "region")
    request = be.shape("application-autoscaling", "RegisterScalableTarget", body, where(args))
    response = be.send(
        where(args), "application-autoscaling", "RegisterScalableTarget", request, region
    )
    found = be.send(
        where(args),
        "application-autoscaling",
        "DescribeScalableTargets",
        {
            "ServiceNamespace": request["ServiceNamespace"],
            "ResourceIds": [resource_id],
            "ScalableDimension": request["ScalableDimension"],
        },
        region,
    )["ScalableTargets"]
    arn = response.get("ScalableTargetARN") or (found[0].get("ScalableTargetARN") if found else "")
    role = found[0].get("RoleARN") if found else None
    return resource_id, {"arn": arn, "roleArn": role or inputs.get("roleArn") or ""}


def _check_variant_exists(
    be: Backend, args: MockResourceArgs, resource_id: str, region: str | None
) -> None:
    component = _COMPONENT_ID.match(resource_id)
    if component is not None:
        if not _emulator_inference_components.exists(be, component["name"]):
            raise EmulatorError(
                *where(args),
                "ValidationException",
                f"resourceId {resource_id!r} names inference component '{component['name']}', "
                "which does not exist",
            )
        return
    match = _VARIANT_ID.match(resource_id)
    if match is None:
        return  # not a SageMaker hosting resource id
    endpoint_name, variant = match["endpoint"], match["variant"]
    try:
        state = be.send(
            where(args), "sagemaker", "DescribeEndpoint", {"EndpointName": endpoint_name}, region
        )
    except EmulatorError:
        raise EmulatorError(
            *where(args),
            "ValidationException",
            f"resourceId {resource_id!r} names endpoint '{endpoint_name}', which does not exist",
        ) from None
    variants = [v["VariantName"] for v in state.get("ProductionVariants", [])]
    if variant not in variants:
        raise EmulatorError(
            *where(args),
            "ValidationException",
            f"resourceId {resource_id!r} names variant '{variant}', but endpoint "
            f"'{endpoint_name}' has variants {variants}",
        )


def scaling_policy(be: Backend, args: MockResourceArgs, inputs: Json) -> tuple[str, Json]:
    """PutScalingPolicy (target tracking or step scaling)."""
    name = auto_name(args, inputs, 256)
    body = {**without(inputs, "name", "region"), "policyName": name}
    request = be.shape("application-autoscaling", "PutScalingPolicy", body, where(args))
    response = be.send(
        where(args), "application-autoscaling", "PutScalingPolicy", request, inputs.get("region")
    )
    alarms = [a["AlarmARN"] for a in response.get("Alarms", [])]
    return name, {"name": name, "arn": response["PolicyARN"], "alarmArns": alarms}


def scheduled_action(be: Backend, args: MockResourceArgs, inputs: Json) -> tuple[str, Json]:
    """PutScheduledAction; the ARN is read back (the API does not return it)."""
    name = auto_name(args, inputs, 256)
    region = inputs.get("region")
    # moto stores any schedule; Application Auto Scaling refuses what the package's grammar
    # refuses (the rules and their pages: pulumi_sagemaker_hosting/_cron.py).
    found = _cron.problems(inputs.get("schedule"))
    if found:
        raise EmulatorError(args.typ, args.name, "ValidationException", f"schedule {found[0]}")
    body = {**without(inputs, "name", "region"), "scheduledActionName": name}
    request = be.shape("application-autoscaling", "PutScheduledAction", body, where(args))
    be.send(where(args), "application-autoscaling", "PutScheduledAction", request, region)
    found = be.send(
        where(args),
        "application-autoscaling",
        "DescribeScheduledActions",
        {"ServiceNamespace": request["ServiceNamespace"], "ScheduledActionNames": [name]},
        region,
    )["ScheduledActions"]
    return name, {"name": name, "arn": found[0]["ScheduledActionARN"] if found else ""}


_TREAT_MISSING_DATA = ("breaching", "notBreaching", "ignore", "missing")


def metric_alarm(be: Backend, args: MockResourceArgs, inputs: Json) -> tuple[str, Json]:
    """PutMetricAlarm, simple (``dimensions`` dict) or metric-math (``metricQueries``) form."""
    name = auto_name(args, inputs, 255)
    region = inputs.get("region")
    if re.search(r"[\x00-\x1f\x7f]", name):
        # PutMetricAlarm: the name "can't contain ASCII control characters" (moto allows them).
        # https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
        raise EmulatorError(
            args.typ,
            args.name,
            "ValidationError",
            f"alarmName must not contain ASCII control characters, got {name!r}",
        )
    for field in ("alarmActions", "okActions", "insufficientDataActions"):
        check_alarm_actions(args, field, inputs.get(field) or [])
    # botocore has no enum for TreatMissingData; CloudWatch accepts exactly these (case matters).
    treat = inputs.get("treatMissingData")
    if treat is not None and treat not in _TREAT_MISSING_DATA:
        raise EmulatorError(
            args.typ,
            args.name,
            "ValidationError",
            f"treatMissingData must be one of {', '.join(_TREAT_MISSING_DATA)}, got {treat!r}",
        )
    _check_statistics(args, inputs)
    body = without(inputs, "name", "region", "metricQueries", "evaluateLowSampleCountPercentiles")
    body["alarmName"] = name
    if inputs.get("evaluateLowSampleCountPercentiles"):
        body["evaluateLowSampleCountPercentile"] = inputs["evaluateLowSampleCountPercentiles"]
    if inputs.get("metricQueries"):
        body["metrics"] = [_metric_query(q) for q in inputs["metricQueries"]]
    request = be.shape("cloudwatch", "PutMetricAlarm", body, where(args))
    be.send(where(args), "cloudwatch", "PutMetricAlarm", request, region, key=name)
    found = be.send(where(args), "cloudwatch", "DescribeAlarms", {"AlarmNames": [name]}, region)
    arns = [a["AlarmArn"] for a in found.get("MetricAlarms", [])]
    return name, {"name": name, "arn": arns[0] if arns else ""}


def _check_statistics(args: MockResourceArgs, inputs: Json) -> None:
    """Refuse a statistic CloudWatch refuses (the API model has no pattern for it).

    The grammar: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html
    """
    found: list[tuple[str, Any, bool]] = [
        ("extendedStatistic", inputs.get("extendedStatistic"), True)
    ]
    for i, query in enumerate(inputs.get("metricQueries") or []):
        stat = (query.get("metric") or {}).get("stat")
        found.append((f"metricQueries[{i}].metric.stat", stat, False))
    for field, value, extended_only in found:
        if value is None:
            continue
        ok = isinstance(value, str) and (
            is_extended_statistic(value) if extended_only else is_statistic(value)
        )
        if not ok:
            raise EmulatorError(
                *where(args),
                "InvalidParameterValue",
                f"The value {value!r} for parameter {field} is not supported.",
            )


def _metric_query(query: dict[str, Any]) -> Json:
    # pulumi_aws flattens MetricStat{Metric{...}, Period, Stat, Unit} into one `metric` block.
    out = without(query, "metric")
    metric = query.get("metric")
    if metric:
        out["metricStat"] = {
            "metric": without(metric, "period", "stat", "unit"),
            **{k: metric[k] for k in ("period", "stat", "unit") if k in metric},
        }
    return out


HANDLERS: dict[str, Handler] = {
    "aws:sagemaker/model:Model": model,
    "aws:sagemaker/endpointConfiguration:EndpointConfiguration": endpoint_configuration,
    "aws:sagemaker/endpoint:Endpoint": endpoint,
    "aws:appautoscaling/target:Target": scalable_target,
    "aws:appautoscaling/policy:Policy": scaling_policy,
    "aws:appautoscaling/scheduledAction:ScheduledAction": scheduled_action,
    "aws:cloudwatch/metricAlarm:MetricAlarm": metric_alarm,
}
