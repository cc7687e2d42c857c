"""The emulator carries out SageMaker, scaling and alarm registrations against moto."""

from __future__ import annotations

import json

import pulumi
import pulumi_aws as aws
import pytest
from emulator_programs import ACCOUNT, IMAGE, VARIANT, hosting

from pulumi_sagemaker_hosting.testing import AwsEmulator, EmulatedStack, mocked_stack, run


def test_hosting_chain_is_live_and_outputs_are_aws_values(aws_emulator: EmulatedStack) -> None:
    aws_emulator.run(hosting)
    emu, rec = aws_emulator.emulator, aws_emulator.recorder

    endpoint = rec.named("endpoint").outputs
    assert (
        endpoint["name"].startswith("endpoint-") and len(endpoint["name"]) == len("endpoint-") + 7
    )
    assert endpoint["arn"] == f"arn:aws:sagemaker:us-east-1:{ACCOUNT}:endpoint/{endpoint['name']}"
    config_name = rec.named("config").outputs["name"]
    model_name = rec.named("model").outputs["name"]

    live = emu.describe_endpoint(endpoint["name"])
    assert live["EndpointStatus"] == "InService"
    assert live["EndpointConfigName"] == config_name
    assert live["ProductionVariants"][0]["VariantName"] == VARIANT
    assert live["ProductionVariants"][0]["CurrentInstanceCount"] == 2

    config = emu.describe_endpoint_config(config_name)
    variant = config["ProductionVariants"][0]
    assert variant["ModelName"] == model_name
    assert variant["InitialInstanceCount"] == 2  # sent as int, not pulumi's 2.0
    assert variant["InitialVariantWeight"] == 1.0
    model = emu.describe_model(model_name)
    assert model["PrimaryContainer"] == {"Image": IMAGE, "Environment": {"LOG_LEVEL": "info"}}
    assert model["ExecutionRoleArn"] == rec.named("role").outputs["arn"]

    (target,) = emu.scalable_targets()
    assert target["ResourceId"] == f"endpoint/{endpoint['name']}/variant/{VARIANT}"
    assert (target["MinCapacity"], target["MaxCapacity"]) == (1, 4)
    assert rec.named("target").outputs["arn"] == target["ScalableTargetARN"]


def test_model_extras_and_config_variants_reach_aws(aws_emulator: EmulatedStack) -> None:
    def program() -> None:
        role = aws.iam.Role("role", assume_role_policy=json.dumps({"Statement": []}))
        model = aws.sagemaker.Model(
            "pipeline",
            name="explicit-name",
            execution_role_arn=role.arn,
            containers=[
                {"image": IMAGE, "container_hostname": "pre", "model_data_url": "s3://b/m.tgz"},
                {
                    "image": IMAGE,
                    "container_hostname": "main",
                    "model_data_source": {
                        "s3_data_sources": [
                            {
                                "s3_uri": "s3://b/p/",
                                "s3_data_type": "S3Prefix",
                                "compression_type": "None",
                            }
                        ]
                    },
                },
            ],
            inference_execution_config={"mode": "Direct"},
            enable_network_isolation=True,
            vpc_config={"security_group_ids": ["sg-1"], "subnets": ["subnet-1"]},
        )
        # An instance variant: serverless inference refuses such a model and data capture.
        aws.sagemaker.EndpointConfiguration(
            "full",
            name_prefix="svc-",
            production_variants=[
                {
                    "model_name": model.name,
                    "instance_type": "ml.m5.large",
                    "initial_instance_count": 1,
                    "volume_size_in_gb": 4,
                }
            ],
            shadow_production_variants=[
                {
                    "model_name": model.name,
                    "variant_name": "shadow",
                    "instance_type": "ml.m5.large",
                    "initial_instance_count": 1,
                }
            ],
            data_capture_config={
                "destination_s3_uri": "s3://b/capture",
                "initial_sampling_percentage": 50,
                "capture_options": [{"capture_mode": "Input"}],
            },
            async_inference_config={"output_config": {"s3_output_path": "s3://b/out"}},
            kms_key_arn="arn:aws:kms:us-east-1:123456789012:key/k",
        )

    aws_emulator.run(program)
    emu, rec = aws_emulator.emulator, aws_emulator.recorder
    assert rec.named("pipeline").outputs["name"] == "explicit-name"
    model = emu.describe_model("explicit-name")
    assert [c["ContainerHostname"] for c in model["Containers"]] == ["pre", "main"]
    assert model["Containers"][1]["ModelDataSource"] == {
        "S3DataSource": {"S3Uri": "s3://b/p/", "S3DataType": "S3Prefix", "CompressionType": "None"}
    }
    assert model["InferenceExecutionConfig"] == {"Mode": "Direct"}
    assert model["EnableNetworkIsolation"] is True
    assert model["VpcConfig"] == {"SecurityGroupIds": ["sg-1"], "Subnets": ["subnet-1"]}

    name = rec.named("full").outputs["name"]
    assert name.startswith("svc-")
    config = emu.describe_endpoint_config(name)
    assert config["ProductionVariants"][0]["VariantName"] == "variant-1"
    assert config["ProductionVariants"][0]["VolumeSizeInGB"] == 4  # sent as VolumeSizeInGB
    assert config["ShadowProductionVariants"][0]["VariantName"] == "shadow"
    assert config["DataCaptureConfig"]["InitialSamplingPercentage"] == 50
    assert config["AsyncInferenceConfig"] == {"OutputConfig": {"S3OutputPath": "s3://b/out"}}
    assert config["KmsKeyId"] == "arn:aws:kms:us-east-1:123456789012:key/k"


