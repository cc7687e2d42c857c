"""The component floor: ``stack_ours.py``'s resources, by hand, inside empty components.

Usage: ``.venv/bin/python bench/stack_floor.py N`` (prints a ``BENCH_RESULT`` line, see
``stack_common``).

What any component package must pay at least: the same custom resources with the same inputs
as ``stack_ours.py`` (checked resource by resource by ``run.py``: URNs, types, parents, inputs,
dependencies), wrapped in empty components laid out like ours (two ``Model``, an
``EndpointConfig``, an ``Endpoint`` and its ``ScalableInstanceCount`` per endpoint), each an
instance of an empty ``ComponentResource`` subclass (``EmptyComponent``: a package's
components are subclasses, and the SDK treats subclasses differently, see there) calling
``register_outputs`` with the same keys. No package logic: values the same for every
endpoint (the ECR URI, the policy document, the service-linked role ARN, ...) are built once,
with the three environment invokes made once, as ``stack_raw.py`` does.
"""

from __future__ import annotations

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
from stack_raw import ASSUME_ROLE_POLICY

INSTANCE_COUNT = "sagemaker:variant:DesiredInstanceCount"
SERVICE_LINKED_ROLE = (
    "role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/"
    "AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint"
)
LOG_ACTIONS = [
    "logs:CreateLogGroup",
    "logs:CreateLogStream",
    "logs:PutLogEvents",
    "logs:DescribeLogStreams",
]
PULL_ACTIONS = [
    "ecr:BatchCheckLayerAvailability",
    "ecr:GetDownloadUrlForLayer",
    "ecr:BatchGetImage",
]


def _policy_document(partition: str, region: str, account: str, bucket: str) -> str:
    """The model role's inline policy, as our ``Model`` writes it (statement for statement)."""
    import json

    def allow(actions: list[str], resource: str, sid: str) -> dict[str, object]:
        return {"Effect": "Allow", "Action": actions, "Resource": [resource], "Sid": sid}

    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                allow(
                    LOG_ACTIONS,
                    f"arn:{partition}:logs:{region}:{account}:log-group:/aws/sagemaker/Endpoints/*",
                    "WriteLogs",
                ),
                allow(["cloudwatch:PutMetricData"], "*", "PutMetrics"),
                allow(
                    PULL_ACTIONS,
                    f"arn:{partition}:ecr:{region}:{account}:repository/{REPOSITORY}",
                    "PullImage",
                ),
                allow(["ecr:GetAuthorizationToken"], "*", "EcrAuth"),
                allow(
                    ["s3:GetObject"], f"arn:{partition}:s3:::{bucket}/{MODEL_KEY}", "ReadModelData"
                ),
            ],
        }
    )


