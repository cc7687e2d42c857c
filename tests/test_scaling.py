"""Auto scaling of endpoint variants (issue 5): targets, policies, step scaling, schedules.

Each test builds an Endpoint under the realistic mocks and asserts the exact wire inputs
(camelCase, numbers as floats) of what the scaling API registered.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting import ScalingInterval, Schedule, ValidationError
from pulumi_sagemaker_hosting.testing import RecordingMonitor, mocked_stack, run

ENDPOINT_COMPONENT = "sagemaker-hosting:index:Endpoint"
SCALABLE_INSTANCE_COUNT = "sagemaker-hosting:index:ScalableInstanceCount"
SCALABLE_PROVISIONED_CONCURRENCY = "sagemaker-hosting:index:ScalableProvisionedConcurrency"
TARGET = "aws:appautoscaling/target:Target"
POLICY = "aws:appautoscaling/policy:Policy"
SCHEDULED_ACTION = "aws:appautoscaling/scheduledAction:ScheduledAction"
ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"
SCALING_TYPES = (
    SCALABLE_INSTANCE_COUNT,
    SCALABLE_PROVISIONED_CONCURRENCY,
    TARGET,
    POLICY,
    SCHEDULED_ACTION,
    ALARM,
)

SERVICE_LINKED_ROLE_ARN = (
    "arn:aws:iam::123456789012:role/aws-service-role/"
    "sagemaker.application-autoscaling.amazonaws.com/"
    "AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint"
)
INSTANCE_COUNT = "sagemaker:variant:DesiredInstanceCount"
PROVISIONED_CONCURRENCY = "sagemaker:variant:DesiredProvisionedConcurrency"

# Logical names derived from Endpoint "ep" and variant "main" / "sl".
COUNT = "ep-main-instance-count"
CONCURRENCY = "ep-sl-provisioned-concurrency"


# --- builders ---------------------------------------------------------------------------------


def imported_model(name: str = "model") -> sm.ModelReference:
    """An existing model: no registrations, so every test (and hypothesis example) stays fast."""
    return sm.Model.from_model_name(name)


def instance_endpoint(
    *,
    instance_type: str = "ml.m5.large",
    initial: int = 2,
    variants: tuple[str, ...] = ("main",),
) -> sm.Endpoint:
    model = imported_model("model")
    config = sm.EndpointConfig(
        "cfg",
        instance_production_variants=[
            sm.InstanceProductionVariant(
                model=model,
                variant_name=name,
                instance_type=instance_type,
                initial_instance_count=initial,
            )
            for name in variants
        ],
    )
    return sm.Endpoint("ep", endpoint_config=config)


def serverless_endpoint(*, provisioned: int | None = 2, max_concurrency: int = 5) -> sm.Endpoint:
    config = sm.EndpointConfig(
        "cfg",
        serverless_production_variant=sm.ServerlessProductionVariant(
            model=imported_model("model"),
            variant_name="sl",
            max_concurrency=max_concurrency,
            memory_size_in_mb=2048,
            provisioned_concurrency=provisioned,
        ),
    )
    return sm.Endpoint("ep", endpoint_config=config)


def endpoint_name(rec: RecordingMonitor) -> str:
    """The generated name output of the aws endpoint resource."""
    name = rec.named("ep-endpoint").outputs["name"]
    assert isinstance(name, str) and name.startswith("ep-endpoint-")
    return name


def resource_id(rec: RecordingMonitor, variant: str = "main") -> str:
    return f"endpoint/{endpoint_name(rec)}/variant/{variant}"


def scaling_registrations(rec: RecordingMonitor) -> list[str]:
    return [r.name for r in rec.registrations if r.type in SCALING_TYPES]


def target_inputs(rec: RecordingMonitor, minimum: float, maximum: float) -> dict[str, Any]:
    return {
        "serviceNamespace": "sagemaker",
        "scalableDimension": INSTANCE_COUNT,
        "resourceId": resource_id(rec),
        "roleArn": SERVICE_LINKED_ROLE_ARN,
        "minCapacity": minimum,
        "maxCapacity": maximum,
    }


def policy_base(rec: RecordingMonitor) -> dict[str, Any]:
    return {
        "serviceNamespace": "sagemaker",
        "scalableDimension": INSTANCE_COUNT,
        "resourceId": resource_id(rec),
    }


def scaled_variant(**capacity: int) -> sm.ScalableInstanceCount:
    endpoint = instance_endpoint()
    return endpoint.find_production_variant("main").auto_scale_instance_count(**capacity)


# --- auto_scale_instance_count ------------------------------------------------------------------


def test_auto_scale_instance_count_registers_a_component_owning_the_target(
    rec: RecordingMonitor,
) -> None:
    made: dict[str, Any] = {}

    def program() -> None:
        endpoint = instance_endpoint()
        variant = endpoint.find_production_variant("main")
        made["scaling"] = variant.auto_scale_instance_count(min_capacity=1, max_capacity=4)

    run(program)

    scaling = made["scaling"]
    assert isinstance(scaling, sm.ScalableInstanceCount)
    assert (scaling.min_capacity, scaling.max_capacity) == (1, 4)

    component = rec.named(COUNT)
    assert component.type == SCALABLE_INSTANCE_COUNT
    assert component.custom is False
    assert component.parent == rec.named("ep").urn
    assert rec.named("ep").type == ENDPOINT_COMPONENT

    (target,) = rec.of_type(TARGET)
    assert target.name == f"{COUNT}-target"
    assert target.parent == component.urn
    assert target.inputs == target_inputs(rec, 1.0, 4.0)
    assert rec.named("ep-endpoint").urn in target.dependencies
    assert rec.children_of(component) == [target]


@pytest.mark.parametrize(
    ("capacity", "expected"),
    [
        ({"max_capacity": 5}, (3.0, 5.0)),
        ({"min_capacity": 1, "max_capacity": 3}, (1.0, 3.0)),
        ({"min_capacity": 3, "max_capacity": 3}, (3.0, 3.0)),
    ],
    ids=["min-default", "min-given", "both-equal-initial"],
)
def test_min_capacity_defaults_to_the_initial_instance_count(
    rec: RecordingMonitor,
    capacity: dict[str, int],
    expected: tuple[float, float],
) -> None:
    def program() -> None:
        endpoint = instance_endpoint(initial=3)
        endpoint.find_production_variant("main").auto_scale_instance_count(**capacity)

    run(program)

    (target,) = rec.of_type(TARGET)
    assert target.inputs == target_inputs(rec, *expected)


def test_each_variant_of_an_endpoint_gets_its_own_target(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        endpoint = instance_endpoint(variants=("blue", "green"))
        endpoint.find_production_variant("blue").auto_scale_instance_count(max_capacity=3)
        endpoint.find_production_variant("green").auto_scale_instance_count(max_capacity=4)

    run(program)

    name = endpoint_name(rec)
    targets = {
        t.name: (t.inputs["resourceId"], t.inputs["maxCapacity"]) for t in rec.of_type(TARGET)
    }
    assert targets == {
        "ep-blue-instance-count-target": (f"endpoint/{name}/variant/blue", 3.0),
        "ep-green-instance-count-target": (f"endpoint/{name}/variant/green", 4.0),
    }


def test_resource_id_uses_a_fixed_endpoint_name(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        config = sm.EndpointConfig(
            "cfg",
            instance_production_variants=[
                sm.InstanceProductionVariant(
                    model=imported_model("model"), variant_name="main", instance_type="ml.c5.xlarge"
                )
            ],
        )
        endpoint = sm.Endpoint("ep", endpoint_config=config, endpoint_name="fraud-detector")
        endpoint.find_production_variant("main").auto_scale_instance_count(max_capacity=2)

    run(program)

    (target,) = rec.of_type(TARGET)
    assert target.inputs["resourceId"] == "endpoint/fraud-detector/variant/main"
    assert (target.inputs["minCapacity"], target.inputs["maxCapacity"]) == (1.0, 2.0)


@pytest.mark.parametrize(
    ("instance_type", "capacity", "message"),
    [
        (
            "ml.m5.large",
            {"min_capacity": 3, "max_capacity": 3},
            r"Endpoint 'ep': variant 'main': min_capacity must be <= the initial instance "
            r"count \(2\), got 3",
        ),
        (
            "ml.m5.large",
            {"max_capacity": 1},
            r"Endpoint 'ep': variant 'main': max_capacity must be >= the initial instance "
            r"count \(2\), got 1",
        ),
        (
            "ml.t2.medium",
            {"max_capacity": 4},
            r"Endpoint 'ep': variant 'main': .*burstable.*'ml\.t2\.medium'.*ml\.m5\.large",
        ),
        (
            "ml.t2.xlarge",
            {"max_capacity": 4},
            r"Endpoint 'ep': variant 'main': .*burstable.*'ml\.t2\.xlarge'.*ml\.m5\.large",
        ),
    ],
    ids=["min-above-initial", "max-below-initial", "burstable-t2", "burstable-t2-xlarge"],
)
def test_auto_scale_instance_count_rejects_bad_bounds_and_burstable_types(
    rec: RecordingMonitor,
    instance_type: str,
    capacity: dict[str, int],
    message: str,
) -> None:
    def program() -> None:
        endpoint = instance_endpoint(instance_type=instance_type)
        variant = endpoint.find_production_variant("main")
        with pytest.raises(ValidationError, match=message):
            variant.auto_scale_instance_count(**capacity)

    run(program)

    assert scaling_registrations(rec) == []


def test_both_bound_problems_are_reported_together(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        endpoint = instance_endpoint()
        variant = endpoint.find_production_variant("main")
        with pytest.raises(ValidationError) as caught:
            variant.auto_scale_instance_count(min_capacity=3, max_capacity=1)
        assert caught.value.component == "Endpoint 'ep': variant 'main'"
        assert caught.value.problems == [
            "min_capacity must be <= the initial instance count (2), got 3",
            "max_capacity must be >= the initial instance count (2), got 1",
        ]

    run(program)

    assert scaling_registrations(rec) == []


@pytest.mark.parametrize(
    "second_lookup",
    ["same-handle", "find_production_variant", "find_instance_production_variant"],
)
def test_auto_scaling_a_variant_twice_is_rejected(
    rec: RecordingMonitor, second_lookup: str
) -> None:
    def program() -> None:
        endpoint = instance_endpoint()
        first = endpoint.find_production_variant("main")
        first.auto_scale_instance_count(max_capacity=4)
        second = (
            first if second_lookup == "same-handle" else getattr(endpoint, second_lookup)("main")
        )
        with pytest.raises(
            ValidationError,
            match=r"Endpoint 'ep': variant 'main': auto scaling is already enabled",
        ):
            second.auto_scale_instance_count(max_capacity=5)

    run(program)

    assert [r.name for r in rec.of_type(SCALABLE_INSTANCE_COUNT)] == [COUNT]
    (target,) = rec.of_type(TARGET)
    assert target.inputs["maxCapacity"] == 4.0


def test_auto_scale_instance_count_on_a_serverless_variant_points_to_provisioned_concurrency(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        variant = serverless_endpoint().find_production_variant("sl")
        with pytest.raises(
            ValidationError,
            match=r"Endpoint 'ep': variant 'sl': .*auto_scale_provisioned_concurrency.*"
            r"provisioned_concurrency",
        ):
            variant.auto_scale_instance_count(max_capacity=3)

    run(program)

    assert scaling_registrations(rec) == []


# --- scale_on_invocations -------------------------------------------------------------------------


def test_scale_on_invocations_spec_example_targets_900_invocations_per_minute(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        endpoint = instance_endpoint(initial=1)
        variant = endpoint.find_production_variant("main")
        count = variant.auto_scale_instance_count(max_capacity=3)
        count.scale_on_invocations("LimitRPS", max_requests_per_second=30)

    run(program)

    target = rec.named(f"{COUNT}-target")
    assert target.inputs == target_inputs(rec, 1.0, 3.0)
    policy = rec.named(f"{COUNT}-LimitRPS")
    assert policy.type == POLICY
    assert policy.parent == rec.named(COUNT).urn
    assert policy.inputs == {
        **policy_base(rec),
        "policyType": "TargetTrackingScaling",
        "targetTrackingScalingPolicyConfiguration": {
            "predefinedMetricSpecification": {
                "predefinedMetricType": "SageMakerVariantInvocationsPerInstance"
            },
            "targetValue": 900.0,
        },
    }
    for key in ("resourceId", "scalableDimension", "serviceNamespace"):
        assert policy.inputs[key] == target.inputs[key]
    assert target.urn in policy.dependencies


@pytest.mark.parametrize(
    ("options", "rendered"),
    [
        ({}, {}),
        ({"scale_in_cooldown": 120}, {"scaleInCooldown": 120.0}),
        ({"scale_out_cooldown": 60}, {"scaleOutCooldown": 60.0}),
        ({"scale_in_cooldown": 0}, {"scaleInCooldown": 0.0}),
        ({"disable_scale_in": True}, {"disableScaleIn": True}),
        ({"disable_scale_in": False}, {}),
        (
            {"scale_in_cooldown": 600, "scale_out_cooldown": 30, "disable_scale_in": True},
            {"scaleInCooldown": 600.0, "scaleOutCooldown": 30.0, "disableScaleIn": True},
        ),
    ],
    ids=["none", "in", "out", "in-zero", "disable", "disable-false", "all"],
)
def test_scale_on_invocations_renders_cooldowns_and_disable_scale_in_only_when_set(
    rec: RecordingMonitor,
    options: dict[str, Any],
    rendered: dict[str, Any],
) -> None:
    def program() -> None:
        count = scaled_variant(max_capacity=4)
        count.scale_on_invocations("rps", max_requests_per_second=10, safety_factor=0.25, **options)

    run(program)

    policy = rec.named(f"{COUNT}-rps")
    assert policy.inputs["targetTrackingScalingPolicyConfiguration"] == {
        "predefinedMetricSpecification": {
            "predefinedMetricType": "SageMakerVariantInvocationsPerInstance"
        },
        "targetValue": 150.0,
        **rendered,
    }


def test_scale_on_invocations_accepts_a_safety_factor_of_exactly_one(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        scaled_variant(max_capacity=4).scale_on_invocations(
            "rps", max_requests_per_second=30, safety_factor=1.0
        )

    run(program)

    config = rec.named(f"{COUNT}-rps").inputs["targetTrackingScalingPolicyConfiguration"]
    assert config["targetValue"] == 1800.0


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            {"max_requests_per_second": 0},
            r"max_requests_per_second must be a finite number > 0, got 0",
        ),
        (
            {"max_requests_per_second": -5},
            r"max_requests_per_second must be a finite number > 0, got -5",
        ),
        (
            {"max_requests_per_second": 30, "safety_factor": 0},
            r"safety_factor must be > 0 and <= 1, got 0",
        ),
        (
            {"max_requests_per_second": 30, "safety_factor": 1.1},
            r"safety_factor must be > 0 and <= 1, got 1\.1",
        ),
        (
            {"max_requests_per_second": 30, "safety_factor": -0.5},
            r"safety_factor must be > 0 and <= 1, got -0\.5",
        ),
    ],
    ids=["rps-zero", "rps-negative", "sf-zero", "sf-above-one", "sf-negative"],
)
def test_scale_on_invocations_rejects_bad_rates_and_safety_factors(
    rec: RecordingMonitor, arguments: dict[str, float], message: str
) -> None:
    def program() -> None:
        count = scaled_variant(max_capacity=4)
        with pytest.raises(
            ValidationError, match=rf"ScalableInstanceCount '{COUNT}': policy 'rps': {message}"
        ):
            count.scale_on_invocations("rps", **arguments)

    run(program)

    assert rec.of_type(POLICY) == []


def test_scale_on_invocations_passes_the_policy_name(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        scaled_variant(max_capacity=4).scale_on_invocations(
            "rps", max_requests_per_second=30, policy_name="limit-rps"
        )

    run(program)

    policy = rec.named(f"{COUNT}-rps")
    assert policy.inputs["name"] == "limit-rps"
    assert policy.outputs["name"] == "limit-rps"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"scale_in_cooldown": -1}, r"scale_in_cooldown must be 0 to 31536000 seconds, got -1"),
        (
            {"scale_out_cooldown": 31536001},
            r"scale_out_cooldown must be 0 to 31536000 seconds, got 31536001",
        ),
    ],
    ids=["negative-in", "too-long-out"],
)
def test_scale_on_invocations_rejects_bad_cooldowns(
    rec: RecordingMonitor, options: dict[str, int], message: str
) -> None:
    def program() -> None:
        count = scaled_variant(max_capacity=4)
        with pytest.raises(ValidationError, match=rf"policy 'rps': {message}"):
            count.scale_on_invocations("rps", max_requests_per_second=30, **options)

    run(program)

    assert rec.of_type(POLICY) == []


@settings(max_examples=30, deadline=None)
@given(
    rps=st.floats(min_value=0.01, max_value=10_000, allow_nan=False, allow_infinity=False),
    safety_factor=st.floats(min_value=0.01, max_value=1.0, allow_nan=False),
)
def test_target_value_is_safety_factor_times_rps_times_60(rps: float, safety_factor: float) -> None:
    with mocked_stack() as monitor:

        def program() -> None:
            endpoint = instance_endpoint()
            count = endpoint.find_production_variant("main").auto_scale_instance_count(
                max_capacity=4
            )
            count.scale_on_invocations(
                "rps", max_requests_per_second=rps, safety_factor=safety_factor
            )

        run(program)

        (policy,) = monitor.of_type(POLICY)
        config = policy.inputs["targetTrackingScalingPolicyConfiguration"]
        assert config["targetValue"] == safety_factor * rps * 60
        assert config["predefinedMetricSpecification"] == {
            "predefinedMetricType": "SageMakerVariantInvocationsPerInstance"
        }


@settings(max_examples=15, deadline=None)
@given(
    safety_factor=st.one_of(
        st.floats(max_value=0, allow_nan=False, allow_infinity=False),
        st.floats(min_value=1, exclude_min=True, allow_nan=False, allow_infinity=False),
    )
)
def test_safety_factor_outside_zero_one_is_always_rejected(safety_factor: float) -> None:
    with mocked_stack() as monitor:

        def program() -> None:
            endpoint = instance_endpoint()
            count = endpoint.find_production_variant("main").auto_scale_instance_count(
                max_capacity=4
            )
            with pytest.raises(ValidationError, match=r"safety_factor must be > 0 and <= 1"):
                count.scale_on_invocations(
                    "rps", max_requests_per_second=30, safety_factor=safety_factor
                )

        run(program)

        assert monitor.of_type(POLICY) == []


# --- scale_to_track_metric --------------------------------------------------------------------


def test_scale_to_track_metric_renders_a_customized_metric_specification(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        variant = instance_endpoint().find_production_variant("main")
        count = variant.auto_scale_instance_count(max_capacity=4)
        count.scale_to_track_metric(
            "cpu", target_value=70, metric=variant.metric_cpu_utilization(), scale_out_cooldown=60
        )

    run(program)

    policy = rec.named(f"{COUNT}-cpu")
    assert policy.parent == rec.named(COUNT).urn
    assert policy.inputs == {
        **policy_base(rec),
        "policyType": "TargetTrackingScaling",
        "targetTrackingScalingPolicyConfiguration": {
            "customizedMetricSpecification": {
                "namespace": "/aws/sagemaker/Endpoints",
                "metricName": "CPUUtilization",
                "statistic": "Average",
                "dimensions": [
                    {"name": "EndpointName", "value": endpoint_name(rec)},
                    {"name": "VariantName", "value": "main"},
                ],
            },
            "targetValue": 70.0,
            "scaleOutCooldown": 60.0,
        },
    }


def test_scale_to_track_metric_renders_the_unit_and_a_non_default_statistic(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        variant = instance_endpoint().find_production_variant("main")
        count = variant.auto_scale_instance_count(max_capacity=4)
        metric = variant.metric_model_latency(statistic="Maximum", unit="Microseconds")
        count.scale_to_track_metric("latency", target_value=250_000, metric=metric)

    run(program)

    config = rec.named(f"{COUNT}-latency").inputs["targetTrackingScalingPolicyConfiguration"]
    assert config == {
        "customizedMetricSpecification": {
            "namespace": "AWS/SageMaker",
            "metricName": "ModelLatency",
            "statistic": "Maximum",
            "unit": "Microseconds",
            "dimensions": [
                {"name": "EndpointName", "value": endpoint_name(rec)},
                {"name": "VariantName", "value": "main"},
            ],
        },
        "targetValue": 250000.0,
    }


def test_scale_to_track_metric_with_a_predefined_metric(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        scaled_variant(max_capacity=4).scale_to_track_metric(
            "ipi",
            target_value=500,
            predefined_metric="SageMakerVariantInvocationsPerInstance",
            disable_scale_in=True,
        )

    run(program)

    assert rec.named(f"{COUNT}-ipi").inputs == {
        **policy_base(rec),
        "policyType": "TargetTrackingScaling",
        "targetTrackingScalingPolicyConfiguration": {
            "predefinedMetricSpecification": {
                "predefinedMetricType": "SageMakerVariantInvocationsPerInstance"
            },
            "targetValue": 500.0,
            "disableScaleIn": True,
        },
    }


@pytest.mark.parametrize(
    ("which", "message"),
    [
        ("percentile", r"metric statistic must be .* for target tracking, got 'p99'"),
        ("both", r"exactly one of metric and predefined_metric is required"),
        ("neither", r"exactly one of metric and predefined_metric is required"),
    ],
)
def test_scale_to_track_metric_rejects_percentiles_and_needs_exactly_one_metric(
    rec: RecordingMonitor, which: str, message: str
) -> None:
    def program() -> None:
        variant = instance_endpoint().find_production_variant("main")
        count = variant.auto_scale_instance_count(max_capacity=4)
        arguments: dict[str, Any] = {
            "percentile": {"metric": variant.metric_model_latency(statistic="p99")},
            "both": {
                "metric": variant.metric_cpu_utilization(),
                "predefined_metric": "SageMakerVariantInvocationsPerInstance",
            },
            "neither": {},
        }[which]
        with pytest.raises(
            ValidationError, match=rf"ScalableInstanceCount '{COUNT}': policy 'track': {message}"
        ):
            count.scale_to_track_metric("track", target_value=50, **arguments)

    run(program)

    assert rec.of_type(POLICY) == []


# --- scale_on_metric (step scaling) -----------------------------------------------------------

STEPS = [
    ScalingInterval(upper=20, change=-1),
    ScalingInterval(lower=70, upper=90, change=1),
    ScalingInterval(lower=90, change=3),
]


def test_scale_on_metric_creates_two_step_policies_and_their_alarms(
    rec: RecordingMonitor,
) -> None:
    made: dict[str, Any] = {}

    def program() -> None:
        variant = instance_endpoint().find_production_variant("main")
        count = variant.auto_scale_instance_count(max_capacity=6)
        made["result"] = count.scale_on_metric(
            "cpu", metric=variant.metric_cpu_utilization(), steps=STEPS
        )

    run(program)

    component = rec.named(COUNT)
    out_policy, in_policy = rec.named(f"{COUNT}-cpu-out"), rec.named(f"{COUNT}-cpu-in")
    assert sorted(p.name for p in rec.of_type(POLICY)) == [in_policy.name, out_policy.name]
    assert out_policy.parent == in_policy.parent == component.urn
    assert out_policy.inputs == {
        **policy_base(rec),
        "policyType": "StepScaling",
        "stepScalingPolicyConfiguration": {
            "adjustmentType": "ChangeInCapacity",
            "metricAggregationType": "Average",
            "stepAdjustments": [
                {
                    "metricIntervalLowerBound": "0",
                    "metricIntervalUpperBound": "20",
                    "scalingAdjustment": 1.0,
                },
                {"metricIntervalLowerBound": "20", "scalingAdjustment": 3.0},
            ],
        },
    }
    assert in_policy.inputs == {
        **policy_base(rec),
        "policyType": "StepScaling",
        "stepScalingPolicyConfiguration": {
            "adjustmentType": "ChangeInCapacity",
            "metricAggregationType": "Average",
            "stepAdjustments": [{"metricIntervalUpperBound": "0", "scalingAdjustment": -1.0}],
        },
    }

    alarm_base = {
        "namespace": "/aws/sagemaker/Endpoints",
        "metricName": "CPUUtilization",
        "statistic": "Average",
        "period": 300.0,
        "dimensions": {"EndpointName": endpoint_name(rec), "VariantName": "main"},
        "evaluationPeriods": 1.0,
    }
    out_alarm, in_alarm = rec.named(f"{COUNT}-cpu-out-alarm"), rec.named(f"{COUNT}-cpu-in-alarm")
    assert len(rec.of_type(ALARM)) == 2
    assert out_alarm.inputs == {
        **alarm_base,
        "comparisonOperator": "GreaterThanOrEqualToThreshold",
        "threshold": 70.0,
        "alarmActions": [out_policy.outputs["arn"]],
        "alarmDescription": f"Scale out {COUNT} (cpu)",
    }
    assert in_alarm.inputs == {
        **alarm_base,
        "comparisonOperator": "LessThanOrEqualToThreshold",
        "threshold": 20.0,
        "alarmActions": [in_policy.outputs["arn"]],
        "alarmDescription": f"Scale in {COUNT} (cpu)",
    }
    # The mock's policy ARN names the policy, so the actions cannot be crossed.
    assert out_policy.outputs["arn"].endswith(f":policyName/{out_policy.outputs['name']}")
    assert out_alarm.parent == in_alarm.parent == component.urn
    assert out_policy.urn in out_alarm.dependencies
    assert in_policy.urn in in_alarm.dependencies

    result = made["result"]
    assert isinstance(result, sm.StepScalingPolicy)
    assert result.scale_out_policy._name == out_policy.name
    assert result.scale_in_policy._name == in_policy.name
    assert result.scale_out_alarm._name == out_alarm.name
    assert result.scale_in_alarm._name == in_alarm.name


def test_scale_on_metric_renders_adjustment_options_and_alarm_evaluation(
    rec: RecordingMonitor,
) -> None:
    made: dict[str, Any] = {}

    def program() -> None:
        variant = instance_endpoint().find_production_variant("main")
        count = variant.auto_scale_instance_count(max_capacity=6)
        made["result"] = count.scale_on_metric(
            "mem",
            metric=variant.metric_memory_utilization(statistic="Maximum"),
            steps=[ScalingInterval(lower=80, change=50)],
            adjustment_type="PercentChangeInCapacity",
            cooldown=120,
            min_adjustment_magnitude=2,
            evaluation_periods=3,
            datapoints_to_alarm=2,
        )

    run(program)

    result = made["result"]
    assert result.scale_in_policy is None and result.scale_in_alarm is None
    (policy,) = rec.of_type(POLICY)
    assert policy.name == f"{COUNT}-mem-out"
    assert policy.inputs["stepScalingPolicyConfiguration"] == {
        "adjustmentType": "PercentChangeInCapacity",
        "metricAggregationType": "Maximum",
        "cooldown": 120.0,
        "minAdjustmentMagnitude": 2.0,
        "stepAdjustments": [{"metricIntervalLowerBound": "0", "scalingAdjustment": 50.0}],
    }
    (alarm,) = rec.of_type(ALARM)
    assert alarm.inputs == {
        "namespace": "/aws/sagemaker/Endpoints",
        "metricName": "MemoryUtilization",
        "statistic": "Maximum",
        "period": 300.0,
        "dimensions": {"EndpointName": endpoint_name(rec), "VariantName": "main"},
        "comparisonOperator": "GreaterThanOrEqualToThreshold",
        "threshold": 80.0,
        "evaluationPeriods": 3.0,
        "datapointsToAlarm": 2.0,
        "alarmActions": [policy.outputs["arn"]],
        "alarmDescription": f"Scale out {COUNT} (mem)",
    }


def test_scale_on_metric_multi_step_scale_in_bounds_are_relative_to_the_highest_upper(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        variant = instance_endpoint().find_production_variant("main")
        count = variant.auto_scale_instance_count(max_capacity=6)
        count.scale_on_metric(
            "cpu",
            metric=variant.metric_cpu_utilization(),
            steps=[
                ScalingInterval(lower=10, upper=30, change=-1),
                ScalingInterval(upper=10, change=-2),
            ],
        )

    run(program)

    (policy,) = rec.of_type(POLICY)
    assert policy.inputs["stepScalingPolicyConfiguration"]["stepAdjustments"] == [
        {"metricIntervalUpperBound": "-20", "scalingAdjustment": -2.0},
        {
            "metricIntervalLowerBound": "-20",
            "metricIntervalUpperBound": "0",
            "scalingAdjustment": -1.0,
        },
    ]
    (alarm,) = rec.of_type(ALARM)
    assert alarm.inputs["threshold"] == 30.0
    assert alarm.inputs["comparisonOperator"] == "LessThanOrEqualToThreshold"


@pytest.mark.parametrize(
    ("steps", "options", "message"),
    [
        (
            [ScalingInterval(lower=70, upper=80, change=1), ScalingInterval(lower=90, change=3)],
            {},
            r"scale-out steps must be contiguous: a band ends at 80 and the next starts at 90",
        ),
        (
            [ScalingInterval(upper=10, change=-2), ScalingInterval(lower=20, upper=30, change=-1)],
            {},
            r"scale-in steps must be contiguous: a band ends at 10 and the next starts at 20",
        ),
        ([ScalingInterval(change=1)], {}, r"scale-out step \(change 1\) needs a lower bound"),
        ([ScalingInterval(change=-1)], {}, r"scale-in step \(change -1\) needs a.* upper bound"),
        (
            [ScalingInterval(lower=70, upper=90, change=1)],
            {},
            r"the outermost scale-out step must be unbounded \(upper=None\), got 90",
        ),
        (
            [ScalingInterval(upper=20, change=-1)],
            {"adjustment_type": "ChangeCapacity"},
            r"adjustment_type must be one of ChangeInCapacity, ExactCapacity, "
            r"PercentChangeInCapacity, got 'ChangeCapacity'",
        ),
        (
            [ScalingInterval(lower=70, change=0)],
            {},
            r"steps must hold at least one non-zero change",
        ),
    ],
    ids=[
        "gap-out",
        "gap-in",
        "no-lower",
        "no-upper",
        "bounded-outermost",
        "adjustment-type",
        "zero-change",
    ],
)
def test_scale_on_metric_rejects_bad_steps(
    rec: RecordingMonitor,
    steps: list[ScalingInterval],
    options: dict[str, Any],
    message: str,
) -> None:
    def program() -> None:
        variant = instance_endpoint().find_production_variant("main")
        count = variant.auto_scale_instance_count(max_capacity=6)
        with pytest.raises(
            ValidationError, match=rf"ScalableInstanceCount '{COUNT}': policy 'cpu': {message}"
        ):
            count.scale_on_metric(
                "cpu", metric=variant.metric_cpu_utilization(), steps=steps, **options
            )

    run(program)

    assert rec.of_type(POLICY) == []
    assert rec.of_type(ALARM) == []


# --- scale_on_schedule ------------------------------------------------------------------------


def test_scale_on_schedule_registers_a_scheduled_action(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        scaled_variant(max_capacity=6).scale_on_schedule(
            "business-hours",
            schedule=Schedule.cron(minute="0", hour="8", week_day="MON-FRI"),
            min_capacity=2,
            max_capacity=6,
            timezone="Europe/Berlin",
        )

    run(program)

    action = rec.named(f"{COUNT}-business-hours")
    assert action.type == SCHEDULED_ACTION
    assert action.parent == rec.named(COUNT).urn
    assert action.inputs == {
        **policy_base(rec),
        "schedule": "cron(0 8 ? * MON-FRI *)",
        "scalableTargetAction": {"minCapacity": 2.0, "maxCapacity": 6.0},
        "timezone": "Europe/Berlin",
    }
    assert rec.named(f"{COUNT}-target").urn in action.dependencies


def test_scale_on_schedule_renders_only_the_bounds_and_times_given(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        count = scaled_variant(max_capacity=6)
        count.scale_on_schedule("burst", schedule=Schedule.rate(hours=1), max_capacity=8)
        count.scale_on_schedule(
            "window",
            schedule="at(2026-12-24T18:00:00)",
            min_capacity=0,
            start_time="2026-12-01T00:00:00Z",
            end_time="2026-12-31T00:00:00Z",
        )

    run(program)

    assert rec.named(f"{COUNT}-burst").inputs == {
        **policy_base(rec),
        "schedule": "rate(1 hour)",
        "scalableTargetAction": {"maxCapacity": 8.0},
    }
    assert rec.named(f"{COUNT}-window").inputs == {
        **policy_base(rec),
        "schedule": "at(2026-12-24T18:00:00)",
        "scalableTargetAction": {"minCapacity": 0.0},
        "startTime": "2026-12-01T00:00:00Z",
        "endTime": "2026-12-31T00:00:00Z",
    }


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            {"schedule": "cron(0 8 * * ? *)"},
            r"at least one of min_capacity and max_capacity is required",
        ),
        (
            {"schedule": "cron(0 8 * * ? *)", "min_capacity": 4, "max_capacity": 2},
            r"min_capacity \(4\) must be <= max_capacity \(2\)",
        ),
        (
            {"schedule": "every day at 8", "min_capacity": 2},
            r"schedule must be at\(yyyy-mm-ddThh:mm:ss\), rate\(N minutes\|hours\|days\) or "
            r"cron\(6 fields\), got 'every day at 8'",
        ),
    ],
    ids=["no-bounds", "min-above-max", "bad-expression"],
)
def test_scale_on_schedule_rejects_bad_arguments(
    rec: RecordingMonitor, arguments: dict[str, Any], message: str
) -> None:
    def program() -> None:
        count = scaled_variant(max_capacity=6)
        with pytest.raises(
            ValidationError,
            match=rf"ScalableInstanceCount '{COUNT}': schedule 'nightly': {message}",
        ):
            count.scale_on_schedule("nightly", **arguments)

    run(program)

    assert rec.of_type(SCHEDULED_ACTION) == []


# --- serverless provisioned concurrency ------------------------------------------------------


def test_auto_scale_provisioned_concurrency_registers_its_own_component_and_target(
    rec: RecordingMonitor,
) -> None:
    made: dict[str, Any] = {}

    def program() -> None:
        variant = serverless_endpoint().find_production_variant("sl")
        made["scaling"] = variant.auto_scale_provisioned_concurrency(max_capacity=5)

    run(program)

    assert isinstance(made["scaling"], sm.ScalableProvisionedConcurrency)
    component = rec.named(CONCURRENCY)
    assert component.type == SCALABLE_PROVISIONED_CONCURRENCY
    assert component.parent == rec.named("ep").urn
    (target,) = rec.of_type(TARGET)
    assert target.name == f"{CONCURRENCY}-target"
    assert target.parent == component.urn
    assert target.inputs == {
        "serviceNamespace": "sagemaker",
        "scalableDimension": PROVISIONED_CONCURRENCY,
        "resourceId": resource_id(rec, "sl"),
        "roleArn": SERVICE_LINKED_ROLE_ARN,
        "minCapacity": 2.0,
        "maxCapacity": 5.0,
    }
    assert rec.named("ep-endpoint").urn in target.dependencies
    assert rec.of_type(SCALABLE_INSTANCE_COUNT) == []


def test_scale_on_utilization_tracks_provisioned_concurrency_utilization(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        variant = serverless_endpoint().find_production_variant("sl")
        concurrency = variant.auto_scale_provisioned_concurrency(min_capacity=1, max_capacity=5)
        concurrency.scale_on_utilization("default")
        concurrency.scale_on_utilization(
            "tuned", target_utilization=0.5, scale_in_cooldown=300, scale_out_cooldown=30
        )

    run(program)

    base = {
        "serviceNamespace": "sagemaker",
        "scalableDimension": PROVISIONED_CONCURRENCY,
        "resourceId": resource_id(rec, "sl"),
        "policyType": "TargetTrackingScaling",
    }
    predefined = {"predefinedMetricType": "SageMakerVariantProvisionedConcurrencyUtilization"}
    default = rec.named(f"{CONCURRENCY}-default")
    assert default.parent == rec.named(CONCURRENCY).urn
    assert default.inputs == {
        **base,
        "targetTrackingScalingPolicyConfiguration": {
            "predefinedMetricSpecification": predefined,
            "targetValue": 0.7,
        },
    }
    assert rec.named(f"{CONCURRENCY}-tuned").inputs == {
        **base,
        "targetTrackingScalingPolicyConfiguration": {
            "predefinedMetricSpecification": predefined,
            "targetValue": 0.5,
            "scaleInCooldown": 300.0,
            "scaleOutCooldown": 30.0,
        },
    }


def test_provisioned_concurrency_max_capacity_above_max_concurrency_is_rejected(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        variant = serverless_endpoint().find_production_variant("sl")
        with pytest.raises(
            ValidationError,
            match=re.escape(
                "Endpoint 'ep': variant 'sl': max_capacity must be <= max_concurrency (5), got 6"
            ),
        ):
            variant.auto_scale_provisioned_concurrency(max_capacity=6)

    run(program)

    assert scaling_registrations(rec) == []


@pytest.mark.parametrize("kind", ["instance", "serverless-without-provisioned-concurrency"])
def test_auto_scale_provisioned_concurrency_needs_a_serverless_variant_with_it(
    rec: RecordingMonitor, kind: str
) -> None:
    def program() -> None:
        if kind == "instance":
            variant = instance_endpoint().find_production_variant("main")
        else:
            variant = serverless_endpoint(provisioned=None).find_production_variant("sl")
        with pytest.raises(
            ValidationError,
            match=rf"Endpoint 'ep': variant '{variant.variant_name}': "
            r"auto_scale_provisioned_concurrency needs a serverless variant with "
            r"provisioned_concurrency",
        ):
            variant.auto_scale_provisioned_concurrency(max_capacity=3)

    run(program)

    assert scaling_registrations(rec) == []
