"""LoRA adapter inference components: exact registrations, the IAM grant, refusals, metrics.

An adapter registers an ``aws-native:sagemaker:InferenceComponent`` whose specification names
the base component and the adapter's ``ArtifactUrl`` only (no model, compute or copies), and
an inline policy letting the base model's role read exactly the artifact.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pulumi
import pulumi_aws as aws
import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting import ValidationError
from pulumi_sagemaker_hosting.testing import RecordingMonitor, run

ADAPTER = "sagemaker-hosting:index:InferenceComponentAdapter"
NATIVE = "aws-native:sagemaker:InferenceComponent"
ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"
ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"
ROLE = "arn:aws:iam::123456789012:role/llama-role"
IMAGE = sm.ContainerImage.from_ecr_repository("lmi", "0.31")
GPU = sm.ComputeRequirements(
    min_memory_required_in_mb=8192, number_of_accelerator_devices_required=1
)


def ic_endpoint() -> sm.Endpoint:
    variant = sm.InferenceComponentProductionVariant(
        variant_name="AllTraffic", instance_type="ml.g5.12xlarge"
    )
    config = sm.EndpointConfig("cfg", instance_production_variants=[variant])
    return sm.Endpoint("ep", endpoint_config=config)


def base(
    name: str = "llm", endpoint: sm.Endpoint | None = None, **kwargs: Any
) -> sm.InferenceComponent:
    """A base component (its model built from a container unless ``model`` is given)."""
    if "model" not in kwargs:
        kwargs["container"] = sm.ContainerDefinition(image=IMAGE)
    return sm.InferenceComponent(name, endpoint=endpoint or ic_endpoint(), compute=GPU, **kwargs)


def policy_statements(rec: RecordingMonitor, logical: str) -> list[dict[str, Any]]:
    policy = rec.named(logical)
    assert policy.type == ROLE_POLICY
    document = json.loads(policy.inputs["policy"])
    assert document["Version"] == "2012-10-17"
    statements: list[dict[str, Any]] = document["Statement"]
    return statements


def test_add_adapter_registers_the_adapter_component_with_exact_inputs(
    rec: RecordingMonitor,
) -> None:
    made: dict[str, Any] = {}

    def program() -> pulumi.Output[None]:
        llm = base()
        made["base"] = llm
        made["adapter"] = adapter = llm.add_adapter(
            "chinese", artifact=sm.ModelData.from_bucket("adapters", "lora/chinese.tar.gz")
        )
        return pulumi.Output.all(
            adapter.inference_component_name, adapter.inference_component_arn
        ).apply(lambda values: made.update(outputs=values))

    run(program)

    owner = rec.named("chinese")
    assert owner.type == ADAPTER and owner.custom is False
    native = rec.named("chinese-component")
    assert native.type == NATIVE and native.parent == owner.urn
    base_component = rec.named("llm-component")
    assert native.inputs == {
        "endpointName": rec.named("ep-endpoint").outputs["name"],
        "specification": {
            "baseInferenceComponentName": base_component.outputs["inferenceComponentName"],
            "container": {"artifactUrl": "s3://adapters/lora/chinese.tar.gz"},
        },
    }
    # The adapter waits for the base (its name) and for the read grant.
    assert base_component.urn in native.dependencies
    grant = rec.named("llm-model-policy-adapter-chinese")
    assert grant.urn in native.dependencies
    assert rec.children_of(owner) == [native]
    adapter = made["adapter"]
    assert isinstance(adapter, sm.InferenceComponentAdapter)
    assert adapter.base is made["base"] and made["base"].adapters == [adapter]
    assert adapter.artifact_url == "s3://adapters/lora/chinese.tar.gz"
    assert made["outputs"] == [
        native.outputs["inferenceComponentName"],
        native.outputs["inferenceComponentArn"],
    ]


def test_the_base_models_role_may_read_exactly_the_artifact(rec: RecordingMonitor) -> None:
    def program() -> None:
        base().add_adapter(
            "chinese",
            artifact=sm.ModelData.from_s3_uri(
                "s3://adapters/lora/chinese.tar.gz",
                kms_key="arn:aws:kms:us-east-1:123456789012:key/abc",
            ),
        )

    run(program)

    grant = rec.named("llm-model-policy-adapter-chinese")
    assert grant.parent == rec.named("llm-model").urn
    assert grant.inputs["role"] == rec.named("llm-model-role").outputs["name"]
    assert policy_statements(rec, "llm-model-policy-adapter-chinese") == [
        {
            "Effect": "Allow",
            "Action": ["s3:GetObject"],
            "Resource": ["arn:aws:s3:::adapters/lora/chinese.tar.gz"],
            "Sid": "ReadModelData",
        },
        {
            "Effect": "Allow",
            "Action": ["kms:Decrypt"],
            "Resource": ["arn:aws:kms:us-east-1:123456789012:key/abc"],
            "Sid": "DecryptModelData",
        },
    ]


def test_a_referenced_base_model_grants_the_given_role(rec: RecordingMonitor) -> None:
    def program() -> None:
        llm = base(model=sm.Model.from_model_name("llama"))
        sm.InferenceComponentAdapter(
            "chinese",
            base=llm,
            artifact="s3://adapters/chinese.tar.gz",
            role=ROLE,
            inference_component_name="llama-chinese",
            tags={"team": "ml"},
        )

    run(program)

    policy = rec.named("chinese-policy")
    assert policy.parent == rec.named("chinese").urn
    assert policy.inputs["role"] == "llama-role"
    assert policy_statements(rec, "chinese-policy") == [
        {
            "Effect": "Allow",
            "Action": ["s3:GetObject"],
            "Resource": ["arn:aws:s3:::adapters/chinese.tar.gz"],
            "Sid": "ReadModelData",
        }
    ]
    native = rec.named("chinese-component")
    assert native.inputs["inferenceComponentName"] == "llama-chinese"
    assert native.inputs["tags"] == [{"key": "team", "value": "ml"}]
    assert native.inputs["specification"]["container"] == {
        "artifactUrl": "s3://adapters/chinese.tar.gz"
    }
    assert policy.urn in native.dependencies


def test_an_asset_uploads_to_the_base_models_bucket(rec: RecordingMonitor, tmp_path: Path) -> None:
    path = tmp_path / "adapter.tar.gz"
    path.write_bytes(b"lora weights")

    def program() -> None:
        base().add_adapter("chinese", artifact=sm.ModelData.from_asset(str(path)))

    run(program)

    (upload,) = rec.of_type("aws:s3/bucketObjectv2:BucketObjectv2")
    assert upload.parent == rec.named("chinese").urn
    (bucket,) = rec.of_type("aws:s3/bucket:Bucket")
    assert bucket.name == "llm-model-artifacts"
    assert bucket.parent == rec.named("llm-model").urn
    key = upload.inputs["key"]
    assert key.startswith("models/") and key.endswith("/adapter.tar.gz")
    native = rec.named("chinese-component")
    assert native.inputs["specification"]["container"]["artifactUrl"] == (
        f"s3://{bucket.outputs['bucket']}/{key}"
    )
    assert upload.urn in native.dependencies
    (read,) = policy_statements(rec, "llm-model-policy-adapter-chinese")
    assert read["Resource"] == [f"arn:aws:s3:::{bucket.outputs['bucket']}/{key}"]


def test_an_asset_on_a_referenced_model_gets_a_bucket_of_its_own(
    rec: RecordingMonitor, tmp_path: Path
) -> None:
    path = tmp_path / "adapter.tar.gz"
    path.write_bytes(b"lora weights")

    def program() -> None:
        llm = base(model=sm.Model.from_model_name("llama"))
        llm.add_adapter("chinese", artifact=sm.ModelData.from_asset(str(path)), role=ROLE)

    run(program)

    (bucket,) = rec.of_type("aws:s3/bucket:Bucket")
    assert bucket.name == "chinese-artifacts" and bucket.parent == rec.named("chinese").urn


def test_an_adapter_has_no_copy_count_scaling_and_only_invocation_metrics(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        adapter = base().add_adapter("chinese", artifact="s3://adapters/chinese.tar.gz")
        assert not hasattr(adapter, "auto_scale_copy_count")
        for per_copy in (
            "metric_invocations_per_copy",
            "metric_no_capacity_invocation_failures",
            "metric_cpu_utilization",
            "metric_memory_utilization",
            "metric_gpu_utilization",
            "metric_gpu_memory_utilization",
        ):
            assert not hasattr(adapter, per_copy)
        adapter.metric_invocations(period=60).create_alarm(
            "busy", threshold=100, evaluation_periods=1
        )
        adapter.metric_model_latency().create_alarm("slow", threshold=2e6, evaluation_periods=3)
        with pytest.raises(
            ValidationError, match=r"InferenceComponentAdapter 'chinese': code must be one of"
        ):
            adapter.metric_invocation_response_code("Invocation3XXErrors")

    run(program)

    adapter_name = rec.named("chinese-component").outputs["inferenceComponentName"]
    assert adapter_name != rec.named("llm-component").outputs["inferenceComponentName"]
    busy = rec.named("chinese-busy")
    assert busy.type == ALARM and busy.parent == rec.named("chinese").urn
    assert busy.inputs == {
        "namespace": "AWS/SageMaker",
        "metricName": "Invocations",
        "statistic": "Sum",
        "period": 60.0,
        "dimensions": {"InferenceComponentName": adapter_name},
        "comparisonOperator": "GreaterThanOrEqualToThreshold",
        "threshold": 100.0,
        "evaluationPeriods": 1.0,
    }
    slow = rec.named("chinese-slow")
    assert slow.inputs["metricName"] == "ModelLatency"
    assert slow.inputs["statistic"] == "Average"
    assert slow.inputs["dimensions"] == {"InferenceComponentName": adapter_name}


# --- refusals: one ValidationError, nothing registered -------------------------------------


Build = Callable[[sm.InferenceComponent, sm.InferenceComponent], object]


def rejected(rec: RecordingMonitor, build: Build) -> str:
    """``build(referenced, own)`` must raise and register no adapter part.

    ``referenced`` serves a model given by reference, ``own`` a Model of the program.
    """
    caught: list[ValidationError] = []

    def program() -> None:
        endpoint = ic_endpoint()
        referenced = base(endpoint=endpoint, model=sm.Model.from_model_name("llama"))
        mine = base("own", endpoint=endpoint)
        before = len(rec.registrations)
        with pytest.raises(ValidationError) as info:
            build(referenced, mine)
        caught.append(info.value)
        assert len(rec.registrations) == before

    run(program)
    assert rec.of_type(ADAPTER) == []
    assert [r for r in rec.of_type(NATIVE) if r.name.startswith("chinese")] == []
    assert [r for r in rec.of_type(ROLE_POLICY) if "chinese" in r.name] == []
    return str(caught[0])


def adapter(**kwargs: Any) -> Build:
    """An adapter of the base serving a referenced model (a role is needed)."""
    kwargs.setdefault("artifact", "s3://adapters/chinese.tar.gz")
    kwargs.setdefault("role", ROLE)
    return lambda referenced, _own: sm.InferenceComponentAdapter(
        "chinese", base=referenced, **kwargs
    )


def own(**kwargs: Any) -> Build:
    """An adapter of the base serving a Model of the program (its role is granted)."""
    kwargs.setdefault("artifact", "s3://adapters/chinese.tar.gz")
    return lambda _referenced, mine: sm.InferenceComponentAdapter("chinese", base=mine, **kwargs)


NAME_RULE = "must match the pattern ^[a-zA-Z0-9]([\\-a-zA-Z0-9]*[a-zA-Z0-9])?$"


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            adapter(artifact="https://example.com/chinese.tar.gz"),
            "artifact must be the s3:// URI of the adapter's .tar.gz (adapters are loaded from "
            "Amazon S3), got 'https://example.com/chinese.tar.gz'",
        ),
        (
            adapter(artifact="s3://adapters/chinese/"),
            "artifact key must be an S3 object key of 1-1024 bytes, not starting or ending "
            "with '/', got 'chinese/'",
        ),
        (
            adapter(artifact="s3://adapters/chinese.safetensors"),
            "artifact must be a gzip compressed tar archive whose key ends with .tar.gz "
            "(ArtifactUrl's rule), got key 'chinese.safetensors'",
        ),
        (
            adapter(artifact=sm.ModelData.from_bucket("adapters", "lora/chinese.bin")),
            "got key 'lora/chinese.bin'",
        ),
        (
            adapter(artifact=sm.ModelData.from_s3_prefix("s3://adapters/chinese/")),
            "artifact must be one .tar.gz object (ArtifactUrl points to a single gzip "
            "compressed tar archive), not an S3 prefix",
        ),
        (adapter(artifact=42), "artifact must be ModelData.from_bucket, ModelData.from_s3_uri"),
        (
            adapter(role=None),
            "role is required: base 'llm' serves a model given by reference, whose execution "
            "role this program does not know",
        ),
        (
            own(role=ROLE),
            "role applies only to a base serving a model given by reference; base 'own' "
            "serves Model 'own-model', whose role is granted",
        ),
        (adapter(role="arn:aws:s3:::bucket"), "role must be an IAM role ARN"),
        (adapter(role=7), "role must be an aws.iam.Role, a role name or ARN, got 7"),
        (
            adapter(inference_component_name="bad_name"),
            f"inference_component_name {NAME_RULE}, got 'bad_name'",
        ),
        (
            adapter(inference_component_name="a" * 64),
            "inference_component_name must be at most 63 characters long",
        ),
        (adapter(inference_component_name=""), "inference_component_name must be 1 to 63"),
        (adapter(inference_component_name=5), "inference_component_name must be a str, got int"),
        (adapter(tags={"aws:owner": "x"}), "tags key must not start with 'aws:'"),
        (adapter(tags={f"k{i}": "v" for i in range(51)}), "tags must hold at most 50 tags"),
    ],
    ids=[
        "https",
        "prefix-uri",
        "not-tar-gz",
        "from-bucket-not-tar-gz",
        "s3-prefix-data",
        "not-model-data",
        "reference-needs-role",
        "own-model-takes-no-role",
        "role-arn",
        "role-type",
        "name-pattern",
        "name-length",
        "name-empty",
        "name-type",
        "tag-prefix",
        "tag-count",
    ],
)
def test_bad_arguments_are_refused_before_anything_is_registered(
    rec: RecordingMonitor, build: Build, message: str
) -> None:
    error = rejected(rec, build)
    assert error.startswith("InferenceComponentAdapter 'chinese': ")
    assert message in error


def test_an_adapter_of_an_adapter_is_refused(rec: RecordingMonitor) -> None:
    caught: list[str] = []

    def program() -> None:
        first = base().add_adapter("chinese", artifact="s3://adapters/chinese.tar.gz")
        before = len(rec.registrations)
        with pytest.raises(ValidationError) as info:
            sm.InferenceComponentAdapter(
                "nested",
                base=first,  # type: ignore[arg-type]
                artifact="s3://adapters/nested.tar.gz",
            )
        caught.append(str(info.value))
        assert len(rec.registrations) == before

    run(program)
    assert caught == [
        "InferenceComponentAdapter 'nested': base must be an inference component serving a "
        "model, got adapter 'chinese': an adapter loads onto the component that holds the "
        "foundation model, not onto another adapter"
    ]
    assert [r.name for r in rec.of_type(ADAPTER)] == ["chinese"]


def test_the_base_must_be_an_inference_component(rec: RecordingMonitor) -> None:
    def program() -> None:
        with pytest.raises(
            ValidationError,
            match=r"InferenceComponentAdapter 'x': base must be an InferenceComponent, got str",
        ):
            sm.InferenceComponentAdapter(
                "x",
                base="llm",  # type: ignore[arg-type]
                artifact="s3://adapters/x.tar.gz",
            )

    run(program)
    assert rec.of_type(ADAPTER) == []


def test_an_output_key_and_role_are_left_to_aws(rec: RecordingMonitor) -> None:
    def program() -> None:
        bucket = aws.s3.Bucket("adapters")
        obj = aws.s3.BucketObjectv2(
            "weights", bucket=bucket.id, key="chinese.tar.gz", source=pulumi.StringAsset("x")
        )
        llm = base(model=sm.Model.from_model_name("llama"))
        llm.add_adapter(
            "chinese",
            artifact=sm.ModelData.from_bucket(bucket, obj.key),
            role=pulumi.Output.from_input(ROLE),
        )

    run(program)

    bucket_name = rec.named("adapters").outputs["bucket"]
    native = rec.named("chinese-component")
    assert native.inputs["specification"]["container"] == {
        "artifactUrl": f"s3://{bucket_name}/chinese.tar.gz"
    }
    assert rec.named("chinese-policy").inputs["role"] == "llama-role"
