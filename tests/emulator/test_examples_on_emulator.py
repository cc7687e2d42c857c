"""Every program under examples/ carried out against the emulator; live AWS state asserted."""

from __future__ import annotations

import json
import runpy
from pathlib import Path
from typing import Any

import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting.local import main
from pulumi_sagemaker_hosting.testing import EmulatedStack, emulated_stack

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def deploy(name: str, monkeypatch: pytest.MonkeyPatch, stack: EmulatedStack) -> None:
    monkeypatch.chdir(EXAMPLES / name)
    stack.run(lambda: runpy.run_path(str(EXAMPLES / name / "__main__.py"), run_name="__main__"))


def output(stack: EmulatedStack, name: str, key: str = "name") -> Any:
    return stack.recorder.named(name).outputs[key]


def only_endpoint(stack: EmulatedStack) -> dict[str, Any]:
    (name,) = stack.emulator.endpoints()
    described: dict[str, Any] = stack.emulator.describe_endpoint(name)
    return described


def test_quickstart_live_state(monkeypatch: pytest.MonkeyPatch) -> None:
    with emulated_stack() as stack:
        deploy("quickstart", monkeypatch, stack)
        emu = stack.emulator
        endpoint = only_endpoint(stack)
        assert endpoint["EndpointStatus"] == "InService"
        config = emu.describe_endpoint_config(endpoint["EndpointConfigName"])
        (variant,) = config["ProductionVariants"]
        assert variant["VariantName"] == "AllTraffic"
        assert variant["InstanceType"] == "ml.m5.xlarge"
        assert variant["InitialInstanceCount"] == 1
        assert variant["ContainerStartupHealthCheckTimeoutInSeconds"] == 600
        model = emu.describe_model(variant["ModelName"])
        assert model["PrimaryContainer"]["Environment"]["HF_TASK"] == "text-classification"
        assert model["ExecutionRoleArn"] == output(stack, "sentiment-role", "arn")
        role_policy = emu.role_policies(output(stack, "sentiment-role"))
        (document,) = role_policy.values()
        pull = next(s for s in document["Statement"] if s.get("Sid") == "PullImage")
        assert pull["Resource"] == [
            "arn:aws:ecr:us-east-1:763104351884:repository/huggingface-pytorch-inference"
        ]
        resource_id = f"endpoint/{endpoint['EndpointName']}/variant/AllTraffic"
        (target,) = emu.scalable_targets()
        assert (target["ResourceId"], target["MinCapacity"], target["MaxCapacity"]) == (
            resource_id,
            1,
            4,
        )
        (policy,) = emu.scaling_policies(resource_id)
        tracking = policy["TargetTrackingScalingPolicyConfiguration"]
        assert tracking["TargetValue"] == 600.0
        (alarm,) = emu.alarms()
        assert alarm["ExtendedStatistic"] == "p99"
        # CloudWatch treats dimensions as a set: compare them as one.
        assert sorted(alarm["Dimensions"], key=lambda d: d["Name"]) == [
            {"Name": "EndpointName", "Value": endpoint["EndpointName"]},
            {"Name": "VariantName", "Value": "AllTraffic"},
        ]
        assert alarm["AlarmActions"] == [output(stack, "sentiment-alerts", "arn")]


def test_container_images_live_state(monkeypatch: pytest.MonkeyPatch) -> None:
    with emulated_stack() as stack:
        deploy("container-images", monkeypatch, stack)
        emu = stack.emulator
        (build,) = stack.recorder.of_type("docker-build:index:Image")
        (repository,) = stack.recorder.of_type("aws:ecr/repository:Repository")
        repo = repository.outputs["name"]
        (image,) = emu.images(repo)
        assert image["imageDigest"] == build.outputs["digest"]
        assert image["imageTags"] == [build.inputs["tags"][0].rsplit(":", 1)[1]]
        model = emu.describe_model(output(stack, "AssetImageModel-model"))
        assert model["PrimaryContainer"]["Image"].endswith(f"/{repo}@{image['imageDigest']}")
        ecr = emu.describe_model(output(stack, "EcrImageModel-model"))
        assert ecr["PrimaryContainer"]["Image"] == (
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:tag"
        )


