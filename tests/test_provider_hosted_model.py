"""HostedModel, the multi-language adapter: built directly and through the component provider."""

from __future__ import annotations

import json
from typing import Any

import pulumi
import pytest
from pulumi.provider.experimental.component import ComponentProvider
from pulumi.provider.server import ComponentInitError

from pulumi_sagemaker_hosting import ValidationError
from pulumi_sagemaker_hosting.provider import (
    COMPONENTS,
    PACKAGE_NAME,
    PACKAGE_VERSION,
    HostedModel,
    HostedModelArgs,
)
from pulumi_sagemaker_hosting.testing import RecordingMonitor, run

TOKEN = "sagemaker-hosting:index:HostedModel"
SM = "sagemaker-hosting:index:"
DLC_TAG = "2.1.0-transformers4.37.0-cpu-py310-ubuntu22.04"
DLC_IMAGE = f"763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-inference:{DLC_TAG}"

# What another language sends: camelCase keys, every number a float.
WIRE_ARGS: dict[str, Any] = {
    "dlcRepository": "huggingface-pytorch-inference",
    "imageTag": DLC_TAG,
    "environment": {"HF_TASK": "text-classification"},
    "instanceType": "ml.m5.xlarge",
    "initialInstanceCount": 2.0,
    "containerStartupHealthCheckTimeout": 600.0,
    "autoScaling": {"minCapacity": 1.0, "maxCapacity": 4.0, "maxRequestsPerSecond": 20.0},
    "latencyAlarm": {
        "threshold": 500000.0,
        "evaluationPeriods": 5.0,
        "datapointsToAlarm": 3.0,
        "alarmActions": ["arn:aws:sns:us-east-1:123456789012:alerts"],
    },
    "tags": {"team": "ml"},
}


def construct(name: str, inputs: dict[str, Any]) -> dict[str, Any]:
    provider = ComponentProvider(COMPONENTS, PACKAGE_NAME, version=PACKAGE_VERSION)
    result = provider.construct(name, TOKEN, inputs)
    return dict(result.state)


def assert_full_stack(rec: RecordingMonitor, name: str) -> None:
    """The children, parents and key inputs of the WIRE_ARGS HostedModel named ``name``."""
    (hosted,) = rec.of_type(TOKEN)
    assert hosted.name == name
    assert hosted.parent_name == "project-stack"
    assert sorted((r.type, r.name) for r in rec.children_of(hosted)) == [
        (f"{SM}Endpoint", name),
        (f"{SM}EndpointConfig", name),
        (f"{SM}Model", name),
    ]
    by_type = {r.type: r for r in rec.children_of(hosted)}
    model, config, endpoint = (
        by_type[f"{SM}Model"],
        by_type[f"{SM}EndpointConfig"],
        by_type[f"{SM}Endpoint"],
    )
    assert sorted((r.type, r.name) for r in rec.children_of(model)) == [
        ("aws:iam/role:Role", f"{name}-role"),
        ("aws:iam/rolePolicy:RolePolicy", f"{name}-policy"),
        ("aws:sagemaker/model:Model", f"{name}-model"),
    ]
    assert [r.name for r in rec.children_of(config)] == [f"{name}-config"]
    assert sorted((r.type, r.name) for r in rec.children_of(endpoint)) == [
        ("aws:cloudwatch/metricAlarm:MetricAlarm", f"{name}-ModelLatency"),
        ("aws:sagemaker/endpoint:Endpoint", f"{name}-endpoint"),
        (f"{SM}ScalableInstanceCount", f"{name}-AllTraffic-instance-count"),
    ]
    assert rec.named(f"{name}-model").inputs["primaryContainer"] == {
        "image": DLC_IMAGE,
        "environment": {"HF_TASK": "text-classification"},
    }
    assert rec.named(f"{name}-model").inputs["tags"] == {"team": "ml"}
    model_name = rec.named(f"{name}-model").outputs["name"]
    assert rec.named(f"{name}-config").inputs["productionVariants"] == [
        {
            "modelName": model_name,
            "variantName": "AllTraffic",
            "instanceType": "ml.m5.xlarge",
            "initialInstanceCount": 2,
            "initialVariantWeight": 1.0,
            "containerStartupHealthCheckTimeoutInSeconds": 600,
        }
    ]
    endpoint_name = rec.named(f"{name}-endpoint").outputs["name"]
    target = rec.named(f"{name}-AllTraffic-instance-count-target").inputs
    assert target["resourceId"] == f"endpoint/{endpoint_name}/variant/AllTraffic"
    assert (target["minCapacity"], target["maxCapacity"]) == (1, 4)
    policy = rec.named(f"{name}-AllTraffic-instance-count-Invocations").inputs
    assert policy["targetTrackingScalingPolicyConfiguration"]["targetValue"] == 600.0
    alarm = rec.named(f"{name}-ModelLatency").inputs
    assert alarm == {
        "comparisonOperator": "GreaterThanOrEqualToThreshold",
        "dimensions": {"EndpointName": endpoint_name, "VariantName": "AllTraffic"},
        "evaluationPeriods": 5,
        "datapointsToAlarm": 3,
        "extendedStatistic": "p99",
        "metricName": "ModelLatency",
        "namespace": "AWS/SageMaker",
        "period": 60,
        "threshold": 500000.0,
        "alarmActions": ["arn:aws:sns:us-east-1:123456789012:alerts"],
        "tags": {"team": "ml"},
    }
    # Parent type, own type, name: the alarm sits under the inner endpoint component.
    assert rec.named(f"{name}-ModelLatency").urn == (
        f"urn:pulumi:stack::project::{SM}Endpoint$aws:cloudwatch/metricAlarm:MetricAlarm::"
        f"{name}-ModelLatency"
    )


