"""The Model component: children, role and policy, containers, options, imports, validation."""

from __future__ import annotations

import json

import pulumi
import pulumi_aws as aws
import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting import ValidationError
from pulumi_sagemaker_hosting.testing import RecordingMonitor, mocked_stack, run

IMAGE = sm.ContainerImage.from_ecr_repository("repo", "v1")
IMAGE_URI = "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:v1"
STACK = "urn:pulumi:stack::project::pulumi:pulumi:Stack::project-stack"


def container(**kwargs: object) -> sm.ContainerDefinition:
    return sm.ContainerDefinition(image=IMAGE, **kwargs)  # type: ignore[arg-type]


def policy(rec: RecordingMonitor, name: str = "svc-policy") -> list[dict[str, object]]:
    statements: list[dict[str, object]] = json.loads(rec.named(name).inputs["policy"])["Statement"]
    return statements


def test_children_types_names_parents_and_inputs(rec: RecordingMonitor) -> None:
    run(lambda: sm.Model("svc", containers=[container()]))
    assert [(r.type, r.name, r.parent_name) for r in rec.registrations] == [
        ("sagemaker-hosting:index:Model", "svc", "project-stack"),
        ("aws:iam/role:Role", "svc-role", "svc"),
        ("aws:iam/rolePolicy:RolePolicy", "svc-policy", "svc"),
        ("aws:sagemaker/model:Model", "svc-model", "svc"),
    ]
    component = rec.named("svc")
    assert component.parent == STACK and component.custom is False
    role = rec.named("svc-role")
    assert json.loads(role.inputs["assumeRolePolicy"]) == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "sagemaker.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
    assert role.inputs["description"] == "Execution role of the SageMaker model svc"
    assert "managedPolicyArns" not in role.inputs  # no AmazonSageMakerFullAccess
    assert rec.named("svc-policy").inputs["role"] == role.outputs["name"]
    assert policy(rec) == [
        {
            "Effect": "Allow",
            "Action": [
                "logs:CreateLogGroup",
                "logs:CreateLogStream",
                "logs:PutLogEvents",
                "logs:DescribeLogStreams",
            ],
            "Resource": [
                "arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/*"
            ],
            "Sid": "WriteLogs",
        },
        {
            "Effect": "Allow",
            "Action": ["cloudwatch:PutMetricData"],
            "Resource": ["*"],
            "Sid": "PutMetrics",
        },
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
    model = rec.named("svc-model")
    assert model.inputs == {
        "executionRoleArn": role.outputs["arn"],
        "primaryContainer": {"image": IMAGE_URI},
    }
    assert rec.named("svc-policy").urn in model.dependencies


def test_outputs(rec: RecordingMonitor) -> None:
    def program() -> pulumi.Output[None]:
        model = sm.Model("svc", containers=[container()])
        assert model.role is not None

        def check(values: list[str]) -> None:
            name, arn, role_arn, principal = values
            assert name == rec.named("svc-model").outputs["name"]
            assert arn == f"arn:aws:sagemaker:us-east-1:123456789012:model/{name}"
            assert role_arn == rec.named("svc-role").outputs["arn"] == principal

        return pulumi.Output.all(
            model.model_name, model.model_arn, model.role_arn, model.grant_principal
        ).apply(check)

    run(program)


def test_spec_spelling_container_and_extra_containers(rec: RecordingMonitor) -> None:
    data = sm.ModelData.from_s3_uri("s3://bucket-a/model.tar.gz")
    run(
        lambda: sm.Model(
            "svc",
            container=container(model_data=data),
            extra_containers=[container(environment={"MODE": "post"})],
        )
    )
    inputs = rec.named("svc-model").inputs
    assert "primaryContainer" not in inputs
    assert inputs["containers"] == [
        {"image": IMAGE_URI, "modelDataUrl": "s3://bucket-a/model.tar.gz"},
        {"image": IMAGE_URI, "environment": {"MODE": "post"}},
    ]


def test_single_container_via_spec_spelling_is_primary(rec: RecordingMonitor) -> None:
    run(lambda: sm.Model("svc", container=container(container_hostname="main")))
    assert rec.named("svc-model").inputs["primaryContainer"] == {
        "image": IMAGE_URI,
        "containerHostname": "main",
    }


def test_fifteen_containers_is_the_limit(rec: RecordingMonitor) -> None:
    run(lambda: sm.Model("svc", containers=[container() for _ in range(15)]))
    assert len(rec.named("svc-model").inputs["containers"]) == 15


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, r"containers must hold 1 to 15 containers, got 0"),
        ({"containers": []}, r"containers must hold 1 to 15 containers, got 0"),
        ({"containers": [container()] * 16}, r"containers must hold 1 to 15 containers, got 16"),
        (
            {"containers": [container()], "container": container()},
            r"containers cannot be combined with container/extra_containers",
        ),
        (
            {"extra_containers": [container()]},
            r"extra_containers needs container \(the first container\)",
        ),
        ({"containers": ["nope"]}, r"containers\[0\] must be a ContainerDefinition, got str"),
        (
            {"containers": [container(environment={"1BAD": "x"})]},
            r"containers\[0\].environment name must match .* got '1BAD'",
        ),
        (
            {"containers": [container(environment={"K": "x" * 1025})]},
            r"environment\['K'\] must be at most 1024 bytes \(UTF-8\)",
        ),
        (
            {"containers": [container(container_hostname="a"), container(container_hostname="a")]},
            r"container_hostname values must be unique, got \['a', 'a'\]",
        ),
        (
            {"containers": [container(container_hostname="bad_host")]},
            r"containers\[0\].container_hostname must be 1-63 characters",
        ),
        (
            {"containers": [container(), container()], "inference_execution_mode": "Direct"},
            r"inference_execution_mode 'Direct' needs a container_hostname on every container",
        ),
        (
            {"containers": [container()], "inference_execution_mode": "Parallel"},
            r"inference_execution_mode must be one of Serial, Direct, got 'Parallel'",
        ),
        (
            {"containers": [container()], "security_group_ids": ["sg-1"]},
            r"security groups need subnets: give vpc_subnets \(or vpc_subnet_ids\)",
        ),
        (
            {"containers": [container()], "vpc_subnet_ids": [], "security_group_ids": ["sg"]},
            r"vpc_subnet_ids must be a list of 1 to 16 items, got 0",
        ),
        (
            {"containers": [container()], "role": "arn:aws:iam::123456789012:user/bob"},
            r"role must be an IAM role ARN .* got 'arn:aws:iam::123456789012:user/bob'",
        ),
        (
            {"containers": [container()], "model_name": "bad_prefix"},
            r"model_name must be 1-54 characters .* got 'bad_prefix'",
        ),
    ],
)
def test_validation_names_the_model_and_creates_nothing(
    rec: RecordingMonitor, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=r"Model 'svc': .*" + message):
        sm.Model("svc", **kwargs)  # type: ignore[arg-type]
    assert rec.registrations == []


