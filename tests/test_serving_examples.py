"""The serving examples (issue 10) under the recording mocks: resources and key inputs."""

from __future__ import annotations

import json
from typing import Any

import pytest
from test_examples import custom_types, run_example

from pulumi_sagemaker_hosting.testing import RecordingMonitor


def policy(rec: RecordingMonitor, name: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(rec.named(name).inputs["policy"])["Statement"]
    return found


def test_llm(rec: RecordingMonitor, monkeypatch: pytest.MonkeyPatch) -> None:
    run_example("llm", monkeypatch)
    assert custom_types(rec) == {
        "aws:appautoscaling/policy:Policy": 1,
        "aws:appautoscaling/target:Target": 1,
        "aws:cloudwatch/metricAlarm:MetricAlarm": 2,
        "aws:iam/role:Role": 1,
        "aws:iam/rolePolicy:RolePolicy": 1,
        "aws:sagemaker/endpoint:Endpoint": 1,
        "aws:sagemaker/endpointConfiguration:EndpointConfiguration": 1,
        "aws:sagemaker/model:Model": 1,
    }
    container = rec.named("llama3-model").inputs["primaryContainer"]
    assert container["image"] == (
        "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:"
        "2.4.0-tgi2.3.1-gpu-py311-cu124-ubuntu22.04"
    )
    assert container["modelDataSource"] == {
        "s3DataSources": [
            {
                "s3Uri": "s3://my-model-weights/meta-llama-3-8b-instruct/",
                "s3DataType": "S3Prefix",
                "compressionType": "None",
                "modelAccessConfig": {"acceptEula": True},
            }
        ]
    }
    assert container["environment"]["HF_MODEL_ID"] == "/opt/ml/model"
    assert container["environment"]["SM_NUM_GPUS"] == "1"
    assert container["environment"]["MAX_INPUT_TOKENS"] == "4096"
    (variant,) = rec.named("llama3-config").inputs["productionVariants"]
    assert variant["instanceType"] == "ml.g5.2xlarge"
    assert variant["containerStartupHealthCheckTimeoutInSeconds"] == 900
    assert variant["modelDataDownloadTimeoutInSeconds"] == 900
    assert variant["routingConfigs"] == [{"routingStrategy": "LEAST_OUTSTANDING_REQUESTS"}]
    tracking = rec.named("llama3-AllTraffic-instance-count-Concurrency").inputs[
        "targetTrackingScalingPolicyConfiguration"
    ]
    assert tracking["predefinedMetricSpecification"] == {
        "predefinedMetricType": "SageMakerVariantConcurrentRequestsPerModelHighResolution"
    }
    assert (tracking["targetValue"], tracking["scaleOutCooldown"]) == (4, 60)
    saturated = rec.named("llama3-Saturated").inputs
    assert (saturated["metricName"], saturated["period"], saturated["statistic"]) == (
        "ConcurrentRequestsPerModel",
        10,
        "Maximum",
    )
    assert saturated["evaluationPeriods"] == 3
    assert rec.named("llama3-LatencyP90").inputs["extendedStatistic"] == "p90"
    sids = [s["Sid"] for s in policy(rec, "llama3-policy")]
    assert sids == ["WriteLogs", "PutMetrics", "PullImage", "EcrAuth", "ReadModelData",
                    "ListModelData"]  # fmt: skip


def test_multi_model(rec: RecordingMonitor, monkeypatch: pytest.MonkeyPatch) -> None:
    run_example("multi-model", monkeypatch)
    bucket = rec.named("customer-models").outputs["bucket"]
    container = rec.named("churn-model").inputs["primaryContainer"]
    assert container["mode"] == "MultiModel"
    assert container["modelDataUrl"] == f"s3://{bucket}/churn/"
    assert container["multiModelConfig"] == {"modelCacheSetting": "Disabled"}
    listing = next(s for s in policy(rec, "churn-policy") if s["Sid"] == "ListModelData")
    assert listing["Condition"] == {"StringLike": {"s3:prefix": ["churn/*"]}}
    alarms = {a.name: a.inputs for a in rec.of_type("aws:cloudwatch/metricAlarm:MetricAlarm")}
    assert alarms["churn-ColdModelWait"]["metricName"] == "ModelLoadingWaitTime"
    assert alarms["churn-CacheHitRate"]["metricName"] == "ModelCacheHit"
    assert alarms["churn-CacheHitRate"]["comparisonOperator"] == "LessThanThreshold"


def test_model_registry(rec: RecordingMonitor, monkeypatch: pytest.MonkeyPatch) -> None:
    run_example("model-registry", monkeypatch)
    assert rec.named("churn-model").inputs["primaryContainer"] == {
        "modelPackageName": "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/7",
        "environment": {"SAGEMAKER_CONTAINER_LOG_LEVEL": "20"},
    }
    resources = {s["Sid"]: s["Resource"] for s in policy(rec, "churn-policy")}
    assert resources["PullImage"] == ["arn:aws:ecr:us-east-1:123456789012:repository/churn-serving"]
    assert resources["ReadModelData"] == [
        "arn:aws:s3:::ml-artifacts-123456789012/churn/7/model.tar.gz"
    ]


def test_private_registry(rec: RecordingMonitor, monkeypatch: pytest.MonkeyPatch) -> None:
    run_example("private-registry", monkeypatch)
    container = rec.named("ranker-model").inputs["primaryContainer"]
    assert container["imageConfig"] == {
        "repositoryAccessMode": "Vpc",
        "repositoryAuthConfig": {
            "repositoryCredentialsProviderArn": (
                "arn:aws:lambda:us-east-1:123456789012:function:registry-credentials"
            )
        },
    }
    group = rec.named("ranker-security-group")
    assert group.parent_name == "ranker"
    assert [rule["fromPort"] for rule in group.inputs["egress"]] == [443]
    vpc_config = rec.named("ranker-model").inputs["vpcConfig"]
    assert len(vpc_config["subnets"]) == 2
    sids = [s["Sid"] for s in policy(rec, "ranker-policy")]
    assert sids == [
        "WriteLogs",
        "PutMetrics",
        "RegistryCredentials",
        "VpcCreateNetworkInterface",
        "VpcManageNetworkInterfaces",
        "VpcDescribe",
    ]