def test_deployment_config_scaling_policies_scheduled_actions_and_alarms(
    aws_emulator: EmulatedStack,
) -> None:
    def program() -> None:
        res = hosting()
        target = res["target"]
        assert isinstance(target, aws.appautoscaling.Target)
        common = {
            "resource_id": target.resource_id,
            "scalable_dimension": target.scalable_dimension,
            "service_namespace": target.service_namespace,
        }
        aws.appautoscaling.Policy(
            "tracking",
            policy_type="TargetTrackingScaling",
            target_tracking_scaling_policy_configuration={
                "target_value": 70.0,
                "predefined_metric_specification": {
                    "predefined_metric_type": "SageMakerVariantInvocationsPerInstance"
                },
                "scale_in_cooldown": 300,
            },
            **common,
        )
        step = aws.appautoscaling.Policy(
            "step",
            policy_type="StepScaling",
            step_scaling_policy_configuration={
                "adjustment_type": "ChangeInCapacity",
                "cooldown": 60,
                "step_adjustments": [
                    {
                        "scaling_adjustment": 1,
                        "metric_interval_lower_bound": "0",
                        "metric_interval_upper_bound": "10.5",
                    },
                    {"scaling_adjustment": 2, "metric_interval_lower_bound": "10.5"},
                ],
            },
            **common,
        )
        aws.appautoscaling.ScheduledAction(
            "morning",
            schedule="cron(0 8 * * ? *)",
            scalable_target_action={"min_capacity": 2},
            **common,
        )
        endpoint = res["endpoint"]
        assert isinstance(endpoint, aws.sagemaker.Endpoint)
        aws.cloudwatch.MetricAlarm(
            "errors",
            comparison_operator="GreaterThanThreshold",
            evaluation_periods=2,
            threshold=5,
            namespace="AWS/SageMaker",
            metric_name="Invocation5XXErrors",
            statistic="Sum",
            period=60,
            dimensions={"EndpointName": endpoint.name, "VariantName": VARIANT},
            alarm_actions=[step.arn],
        )
        aws.cloudwatch.MetricAlarm(
            "latency-ratio",
            comparison_operator="GreaterThanOrEqualToThreshold",
            evaluation_periods=1,
            threshold=0.5,
            metric_queries=[
                {"id": "ratio", "expression": "errors / invocations", "return_data": True},
                {
                    "id": "errors",
                    "metric": {
                        "metric_name": "Invocation5XXErrors",
                        "namespace": "AWS/SageMaker",
                        "period": 60,
                        "stat": "Sum",
                        "dimensions": {"EndpointName": endpoint.name},
                    },
                },
                {
                    "id": "invocations",
                    "metric": {
                        "metric_name": "Invocations",
                        "namespace": "AWS/SageMaker",
                        "period": 60,
                        "stat": "Sum",
                    },
                },
            ],
        )

    aws_emulator.run(program)
    emu, rec = aws_emulator.emulator, aws_emulator.recorder
    endpoint = rec.named("endpoint").outputs["name"]
    resource_id = f"endpoint/{endpoint}/variant/{VARIANT}"

    policies = {p["PolicyName"]: p for p in emu.scaling_policies(resource_id)}
    tracking = policies[rec.named("tracking").outputs["name"]]
    assert tracking["TargetTrackingScalingPolicyConfiguration"]["TargetValue"] == 70.0
    assert tracking["TargetTrackingScalingPolicyConfiguration"]["ScaleInCooldown"] == 300
    step = policies[rec.named("step").outputs["name"]]
    assert step["StepScalingPolicyConfiguration"]["StepAdjustments"] == [
        {"MetricIntervalLowerBound": 0.0, "MetricIntervalUpperBound": 10.5, "ScalingAdjustment": 1},
        {"MetricIntervalLowerBound": 10.5, "ScalingAdjustment": 2},
    ]
    assert rec.named("step").outputs["arn"] == step["PolicyARN"]
    assert rec.named("step").outputs["alarmArns"] == []

    (action,) = emu.scheduled_actions()
    assert action["Schedule"] == "cron(0 8 * * ? *)"
    assert action["ScalableTargetAction"] == {"MinCapacity": 2}
    assert rec.named("morning").outputs["arn"] == action["ScheduledActionARN"]

    alarms = {a["AlarmName"]: a for a in emu.alarms()}
    errors = alarms[rec.named("errors").outputs["name"]]
    assert sorted(errors["Dimensions"], key=lambda d: d["Name"]) == [
        {"Name": "EndpointName", "Value": endpoint},
        {"Name": "VariantName", "Value": VARIANT},
    ]
    assert errors["AlarmActions"] == [step["PolicyARN"]]
    assert errors["EvaluationPeriods"] == 2
    assert rec.named("errors").outputs["arn"] == errors["AlarmArn"]
    ratio = alarms[rec.named("latency-ratio").outputs["name"]]
    metric_stat = ratio["Metrics"][1]["MetricStat"]
    assert metric_stat["Metric"]["Dimensions"] == [{"Name": "EndpointName", "Value": endpoint}]
    assert (metric_stat["Period"], metric_stat["Stat"]) == (60, "Sum")


