"""Programs at the edges of what the package's validation accepts.

Each value is the extreme (or the unusual form) our checks let through; the Terraform layer
plans and applies them, so anything the upstream provider rejects shows up as a validation
bug of ours.
"""

from __future__ import annotations

from collections.abc import Callable

import pulumi
import pulumi_aws as aws

import pulumi_sagemaker_hosting as sm


def _model(name: str) -> sm.Model:
    return sm.Model(
        name,
        containers=[
            sm.ContainerDefinition(
                image=sm.ContainerImage.from_ecr_repository("serve", "v1"),
                environment={"A" * 1024: "v" * 1024},
            )
        ],
    )


def instance_limits() -> None:
    """Longest names, longest timeouts, largest volume, a 36-character config prefix."""
    model = _model("edge-limits")
    config = sm.EndpointConfig(
        "edge-limits",
        endpoint_config_name="c" * 36,
        instance_production_variants=[
            sm.InstanceProductionVariant(
                model=model,
                variant_name="v" * 63,
                instance_type=sm.InstanceType.M5_LARGE,
                initial_instance_count=2,
                initial_variant_weight=0.0,
                container_startup_health_check_timeout=3600,
                model_data_download_timeout=3600,
                volume_size_in_gb=512,
            ),
            sm.InstanceProductionVariant(
                model=model, variant_name="b", instance_type=sm.InstanceType.M5_LARGE
            ),
        ],
    )
    endpoint = sm.Endpoint(
        "edge-limits",
        endpoint_config=config,
        endpoint_name="e" * 63,
        deployment=sm.BlueGreenDeployment(
            traffic_routing=sm.TrafficRouting.linear(sm.CapacitySize.percent(50), wait_interval=0),
            termination_wait=3600,
            maximum_execution_timeout=14400,
        ),
    )
    variant = endpoint.find_production_variant("b")
    scaling = variant.auto_scale_instance_count(min_capacity=1, max_capacity=10)
    scaling.scale_on_schedule(
        "night", schedule=sm.Schedule.cron(minute="0", hour="20"), min_capacity=0, max_capacity=1
    )
    scaling.scale_on_metric(
        "steps",
        metric=variant.metric_cpu_utilization(),
        steps=[
            sm.ScalingInterval(upper=10, change=-1),
            sm.ScalingInterval(lower=80, change=2),
        ],
    )


def statistics() -> None:
    """Every extended-statistic form our check accepts, on alarms and in metric math."""
    model = _model("edge-stats")
    config = sm.EndpointConfig(
        "edge-stats",
        instance_production_variants=[
            sm.InstanceProductionVariant(model=model, variant_name="main")
        ],
    )
    endpoint = sm.Endpoint("edge-stats", endpoint_config=config)
    variant = endpoint.find_production_variant("main")
    topic = aws.sns.Topic("edge-stats-topic")
    stats = (
        "p99.99",
        "p100",
        "p0",
        "tm90",
        "wm99",
        "tc90",
        "ts95",
        "IQM",
        "TM(10%:90%)",
        "PR(:300)",
    )
    for i, stat in enumerate(stats):
        variant.metric_model_latency(statistic=stat, period=10).create_alarm(
            f"stat-{i}",
            threshold=1,
            evaluation_periods=1,
            alarm_actions=[topic.arn] * 5,
            alarm_description="d" * 1024,
        )
    variant.metric_invocations().create_alarm(
        "longest",
        threshold=1,
        evaluation_periods=1,
        alarm_name="a" * 255,
        alarm_description="d" * 1024,
    )
    latency = variant.metric_model_latency(statistic="tm90")
    sm.MathExpression("m1 * 2", {"m1": latency}).create_alarm(
        "math", threshold=1, evaluation_periods=1
    )


