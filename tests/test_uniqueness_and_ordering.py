"""One URN per resource, nothing half-created, and the right creation order (review findings)."""

from __future__ import annotations

from pathlib import Path

import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting import ValidationError
from pulumi_sagemaker_hosting.testing import RecordingMonitor, run

IMAGE = sm.ContainerImage.from_ecr_repository("repo", "v1")


def scalable(instance_type: str = "ml.m5.large") -> sm.ScalableInstanceCount:
    config = sm.EndpointConfig(
        "cfg",
        instance_production_variants=[
            sm.InstanceProductionVariant(
                model=sm.Model.from_model_name("m"), variant_name="v", instance_type=instance_type
            )
        ],
    )
    endpoint = sm.Endpoint("ep", endpoint_config=config)
    return endpoint.find_production_variant("v").auto_scale_instance_count(max_capacity=3)


def test_one_file_twice_in_a_pipeline_is_one_upload(rec: RecordingMonitor, tmp_path: Path) -> None:
    artifact = tmp_path / "m.tar.gz"
    artifact.write_bytes(b"weights")

    def program() -> None:
        sm.Model(
            "p",
            containers=[
                sm.ContainerDefinition(IMAGE, sm.ModelData.from_asset(str(artifact))),
                sm.ContainerDefinition(IMAGE, sm.ModelData.from_asset(str(artifact))),
            ],
        )

    run(program)
    assert len(rec.of_type("aws:s3/bucketObjectv2:BucketObjectv2")) == 1
    urls = [c["modelDataUrl"] for c in rec.named("p-model").inputs["containers"]]
    assert urls[0] == urls[1]


