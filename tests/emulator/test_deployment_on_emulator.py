"""Deployment guardrails reach AWS: CreateEndpoint takes them, DescribeEndpoint reports them."""

from __future__ import annotations

import runpy
from pathlib import Path

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


def test_rolling_deployment_reaches_aws() -> None:
    def program() -> None:
        model = sm.Model(
            "model",
            containers=[
                sm.ContainerDefinition(image=sm.ContainerImage.from_ecr_repository("repo", "v1"))
            ],
        )
        config = sm.EndpointConfig(
            "cfg",
            production_variant=sm.InstanceProductionVariant(
                model, "main", instance_type="ml.m5.large", initial_instance_count=10
            ),
        )
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
