"""HostedModel's outputs-as-inputs, variant settings, async inference and data capture."""

from __future__ import annotations

import json
from typing import Any

import pulumi
import pulumi_aws as aws
import pytest
from pulumi.errors import InputPropertyError
from pulumi.provider.server import ComponentInitError

from pulumi_sagemaker_hosting import ValidationError
from pulumi_sagemaker_hosting.provider import provider
from pulumi_sagemaker_hosting.provider.hosted_model import TOKEN
from pulumi_sagemaker_hosting.testing import RecordingMonitor, run

BUCKET = "arn:aws:s3:::"


def construct(name: str, inputs: dict[str, Any]) -> dict[str, Any]:
    # The plugin's own provider, as the engine would call it.
    return dict(provider().construct(name, TOKEN, inputs).state)


def statements(rec: RecordingMonitor) -> dict[str, Any]:
    """Every statement of every role policy, by Sid."""
    found: dict[str, Any] = {}
    for policy in rec.of_type("aws:iam/rolePolicy:RolePolicy"):
        for statement in json.loads(policy.inputs["policy"])["Statement"]:
            found[statement.get("Sid", "")] = statement
    return found


def test_model_data_url_may_be_an_output(rec: RecordingMonitor) -> None:
    def program() -> None:
        url = pulumi.Output.from_input("s3://built-models/run-7/model.tar.gz")
        construct("svc", {"ecrRepository": "app", "modelDataUrl": url, "endpointName": "svc-prod"})

    run(program)
    model = rec.named("svc-model").inputs["primaryContainer"]
    assert model["modelDataUrl"] == "s3://built-models/run-7/model.tar.gz"
    assert statements(rec)["ReadModelData"] == {
        "Effect": "Allow",
        "Action": ["s3:GetObject"],
        "Resource": [f"{BUCKET}built-models/run-7/model.tar.gz"],
        "Sid": "ReadModelData",
    }
    assert rec.named("svc-endpoint").inputs["name"] == "svc-prod"


def test_endpoint_name_may_be_an_output(rec: RecordingMonitor) -> None:
    def program() -> None:
        name = aws.ssm.Parameter("endpoint-name", type="String", value="svc-blue").value
        construct(
            "svc",
            {
                "ecrRepository": "app",
                "endpointName": name,
                "latencyAlarm": {"threshold": 1000.0, "evaluationPeriods": 2.0},
            },
        )

    run(program)
    endpoint = rec.named("svc-endpoint")
    assert endpoint.inputs["name"] == "svc-blue"
    assert rec.named("endpoint-name").urn in endpoint.dependencies
    alarm = rec.named("svc-ModelLatency")
    # The metric names the endpoint by the given output, not by the endpoint's own output.
    assert alarm.inputs["dimensions"] == {"EndpointName": "svc-blue", "VariantName": "AllTraffic"}
    assert endpoint.urn not in alarm.dependencies


def test_instance_variant_settings_are_registered(rec: RecordingMonitor) -> None:
    def program() -> None:
        construct(
            "svc",
            {
                "ecrRepository": "app",
                "instanceType": "ml.m5.large",
                "modelDataDownloadTimeout": 900.0,
                "volumeSizeInGb": 100.0,
            },
        )

    run(program)
    (variant,) = rec.named("svc-config").inputs["productionVariants"]
    assert variant["modelDataDownloadTimeoutInSeconds"] == 900
    assert variant["volumeSizeInGb"] == 100


def test_async_inference_and_data_capture(rec: RecordingMonitor) -> None:
    def program() -> None:
        topic = pulumi.Output.from_input("arn:aws:sns:us-east-1:123456789012:done")
        construct(
            "svc",
            {
                "ecrRepository": "app",
                "instanceType": "ml.m5.large",
                "asyncInference": {
                    "outputPath": "s3://results/out",
                    "failurePath": "s3://results/failed",
                    "inputPath": "s3://requests/in",
                    "successTopicArn": topic,
                    "errorTopicArn": "arn:aws:sns:us-east-1:123456789012:failed",
                    "includeInferenceResponseIn": ["SUCCESS_NOTIFICATION_TOPIC"],
                    "maxConcurrentInvocationsPerInstance": 4.0,
                },
                "dataCapture": {
                    "destinationS3Uri": "s3://captures/svc",
                    "samplingPercentage": 20.0,
                    "captureOutput": False,
                    "jsonContentTypes": ["application/json"],
                },
            },
        )

    run(program)
    config = rec.named("svc-config").inputs
    assert config["asyncInferenceConfig"] == {
        "outputConfig": {
            "s3OutputPath": "s3://results/out",
            "s3FailurePath": "s3://results/failed",
            "notificationConfig": {
                "successTopic": "arn:aws:sns:us-east-1:123456789012:done",
                "errorTopic": "arn:aws:sns:us-east-1:123456789012:failed",
                "includeInferenceResponseIns": ["SUCCESS_NOTIFICATION_TOPIC"],
            },
        },
        "clientConfig": {"maxConcurrentInvocationsPerInstance": 4},
    }
    assert config["dataCaptureConfig"] == {
        "enableCapture": True,
        "initialSamplingPercentage": 20,
        "destinationS3Uri": "s3://captures/svc",
        "captureOptions": [{"captureMode": "Input"}],
        "captureContentTypeHeader": {"jsonContentTypes": ["application/json"]},
    }
    grants = statements(rec)
    assert {
        "WriteAsyncOutput",
        "WriteAsyncFailure",
        "ReadAsyncInput",
        "NotifyAsync",
        "WriteDataCapture",
    } <= set(grants)
    assert grants["NotifyAsync"]["Resource"] == [
        "arn:aws:sns:us-east-1:123456789012:done",
        "arn:aws:sns:us-east-1:123456789012:failed",
    ]


