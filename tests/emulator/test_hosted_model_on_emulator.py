"""HostedModel and SharedEndpoint (the multi-language adapters) as the emulator sees them."""

from __future__ import annotations

import pulumi_aws as aws

from pulumi_sagemaker_hosting.provider import HostedModel, SharedEndpoint
from pulumi_sagemaker_hosting.testing import EmulatedStack

IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/tgi:2.4"
KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def test_named_by_another_resource_with_serving_options(aws_emulator: EmulatedStack) -> None:
    def program() -> None:
        # Another resource's output names the endpoint (a topic stands for any resource).
        names = aws.sns.Topic("names", name="llm-blue")
        weights = aws.s3.Bucket("weights", bucket="weights")
        HostedModel(
            "llm",
            {
                "ecr_repository": "serve",
                "image_tag": "v1",
                "model_data_prefix": weights.bucket.apply(lambda b: f"s3://{b}/llama-3/"),
                "accept_eula": True,
                "model_data_kms_key_arn": KEY_ARN,
                "instance_type": "ml.g5.2xlarge",
                "routing_strategy": "LEAST_OUTSTANDING_REQUESTS",
                "inference_ami_version": "al2-ami-sagemaker-inference-gpu-2",
                "enable_ssm_access": True,
                "core_dump_config": {"destination_s3_uri": "s3://dumps/llm"},
                "managed_instance_scaling": {"min_instance_count": 1, "max_instance_count": 2},
                "latency_alarm": {"threshold": 2_000_000, "evaluation_periods": 3},
                "endpoint_name": names.name,
            },
        )

    aws_emulator.run(program)
    emu, rec = aws_emulator.emulator, aws_emulator.recorder
    assert emu.endpoints() == ["llm-blue"]
    endpoint = emu.describe_endpoint("llm-blue")
    assert endpoint["EndpointStatus"] == "InService"
    config = emu.describe_endpoint_config(endpoint["EndpointConfigName"])
    (variant,) = config["ProductionVariants"]
    assert variant["RoutingConfig"] == {"RoutingStrategy": "LEAST_OUTSTANDING_REQUESTS"}
    assert variant["InferenceAmiVersion"] == "al2-ami-sagemaker-inference-gpu-2"
    assert variant["EnableSSMAccess"] is True
    assert variant["CoreDumpConfig"] == {"DestinationS3Uri": "s3://dumps/llm"}
    assert variant["ManagedInstanceScaling"] == {
        "Status": "ENABLED",
        "MinInstanceCount": 1,
        "MaxInstanceCount": 2,
    }
    model = emu.describe_model(variant["ModelName"])
    assert model["PrimaryContainer"]["ModelDataSource"] == {
        "S3DataSource": {
            "S3Uri": "s3://weights/llama-3/",
            "S3DataType": "S3Prefix",
            "CompressionType": "None",
            "ModelAccessConfig": {"AcceptEula": True},
        }
    }
    policies = emu.role_policies(rec.named("llm-role").outputs["name"])
    sids = {s["Sid"] for policy in policies.values() for s in policy["Statement"]}
    assert {"ReadModelData", "ListModelData", "DecryptModelData", "WriteCoreDumps"} <= sids
    (alarm,) = emu.alarms()
    dimensions = {d["Name"]: d["Value"] for d in alarm["Dimensions"]}
    assert dimensions == {"EndpointName": "llm-blue", "VariantName": "AllTraffic"}


def test_shared_endpoint_named_by_another_resource_with_variant_settings(
    aws_emulator: EmulatedStack,
) -> None:
    def program() -> None:
        names = aws.sns.Topic("names", name="llms-blue")
        role = aws.iam.Role("endpoint-role", assume_role_policy="{}")
        SharedEndpoint(
            "llms",
            {
                "instance_type": "ml.g5.12xlarge",
                "execution_role_arn": role.arn,
                "routing_strategy": "RANDOM",
                "inference_ami_version": "al2-ami-sagemaker-inference-gpu-2",
                "enable_ssm_access": True,
                "core_dump_config": {"destination_s3_uri": "s3://dumps/llms"},
                "endpoint_name": names.name,
                "models": [
                    {"name": "phi", "image_uri": IMAGE, "memory_mb": 16384, "accelerators": 1}
                ],
            },
        )

    aws_emulator.run(program)
    emu, rec = aws_emulator.emulator, aws_emulator.recorder
    endpoint = emu.describe_endpoint("llms-blue")
    assert endpoint["EndpointStatus"] == "InService"
    (variant,) = emu.describe_endpoint_config(endpoint["EndpointConfigName"])["ProductionVariants"]
    assert variant["RoutingConfig"] == {"RoutingStrategy": "RANDOM"}
    assert variant["InferenceAmiVersion"] == "al2-ami-sagemaker-inference-gpu-2"
    assert variant["EnableSSMAccess"] is True
    assert variant["CoreDumpConfig"] == {"DestinationS3Uri": "s3://dumps/llms"}
    policies = emu.role_policies(rec.named("endpoint-role").outputs["name"])
    dump = policies[rec.named("llms-policy-AllTraffic-core-dump").outputs["name"]]
    assert [s["Sid"] for s in dump["Statement"]] == ["WriteCoreDumps"]
    (component,) = emu.inference_components()
    assert emu.describe_inference_component(component)["EndpointName"] == "llms-blue"
