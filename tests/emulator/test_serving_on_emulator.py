"""Issue 10's serving options as AWS (the emulator) receives them: variant settings, prefix
model data, multi-model containers, model packages, private registries, VPCs."""

from __future__ import annotations

import pulumi_aws as aws

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting.testing import EmulatedStack

IMAGE = sm.ContainerImage.from_ecr_repository("repo", "v1")
KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def test_variant_settings_reach_the_endpoint_config(aws_emulator: EmulatedStack) -> None:
    def program() -> None:
        role = aws.iam.Role("endpoint-role", assume_role_policy="{}")
        model = sm.Model("llm", containers=[sm.ContainerDefinition(image=IMAGE)])
        config = sm.EndpointConfig(
            "cfg",
            instance_production_variants=[
                sm.InstanceProductionVariant(
                    model=model,
                    variant_name="main",
                    instance_type="ml.g5.2xlarge",
                    routing_strategy=sm.RoutingStrategy.LEAST_OUTSTANDING_REQUESTS,
                    inference_ami_version=sm.InferenceAmiVersion.AL2_GPU_2,
                    enable_ssm_access=True,
                    core_dump_config=sm.CoreDumpConfig("s3://dumps/llm", kms_key=KEY_ARN),
                    managed_instance_scaling=sm.ManagedInstanceScaling(
                        min_instance_count=1, max_instance_count=2
                    ),
                )
            ],
            execution_role_arn=role,
        )
        sm.Endpoint("ep", endpoint_config=config)

    aws_emulator.run(program)
    emu, rec = aws_emulator.emulator, aws_emulator.recorder
    (name,) = emu.endpoints()
    config = emu.describe_endpoint_config(emu.describe_endpoint(name)["EndpointConfigName"])
    (variant,) = config["ProductionVariants"]
    assert variant["RoutingConfig"] == {"RoutingStrategy": "LEAST_OUTSTANDING_REQUESTS"}
    assert variant["InferenceAmiVersion"] == "al2-ami-sagemaker-inference-gpu-2"
    assert variant["EnableSSMAccess"] is True
    assert variant["CoreDumpConfig"] == {"DestinationS3Uri": "s3://dumps/llm", "KmsKeyId": KEY_ARN}
    assert variant["ManagedInstanceScaling"] == {
        "Status": "ENABLED",
        "MinInstanceCount": 1,
        "MaxInstanceCount": 2,
    }
    assert config["ExecutionRoleArn"] == rec.named("endpoint-role").outputs["arn"]
    policies = emu.role_policies(rec.named("llm-role").outputs["name"])
    dump = policies[rec.named("llm-policy-cfg-main-core-dump").outputs["name"]]
    assert [s["Sid"] for s in dump["Statement"]] == ["WriteCoreDumps", "EncryptCoreDumps"]