def expected_outputs(rec: RecordingMonitor, name: str) -> dict[str, str]:
    endpoint = rec.named(f"{name}-endpoint").outputs
    return {
        "modelName": rec.named(f"{name}-model").outputs["name"],
        "endpointConfigName": rec.named(f"{name}-config").outputs["name"],
        "endpointName": endpoint["name"],
        "endpointArn": endpoint["arn"],
        "invocationUrl": "https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/"
        f"{endpoint['name']}/invocations",
        "roleArn": rec.named(f"{name}-role").outputs["arn"],
    }


def test_construct_from_wire_inputs(rec: RecordingMonitor) -> None:
    seen: dict[str, Any] = {}

    def program() -> pulumi.Output[Any]:
        state = construct("svc", json.loads(json.dumps(WIRE_ARGS)))
        assert sorted(state) == sorted(
            [
                "modelName",
                "endpointConfigName",
                "endpointName",
                "endpointArn",
                "invocationUrl",
                "roleArn",
            ]
        )
        return pulumi.Output.all(**state).apply(seen.update)

    run(program)
    assert_full_stack(rec, "svc")
    assert seen == expected_outputs(rec, "svc")


def test_direct_python_construction(rec: RecordingMonitor) -> None:
    args: HostedModelArgs = {
        "dlc_repository": "huggingface-pytorch-inference",
        "image_tag": DLC_TAG,
        "environment": {"HF_TASK": "text-classification"},
        "instance_type": "ml.m5.xlarge",
        "initial_instance_count": 2,
        "container_startup_health_check_timeout": 600,
        "auto_scaling": {"min_capacity": 1, "max_capacity": 4, "max_requests_per_second": 20},
        "latency_alarm": {
            "threshold": 500_000,
            "evaluation_periods": 5,
            "datapoints_to_alarm": 3,
            "alarm_actions": ["arn:aws:sns:us-east-1:123456789012:alerts"],
        },
        "tags": {"team": "ml"},
    }
    seen: dict[str, Any] = {}

    def program() -> pulumi.Output[Any]:
        hosted = HostedModel("svc", args)
        return pulumi.Output.all(
            modelName=hosted.model_name,
            endpointConfigName=hosted.endpoint_config_name,
            endpointName=hosted.endpoint_name,
            endpointArn=hosted.endpoint_arn,
            invocationUrl=hosted.invocation_url,
            roleArn=hosted.role_arn,
        ).apply(seen.update)

    run(program)
    assert_full_stack(rec, "svc")
    assert seen == expected_outputs(rec, "svc")