def test_all_problems_in_one_message() -> None:
    with mocked_stack(), pytest.raises(ValidationError) as raised:
        sm.Model("svc", containers=[], security_group_ids=["sg"], model_name="x_y")
    assert raised.value.component == "Model 'svc'"
    assert len(raised.value.problems) == 3
    assert str(raised.value).count("\n  - ") == 3


def test_given_role_resource(rec: RecordingMonitor) -> None:
    def program() -> None:
        role = aws.iam.Role("mine", assume_role_policy="{}")
        model = sm.Model("svc", containers=[container()], role=role)
        assert model.role is None

    run(program)
    assert rec.of_type("aws:iam/role:Role") == [rec.named("mine")]
    assert rec.named("svc-policy").inputs["role"] == rec.named("mine").outputs["name"]
    assert rec.named("svc-model").inputs["executionRoleArn"] == rec.named("mine").outputs["arn"]


@pytest.mark.parametrize(
    ("role", "role_name", "role_arn"),
    [
        (
            "arn:aws:iam::123456789012:role/service/ml-exec",
            "ml-exec",
            "arn:aws:iam::123456789012:role/service/ml-exec",
        ),
        ("ml-exec", "ml-exec", "arn:aws:iam::123456789012:role/ml-exec"),
    ],
)
def test_given_role_arn_or_name(
    rec: RecordingMonitor, role: str, role_name: str, role_arn: str
) -> None:
    run(lambda: sm.Model("svc", containers=[container()], role=role))
    assert rec.of_type("aws:iam/role:Role") == []
    assert rec.named("svc-policy").inputs["role"] == role_name
    assert rec.named("svc-model").inputs["executionRoleArn"] == role_arn


