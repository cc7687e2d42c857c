"""The registrations -> Terraform JSON translator, without terraform (fast; default run)."""

from __future__ import annotations

import importlib.util
import inspect
from pathlib import Path

import pulumi_aws as aws
import pytest
from programs import EXAMPLES, NOT_IN_TERRAFORM, ROOT, example, record, stacks

from pulumi_sagemaker_hosting.testing import Registration
from pulumi_sagemaker_hosting.testing.terraform import Translation, translate
from pulumi_sagemaker_hosting.testing.terraform.references import escape
from pulumi_sagemaker_hosting.testing.terraform.schema import RESOURCE_TYPES, load
from pulumi_sagemaker_hosting.testing.terraform.tokens import snake, terraform_type
from pulumi_sagemaker_hosting.testing.terraform.translate import label
from pulumi_sagemaker_hosting.testing.terraform.versions import newer_arguments


@pytest.fixture(scope="module")
def every_stack() -> dict[str, Translation]:
    return stacks()


@pytest.fixture(scope="module")
def quickstart() -> Translation:
    return record(example("quickstart"), EXAMPLES / "quickstart")


def test_every_stack_translates_completely(every_stack: dict[str, Translation]) -> None:
    for name, translation in every_stack.items():
        assert translation.unmapped == [], name
        skipped = set(translation.skipped.values())
        if name == "container-images":
            assert len(skipped) == 1 and "docker-build" in skipped.pop()
        else:
            assert skipped == set(), name
    used = {a.split(".")[0] for t in every_stack.values() for a in t.addresses.values()}
    assert used <= set(RESOURCE_TYPES)


def test_inference_components_have_no_terraform_counterpart() -> None:
    assert set(NOT_IN_TERRAFORM) == {"inference-components"}
    translation = record(example("inference-components"), EXAMPLES / "inference-components")
    skipped = list(translation.skipped.values())
    # phi, qwen and the qwen-sql adapter.
    assert len(skipped) == 3 and all("aws-native" in reason for reason in skipped)
    assert translation.unmapped == []
    (variant,) = translation.body("llms-config")["production_variants"]
    assert "model_name" not in variant


def test_quickstart_bodies(quickstart: Translation) -> None:
    model = quickstart.body("sentiment-model")
    assert model["execution_role_arn"] == "${aws_iam_role.sentiment-role.arn}"
    assert model["primary_container"] == [
        {
            "environment": {
                "HF_MODEL_ID": "distilbert/distilbert-base-uncased-finetuned-sst-2-english",
                "HF_TASK": "text-classification",
            },
            "image": "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-inference:"
            "2.1.0-transformers4.37.0-cpu-py310-ubuntu22.04",
        }
    ]
    assert "name" not in model  # auto-named, as Pulumi would
    # Pulumi's explicit dependency on the role policy; the role is referenced already.
    assert model["depends_on"] == ["aws_iam_role_policy.sentiment-policy"]
    assert model["lifecycle"] == {"create_before_destroy": True}
    (variant,) = quickstart.body("sentiment-config")["production_variants"]
    assert variant == {
        "model_name": "${aws_sagemaker_model.sentiment-model.name}",
        "variant_name": "AllTraffic",
        "instance_type": "ml.m5.xlarge",
        "initial_instance_count": 1,
        "initial_variant_weight": 1,
        "container_startup_health_check_timeout_in_seconds": 600,
    }
    endpoint = quickstart.body("sentiment-endpoint")
    assert endpoint["endpoint_config_name"] == (
        "${aws_sagemaker_endpoint_configuration.sentiment-config.name}"
    )
    target = quickstart.body("sentiment-AllTraffic-instance-count-target")
    assert target["resource_id"] == (
        "endpoint/${aws_sagemaker_endpoint.sentiment-endpoint.name}/variant/AllTraffic"
    )
    assert (target["min_capacity"], target["max_capacity"]) == (1, 4)
    policy = quickstart.body("sentiment-AllTraffic-instance-count-LimitRPS")
    assert policy["target_tracking_scaling_policy_configuration"] == [
        {
            "predefined_metric_specification": [
                {"predefined_metric_type": "SageMakerVariantInvocationsPerInstance"}
            ],
            "target_value": 600,
        }
    ]
    assert policy["depends_on"] == [
        "aws_appautoscaling_target.sentiment-AllTraffic-instance-count-target"
    ]
    alarm = quickstart.body("sentiment-LatencyP99")
    # pulumi_aws's `name` is the provider's required `alarm_name`: Pulumi auto-named it.
    assert alarm["alarm_name"].startswith("sentiment-LatencyP99-")
    assert alarm["alarm_actions"] == ["${aws_sns_topic.sentiment-alerts.arn}"]
    assert alarm["dimensions"] == {
        "EndpointName": "${aws_sagemaker_endpoint.sentiment-endpoint.name}",
        "VariantName": "AllTraffic",
    }
    assert (alarm["threshold"], alarm["evaluation_periods"]) == (500000, 5)


