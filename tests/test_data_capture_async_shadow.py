"""EndpointConfig beyond CDK: data capture, asynchronous inference, shadow variants."""

from __future__ import annotations

import json
from typing import Any

import pulumi_aws as aws
import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting import ValidationError
from pulumi_sagemaker_hosting.async_inference import AsyncInference
from pulumi_sagemaker_hosting.data_capture import DataCapture
from pulumi_sagemaker_hosting.testing import RecordingMonitor, run

IMAGE = sm.ContainerImage.from_ecr_repository("repo", "v1")


def model(name: str = "m") -> sm.Model:
    return sm.Model(name, containers=[sm.ContainerDefinition(image=IMAGE)])


def variant(m: sm.ModelReference, name: str = "v") -> sm.InstanceProductionVariant:
    return sm.InstanceProductionVariant(model=m, variant_name=name, instance_type="ml.m5.large")


def statements(rec: RecordingMonitor, name: str) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = json.loads(rec.named(name).inputs["policy"])["Statement"]
    return result


def test_data_capture_renders_and_grants_the_models_role(rec: RecordingMonitor) -> None:
    def program() -> None:
        key = aws.kms.Key("key")
        sm.EndpointConfig(
            "cfg",
            instance_production_variants=[variant(model())],
            data_capture=DataCapture(
                "s3://captures/endpoint/",
                sampling_percentage=25,
                capture_output=False,
                kms_key=key,
                json_content_types=["application/json"],
                csv_content_types=["text/csv"],
            ),
        )

    run(program)
    key_arn = rec.named("key").outputs["arn"]
    assert rec.named("cfg-config").inputs["dataCaptureConfig"] == {
        "destinationS3Uri": "s3://captures/endpoint/",
        "initialSamplingPercentage": 25.0,
        "captureOptions": [{"captureMode": "Input"}],
        "enableCapture": True,
        "kmsKeyId": key_arn,
        "captureContentTypeHeader": {
            "jsonContentTypes": ["application/json"],
            "csvContentTypes": ["text/csv"],
        },
    }
    grant = rec.named("m-policy-cfg-capture")
    assert grant.parent_name == "m"
    assert grant.inputs["role"] == rec.named("m-role").outputs["name"]
    assert statements(rec, "m-policy-cfg-capture") == [
        {
            "Effect": "Allow",
            "Action": ["s3:PutObject", "s3:AbortMultipartUpload"],
            "Resource": ["arn:aws:s3:::captures/endpoint/*"],
            "Sid": "WriteDataCapture",
        },
        {
            "Effect": "Allow",
            "Action": ["kms:Encrypt", "kms:GenerateDataKey", "kms:Decrypt"],
            "Resource": [key_arn],
            "Sid": "EncryptDataCapture",
        },
    ]


def test_async_inference_renders_and_grants(rec: RecordingMonitor) -> None:
    def program() -> None:
        ok = aws.sns.Topic("ok")
        sm.EndpointConfig(
            "cfg",
            instance_production_variants=[variant(model())],
            async_inference=AsyncInference(
                output_path="s3://results/out",
                failure_path="s3://results/failed",
                input_path="s3://requests/in",
                success_topic=ok,
                error_topic="arn:aws:sns:us-east-1:123456789012:errors",
                include_inference_response_in=["SUCCESS_NOTIFICATION_TOPIC"],
                max_concurrent_invocations_per_instance=4,
            ),
        )

    run(program)
    ok_arn = rec.named("ok").outputs["arn"]
    assert rec.named("cfg-config").inputs["asyncInferenceConfig"] == {
        "outputConfig": {
            "s3OutputPath": "s3://results/out",
            "s3FailurePath": "s3://results/failed",
            "notificationConfig": {
                "successTopic": ok_arn,
                "errorTopic": "arn:aws:sns:us-east-1:123456789012:errors",
                "includeInferenceResponseIns": ["SUCCESS_NOTIFICATION_TOPIC"],
            },
        },
        "clientConfig": {"maxConcurrentInvocationsPerInstance": 4.0},
    }
    assert [(s["Sid"], s["Resource"]) for s in statements(rec, "m-policy-cfg-async")] == [
        ("WriteAsyncOutput", ["arn:aws:s3:::results/out/*"]),
        ("WriteAsyncFailure", ["arn:aws:s3:::results/failed/*"]),
        ("ReadAsyncInput", ["arn:aws:s3:::requests/in/*"]),
        ("NotifyAsync", [ok_arn, "arn:aws:sns:us-east-1:123456789012:errors"]),
    ]