def test_model_artifacts_live_state(monkeypatch: pytest.MonkeyPatch) -> None:
    with emulated_stack() as stack:
        deploy("model-artifacts", monkeypatch, stack)
        emu = stack.emulator
        bucket = output(stack, "AssetDataModel-artifacts", "bucket")
        objects = emu.bucket_objects(bucket)
        (key,) = objects
        local = EXAMPLES / "model-artifacts" / "path" / "to" / "artifact" / "file.tar.gz"
        assert objects[key] == local.read_bytes()
        model = emu.describe_model(output(stack, "AssetDataModel-model"))
        assert model["PrimaryContainer"]["ModelDataUrl"] == f"s3://{bucket}/{key}"


def test_models_live_state(monkeypatch: pytest.MonkeyPatch) -> None:
    with emulated_stack() as stack:
        deploy("models", monkeypatch, stack)
        pipeline = stack.emulator.describe_model(output(stack, "InferencePipelineModel-model"))
        images = [c["Image"].rsplit("/", 1)[1] for c in pipeline["Containers"]]
        assert images == ["preprocess:v1", "predict:v1", "postprocess:v1"]
        single = stack.emulator.describe_model(output(stack, "PrimaryContainerModel-model"))
        assert single["PrimaryContainer"]["ModelDataUrl"].endswith("/model.tar.gz")


def test_endpoint_live_state_splits_traffic_two_to_one(monkeypatch: pytest.MonkeyPatch) -> None:
    with emulated_stack() as stack:
        deploy("endpoint", monkeypatch, stack)
        endpoint = only_endpoint(stack)
        config = stack.emulator.describe_endpoint_config(endpoint["EndpointConfigName"])
        weights = {
            v["VariantName"]: v["InitialVariantWeight"] for v in config["ProductionVariants"]
        }
        assert weights == {"modelA": 2.0, "variantB": 1.0}
        models = {v["VariantName"]: v["ModelName"] for v in config["ProductionVariants"]}
        assert models == {
            "modelA": output(stack, "ModelA-model"),
            "variantB": output(stack, "ModelB-model"),
        }


def test_autoscaling_live_state(monkeypatch: pytest.MonkeyPatch) -> None:
    with emulated_stack() as stack:
        deploy("autoscaling", monkeypatch, stack)
        endpoint = only_endpoint(stack)
        resource_id = f"endpoint/{endpoint['EndpointName']}/variant/variantName"
        (policy,) = stack.emulator.scaling_policies(resource_id)
        assert policy["PolicyType"] == "TargetTrackingScaling"
        assert policy["TargetTrackingScalingPolicyConfiguration"]["TargetValue"] == 900.0


