"""SharedEndpoint, the multi-language face of inference components: wire inputs to children."""

from __future__ import annotations

import json
import re
from typing import Any, cast

import pulumi
import pytest
from pulumi.provider.experimental.component import ComponentProvider
from pulumi.provider.server import ComponentInitError

from pulumi_sagemaker_hosting import ValidationError
from pulumi_sagemaker_hosting.provider import (
    COMPONENTS,
    PACKAGE_NAME,
    PACKAGE_VERSION,
    SharedEndpoint,
    SharedEndpointArgs,
    schema,
)
from pulumi_sagemaker_hosting.testing import RecordingMonitor, run

TOKEN = "sagemaker-hosting:index:SharedEndpoint"
SM = "sagemaker-hosting:index:"
NATIVE = "aws-native:sagemaker:InferenceComponent"
ROLE = "arn:aws:iam::123456789012:role/endpoint-role"
TGI = "2.4.0-tgi2.4.0-gpu-py311-cu124-ubuntu22.04"

# What another language sends: camelCase keys, every number a float.
WIRE_ARGS: dict[str, Any] = {
    "instanceType": "ml.g5.12xlarge",
    "executionRoleArn": ROLE,
    "initialInstanceCount": 1.0,
    "minInstanceCount": 0.0,
    "maxInstanceCount": 2.0,
    "models": [
        {
            "name": "phi",
            "dlcRepository": "huggingface-pytorch-tgi-inference",
            "imageTag": TGI,
            "environment": {"HF_MODEL_ID": "microsoft/Phi-3.5-mini-instruct"},
            "memoryMb": 16384.0,
            "accelerators": 1.0,
            "minCopies": 1.0,
            "maxCopies": 4.0,
            "startupTimeout": 1200.0,
        },
        {
            "name": "qwen",
            "imageUri": "763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:latest",
            "memoryMb": 16384.0,
            "accelerators": 2.0,
            "cpuCores": 4.0,
            "minCopies": 0.0,
            "maxCopies": 2.0,
            "targetConcurrentRequests": 8.0,
        },
    ],
    "tags": {"team": "ml"},
}
# What a Python caller passes: snake_case keys.
PYTHON_ARGS: dict[str, Any] = {
    "instance_type": "ml.g5.xlarge",
    "execution_role_arn": ROLE,
    "models": [{"name": "small", "image_uri": "repo/image:1", "memory_mb": 2048}],
}


def construct(name: str, inputs: dict[str, Any]) -> dict[str, Any]:
    provider = ComponentProvider(COMPONENTS, PACKAGE_NAME, version=PACKAGE_VERSION)
    return dict(provider.construct(name, TOKEN, inputs).state)