def test_shadow_variant(rec: RecordingMonitor) -> None:
    def program() -> None:
        config = sm.EndpointConfig(
            "cfg",
            instance_production_variants=[variant(model("live"), "live")],
            shadow_production_variants=[variant(model("candidate"), "candidate")],
        )
        assert [v.variant_name for v in config.shadow_production_variants] == ["candidate"]

    run(program)
    inputs = rec.named("cfg-config").inputs
    assert inputs["shadowProductionVariants"] == [
        {
            "modelName": rec.named("candidate-model").outputs["name"],
            "variantName": "candidate",
            "instanceType": "ml.m5.large",
            "initialInstanceCount": 1.0,
            "initialVariantWeight": 1.0,
        }
    ]
    assert [v["variantName"] for v in inputs["productionVariants"]] == ["live"]


def test_imported_models_are_not_granted(rec: RecordingMonitor) -> None:
    run(
        lambda: sm.EndpointConfig(
            "cfg",
            instance_production_variants=[variant(sm.Model.from_model_name("existing"))],
            data_capture=DataCapture("s3://captures/x"),
        )
    )
    assert rec.of_type("aws:iam/rolePolicy:RolePolicy") == []


def test_a_model_in_two_variants_is_granted_once(rec: RecordingMonitor) -> None:
    def program() -> None:
        shared = model()
        config = sm.EndpointConfig(
            "cfg",
            instance_production_variants=[variant(shared, "a")],
            data_capture=DataCapture("s3://captures/x"),
        )
        config.add_instance_production_variant(variant(shared, "b"))
        config.add_instance_production_variant(variant(model("other"), "c"))

    run(program)
    grants = sorted(
        r.name for r in rec.of_type("aws:iam/rolePolicy:RolePolicy") if "capture" in r.name
    )
    assert grants == ["m-policy-cfg-capture", "other-policy-cfg-capture"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"data_capture": DataCapture("https://x")},
            r"data_capture.destination_s3_uri must be an s3://bucket/prefix URI .* got 'https://x'",
        ),
        (
            {"data_capture": DataCapture("s3://bkt/p", sampling_percentage=101)},
            r"data_capture.sampling_percentage must be an integer from 0 to 100, got 101",
        ),
        (
            {"data_capture": DataCapture("s3://bkt/p", capture_input=False, capture_output=False)},
            r"data_capture must capture the input, the output or both",
        ),
        (
            {"data_capture": DataCapture("s3://bkt/p", json_content_types=["json"])},
            r"data_capture.json_content_types\[0\] must match the pattern .*, got 'json'",
        ),
        (
            {
                "async_inference": AsyncInference(
                    "s3://bkt/o", max_concurrent_invocations_per_instance=0
                )
            },
            r"max_concurrent_invocations_per_instance must be an integer from 1 to 1000, got 0",
        ),
        (
            {
                "async_inference": AsyncInference(
                    "s3://bkt/o", include_inference_response_in=["ERROR_NOTIFICATION_TOPIC"]
                )
            },
            r"ERROR_NOTIFICATION_TOPIC needs error_topic",
        ),
        (
            {"async_inference": AsyncInference("s3://bkt/o", include_inference_response_in=["X"])},
            r"include_inference_response_in must hold .* got 'X'",
        ),
        (
            {"async_inference": AsyncInference("bucket/o")},
            r"async_inference.output_path must be an s3://bucket/prefix URI",
        ),
        ({"data_capture": "yes"}, r"data_capture must be a DataCapture, got str"),
    ],
)
def test_validation(rec: RecordingMonitor, kwargs: dict[str, Any], message: str) -> None:
    def program() -> None:
        with pytest.raises(ValidationError, match=r"EndpointConfig 'cfg': .*" + message):
            sm.EndpointConfig(
                "cfg",
                instance_production_variants=[variant(sm.Model.from_model_name("m"))],
                **kwargs,
            )

    run(program)
    assert rec.registrations == []


