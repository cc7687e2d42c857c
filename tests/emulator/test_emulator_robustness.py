"""The emulator under load and at its edges: concurrent registrations, extended statistics,
describe calls that answer what was sent, and coverage gaps that say so."""

from __future__ import annotations

import json

import pulumi
import pulumi_aws as aws
import pytest
from emulator_programs import IMAGE, TRUST

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting.local import explain
from pulumi_sagemaker_hosting.testing import (
    EmulatedStack,
    EmulatorCoverageGap,
    EmulatorError,
    emulated_stack,
)

MODELS = 150
RUNS = 10


_POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}],
    }
)


def _many_models() -> None:
    # What each Model component registers (role, inline policy, model), as raw pulumi_aws
    # resources: the component layer adds Pulumi overhead, not emulator concurrency.
    for i in range(MODELS):
        role = aws.iam.Role(f"role{i}", assume_role_policy=TRUST)
        aws.iam.RolePolicy(f"policy{i}", role=role.name, policy=_POLICY)
        aws.sagemaker.Model(
            f"model{i}", execution_role_arn=role.arn, primary_container={"image": IMAGE}
        )


def _count(stack: EmulatedStack) -> int:
    client = stack.emulator.client("sagemaker")
    page = client.list_models(MaxResults=100)
    listed = len(page["Models"])
    while page.get("NextToken"):
        page = client.list_models(MaxResults=100, NextToken=page["NextToken"])
        listed += len(page["Models"])
    return listed


def test_150_concurrent_models_10_runs_in_a_row() -> None:
    # Pulumi registers from a thread pool; moto's IAM backend used to raise "dictionary
    # changed size during iteration" about one run in four at 100 models.
    for _ in range(RUNS):
        with emulated_stack() as stack:
            stack.run(_many_models)
            assert _count(stack) == MODELS
            roles = stack.emulator.client("iam").list_roles(MaxItems=1000)["Roles"]
            assert len(roles) == MODELS
            for role in roles[:3]:
                index = role["RoleName"].split("-")[0].removeprefix("role")
                policy = stack.recorder.named(f"policy{index}").outputs["name"]
                assert list(stack.emulator.role_policies(role["RoleName"])) == [policy]


@pytest.mark.parametrize(
    "statistic",
    ["tm90", "wm99", "tc90", "ts90", "IQM", "TM(10%:90%)", "WM(5%:95%)", "PR(:300)", "TS(80%:)"],
)
def test_extended_statistics_aws_accepts_are_stored(
    aws_emulator: EmulatedStack, statistic: str
) -> None:
    def program() -> None:
        aws.cloudwatch.MetricAlarm(
            "alarm",
            namespace="AWS/SageMaker",
            metric_name="ModelLatency",
            extended_statistic=statistic,
            period=60,
            evaluation_periods=1,
            threshold=1.0,
            comparison_operator="GreaterThanThreshold",
        )

    aws_emulator.run(program)
    (alarm,) = aws_emulator.emulator.alarms()
    assert alarm["ExtendedStatistic"] == statistic


@pytest.mark.parametrize("statistic", ["tm101", "median", "TM(90%:10%)", "TM(:)", "PR(1:2"])
def test_extended_statistics_aws_refuses_are_refused(
    aws_emulator: EmulatedStack, statistic: str
) -> None:
    def program() -> None:
        aws.cloudwatch.MetricAlarm(
            "alarm",
            namespace="AWS/SageMaker",
            metric_name="ModelLatency",
            extended_statistic=statistic,
            period=60,
            evaluation_periods=1,
            threshold=1.0,
            comparison_operator="GreaterThanThreshold",
        )

    with pytest.raises(EmulatorError, match=r"InvalidParameterValue: .*extendedStatistic"):
        aws_emulator.run(program)
    assert aws_emulator.emulator.alarms() == []