def test_metrics_live_state(monkeypatch: pytest.MonkeyPatch) -> None:
    with emulated_stack() as stack:
        deploy("metrics", monkeypatch, stack)
        (alarm,) = stack.emulator.alarms()
        assert (alarm["MetricName"], alarm["Namespace"], alarm["Statistic"]) == (
            "ModelLatency",
            "AWS/SageMaker",
            "Average",
        )
        assert (alarm["Threshold"], alarm["EvaluationPeriods"], alarm["Period"]) == (
            100000.0,
            3,
            300,
        )
        assert alarm["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"


def test_beyond_the_examples_every_scaling_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    """Step, schedule, custom-metric tracking and serverless scaling all accepted by AWS."""
    with emulated_stack() as stack:

        def program() -> None:
            image = sm.ContainerImage.from_ecr_repository("repo", "v1")
            model = sm.Model("m", containers=[sm.ContainerDefinition(image=image)])
            config = sm.EndpointConfig(
                "c",
                instance_production_variants=[
                    sm.InstanceProductionVariant(
                        model=model, variant_name="v", instance_type="ml.c5.large"
                    )
                ],
            )
            endpoint = sm.Endpoint("e", endpoint_config=config)
            variant = endpoint.find_production_variant("v")
            scaling = variant.auto_scale_instance_count(max_capacity=5)
            scaling.scale_to_track_metric(
                "cpu", target_value=70, metric=variant.metric_cpu_utilization()
            )
            scaling.scale_on_metric(
                "steps",
                metric=variant.metric_invocations_per_instance(),
                steps=[
                    sm.ScalingInterval(upper=100, change=-1),
                    sm.ScalingInterval(lower=1000, upper=2000, change=1),
                    sm.ScalingInterval(lower=2000, change=2),
                ],
            )
            scaling.scale_on_schedule(
                "nightly", schedule=sm.Schedule.cron(minute="0", hour="22"), max_capacity=1
            )
            serverless_model = sm.Model("sm", containers=[sm.ContainerDefinition(image=image)])
            serverless = sm.EndpointConfig(
                "sc",
                serverless_production_variant=sm.ServerlessProductionVariant(
                    model=serverless_model,
                    variant_name="s",
                    max_concurrency=10,
                    memory_size_in_mb=2048,
                    provisioned_concurrency=2,
                ),
            )
            endpoint2 = sm.Endpoint("e2", endpoint_config=serverless)
            concurrency = endpoint2.find_production_variant("s").auto_scale_provisioned_concurrency(
                max_capacity=8
            )
            concurrency.scale_on_utilization("util")

        stack.run(program)
        emu = stack.emulator
        policies = {p["PolicyName"]: p for p in emu.scaling_policies()}
        assert len(policies) == 4
        steps = [p for p in policies.values() if p["PolicyType"] == "StepScaling"]
        assert len(steps) == 2
        alarms = {a["AlarmName"]: a for a in emu.alarms()}
        for policy in steps:
            (alarm,) = [a for a in alarms.values() if a["AlarmActions"] == [policy["PolicyARN"]]]
            assert alarm["MetricName"] == "InvocationsPerInstance"
        (action,) = emu.scheduled_actions()
        assert action["Schedule"] == "cron(0 22 * * ? *)"
        dims = sorted(t["ScalableDimension"] for t in emu.scalable_targets())
        assert dims == [
            "sagemaker:variant:DesiredInstanceCount",
            "sagemaker:variant:DesiredProvisionedConcurrency",
        ]


def test_runner_from_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's main job: a relative program directory, run from the root."""
    monkeypatch.chdir(ROOT)
    assert main(["examples/quickstart", "--diagram", str(tmp_path / "quickstart.mmd")]) == 0
    # The emulator guide shows this diagram as Mermaid renders it: refresh the picture with
    # `./scripts/render-diagrams --docs quickstart` when this fails.
    shown = ROOT / "docs" / "img" / "quickstart-diagram.mmd"
    assert (tmp_path / "quickstart.mmd").read_text() == shown.read_text()
    printed = capsys.readouterr().out
    assert "Endpoint sentiment-endpoint-" in printed and ": InService" in printed
    assert "AllTraffic: ml.m5.xlarge x1, weight 1.0" in printed
    assert "invocation_url: https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/" in printed


def test_runner_reports_validation_errors_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "Pulumi.yaml").write_text("name: bad\nruntime: python\n")
    (tmp_path / "__main__.py").write_text(
        "import pulumi_sagemaker_hosting as sm\n"
        "image = sm.ContainerImage.from_ecr_repository('repo', 'v1')\n"
        "m = sm.Model('m', containers=[sm.ContainerDefinition(image=image)])\n"
        "sm.EndpointConfig('c', instance_production_variants=[\n"
        "    sm.InstanceProductionVariant(model=m, variant_name='v', initial_instance_count=0)])\n"
    )
    assert main([str(tmp_path)]) == 1
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert (
        "EndpointConfig 'c': variant 'v': initial_instance_count must be an integer from 1 to "
        "2147483647, got 0" in text
    )
    assert "Traceback" not in text