def test_a_fixed_name_stays_a_literal_so_no_cycle_appears(
    every_stack: dict[str, Translation],
) -> None:
    guardrails = every_stack["guardrails"]
    endpoint = guardrails.body("Endpoint-endpoint")
    assert endpoint["name"] == "guardrails-demo"
    alarms = endpoint["deployment_config"][0]["auto_rollback_configuration"][0]["alarms"]
    assert len(alarms) == 3
    for alarm in guardrails.resources["aws_cloudwatch_metric_alarm"].values():
        assert alarm["dimensions"]["EndpointName"] == "guardrails-demo"
        assert "depends_on" not in alarm


def test_skipped_image_build_leaves_its_reference_literal(
    every_stack: dict[str, Translation],
) -> None:
    images = every_stack["container-images"]
    image = images.body("AssetImageModel-model")["primary_container"][0]["image"]
    (repository,) = [a for a in images.addresses.values() if a.startswith("aws_ecr_repository.")]
    # The recorded digest stays; the repository URL is the repository's (created by Terraform).
    prefix = "${" + repository + ".repository_url}@sha256:"
    assert image.startswith(prefix) and len(image) == len(prefix) + 64


def test_assets_become_absolute_paths(every_stack: dict[str, Translation]) -> None:
    (obj,) = every_stack["model-artifacts"].resources["aws_s3_object"].values()
    assert Path(obj["source"]).is_absolute() and Path(obj["source"]).is_file()
    assert obj["bucket"].startswith("${aws_s3_bucket.")


def test_unknown_inputs_and_types_are_reported() -> None:
    def reg(type_: str, name: str, inputs: dict[str, object]) -> Registration:
        return Registration(
            type_, name, f"urn:pulumi:s::p::{type_}::{name}", "", True, inputs, {}, ()
        )

    translation = translate(
        [
            reg("aws:sns/topic:Topic", "t", {"displayName": "x", "noSuchInput": 1}),
            reg("aws:sqs/queue:Queue", "q", {}),
            reg("docker-build:index:Image", "i", {}),
            reg("aws-native:sagemaker:InferenceComponent", "ic", {"endpointName": "e"}),
        ]
    )
    assert translation.unmapped == [
        "aws:sqs/queue:Queue 'q': the provider has no resource for it",
        "aws:sns/topic:Topic 't': noSuchInput: no attribute or block of that name",
    ]
    assert translation.body("t")["display_name"] == "x"
    assert list(translation.skipped) == [
        "urn:pulumi:s::p::docker-build:index:Image::i",
        "urn:pulumi:s::p::aws-native:sagemaker:InferenceComponent::ic",
    ]
    assert (
        "aws-native"
        in translation.skipped["urn:pulumi:s::p::aws-native:sagemaker:InferenceComponent::ic"]
    )


def test_names_and_escapes() -> None:
    assert snake("endpointConfiguration") == "endpoint_configuration"
    assert snake("scalableTargetARN") == "scalable_target_arn"
    assert terraform_type("aws:s3/bucketObjectv2:BucketObjectv2", load()) == "aws_s3_object"
    assert terraform_type("aws:cloudwatch/metricAlarm:MetricAlarm", load()) == (
        "aws_cloudwatch_metric_alarm"
    )
    assert terraform_type("aws:sagemaker/noSuch:NoSuch", load()) is None
    assert label("9lives.x") == "r_9lives_x"
    assert escape("a ${b} %{c}") == "a $${b} %%{c}"


def test_readme_is_rendered_from_the_template_and_rollout_table() -> None:
    spec = importlib.util.spec_from_file_location(
        "render_readme", ROOT / "scripts" / "render_readme.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.render() == (ROOT / "README.md").read_text()


def test_arguments_only_the_embedded_provider_has_are_skipped_by_name() -> None:
    """pulumi_aws 7 bridges provider v6; the mirror may be older (5.100 here)."""
    schema = load()
    newer = newer_arguments(
        "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
        "aws_sagemaker_endpoint_configuration",
        schema,
    )
    if schema.version.startswith("5."):
        # execution_role_arn (pulumi_aws 7.12, the floor) and region (7.0) are in every allowed
        # pulumi_aws; capacity_reservation_config only from 7.40 on (scripts/check-floors runs
        # this at the floor, the dev install at the newest).
        variant = inspect.signature(aws.sagemaker.EndpointConfigurationProductionVariantArgs)
        reservations = (
            {
                "production_variants.capacity_reservation_config",
                "shadow_production_variants.capacity_reservation_config",
            }
            if "capacity_reservation_config" in variant.parameters
            else set()
        )
        assert newer == {"execution_role_arn", "region", *reservations}
    urn = "urn:pulumi:s::p::aws:sns/topic:Topic::t"
    translation = translate(
        [Registration("aws:sns/topic:Topic", "t", urn, "", True, {"region": "us-east-1"}, {}, ())]
    )
    if schema.version.startswith("5."):
        assert translation.newer == ["aws:sns/topic:Topic 't': region"]
        assert translation.unmapped == []
        assert "region" not in translation.body("t")


def test_pluralised_list_attribute_maps() -> None:
    # pulumi_aws names the set `include_inference_response_in` includeInferenceResponseIns.
    from pulumi_sagemaker_hosting.testing.terraform.values import Converter

    block = load().block("aws_sagemaker_endpoint_configuration").nested("async_inference_config")
    notification = block.nested("output_config").nested("notification_config")
    converter = Converter(str, Path("."))
    assert converter.match(notification, "includeInferenceResponseIns") == (
        "include_inference_response_in"
    )
