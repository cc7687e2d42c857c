"""Models as people deploy them today (issue 10): weights under an S3 prefix with a licence,
KMS-encrypted data, multi-model containers, Model Registry packages, private registries and
VPC placement from resources. Exact wire inputs, least-privilege grants, validation."""

from __future__ import annotations

import json
from typing import Any

import pulumi
import pulumi_aws as aws
import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting import ValidationError
from pulumi_sagemaker_hosting.testing import RecordingMonitor, run
from pulumi_sagemaker_hosting.testing.mocks import _suffix

IMAGE = sm.ContainerImage.from_ecr_repository("repo", "v1")
IMAGE_URI = "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:v1"
KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
PACKAGE_ARN = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/3"
LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:registry-creds"
BASE_SIDS = ["WriteLogs", "PutMetrics"]
PULL = [
    {
        "Effect": "Allow",
        "Action": [
            "ecr:BatchCheckLayerAvailability",
            "ecr:GetDownloadUrlForLayer",
            "ecr:BatchGetImage",
        ],
        "Resource": ["arn:aws:ecr:us-east-1:123456789012:repository/repo"],
        "Sid": "PullImage",
    },
    {
        "Effect": "Allow",
        "Action": ["ecr:GetAuthorizationToken"],
        "Resource": ["*"],
        "Sid": "EcrAuth",
    },
]


def resource_id(rec: RecordingMonitor, name: str) -> str:
    """The id the mocks gave a resource (``<name>-<7 hex>``)."""
    return f"{name}-{_suffix(rec.named(name).type, name)}"


