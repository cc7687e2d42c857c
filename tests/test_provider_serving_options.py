"""HostedModel's variant settings and model-data options (issue 10's, for other languages)."""

from __future__ import annotations

import json
import re
from typing import Any, cast

import pulumi
import pulumi_aws as aws
import pytest
from pulumi.provider.server import ComponentInitError

from pulumi_sagemaker_hosting import ValidationError
from pulumi_sagemaker_hosting.provider import provider
from pulumi_sagemaker_hosting.provider.hosted_model import TOKEN, HostedModel, HostedModelArgs
from pulumi_sagemaker_hosting.testing import RecordingMonitor, run

KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
GPU = "ml.g5.2xlarge"


def construct(name: str, inputs: dict[str, Any]) -> dict[str, Any]:
    # The plugin's own provider, as the engine would call it (numbers arrive as floats).
    return dict(provider().construct(name, TOKEN, inputs).state)


def statements(rec: RecordingMonitor, policy: str) -> dict[str, Any]:
    """The statements of one role policy, by Sid."""
    document = json.loads(rec.named(policy).inputs["policy"])
    return {s["Sid"]: s for s in document["Statement"]}


def test_every_variant_setting_is_registered(rec: RecordingMonitor) -> None:
    def program() -> None:
        construct(
            "svc",
            {
                "ecrRepository": "app",
                "instanceType": GPU,
                "routingStrategy": "LEAST_OUTSTANDING_REQUESTS",
                "inferenceAmiVersion": "al2-ami-sagemaker-inference-gpu-2",
                "enableSsmAccess": True,
                "coreDumpConfig": {"destinationS3Uri": "s3://dumps/svc", "kmsKeyArn": KEY},
                "managedInstanceScaling": {"minInstanceCount": 1.0, "maxInstanceCount": 3.0},
            },
        )

    run(program)
    (variant,) = rec.named("svc-config").inputs["productionVariants"]
    assert variant == {
        "modelName": rec.named("svc-model").outputs["name"],
        "variantName": "AllTraffic",
        "instanceType": GPU,
        "initialInstanceCount": 1,
        "initialVariantWeight": 1.0,
        "routingConfigs": [{"routingStrategy": "LEAST_OUTSTANDING_REQUESTS"}],
        "inferenceAmiVersion": "al2-ami-sagemaker-inference-gpu-2",
        "enableSsmAccess": True,
        "coreDumpConfig": {"destinationS3Uri": "s3://dumps/svc", "kmsKeyId": KEY},
        "managedInstanceScaling": {
            "status": "ENABLED",
            "minInstanceCount": 1,
            "maxInstanceCount": 3,
        },
    }
    # The model's role may write the dumps, and nothing more.
    grant = rec.named("svc-policy-svc-AllTraffic-core-dump")
    assert grant.inputs["role"] == rec.named("svc-role").outputs["name"]
    assert statements(rec, "svc-policy-svc-AllTraffic-core-dump") == {
        "WriteCoreDumps": {
            "Effect": "Allow",
            "Action": ["s3:PutObject", "s3:AbortMultipartUpload"],
            "Resource": ["arn:aws:s3:::dumps/svc/*"],
            "Sid": "WriteCoreDumps",
        },
        "EncryptCoreDumps": {
            "Effect": "Allow",
            "Action": ["kms:Encrypt", "kms:GenerateDataKey", "kms:Decrypt"],
            "Resource": [KEY],
            "Sid": "EncryptCoreDumps",
        },
    }


def test_core_dump_destination_may_be_an_output(rec: RecordingMonitor) -> None:
    def program() -> None:
        destination = pulumi.Output.from_input("s3://built-dumps/svc")
        construct(
            "svc",
            {"ecrRepository": "app", "coreDumpConfig": {"destinationS3Uri": destination}},
        )

    run(program)
    (variant,) = rec.named("svc-config").inputs["productionVariants"]
    assert variant["coreDumpConfig"] == {"destinationS3Uri": "s3://built-dumps/svc"}
    assert statements(rec, "svc-policy-svc-AllTraffic-core-dump")["WriteCoreDumps"]["Resource"] == [
        "arn:aws:s3:::built-dumps/svc/*"
    ]