def test_one_directory_twice_in_a_model_is_one_build(rec: RecordingMonitor, tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM scratch\n")

    def program() -> None:
        sm.Model(
            "p",
            containers=[
                sm.ContainerDefinition(sm.ContainerImage.from_asset(str(tmp_path))),
                sm.ContainerDefinition(sm.ContainerImage.from_asset(str(tmp_path))),
                sm.ContainerDefinition(
                    sm.ContainerImage.from_asset(str(tmp_path), platform="linux/arm64")
                ),
            ],
        )

    run(program)
    builds = rec.of_type("docker-build:index:Image")
    assert sorted(b.inputs["platforms"][0] for b in builds) == ["linux/amd64", "linux/arm64"]
    assert len(rec.of_type("aws:ecr/repository:Repository")) == 2


def test_dockerfile_option_is_used(rec: RecordingMonitor, tmp_path: Path) -> None:
    (tmp_path / "docker").mkdir()
    (tmp_path / "docker" / "Serve.Dockerfile").write_text("FROM scratch\n")
    image = sm.ContainerImage.from_asset(str(tmp_path), dockerfile="docker/Serve.Dockerfile")
    run(lambda: sm.Model("p", containers=[sm.ContainerDefinition(image)]))
    (build,) = rec.of_type("docker-build:index:Image")
    assert build.inputs["dockerfile"] == {"location": str(tmp_path / "docker" / "Serve.Dockerfile")}


def test_a_policy_name_is_used_once_per_target(rec: RecordingMonitor) -> None:
    def program() -> None:
        scaling = scalable()
        scaling.scale_on_invocations("rps", max_requests_per_second=10)
        with pytest.raises(ValidationError, match="a policy or scheduled action named 'rps'"):
            scaling.scale_on_invocations("rps", max_requests_per_second=20)
        scaling.scale_on_schedule("night", schedule="rate(1 day)", max_capacity=1)
        with pytest.raises(ValidationError, match="named 'night' already exists"):
            scaling.scale_on_schedule("night", schedule="rate(1 day)", max_capacity=2)

    run(program)
    assert len(rec.of_type("aws:appautoscaling/policy:Policy")) == 1
    assert len(rec.of_type("aws:appautoscaling/scheduledAction:ScheduledAction")) == 1


def test_step_scaling_checks_its_alarms_before_creating_policies(rec: RecordingMonitor) -> None:
    def program() -> None:
        scaling = scalable()
        with pytest.raises(
            ValidationError,
            match=r"out alarm: datapoints_to_alarm must be an integer from 1 to "
            r"evaluation_periods \(1\), got 3",
        ):
            scaling.scale_on_metric(
                "cpu",
                metric=sm.Metric(namespace="Custom", metric_name="Load"),
                steps=[sm.ScalingInterval(lower=70, change=1)],
                evaluation_periods=1,
                datapoints_to_alarm=3,
            )
        with pytest.raises(ValidationError, match="must lie below scale-out steps"):
            scaling.scale_on_metric(
                "overlap",
                metric=sm.Metric(namespace="Custom", metric_name="Load"),
                steps=[
                    sm.ScalingInterval(upper=80, change=-1),
                    sm.ScalingInterval(lower=70, change=1),
                ],
            )

    run(program)
    assert rec.of_type("aws:appautoscaling/policy:Policy") == []
    assert rec.of_type("aws:cloudwatch/metricAlarm:MetricAlarm") == []


def test_predefined_metric_must_fit_the_dimension(rec: RecordingMonitor) -> None:
    def program() -> None:
        with pytest.raises(
            ValidationError,
            match="predefined_metric must be one of SageMakerVariantInvocationsPerInstance, "
            "SageMakerVariantConcurrentRequestsPerModelHighResolution for "
            "sagemaker:variant:DesiredInstanceCount",
        ):
            scalable().scale_to_track_metric(
                "pc",
                target_value=0.5,
                predefined_metric="SageMakerVariantProvisionedConcurrencyUtilization",
            )

    run(program)
    assert rec.of_type("aws:appautoscaling/policy:Policy") == []


def test_grants_are_created_before_the_config_and_waited_for(rec: RecordingMonitor) -> None:
    def program() -> None:
        model = sm.Model("m", containers=[sm.ContainerDefinition(IMAGE)])
        other = sm.Model("o", containers=[sm.ContainerDefinition(IMAGE)])
        config = sm.EndpointConfig(
            "cfg",
            instance_production_variants=[
                sm.InstanceProductionVariant(model=model, variant_name="a")
            ],
            data_capture=sm.DataCapture("s3://captures/x"),
        )
        config.add_instance_production_variant(
            sm.InstanceProductionVariant(model=other, variant_name="b")
        )

    run(program)
    dependencies = rec.named("cfg-config").dependencies
    assert rec.named("m-policy-cfg-capture").urn in dependencies
    assert rec.named("o-policy-cfg-capture").urn in dependencies  # added after construction


def test_kms_aliases_cannot_be_granted() -> None:
    config_args = {
        "instance_production_variants": [
            sm.InstanceProductionVariant(model=sm.Model.from_model_name("m"), variant_name="v")
        ]
    }
    with pytest.raises(
        ValidationError, match=r"data_capture.kms_key must be an aws.kms.Key or a key ARN"
    ):
        sm.EndpointConfig(
            "c", data_capture=sm.DataCapture("s3://b/p", kms_key="alias/k"), **config_args
        )  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"async_inference.kms_key must be .* got '1234abcd'"):
        sm.EndpointConfig(
            "c", async_inference=sm.AsyncInference("s3://b/o", kms_key="1234abcd"), **config_args
        )  # type: ignore[arg-type]


def test_model_grant_names_are_unique(rec: RecordingMonitor) -> None:
    def program() -> None:
        model = sm.Model("m", containers=[sm.ContainerDefinition(IMAGE)])
        model.grant("extra", [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["*"]}])
        with pytest.raises(ValidationError, match="a grant named 'extra' already exists"):
            model.grant("extra", [])

    run(program)


def test_references_to_one_imported_endpoint_share_grants(rec: RecordingMonitor) -> None:
    def program() -> None:
        first = sm.Endpoint.from_endpoint_name("prod").grant_invoke("app-role")
        assert sm.Endpoint.from_endpoint_name("prod").grant_invoke("app-role") is first

    run(program)
    assert len(rec.of_type("aws:iam/rolePolicy:RolePolicy")) == 1


def test_math_expression_rules(rec: RecordingMonitor) -> None:
    metric = sm.Metric(namespace="Custom", metric_name="Load")

    def program() -> None:
        with pytest.raises(ValidationError, match="using_metrics id 'expression' is reserved"):
            sm.MathExpression("expression * 2", {"expression": metric}).create_alarm(
                "x", threshold=1, evaluation_periods=1
            )
        with pytest.raises(
            ValidationError, match=r"evaluation_periods x period must be at most one day"
        ):
            metric.with_(period=3600).create_alarm("y", threshold=1, evaluation_periods=25)
        metric.with_(period=3600).create_alarm("z", threshold=1, evaluation_periods=24)

    run(program)
    assert [a.name for a in rec.of_type("aws:cloudwatch/metricAlarm:MetricAlarm")] == ["z"]