def test_network_isolation_and_vpc(rec: RecordingMonitor) -> None:
    run(
        lambda: sm.Model(
            "svc",
            containers=[container()],
            network_isolation=True,
            vpc_subnet_ids=["subnet-1", "subnet-2"],
            security_group_ids=["sg-1"],
            inference_execution_mode="Serial",
            tags={"team": "ml"},
        )
    )
    inputs = rec.named("svc-model").inputs
    assert inputs["enableNetworkIsolation"] is True
    assert inputs["vpcConfig"] == {
        "subnets": ["subnet-1", "subnet-2"],
        "securityGroupIds": ["sg-1"],
    }
    assert inputs["inferenceExecutionConfig"] == {"mode": "Serial"}
    assert inputs["tags"] == {"team": "ml"}
    assert rec.named("svc-role").inputs["tags"] == {"team": "ml"}
    vpc = {s["Sid"]: s for s in policy(rec) if str(s.get("Sid")).startswith("Vpc")}
    ec2 = "arn:aws:ec2:us-east-1:123456789012:"
    subnets = [f"{ec2}subnet/subnet-1", f"{ec2}subnet/subnet-2"]
    # Only the Describe actions, which take no resource, are on "*".
    assert vpc == {
        "VpcCreateNetworkInterface": {
            "Sid": "VpcCreateNetworkInterface",
            "Effect": "Allow",
            "Action": ["ec2:CreateNetworkInterface"],
            "Resource": [f"{ec2}network-interface/*", *subnets, f"{ec2}security-group/sg-1"],
        },
        "VpcManageNetworkInterfaces": {
            "Sid": "VpcManageNetworkInterfaces",
            "Effect": "Allow",
            "Action": [
                "ec2:CreateNetworkInterfacePermission",
                "ec2:DeleteNetworkInterface",
                "ec2:DeleteNetworkInterfacePermission",
            ],
            "Resource": [f"{ec2}network-interface/*"],
            "Condition": {"ArnEquals": {"ec2:Subnet": subnets}},
        },
        "VpcDescribe": {
            "Sid": "VpcDescribe",
            "Effect": "Allow",
            "Action": [
                "ec2:DescribeNetworkInterfaces",
                "ec2:DescribeVpcs",
                "ec2:DescribeDhcpOptions",
                "ec2:DescribeSubnets",
                "ec2:DescribeSecurityGroups",
            ],
            "Resource": ["*"],
        },
    }


def test_no_vpc_statement_without_vpc(rec: RecordingMonitor) -> None:
    run(lambda: sm.Model("svc", containers=[container()]))
    assert not [s for s in policy(rec) if str(s.get("Sid")).startswith("Vpc")]


def test_direct_mode_with_hostnames(rec: RecordingMonitor) -> None:
    run(
        lambda: sm.Model(
            "svc",
            containers=[container(container_hostname="a"), container(container_hostname="b")],
            inference_execution_mode="Direct",
        )
    )
    inputs = rec.named("svc-model").inputs
    assert inputs["inferenceExecutionConfig"] == {"mode": "Direct"}
    assert [c["containerHostname"] for c in inputs["containers"]] == ["a", "b"]


def model_name_for(env: dict[str, str]) -> str:
    with mocked_stack() as rec:
        run(lambda: sm.Model("svc", containers=[container(environment=env)], model_name="fraud"))
        name: str = rec.named("svc-model").inputs["name"]
        return name


def test_model_name_is_a_prefix_completed_by_a_content_hash() -> None:
    first = model_name_for({"A": "1"})
    assert first.startswith("fraud-") and len(first) == len("fraud-") + 8
    assert model_name_for({"A": "1"}) == first  # stable for the same content
    assert model_name_for({"A": "2"}) != first  # a change is a new name: clean replacement


