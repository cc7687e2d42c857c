"""v1 -> v2 pairs of one program: each rollout check applies v1, then plans v2.

Every scenario builds the same stack (role, model, config, fixed- or auto-named endpoint,
scaling, an alarm) from :class:`Knobs`; v2 turns one knob. Logical names carry the scenario's
key, so all scenarios share one emulated account.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pulumi_aws as aws

import pulumi_sagemaker_hosting as sm


@dataclass(frozen=True)
class Knobs:
    """What a scenario may change between v1 and v2."""

    image_tag: str = "v1"
    model_data_key: str = "v1/model.tar.gz"
    weights: tuple[float, float] = (1.0, 1.0)
    max_capacity: int = 4
    alarm_threshold: float = 500_000
    canary_wait: int = 600
    endpoint_name: str | None = None
    endpoint_tags: dict[str, str] = field(default_factory=dict)
    instance_type: str = "ml.m5.large"


@dataclass(frozen=True)
class Scenario:
    """One change, its v1 and v2 knobs and the planned action per resource it asserts."""

    key: str
    change: str
    """The change in words (the README table's first column)."""
    v1: Knobs
    v2: Knobs
    expected: dict[str, str]
    """``{role: action}`` with roles model/config/endpoint/target/alarm/policy and actions
    ``replace`` (create the new one, then delete the old), ``update`` (in place), ``no-op``."""


def program(key: str, knobs: Knobs) -> None:
    """The stack of one scenario at one version (call inside a Pulumi program)."""
    bucket = aws.s3.Bucket(f"{key}-artifacts")
    model = sm.Model(
        f"{key}-model",
        containers=[
            sm.ContainerDefinition(
                image=sm.ContainerImage.from_ecr_repository("serve", knobs.image_tag),
                model_data=sm.ModelData.from_bucket(bucket, knobs.model_data_key),
            )
        ],
    )
    shadowless = sm.Model(
        f"{key}-second",
        containers=[
            sm.ContainerDefinition(image=sm.ContainerImage.from_ecr_repository("serve", "stable"))
        ],
    )
    config = sm.EndpointConfig(
        f"{key}-config",
        instance_production_variants=[
            sm.InstanceProductionVariant(
                model=model,
                variant_name="main",
                instance_type=knobs.instance_type,
                initial_instance_count=2,
                initial_variant_weight=knobs.weights[0],
            ),
            sm.InstanceProductionVariant(
                model=shadowless,
                variant_name="second",
                instance_type=knobs.instance_type,
                initial_instance_count=1,
                initial_variant_weight=knobs.weights[1],
            ),
        ],
    )
    endpoint = sm.Endpoint(
        f"{key}-endpoint",
        endpoint_config=config,
        endpoint_name=knobs.endpoint_name,
        deployment=sm.BlueGreenDeployment(
            traffic_routing=sm.TrafficRouting.canary(
                sm.CapacitySize.percent(25), wait_interval=knobs.canary_wait
            ),
        ),
        tags=knobs.endpoint_tags or None,
    )
    variant = endpoint.find_production_variant("main")
    scaling = variant.auto_scale_instance_count(min_capacity=1, max_capacity=knobs.max_capacity)
    scaling.scale_on_invocations("rps", max_requests_per_second=20)
    variant.metric_model_latency(statistic="p99", period=60).create_alarm(
        f"{key}-latency", threshold=knobs.alarm_threshold, evaluation_periods=3
    )


BASE = Knobs()
SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "image",
        "a new image (tag or digest)",
        BASE,
        replace(BASE, image_tag="v2"),
        {"model": "replace", "config": "replace", "endpoint": "update", "second": "no-op"},
    ),
    Scenario(
        "data",
        "new model data (another S3 key)",
        BASE,
        replace(BASE, model_data_key="v2/model.tar.gz"),
        {"model": "replace", "config": "replace", "endpoint": "update", "policy": "update"},
    ),
    Scenario(
        "weight",
        "a new variant weight",
        BASE,
        replace(BASE, weights=(2.0, 1.0)),
        {"model": "no-op", "config": "replace", "endpoint": "update"},
    ),
    Scenario(
        "instance",
        "a new instance type",
        BASE,
        replace(BASE, instance_type="ml.c5.xlarge"),
        {"model": "no-op", "config": "replace", "endpoint": "update"},
    ),
    Scenario(
        "bounds",
        "new scaling bounds",
        BASE,
        replace(BASE, max_capacity=8),
        {"target": "update", "config": "no-op", "endpoint": "no-op"},
    ),
    Scenario(
        "threshold",
        "a new alarm threshold",
        BASE,
        replace(BASE, alarm_threshold=250_000),
        {"alarm": "update", "endpoint": "no-op"},
    ),
    Scenario(
        "guardrail",
        "new guardrail settings (canary wait)",
        BASE,
        replace(BASE, canary_wait=300),
        {"endpoint": "update", "config": "no-op"},
    ),
    Scenario(
        "tags",
        "new endpoint tags",
        BASE,
        replace(BASE, endpoint_tags={"team": "ml"}),
        {"endpoint": "update", "config": "no-op"},
    ),
    Scenario(
        "rename",
        "a new fixed endpoint name",
        replace(BASE, endpoint_name="rollout-rename-a"),
        replace(BASE, endpoint_name="rollout-rename-b"),
        {"endpoint": "replace", "config": "no-op", "target": "replace", "alarm": "update"},
    ),
)
