"""Serverless inference's feature exclusions, refused at construction and by the emulator.

https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html ("Feature
exclusions"): no VPC configuration, network isolation, data capture, multiple production
variants or inference pipelines (among others refused elsewhere: GPUs, async, shadows).
"""

from __future__ import annotations

from typing import Any

import pulumi_aws as aws
import pytest
from emulator_programs import IMAGE as URI
from emulator_programs import TRUST

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting import ValidationError
from pulumi_sagemaker_hosting.testing import (
    EmulatedStack,
    EmulatorError,
    RecordingMonitor,
    run,
)

IMAGE = sm.ContainerImage.from_ecr_repository("repo", "v1")
URL = "https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html"


def model(**kwargs: Any) -> sm.Model:
    containers = [sm.ContainerDefinition(IMAGE)] * kwargs.pop("containers", 1)
    return sm.Model("m", containers=containers, **kwargs)


def serverless(m: sm.ModelReference, **kwargs: Any) -> sm.EndpointConfig:
    variant = sm.ServerlessProductionVariant(
        model=m, variant_name="v", max_concurrency=2, memory_size_in_mb=2048
    )
    return sm.EndpointConfig("cfg", serverless_production_variant=variant, **kwargs)


@pytest.mark.parametrize(
    ("model_args", "what"),
    [
        ({"network_isolation": True}, "network isolation"),
        (
            {"vpc_subnet_ids": ["subnet-1"], "security_group_ids": ["sg-1"]},
            "a VPC configuration",
        ),
        ({"containers": 2}, "2 containers (an inference pipeline)"),
        (
            {"network_isolation": True, "containers": 3},
            "network isolation and 3 containers (an inference pipeline)",
        ),
    ],
)
def test_a_serverless_variant_refuses_a_model_it_cannot_serve(
    rec: RecordingMonitor, model_args: dict[str, Any], what: str
) -> None:
    def program() -> None:
        m = model(**model_args)
        registered = len(rec.registrations)
        with pytest.raises(ValidationError) as caught:
            serverless(m)
        assert str(caught.value) == (
            f"EndpointConfig 'cfg': serverless variant 'v' cannot serve Model 'm': it has "
            f"{what}, which serverless inference does not support ({URL})"
        )
        assert len(rec.registrations) == registered  # nothing of the config registered

    run(program)


def test_a_serverless_config_refuses_data_capture(rec: RecordingMonitor) -> None:
    def program() -> None:
        with pytest.raises(ValidationError) as caught:
            serverless(
                sm.Model.from_model_name("imported"),
                data_capture=sm.DataCapture("s3://captures/x"),
            )
        assert caught.value.problems == [
            f"data_capture is not supported with serverless variant 'v' (serverless inference "
            f"feature exclusions: {URL})"
        ]

    run(program)
    assert rec.registrations == []


def test_a_plain_model_and_an_imported_one_are_served(rec: RecordingMonitor) -> None:
    def program() -> None:
        serverless(model())

    run(program)
    assert rec.named("cfg-config").inputs["productionVariants"][0]["serverlessConfig"] == {
        "maxConcurrency": 2.0,
        "memorySizeInMb": 2048.0,
    }


# --- The emulator refuses what AWS refuses, whoever builds the request ------------------------


def raw_serverless(model_args: dict[str, Any] | None = None, **config: Any) -> None:
    role = aws.iam.Role("role", assume_role_policy=TRUST)
    containers = (model_args or {}).pop("containers", None)
    m = aws.sagemaker.Model(
        "model",
        execution_role_arn=role.arn,
        **(
            {"containers": [{"image": URI}] * containers}
            if containers
            else {"primary_container": {"image": URI}}
        ),
        **(model_args or {}),
    )
    variants = [
        {
            "model_name": m.name,
            "variant_name": "v",
            "serverless_config": {"max_concurrency": 2, "memory_size_in_mb": 2048},
        },
        *config.pop("extra", []),
    ]
    aws.sagemaker.EndpointConfiguration("config", production_variants=variants, **config)


@pytest.mark.parametrize(
    ("model_args", "config", "refusal"),
    [
        ({"enable_network_isolation": True}, {}, "has network isolation"),
        (
            {"vpc_config": {"subnets": ["subnet-1"], "security_group_ids": ["sg-1"]}},
            {},
            "has a VpcConfig",
        ),
        ({"containers": 2}, {}, "has 2 containers"),
        (
            {},
            {
                "data_capture_config": {
                    "initial_sampling_percentage": 100,
                    "destination_s3_uri": "s3://b/c",
                    "capture_options": [{"capture_mode": "Input"}],
                }
            },
            "DataCaptureConfig is not supported",
        ),
    ],
)
def test_the_emulator_refuses_the_exclusions(
    aws_emulator: EmulatedStack, model_args: dict[str, Any], config: dict[str, Any], refusal: str
) -> None:
    with pytest.raises(EmulatorError) as caught:
        aws_emulator.run(lambda: raw_serverless(dict(model_args), **config))
    assert caught.value.code == "ValidationException"
    assert refusal in caught.value.message and URL in caught.value.message
    assert (
        aws_emulator.emulator.client("sagemaker").list_endpoint_configs()["EndpointConfigs"] == []
    )


def test_the_emulator_accepts_a_plain_serverless_config(aws_emulator: EmulatedStack) -> None:
    aws_emulator.run(lambda: raw_serverless())
    listed = aws_emulator.emulator.client("sagemaker").list_endpoint_configs()["EndpointConfigs"]
    assert len(listed) == 1
    config = aws_emulator.emulator.describe_endpoint_config(listed[0]["EndpointConfigName"])
    assert config["ProductionVariants"][0]["ServerlessConfig"] == {
        "MaxConcurrency": 2,
        "MemorySizeInMB": 2048,
    }
