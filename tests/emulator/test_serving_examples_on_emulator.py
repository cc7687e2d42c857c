"""The serving examples (issue 10) carried out against the emulator; live state asserted."""

from __future__ import annotations

import pytest
from test_examples_on_emulator import deploy, only_endpoint, output

from pulumi_sagemaker_hosting.testing import emulated_stack


def test_llm_live_state(monkeypatch: pytest.MonkeyPatch) -> None:
    with emulated_stack() as stack:
        deploy("llm", monkeypatch, stack)
        emu = stack.emulator
        endpoint = only_endpoint(stack)
        config = emu.describe_endpoint_config(endpoint["EndpointConfigName"])
        (variant,) = config["ProductionVariants"]
        assert variant["InstanceType"] == "ml.g5.2xlarge"
        assert variant["ContainerStartupHealthCheckTimeoutInSeconds"] == 900
        assert variant["RoutingConfig"] == {"RoutingStrategy": "LEAST_OUTSTANDING_REQUESTS"}
        model = emu.describe_model(variant["ModelName"])
        source = model["PrimaryContainer"]["ModelDataSource"]["S3DataSource"]
        assert source["ModelAccessConfig"] == {"AcceptEula": True}
        assert source["S3DataType"] == "S3Prefix"
        resource_id = f"endpoint/{endpoint['EndpointName']}/variant/AllTraffic"
        (policy,) = emu.scaling_policies(resource_id)
        tracking = policy["TargetTrackingScalingPolicyConfiguration"]
        assert tracking["PredefinedMetricSpecification"] == {
            "PredefinedMetricType": "SageMakerVariantConcurrentRequestsPerModelHighResolution"
        }
        periods = sorted((a["MetricName"], a["Period"]) for a in emu.alarms())
        assert periods == [("ConcurrentRequestsPerModel", 10), ("ModelLatency", 60)]
        (document,) = emu.role_policies(output(stack, "llama3-role")).values()
        listing = next(s for s in document["Statement"] if s.get("Sid") == "ListModelData")
        assert listing["Condition"] == {"StringLike": {"s3:prefix": ["meta-llama-3-8b-instruct/*"]}}


def test_multi_model_live_state(monkeypatch: pytest.MonkeyPatch) -> None:
    with emulated_stack() as stack:
        deploy("multi-model", monkeypatch, stack)
        emu = stack.emulator
        endpoint = only_endpoint(stack)
        config = emu.describe_endpoint_config(endpoint["EndpointConfigName"])
        model = emu.describe_model(config["ProductionVariants"][0]["ModelName"])
        bucket = output(stack, "customer-models", "bucket")
        assert model["PrimaryContainer"]["Mode"] == "MultiModel"
        assert model["PrimaryContainer"]["ModelDataUrl"] == f"s3://{bucket}/churn/"
        names = sorted(a["MetricName"] for a in emu.alarms())
        assert names == ["ModelCacheHit", "ModelLoadingWaitTime"]


def test_model_registry_live_state(monkeypatch: pytest.MonkeyPatch) -> None:
    with emulated_stack() as stack:
        deploy("model-registry", monkeypatch, stack)
        model = stack.emulator.describe_model(output(stack, "churn-model"))
        assert model["PrimaryContainer"]["ModelPackageName"] == (
            "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/7"
        )
        assert "Image" not in model["PrimaryContainer"]


def test_private_registry_live_state(monkeypatch: pytest.MonkeyPatch) -> None:
    with emulated_stack() as stack:
        deploy("private-registry", monkeypatch, stack)
        emu = stack.emulator
        model = emu.describe_model(output(stack, "ranker-model"))
        assert model["PrimaryContainer"]["ImageConfig"]["RepositoryAccessMode"] == "Vpc"
        ec2 = emu.client("ec2")
        subnets = ec2.describe_subnets(
            Filters=[{"Name": "cidr-block", "Values": ["10.20.1.0/24", "10.20.2.0/24"]}]
        )["Subnets"]
        assert sorted(model["VpcConfig"]["Subnets"]) == sorted(s["SubnetId"] for s in subnets)
        (group_id,) = model["VpcConfig"]["SecurityGroupIds"]
        (group,) = ec2.describe_security_groups(GroupIds=[group_id])["SecurityGroups"]
        assert group["VpcId"] == subnets[0]["VpcId"]
        assert [(p["FromPort"], p["ToPort"]) for p in group["IpPermissionsEgress"]] == [(443, 443)]