def test_minimal_image_uri_with_existing_role_and_model_data(rec: RecordingMonitor) -> None:
    role = "arn:aws:iam::123456789012:role/existing"

    def program() -> None:
        construct(
            "tiny",
            {
                "imageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:" + "a" * 64,
                "modelDataUrl": "s3://my-models/app/model.tar.gz",
                "roleArn": role,
                "endpointName": "tiny-prod",
            },
        )

    run(program)
    custom = sorted(r.type for r in rec.registrations if r.custom)
    assert custom == [
        "aws:iam/rolePolicy:RolePolicy",
        "aws:sagemaker/endpoint:Endpoint",
        "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
        "aws:sagemaker/model:Model",
    ]
    model = rec.named("tiny-model").inputs
    assert model["executionRoleArn"] == role
    assert model["primaryContainer"]["modelDataUrl"] == "s3://my-models/app/model.tar.gz"
    grants = json.loads(rec.named("tiny-policy").inputs["policy"])
    assert rec.named("tiny-policy").inputs["role"] == "existing"
    reads = [s for s in grants["Statement"] if s.get("Sid") == "ReadModelData"]
    assert reads == [
        {
            "Effect": "Allow",
            "Action": ["s3:GetObject"],
            "Resource": ["arn:aws:s3:::my-models/app/model.tar.gz"],
            "Sid": "ReadModelData",
        }
    ]
    (variant,) = rec.named("tiny-config").inputs["productionVariants"]
    assert (variant["instanceType"], variant["initialInstanceCount"]) == ("ml.t2.medium", 1)
    assert rec.named("tiny-endpoint").inputs["name"] == "tiny-prod"


def test_serverless(rec: RecordingMonitor) -> None:
    def program() -> None:
        construct(
            "sls",
            {
                "ecrRepository": "app",
                "imageTag": "v1",
                "serverless": {
                    "maxConcurrency": 20.0,
                    "memorySizeInMb": 2048.0,
                    "provisionedConcurrency": 2.0,
                },
            },
        )

    run(program)
    (variant,) = rec.named("sls-config").inputs["productionVariants"]
    assert variant == {
        "modelName": rec.named("sls-model").outputs["name"],
        "variantName": "AllTraffic",
        "initialVariantWeight": 1.0,
        "serverlessConfig": {
            "maxConcurrency": 20,
            "memorySizeInMb": 2048,
            "provisionedConcurrency": 2,
        },
    }
    image = rec.named("sls-model").inputs["primaryContainer"]["image"]
    assert image == "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v1"


def test_validation_error_lists_every_problem_before_registering(rec: RecordingMonitor) -> None:
    bad: HostedModelArgs = {
        "ecr_repository": "app",
        "image_uri": "x",
        "initial_instance_count": 0,
        "auto_scaling": {"max_capacity": 2, "max_requests_per_second": -1},
        "latency_alarm": {"threshold": 1, "evaluation_periods": 2, "statistic": "p999x"},
        "endpoint_name": "bad_name",
    }
    with pytest.raises(ValidationError) as caught:
        run(lambda: HostedModel("svc", bad))
    error = caught.value
    assert error.component == "HostedModel 'svc'"
    assert error.problems == [
        "exactly one of imageUri, ecrRepository or dlcRepository is required, got imageUri, "
        "ecrRepository",
        "initialInstanceCount must be an integer 1 to 2147483647, got 0",
        "autoScaling.maxRequestsPerSecond must be > 0, got -1",
        "autoScaling is not supported for the burstable instance type 'ml.t2.medium'; set "
        "instanceType to e.g. ml.m5.large or ml.c5.large",
        "latencyAlarm.statistic must be one of SampleCount, Average, Sum, Minimum, Maximum or an "
        "extended statistic (p99, tm90, wm99, tc90, ts90, IQM, TM(10%:90%), PR(:300)...), got "
        "'p999x'",
        "endpointName must be 1-63 characters of letters, digits and hyphens, starting and ending "
        "with a letter or digit (pattern ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$), got 'bad_name'",
    ]
    assert rec.registrations == []