def serverless() -> None:
    """Serverless at its maxima, data capture and async at theirs."""
    model = _model("edge-serverless")
    config = sm.EndpointConfig(
        "edge-serverless",
        serverless_production_variant=sm.ServerlessProductionVariant(
            model=model,
            variant_name="s",
            max_concurrency=200,
            memory_size_in_mb=6144,
            provisioned_concurrency=200,
        ),
    )
    endpoint = sm.Endpoint("edge-serverless", endpoint_config=config)
    variant = endpoint.find_production_variant("s")
    variant.auto_scale_provisioned_concurrency(min_capacity=1, max_capacity=200)


def _simple(name: str) -> sm.Model:
    return sm.Model(
        name,
        containers=[
            sm.ContainerDefinition(image=sm.ContainerImage.from_ecr_repository("serve", "v1"))
        ],
    )


def capture() -> None:
    """A shadow variant, a KMS-encrypted config, data capture at 0 % with content types."""
    key = aws.kms.Key("edge-capture-key")
    bucket = aws.s3.Bucket("edge-capture-bucket")
    config = sm.EndpointConfig(
        "edge-capture",
        instance_production_variants=[
            sm.InstanceProductionVariant(
                model=_simple("edge-capture-main"),
                variant_name="main",
                instance_type=sm.InstanceType.M5_LARGE,
            )
        ],
        shadow_production_variants=[
            sm.InstanceProductionVariant(
                model=_simple("edge-capture-shadow"),
                variant_name="shadow",
                instance_type=sm.InstanceType.M5_LARGE,
            )
        ],
        encryption_key=key,
        data_capture=sm.DataCapture(
            pulumi.Output.concat("s3://", bucket.bucket, "/capture"),
            sampling_percentage=0,
            kms_key=key,
            json_content_types=["application/json"],
            csv_content_types=["text/csv"],
        ),
    )
    sm.Endpoint("edge-capture", endpoint_config=config)


def asynchronous() -> None:
    """Async inference at its concurrency maximum, both notifications, a KMS key."""
    key = aws.kms.Key("edge-async-key")
    bucket = aws.s3.Bucket("edge-async-bucket")
    topic = aws.sns.Topic("edge-async-topic")
    prefix = pulumi.Output.concat("s3://", bucket.bucket)
    config = sm.EndpointConfig(
        "edge-async",
        instance_production_variants=[
            sm.InstanceProductionVariant(
                model=_simple("edge-async"),
                variant_name="main",
                instance_type=sm.InstanceType.M5_LARGE,
            )
        ],
        async_inference=sm.AsyncInference(
            output_path=pulumi.Output.concat(prefix, "/out"),
            failure_path=pulumi.Output.concat(prefix, "/failed"),
            success_topic=topic,
            error_topic=topic,
            include_inference_response_in=[
                "SUCCESS_NOTIFICATION_TOPIC",
                "ERROR_NOTIFICATION_TOPIC",
            ],
            max_concurrent_invocations_per_instance=1000,
            kms_key=key,
        ),
    )
    sm.Endpoint("edge-async", endpoint_config=config)


def rolling() -> None:
    """A rolling deployment at its maxima, rolled back by the default alarms."""
    config = sm.EndpointConfig(
        "edge-rolling",
        instance_production_variants=[
            sm.InstanceProductionVariant(
                model=_simple("edge-rolling"),
                variant_name="main",
                instance_type=sm.InstanceType.M5_LARGE,
                initial_instance_count=4,
            )
        ],
    )
    endpoint = sm.Endpoint(
        "edge-rolling",
        endpoint_config=config,
        endpoint_name="edge-rolling",
        deployment=sm.RollingDeployment(
            sm.CapacitySize.percent(50),
            wait_interval=3600,
            maximum_execution_timeout=14400,
            rollback_maximum_batch_size=sm.CapacitySize.percent(100),
        ),
    )
    endpoint.add_default_rollback_alarms(error_threshold=5, latency_threshold=1000)


EDGES: dict[str, Callable[[], None]] = {
    "edge-capture": capture,
    "edge-async": asynchronous,
    "edge-rolling": rolling,
    "edge-limits": instance_limits,
    "edge-statistics": statistics,
    "edge-serverless": serverless,
}