def test_async_serves_exactly_one_instance_variant(rec: RecordingMonitor) -> None:
    imported = sm.Model.from_model_name

    def program() -> None:
        with pytest.raises(ValidationError, match="async_inference serves exactly one instance"):
            sm.EndpointConfig(
                "two",
                instance_production_variants=[
                    variant(imported("a"), "a"),
                    variant(imported("b"), "b"),
                ],
                async_inference=AsyncInference("s3://bkt/o"),
            )
        with pytest.raises(ValidationError, match="async_inference serves exactly one instance"):
            sm.EndpointConfig(
                "serverless",
                serverless_production_variant=sm.ServerlessProductionVariant(
                    imported("a"), "s", max_concurrency=1, memory_size_in_mb=1024
                ),
                async_inference=AsyncInference("s3://bkt/o"),
            )
        config = sm.EndpointConfig(
            "one",
            instance_production_variants=[variant(imported("a"), "a")],
            async_inference=AsyncInference("s3://bkt/o"),
        )
        with pytest.raises(ValidationError, match="async_inference serves exactly one instance"):
            config.add_instance_production_variant(variant(imported("b"), "b"))

    run(program)


def test_shadow_rules(rec: RecordingMonitor) -> None:
    imported = sm.Model.from_model_name

    def program() -> None:
        with pytest.raises(
            ValidationError, match="a shadow variant needs exactly one production instance variant"
        ):
            sm.EndpointConfig(
                "cfg",
                instance_production_variants=[
                    variant(imported("a"), "a"),
                    variant(imported("b"), "b"),
                ],
                shadow_production_variants=[variant(imported("c"), "c")],
            )
        with pytest.raises(ValidationError, match="must hold exactly one variant, got 2"):
            sm.EndpointConfig(
                "cfg",
                instance_production_variants=[variant(imported("a"), "a")],
                shadow_production_variants=[
                    variant(imported("c"), "c"),
                    variant(imported("d"), "d"),
                ],
            )
        with pytest.raises(
            ValidationError, match="variant names must be unique, 'a' is used twice"
        ):
            sm.EndpointConfig(
                "cfg",
                instance_production_variants=[variant(imported("a"), "a")],
                shadow_production_variants=[variant(imported("c"), "a")],
            )

    run(program)
    assert rec.registrations == []


def endpoint_with(**config: Any) -> sm.Endpoint:
    return sm.Endpoint(
        "ep",
        endpoint_config=sm.EndpointConfig(
            "cfg", instance_production_variants=[variant(sm.Model.from_model_name("m"))], **config
        ),
    )


def test_async_endpoint_scales_to_zero_on_backlog(rec: RecordingMonitor) -> None:
    def program() -> None:
        handle = endpoint_with(
            async_inference=AsyncInference("s3://bkt/out")
        ).find_production_variant("v")
        scaling = handle.auto_scale_instance_count(min_capacity=0, max_capacity=2)
        assert handle.metric_approximate_backlog_size().metric_name == "ApproximateBacklogSize"
        metric = handle.metric_approximate_backlog_size_per_instance()
        assert (metric.namespace, metric.statistic, list(metric.dimensions)) == (
            "AWS/SageMaker",
            "Average",
            ["EndpointName"],
        )
        scaling.scale_to_track_metric("backlog", target_value=5, metric=metric)

    run(program)
    target = rec.named("ep-v-instance-count-target").inputs
    assert (target["minCapacity"], target["maxCapacity"]) == (0.0, 2.0)


def test_zero_instances_only_for_async_endpoints(rec: RecordingMonitor) -> None:
    def program() -> None:
        handle = endpoint_with().find_production_variant("v")
        with pytest.raises(
            ValidationError,
            match=r"Endpoint 'ep': variant 'v': min_capacity must be an integer from 1 to "
            r"2147483647 \(0 only for asynchronous endpoints\), got 0",
        ):
            handle.auto_scale_instance_count(min_capacity=0, max_capacity=2)

    run(program)
    assert rec.of_type("aws:appautoscaling/target:Target") == []
