"""Deployment guardrails reach AWS: CreateEndpoint takes them, DescribeEndpoint reports them."""

from __future__ import annotations

import runpy
from pathlib import Path

import pulumi_aws as aws
import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting.testing import emulated_stack

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "guardrails"


def test_guardrails_example_live_state(monkeypatch: pytest.MonkeyPatch) -> None:
    with emulated_stack() as stack:
        monkeypatch.chdir(EXAMPLE)
        stack.run(lambda: runpy.run_path(str(EXAMPLE / "__main__.py"), run_name="__main__"))
        rec, emu = stack.recorder, stack.emulator
        endpoint = emu.describe_endpoint("guardrails-demo")
        assert endpoint["EndpointStatus"] == "InService"
        names = [
            rec.named(f"Endpoint-{n}").outputs["name"]
            for n in (
                "AllTraffic-Rollback5XXErrors",
                "AllTraffic-RollbackModelLatencyP99",
                "RollbackOverheadLatencyP99",
            )
        ]
        assert endpoint["DeploymentConfig"] == {
            "BlueGreenUpdatePolicy": {
                "TrafficRoutingConfiguration": {
                    "Type": "CANARY",
                    "WaitIntervalInSeconds": 600,
                    "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 25},
                },
                "TerminationWaitInSeconds": 300,
                "MaximumExecutionTimeoutInSeconds": 3600,
            },
            "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": n} for n in names]},
        }
        # The rollback alarms exist and watch this endpoint by its (fixed) name.
        alarms = {a["AlarmName"]: a for a in emu.alarms()}
        for name in names:
            dimensions = {d["Name"]: d["Value"] for d in alarms[name]["Dimensions"]}
            assert dimensions == {"EndpointName": "guardrails-demo", "VariantName": "AllTraffic"}


def _one_variant_config(*, instances: int) -> sm.EndpointConfig:
    """A model from ECR served by one ``ml.m5.large`` variant ``main``."""
    model = sm.Model(
        "model",
        containers=[
            sm.ContainerDefinition(image=sm.ContainerImage.from_ecr_repository("repo", "v1"))
        ],
    )
    return sm.EndpointConfig(
        "cfg",
        production_variant=sm.InstanceProductionVariant(
            model, "main", instance_type="ml.m5.large", initial_instance_count=instances
        ),
    )


def test_rolling_deployment_reaches_aws() -> None:
    def program() -> None:
        config = _one_variant_config(instances=10)
        sm.Endpoint(
            "ep",
            endpoint_config=config,
            endpoint_name="rolling",
            deployment=sm.RollingDeployment(
                sm.CapacitySize.instances(2),
                wait_interval=120,
                maximum_execution_timeout=1800,
                rollback_maximum_batch_size=sm.CapacitySize.percent(50),
                rollback_alarms=["team-wide-errors"],
            ),
        )

    with emulated_stack() as stack:
        stack.run(program)
        assert stack.emulator.describe_endpoint("rolling")["DeploymentConfig"] == {
            "RollingUpdatePolicy": {
                "MaximumBatchSize": {"Type": "INSTANCE_COUNT", "Value": 2},
                "WaitIntervalInSeconds": 120,
                "MaximumExecutionTimeoutInSeconds": 1800,
                "RollbackMaximumBatchSize": {"Type": "CAPACITY_PERCENT", "Value": 50},
            },
            "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "team-wide-errors"}]},
        }


def test_rollback_alarms_on_an_endpoint_named_by_another_resource() -> None:
    """An endpoint name from another resource's output: no cycle, alarms watch that name."""
    created: list[str] = []

    def program() -> None:
        # Any other resource's output: here a topic's name stands for a name from elsewhere.
        source = aws.sns.Topic("names", name="canary-7")
        config = _one_variant_config(instances=4)
        endpoint = sm.Endpoint(
            "ep",
            endpoint_config=config,
            endpoint_name=source.name,
            deployment=sm.BlueGreenDeployment(
                sm.TrafficRouting.canary(sm.CapacitySize.percent(25), wait_interval=300)
            ),
        )
        alarms = endpoint.add_default_rollback_alarms(
            error_threshold=1, latency_threshold=1_000_000
        )
        created.extend(a._name for a in alarms)

    with emulated_stack() as stack:
        stack.run(program)
        rec, emu = stack.recorder, stack.emulator
        endpoint = emu.describe_endpoint("canary-7")
        assert endpoint["EndpointStatus"] == "InService"
        names = [rec.named(n).outputs["name"] for n in created]
        assert endpoint["DeploymentConfig"]["AutoRollbackConfiguration"] == {
            "Alarms": [{"AlarmName": n} for n in names]
        }
        alarms = {a["AlarmName"]: a for a in emu.alarms()}
        for name in names:
            dimensions = {d["Name"]: d["Value"] for d in alarms[name]["Dimensions"]}
            assert dimensions == {"EndpointName": "canary-7", "VariantName": "main"}
            assert alarms[name]["AlarmDescription"].startswith(
                "Rolls back deployments of canary-7/main: "
            )
