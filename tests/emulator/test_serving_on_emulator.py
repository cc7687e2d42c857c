"""Issue 10's serving options as AWS (the emulator) receives them: variant settings, prefix
model data, multi-model containers, model packages, private registries, VPCs."""

from __future__ import annotations

import pulumi_aws as aws
import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting.testing import EmulatedStack, EmulatorError

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


def test_models_of_every_new_kind_are_accepted(aws_emulator: EmulatedStack) -> None:
    lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:registry-creds"
    package = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/3"

    def program() -> None:
        vpc = aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16")
        subnet = aws.ec2.Subnet("private", vpc_id=vpc.id, cidr_block="10.0.1.0/24")
        sm.Model(
            "llm",
            containers=[
                sm.ContainerDefinition(
                    image=IMAGE,
                    model_data=sm.ModelData.from_s3_prefix(
                        "s3://weights/llama/", accept_eula=True, kms_key=KEY_ARN
                    ),
                )
            ],
        )
        sm.Model(
            "fleet",
            containers=[
                sm.ContainerDefinition(
                    image=IMAGE,
                    model_data=sm.ModelData.from_s3_prefix("s3://models/fleet/"),
                    multi_model=True,
                    model_cache=False,
                )
            ],
        )
        sm.Model("package", containers=[sm.ContainerDefinition.from_model_package(package)])
        sm.Model(
            "private",
            containers=[
                sm.ContainerDefinition(
                    image=sm.ContainerImage.from_private_registry(
                        "registry.example.com/team/serve:1", credentials_provider_arn=lambda_arn
                    )
                )
            ],
            vpc_subnets=[subnet],
        )
        sm.Model(
            "by-id",
            containers=[sm.ContainerDefinition(image=IMAGE)],
            vpc_subnet_ids=[subnet.id],
        )

    aws_emulator.run(program)
    emu, rec = aws_emulator.emulator, aws_emulator.recorder

    def described(name: str) -> dict[str, object]:
        result: dict[str, object] = emu.describe_model(rec.named(f"{name}-model").outputs["name"])
        return result

    llm = described("llm")["PrimaryContainer"]
    assert llm["ModelDataSource"] == {  # type: ignore[index]
        "S3DataSource": {
            "S3Uri": "s3://weights/llama/",
            "S3DataType": "S3Prefix",
            "CompressionType": "None",
            "ModelAccessConfig": {"AcceptEula": True},
        }
    }
    fleet = described("fleet")["PrimaryContainer"]
    assert fleet["Mode"] == "MultiModel"  # type: ignore[index]
    assert fleet["ModelDataUrl"] == "s3://models/fleet/"  # type: ignore[index]
    assert fleet["MultiModelConfig"] == {"ModelCacheSetting": "Disabled"}  # type: ignore[index]
    assert described("package")["PrimaryContainer"] == {"ModelPackageName": package}
    private = described("private")
    assert private["PrimaryContainer"]["ImageConfig"] == {  # type: ignore[index]
        "RepositoryAccessMode": "Vpc",
        "RepositoryAuthConfig": {"RepositoryCredentialsProviderArn": lambda_arn},
    }
    (ours,) = emu.client("ec2").describe_subnets(
        Filters=[{"Name": "cidr-block", "Values": ["10.0.1.0/24"]}]
    )["Subnets"]
    subnet_id = ours["SubnetId"]
    groups = emu.client("ec2").describe_security_groups(
        Filters=[{"Name": "group-name", "Values": ["private-security-group-*"]}]
    )["SecurityGroups"]
    (group,) = groups
    assert private["VpcConfig"] == {"Subnets": [subnet_id], "SecurityGroupIds": [group["GroupId"]]}
    assert group["VpcId"] == ours["VpcId"]
    assert [
        (p["IpProtocol"], p.get("FromPort"), p.get("ToPort")) for p in group["IpPermissionsEgress"]
    ] == [("tcp", 443, 443)]
    assert group["IpPermissions"] == []
    by_id = described("by-id")
    assert by_id["VpcConfig"]["Subnets"] == [subnet_id]  # type: ignore[index]


@pytest.mark.parametrize(
    ("container", "vpc", "match"),
    [
        (
            {
                "image": "x/y:1",
                "model_data_source": {
                    "s3_data_sources": [
                        {
                            "s3_uri": "s3://b/m.tar.gz",
                            "s3_data_type": "S3Object",
                            "compression_type": "Gzip",
                            "model_access_config": {"accept_eula": True},
                        }
                    ]
                },
            },
            None,
            "ModelAccessConfig is only supported for uncompressed model data",
        ),
        (
            {
                "image": "registry.example.com/x:1",
                "image_config": {"repository_access_mode": "Vpc"},
            },
            None,
            "RepositoryAccessMode Vpc needs the model's VpcConfig",
        ),
        (
            {"image": "x/y:1", "mode": "MultiModel"},
            {"subnets": ["subnet-1"], "security_group_ids": ["sg-1"]},
            "a MultiModel container needs ModelDataUrl",
        ),
        (
            {
                "image": "x/y:1",
                "model_data_source": {
                    "s3_data_sources": [
                        {
                            "s3_uri": "s3://b/p/",
                            "s3_data_type": "S3Prefix",
                            "compression_type": "Zip",
                        }
                    ]
                },
            },
            None,
            "CompressionType 'Zip' is not one of",
        ),
    ],
)
def test_emulator_refuses_what_aws_refuses(
    aws_emulator: EmulatedStack, container: dict[str, object], vpc: object, match: str
) -> None:
    def program() -> None:
        role = aws.iam.Role("r", assume_role_policy="{}")
        aws.sagemaker.Model(
            "bad",
            execution_role_arn=role.arn,
            primary_container=container,  # type: ignore[arg-type]
            vpc_config=vpc,  # type: ignore[arg-type]
        )

    with pytest.raises(EmulatorError, match=match):
        aws_emulator.run(program)