def test_async_inference_live_state(monkeypatch: pytest.MonkeyPatch) -> None:
    with emulated_stack() as stack:
        deploy("async-inference", monkeypatch, stack)
        emu = stack.emulator
        endpoint = only_endpoint(stack)
        config = emu.describe_endpoint_config(endpoint["EndpointConfigName"])
        bucket = output(stack, "async-io", "bucket")
        assert config["AsyncInferenceConfig"]["OutputConfig"]["S3OutputPath"] == (
            f"s3://{bucket}/results"
        )
        assert config["DataCaptureConfig"]["DestinationS3Uri"] == f"s3://{bucket}/capture"
        assert config["ProductionVariants"][0]["InstanceType"] == "ml.g5.xlarge"
        (target,) = emu.scalable_targets()
        assert (target["MinCapacity"], target["MaxCapacity"]) == (0, 4)
        kinds = sorted(p["PolicyType"] for p in emu.scaling_policies())
        assert kinds == ["StepScaling", "TargetTrackingScaling"]
        (alarm,) = emu.alarms()
        assert alarm["MetricName"] == "HasBacklogWithoutCapacity"
        policies = emu.role_policies(output(stack, "Summarizer-role"))
        assert len(policies) == 3  # the model's own, data capture, async output


def test_inference_components_live_state(monkeypatch: pytest.MonkeyPatch) -> None:
    with emulated_stack() as stack:
        deploy("inference-components", monkeypatch, stack)
        emu = stack.emulator
        endpoint = only_endpoint(stack)
        config = emu.describe_endpoint_config(endpoint["EndpointConfigName"])
        (variant,) = config["ProductionVariants"]
        assert "ModelName" not in variant
        assert variant["InstanceType"] == "ml.g5.12xlarge"
        assert config["ExecutionRoleArn"] == output(stack, "llms-endpoint-role", "arn")
        components = {
            name: emu.describe_inference_component(name) for name in emu.inference_components()
        }
        assert sorted(components) == sorted(
            output(stack, f"{n}-component", "inferenceComponentName")
            for n in ("phi", "qwen", "qwen-sql")
        )
        for described in components.values():
            assert described["EndpointName"] == endpoint["EndpointName"]
            assert described["InferenceComponentStatus"] == "InService"
        qwen = output(stack, "qwen-component", "inferenceComponentName")
        sql = components[output(stack, "qwen-sql-component", "inferenceComponentName")]
        assert sql["Specification"] == {
            "BaseInferenceComponentName": qwen,
            "Container": {"ArtifactUrl": "s3://my-lora-adapters/qwen2.5-7b/sql.tar.gz"},
        }
        targets = {t["ResourceId"]: t["MinCapacity"] for t in emu.scalable_targets()}
        assert targets[f"inference-component/{qwen}"] == 0
        # Idle: scaled in to zero copies; the alarm's policy adds one back.
        emu.update_inference_component(qwen, RuntimeConfig={"CopyCount": 0})
        assert components[qwen]["RuntimeConfig"]["CurrentCopyCount"] == 1
        assert emu.describe_inference_component(qwen)["RuntimeConfig"]["CurrentCopyCount"] == 0
        (alarm,) = emu.alarms()
        assert alarm["MetricName"] == "NoCapacityInvocationFailures"
        assert alarm["Dimensions"] == [{"Name": "InferenceComponentName", "Value": qwen}]
        (step,) = [p for p in emu.scaling_policies() if p["PolicyType"] == "StepScaling"]
        assert alarm["AlarmActions"] == [step["PolicyARN"]]