def test_endpoint_deployment_config_and_serverless_scaling_dimension(
    aws_emulator: EmulatedStack,
) -> None:
    def program() -> None:
        role = aws.iam.Role("role", assume_role_policy=json.dumps({"Statement": []}))
        model = aws.sagemaker.Model(
            "model", execution_role_arn=role.arn, primary_container={"image": IMAGE}
        )
        config = aws.sagemaker.EndpointConfiguration(
            "config",
            production_variants=[
                {
                    "model_name": model.name,
                    "variant_name": VARIANT,
                    "serverless_config": {
                        "max_concurrency": 5,
                        "memory_size_in_mb": 2048,
                        "provisioned_concurrency": 1,
                    },
                }
            ],
        )
        endpoint = aws.sagemaker.Endpoint(
            "endpoint",
            endpoint_config_name=config.name,
            deployment_config={
                "blue_green_update_policy": {
                    "traffic_routing_configuration": {
                        "type": "CANARY",
                        "wait_interval_in_seconds": 300,
                        "canary_size": {"type": "CAPACITY_PERCENT", "value": 10},
                    }
                },
                "auto_rollback_configuration": {"alarms": [{"alarm_name": "errors"}]},
            },
        )
        aws.appautoscaling.Target(
            "target",
            service_namespace="sagemaker",
            # moto 5.2 alone rejects this dimension; AWS (and the emulator) accept it.
            scalable_dimension="sagemaker:variant:DesiredProvisionedConcurrency",
            resource_id=pulumi.Output.concat("endpoint/", endpoint.name, "/variant/", VARIANT),
            min_capacity=1,
            max_capacity=3,
        )

    aws_emulator.run(program)
    emu, rec = aws_emulator.emulator, aws_emulator.recorder
    live = emu.describe_endpoint(rec.named("endpoint").outputs["name"])
    assert live["EndpointStatus"] == "InService"
    routing = live["DeploymentConfig"]["BlueGreenUpdatePolicy"]["TrafficRoutingConfiguration"]
    assert routing == {
        "Type": "CANARY",
        "WaitIntervalInSeconds": 300,
        "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 10},
    }
    (target,) = emu.scalable_targets()
    assert target["ScalableDimension"] == "sagemaker:variant:DesiredProvisionedConcurrency"


def test_emulator_works_with_the_plain_harness_and_a_custom_account() -> None:
    with (
        AwsEmulator(account_id="111122223333", region="eu-west-1") as emu,
        mocked_stack(emu) as rec,
    ):
        run(hosting)
        arn = rec.named("model").outputs["arn"]
        assert arn.startswith("arn:aws:sagemaker:eu-west-1:111122223333:model/model-")
        assert emu.endpoints() == [rec.named("endpoint").outputs["name"]]


def test_each_activation_is_a_fresh_account() -> None:
    emu = AwsEmulator()
    with emu, mocked_stack(emu):
        run(hosting)
        assert len(emu.endpoints()) == 1
    with emu, mocked_stack(emu):
        assert emu.endpoints() == []
    with pytest.raises(RuntimeError, match="not running"):
        emu.client("sagemaker")
