"""Data capture, async inference and shadow variants as AWS (the emulator) receives them."""

from __future__ import annotations

import pulumi_aws as aws

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting.async_inference import AsyncInference
from pulumi_sagemaker_hosting.data_capture import DataCapture
from pulumi_sagemaker_hosting.testing import EmulatedStack


def test_async_endpoint_with_capture_and_shadow(aws_emulator: EmulatedStack) -> None:
    def program() -> None:
        topic = aws.sns.Topic("done")
        image = sm.ContainerImage.from_ecr_repository("repo", "v1")
        live = sm.Model("live", containers=[sm.ContainerDefinition(image=image)])
        candidate = sm.Model("candidate", containers=[sm.ContainerDefinition(image=image)])
        config = sm.EndpointConfig(
            "cfg",
            instance_production_variants=[
                sm.InstanceProductionVariant(
                    model=live, variant_name="live", instance_type="ml.m5.large"
                )
            ],
            shadow_production_variants=[
                sm.InstanceProductionVariant(
                    model=candidate, variant_name="candidate", instance_type="ml.m5.large"
                )
            ],
            data_capture=DataCapture("s3://captures/ep", sampling_percentage=10),
            async_inference=AsyncInference("s3://results/out", success_topic=topic),
        )
        sm.Endpoint("ep", endpoint_config=config)

    aws_emulator.run(program)
    emu, rec = aws_emulator.emulator, aws_emulator.recorder
    (name,) = emu.endpoints()
    config = emu.describe_endpoint_config(emu.describe_endpoint(name)["EndpointConfigName"])
    assert config["DataCaptureConfig"]["InitialSamplingPercentage"] == 10
    assert config["DataCaptureConfig"]["CaptureOptions"] == [{"CaptureMode": "InputAndOutput"}]
    output = config["AsyncInferenceConfig"]["OutputConfig"]
    assert output["S3OutputPath"] == "s3://results/out"
    assert output["NotificationConfig"]["SuccessTopic"] == rec.named("done").outputs["arn"]
    assert [v["VariantName"] for v in config["ShadowProductionVariants"]] == ["candidate"]
    policies = emu.role_policies(rec.named("live-role").outputs["name"])
    assert sorted(policies) == sorted(
        [
            rec.named("live-policy").outputs["name"],
            rec.named("live-policy-cfg-capture").outputs["name"],
            rec.named("live-policy-cfg-async").outputs["name"],
        ]
    )