def test_no_physical_name_by_default(rec: RecordingMonitor) -> None:
    run(lambda: sm.Model("svc", containers=[container()]))
    assert "name" not in rec.named("svc-model").inputs


def test_add_to_role_policy(rec: RecordingMonitor) -> None:
    def program() -> None:
        model = sm.Model("svc", containers=[container()])
        model.add_to_role_policy(
            {"Effect": "Allow", "Action": ["s3:PutObject"], "Resource": ["arn:aws:s3:::out/*"]}
        )
        model.add_to_role_policy(
            {"Effect": "Allow", "Action": "sns:Publish", "Resource": "arn:aws:sns:us-east-1:1:t"}
        )

    run(program)
    first = rec.named("svc-policy-1")
    assert first.parent_name == "svc"
    assert first.inputs["role"] == rec.named("svc-role").outputs["name"]
    assert json.loads(first.inputs["policy"])["Statement"] == [
        {"Effect": "Allow", "Action": ["s3:PutObject"], "Resource": ["arn:aws:s3:::out/*"]}
    ]
    assert rec.named("svc-policy-2").type == "aws:iam/rolePolicy:RolePolicy"


def test_add_to_role_policy_validation(rec: RecordingMonitor) -> None:
    def program() -> None:
        model = sm.Model("svc", containers=[container()])
        with pytest.raises(ValidationError, match=r"Model 'svc': .*statement must have 'Action'"):
            model.add_to_role_policy({"Effect": "Allow", "Resource": ["*"]})
        with pytest.raises(ValidationError, match=r"statement Effect must be 'Allow' or 'Deny'"):
            model.add_to_role_policy({"Effect": "Maybe", "Action": ["x:Y"], "Resource": ["*"]})

    run(program)
    assert [r.name for r in rec.of_type("aws:iam/rolePolicy:RolePolicy")] == ["svc-policy"]


def test_import_by_name_and_arn(rec: RecordingMonitor) -> None:
    def program() -> pulumi.Output[None]:
        by_name = sm.Model.from_model_name("existing")
        by_arn = sm.Model.from_model_arn("arn:aws:sagemaker:eu-west-1:111122223333:model/other")

        def check(values: list[str]) -> None:
            assert values == [
                "existing",
                "arn:aws:sagemaker:us-east-1:123456789012:model/existing",
                "other",
                "arn:aws:sagemaker:eu-west-1:111122223333:model/other",
            ]

        return pulumi.Output.all(
            by_name.model_name, by_name.model_arn, by_arn.model_name, by_arn.model_arn
        ).apply(check)

    run(program)
    assert rec.registrations == []


def test_import_validation() -> None:
    with pytest.raises(ValidationError, match=r"Model.from_model_name: model_name must be"):
        sm.Model.from_model_name("bad_name")
    with pytest.raises(ValidationError, match=r"Model.from_model_arn: model_arn must look like"):
        sm.Model.from_model_arn("arn:aws:sagemaker:us-east-1:1:endpoint/x")


def test_imported_model_serves_in_an_endpoint_config(rec: RecordingMonitor) -> None:
    def program() -> None:
        sm.EndpointConfig(
            "cfg",
            instance_production_variants=[
                sm.InstanceProductionVariant(
                    model=sm.Model.from_model_name("existing"), variant_name="v"
                )
            ],
        )

    run(program)
    assert rec.named("cfg-config").inputs["productionVariants"][0]["modelName"] == "existing"


def test_role_arn_from_another_resource(rec: RecordingMonitor) -> None:
    def program() -> None:
        other = aws.iam.Role("elsewhere", assume_role_policy="{}")
        sm.Model("svc", containers=[container()], role=other.arn)

    run(program)
    assert rec.named("svc-policy").inputs["role"] == rec.named("elsewhere").outputs["name"]
    assert (
        rec.named("svc-model").inputs["executionRoleArn"] == rec.named("elsewhere").outputs["arn"]
    )
