"""Variant metrics and CloudWatch alarms (issue 5, the spec's Metrics section, CDK 1.21/3.6/5.2)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

import pulumi_aws as aws
import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting import (
    InvocationHttpResponseCode,
    MathExpression,
    Metric,
    ValidationError,
)
from pulumi_sagemaker_hosting.testing import RecordingMonitor, run

MakeModel = Callable[[str], sm.Model]

ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"
AWS_SAGEMAKER = "AWS/SageMaker"
ENDPOINT_INSTANCES = "/aws/sagemaker/Endpoints"
STACK_URN = "urn:pulumi:stack::project::pulumi:pulumi:Stack::project-stack"


def imported_model(name: str = "model") -> sm.ModelReference:
    """An existing model: no registrations, so the tests stay fast."""
    return sm.Model.from_model_name(name)


def build_endpoint(model: sm.ModelReference | None = None) -> sm.Endpoint:
    config = sm.EndpointConfig(
        "cfg",
        instance_production_variants=[
            sm.InstanceProductionVariant(
                model=model or imported_model(), variant_name="main", instance_type="ml.m5.large"
            )
        ],
    )
    return sm.Endpoint("ep", endpoint_config=config)


def variant_of() -> sm.EndpointProductionVariant:
    return build_endpoint().find_production_variant("main")


def endpoint_name(rec: RecordingMonitor) -> str:
    """The generated name OUTPUT of the aws endpoint resource (not the logical name)."""
    name = rec.named("ep-endpoint").outputs["name"]
    assert isinstance(name, str) and name.startswith("ep-endpoint-")
    return name


def dimensions(rec: RecordingMonitor) -> dict[str, str]:
    return {"EndpointName": endpoint_name(rec), "VariantName": "main"}


# (method, positional args, namespace, metric name, default statistic) -- cdk-alpha.md 1.21.
VARIANT_METRICS = [
    ("metric_invocations", (), AWS_SAGEMAKER, "Invocations", "Sum"),
    ("metric_invocations_per_instance", (), AWS_SAGEMAKER, "InvocationsPerInstance", "Sum"),
    ("metric_model_latency", (), AWS_SAGEMAKER, "ModelLatency", "Average"),
    ("metric_overhead_latency", (), AWS_SAGEMAKER, "OverheadLatency", "Average"),
    (
        "metric_invocation_response_code",
        (InvocationHttpResponseCode.INVOCATION_5XX_ERRORS,),
        AWS_SAGEMAKER,
        "Invocation5XXErrors",
        "Sum",
    ),
    (
        "metric_invocation_response_code",
        (InvocationHttpResponseCode.INVOCATION_4XX_ERRORS,),
        AWS_SAGEMAKER,
        "Invocation4XXErrors",
        "Sum",
    ),
    ("metric_disk_utilization", (), ENDPOINT_INSTANCES, "DiskUtilization", "Average"),
    ("metric_cpu_utilization", (), ENDPOINT_INSTANCES, "CPUUtilization", "Average"),
    ("metric_memory_utilization", (), ENDPOINT_INSTANCES, "MemoryUtilization", "Average"),
    ("metric_gpu_utilization", (), ENDPOINT_INSTANCES, "GPUUtilization", "Average"),
    ("metric_gpu_memory_utilization", (), ENDPOINT_INSTANCES, "GPUMemoryUtilization", "Average"),
]
METRIC_IDS = [f"{row[0]}-{row[3]}" for row in VARIANT_METRICS]


@pytest.mark.parametrize(
    ("method", "args", "namespace", "metric_name", "statistic"), VARIANT_METRICS, ids=METRIC_IDS
)
def test_variant_metric_has_cdk_namespace_name_statistic_period_and_dimensions(
    rec: RecordingMonitor,
    method: str,
    args: tuple[Any, ...],
    namespace: str,
    metric_name: str,
    statistic: str,
) -> None:
    def program() -> None:
        endpoint = build_endpoint()
        metric = getattr(endpoint.find_production_variant("main"), method)(*args)
        assert isinstance(metric, Metric)
        assert (metric.namespace, metric.metric_name, metric.statistic) == (
            namespace,
            metric_name,
            statistic,
        )
        assert metric.period == 300
        assert metric.unit is None and metric.label is None
        assert list(metric.dimensions) == ["EndpointName", "VariantName"]
        assert metric.dimensions["EndpointName"] is endpoint.endpoint_name
        assert metric.dimensions["VariantName"] == "main"

    run(program)


# Threshold / evaluation periods of the CDK integ snapshot (cdk-alpha.md 5.2).
SNAPSHOT = {
    "Invocations": (1, 2),
    "InvocationsPerInstance": (4, 5),
    "ModelLatency": (7, 8),
    "OverheadLatency": (10, 11),
    "Invocation5XXErrors": (13, 14),
    "Invocation4XXErrors": (13, 14),
    "DiskUtilization": (16, 17),
    "CPUUtilization": (19, 20),
    "MemoryUtilization": (22, 23),
    "GPUUtilization": (25, 26),
    "GPUMemoryUtilization": (28, 29),
}


@pytest.mark.parametrize(
    ("method", "args", "namespace", "metric_name", "statistic"), VARIANT_METRICS, ids=METRIC_IDS
)
def test_variant_metric_alarm_matches_the_cdk_alarm_snapshot(
    rec: RecordingMonitor,
    method: str,
    args: tuple[Any, ...],
    namespace: str,
    metric_name: str,
    statistic: str,
) -> None:
    threshold, periods = SNAPSHOT[metric_name]

    def program() -> None:
        metric = getattr(variant_of(), method)(*args)
        metric.create_alarm(f"{metric_name}Alarm", threshold=threshold, evaluation_periods=periods)

    run(program)

    alarm = rec.named(f"ep-{metric_name}Alarm")
    assert alarm.type == ALARM
    assert alarm.parent == rec.named("ep").urn
    assert alarm.inputs == {
        "comparisonOperator": "GreaterThanOrEqualToThreshold",
        "dimensions": dimensions(rec),
        "evaluationPeriods": float(periods),
        "metricName": metric_name,
        "namespace": namespace,
        "period": 300.0,
        "statistic": statistic,
        "threshold": float(threshold),
    }


def test_spec_example_model_latency_alarm(rec: RecordingMonitor, make_model: MakeModel) -> None:
    def program() -> None:
        # The full stack (a new model with its role), as in the spec's example.
        endpoint = build_endpoint(make_model("model"))
        production_variant = endpoint.find_production_variant("main")
        production_variant.metric_model_latency().create_alarm(
            "ModelLatencyAlarm", threshold=100000, evaluation_periods=3
        )

    run(program)

    (alarm,) = rec.of_type(ALARM)
    assert alarm.name == "ep-ModelLatencyAlarm"
    assert alarm.parent_name == "ep"
    assert alarm.parent == rec.named("ep").urn
    assert alarm.inputs == {
        "comparisonOperator": "GreaterThanOrEqualToThreshold",
        "dimensions": {"EndpointName": endpoint_name(rec), "VariantName": "main"},
        "evaluationPeriods": 3.0,
        "metricName": "ModelLatency",
        "namespace": "AWS/SageMaker",
        "period": 300.0,
        "statistic": "Average",
        "threshold": 100000.0,
    }
    assert rec.named("ep-endpoint").urn in alarm.dependencies


def test_generic_metric_defaults_to_sum_and_takes_overrides(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        variant = variant_of()
        plain = variant.metric("Custom/Inference", "QueueDepth")
        assert (plain.namespace, plain.metric_name, plain.statistic, plain.period) == (
            "Custom/Inference",
            "QueueDepth",
            "Sum",
            300,
        )
        tuned = variant.metric(
            "Custom/Inference",
            "QueueDepth",
            statistic="Maximum",
            period=60,
            unit="Count",
            label="queue",
        )
        assert (tuned.statistic, tuned.period, tuned.unit, tuned.label) == (
            "Maximum",
            60,
            "Count",
            "queue",
        )
        assert list(tuned.dimensions) == ["EndpointName", "VariantName"]
        tuned.create_alarm("QueueDepthAlarm", threshold=10, evaluation_periods=2)

    run(program)

    assert rec.named("ep-QueueDepthAlarm").inputs == {
        "comparisonOperator": "GreaterThanOrEqualToThreshold",
        "dimensions": dimensions(rec),
        "evaluationPeriods": 2.0,
        "metricName": "QueueDepth",
        "namespace": "Custom/Inference",
        "period": 60.0,
        "statistic": "Maximum",
        "threshold": 10.0,
        "unit": "Count",
    }


@pytest.mark.parametrize(
    ("method", "args"),
    [(row[0], row[1]) for row in VARIANT_METRICS],
    ids=METRIC_IDS,
)
def test_metric_options_override_the_defaults(
    rec: RecordingMonitor, method: str, args: tuple[Any, ...]
) -> None:
    def program() -> None:
        metric = getattr(variant_of(), method)(*args, statistic="Minimum", period=60, label="mine")
        assert (metric.statistic, metric.period, metric.label) == ("Minimum", 60, "mine")
        assert metric.dimensions["VariantName"] == "main"

    run(program)


def test_response_code_metric_accepts_the_metric_name_string(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        metric = variant_of().metric_invocation_response_code("Invocation4XXErrors")
        assert (metric.metric_name, metric.statistic) == ("Invocation4XXErrors", "Sum")

    run(program)


# --- Metric.with_ -------------------------------------------------------------------------------

BASE = Metric(namespace="Custom", metric_name="Depth", dimensions={"Queue": "q1"})


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("namespace", "Other"),
        ("metric_name", "Width"),
        ("dimensions", {"Queue": "q2", "Shard": "1"}),
        ("statistic", "p99"),
        ("period", 60),
        ("unit", "Count"),
        ("label", "depth"),
    ],
)
def test_with_changes_one_field_and_leaves_the_original_alone(field: str, value: Any) -> None:
    changed = BASE.with_(**{field: value})
    assert getattr(changed, field) == value
    assert changed is not BASE
    assert dataclasses.replace(BASE, **{field: value}) == changed
    for other in ("namespace", "metric_name", "dimensions", "statistic", "period", "unit", "label"):
        if other != field:
            assert getattr(changed, other) == getattr(BASE, other)
    assert Metric(namespace="Custom", metric_name="Depth", dimensions={"Queue": "q1"}) == BASE


def test_with_rejects_unknown_fields() -> None:
    with pytest.raises(
        ValidationError, match=r"Metric 'Depth': statistics is not a Metric field"
    ) as caught:
        BASE.with_(statistics="Sum", period=60)
    assert len(caught.value.problems) == 1


def test_standalone_metric_defaults() -> None:
    assert (BASE.statistic, BASE.period, BASE.unit, BASE.label) == ("Average", 300, None, None)


# --- create_alarm -----------------------------------------------------------------------------


def test_create_alarm_renders_every_option(rec: RecordingMonitor) -> None:
    def program() -> None:
        topic = aws.sns.Topic("alerts")
        variant_of().metric_model_latency().create_alarm(
            "LatencyHigh",
            threshold=250.5,
            evaluation_periods=5,
            comparison_operator=">",
            datapoints_to_alarm=3,
            treat_missing_data="breaching",
            alarm_actions=[topic.arn],
            ok_actions=["arn:aws:sns:us-east-1:123456789012:ok"],
            insufficient_data_actions=["arn:aws:sns:us-east-1:123456789012:nodata"],
            alarm_description="model latency is high",
            alarm_name="latency-high",
            actions_enabled=False,
            tags={"team": "ml"},
        )

    run(program)

    alarm = rec.named("ep-LatencyHigh")
    assert alarm.parent == rec.named("ep").urn
    assert alarm.inputs == {
        "name": "latency-high",
        "comparisonOperator": "GreaterThanThreshold",
        "threshold": 250.5,
        "evaluationPeriods": 5.0,
        "datapointsToAlarm": 3.0,
        "treatMissingData": "breaching",
        "alarmActions": [rec.named("alerts").outputs["arn"]],
        "okActions": ["arn:aws:sns:us-east-1:123456789012:ok"],
        "insufficientDataActions": ["arn:aws:sns:us-east-1:123456789012:nodata"],
        "alarmDescription": "model latency is high",
        "actionsEnabled": False,
        "tags": {"team": "ml"},
        "dimensions": dimensions(rec),
        "metricName": "ModelLatency",
        "namespace": "AWS/SageMaker",
        "period": 300.0,
        "statistic": "Average",
    }
    assert rec.named("alerts").outputs["arn"].startswith("arn:aws:sns:us-east-1:123456789012:")
    assert rec.named("alerts").urn in alarm.dependencies


@pytest.mark.parametrize(
    ("given", "rendered"),
    [
        (">=", "GreaterThanOrEqualToThreshold"),
        (">", "GreaterThanThreshold"),
        ("<", "LessThanThreshold"),
        ("<=", "LessThanOrEqualToThreshold"),
        ("GreaterThanOrEqualToThreshold", "GreaterThanOrEqualToThreshold"),
        ("GreaterThanThreshold", "GreaterThanThreshold"),
        ("LessThanThreshold", "LessThanThreshold"),
        ("LessThanOrEqualToThreshold", "LessThanOrEqualToThreshold"),
    ],
)
def test_comparison_operator_mapping(rec: RecordingMonitor, given: str, rendered: str) -> None:
    def program() -> None:
        variant_of().metric_invocations().create_alarm(
            "Calls", threshold=1, evaluation_periods=1, comparison_operator=given
        )

    run(program)

    assert rec.named("ep-Calls").inputs["comparisonOperator"] == rendered


@pytest.mark.parametrize("percentile", ["p99", "p99.9", "p50", "p99.99", "tm90", "wm99.5"])
def test_percentile_statistic_goes_to_extended_statistic(
    rec: RecordingMonitor, percentile: str
) -> None:
    def program() -> None:
        variant_of().metric_model_latency(statistic=percentile).create_alarm(
            "LatencyTail", threshold=500000, evaluation_periods=2, comparison_operator="<="
        )

    run(program)

    inputs = rec.named("ep-LatencyTail").inputs
    assert "statistic" not in inputs
    assert inputs == {
        "comparisonOperator": "LessThanOrEqualToThreshold",
        "dimensions": dimensions(rec),
        "evaluationPeriods": 2.0,
        "extendedStatistic": percentile,
        "metricName": "ModelLatency",
        "namespace": "AWS/SageMaker",
        "period": 300.0,
        "threshold": 500000.0,
    }


def test_math_expression_alarm_renders_metric_queries(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        endpoint = build_endpoint()
        variant = endpoint.find_production_variant("main")
        rate = MathExpression(
            expression="100 * errors / invocations",
            using_metrics={
                "errors": variant.metric_invocation_response_code(
                    InvocationHttpResponseCode.INVOCATION_5XX_ERRORS
                ),
                "invocations": variant.metric_invocations(),
            },
            label="5XX error rate (%)",
            scope=endpoint,
            scope_name="ep",
        )
        rate.create_alarm("ErrorRate", threshold=5, evaluation_periods=3, datapoints_to_alarm=2)

    run(program)

    alarm = rec.named("ep-ErrorRate")
    assert alarm.parent == rec.named("ep").urn
    metric = {"namespace": "AWS/SageMaker", "period": 300.0, "stat": "Sum"}
    assert alarm.inputs == {
        "comparisonOperator": "GreaterThanOrEqualToThreshold",
        "threshold": 5.0,
        "evaluationPeriods": 3.0,
        "datapointsToAlarm": 2.0,
        "metricQueries": [
            {
                "id": "errors",
                "metric": {
                    **metric,
                    "metricName": "Invocation5XXErrors",
                    "dimensions": dimensions(rec),
                },
                "returnData": False,
            },
            {
                "id": "invocations",
                "metric": {**metric, "metricName": "Invocations", "dimensions": dimensions(rec)},
                "returnData": False,
            },
            {
                "id": "expression",
                "expression": "100 * errors / invocations",
                "label": "5XX error rate (%)",
                "returnData": True,
            },
        ],
    }
    queries = alarm.inputs["metricQueries"]
    assert [q["returnData"] for q in queries].count(True) == 1
    for key in ("metricName", "namespace", "statistic", "extendedStatistic", "period"):
        assert key not in alarm.inputs


def test_standalone_math_expression_alarm_is_top_level(rec: RecordingMonitor) -> None:
    def program() -> None:
        # The expression's period (60 s) overrides the metric's own (300 s), as in CDK.
        depth = Metric(namespace="Custom", metric_name="Depth", statistic="Maximum", label="d")
        MathExpression(
            expression="depth * 2", using_metrics={"depth": depth}, period=60
        ).create_alarm("Doubled", threshold=10, evaluation_periods=1)

    run(program)

    alarm = rec.named("Doubled")
    assert alarm.parent == STACK_URN
    assert alarm.inputs["metricQueries"] == [
        {
            "id": "depth",
            "metric": {
                "namespace": "Custom",
                "metricName": "Depth",
                "period": 60.0,
                "stat": "Maximum",
            },
            "label": "d",
            "returnData": False,
        },
        {"id": "expression", "expression": "depth * 2", "returnData": True},
    ]


def test_standalone_metric_creates_a_top_level_alarm_named_as_given(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        Metric(
            namespace="Custom/Queue",
            metric_name="Depth",
            dimensions={"Queue": "q1"},
            statistic="Maximum",
        ).create_alarm("QueueDepthAlarm", threshold=100, evaluation_periods=2)

    run(program)

    (alarm,) = rec.registrations
    assert alarm.type == ALARM
    assert alarm.name == "QueueDepthAlarm"
    assert alarm.parent == STACK_URN
    assert alarm.inputs == {
        "comparisonOperator": "GreaterThanOrEqualToThreshold",
        "dimensions": {"Queue": "q1"},
        "evaluationPeriods": 2.0,
        "metricName": "Depth",
        "namespace": "Custom/Queue",
        "period": 300.0,
        "statistic": "Maximum",
        "threshold": 100.0,
    }


@pytest.mark.parametrize(
    ("changes", "options", "message"),
    [
        (
            {},
            {"comparison_operator": "=="},
            r"comparison_operator must be one of >=, >, <, <= or their CloudWatch names, "
            r"got '=='",
        ),
        (
            {},
            {"datapoints_to_alarm": 4},
            r"datapoints_to_alarm must be an integer from 1 to evaluation_periods \(3\), got 4",
        ),
        (
            {},
            {"treat_missing_data": "zero"},
            r"treat_missing_data must be one of missing, ignore, breaching, notBreaching, "
            r"got 'zero'",
        ),
        (
            {},
            {"evaluation_periods": 0},
            r"evaluation_periods must be an integer from 1 to 2147483647, got 0",
        ),
        (
            {"period": 45},
            {},
            r"metric 'ModelLatency': period must be 10, 20, 30 or a multiple of 60 seconds, "
            r"got 45",
        ),
        (
            {"statistic": "Median"},
            {},
            r"metric 'ModelLatency': statistic must be one of SampleCount, Average, Sum, "
            r"Minimum, Maximum or an extended statistic \(p99, tm90, wm99, tc90, ts90, IQM, "
            r"TM\(10%:90%\), PR\(:300\)...\), got 'Median'",
        ),
        (
            # The Terraform AWS provider (bridged by pulumi_aws) refuses a third decimal.
            {"statistic": "p99.999"},
            {},
            r"metric 'ModelLatency': statistic must be one of .*, got 'p99.999'",
        ),
        (
            # ... and upper-case shorthands (its pattern is case-sensitive).
            {"statistic": "P99"},
            {},
            r"metric 'ModelLatency': statistic must be one of .*, got 'P99'",
        ),
        (
            {"statistic": "iqm"},
            {},
            r"metric 'ModelLatency': statistic must be one of .*, got 'iqm'",
        ),
        # AWS's (and the Terraform AWS provider's) limits; tests/terraform found them unchecked.
        (
            {},
            {"alarm_name": "a" * 256},
            r"alarm_name must be 1 to 255 characters long, got 'a+\.\.\. \(256 characters\)",
        ),
        (
            {},
            {"alarm_description": "d" * 1025},
            r"alarm_description must be at most 1024 characters long, got 'd+\.\.\. "
            r"\(1025 characters\)",
        ),
        (
            {},
            {"ok_actions": [f"arn:aws:sns:us-east-1:123456789012:t{i}" for i in range(6)]},
            r"ok_actions must be a list of at most 5 items, got 6",
        ),
    ],
    ids=[
        "operator",
        "datapoints-above-periods",
        "treat-missing-data",
        "zero-periods",
        "period-45",
        "statistic",
        "three-decimals",
        "upper-case-shorthand",
        "lower-case-iqm",
        "alarm-name-256",
        "description-1025",
        "six-ok-actions",
    ],
)
def test_create_alarm_rejects_bad_input(
    rec: RecordingMonitor,
    changes: dict[str, Any],
    options: dict[str, Any],
    message: str,
) -> None:
    def program() -> None:
        metric = variant_of().metric_model_latency(**changes)
        arguments = {"threshold": 1, "evaluation_periods": 3, **options}
        with pytest.raises(ValidationError, match=rf"^Alarm 'Bad': {message}$"):
            metric.create_alarm("Bad", **arguments)

    run(program)

    assert rec.of_type(ALARM) == []


@pytest.mark.parametrize(
    ("expression", "using", "message"),
    [
        ("", {"errors"}, r"expression must not be empty"),
        ("100 * Errors", {"Errors"}, r"using_metrics id must start with a lowercase letter"),
        ("1", set(), r"using_metrics must name at least one metric"),
    ],
    ids=["empty-expression", "uppercase-id", "no-metrics"],
)
def test_math_expression_alarm_rejects_bad_expressions(
    rec: RecordingMonitor, expression: str, using: set[str], message: str
) -> None:
    def program() -> None:
        metric = Metric(namespace="Custom", metric_name="Errors", statistic="Sum")
        math = MathExpression(expression=expression, using_metrics=dict.fromkeys(using, metric))
        with pytest.raises(ValidationError, match=rf"Alarm 'Rate': {message}"):
            math.create_alarm("Rate", threshold=1, evaluation_periods=1)

    run(program)

    assert rec.registrations == []


def test_all_problems_of_one_alarm_are_reported_together(rec: RecordingMonitor) -> None:
    def program() -> None:
        metric = Metric(namespace="Custom", metric_name="Depth", period=45)
        with pytest.raises(ValidationError) as caught:
            metric.create_alarm(
                "Bad", threshold=1, evaluation_periods=2, comparison_operator="!=",
                treat_missing_data="zero",
            )  # fmt: skip
        assert caught.value.component == "Alarm 'Bad'"
        assert len(caught.value.problems) == 3
        assert re.search(r"comparison_operator.*'!='", caught.value.problems[0])

    run(program)

    assert rec.registrations == []


def test_two_alarms_with_one_name_on_an_endpoint_are_refused(rec: RecordingMonitor) -> None:
    def program() -> None:
        endpoint = sm.Endpoint(
            "ep",
            endpoint_config=sm.EndpointConfig(
                "cfg",
                instance_production_variants=[
                    sm.InstanceProductionVariant(
                        model=sm.Model.from_model_name("m"), variant_name=name
                    )
                    for name in ("a", "b")
                ],
            ),
        )
        endpoint.find_production_variant("a").metric_model_latency().create_alarm(
            "Latency", threshold=1, evaluation_periods=1
        )
        with pytest.raises(
            ValidationError, match=r"an alarm named 'Latency' already exists here \(ep-Latency\)"
        ):
            endpoint.find_production_variant("b").metric_model_latency().create_alarm(
                "Latency", threshold=1, evaluation_periods=1
            )

    run(program)
    assert [a.name for a in rec.of_type("aws:cloudwatch/metricAlarm:MetricAlarm")] == ["ep-Latency"]


def test_unknown_response_code_is_a_validation_error(rec: RecordingMonitor) -> None:
    def program() -> None:
        endpoint = sm.Endpoint(
            "ep",
            endpoint_config=sm.EndpointConfig(
                "cfg",
                instance_production_variants=[
                    sm.InstanceProductionVariant(
                        model=sm.Model.from_model_name("m"), variant_name="v"
                    )
                ],
            ),
        )
        with pytest.raises(
            ValidationError,
            match=r"code must be one of Invocation4XXErrors, Invocation5XXErrors, got 'bogus'",
        ):
            endpoint.find_production_variant("v").metric_invocation_response_code("bogus")

    run(program)