def test_uncompressed_model_data_with_licence_and_key(rec: RecordingMonitor) -> None:
    def program() -> None:
        construct(
            "llm",
            {
                "ecrRepository": "app",
                "modelDataPrefix": "s3://weights/llama-3/",
                "acceptEula": True,
                "modelDataKmsKeyArn": KEY,
            },
        )

    run(program)
    container = rec.named("llm-model").inputs["primaryContainer"]
    assert container["modelDataSource"] == {
        "s3DataSources": [
            {
                "s3Uri": "s3://weights/llama-3/",
                "s3DataType": "S3Prefix",
                "compressionType": "None",
                "modelAccessConfig": {"acceptEula": True},
            }
        ]
    }
    assert "modelDataUrl" not in container
    grants = statements(rec, "llm-policy")
    assert grants["ReadModelData"]["Resource"] == ["arn:aws:s3:::weights/llama-3/*"]
    assert grants["ListModelData"]["Condition"] == {"StringLike": {"s3:prefix": ["llama-3/*"]}}
    assert grants["DecryptModelData"] == {
        "Effect": "Allow",
        "Action": ["kms:Decrypt"],
        "Resource": [KEY],
        "Sid": "DecryptModelData",
    }


@pytest.mark.parametrize("as_output", [False, True], ids=["plain-url", "output-url"])
def test_model_data_key_decrypts_an_object(rec: RecordingMonitor, as_output: bool) -> None:
    def program() -> None:
        url = "s3://models/app/model.tar.gz"
        key = pulumi.Output.from_input(KEY)
        construct(
            "svc",
            {
                "ecrRepository": "app",
                "modelDataUrl": pulumi.Output.from_input(url) if as_output else url,
                "modelDataKmsKeyArn": key,
            },
        )

    run(program)
    assert rec.named("svc-model").inputs["primaryContainer"]["modelDataUrl"] == (
        "s3://models/app/model.tar.gz"
    )
    grants = statements(rec, "svc-policy")
    assert grants["ReadModelData"]["Resource"] == ["arn:aws:s3:::models/app/model.tar.gz"]
    assert grants["DecryptModelData"]["Resource"] == [KEY]


def test_multi_model_endpoint(rec: RecordingMonitor) -> None:
    def program() -> None:
        construct(
            "mme",
            {
                "ecrRepository": "app",
                "instanceType": "ml.m5.large",
                "modelDataPrefix": "s3://models/mme/",
                "multiModel": True,
                "modelCache": False,
            },
        )

    run(program)
    container = rec.named("mme-model").inputs["primaryContainer"]
    assert container == {
        "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest",
        "modelDataUrl": "s3://models/mme/",
        "mode": "MultiModel",
        "multiModelConfig": {"modelCacheSetting": "Disabled"},
    }


SERVERLESS = {"serverless": {"maxConcurrency": 5.0, "memorySizeInMb": 2048.0}}