def statements(rec: RecordingMonitor, name: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(rec.named(name).inputs["policy"])["Statement"]
    assert [s["Sid"] for s in found[:2]] == BASE_SIDS
    return found[2:]


def container_of(rec: RecordingMonitor, name: str = "m") -> dict[str, Any]:
    result: dict[str, Any] = rec.named(f"{name}-model").inputs["primaryContainer"]
    return result


def one(definition: sm.ContainerDefinition, **model: Any) -> None:
    sm.Model("m", containers=[definition], **model)


def rejected(rec: RecordingMonitor, build: Any, match: str) -> ValidationError:
    with pytest.raises(ValidationError, match="(?s)" + match) as info:
        build()
    assert rec.registrations == []
    return info.value


# --- Uncompressed weights under a prefix ---------------------------------------------------


def test_prefix_renders_model_data_source_with_the_licence(rec: RecordingMonitor) -> None:
    data = sm.ModelData.from_s3_prefix("s3://weights/llama-3-8b/", accept_eula=True)
    run(lambda: one(sm.ContainerDefinition(image=IMAGE, model_data=data)))
    assert container_of(rec) == {
        "image": IMAGE_URI,
        "modelDataSource": {
            "s3DataSources": [
                {
                    "s3Uri": "s3://weights/llama-3-8b/",
                    "s3DataType": "S3Prefix",
                    "compressionType": "None",
                    "modelAccessConfig": {"acceptEula": True},
                }
            ]
        },
    }
    assert statements(rec, "m-policy") == [
        *PULL,
        {
            "Effect": "Allow",
            "Action": ["s3:GetObject"],
            "Resource": ["arn:aws:s3:::weights/llama-3-8b/*"],
            "Sid": "ReadModelData",
        },
        {
            "Effect": "Allow",
            "Action": ["s3:ListBucket"],
            "Resource": ["arn:aws:s3:::weights"],
            "Sid": "ListModelData",
            "Condition": {"StringLike": {"s3:prefix": ["llama-3-8b/*"]}},
        },
    ]


def test_bucket_prefix_without_licence_and_with_a_bucket_resource(rec: RecordingMonitor) -> None:
    def program() -> None:
        bucket = aws.s3.Bucket("weights")
        data = sm.ModelData.from_bucket_prefix(bucket, "models/v2/", accept_eula=False)
        one(sm.ContainerDefinition(image=IMAGE, model_data=data))

    run(program)
    bucket = rec.named("weights").outputs["bucket"]
    (source,) = container_of(rec)["modelDataSource"]["s3DataSources"]
    assert source == {
        "s3Uri": f"s3://{bucket}/models/v2/",
        "s3DataType": "S3Prefix",
        "compressionType": "None",
        "modelAccessConfig": {"acceptEula": False},
    }
    assert "modelDataUrl" not in container_of(rec)
    granted = statements(rec, "m-policy")
    assert granted[2]["Resource"] == [f"arn:aws:s3:::{bucket}/models/v2/*"]
    assert granted[3]["Resource"] == [f"arn:aws:s3:::{bucket}"]


def test_no_licence_means_no_access_config(rec: RecordingMonitor) -> None:
    data = sm.ModelData.from_s3_prefix("s3://weights/m/")
    run(lambda: one(sm.ContainerDefinition(image=IMAGE, model_data=data)))
    (source,) = container_of(rec)["modelDataSource"]["s3DataSources"]
    assert "modelAccessConfig" not in source


@pytest.mark.parametrize(
    ("factory", "kwargs"),
    [
        (sm.ModelData.from_s3_prefix, {"s3_uri": "s3://weights/m/"}),
        (sm.ModelData.from_bucket_prefix, {"bucket": "weights", "prefix": "m/"}),
        (sm.ModelData.from_s3_uri, {"uri": "s3://weights/m/model.tar.gz"}),
        (sm.ModelData.from_bucket, {"bucket": "weights", "key": "m/model.tar.gz"}),
    ],
)
def test_kms_key_adds_decrypt_on_that_key_only(
    rec: RecordingMonitor, factory: Any, kwargs: dict[str, Any]
) -> None:
    data = factory(**kwargs, kms_key=KEY_ARN)
    run(lambda: one(sm.ContainerDefinition(image=IMAGE, model_data=data)))
    assert statements(rec, "m-policy")[-1] == {
        "Effect": "Allow",
        "Action": ["kms:Decrypt"],
        "Resource": [KEY_ARN],
        "Sid": "DecryptModelData",
    }


def test_kms_key_resource_grants_its_arn(rec: RecordingMonitor) -> None:
    def program() -> None:
        key = aws.kms.Key("key")
        data = sm.ModelData.from_bucket("weights", "m.tar.gz", kms_key=key)
        one(sm.ContainerDefinition(image=IMAGE, model_data=data))

    run(program)
    assert statements(rec, "m-policy")[-1]["Resource"] == [rec.named("key").outputs["arn"]]
    assert container_of(rec)["modelDataUrl"] == "s3://weights/m.tar.gz"


@pytest.mark.parametrize(
    ("build", "match"),
    [
        (
            lambda: sm.ModelData.from_s3_prefix("s3://weights/m"),
            r"ModelData.from_s3_prefix: s3_uri's prefix must be an S3 key prefix .* ending "
            r"with '/'.* got 'm'",
        ),
        (
            lambda: sm.ModelData.from_s3_prefix("weights/m/"),
            r"s3_uri must look like s3://bucket/prefix/, got 'weights/m/'",
        ),
        (
            lambda: sm.ModelData.from_bucket_prefix("weights", "/m/"),
            r"from_bucket_prefix: prefix must be .* got '/m/'",
        ),
        (
            lambda: sm.ModelData.from_bucket_prefix("Bad_Bucket", "m/"),
            r"bucket must be an S3 bucket name, got 'Bad_Bucket'",
        ),
        (
            lambda: sm.ModelData.from_bucket_prefix("weights", "m/", accept_eula="yes"),
            r"accept_eula must be a bool, got 'yes'",
        ),
        (
            lambda: sm.ModelData.from_bucket("weights", "m.tar.gz", accept_eula=True),
            r"ModelData.from_bucket: accept_eula needs uncompressed model data",
        ),
        (
            lambda: sm.ModelData.from_s3_uri("s3://weights/m.tar.gz", accept_eula=True),
            r"ModelData.from_s3_uri: accept_eula needs uncompressed model data",
        ),
        (
            lambda: sm.ModelData.from_s3_prefix("s3://weights/m/", kms_key="alias/models"),
            r"kms_key must be an aws.kms.Key or a key ARN .* got 'alias/models'",
        ),
        (
            lambda: sm.ModelData.from_bucket("weights", "m.tar.gz", kms_key=42),
            r"kms_key must be an aws.kms.Key or a key ARN, got 42",
        ),
    ],
)
def test_bad_model_data_fails_naming_the_argument(build: Any, match: str) -> None:
    with pytest.raises(ValidationError, match=match):
        build()


# --- Multi-model ---------------------------------------------------------------------------


@pytest.mark.parametrize(("cache", "setting"), [(True, "Enabled"), (False, "Disabled")])
def test_multi_model_container(rec: RecordingMonitor, cache: bool, setting: str) -> None:
    data = sm.ModelData.from_s3_prefix("s3://models/fleet/")
    run(
        lambda: one(
            sm.ContainerDefinition(
                image=IMAGE, model_data=data, multi_model=True, model_cache=cache
            )
        )
    )
    assert container_of(rec) == {
        "image": IMAGE_URI,
        "mode": "MultiModel",
        "modelDataUrl": "s3://models/fleet/",
        "multiModelConfig": {"modelCacheSetting": setting},
    }
    assert [s["Sid"] for s in statements(rec, "m-policy")] == [
        "PullImage",
        "EcrAuth",
        "ReadModelData",
        "ListModelData",
    ]


def test_multi_model_without_cache_choice_leaves_sagemakers_default(rec: RecordingMonitor) -> None:
    data = sm.ModelData.from_s3_prefix("s3://models/fleet/")
    run(lambda: one(sm.ContainerDefinition(image=IMAGE, model_data=data, multi_model=True)))
    assert "multiModelConfig" not in container_of(rec)
    assert container_of(rec)["mode"] == "MultiModel"


@pytest.mark.parametrize(
    ("definition", "match"),
    [
        (
            sm.ContainerDefinition(image=IMAGE, multi_model=True),
            r"containers\[0\].multi_model needs model_data from ModelData.from_s3_prefix .* "
            r"got None",
        ),
        (
            sm.ContainerDefinition(
                image=IMAGE,
                model_data=sm.ModelData.from_s3_uri("s3://models/one.tar.gz"),
                multi_model=True,
            ),
            r"multi_model needs model_data from ModelData.from_s3_prefix .* got S3ModelData",
        ),
        (
            sm.ContainerDefinition(
                image=IMAGE,
                model_data=sm.ModelData.from_s3_prefix("s3://models/x/", accept_eula=True),
                multi_model=True,
            ),
            r"a multi-model container's data is a prefix of .tar.gz models, which takes no "
            r"accept_eula",
        ),
        (
            sm.ContainerDefinition(image=IMAGE, model_cache=True),
            r"containers\[0\].model_cache is only for multi_model=True containers",
        ),
        (
            sm.ContainerDefinition(image=IMAGE, multi_model="yes"),  # type: ignore[arg-type]
            r"containers\[0\].multi_model must be a bool, got 'yes'",
        ),
    ],
)
def test_bad_multi_model_fails(
    rec: RecordingMonitor, definition: sm.ContainerDefinition, match: str
) -> None:
    rejected(rec, lambda: one(definition), r"Model 'm': .*" + match)


# --- Model Registry ------------------------------------------------------------------------


def test_model_package_renders_no_image(rec: RecordingMonitor) -> None:
    definition = sm.ContainerDefinition.from_model_package(
        PACKAGE_ARN, environment={"SAGEMAKER_PROGRAM": "serve.py"}
    )
    run(lambda: one(definition))
    assert container_of(rec) == {
        "modelPackageName": PACKAGE_ARN,
        "environment": {"SAGEMAKER_PROGRAM": "serve.py"},
    }
    assert statements(rec, "m-policy") == []  # SageMaker reads a Marketplace package itself


def test_model_package_artifacts_are_granted_not_rendered(rec: RecordingMonitor) -> None:
    definition = sm.ContainerDefinition.from_model_package(
        PACKAGE_ARN,
        artifacts=[IMAGE, sm.ModelData.from_s3_uri("s3://registry/churn/3/model.tar.gz")],
    )
    run(lambda: one(definition))
    assert container_of(rec) == {"modelPackageName": PACKAGE_ARN}
    assert statements(rec, "m-policy") == [
        *PULL,
        {
            "Effect": "Allow",
            "Action": ["s3:GetObject"],
            "Resource": ["arn:aws:s3:::registry/churn/3/model.tar.gz"],
            "Sid": "ReadModelData",
        },
    ]


def test_marketplace_package_without_version_and_output_arns_are_accepted(
    rec: RecordingMonitor,
) -> None:
    marketplace = "arn:aws:sagemaker:us-east-1:865070037744:model-package/llama-2-7b-abc123"

    def program() -> None:
        one(sm.ContainerDefinition.from_model_package(marketplace))
        sm.Model(
            "n",
            containers=[
                sm.ContainerDefinition.from_model_package(pulumi.Output.from_input(PACKAGE_ARN))
            ],
        )

    run(program)
    assert container_of(rec) == {"modelPackageName": marketplace}
    assert container_of(rec, "n") == {"modelPackageName": PACKAGE_ARN}


@pytest.mark.parametrize(
    "arn",
    [
        "churn/3",
        "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn",
        "arn:aws:sagemaker:us-east-1:123456789012:model/churn",
        "arn:aws:sagemaker:us-east-1:1234:model-package/churn/3",
        "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/v3",
        "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-/3",
    ],
)
def test_model_package_arn_shape_is_checked(arn: str) -> None:
    with pytest.raises(
        ValidationError,
        match=r"ContainerDefinition.from_model_package: model_package_arn must be a model "
        r"package ARN .* got " + repr(arn).replace("/", "/"),
    ):
        sm.ContainerDefinition.from_model_package(arn)


def test_model_package_with_an_image_is_refused(rec: RecordingMonitor) -> None:
    definition = sm.ContainerDefinition(image=IMAGE, model_package_arn=PACKAGE_ARN)
    rejected(
        rec,
        lambda: one(definition),
        r"containers\[0\]: a model package brings its own image and model data",
    )


def test_container_without_image_or_package_is_refused(rec: RecordingMonitor) -> None:
    rejected(
        rec,
        lambda: one(sm.ContainerDefinition()),
        r"containers\[0\].image must be a ContainerImage, got None",
    )


# --- Private registry ----------------------------------------------------------------------


def test_private_registry_image_config_vpc_and_lambda_grant(rec: RecordingMonitor) -> None:
    image = sm.ContainerImage.from_private_registry(
        "registry.example.com/team/serve:1.4", credentials_provider_arn=LAMBDA_ARN
    )
    run(
        lambda: one(
            sm.ContainerDefinition(image=image),
            vpc_subnet_ids=["subnet-1", "subnet-2"],
            security_group_ids=["sg-1"],
        )
    )
    assert container_of(rec) == {
        "image": "registry.example.com/team/serve:1.4",
        "imageConfig": {
            "repositoryAccessMode": "Vpc",
            "repositoryAuthConfig": {"repositoryCredentialsProviderArn": LAMBDA_ARN},
        },
    }
    assert rec.named("m-model").inputs["vpcConfig"] == {
        "subnets": ["subnet-1", "subnet-2"],
        "securityGroupIds": ["sg-1"],
    }
    granted = statements(rec, "m-policy")
    assert granted[0] == {
        "Effect": "Allow",
        "Action": ["lambda:InvokeFunction"],
        "Resource": [LAMBDA_ARN],
        "Sid": "RegistryCredentials",
    }
    assert [s["Sid"] for s in granted] == [
        "RegistryCredentials",
        "VpcCreateNetworkInterface",
        "VpcManageNetworkInterfaces",
        "VpcDescribe",
    ]


def test_private_registry_without_credentials_grants_nothing_more(rec: RecordingMonitor) -> None:
    image = sm.ContainerImage.from_private_registry("registry.example.com/serve@sha256:" + "a" * 64)
    run(lambda: one(sm.ContainerDefinition(image=image), vpc_subnet_ids=["subnet-1"]))
    assert container_of(rec)["imageConfig"] == {"repositoryAccessMode": "Vpc"}
    assert [s["Sid"] for s in statements(rec, "m-policy")] == [
        "VpcCreateNetworkInterface",
        "VpcManageNetworkInterfaces",
        "VpcDescribe",
    ]


def test_private_registry_needs_a_vpc(rec: RecordingMonitor) -> None:
    image = sm.ContainerImage.from_private_registry("registry.example.com/team/serve:1")
    rejected(
        rec,
        lambda: one(sm.ContainerDefinition(image=image)),
        r"Model 'm': an image from a private registry is pulled through the model's VPC: give "
        r"vpc_subnets",
    )


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"uri": "serve:1"}, r"uri must be an image reference registry/repository"),
        ({"uri": "registry.example.com/a b"}, r"uri must be an image reference"),
        (
            {"uri": "registry.example.com/serve:1", "credentials_provider_arn": "creds"},
            r"credentials_provider_arn must be a Lambda function ARN .* got 'creds'",
        ),
        (
            {
                "uri": "registry.example.com/serve:1",
                "credentials_provider_arn": "arn:aws:iam::123456789012:role/creds",
            },
            r"credentials_provider_arn must be a Lambda function ARN",
        ),
    ],
)
def test_bad_private_registry_arguments(kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(ValidationError, match=r"ContainerImage.from_private_registry: " + match):
        sm.ContainerImage.from_private_registry(**kwargs)


# --- VPC from resources --------------------------------------------------------------------


def test_vpc_from_resources(rec: RecordingMonitor) -> None:
    def program() -> None:
        vpc = aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16")
        subnets = [
            aws.ec2.Subnet(f"private-{i}", vpc_id=vpc.id, cidr_block=f"10.0.{i}.0/24")
            for i in (1, 2)
        ]
        group = aws.ec2.SecurityGroup("model-sg", vpc_id=vpc.id)
        sm.Model(
            "m",
            containers=[sm.ContainerDefinition(image=IMAGE)],
            vpc_subnets=[*subnets, "subnet-extra"],
            security_groups=[group, "sg-extra"],
        )

    run(program)
    assert rec.named("m-model").inputs["vpcConfig"] == {
        "subnets": [
            resource_id(rec, "private-1"),
            resource_id(rec, "private-2"),
            "subnet-extra",
        ],
        "securityGroupIds": [resource_id(rec, "model-sg"), "sg-extra"],
    }
    assert rec.of_type("aws:ec2/securityGroup:SecurityGroup") == [rec.named("model-sg")]


def test_subnets_alone_get_a_security_group_for_outbound_https(rec: RecordingMonitor) -> None:
    def program() -> None:
        subnet = aws.ec2.Subnet("private", vpc_id="vpc-123", cidr_block="10.0.1.0/24")
        model = sm.Model(
            "m", containers=[sm.ContainerDefinition(image=IMAGE)], vpc_subnets=[subnet]
        )
        assert model.security_group is not None

    run(program)
    group = rec.named("m-security-group")
    assert group.parent_name == "m"
    assert group.inputs["vpcId"] == "vpc-123"
    assert group.inputs["description"] == "SageMaker model m: outbound HTTPS only"
    assert group.inputs["egress"] == [
        {
            "protocol": "tcp",
            "fromPort": 443,
            "toPort": 443,
            "cidrBlocks": ["0.0.0.0/0"],
            "description": "HTTPS to S3, ECR, registries and AWS APIs",
            "ipv6CidrBlocks": [],
            "prefixListIds": [],
            "securityGroups": [],
            "self": False,
        }
    ]
    assert "ingress" not in group.inputs
    assert rec.named("m-model").inputs["vpcConfig"] == {
        "subnets": [resource_id(rec, "private")],
        "securityGroupIds": [resource_id(rec, "m-security-group")],
    }


def test_subnet_ids_alone_look_up_the_vpc(rec: RecordingMonitor) -> None:
    run(lambda: sm.Model("m", containers=[sm.ContainerDefinition(image=IMAGE)],
                         vpc_subnet_ids=["subnet-0abc"]))  # fmt: skip
    group = rec.named("m-security-group")
    assert group.inputs["vpcId"].startswith("vpc-")
    assert rec.named("m-model").inputs["vpcConfig"]["securityGroupIds"] == [
        resource_id(rec, "m-security-group")
    ]


def test_no_vpc_no_group(rec: RecordingMonitor) -> None:
    run(lambda: sm.Model("m", containers=[sm.ContainerDefinition(image=IMAGE)]))
    assert rec.of_type("aws:ec2/securityGroup:SecurityGroup") == []
    assert "vpcConfig" not in rec.named("m-model").inputs


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        (
            {"vpc_subnets": ["subnet-1"], "vpc_subnet_ids": ["subnet-2"]},
            r"give vpc_subnets or vpc_subnet_ids, not both",
        ),
        (
            {"vpc_subnets": ["subnet-1"], "security_groups": ["sg-1"], "security_group_ids": []},
            r"give security_groups or security_group_ids, not both",
        ),
        ({"security_groups": ["sg-1"]}, r"security groups need subnets"),
        ({"vpc_subnets": []}, r"vpc_subnets must be a list of 1 to 16 items, got 0"),
        ({"vpc_subnets": ["s"] * 17}, r"vpc_subnets must be a list of 1 to 16 items, got 17"),
        (
            {"vpc_subnets": ["subnet-1"], "security_groups": ["sg"] * 6},
            r"security_groups must be a list of 1 to 5 items, got 6",
        ),
        (
            {"vpc_subnets": [""]},
            r"vpc_subnets\[0\] must match the pattern \^\[-0-9a-zA-Z\]\+\$, got ''",
        ),
        ({"vpc_subnets": [42]}, r"vpc_subnets\[0\] must be a Subnet resource or an id, got int"),
        ({"vpc_subnets": "subnet-1"}, r"vpc_subnets must be a list of Subnet resources or ids"),
        (
            {"vpc_subnets": ["subnet-1"], "security_groups": [object()]},
            r"security_groups\[0\] must be a SecurityGroup resource or an id, got object",
        ),
    ],
)
def test_bad_vpc_placement(rec: RecordingMonitor, kwargs: dict[str, Any], match: str) -> None:
    rejected(
        rec,
        lambda: sm.Model("m", containers=[sm.ContainerDefinition(image=IMAGE)], **kwargs),
        r"Model 'm': .*" + match,
    )


def test_whole_list_output_of_subnet_ids_gets_a_group_in_the_first_subnets_vpc(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        ids = pulumi.Output.from_input(["subnet-a", "subnet-b"])
        sm.Model("m", containers=[sm.ContainerDefinition(image=IMAGE)], vpc_subnet_ids=ids)

    run(program)
    group = rec.named("m-security-group")
    assert group.inputs["vpcId"] == f"vpc-{_suffix('subnet-a')}"  # the mocks' VPC of subnet-a
    assert rec.named("m-model").inputs["vpcConfig"] == {
        "subnets": ["subnet-a", "subnet-b"],
        "securityGroupIds": [resource_id(rec, "m-security-group")],
    }