@pytest.mark.parametrize(
    ("inputs", "problem"),
    [
        ({"dlcRepository": "huggingface-pytorch-inference"}, "dlcRepository needs imageTag"),
        (
            {"ecrRepository": "app", "initialInstanceCount": 1.5},
            "initialInstanceCount must be an integer 1 to 2147483647, got 1.5",
        ),
        (
            {
                "ecrRepository": "app",
                "serverless": {"maxConcurrency": 5.0, "memorySizeInMb": 1000.0},
            },
            "serverless.memorySizeInMb must be one of 1024, 2048, 3072, 4096, 5120, 6144, got 1000",
        ),
        (
            {
                "ecrRepository": "app",
                "instanceType": "ml.m5.large",
                "serverless": {"maxConcurrency": 5.0, "memorySizeInMb": 1024.0},
            },
            "instanceType cannot be combined with serverless",
        ),
        (
            {
                "ecrRepository": "app",
                "instanceType": "ml.m5.large",
                "autoScaling": {
                    "minCapacity": 2.0,
                    "maxCapacity": 4.0,
                    "maxRequestsPerSecond": 10.0,
                },
            },
            "autoScaling.minCapacity must be <= initialInstanceCount (1), got 2",
        ),
        ({"imageUri": "app", "modelDataUrl": "http://x"}, "modelDataUrl must look like s3://"),
        ({"ecrRepository": "App!"}, "ecrRepository must be an ECR repository name"),
        (
            {"ecrRepository": "a" * 200, "imageTag": "t" * 60},
            "ecrRepository and imageTag: the image URI would be 306 characters in region "
            "us-east-1, but CreateModel takes at most 255",
        ),
        ({"imageUri": "app", "environment": {"1BAD": "x"}}, "environment name must match"),
        ({"imageUri": "app", "roleArn": "arn:aws:s3:::bucket"}, "roleArn must be an IAM role ARN"),
    ],
)
def test_construct_validation_errors(
    rec: RecordingMonitor, inputs: dict[str, Any], problem: str
) -> None:
    with pytest.raises(ComponentInitError) as caught:
        run(lambda: construct("svc", inputs))
    inner = caught.value.inner
    assert isinstance(inner, ValidationError)
    assert inner.component == "HostedModel 'svc'"
    assert any(p.startswith(problem) for p in inner.problems), inner.problems
    assert rec.registrations == []


def test_output_where_a_plain_value_is_needed_is_a_clear_error(rec: RecordingMonitor) -> None:
    def program() -> None:
        # A plain field given another resource's output (integers would fail earlier, in the
        # SDK's own int() conversion).
        instance_type = pulumi.Output.from_input("ml.m5.large")
        construct("svc", {"ecrRepository": "app", "instanceType": instance_type})

    with pytest.raises(ComponentInitError, match="instanceType must be a plain value"):
        run(program)


def test_environment_limits_are_checked_before_anything_registers(rec: RecordingMonitor) -> None:
    from pulumi_sagemaker_hosting.provider import HostedModel

    def program() -> None:
        with pytest.raises(ValidationError) as raised:
            HostedModel(
                "svc",
                {
                    "image_uri": "registry.example.com/img:1",
                    "environment": {f"K{i}": "x" for i in range(101)} | {"BIG": "y" * 1025},
                },
            )
        message = str(raised.value)
        assert "environment must be a dict of at most 100 entries, got 102" in message
        assert "environment['BIG'] must be at most 1024 bytes (UTF-8)" in message

    run(program)
    assert rec.registrations == []


def test_scaling_safety_factor_and_alarm_statistic_and_period_are_used(
    rec: RecordingMonitor,
) -> None:
    args: HostedModelArgs = {
        "image_uri": "registry.example.com/img:1",
        "instance_type": "ml.m5.large",
        "auto_scaling": {"max_capacity": 3, "max_requests_per_second": 10, "safety_factor": 0.8},
        "latency_alarm": {
            "threshold": 2000,
            "evaluation_periods": 2,
            "statistic": "Average",
            "period": 300,
        },
    }
    run(lambda: HostedModel("svc", args))
    (policy,) = rec.of_type("aws:appautoscaling/policy:Policy")
    assert policy.inputs["targetTrackingScalingPolicyConfiguration"]["targetValue"] == 480.0
    (alarm,) = rec.of_type("aws:cloudwatch/metricAlarm:MetricAlarm")
    assert (alarm.inputs["statistic"], alarm.inputs["period"]) == ("Average", 300.0)
    assert "extendedStatistic" not in alarm.inputs
