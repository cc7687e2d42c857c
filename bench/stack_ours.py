"""The benchmark stack written with ``pulumi_sagemaker_hosting``'s components.

Usage: ``.venv/bin/python bench/stack_ours.py N`` builds N endpoints (one shared bucket) and
prints a ``BENCH_RESULT`` JSON line (see ``stack_common``). ``stack_raw.py`` builds the same
custom resources by hand.
"""

from __future__ import annotations

import sys

import pulumi_aws as aws

if __package__ in (None, ""):
    sys.path.insert(0, __file__.rsplit("/", 1)[0])

from stack_common import (
    EVALUATION_PERIODS,
    INSTANCE_TYPE,
    LATENCY_THRESHOLD,
    MAX_CAPACITY,
    MAX_RPS,
    MODEL_KEY,
    REPOSITORY,
    TAG,
    main,
)

import pulumi_sagemaker_hosting as sm


def build(n: int) -> None:
    """Build ``n`` endpoints sharing one bucket, with the components."""
    bucket = aws.s3.Bucket("artifacts")
    image = sm.ContainerImage.from_ecr_repository(REPOSITORY, TAG)
    data = sm.ModelData.from_bucket(bucket, MODEL_KEY)
    for i in range(n):
        model_a = sm.Model(
            f"model-a-{i}", containers=[sm.ContainerDefinition(image=image, model_data=data)]
        )
        model_b = sm.Model(
            f"model-b-{i}",
            container=sm.ContainerDefinition(image=image, model_data=data),
            extra_containers=[
                sm.ContainerDefinition(image=image),
                sm.ContainerDefinition(image=image, model_data=data),
            ],
        )
        config = sm.EndpointConfig(
            f"config-{i}",
            instance_production_variants=[
                sm.InstanceProductionVariant(
                    model=model_a,
                    variant_name="modelA",
                    instance_type=INSTANCE_TYPE,
                    initial_variant_weight=2.0,
                ),
                sm.InstanceProductionVariant(
                    model=model_b,
                    variant_name="variantB",
                    instance_type=INSTANCE_TYPE,
                    initial_variant_weight=1.0,
                ),
            ],
        )
        endpoint = sm.Endpoint(f"endpoint-{i}", endpoint_config=config)
        variant = endpoint.find_production_variant("modelA")
        variant.auto_scale_instance_count(max_capacity=MAX_CAPACITY).scale_on_invocations(
            "LimitRPS", max_requests_per_second=MAX_RPS
        )
        variant.metric_model_latency().create_alarm(
            "ModelLatencyAlarm", threshold=LATENCY_THRESHOLD, evaluation_periods=EVALUATION_PERIODS
        )


if __name__ == "__main__":
    main(build)