@pytest.mark.parametrize(
    ("inputs", "problem"),
    [
        (
            {"routingStrategy": "FASTEST"},
            "routingStrategy must be one of LEAST_OUTSTANDING_REQUESTS, RANDOM",
        ),
        (
            {"routingStrategy": "PREFIX_AWARE"},
            "routingStrategy 'PREFIX_AWARE' needs a PrefixAwareRoutingConfig",
        ),
        (
            {"inferenceAmiVersion": "al2-ami-x"},
            "inferenceAmiVersion must be one of",
        ),
        ({"enableSsmAccess": "yes"}, "enableSsmAccess must be true or false, got 'yes'"),
        (
            {"coreDumpConfig": {"destinationS3Uri": "http://dumps"}},
            "coreDumpConfig.destinationS3Uri must",
        ),
        (
            {"coreDumpConfig": {"destinationS3Uri": "s3://dumps/p", "kmsKeyArn": "my-key"}},
            "coreDumpConfig.kmsKeyArn must be a KMS key ARN",
        ),
        (
            {"managedInstanceScaling": {"minInstanceCount": 0.0, "maxInstanceCount": 2.0}},
            "managedInstanceScaling.minInstanceCount 0 is only for "
            "endpoints that host inference components",
        ),
        (
            {"managedInstanceScaling": {"minInstanceCount": 3.0, "maxInstanceCount": 2.0}},
            "managedInstanceScaling.minInstanceCount (3) must be <= maxInstanceCount (2)",
        ),
        (
            {"managedInstanceScaling": {}},
            "managedInstanceScaling needs minInstanceCount, maxInstanceCount or both",
        ),
        (
            {"modelDataUrl": "s3://models/model.tar.gz", "acceptEula": True},
            "acceptEula needs uncompressed model data",
        ),
        (
            {"modelDataUrl": "s3://models/model.tar.gz", "modelDataPrefix": "s3://models/p/"},
            "give at most one of modelDataUrl (an object) or modelDataPrefix (a prefix)",
        ),
        ({"modelDataPrefix": "s3://models/no-slash"}, "modelDataPrefix's prefix must"),
        (
            {"modelDataPrefix": "s3://models/p/", "modelDataKmsKeyArn": "my-key"},
            "modelDataKmsKeyArn must be a KMS key ARN",
        ),
        (
            {"acceptEula": True},
            "acceptEula applies to modelDataUrl or modelDataPrefix, neither is set",
        ),
        (
            {"modelDataKmsKeyArn": KEY},
            "modelDataKmsKeyArn applies to modelDataUrl or modelDataPrefix, neither is set",
        ),
        (
            {"multiModel": True, "modelDataUrl": "s3://models/model.tar.gz"},
            "multiModel needs modelDataPrefix (the prefix holding the .tar.gz models), "
            "got modelDataUrl",
        ),
        (
            {"modelCache": True, "modelDataPrefix": "s3://models/p/"},
            "modelCache is only for multiModel: true",
        ),
        (
            {"multiModel": True, "modelDataPrefix": "s3://models/p/", "acceptEula": True},
            "multiModel: a multi-model container's data is a prefix of .tar.gz models, which "
            "takes no acceptEula",
        ),
        (
            {**SERVERLESS, "multiModel": True, "modelDataPrefix": "s3://models/p/"},
            "multiModel cannot be combined with serverless (serverless inference does not "
            "support multi-model endpoints: https://docs.aws.amazon.com/sagemaker/latest/dg/"
            "serverless-endpoints.html)",
        ),
        ({**SERVERLESS, "routingStrategy": "RANDOM"}, "routingStrategy cannot be combined"),
        (
            {**SERVERLESS, "inferenceAmiVersion": "al2-ami-sagemaker-inference-gpu-2"},
            "inferenceAmiVersion cannot be combined with serverless",
        ),
        ({**SERVERLESS, "enableSsmAccess": False}, "enableSsmAccess cannot be combined"),
        (
            {**SERVERLESS, "coreDumpConfig": {"destinationS3Uri": "s3://dumps/p"}},
            "coreDumpConfig cannot be combined with serverless",
        ),
        (
            {**SERVERLESS, "managedInstanceScaling": {"maxInstanceCount": 2.0}},
            "managedInstanceScaling cannot be combined with serverless",
        ),
    ],
)
def test_bad_options_are_refused_naming_the_field_before_anything_registers(
    rec: RecordingMonitor, inputs: dict[str, Any], problem: str
) -> None:
    with pytest.raises(ComponentInitError) as caught:
        run(lambda: construct("svc", {"ecrRepository": "app", **inputs}))
    inner = caught.value.inner
    assert isinstance(inner, ValidationError)
    assert inner.component == "HostedModel 'svc'"
    assert any(p.startswith(problem) for p in inner.problems), inner.problems
    # Other languages' names only: no snake_case argument before the value ("got ...").
    heads = [p.partition(" got ")[0] for p in inner.problems]
    assert [h for h in heads if re.search(r"\b[a-z0-9]+_[a-z0-9_]+\b", h)] == [], heads
    assert rec.registrations == []