def test_construct_from_wire_inputs(rec: RecordingMonitor) -> None:
    seen: dict[str, Any] = {}

    def program() -> pulumi.Output[Any]:
        state = construct("llms", json.loads(json.dumps(WIRE_ARGS)))
        assert sorted(state) == ["endpointArn", "endpointName", "inferenceComponentNames"]
        return pulumi.Output.all(**state).apply(seen.update)

    run(program)

    (shared,) = rec.of_type(TOKEN)
    assert shared.name == "llms"
    assert sorted((r.type, r.name) for r in rec.children_of(shared)) == [
        (f"{SM}Endpoint", "llms"),
        (f"{SM}EndpointConfig", "llms"),
        (f"{SM}InferenceComponent", "llms-phi"),
        (f"{SM}InferenceComponent", "llms-qwen"),
    ]
    config = rec.named("llms-config").inputs
    assert config["executionRoleArn"] == ROLE
    assert config["productionVariants"] == [
        {
            "variantName": "AllTraffic",
            "instanceType": "ml.g5.12xlarge",
            "initialInstanceCount": 1,
            "initialVariantWeight": 1.0,
            "managedInstanceScaling": {
                "status": "ENABLED",
                "minInstanceCount": 0,
                "maxInstanceCount": 2,
            },
            "routingConfigs": [{"routingStrategy": "LEAST_OUTSTANDING_REQUESTS"}],
        }
    ]
    phi = rec.named("llms-phi-component").inputs
    assert phi["specification"]["computeResourceRequirements"] == {
        "minMemoryRequiredInMb": 16384,
        "numberOfAcceleratorDevicesRequired": 1.0,
    }
    assert phi["specification"]["startupParameters"] == {
        "containerStartupHealthCheckTimeoutInSeconds": 1200,
        "modelDataDownloadTimeoutInSeconds": 1200,
    }
    assert phi["tags"] == [{"key": "team", "value": "ml"}]
    qwen = rec.named("llms-qwen-component").inputs
    assert qwen["specification"]["computeResourceRequirements"] == {
        "minMemoryRequiredInMb": 16384,
        "numberOfAcceleratorDevicesRequired": 2.0,
        "numberOfCpuCoresRequired": 4.0,
    }
    assert rec.named("llms-phi-model-model").inputs["primaryContainer"] == {
        "image": "763104351884.dkr.ecr.us-east-1.amazonaws.com/"
        f"huggingface-pytorch-tgi-inference:{TGI}",
        "environment": {"HF_MODEL_ID": "microsoft/Phi-3.5-mini-instruct"},
    }
    targets = {
        r.name: (r.inputs["minCapacity"], r.inputs["maxCapacity"])
        for r in rec.of_type("aws:appautoscaling/target:Target")
    }
    assert targets == {
        "llms-phi/copy-count-target": (1, 4),
        "llms-qwen/copy-count-target": (0, 2),
    }
    tracking = rec.named("llms-qwen/copy-count-ConcurrentRequests").inputs
    assert tracking["targetTrackingScalingPolicyConfiguration"]["targetValue"] == 8.0
    assert (
        rec.named("llms-phi/copy-count-ConcurrentRequests").inputs[
            "targetTrackingScalingPolicyConfiguration"
        ]["targetValue"]
        == 4.0
    )
    # Only the model that scales to zero gets the way back from zero.
    assert [r.name for r in rec.of_type("aws:cloudwatch/metricAlarm:MetricAlarm")] == [
        "llms-qwen/copy-count-scale-out-from-zero/alarm"
    ]
    endpoint = rec.named("llms-endpoint").outputs
    assert seen == {
        "endpointName": endpoint["name"],
        "endpointArn": endpoint["arn"],
        "inferenceComponentNames": {
            "phi": rec.named("llms-phi-component").outputs["inferenceComponentName"],
            "qwen": rec.named("llms-qwen-component").outputs["inferenceComponentName"],
        },
    }


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"executionRoleArn": "role"}, "executionRoleArn must be an IAM role ARN"),
        ({"executionRoleArn": ROLE + " x"}, "executionRoleArn must be an IAM role ARN"),
        # A number is refused here, before the endpoint config is registered (it used to be
        # EndpointConfig's refusal, after SharedEndpoint itself was registered).
        ({"executionRoleArn": 5.0}, r"executionRoleArn must be a string, got 5\.0"),
        # The empty string is left to the ARN rule, which words it (not "non-empty string").
        ({"executionRoleArn": ""}, r"executionRoleArn must be an IAM role ARN .*, got ''$"),
        ({"models": []}, "models must be a non-empty list"),
        ({"minInstanceCount": 3.0}, r"minInstanceCount \(3\) must be <= maxInstanceCount \(2\)"),
        (
            {"instanceType": "ml.foo"},
            r"instanceType must be a SageMaker hosting instance type \(closest: .*\), got 'ml.foo'",
        ),
        ({"endpointName": "bad_name"}, "endpointName must be 1-63 characters"),
    ],
)
def test_bad_endpoint_args_are_rejected_before_anything_is_registered(
    rec: RecordingMonitor, change: dict[str, Any], match: str
) -> None:
    args = {**WIRE_ARGS, **change}
    args = {k: v for k, v in args.items() if v is not None}

    with pytest.raises(ComponentInitError) as caught:
        run(lambda: construct("llms", json.loads(json.dumps(args))))
    inner = caught.value.inner
    assert isinstance(inner, ValidationError)
    assert inner.component == "SharedEndpoint 'llms'"
    assert re.search(match, str(inner)), inner.problems
    # Other languages' names only: no snake_case argument before the value ("got ...").
    heads = [p.partition(" got ")[0] for p in inner.problems]
    assert [h for h in heads if re.search(r"\b[a-z0-9]+_[a-z0-9_]+\b", h)] == [], heads
    assert rec.registrations == []


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"memoryMb": 64.0}, r"models\[1\].memoryMb must be an integer >= 128, got 64.0"),
        ({"accelerators": 5.0}, r"models\[1\]: accelerators 5 exceeds the 4"),
        ({"name": "phi"}, r"models\[1\].name 'phi' is used twice"),
        ({"maxCopies": 5.0}, r"models\[1\]: maxCopies 5 does not fit variant 'AllTraffic'"),
        ({"imageUri": None}, "exactly one of imageUri, ecrRepository or dlcRepository"),
        ({"targetConcurrentRequests": 0.0}, r"models\[1\].targetConcurrentRequests must be > 0"),
        ({"accelerators": 4.0, "copyCount": 2.0}, "beside its other inference components"),
        (
            {"environment": {"1A": "x"}},
            r"models\[1\].environment name must match the pattern .*, got '1A'",
        ),
        (
            {"imageUri": None, "dlcRepository": "d" * 200, "imageTag": "t" * 100},
            r"models\[1\]: dlcRepository and imageTag: the image URI would be 346 characters",
        ),
    ],
)
def test_bad_models_are_rejected_before_anything_is_registered(
    rec: RecordingMonitor, change: dict[str, Any], match: str
) -> None:
    model = {**WIRE_ARGS["models"][1], **change}
    model = {k: v for k, v in model.items() if v is not None}
    args = {**WIRE_ARGS, "models": [WIRE_ARGS["models"][0], model]}

    with pytest.raises(ComponentInitError) as caught:
        run(lambda: construct("llms", json.loads(json.dumps(args))))
    inner = caught.value.inner
    assert isinstance(inner, ValidationError)
    assert inner.component == "SharedEndpoint 'llms'"
    assert re.search(match, str(inner)), inner.problems
    # Other languages' names only: no snake_case argument before the value ("got ...").
    heads = [p.partition(" got ")[0] for p in inner.problems]
    assert [h for h in heads if re.search(r"\b[a-z0-9]+_[a-z0-9_]+\b", h)] == [], heads
    assert rec.registrations == []


