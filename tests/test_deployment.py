"""Deployment guardrails on Endpoint: rendering, rollback-alarm wiring, the cycle, validation."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

import pulumi
import pulumi_aws as aws
import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting import ValidationError
from pulumi_sagemaker_hosting.testing import RecordingMonitor, run

IPV = sm.InstanceProductionVariant
SPV = sm.ServerlessProductionVariant
CS = sm.CapacitySize
TR = sm.TrafficRouting
ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"
CANARY_10 = TR.canary(CS.percent(10), wait_interval=600)


def imported(name: str = "m") -> sm.ModelReference:
    return sm.Model.from_model_name(name)


def config(*variants: Any) -> sm.EndpointConfig:
    return sm.EndpointConfig(
        "cfg", instance_production_variants=list(variants) or [IPV(imported(), "v")]
    )


def fleet(count: int = 4, name: str = "v", **changes: Any) -> sm.InstanceProductionVariant:
    settings: dict[str, Any] = {"instance_type": "ml.m5.large", **changes}
    return IPV(imported(), name, initial_instance_count=count, **settings)


class KnownConfig(sm.EndpointConfigReference):
    """An endpoint config whose variants are known but which registers nothing."""

    def __init__(self, variants: list[Any]) -> None:
        super().__init__(pulumi.Output.from_input("cfg"), pulumi.Output.from_input("arn"))
        self._known = tuple(variants)

    @property
    def production_variants(self) -> tuple[Any, ...]:
        return self._known


def deployment_config(rec: RecordingMonitor) -> Any:
    return rec.named("ep-endpoint").inputs["deploymentConfig"]


def rejected(rec: RecordingMonitor, build: Callable[[], object]) -> str:
    """Run ``build`` as a program: it must raise ValidationError and register nothing."""
    caught: list[str] = []

    def program() -> None:
        with pytest.raises(ValidationError) as info:
            build()
        caught.append(str(info.value))

    run(program)
    assert rec.registrations == []
    return caught[0]


# --- Values ----------------------------------------------------------------------------------


def test_factories_build_sagemaker_shaped_values() -> None:
    assert CS.percent(10) == CS("CAPACITY_PERCENT", 10)
    assert CS.instances(2) == CS("INSTANCE_COUNT", 2)
    assert (str(CS.percent(10)), str(CS.instances(1)), str(CS.instances(2))) == (
        "10%",
        "1 instance",
        "2 instances",
    )
    assert TR.all_at_once(wait_interval=0) == TR("ALL_AT_ONCE", 0)
    assert TR("CANARY", 600, canary_size=CS.percent(10)) == CANARY_10
    assert TR.linear(CS.instances(1), wait_interval=60).linear_step_size == CS.instances(1)
    blue_green = sm.BlueGreenDeployment(CANARY_10, rollback_alarms=["a", "b"])
    assert blue_green.rollback_alarms == ("a", "b")  # a tuple: the value stays immutable
    assert sm.RollingDeployment(CS.percent(5), 0, rollback_alarms="one").rollback_alarms == ("one",)
    with pytest.raises(dataclasses.FrozenInstanceError):
        blue_green.termination_wait = 5  # type: ignore[misc]


# --- Rendering -------------------------------------------------------------------------------


def test_canary_blue_green_renders_every_field(rec: RecordingMonitor) -> None:
    def program() -> None:
        sm.Endpoint(
            "ep",
            endpoint_config=config(fleet()),
            deployment=sm.BlueGreenDeployment(
                CANARY_10,
                termination_wait=300,
                maximum_execution_timeout=3600,
                rollback_alarms=["existing-alarm"],
            ),
        )

    run(program)
    assert deployment_config(rec) == {
        "blueGreenUpdatePolicy": {
            "trafficRoutingConfiguration": {
                "type": "CANARY",
                "waitIntervalInSeconds": 600.0,
                "canarySize": {"type": "CAPACITY_PERCENT", "value": 10.0},
            },
            "terminationWaitInSeconds": 300.0,
            "maximumExecutionTimeoutInSeconds": 3600.0,
        },
        "autoRollbackConfiguration": {"alarms": [{"alarmName": "existing-alarm"}]},
    }


def test_linear_and_all_at_once_render_without_optional_fields(rec: RecordingMonitor) -> None:
    def program() -> None:
        step = TR.linear(CS.instances(1), wait_interval=120)
        sm.Endpoint("ep", endpoint_config=config(fleet(4)), deployment=sm.BlueGreenDeployment(step))
        other = sm.EndpointConfig("cfg2", instance_production_variants=[fleet()])
        sm.Endpoint(
            "ep2",
            endpoint_config=other,
            deployment=sm.BlueGreenDeployment(TR.all_at_once(wait_interval=0)),
        )

    run(program)
    assert deployment_config(rec) == {
        "blueGreenUpdatePolicy": {
            "trafficRoutingConfiguration": {
                "type": "LINEAR",
                "waitIntervalInSeconds": 120.0,
                "linearStepSize": {"type": "INSTANCE_COUNT", "value": 1.0},
            },
            "terminationWaitInSeconds": 0.0,
        }
    }
    assert rec.named("ep2-endpoint").inputs["deploymentConfig"] == {
        "blueGreenUpdatePolicy": {
            "trafficRoutingConfiguration": {"type": "ALL_AT_ONCE", "waitIntervalInSeconds": 0.0},
            "terminationWaitInSeconds": 0.0,
        }
    }


def test_rolling_deployment_renders_every_field(rec: RecordingMonitor) -> None:
    def program() -> None:
        sm.Endpoint(
            "ep",
            endpoint_config=config(fleet(20)),
            deployment=sm.RollingDeployment(
                CS.instances(2),
                wait_interval=300,
                maximum_execution_timeout=7200,
                rollback_maximum_batch_size=CS.percent(100),
                rollback_alarms=["a1", "a2"],
            ),
        )

    run(program)
    assert deployment_config(rec) == {
        "rollingUpdatePolicy": {
            "maximumBatchSize": {"type": "INSTANCE_COUNT", "value": 2.0},
            "waitIntervalInSeconds": 300.0,
            "maximumExecutionTimeoutInSeconds": 7200.0,
            "rollbackMaximumBatchSize": {"type": "CAPACITY_PERCENT", "value": 100.0},
        },
        "autoRollbackConfiguration": {"alarms": [{"alarmName": "a1"}, {"alarmName": "a2"}]},
    }


def test_without_deployment_the_endpoint_has_no_deployment_config(rec: RecordingMonitor) -> None:
    def program() -> None:
        endpoint = sm.Endpoint("ep", endpoint_config=config())
        assert endpoint.deployment is None and endpoint.rollback_alarms == ()
        with pytest.raises(ValidationError) as info:
            endpoint.add_rollback_alarm("x")
        assert str(info.value) == (
            "Endpoint 'ep': rollback alarm 'x' needs deployment guardrails: pass deployment= "
            "(a BlueGreenDeployment or a RollingDeployment) to the Endpoint"
        )

    run(program)
    assert "deploymentConfig" not in rec.named("ep-endpoint").inputs


# --- Rollback alarms on the endpoint's own metrics --------------------------------------------


def test_own_alarm_with_fixed_name_is_wired_by_its_name_output(rec: RecordingMonitor) -> None:
    def program() -> None:
        endpoint = sm.Endpoint(
            "ep",
            endpoint_config=config(fleet()),
            endpoint_name="prod",
            deployment=sm.BlueGreenDeployment(CANARY_10, rollback_alarms=["first"]),
        )
        variant = endpoint.find_production_variant("v")
        errors = variant.metric_invocation_response_code("Invocation5XXErrors", period=60)
        alarm = errors.create_alarm("Errors", threshold=1, evaluation_periods=2)
        endpoint.add_rollback_alarm(alarm)
        assert endpoint.rollback_alarms == ("first", alarm)

    run(program)
    alarm = rec.named("ep-Errors")
    # The dimension is the plain fixed name, so the alarm does not wait for the endpoint...
    assert alarm.inputs["dimensions"] == {"EndpointName": "prod", "VariantName": "v"}
    assert rec.named("ep-endpoint").urn not in alarm.dependencies
    # ...and the endpoint's input holds the alarm's (generated) name output, depending on it.
    endpoint = rec.named("ep-endpoint")
    assert endpoint.inputs["name"] == "prod"
    assert re.fullmatch(r"ep-Errors-[0-9a-f]{7}", alarm.outputs["name"])
    assert deployment_config(rec)["autoRollbackConfiguration"] == {
        "alarms": [{"alarmName": "first"}, {"alarmName": alarm.outputs["name"]}]
    }
    assert alarm.urn in endpoint.dependencies


def test_fixed_name_metrics_use_the_plain_name_even_without_guardrails(
    rec: RecordingMonitor,
) -> None:
    def program() -> pulumi.Output[None]:
        endpoint = sm.Endpoint("ep", endpoint_config=config(), endpoint_name="prod")
        metric = endpoint.find_production_variant("v").metric_model_latency()
        assert metric.dimensions == {"EndpointName": "prod", "VariantName": "v"}
        unnamed = sm.Endpoint(
            "ep2", endpoint_config=sm.EndpointConfig("cfg2", production_variant=fleet())
        )
        dynamic = unnamed.find_production_variant("v").metric_model_latency()
        assert dynamic.dimensions["EndpointName"] is unnamed.endpoint_name
        return pulumi.Output.from_input(None)

    run(program)


CYCLE = (
    "would read this endpoint's name output while the endpoint's deployment config needs its "
    "alarm names, a dependency cycle Pulumi cannot resolve; give the Endpoint an endpoint_name "
    "(a string, or an output of another resource), so that its variant metrics use that name"
)


def test_own_alarm_without_fixed_name_is_the_cycle_error(rec: RecordingMonitor) -> None:
    messages: list[str] = []

    def program() -> None:
        endpoint = sm.Endpoint(
            "ep", endpoint_config=config(fleet()), deployment=sm.BlueGreenDeployment(CANARY_10)
        )
        variant = endpoint.find_production_variant("v")
        plain = variant.metric_model_latency().create_alarm(
            "Latency", threshold=1, evaluation_periods=1
        )
        rate = sm.MathExpression(
            "100 * e / i",
            {
                "e": variant.metric_invocation_response_code("Invocation5XXErrors"),
                "i": variant.metric_invocations(),
            },
        ).create_alarm("ErrorRate", threshold=1, evaluation_periods=1)
        for alarm in (plain, rate):
            with pytest.raises(ValidationError) as info:
                endpoint.add_rollback_alarm(alarm)
            messages.append(str(info.value))
        with pytest.raises(ValidationError) as info:
            endpoint.add_default_rollback_alarms(error_threshold=1, latency_threshold=1)
        messages.append(str(info.value))
        assert endpoint.rollback_alarms == ()

    run(program)  # completes: no deadlock, because the alarms were refused
    assert messages == [
        f"Endpoint 'ep': rollback alarm 'ep-Latency': it {CYCLE}",
        f"Endpoint 'ep': rollback alarm 'ErrorRate': it {CYCLE}",
        f"Endpoint 'ep': the default rollback alarms {CYCLE}",
    ]
    assert "autoRollbackConfiguration" not in deployment_config(rec)
    assert sorted(r.name for r in rec.of_type(ALARM)) == ["ErrorRate", "ep-Latency"]


def test_alarm_of_another_endpoint_is_accepted(rec: RecordingMonitor) -> None:
    def program() -> None:
        other = sm.Endpoint(
            "other", endpoint_config=sm.EndpointConfig("c2", production_variant=fleet())
        )
        alarm = (
            other.find_production_variant("v")
            .metric_model_latency()
            .create_alarm("Latency", threshold=1, evaluation_periods=1)
        )
        endpoint = sm.Endpoint(
            "ep", endpoint_config=config(fleet()), deployment=sm.BlueGreenDeployment(CANARY_10)
        )
        endpoint.add_rollback_alarm(alarm)

    run(program)
    name = rec.named("other-Latency").outputs["name"]
    assert deployment_config(rec)["autoRollbackConfiguration"] == {"alarms": [{"alarmName": name}]}


def test_default_rollback_alarms_per_variant(rec: RecordingMonitor) -> None:
    created: list[aws.cloudwatch.MetricAlarm] = []

    def program() -> None:
        endpoint = sm.Endpoint(
            "ep",
            endpoint_config=config(fleet(4, "a"), fleet(4, "b")),
            endpoint_name="prod",
            deployment=sm.BlueGreenDeployment(CANARY_10),
        )
        created.extend(
            endpoint.add_default_rollback_alarms(error_threshold=5, latency_threshold=2_000_000)
        )
        assert list(endpoint.rollback_alarms) == created

    run(program)
    assert [a._name for a in created] == [
        "ep-a-Rollback5XXErrors",
        "ep-a-RollbackModelLatencyP99",
        "ep-b-Rollback5XXErrors",
        "ep-b-RollbackModelLatencyP99",
    ]
    common = {
        "comparisonOperator": "GreaterThanOrEqualToThreshold",
        "datapointsToAlarm": 2.0,
        "evaluationPeriods": 3.0,
        "namespace": "AWS/SageMaker",
        "period": 60.0,
        "treatMissingData": "notBreaching",
        "dimensions": {"EndpointName": "prod", "VariantName": "a"},
    }
    assert rec.named("ep-a-Rollback5XXErrors").inputs == {
        **common,
        "alarmDescription": "Rolls back deployments of prod/a: 5XX errors",
        "metricName": "Invocation5XXErrors",
        "statistic": "Sum",
        "threshold": 5.0,
    }
    assert rec.named("ep-a-RollbackModelLatencyP99").inputs == {
        **common,
        "alarmDescription": "Rolls back deployments of prod/a: p99 model latency",
        "metricName": "ModelLatency",
        "extendedStatistic": "p99",
        "threshold": 2_000_000.0,
    }
    names = [{"alarmName": rec.named(a._name).outputs["name"]} for a in created]
    assert deployment_config(rec)["autoRollbackConfiguration"] == {"alarms": names}
    assert all(rec.named(a._name).urn in rec.named("ep-endpoint").dependencies for a in created)


def test_endpoint_name_output_is_the_name_and_the_dimension_of_rollback_alarms(
    rec: RecordingMonitor,
) -> None:
    """A name from another resource: used as given, and no cycle (it is not this endpoint's)."""
    created: list[aws.cloudwatch.MetricAlarm] = []

    def program() -> None:
        # Another resource's output: the name is settled before the endpoint exists.
        source = aws.ssm.Parameter("endpoint-name", type="String", value="prod-7")
        endpoint = sm.Endpoint(
            "ep",
            endpoint_config=config(fleet(4, "a")),
            endpoint_name=source.value,
            deployment=sm.BlueGreenDeployment(CANARY_10),
        )
        variant = endpoint.find_production_variant("a")
        assert variant.metric_model_latency().dimensions["EndpointName"] is endpoint._fixed_name
        created.extend(
            endpoint.add_default_rollback_alarms(error_threshold=5, latency_threshold=2_000_000)
        )
        own = variant.metric_invocations().create_alarm(
            "Quiet", threshold=1, evaluation_periods=1, comparison_operator="<"
        )
        endpoint.add_rollback_alarm(own)
        created.append(own)

    run(program)
    endpoint = rec.named("ep-endpoint")
    assert endpoint.inputs["name"] == "prod-7"
    assert rec.named("endpoint-name").urn in endpoint.dependencies
    errors, latency, quiet = (rec.named(a._name) for a in created)
    assert errors.inputs["dimensions"] == {"EndpointName": "prod-7", "VariantName": "a"}
    assert errors.inputs["alarmDescription"] == "Rolls back deployments of prod-7/a: 5XX errors"
    assert latency.inputs["alarmDescription"] == (
        "Rolls back deployments of prod-7/a: p99 model latency"
    )
    assert quiet.inputs["dimensions"] == {"EndpointName": "prod-7", "VariantName": "a"}
    for alarm in (errors, latency, quiet):
        # The alarms read the parameter, not the endpoint, which waits for them.
        assert endpoint.urn not in alarm.dependencies, alarm.name
        assert rec.named("endpoint-name").urn in alarm.dependencies, alarm.name
        assert alarm.urn in endpoint.dependencies, alarm.name
    assert deployment_config(rec)["autoRollbackConfiguration"] == {
        "alarms": [{"alarmName": a.outputs["name"]} for a in (errors, latency, quiet)]
    }


def test_endpoint_name_output_is_not_checked_at_program_time(rec: RecordingMonitor) -> None:
    def program() -> None:
        # A string would be refused (underscore); an output is passed on for SageMaker to check.
        sm.Endpoint(
            "ep", endpoint_config=config(), endpoint_name=pulumi.Output.from_input("bad_name")
        )

    run(program)
    assert rec.named("ep-endpoint").inputs["name"] == "bad_name"


def test_default_rollback_alarms_validate_before_creating_anything(rec: RecordingMonitor) -> None:
    messages: list[str] = []

    def program() -> None:
        endpoint = sm.Endpoint(
            "ep",
            endpoint_config=config(*(fleet(4, f"v{i}") for i in range(5))),
            endpoint_name="prod",
            deployment=sm.BlueGreenDeployment(CANARY_10, rollback_alarms=["x"]),
        )
        attempts: list[Callable[[], object]] = [
            lambda: endpoint.add_default_rollback_alarms(error_threshold=1, latency_threshold=1),
            lambda: endpoint.add_default_rollback_alarms(
                error_threshold=-1,
                latency_threshold="1",
                variant_name="v0",  # type: ignore[arg-type]
            ),
        ]
        for attempt in attempts:
            with pytest.raises(ValidationError) as info:
                attempt()
            messages.append(str(info.value))
        endpoint.add_default_rollback_alarms(
            error_threshold=1, latency_threshold=1, variant_name="v0"
        )
        with pytest.raises(ValidationError) as info:
            endpoint.add_default_rollback_alarms(
                error_threshold=1, latency_threshold=1, variant_name="v0"
            )
        messages.append(str(info.value))

    run(program)
    assert messages == [
        "Endpoint 'ep': at most 10 rollback alarms are allowed, 1 + 10 default ones would make 11",
        "Endpoint 'ep': \n  - error_threshold must be a finite number >= 0, got -1"
        "\n  - latency_threshold must be a finite number >= 0, got '1'",
        "Endpoint 'ep': variant 'v0' already has default rollback alarms",
    ]
    assert len(rec.of_type(ALARM)) == 2


def test_rollback_alarm_added_after_the_program_yields_is_an_error(rec: RecordingMonitor) -> None:
    errors: list[str] = []

    def program() -> pulumi.Output[None]:
        endpoint = sm.Endpoint(
            "ep", endpoint_config=config(fleet()), deployment=sm.BlueGreenDeployment(CANARY_10)
        )

        def late(_: str) -> None:
            with pytest.raises(ValidationError) as info:
                endpoint.add_rollback_alarm("late")
            errors.append(str(info.value))
            with pytest.raises(ValidationError) as info:
                endpoint.add_default_rollback_alarms(error_threshold=1, latency_threshold=1)
            errors.append(str(info.value))

        return endpoint.endpoint_name.apply(late)

    run(program)
    assert errors[0] == (
        "Endpoint 'ep': rollback alarm 'late' was added after the deployment config was sent to "
        "the engine; add rollback alarms in the program's top-level code, before any await"
    )
    assert errors[1].startswith(
        "Endpoint 'ep': \n  - add_default_rollback_alarms was called after the deployment "
        "config was sent to the engine"
    )
    assert "autoRollbackConfiguration" not in deployment_config(rec)


def test_rollback_alarm_problems(rec: RecordingMonitor) -> None:
    messages: list[str] = []

    def program() -> None:
        endpoint = sm.Endpoint(
            "ep",
            endpoint_config=config(fleet()),
            deployment=sm.BlueGreenDeployment(
                CANARY_10, rollback_alarms=[f"a{i}" for i in range(9)]
            ),
        )
        for alarm in ("a3", "", 42, "a9", "a10"):
            try:
                endpoint.add_rollback_alarm(alarm)  # type: ignore[arg-type]
            except ValidationError as error:
                messages.append(str(error))

    run(program)
    assert messages == [
        "Endpoint 'ep': rollback alarm 'a3' is listed twice",
        "Endpoint 'ep': rollback alarm must be an alarm name of 1 to 255 characters, not only "
        "whitespace, got ''",
        "Endpoint 'ep': rollback alarm must be an aws.cloudwatch.MetricAlarm or an alarm name, "
        "got int",
        "Endpoint 'ep': at most 10 rollback alarms are allowed (the deployment's and added ones "
        "together), got 11",
    ]
    alarms = deployment_config(rec)["autoRollbackConfiguration"]["alarms"]
    assert alarms == [{"alarmName": f"a{i}"} for i in range(10)]


# --- Validation at construction ----------------------------------------------------------------


def blue_green(routing: sm.TrafficRouting = CANARY_10, **changes: Any) -> sm.BlueGreenDeployment:
    return sm.BlueGreenDeployment(routing, **changes)


BG = "deployment.traffic_routing"
# Variants are built inside the program (a model reference needs the running Pulumi runtime).
INVALID: list[tuple[object, Callable[[], list[Any]], str]] = [
    (
        {"type": "CANARY"},
        lambda: [fleet()],
        "deployment must be a BlueGreenDeployment or a RollingDeployment, got dict",
    ),
    (
        blue_green(TR.all_at_once(wait_interval=3601)),
        lambda: [fleet()],
        f"{BG}.wait_interval must be an integer number of seconds from 0 to 3600, got 3601",
    ),
    (
        blue_green(TR.canary(CS.percent(60), wait_interval=0)),
        lambda: [fleet()],
        f"{BG}.canary_size must be 1% to 50% of the fleet, got 60%",
    ),
    (
        blue_green(TR.linear(CS.percent(5), wait_interval=0)),
        lambda: [fleet()],
        f"{BG}.linear_step_size must be 10% to 50% of the fleet, got 5%",
    ),
    (
        blue_green(TR.linear(CS.percent(0), wait_interval=0)),
        lambda: [fleet()],
        f"{BG}.linear_step_size value must be an integer >= 1, got 0",
    ),
    (
        blue_green(TR.canary(CS("HALF", 1), wait_interval=0)),
        lambda: [fleet()],
        f"{BG}.canary_size must be a CapacitySize of type CAPACITY_PERCENT or INSTANCE_COUNT, "
        "got 'HALF'",
    ),
    (
        blue_green(TR("CANARY", 0)),
        lambda: [fleet()],
        f"{BG}.canary_size must be a CapacitySize for CANARY, got None",
    ),
    (
        blue_green(TR("ALL_AT_ONCE", 0, linear_step_size=CS.percent(10))),
        lambda: [fleet()],
        f"{BG}.linear_step_size is only allowed with LINEAR routing, got 10%",
    ),
    (
        blue_green(TR("SHIFT", 0)),
        lambda: [fleet()],
        f"{BG}.type must be ALL_AT_ONCE, CANARY or LINEAR, got 'SHIFT'",
    ),
    (
        sm.BlueGreenDeployment("canary"),  # type: ignore[arg-type]
        lambda: [fleet()],
        f"{BG} must be a TrafficRouting (TrafficRouting.all_at_once, .canary or .linear), got str",
    ),
    (
        blue_green(termination_wait=-1),
        lambda: [fleet()],
        "deployment.termination_wait must be an integer number of seconds from 0 to 3600, got -1",
    ),
    (
        blue_green(maximum_execution_timeout=14401),
        lambda: [fleet()],
        "deployment.maximum_execution_timeout must be an integer number of seconds from 600 to "
        "14400, got 14401",
    ),
    (
        blue_green(termination_wait=3600, maximum_execution_timeout=4200),
        lambda: [fleet()],
        "deployment.maximum_execution_timeout must be greater than the waits it covers "
        "(2 x wait_interval + termination_wait = 4800 seconds), got 4200",
    ),
    (
        blue_green(TR.canary(CS.instances(3), wait_interval=0)),
        lambda: [fleet(4, "a"), fleet(8, "b")],
        f"{BG}.canary_size must be at most 50% of variant 'a''s 4 instances, got 3 instances",
    ),
    (
        blue_green(TR.linear(CS.instances(1), wait_interval=0)),
        lambda: [fleet(20)],
        f"{BG}.linear_step_size must be 10% to 50% of variant 'v''s 20 instances, got 1 instance",
    ),
    (
        sm.RollingDeployment(CS.percent(60), wait_interval=0),
        lambda: [fleet()],
        "deployment.maximum_batch_size must be 5% to 50% of the fleet, got 60%",
    ),
    (
        sm.RollingDeployment(CS.instances(1), wait_interval=0),
        lambda: [fleet(1)],
        "deployment.maximum_batch_size must be 5% to 50% of variant 'v''s 1 instance, "
        "got 1 instance",
    ),
    (
        sm.RollingDeployment(CS.percent(10), wait_interval=-5),
        lambda: [fleet()],
        "deployment.wait_interval must be an integer number of seconds from 0 to 3600, got -5",
    ),
    (
        sm.RollingDeployment(CS.percent(10), wait_interval=900, maximum_execution_timeout=900),
        lambda: [fleet()],
        "deployment.maximum_execution_timeout must be greater than the waits it covers "
        "(wait_interval = 900 seconds), got 900",
    ),
    (
        sm.RollingDeployment(CS.percent(10), 0, rollback_maximum_batch_size=CS.percent(101)),
        lambda: [fleet()],
        "deployment.rollback_maximum_batch_size must be 1% to 100% of the fleet, got 101%",
    ),
    (
        sm.RollingDeployment(10, 0),  # type: ignore[arg-type]
        lambda: [fleet()],
        "deployment.maximum_batch_size must be a CapacitySize (CapacitySize.percent or "
        ".instances), got 10",
    ),
    (
        sm.RollingDeployment(CS.percent(25), 60),
        lambda: [fleet(4, "a"), fleet(4, "b")],
        "deployment: a RollingDeployment needs an endpoint config with exactly one variant "
        "(SageMaker excludes multi-variant endpoints), got 2: 'a', 'b'",
    ),
    (
        blue_green(TR.all_at_once(wait_interval=60)),
        lambda: [fleet(2, instance_type="ml.inf1.xlarge")],
        "deployment (deployment guardrails) is not supported on Inf1 instances (variant 'v' is "
        "ml.inf1.xlarge): SageMaker would silently update it all at once, without baking or "
        "rollback",
    ),
    (
        blue_green(TR.all_at_once(wait_interval=60)),
        lambda: [fleet(2, accelerator_type=sm.AcceleratorType.EIA2_MEDIUM)],
        "deployment (deployment guardrails) is not supported with Elastic Inference (variant 'v' "
        "has accelerator_type ml.eia2.medium): SageMaker would silently update it all at once, "
        "without baking or rollback",
    ),
    (
        blue_green(rollback_alarms=[f"a{i}" for i in range(11)]),
        lambda: [fleet()],
        "at most 10 rollback alarms are allowed (the deployment's and added ones together), got 11",
    ),
    (
        blue_green(rollback_alarms=["a", "a"]),
        lambda: [fleet()],
        "deployment.rollback_alarms 'a' is listed twice",
    ),
    (
        blue_green(rollback_alarms=[None]),
        lambda: [fleet()],
        "deployment.rollback_alarms must be an aws.cloudwatch.MetricAlarm or an alarm name, "
        "got NoneType",
    ),
]


@pytest.mark.parametrize(("deployment", "variants", "message"), INVALID)
def test_invalid_deployment_is_rejected_before_anything_is_created(
    rec: RecordingMonitor, deployment: object, variants: Callable[[], list[Any]], message: str
) -> None:
    def build() -> None:
        known = KnownConfig(variants())
        sm.Endpoint("ep", endpoint_config=known, deployment=deployment)  # type: ignore[arg-type]

    assert rejected(rec, build) == f"Endpoint 'ep': {message}"


def test_all_at_once_blue_green_is_allowed_on_a_serverless_config(rec: RecordingMonitor) -> None:
    def program() -> None:
        serverless = SPV(imported(), "sls", max_concurrency=5, memory_size_in_mb=2048)
        sm.Endpoint(
            "ep",
            endpoint_config=KnownConfig([serverless]),
            deployment=blue_green(TR.all_at_once(wait_interval=300)),
        )

    run(program)
    policy = rec.named("ep-endpoint").inputs["deploymentConfig"]["blueGreenUpdatePolicy"]
    assert policy["trafficRoutingConfiguration"] == {
        "type": "ALL_AT_ONCE",
        "waitIntervalInSeconds": 300.0,
    }


def test_linear_timeout_counts_every_step(rec: RecordingMonitor) -> None:
    def build() -> None:
        sm.Endpoint(
            "ep",
            endpoint_config=sm.EndpointConfig.from_endpoint_config_name("cfg"),
            deployment=sm.BlueGreenDeployment(
                TR.linear(CS.percent(25), wait_interval=600), maximum_execution_timeout=2400
            ),
        )

    assert rejected(rec, build) == (
        "Endpoint 'ep': deployment.maximum_execution_timeout must be greater than the waits it "
        "covers (4 x wait_interval + termination_wait = 2400 seconds), got 2400"
    )


def test_guardrails_on_a_serverless_config_are_rejected(rec: RecordingMonitor) -> None:
    def build() -> None:
        serverless = SPV(imported(), "sls", max_concurrency=5, memory_size_in_mb=2048)
        sm.Endpoint(
            "ep",
            endpoint_config=KnownConfig([serverless]),
            deployment=blue_green(TR.canary(CS.percent(10), wait_interval=0)),
        )

    assert rejected(rec, build) == (
        "Endpoint 'ep': deployment (deployment guardrails) is not supported for serverless "
        "variant 'sls'; remove deployment"
    )


def test_every_problem_is_reported_at_once(rec: RecordingMonitor) -> None:
    def build() -> None:
        sm.Endpoint(
            "ep",
            endpoint_config=sm.EndpointConfig.from_endpoint_config_name("cfg"),
            deployment=sm.BlueGreenDeployment(
                TR.canary(CS.percent(80), wait_interval=7200), termination_wait=4000
            ),
        )

    assert rejected(rec, build) == (
        "Endpoint 'ep': "
        "\n  - deployment.traffic_routing.wait_interval must be an integer number of seconds "
        "from 0 to 3600, got 7200"
        "\n  - deployment.traffic_routing.canary_size must be 1% to 50% of the fleet, got 80%"
        "\n  - deployment.termination_wait must be an integer number of seconds from 0 to 3600, "
        "got 4000"
    )


def test_imported_config_skips_fleet_checks(rec: RecordingMonitor) -> None:
    def program() -> None:
        sm.Endpoint(
            "ep",
            endpoint_config=sm.EndpointConfig.from_endpoint_config_name("cfg"),
            deployment=sm.RollingDeployment(CS.instances(5), wait_interval=60),
        )

    run(program)
    assert deployment_config(rec)["rollingUpdatePolicy"]["maximumBatchSize"] == {
        "type": "INSTANCE_COUNT",
        "value": 5.0,
    }


def test_variant_added_to_the_config_later_is_checked_at_the_add(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        endpoint_config = config(fleet(4, "a"))
        sm.Endpoint(
            "ep",
            endpoint_config=endpoint_config,
            deployment=sm.RollingDeployment(CS.percent(25), wait_interval=60),
        )
        # Refused at the add (program time), not when the endpoint registers at deploy time.
        with pytest.raises(
            ValidationError,
            match=re.escape(
                "EndpointConfig 'cfg': endpoint 'ep': deployment: a RollingDeployment needs an "
                "endpoint config with exactly one variant (SageMaker excludes multi-variant "
                "endpoints), got 2: 'a', 'b'"
            ),
        ):
            endpoint_config.add_instance_production_variant(fleet(4, "b"))

    run(program)
    variants = rec.named("cfg-config").inputs["productionVariants"]
    assert [v["variantName"] for v in variants] == ["a"]
    assert "ep-endpoint" in [r.name for r in rec.registrations]


def test_default_rollback_alarm_settings_are_used(rec: RecordingMonitor) -> None:
    def program() -> None:
        endpoint = sm.Endpoint(
            "ep",
            endpoint_config=config(fleet(4, "a")),
            endpoint_name="fixed-ep",
            deployment=blue_green(),
        )
        endpoint.add_default_rollback_alarms(
            error_threshold=1, latency_threshold=5, period=120, evaluation_periods=5,
            datapoints_to_alarm=4,
        )  # fmt: skip

    run(program)
    alarms = rec.of_type("aws:cloudwatch/metricAlarm:MetricAlarm")
    assert len(alarms) == 2
    for alarm in alarms:
        assert (
            alarm.inputs["period"],
            alarm.inputs["evaluationPeriods"],
            alarm.inputs["datapointsToAlarm"],
        ) == (120.0, 5.0, 4.0)
