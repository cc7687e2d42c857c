"""Every program under examples/ runs under the recording mocks, with its resources asserted."""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import pytest

from pulumi_sagemaker_hosting.testing import RecordingMonitor, run

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SM = "sagemaker-hosting:index:"


def run_example(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Pulumi runs a program with its directory as the working directory.
    monkeypatch.chdir(EXAMPLES / name)
    run(lambda: runpy.run_path(str(EXAMPLES / name / "__main__.py"), run_name="__main__"))


def custom_types(rec: RecordingMonitor) -> dict[str, int]:
    return {t: n for t, n in sorted(rec.types().items()) if not t.startswith(SM)}


def test_every_example_is_covered() -> None:
    programs = sorted(p.parent.name for p in EXAMPLES.glob("*/__main__.py"))
    assert programs == [
        "async-inference",
        "autoscaling",
        "container-images",
        "endpoint",
        "guardrails",
        "inference-components",
        "llm",
        "metrics",
        "model-artifacts",
        "model-registry",
        "models",
        "multi-model",
        "private-registry",
        "quickstart",
    ]


def test_quickstart(rec: RecordingMonitor, monkeypatch: pytest.MonkeyPatch) -> None:
    run_example("quickstart", monkeypatch)
    assert custom_types(rec) == {
        "aws:appautoscaling/policy:Policy": 1,
        "aws:appautoscaling/target:Target": 1,
        "aws:cloudwatch/metricAlarm:MetricAlarm": 1,
        "aws:iam/role:Role": 1,
        "aws:iam/rolePolicy:RolePolicy": 1,
        "aws:sagemaker/endpoint:Endpoint": 1,
        "aws:sagemaker/endpointConfiguration:EndpointConfiguration": 1,
        "aws:sagemaker/model:Model": 1,
        "aws:sns/topic:Topic": 1,
    }
    container = rec.named("sentiment-model").inputs["primaryContainer"]
    assert container == {
        "image": "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-inference:"
        "2.1.0-transformers4.37.0-cpu-py310-ubuntu22.04",
        "environment": {
            "HF_MODEL_ID": "distilbert/distilbert-base-uncased-finetuned-sst-2-english",
            "HF_TASK": "text-classification",
        },
    }
    variant = rec.named("sentiment-config").inputs["productionVariants"][0]
    assert variant["instanceType"] == "ml.m5.xlarge"
    assert variant["containerStartupHealthCheckTimeoutInSeconds"] == 600
    policy = rec.named("sentiment-AllTraffic-instance-count-LimitRPS").inputs
    assert policy["targetTrackingScalingPolicyConfiguration"]["targetValue"] == 600.0
    alarm = rec.named("sentiment-LatencyP99").inputs
    assert alarm["extendedStatistic"] == "p99"
    assert "statistic" not in alarm
    assert alarm["alarmActions"] == [rec.named("sentiment-alerts").outputs["arn"]]


def test_container_images(rec: RecordingMonitor, monkeypatch: pytest.MonkeyPatch) -> None:
    run_example("container-images", monkeypatch)
    ecr = rec.named("EcrImageModel-model").inputs["primaryContainer"]["image"]
    assert ecr == "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:tag"
    (image,) = rec.of_type("docker-build:index:Image")
    assert image.parent_name == "AssetImageModel"
    asset = rec.named("AssetImageModel-model").inputs["primaryContainer"]["image"]
    assert asset == f"{image.inputs['registries'][0]['address']}@{image.outputs['digest']}"


def test_model_artifacts(rec: RecordingMonitor, monkeypatch: pytest.MonkeyPatch) -> None:
    run_example("model-artifacts", monkeypatch)
    bucket = rec.named("MyBucket").outputs["bucket"]
    s3 = rec.named("S3DataModel-model").inputs["primaryContainer"]["modelDataUrl"]
    assert s3 == f"s3://{bucket}/path/to/artifact/file.tar.gz"
    (upload,) = rec.of_type("aws:s3/bucketObjectv2:BucketObjectv2")
    assert upload.inputs["key"].startswith("models/") and upload.inputs["key"].endswith(
        "/file.tar.gz"
    )
    url = rec.named("AssetDataModel-model").inputs["primaryContainer"]["modelDataUrl"]
    artifacts = rec.named("AssetDataModel-artifacts").outputs["bucket"]
    assert url == f"s3://{artifacts}/{upload.inputs['key']}"


def test_models(rec: RecordingMonitor, monkeypatch: pytest.MonkeyPatch) -> None:
    run_example("models", monkeypatch)
    single = rec.named("PrimaryContainerModel-model").inputs
    assert "containers" not in single and "primaryContainer" in single
    pipeline = rec.named("InferencePipelineModel-model").inputs
    assert [c["image"].rsplit("/", 1)[1] for c in pipeline["containers"]] == [
        "preprocess:v1",
        "predict:v1",
        "postprocess:v1",
    ]


def test_endpoint(rec: RecordingMonitor, monkeypatch: pytest.MonkeyPatch) -> None:
    run_example("endpoint", monkeypatch)
    variants = rec.named("EndpointConfig-config").inputs["productionVariants"]
    assert [(v["variantName"], v["initialVariantWeight"]) for v in variants] == [
        ("modelA", 2.0),
        ("variantB", 1.0),
    ]
    config_name = rec.named("EndpointConfig-config").outputs["name"]
    assert rec.named("Endpoint-endpoint").inputs == {"endpointConfigName": config_name}


def test_autoscaling(rec: RecordingMonitor, monkeypatch: pytest.MonkeyPatch) -> None:
    run_example("autoscaling", monkeypatch)
    endpoint_name = rec.named("Endpoint-endpoint").outputs["name"]
    target = rec.named("Endpoint-variantName-instance-count-target").inputs
    assert target["resourceId"] == f"endpoint/{endpoint_name}/variant/variantName"
    assert (target["minCapacity"], target["maxCapacity"]) == (1.0, 3.0)
    policy = rec.named("Endpoint-variantName-instance-count-LimitRPS").inputs
    assert policy["targetTrackingScalingPolicyConfiguration"] == {
        "predefinedMetricSpecification": {
            "predefinedMetricType": "SageMakerVariantInvocationsPerInstance"
        },
        "targetValue": 900.0,
    }


def test_metrics(rec: RecordingMonitor, monkeypatch: pytest.MonkeyPatch) -> None:
    run_example("metrics", monkeypatch)
    alarm = rec.named("Endpoint-ModelLatencyAlarm")
    assert alarm.parent_name == "Endpoint"
    assert alarm.inputs == {
        "comparisonOperator": "GreaterThanOrEqualToThreshold",
        "dimensions": {
            "EndpointName": rec.named("Endpoint-endpoint").outputs["name"],
            "VariantName": "variantName",
        },
        "evaluationPeriods": 3.0,
        "metricName": "ModelLatency",
        "namespace": "AWS/SageMaker",
        "period": 300.0,
        "statistic": "Average",
        "threshold": 100000.0,
    }


def test_guardrails(rec: RecordingMonitor, monkeypatch: pytest.MonkeyPatch) -> None:
    run_example("guardrails", monkeypatch)
    endpoint = rec.named("Endpoint-endpoint")
    alarms = [
        rec.named(f"Endpoint-{name}")
        for name in (
            "AllTraffic-Rollback5XXErrors",
            "AllTraffic-RollbackModelLatencyP99",
            "RollbackOverheadLatencyP99",
        )
    ]
    assert endpoint.inputs["deploymentConfig"] == {
        "blueGreenUpdatePolicy": {
            "trafficRoutingConfiguration": {
                "type": "CANARY",
                "waitIntervalInSeconds": 600.0,
                "canarySize": {"type": "CAPACITY_PERCENT", "value": 25.0},
            },
            "terminationWaitInSeconds": 300.0,
            "maximumExecutionTimeoutInSeconds": 3600.0,
        },
        "autoRollbackConfiguration": {"alarms": [{"alarmName": a.outputs["name"]} for a in alarms]},
    }
    for alarm in alarms:
        assert alarm.inputs["dimensions"]["EndpointName"] == "guardrails-demo"
        assert alarm.urn in endpoint.dependencies
        assert endpoint.urn not in alarm.dependencies


def test_async_inference(rec: RecordingMonitor, monkeypatch: pytest.MonkeyPatch) -> None:
    run_example("async-inference", monkeypatch)
    bucket = rec.named("async-io").outputs["bucket"]
    config = rec.named("EndpointConfig-config").inputs
    assert (
        config["asyncInferenceConfig"]["outputConfig"]["s3OutputPath"] == f"s3://{bucket}/results"
    )
    assert config["dataCaptureConfig"]["initialSamplingPercentage"] == 10.0
    target = rec.named("Endpoint-AllTraffic-instance-count-target").inputs
    assert (target["minCapacity"], target["maxCapacity"]) == (0.0, 4.0)
    endpoint_name = rec.named("Endpoint-endpoint").outputs["name"]
    backlog = rec.named("Endpoint-AllTraffic-instance-count-Backlog").inputs
    assert backlog["targetTrackingScalingPolicyConfiguration"]["customizedMetricSpecification"] == {
        "namespace": "AWS/SageMaker",
        "metricName": "ApproximateBacklogSizePerInstance",
        "statistic": "Average",
        "dimensions": [{"name": "EndpointName", "value": endpoint_name}],
    }
    alarm = rec.named("Endpoint-AllTraffic-instance-count-FromZero-out-alarm").inputs
    assert alarm["metricName"] == "HasBacklogWithoutCapacity"
    assert alarm["dimensions"] == {"EndpointName": endpoint_name}
    assert (alarm["comparisonOperator"], alarm["threshold"], alarm["period"]) == (
        "GreaterThanOrEqualToThreshold",
        1.0,
        60.0,
    )
    policy = rec.named("Endpoint-AllTraffic-instance-count-FromZero-out")
    assert alarm["alarmActions"] == [policy.outputs["arn"]]
    assert policy.inputs["stepScalingPolicyConfiguration"]["stepAdjustments"] == [
        {"scalingAdjustment": 1.0, "metricIntervalLowerBound": "0"}
    ]
    grants = json.loads(rec.named("Summarizer-policy-EndpointConfig-async").inputs["policy"])
    assert [s["Sid"] for s in grants["Statement"]] == [
        "WriteAsyncOutput",
        "WriteAsyncFailure",
        "ReadAsyncInput",
        "NotifyAsync",
    ]


def test_readme_twins_match_examples() -> None:
    """Each README block marked with an example path is that file, verbatim."""
    readme = (EXAMPLES.parent / "README.md").read_text()
    marker = "<!-- example: "
    seen = []
    for chunk in readme.split(marker)[1:]:
        path, rest = chunk.split(" -->", 1)
        block = rest.split("```python\n", 1)[1].split("```", 1)[0]
        assert block == (EXAMPLES.parent / path).read_text(), path
        seen.append(path)
    assert sorted(seen) == sorted(
        str(p.relative_to(EXAMPLES.parent)) for p in EXAMPLES.glob("*/__main__.py")
    )


def test_root_project_runs_the_quickstart() -> None:
    text = (EXAMPLES.parent / "Pulumi.yaml").read_text()
    assert "main: examples/quickstart/" in text
    assert json.dumps(text)  # the file is plain text, readable


def test_inference_components(rec: RecordingMonitor, monkeypatch: pytest.MonkeyPatch) -> None:
    run_example("inference-components", monkeypatch)
    assert custom_types(rec) == {
        "aws-native:sagemaker:InferenceComponent": 3,
        "aws:appautoscaling/policy:Policy": 3,
        "aws:appautoscaling/target:Target": 2,
        "aws:cloudwatch/metricAlarm:MetricAlarm": 1,
        "aws:iam/role:Role": 3,
        "aws:iam/rolePolicy:RolePolicy": 3,
        "aws:sagemaker/endpoint:Endpoint": 1,
        "aws:sagemaker/endpointConfiguration:EndpointConfiguration": 1,
        "aws:sagemaker/model:Model": 2,
    }
    config = rec.named("llms-config").inputs
    assert config["executionRoleArn"] == rec.named("llms-endpoint-role").outputs["arn"]
    assert config["productionVariants"] == [
        {
            "variantName": "AllTraffic",
            "instanceType": "ml.g5.12xlarge",
            "initialInstanceCount": 1.0,
            "initialVariantWeight": 1.0,
            "managedInstanceScaling": {
                "status": "ENABLED",
                "minInstanceCount": 0.0,
                "maxInstanceCount": 2.0,
            },
            "routingConfigs": [{"routingStrategy": "LEAST_OUTSTANDING_REQUESTS"}],
        }
    ]
    qwen = rec.named("qwen-component").inputs
    assert qwen["specification"]["modelName"] == rec.named("qwen-model-model").outputs["name"]
    assert qwen["specification"]["computeResourceRequirements"] == {
        "numberOfAcceleratorDevicesRequired": 2.0,
        "minMemoryRequiredInMb": 16384.0,
    }
    assert rec.named("qwen-model-model").inputs["primaryContainer"]["environment"] == {
        "HF_MODEL_ID": "Qwen/Qwen2.5-7B-Instruct",
        "SM_NUM_GPUS": "2",
        "TENSOR_PARALLEL_DEGREE": "2",
        "OPTION_ENABLE_LORA": "true",
    }
    # The LoRA adapter: on qwen's copies, its role granted read of exactly the artifact.
    assert rec.named("qwen-sql-component").inputs["specification"] == {
        "baseInferenceComponentName": rec.named("qwen-component").outputs["inferenceComponentName"],
        "container": {"artifactUrl": "s3://my-lora-adapters/qwen2.5-7b/sql.tar.gz"},
    }
    grant = json.loads(rec.named("qwen-model-policy-adapter-qwen-sql").inputs["policy"])
    assert grant["Statement"] == [
        {
            "Effect": "Allow",
            "Action": ["s3:GetObject"],
            "Resource": ["arn:aws:s3:::my-lora-adapters/qwen2.5-7b/sql.tar.gz"],
            "Sid": "ReadModelData",
        }
    ]
    targets = {
        r.name: (r.inputs["minCapacity"], r.inputs["maxCapacity"])
        for r in rec.of_type("aws:appautoscaling/target:Target")
    }
    assert targets == {"phi-copy-count-target": (1.0, 4.0), "qwen-copy-count-target": (0.0, 2.0)}
    (alarm,) = rec.of_type("aws:cloudwatch/metricAlarm:MetricAlarm")
    assert alarm.inputs["metricName"] == "NoCapacityInvocationFailures"
    assert alarm.inputs["alarmActions"] == [
        rec.named("qwen-copy-count-scale-out-from-zero").outputs["arn"]
    ]
