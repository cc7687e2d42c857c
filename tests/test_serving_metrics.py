"""Variant-handle metrics for multi-model and LLM endpoints, and serverless exclusions (issue 10).

Namespaces and statistics from
https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html (multi-model loading
metrics in AWS/SageMaker, LoadedModelCount per instance in /aws/sagemaker/Endpoints).
"""

from __future__ import annotations

from typing import Any

import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting import Metric, ValidationError
from pulumi_sagemaker_hosting.testing import RecordingMonitor, run

IMAGE = sm.ContainerImage.from_ecr_repository("repo", "v1")
ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"

MULTI_MODEL_METRICS = [
    ("metric_model_loading_wait_time", "AWS/SageMaker", "ModelLoadingWaitTime"),
    ("metric_model_unloading_time", "AWS/SageMaker", "ModelUnloadingTime"),
    ("metric_model_downloading_time", "AWS/SageMaker", "ModelDownloadingTime"),
    ("metric_model_loading_time", "AWS/SageMaker", "ModelLoadingTime"),
    ("metric_model_cache_hit", "AWS/SageMaker", "ModelCacheHit"),
    ("metric_loaded_model_count", "/aws/sagemaker/Endpoints", "LoadedModelCount"),
]


def fleet_model(multi_model: bool = True) -> sm.Model:
    data = sm.ModelData.from_s3_prefix("s3://models/fleet/")
    return sm.Model(
        "fleet",
        containers=[
            sm.ContainerDefinition(image=IMAGE, model_data=data, multi_model=multi_model)
            if multi_model
            else sm.ContainerDefinition(image=IMAGE)
        ],
    )


def endpoint_for(model: sm.ModelReference, instance_type: str = "ml.m5.large") -> sm.Endpoint:
    config = sm.EndpointConfig(
        "cfg",
        instance_production_variants=[
            sm.InstanceProductionVariant(model=model, variant_name="v", instance_type=instance_type)
        ],
    )
    return sm.Endpoint("ep", endpoint_config=config)


@pytest.mark.parametrize(("method", "namespace", "metric_name"), MULTI_MODEL_METRICS)
def test_multi_model_metrics(
    rec: RecordingMonitor, method: str, namespace: str, metric_name: str
) -> None:
    def program() -> None:
        endpoint = endpoint_for(fleet_model())
        metric = getattr(endpoint.find_production_variant("v"), method)()
        assert isinstance(metric, Metric)
        assert (metric.namespace, metric.metric_name, metric.statistic, metric.period) == (
            namespace,
            metric_name,
            "Average",
            300,
        )
        assert list(metric.dimensions) == ["EndpointName", "VariantName"]
        assert metric.dimensions["VariantName"] == "v"
        metric.with_(statistic="p90", period=60).create_alarm(
            f"{metric_name}-alarm", threshold=1, evaluation_periods=2
        )

    run(program)
    (alarm,) = rec.of_type(ALARM)
    assert (alarm.inputs["namespace"], alarm.inputs["metricName"]) == (namespace, metric_name)
    assert (alarm.inputs["extendedStatistic"], alarm.inputs["period"]) == ("p90", 60)
    assert alarm.inputs["dimensions"]["VariantName"] == "v"


@pytest.mark.parametrize(("method", "namespace", "metric_name"), MULTI_MODEL_METRICS)
def test_multi_model_metrics_refuse_a_single_model_variant(
    rec: RecordingMonitor, method: str, namespace: str, metric_name: str
) -> None:
    def program() -> None:
        variant = endpoint_for(fleet_model(multi_model=False)).find_production_variant("v")
        with pytest.raises(
            ValidationError,
            match=rf"Endpoint 'ep': variant 'v': {metric_name} is published only for "
            r"multi-model endpoints; the variant's model 'fleet' has no multi_model=True",
        ):
            getattr(variant, method)()

    run(program)


def test_multi_model_metrics_on_an_imported_model_are_allowed(rec: RecordingMonitor) -> None:
    def program() -> None:
        variant = endpoint_for(sm.Model.from_model_name("fleet")).find_production_variant("v")
        assert variant.metric_loaded_model_count(statistic="Sum").statistic == "Sum"

    run(program)


@pytest.mark.parametrize("period", [10, 30, 60, 120])
def test_concurrency_metric_high_resolution(rec: RecordingMonitor, period: int) -> None:
    def program() -> None:
        variant = endpoint_for(fleet_model(False), "ml.g5.2xlarge").find_production_variant("v")
        metric = variant.metric_concurrent_requests_per_model(period=period)
        assert (metric.namespace, metric.metric_name, metric.statistic, metric.period) == (
            "AWS/SageMaker",
            "ConcurrentRequestsPerModel",
            "Average",
            period,
        )
        metric.create_alarm("busy", threshold=8, evaluation_periods=3)

    run(program)
    (alarm,) = rec.of_type(ALARM)
    assert alarm.inputs["period"] == period
    assert alarm.inputs["metricName"] == "ConcurrentRequestsPerModel"