def test_output_url_with_licence_is_refused(rec: RecordingMonitor) -> None:
    def program() -> None:
        construct(
            "svc",
            {
                "ecrRepository": "app",
                "modelDataUrl": pulumi.Output.from_input("s3://models/model.tar.gz"),
                "acceptEula": True,
            },
        )

    with pytest.raises(ComponentInitError, match="acceptEula needs uncompressed"):
        run(program)
    assert rec.registrations == []


def test_model_data_prefix_may_be_an_output(rec: RecordingMonitor) -> None:
    def program() -> None:
        # What YAML's "s3://${weights.bucket}/llama-3/" sends: one output string.
        bucket = aws.s3.Bucket("weights", bucket="team-weights")
        prefix = bucket.bucket.apply(lambda name: f"s3://{name}/llama-3/")
        construct(
            "llm",
            {
                "ecrRepository": "app",
                "modelDataPrefix": prefix,
                "acceptEula": True,
                "modelDataKmsKeyArn": KEY,
            },
        )

    run(program)
    assert rec.named("llm-model").inputs["primaryContainer"]["modelDataSource"] == {
        "s3DataSources": [
            {
                "s3Uri": "s3://team-weights/llama-3/",
                "s3DataType": "S3Prefix",
                "compressionType": "None",
                "modelAccessConfig": {"acceptEula": True},
            }
        ]
    }
    assert rec.named("weights").urn in rec.named("llm-model").dependencies
    grants = statements(rec, "llm-policy")
    assert grants["ReadModelData"]["Resource"] == ["arn:aws:s3:::team-weights/llama-3/*"]
    assert grants["ListModelData"] == {
        "Effect": "Allow",
        "Action": ["s3:ListBucket"],
        "Resource": ["arn:aws:s3:::team-weights"],
        "Sid": "ListModelData",
        "Condition": {"StringLike": {"s3:prefix": ["llama-3/*"]}},
    }
    assert grants["DecryptModelData"]["Resource"] == [KEY]


def test_output_prefix_serves_many_models_and_keeps_the_multi_model_rules(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        prefix = pulumi.Output.from_input("s3://models/mme/")
        construct("mme", {"ecrRepository": "app", "modelDataPrefix": prefix, "multiModel": True})

    run(program)
    container = rec.named("mme-model").inputs["primaryContainer"]
    assert (container["modelDataUrl"], container["mode"]) == ("s3://models/mme/", "MultiModel")

    def licensed() -> None:
        prefix = pulumi.Output.from_input("s3://models/mme/")
        construct(
            "bad",
            {
                "ecrRepository": "app",
                "modelDataPrefix": prefix,
                "multiModel": True,
                "acceptEula": True,
            },
        )

    with pytest.raises(ComponentInitError, match="which takes no acceptEula"):
        run(licensed)
    assert [r.name for r in rec.registrations if r.name.startswith("bad")] == []


def test_a_setting_that_is_no_object_is_refused_in_direct_python_use(rec: RecordingMonitor) -> None:
    # The engine shapes objects by the schema; a Python caller may pass anything.
    args: dict[str, Any] = {"ecr_repository": "app", "core_dump_config": "s3://dumps/svc"}
    with pytest.raises(ValidationError) as caught:
        run(lambda: HostedModel("svc", cast(HostedModelArgs, args)))
    assert caught.value.problems == ["coreDumpConfig must be an object, got 's3://dumps/svc'"]
    assert rec.registrations == []


def test_output_prefix_key_is_checked_before_anything_registers(rec: RecordingMonitor) -> None:
    def program() -> None:
        prefix = pulumi.Output.from_input("s3://models/p/")
        construct(
            "svc", {"ecrRepository": "app", "modelDataPrefix": prefix, "modelDataKmsKeyArn": "k"}
        )

    with pytest.raises(ComponentInitError) as caught:
        run(program)
    inner = caught.value.inner
    assert isinstance(inner, ValidationError)
    assert [p.partition(" (")[0] for p in inner.problems] == [
        "modelDataKmsKeyArn must be a KMS key ARN"
    ]
    assert inner.problems[0].endswith(", got 'k'")
    assert rec.registrations == []