class EmptyComponent(pulumi.ComponentResource):
    """An empty component: what every component package's classes are at least.

    A subclass, not ``pulumi.ComponentResource`` itself: the SDK records the program's call
    stack with each registration, starting at the *third* ``__init__`` from the top (the
    concrete class's), and a bare ``ComponentResource(...)`` has only two, so the SDK would
    skip its stack entirely: a saving no component package gets (its classes are subclasses).
    """

    def __init__(self, type_: str, name: str, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(type_, name, None, opts)


class Shared:
    """Values every endpoint uses, built once."""

    def __init__(self, bucket: aws.s3.Bucket) -> None:
        identity = aws.get_caller_identity_output()
        region = aws.get_region_output()
        partition = aws.get_partition_output()
        env = pulumi.Output.all(
            identity.account_id, region.region, partition.partition, partition.dns_suffix
        )
        self.image = env.apply(lambda e: f"{e[0]}.dkr.ecr.{e[1]}.{e[3]}/{REPOSITORY}:{TAG}")
        self.data_url = bucket.bucket.apply(lambda b: f"s3://{b}/{MODEL_KEY}")
        self.policy = pulumi.Output.all(env, bucket.bucket).apply(
            lambda eb: _policy_document(eb[0][2], eb[0][1], eb[0][0], eb[1])
        )
        self.scaling_role = env.apply(lambda e: f"arn:{e[2]}:iam::{e[0]}:{SERVICE_LINKED_ROLE}")
        self.url_prefix = env.apply(lambda e: f"https://runtime.sagemaker.{e[1]}.{e[3]}/endpoints/")


def _model(name: str, shared: Shared, containers: list[dict[str, object]]) -> aws.sagemaker.Model:
    component = EmptyComponent("sagemaker-hosting:index:Model", name)
    child = pulumi.ResourceOptions(parent=component)
    role = aws.iam.Role(
        f"{name}-role",
        assume_role_policy=ASSUME_ROLE_POLICY,
        description=f"Execution role of the SageMaker model {name}",
        opts=child,
    )
    policy = aws.iam.RolePolicy(f"{name}-policy", role=role.name, policy=shared.policy, opts=child)
    args: dict[str, object] = (
        {"primary_container": containers[0]} if len(containers) == 1 else {"containers": containers}
    )
    model = aws.sagemaker.Model(
        f"{name}-model",
        execution_role_arn=role.arn,
        opts=pulumi.ResourceOptions(parent=component, depends_on=[policy]),
        **args,  # type: ignore[arg-type]
    )
    component.register_outputs(
        {"model_name": model.name, "model_arn": model.arn, "role_arn": role.arn}
    )
    return model


def _variant(model: aws.sagemaker.Model, name: str, weight: float) -> dict[str, object]:
    return {
        "model_name": model.name,
        "variant_name": name,
        "instance_type": INSTANCE_TYPE,
        "initial_instance_count": 1,
        "initial_variant_weight": weight,
    }


def build(n: int) -> None:
    """Build ``n`` endpoints sharing one bucket: raw resources in empty components."""
    bucket = aws.s3.Bucket("artifacts")
    shared = Shared(bucket)
    full = {"image": shared.image, "model_data_url": shared.data_url}
    for i in range(n):
        model_a = _model(f"model-a-{i}", shared, [full])
        model_b = _model(f"model-b-{i}", shared, [full, {"image": shared.image}, full])

        config_component = EmptyComponent("sagemaker-hosting:index:EndpointConfig", f"config-{i}")
        config = aws.sagemaker.EndpointConfiguration(
            f"config-{i}-config",
            production_variants=[  # type: ignore[arg-type]
                _variant(model_a, "modelA", 2.0),
                _variant(model_b, "variantB", 1.0),
            ],
            opts=pulumi.ResourceOptions(parent=config_component),
        )
        config_component.register_outputs(
            {"endpoint_config_name": config.name, "endpoint_config_arn": config.arn}
        )

        name = f"endpoint-{i}"
        # Children of a hyphenated owner are "<owner>/<member>" (unambiguous logical names).
        owned = f"{name}/"
        component = EmptyComponent("sagemaker-hosting:index:Endpoint", name)
        endpoint = aws.sagemaker.Endpoint(
            f"{name}-endpoint",
            endpoint_config_name=config.name,
            opts=pulumi.ResourceOptions(parent=component),
        )
        component.register_outputs(
            {
                "endpoint_name": endpoint.name,
                "endpoint_arn": endpoint.arn,
                "invocation_url": pulumi.Output.all(shared.url_prefix, endpoint.name).apply(
                    lambda pn: f"{pn[0]}{pn[1]}/invocations"
                ),
            }
        )

        scaling = EmptyComponent(
            "sagemaker-hosting:index:ScalableInstanceCount",
            f"{owned}modelA-instance-count",
            opts=pulumi.ResourceOptions(parent=component),
        )
        target = aws.appautoscaling.Target(
            f"{owned}modelA-instance-count-target",
            service_namespace="sagemaker",
            scalable_dimension=INSTANCE_COUNT,
            resource_id=endpoint.name.apply(lambda n: f"endpoint/{n}/variant/modelA"),
            min_capacity=1,
            max_capacity=MAX_CAPACITY,
            role_arn=shared.scaling_role,
            opts=pulumi.ResourceOptions(parent=scaling),
        )
        scaling.register_outputs({"target_arn": target.arn})
        aws.appautoscaling.Policy(
            f"{owned}modelA-instance-count-LimitRPS",
            policy_type="TargetTrackingScaling",
            service_namespace=target.service_namespace,
            scalable_dimension=target.scalable_dimension,
            resource_id=target.resource_id,
            target_tracking_scaling_policy_configuration={
                "target_value": TARGET_VALUE,
                "predefined_metric_specification": {
                    "predefined_metric_type": "SageMakerVariantInvocationsPerInstance"
                },
            },
            opts=pulumi.ResourceOptions(parent=scaling),
        )
        aws.cloudwatch.MetricAlarm(
            f"{owned}ModelLatencyAlarm",
            comparison_operator="GreaterThanOrEqualToThreshold",
            threshold=float(LATENCY_THRESHOLD),
            evaluation_periods=EVALUATION_PERIODS,
            namespace="AWS/SageMaker",
            metric_name="ModelLatency",
            statistic="Average",
            period=300,
            dimensions={"EndpointName": endpoint.name, "VariantName": "modelA"},
            opts=pulumi.ResourceOptions(parent=component),
        )


if __name__ == "__main__":
    main(build)