def test_describe_answers_what_was_sent_not_motos_defaults(aws_emulator: EmulatedStack) -> None:
    def program() -> None:
        role = aws.iam.Role("role", assume_role_policy=TRUST)
        model = aws.sagemaker.Model(
            "model",
            name="direct",
            execution_role_arn=role.arn,
            enable_network_isolation=True,
            containers=[
                {"image": IMAGE, "container_hostname": "a"},
                {"image": IMAGE, "container_hostname": "b"},
            ],
            inference_execution_config={"mode": "Direct"},
        )
        variant = {
            "model_name": model.name,
            "instance_type": "ml.m5.large",
            "initial_instance_count": 1,
        }
        config = aws.sagemaker.EndpointConfiguration(
            "config",
            name="cfg",
            production_variants=[{**variant, "variant_name": "live"}],
            shadow_production_variants=[{**variant, "variant_name": "shadow"}],
        )
        aws.sagemaker.Endpoint(
            "endpoint",
            name="ep",
            endpoint_config_name=config.name,
            deployment_config={
                "blue_green_update_policy": {
                    "traffic_routing_configuration": {
                        "type": "ALL_AT_ONCE",
                        "wait_interval_in_seconds": 60,
                    }
                }
            },
        )

    aws_emulator.run(program)
    emu = aws_emulator.emulator
    model = emu.describe_model("direct")
    assert model["EnableNetworkIsolation"] is True
    assert model["InferenceExecutionConfig"] == {"Mode": "Direct"}
    assert [c["ContainerHostname"] for c in model["Containers"]] == ["a", "b"]
    config = emu.describe_endpoint_config("cfg")
    assert [v["VariantName"] for v in config["ShadowProductionVariants"]] == ["shadow"]
    assert config["ShadowProductionVariants"][0]["InstanceType"] == "ml.m5.large"
    endpoint = emu.describe_endpoint("ep")
    policy = {"TrafficRoutingConfiguration": {"Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": 60}}
    assert endpoint["LastDeploymentConfig"] == {"BlueGreenUpdatePolicy": policy}


def test_network_isolation_false_is_described_false(aws_emulator: EmulatedStack) -> None:
    def program() -> None:
        role = aws.iam.Role("role", assume_role_policy=TRUST)
        aws.sagemaker.Model(
            "model",
            name="open",
            execution_role_arn=role.arn,
            enable_network_isolation=False,
            primary_container={"image": IMAGE},
        )

    aws_emulator.run(program)
    assert aws_emulator.emulator.describe_model("open")["EnableNetworkIsolation"] is False


def test_a_coverage_gap_says_so_and_never_that_aws_refused(aws_emulator: EmulatedStack) -> None:
    def program() -> None:
        aws.sqs.Queue("queue")

    with pytest.raises(EmulatorCoverageGap) as caught:
        aws_emulator.run(program)
    message = str(caught.value)
    assert message.startswith(
        "aws:sqs/queue:Queue 'queue': UnsupportedResourceType: the emulator does not cover "
        "aws:sqs/queue:Queue: it emulates "
    )
    assert "AWS refused" not in explain(caught.value)
    assert explain(caught.value).startswith("The stack was not checked: ")


def test_an_invoke_the_emulator_cannot_answer_is_a_coverage_gap(
    aws_emulator: EmulatedStack,
) -> None:
    def program() -> pulumi.Output[str]:
        return aws.ec2.get_vpc_output(default=True).id

    with pytest.raises(Exception) as caught:
        aws_emulator.run(program)
    assert "the emulator does not cover the invoke aws:ec2/getVpc:getVpc" in str(caught.value)


@pytest.mark.parametrize(
    "name", ["my_model", "a-very-long-logical-name-for-a-hosted-model-that-goes-on-and-on"]
)
def test_awkward_logical_names_deploy_with_valid_names(
    aws_emulator: EmulatedStack, name: str
) -> None:
    def program() -> None:
        model = sm.Model(
            name,
            containers=[
                sm.ContainerDefinition(sm.ContainerImage.from_ecr_repository("serve", "v1"))
            ],
        )
        config = sm.EndpointConfig(
            name,
            instance_production_variants=[
                sm.InstanceProductionVariant(model, "v", instance_type="ml.m5.large")
            ],
        )
        sm.Endpoint(name, endpoint_config=config)

    aws_emulator.run(program)
    (endpoint,) = aws_emulator.emulator.endpoints()
    assert aws_emulator.emulator.describe_endpoint(endpoint)["EndpointStatus"] == "InService"


def test_emulator_refuses_auto_names_aws_would_refuse(aws_emulator: EmulatedStack) -> None:
    def program() -> None:
        role = aws.iam.Role("role", assume_role_policy=TRUST)
        aws.sagemaker.Model(
            "my_model", execution_role_arn=role.arn, primary_container={"image": IMAGE}
        )

    with pytest.raises(
        EmulatorError, match=r"ValidationException: Value 'my_model-[0-9a-f]{7}' at 'modelName'"
    ):
        aws_emulator.run(program)


def test_emulator_never_cuts_the_unique_suffix(aws_emulator: EmulatedStack) -> None:
    def program() -> None:
        role = aws.iam.Role("role", assume_role_policy=TRUST)
        aws.sagemaker.Model(
            "m" * 60, execution_role_arn=role.arn, primary_container={"image": IMAGE}
        )

    with pytest.raises(EmulatorError, match=r"NameTooLong: auto-naming: 'm{60}' plus 7 random"):
        aws_emulator.run(program)
