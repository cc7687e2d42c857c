"""The benchmark stack written by hand with raw ``pulumi_aws`` (the baseline).

Usage: ``.venv/bin/python bench/stack_raw.py N`` builds N endpoints (one shared bucket) and
prints a ``BENCH_RESULT`` JSON line (see ``stack_common``).

Per endpoint it creates what ``stack_ours.py`` creates through the components: per model an
IAM role and a least-privilege inline policy (ECR pull on the repository, S3 GetObject on the
model object, CloudWatch logs and metrics) and the SageMaker model; a two-variant endpoint
configuration (weights 2:1), the endpoint, an Application Auto Scaling target and
target-tracking policy on the first variant, and a model-latency alarm.
"""

from __future__ import annotations

import json
import sys

import pulumi
import pulumi_aws as aws

if __package__ in (None, ""):
    sys.path.insert(0, __file__.rsplit("/", 1)[0])

from stack_common import (
    EVALUATION_PERIODS,
    INSTANCE_TYPE,
    LATENCY_THRESHOLD,
    MAX_CAPACITY,
    MODEL_KEY,
    REPOSITORY,
    TAG,
    TARGET_VALUE,
    main,
)

ASSUME_ROLE_POLICY = json.dumps(
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


def _policy_document(partition: str, region: str, account: str, bucket: str) -> str:
    """The model role's inline policy, as our ``Model`` writes it."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": [
                        "ecr:BatchCheckLayerAvailability",
                        "ecr:GetDownloadUrlForLayer",
                        "ecr:BatchGetImage",
                    ],
                    "Resource": f"arn:{partition}:ecr:{region}:{account}:repository/{REPOSITORY}",
                },
                {"Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"},
                {
                    "Effect": "Allow",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:{partition}:s3:::{bucket}/{MODEL_KEY}",
                },
                {
                    "Effect": "Allow",
                    "Action": [
                        "logs:CreateLogGroup",
                        "logs:CreateLogStream",
                        "logs:PutLogEvents",
                        "logs:DescribeLogStreams",
                    ],
                    "Resource": (
                        f"arn:{partition}:logs:{region}:{account}:log-group:/aws/sagemaker/*"
                    ),
                },
                {
                    "Effect": "Allow",
                    "Action": "cloudwatch:PutMetricData",
                    "Resource": "*",
                    "Condition": {"StringEquals": {"cloudwatch:namespace": "AWS/SageMaker"}},
                },
            ],
        }
    )


def _model(
    name: str,
    policy: pulumi.Output[str],
    image: pulumi.Output[str],
    data_url: pulumi.Output[str],
    *,
    pipeline: bool,
) -> aws.sagemaker.Model:
    """An execution role, its inline policy and a single-container or pipeline model."""
    role = aws.iam.Role(f"{name}-role", assume_role_policy=ASSUME_ROLE_POLICY)
    role_policy = aws.iam.RolePolicy(f"{name}-policy", role=role.id, policy=policy)
    container = aws.sagemaker.ModelPrimaryContainerArgs(image=image, model_data_url=data_url)
    if pipeline:
        containers = [
            aws.sagemaker.ModelContainerArgs(image=image, model_data_url=data_url),
            aws.sagemaker.ModelContainerArgs(image=image),
            aws.sagemaker.ModelContainerArgs(image=image, model_data_url=data_url),
        ]
        return aws.sagemaker.Model(
            name,
            execution_role_arn=role.arn,
            containers=containers,
            opts=pulumi.ResourceOptions(depends_on=[role_policy]),
        )
    return aws.sagemaker.Model(
        name,
        execution_role_arn=role.arn,
        primary_container=container,
        opts=pulumi.ResourceOptions(depends_on=[role_policy]),
    )


def build(n: int) -> None:
    """Build ``n`` endpoints sharing one bucket, by hand."""
    bucket = aws.s3.Bucket("artifacts")
    identity = aws.get_caller_identity_output()
    region = aws.get_region_output()
    partition = aws.get_partition_output()
    image = pulumi.Output.format(
        "{0}.dkr.ecr.{1}.{2}/{3}:{4}",
        identity.account_id,
        region.region,
        partition.dns_suffix,
        REPOSITORY,
        TAG,
    )
    data_url = pulumi.Output.format("s3://{0}/{1}", bucket.bucket, MODEL_KEY)
    policy = pulumi.Output.all(
        partition.partition, region.region, identity.account_id, bucket.bucket
    ).apply(lambda args: _policy_document(*args))

    for i in range(n):
        model_a = _model(f"model-a-{i}", policy, image, data_url, pipeline=False)
        model_b = _model(f"model-b-{i}", policy, image, data_url, pipeline=True)
        config = aws.sagemaker.EndpointConfiguration(
            f"config-{i}",
            production_variants=[
                aws.sagemaker.EndpointConfigurationProductionVariantArgs(
                    model_name=model_a.name,
                    variant_name="modelA",
                    instance_type=INSTANCE_TYPE,
                    initial_instance_count=1,
                    initial_variant_weight=2.0,
                ),
                aws.sagemaker.EndpointConfigurationProductionVariantArgs(
                    model_name=model_b.name,
                    variant_name="variantB",
                    instance_type=INSTANCE_TYPE,
                    initial_instance_count=1,
                    initial_variant_weight=1.0,
                ),
            ],
        )
        endpoint = aws.sagemaker.Endpoint(f"endpoint-{i}", endpoint_config_name=config.name)
        target = aws.appautoscaling.Target(
            f"endpoint-{i}-modelA-target",
            service_namespace="sagemaker",
            scalable_dimension="sagemaker:variant:DesiredInstanceCount",
            resource_id=endpoint.name.apply(lambda name: f"endpoint/{name}/variant/modelA"),
            min_capacity=1,
            max_capacity=MAX_CAPACITY,
        )
        aws.appautoscaling.Policy(
            f"endpoint-{i}-modelA-LimitRPS",
            policy_type="TargetTrackingScaling",
            service_namespace=target.service_namespace,
            scalable_dimension=target.scalable_dimension,
            resource_id=target.resource_id,
            target_tracking_scaling_policy_configuration=aws.appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationArgs(
                target_value=TARGET_VALUE,
                predefined_metric_specification=aws.appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs(
                    predefined_metric_type="SageMakerVariantInvocationsPerInstance",
                ),
            ),
        )
        aws.cloudwatch.MetricAlarm(
            f"endpoint-{i}-modelA-ModelLatencyAlarm",
            namespace="AWS/SageMaker",
            metric_name="ModelLatency",
            statistic="Average",
            period=300,
            dimensions={"EndpointName": endpoint.name, "VariantName": "modelA"},
            comparison_operator="GreaterThanOrEqualToThreshold",
            threshold=LATENCY_THRESHOLD,
            evaluation_periods=EVALUATION_PERIODS,
        )


if __name__ == "__main__":
    main(build)
