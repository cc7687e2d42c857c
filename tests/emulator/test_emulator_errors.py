"""Mistakes the emulator catches that canned mocks let through."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_aws as aws
import pytest
from emulator_programs import IMAGE, TRUST, hosting

from pulumi_sagemaker_hosting.testing import (
    AwsMocks,
    EmulatedStack,
    EmulatorError,
    emulated_stack,
    mocked_stack,
    run,
)


def _passes_under_mocks(program: object) -> None:
    """The same program goes through the canned mocks without complaint."""
    with mocked_stack(AwsMocks()):
        run(program)  # type: ignore[arg-type]


def _config_with_variant(**variant: Any) -> None:
    """Role -> model -> an endpoint config whose one ``ml.m5.large`` variant adds ``variant``."""
    role = aws.iam.Role("role", assume_role_policy=TRUST)
    model = aws.sagemaker.Model(
        "model", execution_role_arn=role.arn, primary_container={"image": IMAGE}
    )
    aws.sagemaker.EndpointConfiguration(
        "config",
        production_variants=[{"model_name": model.name, "instance_type": "ml.m5.large", **variant}],
    )


def test_unknown_scalable_dimension() -> None:
    def program() -> None:
        hosting(dimension="sagemaker:variant:DesiredCount")

    _passes_under_mocks(program)
    with emulated_stack() as stack, pytest.raises(EmulatorError) as caught:
        stack.run(program)
    error = caught.value
    assert (error.resource_type, error.name) == ("aws:appautoscaling/target:Target", "target")
    assert error.code == "ValidationException"
    assert "'sagemaker:variant:DesiredCount' is not one of ScalableDimension" in str(error)
    assert "sagemaker:variant:DesiredInstanceCount" in str(error)


def test_variant_naming_a_missing_model() -> None:
    def program() -> None:
        hosting(model_name="no-such-model")

    _passes_under_mocks(program)
    with (
        emulated_stack() as stack,
        pytest.raises(EmulatorError, match="Could not find model 'no-such-model'") as caught,
    ):
        stack.run(program)
    assert str(caught.value).startswith(
        "aws:sagemaker/endpointConfiguration:EndpointConfiguration 'config': ValidationException:"
    )


def test_policy_document_that_is_not_json() -> None:
    def program() -> None:
        role = aws.iam.Role("role", assume_role_policy=TRUST)
        aws.iam.RolePolicy("inline", role=role.name, policy="{'Statement': []}")

    _passes_under_mocks(program)
    with (
        emulated_stack() as stack,
        pytest.raises(EmulatorError, match="MalformedPolicyDocument: policy is not valid JSON"),
    ):
        stack.run(program)


def test_trust_policy_that_is_not_json(aws_emulator: EmulatedStack) -> None:
    def program() -> None:
        aws.iam.Role("role", assume_role_policy="Allow sagemaker")

    with pytest.raises(EmulatorError, match="'role': MalformedPolicyDocument: assumeRolePolicy"):
        aws_emulator.run(program)


def _alarm(**overrides: object) -> None:
    """A valid raw alarm on ModelLatency, but for ``overrides``."""
    settings: dict[str, Any] = {
        "comparison_operator": "GreaterThanThreshold",
        "evaluation_periods": 1,
        "threshold": 1,
        "namespace": "AWS/SageMaker",
        "metric_name": "ModelLatency",
        "statistic": "Average",
        "period": 60,
        **overrides,
    }
    aws.cloudwatch.MetricAlarm("alarm", **settings)


def _alarm_with_actions(field: str, actions: list[str]) -> None:
    _alarm(**{field: actions})


def test_alarm_with_unknown_comparison_operator() -> None:
    def program() -> None:
        _alarm(comparison_operator="GreaterThan")

    _passes_under_mocks(program)
    with emulated_stack() as stack:
        with pytest.raises(EmulatorError, match="ComparisonOperator 'GreaterThan' is not one of"):
            stack.run(program)
        assert stack.emulator.alarms() == []


def test_alarm_action_that_is_not_an_arn(aws_emulator: EmulatedStack) -> None:
    with pytest.raises(EmulatorError, match=r"alarmActions\[0\] must be the ARN of an alarm ac"):
        aws_emulator.run(lambda: _alarm_with_actions("alarm_actions", ["None"]))


@pytest.mark.parametrize(
    ("field", "name", "action"),
    [
        # an ARN, but of no action service
        ("alarm_actions", "alarmActions", "arn:aws:iam::123456789012:role/not-an-action"),
        # CloudWatch cannot send to SQS
        ("ok_actions", "okActions", "arn:aws:sqs:us-east-1:123456789012:queue"),
        (
            "insufficient_data_actions",
            "insufficientDataActions",
            "arn:aws:sagemaker:us-east-1:123456789012:endpoint/e",
        ),
    ],
)
def test_alarm_action_of_a_service_cloudwatch_cannot_act_on(
    field: str, name: str, action: str
) -> None:
    # PutMetricAlarm takes SNS, Lambda, Auto Scaling, EC2, SSM and investigation-group ARNs only
    # (the package's construction-time rule, _alarm_rules); moto takes any "arn:" string.
    program = lambda: _alarm_with_actions(field, [action])  # noqa: E731
    _passes_under_mocks(program)
    with emulated_stack() as stack:
        with pytest.raises(EmulatorError) as caught:
            stack.run(program)
        assert caught.value.code == "ValidationError"
        assert f"{name}[0] must be the ARN of an alarm action" in str(caught.value)
        assert repr(action) in str(caught.value)
        assert stack.emulator.alarms() == []


def test_alarm_actions_cloudwatch_accepts(aws_emulator: EmulatedStack) -> None:
    actions = [
        "arn:aws:sns:us-east-1:123456789012:topic",
        "arn:aws:lambda:us-east-1:123456789012:function:f",
        "arn:aws:automate:us-east-1:ec2:stop",
        "arn:aws:ssm:us-east-1:123456789012:opsitem:3",
    ]
    aws_emulator.run(lambda: _alarm_with_actions("alarm_actions", actions))
    (alarm,) = aws_emulator.emulator.alarms()
    assert alarm["AlarmActions"] == actions


def test_alarm_name_with_a_control_character(aws_emulator: EmulatedStack) -> None:
    # CloudWatch refuses ASCII control characters in AlarmName; moto does not.
    def program() -> None:
        _alarm(name="bad\nname")

    with pytest.raises(EmulatorError, match=r"alarmName must not contain ASCII control characters"):
        aws_emulator.run(program)


def test_endpoint_naming_a_missing_config(aws_emulator: EmulatedStack) -> None:
    def program() -> None:
        aws.sagemaker.Endpoint("endpoint", endpoint_config_name="missing-config")

    with pytest.raises(EmulatorError, match="Could not find endpoint configuration 'missing-con"):
        aws_emulator.run(program)


def test_scalable_target_naming_a_missing_variant(aws_emulator: EmulatedStack) -> None:
    def program() -> None:
        res = hosting()
        aws.appautoscaling.Target(
            "other",
            service_namespace="sagemaker",
            scalable_dimension="sagemaker:variant:DesiredInstanceCount",
            resource_id=pulumi.Output.concat("endpoint/", res["endpoint"].id, "/variant/Blue"),
            min_capacity=1,
            max_capacity=2,
        )

    with pytest.raises(EmulatorError, match="names variant 'Blue', but endpoint 'endpoint-"):
        aws_emulator.run(program)


def test_int_field_given_a_fraction_fails_botocore_validation(
    aws_emulator: EmulatedStack,
) -> None:
    def program() -> None:
        _config_with_variant(initial_instance_count=1.5)

    with pytest.raises(EmulatorError, match=r"ParamValidation: .*InitialInstanceCount"):
        aws_emulator.run(program)


def test_unsupported_resource_type_and_invoke(aws_emulator: EmulatedStack) -> None:
    def program() -> None:
        aws.sqs.Queue("queue")

    with pytest.raises(EmulatorError) as caught:
        aws_emulator.run(program)
    assert caught.value.code == "UnsupportedResourceType"
    assert str(caught.value).startswith("aws:sqs/queue:Queue 'queue': UnsupportedResourceType:")
    assert "aws:sagemaker/model:Model" in str(caught.value)  # lists what is supported


def test_unsupported_invoke(aws_emulator: EmulatedStack) -> None:
    def program() -> pulumi.Output[str]:
        return aws.ec2.get_vpc_output(default=True).id

    with pytest.raises(Exception, match="aws:ec2/getVpc:getVpc 'invoke': UnsupportedInvoke"):
        aws_emulator.run(program)


def test_image_push_without_registry_credentials(aws_emulator: EmulatedStack, tmp_path) -> None:
    import pulumi_docker_build as docker_build

    (tmp_path / "Dockerfile").write_text("FROM scratch\n")

    def program() -> None:
        repo = aws.ecr.Repository("repo")
        docker_build.Image(
            "image",
            push=True,
            context={"location": str(tmp_path)},
            tags=[repo.repository_url.apply(lambda u: f"{u}:v1")],
            registries=[{"address": repo.repository_url}],
        )

    with pytest.raises(EmulatorError, match="NoBasicAuthCredentials"):
        aws_emulator.run(program)


def test_input_with_no_api_counterpart_is_not_dropped(aws_emulator: EmulatedStack) -> None:
    def program() -> None:
        role = aws.iam.Role("role", assume_role_policy=TRUST)
        aws.sagemaker.Model(
            "model",
            execution_role_arn=role.arn,
            primary_container={"image": IMAGE, "environment": {"A": "1"}},
        )
        # A hand-built dict typo reaches the provider verbatim.
        aws.sagemaker.Model(
            "typo",
            execution_role_arn=role.arn,
            primary_container={"image": IMAGE, "modelDataUri": "s3://b/k"},  # type: ignore[typeddict-unknown-key]
        )

    with pytest.raises(
        EmulatorError, match=r"input 'primaryContainer\.modelDataUri' has no counterpart in Cont"
    ):
        aws_emulator.run(program)


@pytest.mark.parametrize(
    ("schedule", "problem"),
    [
        ("rate(1 minutes)", "singular unit for 1"),
        ("rate(5 hour)", "singular unit for 1"),
        ("cron(61 8 * * ? *)", "minutes field '61' must hold values 0-59"),
        ("every day", "must be at(yyyy-mm-ddThh:mm:ss), rate("),
    ],
)
def test_scheduled_action_with_a_schedule_aws_refuses(schedule: str, problem: str) -> None:
    # moto stores any schedule string; Application Auto Scaling refuses these.
    def program() -> None:
        target = hosting()["target"]
        assert isinstance(target, aws.appautoscaling.Target)
        aws.appautoscaling.ScheduledAction(
            "action",
            schedule=schedule,
            scalable_target_action={"min_capacity": 2},
            resource_id=target.resource_id,
            scalable_dimension=target.scalable_dimension,
            service_namespace=target.service_namespace,
        )

    _passes_under_mocks(program)
    with emulated_stack() as stack:
        with pytest.raises(EmulatorError) as caught:
            stack.run(program)
        error = caught.value
        assert (error.resource_type, error.name, error.code) == (
            "aws:appautoscaling/scheduledAction:ScheduledAction",
            "action",
            "ValidationException",
        )
        assert problem in str(error) and repr(schedule) in str(error)
        assert stack.emulator.scheduled_actions() == []


def test_prefix_aware_routing_without_its_config() -> None:
    # AWS requires PrefixAwareRoutingConfig (PrefixLength, ConcurrencyThreshold) with
    # PREFIX_AWARE; moto stores the strategy alone.
    def program() -> None:
        _config_with_variant(
            initial_instance_count=1, routing_configs=[{"routing_strategy": "PREFIX_AWARE"}]
        )

    _passes_under_mocks(program)
    with emulated_stack() as stack, pytest.raises(EmulatorError) as caught:
        stack.run(program)
    assert caught.value.code == "ValidationException"
    assert "RoutingStrategy PREFIX_AWARE requires PrefixAwareRoutingConfig" in str(caught.value)