def test_schema_describes_the_shared_endpoint() -> None:
    doc = schema()
    resource = doc["resources"][TOKEN]
    assert resource["isComponent"] is True
    assert sorted(resource["requiredInputs"]) == ["executionRoleArn", "instanceType", "models"]
    assert sorted(resource["properties"]) == [
        "endpointArn",
        "endpointName",
        "inferenceComponentNames",
    ]
    assert resource["inputProperties"]["models"]["items"]["$ref"] == (
        "#/types/sagemaker-hosting:index:SharedModel"
    )
    model = doc["types"]["sagemaker-hosting:index:SharedModel"]
    assert sorted(model["required"]) == ["memoryMb", "name"]
    inputs = resource["inputProperties"]
    for key in ("executionRoleArn", "endpointName"):
        assert "plain" not in inputs[key], key
    for key in ("routingStrategy", "inferenceAmiVersion", "enableSsmAccess"):
        assert inputs[key]["plain"] is True, key
    assert inputs["coreDumpConfig"]["$ref"] == "#/types/sagemaker-hosting:index:CoreDumpLocation"


def test_direct_python_construction(rec: RecordingMonitor) -> None:
    def program() -> None:
        SharedEndpoint(
            "llms",
            {
                "instance_type": "ml.g5.xlarge",
                "execution_role_arn": ROLE,
                "models": [
                    {
                        "name": "small",
                        "image_uri": "repo/image:1",
                        "memory_mb": 2048,
                        "accelerators": 1,
                    }
                ],
                # Not a SharedEndpoint input (its bounds are min/maxInstanceCount): ignored like
                # any other unknown key, not passed to the variant a second time.
                "managed_instance_scaling": {"min_instance_count": 5, "max_instance_count": 9},
            },
        )

    run(program)
    variant = rec.named("llms-config").inputs["productionVariants"][0]
    assert variant["managedInstanceScaling"] == {
        "status": "ENABLED",
        "minInstanceCount": 1.0,
        "maxInstanceCount": 1.0,
    }
    assert rec.named("llms-small-component").inputs["runtimeConfig"] == {"copyCount": 1.0}
    assert rec.of_type("aws:appautoscaling/target:Target") == []


KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def test_variant_settings_and_an_output_name(rec: RecordingMonitor) -> None:
    def program() -> None:
        name = pulumi.Output.from_input("llms-blue")
        dumps = pulumi.Output.from_input("s3://dumps/llms")
        construct(
            "llms",
            {
                **json.loads(json.dumps(WIRE_ARGS)),
                "routingStrategy": "RANDOM",
                "inferenceAmiVersion": "al2-ami-sagemaker-inference-gpu-2",
                "enableSsmAccess": True,
                "coreDumpConfig": {"destinationS3Uri": dumps, "kmsKeyArn": KEY},
                "endpointName": name,
            },
        )

    run(program)
    assert rec.named("llms-endpoint").inputs["name"] == "llms-blue"
    (variant,) = rec.named("llms-config").inputs["productionVariants"]
    assert variant == {
        "variantName": "AllTraffic",
        "instanceType": "ml.g5.12xlarge",
        "initialInstanceCount": 1,
        "initialVariantWeight": 1.0,
        "managedInstanceScaling": {
            "status": "ENABLED",
            "minInstanceCount": 0,
            "maxInstanceCount": 2,
        },
        "routingConfigs": [{"routingStrategy": "RANDOM"}],
        "inferenceAmiVersion": "al2-ami-sagemaker-inference-gpu-2",
        "enableSsmAccess": True,
        "coreDumpConfig": {"destinationS3Uri": "s3://dumps/llms", "kmsKeyId": KEY},
    }
    # The endpoint's execution role writes the dumps (no model of its own).
    grant = rec.named("llms-policy-AllTraffic-core-dump").inputs
    assert grant["role"] == "endpoint-role"
    sids = [s["Sid"] for s in json.loads(grant["policy"])["Statement"]]
    assert sids == ["WriteCoreDumps", "EncryptCoreDumps"]


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"routingStrategy": "FASTEST"}, "routingStrategy must be one of"),
        ({"inferenceAmiVersion": "x"}, "inferenceAmiVersion must be"),
        ({"enableSsmAccess": "yes"}, "enableSsmAccess must be true or false, got 'yes'"),
        (
            {"coreDumpConfig": {"destinationS3Uri": "http://dumps"}},
            "coreDumpConfig.destinationS3Uri must",
        ),
    ],
)
def test_bad_variant_settings_name_their_field(
    rec: RecordingMonitor, change: dict[str, Any], match: str
) -> None:
    with pytest.raises(ComponentInitError) as caught:
        run(lambda: construct("llms", {**json.loads(json.dumps(WIRE_ARGS)), **change}))
    inner = caught.value.inner
    assert isinstance(inner, ValidationError)
    assert [p for p in inner.problems if match in p] != [], inner.problems
    # Reported once, under the camelCase field, not again by the variant's own check.
    assert len(inner.problems) == 1, inner.problems
    assert rec.registrations == []


@pytest.mark.parametrize(
    ("name", "opts", "problem"),
    [
        ("", None, "name must be a non-empty string, got '' (str)"),
        ("llms", "x", "opts must be a pulumi.ResourceOptions or None, got 'x' (str)"),
    ],
)
def test_bad_name_or_opts_is_a_validation_error(
    rec: RecordingMonitor, name: str, opts: Any, problem: str
) -> None:
    # Pulumi's own check raises a TypeError; the component refuses first, as every other does.
    args = cast(SharedEndpointArgs, dict(PYTHON_ARGS))
    with pytest.raises(ValidationError) as caught:
        run(lambda: SharedEndpoint(name, args, opts))
    assert (caught.value.component, caught.value.problems) == (
        f"SharedEndpoint {name!r}",
        [problem],
    )
    assert rec.registrations == []


def test_a_second_shared_endpoint_of_the_same_name_is_refused(rec: RecordingMonitor) -> None:
    args = cast(SharedEndpointArgs, dict(PYTHON_ARGS))

    def program() -> None:
        SharedEndpoint("llms", args)
        SharedEndpoint("llms", args)

    with pytest.raises(ValidationError, match=r"the logical name 'llms' .* is already used"):
        run(program)
    assert len(rec.of_type(TOKEN)) == 1


def test_zero_copies_without_zero_instances_is_refused_before_anything_registers(
    rec: RecordingMonitor,
) -> None:
    # The InferenceComponent's own rule, checked before the endpoint is created (it used to
    # refuse after the endpoint config and endpoint were registered).
    args = {**WIRE_ARGS, "minInstanceCount": 1.0}
    args["models"] = [{**WIRE_ARGS["models"][0], "copyCount": 0.0, "minCopies": 0.0}]
    with pytest.raises(ComponentInitError) as caught:
        run(lambda: construct("llms", json.loads(json.dumps(args))))
    inner = caught.value.inner
    assert isinstance(inner, ValidationError)
    assert inner.component == "SharedEndpoint 'llms'"
    assert inner.problems[0].startswith(
        "models[0]: copyCount 0 needs variant 'AllTraffic' to scale to zero instances "
        "(minInstanceCount: 0)"
    )
    assert rec.registrations == []
