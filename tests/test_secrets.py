"""Secret environment values: never hashed into names, names never secret, a warning."""

from __future__ import annotations

import logging

import pulumi
import pytest
from pulumi.runtime.mocks import MockResourceArgs

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting._naming import SECRET_MARKER, content_name
from pulumi_sagemaker_hosting.testing import AwsMocks, RecordingMonitor, mocked_stack, run

IMAGE = sm.ContainerImage.from_ecr_repository("repo", "v1")
WARNING = "SageMaker environment variables are not a secret store"


def model_with(token: str, *, model_name: str | None = "svc", **env: str) -> None:
    sm.Model(
        "m",
        containers=[
            sm.ContainerDefinition(
                IMAGE, environment={"TOKEN": pulumi.Output.secret(token), "MODE": "fast", **env}
            )
        ],
        model_name=model_name,
    )


def registered_name(token: str, model_name: str | None = "svc") -> tuple[str, tuple[str, ...]]:
    with mocked_stack() as rec:
        run(lambda: model_with(token, model_name=model_name))
        model = rec.named("m-model")
        return model.inputs["name"], model.secret_inputs


def test_a_secret_does_not_feed_the_generated_name_nor_make_it_secret() -> None:
    first, first_secrets = registered_name("hunter2")
    second, _ = registered_name("correct horse battery staple")
    assert first == second  # the hash saw the marker, not the secret
    assert first.startswith("svc-") and len(first) == len("svc-") + 8
    assert "name" not in first_secrets  # the name is a plain value
    assert "primaryContainer" in first_secrets  # the environment itself stays secret


def test_the_hash_covers_the_marker_in_place_of_the_secret(rec: RecordingMonitor) -> None:
    run(lambda: model_with("hunter2"))
    model = rec.named("m-model")
    assert model.inputs["primaryContainer"]["environment"] == {"TOKEN": "hunter2", "MODE": "fast"}
    role_arn = rec.named("m-role").outputs["arn"]
    content = {
        "execution_role_arn": role_arn,
        "enable_network_isolation": None,
        "primary_container": {
            "image": model.inputs["primaryContainer"]["image"],
            "environment": {"TOKEN": SECRET_MARKER, "MODE": "fast"},
        },
    }
    assert model.inputs["name"] == content_name("svc", content)


def test_plain_values_still_change_the_name() -> None:
    with mocked_stack() as rec:
        run(lambda: model_with("s", MODE2="a"))
        first = rec.named("m-model").inputs["name"]
    with mocked_stack() as rec:
        run(lambda: model_with("s", MODE2="b"))
        assert rec.named("m-model").inputs["name"] != first


def test_one_warning_per_model_with_secret_environment(
    rec: RecordingMonitor, caplog: pytest.LogCaptureFixture
) -> None:
    def program() -> None:
        model_with("a", model_name=None, OTHER=pulumi.Output.secret("b"))  # type: ignore[arg-type]
        sm.Model(
            "plain",
            containers=[
                sm.ContainerDefinition(IMAGE, environment={"A": pulumi.Output.from_input("x")})
            ],
        )

    with caplog.at_level(logging.WARNING):
        run(program)
    warnings = [r.getMessage() for r in caplog.records if WARNING in r.getMessage()]
    assert len(warnings) == 1
    assert warnings[0].startswith("Model 'm': environment variable ")
    assert rec.named("plain-model").inputs["primaryContainer"]["environment"] == {"A": "x"}


def test_mocks_auto_name_unwraps_a_secret_name() -> None:
    mocks = AwsMocks()
    secret_name = {
        "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
        "value": "my-model",
    }
    args = MockResourceArgs(
        typ="aws:sagemaker/model:Model",
        name="m",
        inputs={"name": secret_name},
        provider="",
        resource_id="",
        custom=True,
    )
    resource_id, outputs = mocks.new_resource(args)
    assert resource_id == "my-model"
    assert outputs["arn"] == "arn:aws:sagemaker:us-east-1:123456789012:model/my-model"
