"""EndpointConfig: variants rendered exactly, validation, naming, imports (issue 4).

Mirrors the CDK alpha module's endpoint-config tests (reference §2.3, §4.3) where they make
sense for Pulumi; every validation failure must leave nothing registered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pulumi
import pulumi_aws as aws
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting import ValidationError
from pulumi_sagemaker_hosting.testing import RecordingMonitor, mocked_stack, run

CONFIG_TYPE = "sagemaker-hosting:index:EndpointConfig"
CONFIG_RESOURCE_TYPE = "aws:sagemaker/endpointConfiguration:EndpointConfiguration"
STACK_URN = "urn:pulumi:stack::project::pulumi:pulumi:Stack::project-stack"
CONFIG_URN_END = f"{CONFIG_TYPE}::cfg"
CONFIG_RESOURCE_URN_END = f"{CONFIG_TYPE}${CONFIG_RESOURCE_TYPE}::cfg-config"
ACCOUNT, REGION = "123456789012", "us-east-1"
HEALTH_WIRE = "containerStartupHealthCheckTimeoutInSeconds"

IPV = sm.InstanceProductionVariant
SPV = sm.ServerlessProductionVariant


def imported(name: str = "m") -> sm.ModelReference:
    """A model that registers nothing (so failed validations leave the recorder empty)."""
    return sm.Model.from_model_name(name)


def instance_entry(model_name: str, variant_name: str, **extra: Any) -> dict[str, Any]:
    """The wire shape of an instance variant with the defaults (t2.medium, 1 instance, 1.0)."""
    return {
        "modelName": model_name,
        "variantName": variant_name,
        "instanceType": "ml.t2.medium",
        "initialInstanceCount": 1.0,
        "initialVariantWeight": 1.0,
        **extra,
    }


def the_config(rec: RecordingMonitor) -> Any:
    """The one EndpointConfiguration registered."""
    (config,) = rec.of_type(CONFIG_RESOURCE_TYPE)
    return config


def assert_rejected(rec: RecordingMonitor, build: Callable[[], object], match: str) -> Any:
    """Run ``build`` as a program: it must raise ValidationError and register nothing."""
    caught: list[ValidationError] = []

    def program() -> None:
        with pytest.raises(ValidationError, match=match) as info:
            build()
        caught.append(info.value)

    run(program)
    assert rec.registrations == []
    (error,) = caught
    assert isinstance(error, ValueError)
    return error


# --- Rendering -----------------------------------------------------------------------------------


def test_one_instance_variant_with_defaults_renders_exactly(
    rec: RecordingMonitor, make_model: Callable[[str], sm.Model]
) -> None:
    def program() -> None:
        model = make_model("model")
        sm.EndpointConfig(
            "cfg",
            instance_production_variants=[
                IPV(
                    model=model,
                    variant_name="variant",
                    instance_type="ml.t2.medium",
                    initial_instance_count=1,
                    initial_variant_weight=1.0,
                    accelerator_type=None,
                    container_startup_health_check_timeout=None,
                    model_data_download_timeout=None,
                    volume_size_in_gb=None,
                )
            ],
            encryption_key=None,
            endpoint_config_name=None,
            tags=None,
        )

    run(program)
    component = rec.named("cfg")
    assert (component.type, component.custom, component.parent) == (CONFIG_TYPE, False, STACK_URN)
    assert component.urn.endswith(CONFIG_URN_END)
    config = the_config(rec)
    assert (config.name, config.custom) == ("cfg-config", True)
    assert config.urn.endswith(CONFIG_RESOURCE_URN_END)
    assert config.parent == component.urn
    assert config.parent_name == "cfg"
    sagemaker_model = rec.named("model-model")
    model_name = sagemaker_model.outputs["name"]
    assert config.inputs == {"productionVariants": [instance_entry(model_name, "variant")]}
    assert sagemaker_model.urn in config.dependencies
    # Replace-only resource: Pulumi must be free to create the new config before deleting.
    assert config.options["deleteBeforeReplace"] is False


def test_default_variant_values_are_t2_medium_one_instance_weight_one(
    rec: RecordingMonitor,
) -> None:
    run(lambda: sm.EndpointConfig("cfg", instance_production_variants=[IPV(imported(), "v")]))
    assert the_config(rec).inputs == {"productionVariants": [instance_entry("m", "v")]}


def test_every_optional_instance_field_renders_exactly(rec: RecordingMonitor) -> None:
    def program() -> None:
        sm.EndpointConfig(
            "cfg",
            instance_production_variants=[
                IPV(
                    model=imported(),
                    variant_name="full",
                    instance_type="ml.m5.large",
                    initial_instance_count=3,
                    initial_variant_weight=0.5,
                    accelerator_type="ml.eia2.medium",
                    container_startup_health_check_timeout=300,
                    model_data_download_timeout=1200,
                    volume_size_in_gb=30,
                )
            ],
        )

    run(program)
    assert the_config(rec).inputs == {
        "productionVariants": [
            {
                "modelName": "m",
                "variantName": "full",
                "instanceType": "ml.m5.large",
                "initialInstanceCount": 3.0,
                "initialVariantWeight": 0.5,
                "acceleratorType": "ml.eia2.medium",
                "containerStartupHealthCheckTimeoutInSeconds": 300.0,
                "modelDataDownloadTimeoutInSeconds": 1200.0,
                "volumeSizeInGb": 30.0,
            }
        ]
    }


def test_only_the_variant_with_a_timeout_carries_it(rec: RecordingMonitor) -> None:
    def program() -> None:
        sm.EndpointConfig(
            "cfg",
            instance_production_variants=[
                IPV(imported(), "a", container_startup_health_check_timeout=300),
                IPV(imported(), "b"),
            ],
        )

    run(program)
    assert the_config(rec).inputs["productionVariants"] == [
        instance_entry("m", "a", containerStartupHealthCheckTimeoutInSeconds=300.0),
        instance_entry("m", "b"),
    ]


@pytest.mark.parametrize(
    ("field", "value", "wire_key"),
    [
        ("container_startup_health_check_timeout", 60, HEALTH_WIRE),
        ("container_startup_health_check_timeout", 3600, HEALTH_WIRE),
        ("model_data_download_timeout", 60, "modelDataDownloadTimeoutInSeconds"),
        ("model_data_download_timeout", 3600, "modelDataDownloadTimeoutInSeconds"),
        ("volume_size_in_gb", 1, "volumeSizeInGb"),
        ("volume_size_in_gb", 512, "volumeSizeInGb"),
    ],
)
def test_inclusive_bounds_are_accepted(
    rec: RecordingMonitor, field: str, value: int, wire_key: str
) -> None:
    run(
        lambda: sm.EndpointConfig(
            "cfg", instance_production_variants=[IPV(imported(), "v", **{field: value})]
        )
    )
    assert the_config(rec).inputs == {
        "productionVariants": [instance_entry("m", "v", **{wire_key: float(value)})]
    }


def test_zero_weight_is_kept_not_replaced_by_the_default(rec: RecordingMonitor) -> None:
    # CDK's `weight || 1.0` quirk turns 0 into 1.0; "weight >= 0" means 0 is a real weight.
    run(
        lambda: sm.EndpointConfig(
            "cfg",
            instance_production_variants=[
                IPV(imported(), "live", initial_variant_weight=1.0),
                IPV(imported(), "shadow", initial_variant_weight=0.0),
            ],
        )
    )
    assert the_config(rec).inputs["productionVariants"] == [
        instance_entry("m", "live"),
        instance_entry("m", "shadow", initialVariantWeight=0.0),
    ]


def test_spec_spelling_production_variant_then_extra_variants_in_order(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        sm.EndpointConfig(
            "cfg",
            production_variant=IPV(imported("a"), "first", initial_variant_weight=2.0),
            extra_production_variants=[
                IPV(imported("b"), "second"),
                IPV(imported("c"), "third", instance_type="ml.c5.large"),
            ],
        )

    run(program)
    assert the_config(rec).inputs == {
        "productionVariants": [
            instance_entry("a", "first", initialVariantWeight=2.0),
            instance_entry("b", "second"),
            instance_entry("c", "third", instanceType="ml.c5.large"),
        ]
    }


def test_production_variant_alone_is_enough(rec: RecordingMonitor) -> None:
    run(lambda: sm.EndpointConfig("cfg", production_variant=IPV(imported(), "only")))
    assert the_config(rec).inputs == {"productionVariants": [instance_entry("m", "only")]}


def test_production_variants_property_lists_the_variants_in_order(rec: RecordingMonitor) -> None:
    seen: list[tuple[object, ...]] = []

    def program() -> None:
        first, second = IPV(imported(), "a"), IPV(imported(), "b")
        config = sm.EndpointConfig("cfg", production_variant=first)
        config.add_instance_production_variant(second)
        seen.append(tuple(config.production_variants))
        seen.append((first, second))

    run(program)
    assert seen[0] == seen[1]


def test_added_variant_appears_in_the_same_single_registration(
    rec: RecordingMonitor, make_model: Callable[[str], sm.Model]
) -> None:
    def program() -> None:
        config = sm.EndpointConfig(
            "cfg", instance_production_variants=[IPV(make_model("model"), "first")]
        )
        config.add_instance_production_variant(
            IPV(imported("other"), "second", instance_type="ml.m5.xlarge", initial_instance_count=2)
        )

    run(program)
    assert rec.types()[CONFIG_RESOURCE_TYPE] == 1
    assert rec.types()[CONFIG_TYPE] == 1
    model_name = rec.named("model-model").outputs["name"]
    assert the_config(rec).inputs == {
        "productionVariants": [
            instance_entry(model_name, "first"),
            instance_entry(
                "other", "second", instanceType="ml.m5.xlarge", initialInstanceCount=2.0
            ),
        ]
    }


def test_add_instance_production_variant_rejects_a_duplicate_name_and_keeps_the_config(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        config = sm.EndpointConfig("cfg", instance_production_variants=[IPV(imported(), "v")])
        with pytest.raises(
            ValidationError,
            match=re.escape(
                "EndpointConfig 'cfg': variant names must be unique, 'v' is used twice"
            ),
        ):
            config.add_instance_production_variant(IPV(imported("x"), "v"))

    run(program)
    assert the_config(rec).inputs == {"productionVariants": [instance_entry("m", "v")]}


def test_add_instance_production_variant_validates_the_variant(rec: RecordingMonitor) -> None:
    def program() -> None:
        config = sm.EndpointConfig("cfg", instance_production_variants=[IPV(imported(), "a")])
        with pytest.raises(ValidationError) as info:
            config.add_instance_production_variant(IPV(imported(), "b", initial_instance_count=0))
        assert str(info.value) == (
            "EndpointConfig 'cfg': variant 'b': initial_instance_count must be an integer "
            "from 1 to 2147483647, got 0"
        )

    run(program)
    assert the_config(rec).inputs == {"productionVariants": [instance_entry("m", "a")]}


def test_add_instance_production_variant_beyond_ten_is_rejected(rec: RecordingMonitor) -> None:
    def program() -> None:
        config = sm.EndpointConfig(
            "cfg", instance_production_variants=[IPV(imported(), f"v{i}") for i in range(10)]
        )
        with pytest.raises(
            ValidationError,
            match=re.escape(
                "EndpointConfig 'cfg': at most 10 production variants are allowed, got 11"
            ),
        ):
            config.add_instance_production_variant(IPV(imported(), "v10"))

    run(program)
    assert the_config(rec).inputs == {
        "productionVariants": [instance_entry("m", f"v{i}") for i in range(10)]
    }


def test_add_instance_variant_to_a_serverless_config_is_rejected(rec: RecordingMonitor) -> None:
    def program() -> None:
        config = sm.EndpointConfig(
            "cfg",
            serverless_production_variant=SPV(
                imported(), "s", max_concurrency=5, memory_size_in_mb=2048
            ),
        )
        with pytest.raises(
            ValidationError,
            match=re.escape(
                "EndpointConfig 'cfg': instance variants cannot be added to a serverless "
                "configuration"
            ),
        ):
            config.add_instance_production_variant(IPV(imported(), "i"))

    run(program)
    assert [v["variantName"] for v in the_config(rec).inputs["productionVariants"]] == ["s"]


# Regression: failed at f4e6169, add_instance_production_variant accepted a serverless variant.
def test_add_instance_production_variant_refuses_a_serverless_variant(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        config = sm.EndpointConfig("cfg", instance_production_variants=[IPV(imported(), "i")])
        with pytest.raises(
            ValidationError, match=r"(?is)^EndpointConfig 'cfg'.*variant 's'.*serverless"
        ):
            config.add_instance_production_variant(
                SPV(imported(), "s", max_concurrency=5, memory_size_in_mb=2048)  # type: ignore[arg-type]
            )

    run(program)
    assert the_config(rec).inputs == {"productionVariants": [instance_entry("m", "i")]}


# --- Serverless ----------------------------------------------------------------------------------


def test_serverless_variant_renders_exactly(rec: RecordingMonitor) -> None:
    def program() -> None:
        sm.EndpointConfig(
            "cfg",
            serverless_production_variant=SPV(
                model=imported("model"),
                variant_name="serverless-variant",
                max_concurrency=10,
                memory_size_in_mb=2048,
                provisioned_concurrency=5,
            ),
        )

    run(program)
    assert the_config(rec).inputs == {
        "productionVariants": [
            {
                "modelName": "model",
                "variantName": "serverless-variant",
                "initialVariantWeight": 1.0,
                "serverlessConfig": {
                    "maxConcurrency": 10.0,
                    "memorySizeInMb": 2048.0,
                    "provisionedConcurrency": 5.0,
                },
            }
        ]
    }


def test_serverless_variant_without_provisioned_concurrency_omits_it(
    rec: RecordingMonitor,
) -> None:
    run(
        lambda: sm.EndpointConfig(
            "cfg",
            serverless_production_variant=SPV(
                imported(),
                "s",
                max_concurrency=1,
                memory_size_in_mb=6144,
                provisioned_concurrency=None,
            ),
        )
    )
    assert the_config(rec).inputs == {
        "productionVariants": [
            {
                "modelName": "m",
                "variantName": "s",
                "initialVariantWeight": 1.0,
                "serverlessConfig": {"maxConcurrency": 1.0, "memorySizeInMb": 6144.0},
            }
        ]
    }


@pytest.mark.parametrize("memory", [1024, 2048, 3072, 4096, 5120, 6144])
def test_every_serverless_memory_size_is_accepted(rec: RecordingMonitor, memory: int) -> None:
    run(
        lambda: sm.EndpointConfig(
            "cfg",
            serverless_production_variant=SPV(
                imported(),
                "s",
                max_concurrency=200,
                memory_size_in_mb=memory,
                provisioned_concurrency=200,
            ),
        )
    )
    assert the_config(rec).inputs["productionVariants"][0]["serverlessConfig"] == {
        "maxConcurrency": 200.0,
        "memorySizeInMb": float(memory),
        "provisionedConcurrency": 200.0,
    }


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(
            lambda s: sm.EndpointConfig(
                "cfg",
                instance_production_variants=[IPV(imported(), "i")],
                serverless_production_variant=s,
            ),
            id="with-instance-list",
        ),
        pytest.param(
            lambda s: sm.EndpointConfig(
                "cfg", instance_production_variants=[], serverless_production_variant=s
            ),
            id="with-empty-instance-list",
        ),
        pytest.param(
            lambda s: sm.EndpointConfig(
                "cfg", production_variant=IPV(imported(), "i"), serverless_production_variant=s
            ),
            id="with-production-variant",
        ),
    ],
)
def test_serverless_is_never_combined_with_instance_variants(
    rec: RecordingMonitor, build: Callable[[sm.ServerlessProductionVariant], object]
) -> None:
    def attempt() -> object:
        return build(SPV(imported(), "s", max_concurrency=5, memory_size_in_mb=2048))

    assert_rejected(
        rec,
        attempt,
        re.escape(
            "EndpointConfig 'cfg': serverless_production_variant cannot be combined with "
            "instance variants"
        ),
    )


# Regression: failed at f4e6169, a serverless variant was accepted among the instance variants.
def test_serverless_variant_inside_the_instance_list_is_rejected(rec: RecordingMonitor) -> None:
    def attempt() -> object:
        return sm.EndpointConfig(
            "cfg",
            instance_production_variants=[
                IPV(imported(), "i"),
                SPV(imported(), "s", max_concurrency=5, memory_size_in_mb=2048),  # type: ignore[list-item]
            ],
        )

    assert_rejected(rec, attempt, r"(?is)^EndpointConfig 'cfg'.*variant 's'.*serverless")


# Regression: failed at f4e6169, two serverless variants were accepted via the instance list.
def test_two_serverless_variants_are_rejected(rec: RecordingMonitor) -> None:
    def attempt() -> object:
        return sm.EndpointConfig(
            "cfg",
            instance_production_variants=[
                SPV(imported(), "s1", max_concurrency=5, memory_size_in_mb=2048),  # type: ignore[list-item]
                SPV(imported(), "s2", max_concurrency=5, memory_size_in_mb=2048),  # type: ignore[list-item]
            ],
        )

    error = assert_rejected(rec, attempt, r"(?is)^EndpointConfig 'cfg'.*variant 's1'.*serverless")
    assert "variant 's2'" in str(error)


# --- Validation: one problem, one exact message --------------------------------------------------


HEALTH = "container_startup_health_check_timeout"
DOWNLOAD = "model_data_download_timeout"
SECONDS = "must be an integer from 60 to 3600"
TYPE_RULE = (
    "must be a SageMaker hosting instance type (closest: {}; InstanceType.of(name, "
    "check=False) for a type newer than this package)"
)
EIA_RULE = (
    "must be one of ml.eia1.medium, ml.eia1.large, ml.eia1.xlarge, ml.eia2.medium, "
    "ml.eia2.large, ml.eia2.xlarge"
)
COUNT_RULE = "must be an integer from 1 to 2147483647"
WEIGHT_RULE = "must be a number >= 0"
MEMORY_RULE = "must be one of 1024, 2048, 3072, 4096, 5120, 6144"


@pytest.mark.parametrize(
    ("field", "value", "rule"),
    [
        ("initial_instance_count", 0, COUNT_RULE),
        ("initial_instance_count", -3, COUNT_RULE),
        ("initial_instance_count", 1.5, COUNT_RULE),
        ("initial_variant_weight", -1.0, WEIGHT_RULE),
        ("initial_variant_weight", -0.001, WEIGHT_RULE),
        ("instance_type", "m5.large", TYPE_RULE.format("ml.r5.large, ml.m5.large, ml.c5.large")),
        (
            "instance_type",
            "ml.t3.medium",
            TYPE_RULE.format("ml.t2.medium, ml.r8g.medium, ml.m8g.medium"),
        ),
        (
            "accelerator_type",
            "eia1.medium",
            EIA_RULE,
        ),
        (
            "accelerator_type",
            "ml.m5.large",
            EIA_RULE,
        ),
        (HEALTH, 59, SECONDS),
        (HEALTH, 3601, SECONDS),
        (HEALTH, 30, SECONDS),
        (HEALTH, 7200, SECONDS),
        (DOWNLOAD, 59, SECONDS),
        (DOWNLOAD, 3601, SECONDS),
        ("volume_size_in_gb", 0, "must be an integer from 1 to 512"),
        ("volume_size_in_gb", 513, "must be an integer from 1 to 512"),
    ],
)
def test_instance_variant_problem_names_config_variant_and_value(
    rec: RecordingMonitor, field: str, value: object, rule: str
) -> None:
    expected = f"EndpointConfig 'cfg': variant 'v': {field} {rule}, got {value!r}"
    error = assert_rejected(
        rec,
        lambda: sm.EndpointConfig(
            "cfg", instance_production_variants=[IPV(imported(), "v", **{field: value})]
        ),
        re.escape(expected),
    )
    assert str(error) == expected
    assert error.component == "EndpointConfig 'cfg'"
    assert error.problems == [f"variant 'v': {field} {rule}, got {value!r}"]


@pytest.mark.parametrize(
    ("field", "value", "rule"),
    [
        ("max_concurrency", 0, "must be an integer from 1 to 200"),
        ("max_concurrency", 201, "must be an integer from 1 to 200"),
        ("memory_size_in_mb", 1500, MEMORY_RULE),
        ("memory_size_in_mb", 1536, MEMORY_RULE),
        ("memory_size_in_mb", 512, MEMORY_RULE),
        ("memory_size_in_mb", 7168, MEMORY_RULE),
        ("provisioned_concurrency", 0, "must be an integer from 1 to 200"),
        ("provisioned_concurrency", 201, "must be an integer from 1 to 200"),
        ("provisioned_concurrency", 15, "must be <= max_concurrency (10)"),
        ("provisioned_concurrency", 11, "must be <= max_concurrency (10)"),
        ("initial_variant_weight", -1, WEIGHT_RULE),
    ],
)
def test_serverless_variant_problem_names_config_variant_and_value(
    rec: RecordingMonitor, field: str, value: object, rule: str
) -> None:
    expected = f"EndpointConfig 'cfg': variant 'sv': {field} {rule}, got {value!r}"
    args: dict[str, Any] = {"max_concurrency": 10, "memory_size_in_mb": 2048, field: value}
    error = assert_rejected(
        rec,
        lambda: sm.EndpointConfig(
            "cfg", serverless_production_variant=SPV(imported(), "sv", **args)
        ),
        re.escape(expected),
    )
    assert str(error) == expected


def test_provisioned_concurrency_equal_to_max_is_accepted(rec: RecordingMonitor) -> None:
    run(
        lambda: sm.EndpointConfig(
            "cfg",
            serverless_production_variant=SPV(
                imported(),
                "s",
                max_concurrency=10,
                memory_size_in_mb=1024,
                provisioned_concurrency=10,
            ),
        )
    )
    assert the_config(rec).inputs["productionVariants"][0]["serverlessConfig"] == {
        "maxConcurrency": 10.0,
        "memorySizeInMb": 1024.0,
        "provisionedConcurrency": 10.0,
    }


@pytest.mark.parametrize(
    "bad", ["bad_name", "-lead", "trail-", "has space", "dot.ted", "x" * 64, ""]
)
def test_variant_names_must_be_acceptable_to_sagemaker(rec: RecordingMonitor, bad: str) -> None:
    error = assert_rejected(
        rec,
        lambda: sm.EndpointConfig("cfg", instance_production_variants=[IPV(imported(), bad)]),
        re.escape(f"EndpointConfig 'cfg': variant {bad!r}: variant_name must be 1-63 characters"),
    )
    assert str(error).endswith(f"got {bad!r}")


@pytest.mark.parametrize("good", ["a", "A-b--c9", "AllTraffic", "x" * 63])
def test_sagemaker_acceptable_variant_names_pass(rec: RecordingMonitor, good: str) -> None:
    run(lambda: sm.EndpointConfig("cfg", instance_production_variants=[IPV(imported(), good)]))
    assert the_config(rec).inputs == {"productionVariants": [instance_entry("m", good)]}


def test_no_variant_at_all_is_rejected(rec: RecordingMonitor) -> None:
    error = assert_rejected(
        rec,
        lambda: sm.EndpointConfig("cfg"),
        re.escape("EndpointConfig 'cfg': at least one production variant is required"),
    )
    assert error.problems == ["at least one production variant is required"]


def test_empty_instance_list_is_rejected(rec: RecordingMonitor) -> None:
    assert_rejected(
        rec,
        lambda: sm.EndpointConfig("cfg", instance_production_variants=[]),
        re.escape("EndpointConfig 'cfg': at least one production variant is required"),
    )


def test_ten_variants_are_accepted(rec: RecordingMonitor) -> None:
    run(
        lambda: sm.EndpointConfig(
            "cfg", instance_production_variants=[IPV(imported(), f"v{i}") for i in range(10)]
        )
    )
    assert the_config(rec).inputs == {
        "productionVariants": [instance_entry("m", f"v{i}") for i in range(10)]
    }


def test_eleven_variants_are_rejected(rec: RecordingMonitor) -> None:
    # CDK's case: one production variant plus ten extra ones.
    assert_rejected(
        rec,
        lambda: sm.EndpointConfig(
            "cfg",
            production_variant=IPV(imported(), "first"),
            extra_production_variants=[IPV(imported(), f"v{i}") for i in range(10)],
        ),
        re.escape("EndpointConfig 'cfg': at most 10 production variants are allowed, got 11"),
    )


def test_duplicate_variant_names_are_rejected(rec: RecordingMonitor) -> None:
    assert_rejected(
        rec,
        lambda: sm.EndpointConfig(
            "cfg",
            production_variant=IPV(imported(), "variant"),
            extra_production_variants=[IPV(imported("other"), "variant")],
        ),
        re.escape("EndpointConfig 'cfg': variant names must be unique, 'variant' is used twice"),
    )


def test_every_problem_of_one_config_is_reported_in_one_message(rec: RecordingMonitor) -> None:
    variants = [
        IPV(imported(), "dup", instance_type="m5.large", initial_instance_count=0),
        IPV(imported(), "dup", volume_size_in_gb=600),
        *[IPV(imported(), f"v{i}") for i in range(9)],
    ]
    error = assert_rejected(
        rec,
        lambda: sm.EndpointConfig(
            "cfg", instance_production_variants=variants, endpoint_config_name="bad_prefix"
        ),
        r"^EndpointConfig 'cfg': \n  - ",
    )
    expected = {
        "variant 'dup': instance_type must be a SageMaker hosting instance type (closest: "
        "ml.r5.large, ml.m5.large, ml.c5.large; InstanceType.of(name, check=False) for a type "
        "newer than this package), got 'm5.large'",
        "variant 'dup': initial_instance_count must be an integer from 1 to 2147483647, got 0",
        "variant 'dup': volume_size_in_gb must be an integer from 1 to 512, got 600",
        "at most 10 production variants are allowed, got 11",
        "variant names must be unique, 'dup' is used twice",
        "endpoint_config_name must be 1-36 characters of letters, digits and hyphens, starting "
        "and ending with a letter or digit (a unique suffix is added), got 'bad_prefix'",
    }
    assert len(error.problems) == len(expected)
    assert set(error.problems) == expected
    for problem in expected:
        assert f"\n  - {problem}" in str(error)


def test_every_problem_of_one_serverless_variant_is_reported_together(
    rec: RecordingMonitor,
) -> None:
    error = assert_rejected(
        rec,
        lambda: sm.EndpointConfig(
            "cfg",
            serverless_production_variant=SPV(
                imported(),
                "sv",
                max_concurrency=0,
                memory_size_in_mb=1500,
                provisioned_concurrency=201,
                initial_variant_weight=-1,
            ),
        ),
        r"^EndpointConfig 'cfg': \n  - variant 'sv': ",
    )
    assert sorted(error.problems) == sorted(
        [
            "variant 'sv': initial_variant_weight must be a number >= 0, got -1",
            "variant 'sv': max_concurrency must be an integer from 1 to 200, got 0",
            "variant 'sv': memory_size_in_mb must be one of 1024, 2048, 3072, 4096, 5120, 6144, "
            "got 1500",
            "variant 'sv': provisioned_concurrency must be an integer from 1 to 200, got 201",
        ]
    )


def test_instance_production_variants_cannot_be_combined_with_the_spec_spelling(
    rec: RecordingMonitor,
) -> None:
    assert_rejected(
        rec,
        lambda: sm.EndpointConfig(
            "cfg",
            instance_production_variants=[IPV(imported(), "a")],
            production_variant=IPV(imported(), "b"),
        ),
        re.escape(
            "EndpointConfig 'cfg': instance_production_variants cannot be combined with "
            "production_variant/extra_production_variants"
        ),
    )


def test_extra_production_variants_need_a_first_variant(rec: RecordingMonitor) -> None:
    assert_rejected(
        rec,
        lambda: sm.EndpointConfig("cfg", extra_production_variants=[IPV(imported(), "b")]),
        re.escape(
            "EndpointConfig 'cfg': extra_production_variants needs production_variant "
            "(the first variant)"
        ),
    )


def test_a_variant_of_the_wrong_type_is_rejected(rec: RecordingMonitor) -> None:
    assert_rejected(
        rec,
        lambda: sm.EndpointConfig(
            "cfg",
            instance_production_variants=[{"model": "m", "variant_name": "v"}],  # type: ignore[list-item]
        ),
        re.escape(
            "EndpointConfig 'cfg': variants must be InstanceProductionVariant or "
            "ServerlessProductionVariant, got dict"
        ),
    )


def test_a_model_that_is_not_a_model_reference_is_rejected(rec: RecordingMonitor) -> None:
    assert_rejected(
        rec,
        lambda: sm.EndpointConfig(
            "cfg",
            instance_production_variants=[IPV("my-model", "v")],  # type: ignore[arg-type]
        ),
        re.escape(
            "EndpointConfig 'cfg': variant 'v': model must be a Model or a "
            "Model.from_model_name/arn reference, got str"
        ),
    )


# Regression: failed at f4e6169, str() of the AcceleratorType str-Enum gave the member name.
def test_accelerator_type_constant_is_accepted_and_rendered_as_its_value(
    rec: RecordingMonitor,
) -> None:
    run(
        lambda: sm.EndpointConfig(
            "cfg",
            instance_production_variants=[
                IPV(imported(), "v", accelerator_type=sm.AcceleratorType.EIA1_MEDIUM)
            ],
        )
    )
    assert the_config(rec).inputs == {
        "productionVariants": [instance_entry("m", "v", acceleratorType="ml.eia1.medium")]
    }


# Regression: failed at f4e6169, NaN passed the `weight < 0` check.
def test_nan_weight_is_rejected(rec: RecordingMonitor) -> None:
    assert_rejected(
        rec,
        lambda: sm.EndpointConfig(
            "cfg",
            instance_production_variants=[
                IPV(imported(), "v", initial_variant_weight=float("nan"))
            ],
        ),
        re.escape(
            "EndpointConfig 'cfg': variant 'v': initial_variant_weight must be a finite number, "
            "got nan"
        ),
    )


# --- Naming and outputs --------------------------------------------------------------------------


def test_config_is_auto_named_and_outputs_resolve_to_the_generated_name(
    rec: RecordingMonitor,
) -> None:
    def program() -> pulumi.Output[None]:
        config = sm.EndpointConfig("cfg", instance_production_variants=[IPV(imported(), "v")])

        def check(values: list[str]) -> None:
            name, arn = values
            assert re.fullmatch(r"cfg-config-[0-9a-f]{7}", name)
            assert arn == f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:endpoint-config/{name}"

        return pulumi.Output.all(config.endpoint_config_name, config.endpoint_config_arn).apply(
            check
        )

    run(program)
    config = the_config(rec)
    assert "name" not in config.inputs
    assert "namePrefix" not in config.inputs
    assert config.inputs == {"productionVariants": [instance_entry("m", "v")]}
    name = config.outputs["name"]
    assert config.outputs["arn"] == f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:endpoint-config/{name}"


def test_endpoint_config_name_is_a_name_prefix(rec: RecordingMonitor) -> None:
    def program() -> pulumi.Output[None]:
        config = sm.EndpointConfig(
            "cfg",
            instance_production_variants=[IPV(imported(), "v")],
            endpoint_config_name="my-config",
        )
        return config.endpoint_config_name.apply(
            lambda name: None if re.fullmatch(r"my-config-[0-9a-f]{7}", name) else pytest.fail(name)
        )

    run(program)
    config = the_config(rec)
    assert config.inputs == {
        "productionVariants": [instance_entry("m", "v")],
        "namePrefix": "my-config-",
    }
    assert "name" not in config.inputs


def test_a_36_character_prefix_is_accepted(rec: RecordingMonitor) -> None:
    prefix = "p" * 36
    run(
        lambda: sm.EndpointConfig(
            "cfg", instance_production_variants=[IPV(imported(), "v")], endpoint_config_name=prefix
        )
    )
    # The provider appends 26 characters: 36 + "-" + 26 = 63, SageMaker's limit.
    assert the_config(rec).inputs["namePrefix"] == prefix + "-"
    assert len(prefix + "-") + 26 == 63


@pytest.mark.parametrize("bad", ["p" * 37, "my_config", "-lead", "trail-", ""])
def test_an_unusable_prefix_is_rejected(rec: RecordingMonitor, bad: str) -> None:
    error = assert_rejected(
        rec,
        lambda: sm.EndpointConfig(
            "cfg", instance_production_variants=[IPV(imported(), "v")], endpoint_config_name=bad
        ),
        re.escape("EndpointConfig 'cfg': endpoint_config_name must be 1-36 characters"),
    )
    assert str(error).endswith(f"got {bad!r}")


def test_encryption_key_arn_and_tags_render(rec: RecordingMonitor) -> None:
    key_arn = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    run(
        lambda: sm.EndpointConfig(
            "cfg",
            instance_production_variants=[IPV(imported(), "v")],
            encryption_key=key_arn,
            tags={"team": "ml", "env": "test"},
        )
    )
    assert the_config(rec).inputs == {
        "productionVariants": [instance_entry("m", "v")],
        "kmsKeyArn": key_arn,
        "tags": {"team": "ml", "env": "test"},
    }


def test_encryption_key_resource_renders_its_arn(rec: RecordingMonitor) -> None:
    def program() -> None:
        key = aws.kms.Key("key")
        sm.EndpointConfig(
            "cfg", instance_production_variants=[IPV(imported(), "v")], encryption_key=key
        )

    run(program)
    key = rec.named("key")
    config = the_config(rec)
    assert config.inputs == {
        "productionVariants": [instance_entry("m", "v")],
        "kmsKeyArn": key.outputs["arn"],
    }
    assert key.outputs["arn"].startswith(f"arn:aws:kms:{REGION}:{ACCOUNT}:key/")
    assert key.urn in config.dependencies


def test_an_empty_encryption_key_is_rejected(rec: RecordingMonitor) -> None:
    assert_rejected(
        rec,
        lambda: sm.EndpointConfig(
            "cfg", instance_production_variants=[IPV(imported(), "v")], encryption_key=""
        ),
        re.escape(
            "EndpointConfig 'cfg': encryption_key must be an aws.kms.Key or a KMS key ARN, id or "
            "alias, got ''"
        ),
    )


# --- Imports -------------------------------------------------------------------------------------


def test_from_endpoint_config_name(rec: RecordingMonitor) -> None:
    def program() -> pulumi.Output[None]:
        ref = sm.EndpointConfig.from_endpoint_config_name("my-name")
        assert ref.production_variants is None

        def check(values: list[str]) -> None:
            assert values == [
                "my-name",
                f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:endpoint-config/my-name",
            ]

        return pulumi.Output.all(ref.endpoint_config_name, ref.endpoint_config_arn).apply(check)

    run(program)
    assert rec.registrations == []


def test_from_endpoint_config_name_rejects_a_bad_name(rec: RecordingMonitor) -> None:
    assert_rejected(
        rec,
        lambda: sm.EndpointConfig.from_endpoint_config_name("bad_name"),
        re.escape("EndpointConfig.from_endpoint_config_name: name must be 1-63 characters")
        + ".*got 'bad_name'",
    )


def test_from_endpoint_config_arn(rec: RecordingMonitor) -> None:
    arn = "arn:aws:sagemaker:us-west-2:210987654321:endpoint-config/my-name"

    def program() -> pulumi.Output[None]:
        ref = sm.EndpointConfig.from_endpoint_config_arn(arn)
        assert ref.production_variants is None
        return pulumi.Output.all(ref.endpoint_config_name, ref.endpoint_config_arn).apply(
            lambda values: None if values == ["my-name", arn] else pytest.fail(repr(values))
        )

    run(program)
    assert rec.registrations == []


@pytest.mark.parametrize(
    "bad",
    [
        "my-name",
        "arn:aws:sagemaker:us-east-1:123456789012:endpoint/my-name",
        "arn:aws:sagemaker:us-east-1:123456789012:model/my-name",
        "arn:aws:s3:::bucket/endpoint-config/x",
        "arn:aws:sagemaker:us-east-1:endpoint-config/x",
    ],
)
def test_from_endpoint_config_arn_rejects_a_bad_arn(rec: RecordingMonitor, bad: str) -> None:
    error = assert_rejected(
        rec,
        lambda: sm.EndpointConfig.from_endpoint_config_arn(bad),
        re.escape(
            "EndpointConfig.from_endpoint_config_arn: arn must look like "
            "arn:<partition>:sagemaker:<region>:<account>:endpoint-config/<name>"
        ),
    )
    assert str(error).endswith(f"got {bad!r}")


# --- Properties (hypothesis): a fresh mocked stack per example -----------------------------------

INSTANCE_TYPES = ["ml.t2.medium", "ml.m5.large", "ml.c5.xlarge", "ml.g4dn.xlarge", "ml.inf1.xlarge"]


@settings(max_examples=25, deadline=None, database=None)
@given(
    weight=st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False),
    count=st.integers(min_value=1, max_value=10_000),
    instance_type=st.sampled_from(INSTANCE_TYPES),
)
def test_property_any_valid_weight_and_count_render_exactly(
    weight: float, count: int, instance_type: str
) -> None:
    with mocked_stack() as monitor:
        run(
            lambda: sm.EndpointConfig(
                "cfg",
                instance_production_variants=[
                    IPV(
                        imported(),
                        "v",
                        instance_type=instance_type,
                        initial_instance_count=count,
                        initial_variant_weight=weight,
                    )
                ],
            )
        )
        (config,) = monitor.of_type(CONFIG_RESOURCE_TYPE)
        assert config.inputs == {
            "productionVariants": [
                {
                    "modelName": "m",
                    "variantName": "v",
                    "instanceType": instance_type,
                    "initialInstanceCount": float(count),
                    "initialVariantWeight": weight,
                }
            ]
        }


@settings(max_examples=20, deadline=None, database=None)
@given(count=st.integers(max_value=0))
def test_property_any_count_below_one_raises_and_registers_nothing(count: int) -> None:
    with mocked_stack() as monitor:
        error = assert_rejected(
            monitor,
            lambda: sm.EndpointConfig(
                "cfg",
                instance_production_variants=[IPV(imported(), "v", initial_instance_count=count)],
            ),
            re.escape(
                f"EndpointConfig 'cfg': variant 'v': initial_instance_count must be an integer "
                f"from 1 to 2147483647, got {count}"
            ),
        )
        assert error.problems == [
            "variant 'v': initial_instance_count must be an integer from 1 to 2147483647, "
            f"got {count}"
        ]


@settings(max_examples=20, deadline=None, database=None)
@given(weight=st.floats(max_value=-1e-9, min_value=-1e9, allow_nan=False))
def test_property_any_negative_weight_raises(weight: float) -> None:
    with mocked_stack() as monitor:
        assert_rejected(
            monitor,
            lambda: sm.EndpointConfig(
                "cfg",
                instance_production_variants=[IPV(imported(), "v", initial_variant_weight=weight)],
            ),
            re.escape(
                f"EndpointConfig 'cfg': variant 'v': initial_variant_weight must be a number >= 0, "
                f"got {weight!r}"
            ),
        )


@settings(max_examples=25, deadline=None, database=None)
@given(
    memory=st.one_of(
        st.sampled_from([1024, 2048, 3072, 4096, 5120, 6144]),
        st.integers(min_value=-10_000, max_value=20_000),
    )
)
def test_property_serverless_memory_is_1024_to_6144_in_steps_of_1024(memory: int) -> None:
    valid = memory % 1024 == 0 and 1024 <= memory <= 6144

    def build() -> object:
        return sm.EndpointConfig(
            "cfg",
            serverless_production_variant=SPV(
                imported(), "s", max_concurrency=5, memory_size_in_mb=memory
            ),
        )

    with mocked_stack() as monitor:
        if valid:
            run(build)
            (config,) = monitor.of_type(CONFIG_RESOURCE_TYPE)
            assert config.inputs["productionVariants"][0]["serverlessConfig"] == {
                "maxConcurrency": 5.0,
                "memorySizeInMb": float(memory),
            }
        else:
            assert_rejected(
                monitor,
                build,
                re.escape("variant 's': memory_size_in_mb must be one of") + f".*got {memory}$",
            )