# What each example's endpoints look like to AWS: variant (name, type, count, weight) and the
# number of scaling targets and alarms, as the runner's --json report gives them.
RUNNER_EXPECTATIONS = {
    "quickstart": ([("AllTraffic", "ml.m5.xlarge", 1, 1.0)], 1, 1),
    "endpoint": ([("modelA", "ml.t2.medium", 1, 2.0), ("variantB", "ml.t2.medium", 1, 1.0)], 0, 0),
    "autoscaling": ([("variantName", "ml.m5.large", 1, 1.0)], 1, 0),
    "metrics": ([("variantName", "ml.t2.medium", 1, 1.0)], 0, 1),
    "guardrails": ([("AllTraffic", "ml.m5.large", 4, 1.0)], 0, 3),
    "async-inference": ([("AllTraffic", "ml.g5.xlarge", 1, 1.0)], 1, 1),
    "inference-components": ([("AllTraffic", "ml.g5.12xlarge", 1, 1.0)], 2, 1),
    "llm": ([("AllTraffic", "ml.g5.2xlarge", 1, 1.0)], 1, 2),
    "multi-model": ([("AllTraffic", "ml.m5.xlarge", 2, 1.0)], 0, 2),
    "model-registry": ([("AllTraffic", "ml.m5.large", 1, 1.0)], 0, 0),
    "private-registry": ([("AllTraffic", "ml.c5.xlarge", 2, 1.0)], 0, 0),
}


@pytest.mark.parametrize("example", sorted(p.parent.name for p in EXAMPLES.glob("*/__main__.py")))
def test_every_example_through_the_runner(
    example: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`python -m pulumi_sagemaker_hosting.local examples/<name> --json`, report asserted."""
    monkeypatch.chdir(ROOT)
    assert main([f"examples/{example}", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["resources"]  # the component tree
    if example not in RUNNER_EXPECTATIONS:  # examples without an endpoint
        assert report["endpoints"] == []
        assert all(v for v in report["outputs"].values())
        return
    variants, targets, alarms = RUNNER_EXPECTATIONS[example]
    (endpoint,) = report["endpoints"]
    assert endpoint["status"] == "InService"
    assert [
        (v["name"], v["instance_type"], v["instance_count"], v["weight"])
        for v in endpoint["variants"]
    ] == variants
    assert len(endpoint["scaling_targets"]) == targets
    assert len(endpoint["alarms"]) == alarms
    if example == "inference-components":  # the LoRA adapter: no copies of its own
        from pulumi_sagemaker_hosting.testing._report_text import render_text

        components = endpoint["inference_components"]
        (adapter,) = [c for c in components if c.get("base")]
        assert adapter["base"] in [c["name"] for c in components]
        artifact = "s3://my-lora-adapters/qwen2.5-7b/sql.tar.gz"
        assert (adapter["copies"], adapter["artifact"]) == (None, artifact)
        assert (
            f"  adapter  {adapter['name']} of {adapter['base']} on AllTraffic: {artifact}, "
            "InService"
        ) in render_text(report).splitlines()


def test_the_diagram_is_the_same_on_every_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    diagrams = []
    for run_number in range(2):
        target = tmp_path / f"flow{run_number}.mmd"
        assert main(["examples/guardrails", "--diagram", str(target)]) == 0
        diagrams.append(target.read_text())
    capsys.readouterr()
    assert diagrams[0] == diagrams[1]
    assert diagrams[0].startswith("flowchart")


def test_one_emulator_at_a_time_and_the_configured_region() -> None:
    from pulumi_sagemaker_hosting.testing import AwsEmulator

    with emulated_stack(config={"aws:region": "eu-west-1"}) as stack:
        assert stack.emulator.region == "eu-west-1"
        with pytest.raises(RuntimeError, match="another emulator is already running"):
            AwsEmulator().start()
    with (
        pytest.raises(ValueError, match="disagree"),
        emulated_stack(region="us-west-2", config={"aws:region": "eu-west-1"}),
    ):
        pass