def test_concurrency_metric_defaults_to_ten_seconds(rec: RecordingMonitor) -> None:
    def program() -> None:
        variant = endpoint_for(fleet_model(False)).find_production_variant("v")
        assert variant.metric_concurrent_requests_per_model().period == 10
        assert variant.metric_concurrent_requests_per_model(statistic="Maximum").statistic == (
            "Maximum"
        )

    run(program)


@pytest.mark.parametrize("period", [0, 20, 45, 90, True])
def test_concurrency_metric_period_is_checked(rec: RecordingMonitor, period: Any) -> None:
    def program() -> None:
        variant = endpoint_for(fleet_model(False)).find_production_variant("v")
        with pytest.raises(
            ValidationError,
            match=r"variant 'v': period of the high-resolution concurrency metric must be 10 "
            r"or 30 seconds",
        ):
            variant.metric_concurrent_requests_per_model(period=period)

    run(program)


def test_scaling_on_concurrency_uses_the_predefined_high_resolution_metric(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        variant = endpoint_for(fleet_model(False), "ml.g5.2xlarge").find_production_variant("v")
        scaling = variant.auto_scale_instance_count(max_capacity=4)
        scaling.scale_to_track_metric(
            "concurrency",
            target_value=5,
            predefined_metric="SageMakerVariantConcurrentRequestsPerModelHighResolution",
        )

    run(program)
    (policy,) = rec.of_type("aws:appautoscaling/policy:Policy")
    config = policy.inputs["targetTrackingScalingPolicyConfiguration"]
    assert config["predefinedMetricSpecification"] == {
        "predefinedMetricType": "SageMakerVariantConcurrentRequestsPerModelHighResolution"
    }
    assert config["targetValue"] == 5


def test_scale_on_concurrent_requests(rec: RecordingMonitor) -> None:
    def program() -> None:
        variant = endpoint_for(fleet_model(False), "ml.g5.2xlarge").find_production_variant("v")
        scaling = variant.auto_scale_instance_count(max_capacity=4)
        scaling.scale_on_concurrent_requests(
            "concurrency", target_requests_per_model=3, scale_out_cooldown=30
        )

    run(program)
    (policy,) = rec.of_type("aws:appautoscaling/policy:Policy")
    config = policy.inputs["targetTrackingScalingPolicyConfiguration"]
    assert config == {
        "predefinedMetricSpecification": {
            "predefinedMetricType": "SageMakerVariantConcurrentRequestsPerModelHighResolution"
        },
        "targetValue": 3,
        "scaleOutCooldown": 30,
    }


@pytest.mark.parametrize("target", [0, -1, "4", float("nan")])
def test_scale_on_concurrent_requests_target_is_checked(rec: RecordingMonitor, target: Any) -> None:
    def program() -> None:
        variant = endpoint_for(fleet_model(False)).find_production_variant("v")
        scaling = variant.auto_scale_instance_count(max_capacity=2)
        with pytest.raises(
            ValidationError, match=r"policy 'c': target_requests_per_model must be > 0"
        ):
            scaling.scale_on_concurrent_requests("c", target_requests_per_model=target)

    run(program)
    assert rec.of_type("aws:appautoscaling/policy:Policy") == []


# --- Serverless exclusions -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "match"),
    [
        (
            lambda: fleet_model(),
            r"serverless variant 's' cannot serve Model 'fleet': it has a multi-model container",
        ),
        (
            lambda: sm.Model(
                "fleet",
                containers=[sm.ContainerDefinition(image=IMAGE)],
                vpc_subnet_ids=["subnet-1"],
                security_group_ids=["sg-1"],
            ),
            r"serverless variant 's' cannot serve Model 'fleet': it has a VPC configuration",
        ),
        (
            lambda: sm.Model(
                "fleet",
                containers=[
                    sm.ContainerDefinition(
                        image=sm.ContainerImage.from_private_registry("registry.example.com/x:1")
                    )
                ],
                vpc_subnet_ids=["subnet-1"],
                security_group_ids=["sg-1"],
            ),
            r"serverless variant 's' cannot serve Model 'fleet': it has a VPC configuration and an "
            r"image from a private registry",
        ),
    ],
)
def test_serverless_refuses_what_serverless_inference_excludes(
    rec: RecordingMonitor, build: Any, match: str
) -> None:
    def program() -> None:
        model = build()
        with pytest.raises(ValidationError, match=r"(?s)EndpointConfig 'cfg': .*" + match):
            sm.EndpointConfig(
                "cfg",
                serverless_production_variant=sm.ServerlessProductionVariant(
                    model=model, variant_name="s", max_concurrency=5, memory_size_in_mb=2048
                ),
            )

    run(program)
    assert rec.of_type("aws:sagemaker/endpointConfiguration:EndpointConfiguration") == []
