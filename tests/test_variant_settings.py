"""Instance-variant settings (routing, AMI, SSM, core dumps, managed scaling) and the config's
execution role: exact wire inputs, grants and validation (issue 10)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pulumi_aws as aws
import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting import ValidationError
from pulumi_sagemaker_hosting.testing import RecordingMonitor, run

CONFIG = "aws:sagemaker/endpointConfiguration:EndpointConfiguration"
IMAGE = sm.ContainerImage.from_ecr_repository("repo", "v1")
ROLE_ARN = "arn:aws:iam::123456789012:role/endpoint-role"
KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def model(name: str = "m") -> sm.Model:
    return sm.Model(name, containers=[sm.ContainerDefinition(image=IMAGE)])


def variant(m: sm.ModelReference, **settings: Any) -> sm.InstanceProductionVariant:
    return sm.InstanceProductionVariant(
        model=m, variant_name="v", instance_type="ml.g5.2xlarge", **settings
    )


def wire_variant(rec: RecordingMonitor) -> dict[str, Any]:
    (config,) = rec.of_type(CONFIG)
    (entry,) = config.inputs["productionVariants"]
    result: dict[str, Any] = entry
    return result


def statements(rec: RecordingMonitor, name: str) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = json.loads(rec.named(name).inputs["policy"])["Statement"]
    return result


def rejected(rec: RecordingMonitor, build: Callable[[], object], match: str) -> ValidationError:
    caught: list[ValidationError] = []

    def program() -> None:
        with pytest.raises(ValidationError, match=match) as info:
            build()
        caught.append(info.value)

    run(program)
    assert [r for r in rec.registrations if r.type == CONFIG] == []
    (error,) = caught
    return error


def test_every_setting_renders_in_pulumi_aws_shape(rec: RecordingMonitor) -> None:
    def program() -> None:
        sm.EndpointConfig(
            "cfg",
            instance_production_variants=[
                variant(
                    model(),
                    routing_strategy=sm.RoutingStrategy.LEAST_OUTSTANDING_REQUESTS,
                    inference_ami_version=sm.InferenceAmiVersion.AL2_GPU_3_1,
                    enable_ssm_access=True,
                    core_dump_config=sm.CoreDumpConfig("s3://dumps/llm/", kms_key=KEY_ARN),
                    managed_instance_scaling=sm.ManagedInstanceScaling(
                        min_instance_count=1, max_instance_count=4
                    ),
                )
            ],
        )

    run(program)
    entry = wire_variant(rec)
    assert entry["routingConfigs"] == [{"routingStrategy": "LEAST_OUTSTANDING_REQUESTS"}]
    assert entry["inferenceAmiVersion"] == "al2-ami-sagemaker-inference-gpu-3-1"
    assert entry["enableSsmAccess"] is True
    assert entry["coreDumpConfig"] == {"destinationS3Uri": "s3://dumps/llm/", "kmsKeyId": KEY_ARN}
    assert entry["managedInstanceScaling"] == {
        "status": "ENABLED",
        "minInstanceCount": 1.0,
        "maxInstanceCount": 4.0,
    }


def test_plain_strings_render_like_the_enums(rec: RecordingMonitor) -> None:
    def program() -> None:
        sm.EndpointConfig(
            "cfg",
            instance_production_variants=[
                variant(
                    sm.Model.from_model_name("imported"),
                    routing_strategy="RANDOM",
                    inference_ami_version="al2-ami-sagemaker-inference-neuron-2",
                    enable_ssm_access=False,
                    managed_instance_scaling=sm.ManagedInstanceScaling(max_instance_count=3),
                )
            ],
        )

    run(program)
    entry = wire_variant(rec)
    assert entry["routingConfigs"] == [{"routingStrategy": "RANDOM"}]
    assert entry["inferenceAmiVersion"] == "al2-ami-sagemaker-inference-neuron-2"
    assert entry["enableSsmAccess"] is False
    assert entry["managedInstanceScaling"] == {"status": "ENABLED", "maxInstanceCount": 3.0}
    assert "coreDumpConfig" not in entry


def test_kv_aware_routing_is_sent(rec: RecordingMonitor) -> None:
    run(
        lambda: sm.EndpointConfig(
            "cfg",
            instance_production_variants=[
                variant(sm.Model.from_model_name("x"), routing_strategy=sm.RoutingStrategy.KV_AWARE)
            ],
        )
    )
    assert wire_variant(rec)["routingConfigs"] == [{"routingStrategy": "KV_AWARE"}]


def test_prefix_aware_routing_is_refused_before_anything_registers(rec: RecordingMonitor) -> None:
    # AWS requires PrefixAwareRoutingConfig with PREFIX_AWARE; pulumi-aws cannot send it.
    error = rejected(
        rec,
        lambda: sm.EndpointConfig(
            "cfg",
            instance_production_variants=[
                variant(sm.Model.from_model_name("x"), routing_strategy="PREFIX_AWARE")
            ],
        ),
        "PREFIX_AWARE",
    )
    assert error.component == "EndpointConfig 'cfg'"
    (problem,) = error.problems
    assert "routing_strategy 'PREFIX_AWARE' needs a PrefixAwareRoutingConfig" in problem
    assert "use KV_AWARE, LEAST_OUTSTANDING_REQUESTS or RANDOM" in problem


def test_unset_settings_are_not_sent(rec: RecordingMonitor) -> None:
    run(lambda: sm.EndpointConfig("cfg", instance_production_variants=[variant(model())]))
    entry = wire_variant(rec)
    for absent in (
        "routingConfigs",
        "inferenceAmiVersion",
        "enableSsmAccess",
        "coreDumpConfig",
        "managedInstanceScaling",
    ):
        assert absent not in entry
    assert "executionRoleArn" not in rec.of_type(CONFIG)[0].inputs


def test_core_dumps_are_written_with_the_models_role_and_nothing_more(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        key = aws.kms.Key("key")
        sm.EndpointConfig(
            "cfg",
            instance_production_variants=[
                variant(model(), core_dump_config=sm.CoreDumpConfig("s3://dumps/a", kms_key=key))
            ],
        )

    run(program)
    key_arn = rec.named("key").outputs["arn"]
    assert wire_variant(rec)["coreDumpConfig"] == {
        "destinationS3Uri": "s3://dumps/a",
        "kmsKeyId": key_arn,
    }
    grant = rec.named("m-policy-cfg-v-core-dump")
    assert grant.parent_name == "m"
    assert grant.inputs["role"] == rec.named("m-role").outputs["name"]
    assert statements(rec, "m-policy-cfg-v-core-dump") == [
        {
            "Effect": "Allow",
            "Action": ["s3:PutObject", "s3:AbortMultipartUpload"],
            "Resource": ["arn:aws:s3:::dumps/a/*"],
            "Sid": "WriteCoreDumps",
        },
        {
            "Effect": "Allow",
            "Action": ["kms:Encrypt", "kms:GenerateDataKey", "kms:Decrypt"],
            "Resource": [key_arn],
            "Sid": "EncryptCoreDumps",
        },
    ]
    # The config waits for the grant: SageMaker writes as soon as a container crashes.
    assert grant.urn in rec.of_type(CONFIG)[0].dependencies


def test_core_dump_without_key_grants_only_the_write(rec: RecordingMonitor) -> None:
    run(
        lambda: sm.EndpointConfig(
            "cfg",
            instance_production_variants=[
                variant(model(), core_dump_config=sm.CoreDumpConfig("s3://dumps"))
            ],
        )
    )
    assert statements(rec, "m-policy-cfg-v-core-dump") == [
        {
            "Effect": "Allow",
            "Action": ["s3:PutObject", "s3:AbortMultipartUpload"],
            "Resource": ["arn:aws:s3:::dumps/*"],
            "Sid": "WriteCoreDumps",
        }
    ]


def test_imported_model_gets_no_core_dump_grant(rec: RecordingMonitor) -> None:
    run(
        lambda: sm.EndpointConfig(
            "cfg",
            instance_production_variants=[
                variant(
                    sm.Model.from_model_name("x"), core_dump_config=sm.CoreDumpConfig("s3://dumps")
                )
            ],
        )
    )
    assert rec.of_type("aws:iam/rolePolicy:RolePolicy") == []


def test_execution_role_renders_from_a_role_or_an_arn(rec: RecordingMonitor) -> None:
    def program() -> None:
        role = aws.iam.Role("endpoint-role", assume_role_policy="{}")
        sm.EndpointConfig(
            "a", instance_production_variants=[variant(model("ma"))], execution_role_arn=role
        )
        sm.EndpointConfig(
            "b", instance_production_variants=[variant(model("mb"))], execution_role_arn=ROLE_ARN
        )

    run(program)
    assert (
        rec.named("a-config").inputs["executionRoleArn"]
        == (rec.named("endpoint-role").outputs["arn"])
    )
    assert rec.named("b-config").inputs["executionRoleArn"] == ROLE_ARN


@pytest.mark.parametrize(
    ("settings", "match"),
    [
        ({"routing_strategy": "FASTEST"}, r"routing_strategy must be one of .* got 'FASTEST'"),
        ({"routing_strategy": "random"}, "routing_strategy must be one of"),
        (
            {"inference_ami_version": "ubuntu-22"},
            r"inference_ami_version must be one of al2-ami-sagemaker-inference-gpu-2, .* "
            r"got 'ubuntu-22'",
        ),
        (
            {"managed_instance_scaling": sm.ManagedInstanceScaling(1, 2**31)},
            r"managed_instance_scaling.max_instance_count must be an integer from 1 to "
            r"2147483647, got 2147483648",
        ),
        ({"enable_ssm_access": "yes"}, "enable_ssm_access must be a bool, got 'yes'"),
        (
            {"core_dump_config": sm.CoreDumpConfig("dumps/x")},
            r"core_dump_config.destination_s3_uri must be an s3://bucket/prefix URI",
        ),
        (
            {"core_dump_config": sm.CoreDumpConfig("s3://dumps", kms_key="alias/mine")},
            r"core_dump_config.kms_key must be an aws.kms.Key or a key ARN",
        ),
        ({"core_dump_config": "s3://dumps"}, "core_dump_config must be a CoreDumpConfig, got str"),
        (
            {"managed_instance_scaling": sm.ManagedInstanceScaling()},
            "managed_instance_scaling needs min_instance_count, max_instance_count or both",
        ),
        (
            {"managed_instance_scaling": sm.ManagedInstanceScaling(max_instance_count=0)},
            r"max_instance_count must be an integer >= 1, got 0",
        ),
        (
            {"managed_instance_scaling": sm.ManagedInstanceScaling(min_instance_count=-1)},
            r"min_instance_count must be an integer >= 0, got -1",
        ),
        (
            {"managed_instance_scaling": sm.ManagedInstanceScaling(1.5, 3)},
            r"min_instance_count must be an integer >= 0, got 1.5",
        ),
        (
            {"managed_instance_scaling": sm.ManagedInstanceScaling(3, 2)},
            r"min_instance_count \(3\) must be <= max_instance_count \(2\)",
        ),
        (
            {"managed_instance_scaling": sm.ManagedInstanceScaling(0, 2)},
            "min_instance_count 0 is only for endpoints that host inference components",
        ),
        (
            {"managed_instance_scaling": {"max_instance_count": 2}},
            "managed_instance_scaling must be a ManagedInstanceScaling, got dict",
        ),
    ],
)
def test_bad_settings_fail_before_anything_is_registered(
    rec: RecordingMonitor, settings: dict[str, Any], match: str
) -> None:
    error = rejected(
        rec,
        lambda: sm.EndpointConfig(
            "cfg", instance_production_variants=[variant(sm.Model.from_model_name("x"), **settings)]
        ),
        match,
    )
    assert error.component == "EndpointConfig 'cfg'"
    assert str(error).count("variant 'v'") == 1
    assert rec.registrations == []


@pytest.mark.parametrize(
    "role",
    ["endpoint-role", "arn:aws:iam::123:role/x", "arn:aws:iam::123456789012:user/me", ""],
)
def test_execution_role_must_be_a_role_arn(rec: RecordingMonitor, role: str) -> None:
    rejected(
        rec,
        lambda: sm.EndpointConfig(
            "cfg",
            instance_production_variants=[variant(sm.Model.from_model_name("x"))],
            execution_role_arn=role,
        ),
        "execution_role_arn must be an IAM role ARN",
    )
    assert rec.registrations == []


def test_shadow_variant_settings_render_too(rec: RecordingMonitor) -> None:
    def program() -> None:
        m = sm.Model.from_model_name("x")
        sm.EndpointConfig(
            "cfg",
            instance_production_variants=[variant(m)],
            shadow_production_variants=[
                sm.InstanceProductionVariant(
                    model=m,
                    variant_name="shadow",
                    instance_type="ml.m5.large",
                    routing_strategy=sm.RoutingStrategy.RANDOM,
                )
            ],
        )

    run(program)
    (config,) = rec.of_type(CONFIG)
    (shadow,) = config.inputs["shadowProductionVariants"]
    assert shadow["routingConfigs"] == [{"routingStrategy": "RANDOM"}]


def test_core_dumps_of_a_variant_without_a_model_are_written_with_the_configs_role(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        role = aws.iam.Role("endpoint-role", assume_role_policy="{}")
        sm.EndpointConfig(
            "cfg",
            instance_production_variants=[
                sm.InferenceComponentProductionVariant(
                    variant_name="v",
                    instance_type="ml.g5.12xlarge",
                    core_dump_config=sm.CoreDumpConfig("s3://dumps/ic"),
                    managed_instance_scaling=sm.ManagedInstanceScaling(
                        min_instance_count=0, max_instance_count=2
                    ),
                )
            ],
            execution_role_arn=role,
        )

    run(program)
    grant = rec.named("cfg-policy-v-core-dump")
    assert grant.parent_name == "cfg"
    assert grant.inputs["role"] == rec.named("endpoint-role").outputs["name"]
    assert statements(rec, "cfg-policy-v-core-dump") == [
        {
            "Effect": "Allow",
            "Action": ["s3:PutObject", "s3:AbortMultipartUpload"],
            "Resource": ["arn:aws:s3:::dumps/ic/*"],
            "Sid": "WriteCoreDumps",
        }
    ]
    entry = wire_variant(rec)
    assert "modelName" not in entry
    assert entry["managedInstanceScaling"] == {
        "status": "ENABLED",
        "minInstanceCount": 0,
        "maxInstanceCount": 2,
    }
    assert grant.urn in rec.of_type(CONFIG)[0].dependencies