@pytest.mark.parametrize(
    ("inputs", "problems"),
    [
        (
            {
                "serverless": {"maxConcurrency": 5.0, "memorySizeInMb": 2048.0},
                "asyncInference": {"outputPath": "s3://r/o"},
                "volumeSizeInGb": 10.0,
            },
            [
                "volumeSizeInGb cannot be combined with serverless",
                "asyncInference applies to instance endpoints, not to serverless ones",
            ],
        ),
        (
            {
                "asyncInference": {
                    "outputPath": "s3://r/o",
                    "maxConcurrentInvocationsPerInstance": 1.5,
                }
            },
            ["asyncInference.maxConcurrentInvocationsPerInstance must be an integer, got 1.5"],
        ),
        (
            {
                "instanceType": "ml.m5.large",
                "asyncInference": {
                    "outputPath": "s3://r/o",
                    "successTopicArn": "t",
                    "includeInferenceResponseIn": ["ERROR_NOTIFICATION_TOPIC"],
                    "kmsKeyArn": "k",
                },
            },
            [
                "asyncInference.successTopicArn must match the pattern",
                "asyncInference: ERROR_NOTIFICATION_TOPIC needs errorTopicArn",
                "asyncInference.kmsKeyArn must be a KMS key ARN",
            ],
        ),
        (
            {"dataCapture": {"destinationS3Uri": "s3://c/p", "jsonContentTypes": ["", 3]}},
            ["dataCapture.jsonContentTypes must be a list of non-empty strings, got ['', 3]"],
        ),
        (
            {"modelDataDownloadTimeout": 30.0, "volumeSizeInGb": 0.0},
            [
                "modelDataDownloadTimeout must be an integer 60 to 3600, got 30.0",
                "volumeSizeInGb must be an integer 1 to 512, got 0.0",
            ],
        ),
    ],
)
def test_option_problems_are_reported_before_anything_registers(
    rec: RecordingMonitor, inputs: dict[str, Any], problems: list[str]
) -> None:
    def program() -> None:
        construct("svc", {"ecrRepository": "app", **inputs})

    with pytest.raises(ComponentInitError) as caught:
        run(program)
    message = str(caught.value)
    for problem in problems:
        assert problem in message
    assert [r for r in rec.registrations if r.custom] == []


def test_value_object_problems_name_the_input(rec: RecordingMonitor) -> None:
    def program() -> None:
        construct(
            "svc",
            {
                "ecrRepository": "app",
                "dataCapture": {"destinationS3Uri": "http://x", "samplingPercentage": 150.0},
            },
        )

    with pytest.raises(ComponentInitError) as caught:
        run(program)
    inner = caught.value.inner
    assert isinstance(inner, ValidationError)
    # The value object's rules, in the names other languages use.
    assert inner.problems == [
        "dataCapture.destinationS3Uri must be an s3://bucket/prefix URI of at most 512 "
        "characters, got 'http://x'",
        "dataCapture.samplingPercentage must be an integer from 0 to 100, got 150",
    ]


def test_required_option_fields_are_enforced_by_the_schema(rec: RecordingMonitor) -> None:
    def program() -> None:
        construct("svc", {"ecrRepository": "app", "dataCapture": {"samplingPercentage": 5.0}})

    with pytest.raises(
        InputPropertyError, match=r"Missing required input 'dataCapture\.destinationS3Uri'"
    ):
        run(program)
    assert [r for r in rec.registrations if r.custom] == []
