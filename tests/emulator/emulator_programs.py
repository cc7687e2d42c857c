"""Shared raw pulumi_aws programs for the emulator tests (not our components)."""

from __future__ import annotations

import json

import pulumi
import pulumi_aws as aws

ACCOUNT = "123456789012"
IMAGE = f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/serve@sha256:" + "a" * 64
TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "sagemaker.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)
VARIANT = "AllTraffic"


def hosting(
    dimension: str = "sagemaker:variant:DesiredInstanceCount",
    model_name: pulumi.Input[str] | None = None,
) -> dict[str, pulumi.CustomResource]:
    """Role -> model -> config -> endpoint -> scalable target, as raw pulumi_aws."""
    role = aws.iam.Role("role", assume_role_policy=TRUST)
    model = aws.sagemaker.Model(
        "model",
        execution_role_arn=role.arn,
        primary_container={"image": IMAGE, "environment": {"LOG_LEVEL": "info"}},
    )
    config = aws.sagemaker.EndpointConfiguration(
        "config",
        production_variants=[
            {
                "model_name": model_name if model_name is not None else model.name,
                "variant_name": VARIANT,
                "instance_type": "ml.m5.large",
                "initial_instance_count": 2,
                "initial_variant_weight": 1.0,
            }
        ],
    )
    endpoint = aws.sagemaker.Endpoint("endpoint", endpoint_config_name=config.name)
    target = aws.appautoscaling.Target(
        "target",
        service_namespace="sagemaker",
        scalable_dimension=dimension,
        resource_id=pulumi.Output.concat("endpoint/", endpoint.name, "/variant/", VARIANT),
        min_capacity=1,
        max_capacity=4,
    )
    return {"role": role, "model": model, "config": config, "endpoint": endpoint, "target": target}
