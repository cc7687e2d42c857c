"""Inference components (issue 11): exact registrations, validation, scaling and metrics.

Every test builds an inference-component endpoint under the realistic mocks and asserts what
was registered: the ``aws-native:sagemaker:InferenceComponent`` inputs on the wire
(camelCase, numbers as floats), the Application Auto Scaling target and policies on
``inference-component/<name>``, and the alarms.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import Any

import pulumi
import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting import ValidationError
from pulumi_sagemaker_hosting.testing import RecordingMonitor, run

COMPONENT = "sagemaker-hosting:index:InferenceComponent"
NATIVE = "aws-native:sagemaker:InferenceComponent"
SCALABLE = "sagemaker-hosting:index:ScalableCopyCount"
TARGET = "aws:appautoscaling/target:Target"
POLICY = "aws:appautoscaling/policy:Policy"
ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"
CONFIG = "aws:sagemaker/endpointConfiguration:EndpointConfiguration"
COPY_COUNT = "sagemaker:inference-component:DesiredCopyCount"
SERVICE_LINKED_ROLE_ARN = (
    "arn:aws:iam::123456789012:role/aws-service-role/"
    "sagemaker.application-autoscaling.amazonaws.com/"
    "AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint"
)
ICV = sm.InferenceComponentProductionVariant
GPU2 = sm.ComputeRequirements(
    min_memory_required_in_mb=1024, number_of_accelerator_devices_required=2
)


def ic_endpoint(
    *variants: sm.InstanceProductionVariant, instance_type: str = "ml.g5.12xlarge", count: int = 1
) -> sm.Endpoint:
    chosen = variants or (
        ICV(variant_name="AllTraffic", instance_type=instance_type, initial_instance_count=count),
    )
    config = sm.EndpointConfig("cfg", instance_production_variants=list(chosen))
    return sm.Endpoint("ep", endpoint_config=config)


def component(
    endpoint: sm.Endpoint | None = None, name: str = "llm", **kwargs: Any
) -> sm.InferenceComponent:
    kwargs.setdefault("model", sm.Model.from_model_name("llama"))
    kwargs.setdefault("compute", GPU2)
    return sm.InferenceComponent(name, endpoint=endpoint or ic_endpoint(), **kwargs)


def generated_name(rec: RecordingMonitor, logical: str = "llm-component") -> str:
    name = rec.named(logical).outputs["inferenceComponentName"]
    assert isinstance(name, str) and name.startswith(f"{logical}-")
    return name


def ic_registrations(rec: RecordingMonitor) -> list[str]:
    kinds = (COMPONENT, NATIVE, SCALABLE, TARGET, POLICY, ALARM)
    return [r.name for r in rec.registrations if r.type in kinds]


def rejected(rec: RecordingMonitor, build: Callable[[], object], match: str) -> ValidationError:
    """Run ``build``: it must raise ValidationError and register no inference-component part."""
    caught: list[ValidationError] = []

    def program() -> None:
        with pytest.raises(ValidationError, match=match) as info:
            build()
        caught.append(info.value)

    run(program)
    assert ic_registrations(rec) == []
    return caught[0]


# --- the component and its registration ------------------------------------------------------


def test_component_registers_the_native_resource_with_exact_inputs(rec: RecordingMonitor) -> None:
    made: dict[str, Any] = {}

    def program() -> None:
        made["ic"] = component(copy_count=2)

    run(program)

    parent = rec.named("llm")
    assert parent.type == COMPONENT and parent.custom is False
    native = rec.named("llm-component")
    assert native.type == NATIVE
    assert native.parent == parent.urn
    assert rec.children_of(parent) == [native]
    assert native.inputs == {
        "endpointName": rec.named("ep-endpoint").outputs["name"],
        "variantName": "AllTraffic",
        "specification": {
            "modelName": "llama",
            "computeResourceRequirements": {
                "minMemoryRequiredInMb": 1024.0,
                "numberOfAcceleratorDevicesRequired": 2.0,
            },
        },
        "runtimeConfig": {"copyCount": 2.0},
    }
    assert rec.named("ep-endpoint").urn in native.dependencies
    ic = made["ic"]
    assert ic.copy_count == 2 and ic.compute == GPU2 and ic.variant.variant_name == "AllTraffic"


def test_every_option_reaches_the_wire(rec: RecordingMonitor) -> None:
    def program() -> None:
        component(
            compute=sm.ComputeRequirements(
                min_memory_required_in_mb=4096,
                max_memory_required_in_mb=8192,
                number_of_accelerator_devices_required=1,
                number_of_cpu_cores_required=2.5,
            ),
            startup_parameters=sm.StartupParameters(
                container_startup_health_check_timeout=900, model_data_download_timeout=1200
            ),
            inference_component_name="llama-3-8b",
            copy_count=3,
            tags={"team": "ml"},
        )

    run(program)

    native = rec.named("llm-component")
    assert native.inputs["inferenceComponentName"] == "llama-3-8b"
    assert native.inputs["specification"] == {
        "modelName": "llama",
        "computeResourceRequirements": {
            "minMemoryRequiredInMb": 4096.0,
            "maxMemoryRequiredInMb": 8192.0,
            "numberOfAcceleratorDevicesRequired": 1.0,
            "numberOfCpuCoresRequired": 2.5,
        },
        "startupParameters": {
            "containerStartupHealthCheckTimeoutInSeconds": 900.0,
            "modelDataDownloadTimeoutInSeconds": 1200.0,
        },
    }
    assert native.inputs["runtimeConfig"] == {"copyCount": 3.0}
    assert native.inputs["tags"] == [{"key": "team", "value": "ml"}]
    assert native.outputs["inferenceComponentArn"] == (
        "arn:aws:sagemaker:us-east-1:123456789012:inference-component/llama-3-8b"
    )
    assert native.outputs["inferenceComponentStatus"] == "InService"


def test_the_variant_renders_without_a_model(rec: RecordingMonitor) -> None:
    def program() -> None:
        ic_endpoint(
            ICV(
                variant_name="AllTraffic",
                instance_type="ml.g5.12xlarge",
                initial_instance_count=2,
                model_data_download_timeout=1800,
                container_startup_health_check_timeout=600,
                volume_size_in_gb=256,
            )
        )

    run(program)

    (config,) = rec.of_type(CONFIG)
    assert config.inputs["productionVariants"] == [
        {
            "variantName": "AllTraffic",
            "instanceType": "ml.g5.12xlarge",
            "initialInstanceCount": 2.0,
            "initialVariantWeight": 1.0,
            "modelDataDownloadTimeoutInSeconds": 1800.0,
            "containerStartupHealthCheckTimeoutInSeconds": 600.0,
            "volumeSizeInGb": 256.0,
        }
    ]


def test_an_inline_container_becomes_a_model_child(rec: RecordingMonitor) -> None:
    def program() -> None:
        component(
            model=None,
            container=sm.ContainerDefinition(
                image=sm.ContainerImage.from_ecr_repository("tgi", "2.4"),
                environment={"HF_MODEL_ID": "meta-llama/Llama-3.1-8B-Instruct"},
            ),
        )

    run(program)

    model = rec.named("llm-model")
    assert model.type == "sagemaker-hosting:index:Model"
    assert model.parent == rec.named("llm").urn
    (sagemaker_model,) = rec.of_type("aws:sagemaker/model:Model")
    assert sagemaker_model.inputs["primaryContainer"]["environment"] == {
        "HF_MODEL_ID": "meta-llama/Llama-3.1-8B-Instruct"
    }
    native = rec.named("llm-component")
    assert native.inputs["specification"]["modelName"] == sagemaker_model.outputs["name"]


def test_inline_container_takes_the_given_role(rec: RecordingMonitor) -> None:
    role = "arn:aws:iam::123456789012:role/llm-role"

    def program() -> None:
        component(
            model=None,
            role=role,
            container=sm.ContainerDefinition(
                image=sm.ContainerImage.from_ecr_repository("repo", "1")
            ),
        )

    run(program)

    (sagemaker_model,) = rec.of_type("aws:sagemaker/model:Model")
    assert sagemaker_model.inputs["executionRoleArn"] == role
    assert rec.of_type("aws:iam/role:Role") == []


def test_variant_name_picks_among_several_variants(rec: RecordingMonitor) -> None:
    def program() -> None:
        endpoint = ic_endpoint(
            ICV(variant_name="gpu", instance_type="ml.g5.12xlarge"),
            ICV(variant_name="cpu", instance_type="ml.m5.xlarge"),
        )
        component(
            endpoint,
            variant_name="cpu",
            compute=sm.ComputeRequirements(
                min_memory_required_in_mb=2048, number_of_cpu_cores_required=1
            ),
        )

    run(program)

    assert rec.named("llm-component").inputs["variantName"] == "cpu"


# --- validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"model": None}, "exactly one of model and container"),
        (
            {
                "container": sm.ContainerDefinition(
                    image=sm.ContainerImage.from_ecr_repository("repo", "1")
                )
            },
            "exactly one of model and container",
        ),
        (
            {"model": "llama"},
            "model must be a Model or a Model.from_model_name/arn reference, got str",
        ),
        ({"role": "arn:aws:iam::123456789012:role/r"}, "role applies only to an inline container"),
        (
            {"compute": {"min_memory_required_in_mb": 1}},
            "compute must be a ComputeRequirements, got dict",
        ),
        (
            {"compute": sm.ComputeRequirements(min_memory_required_in_mb=64)},
            r"compute.min_memory_required_in_mb must be an integer >= 128, got 64",
        ),
        (
            {
                "compute": sm.ComputeRequirements(
                    min_memory_required_in_mb=2048, max_memory_required_in_mb=1024
                )
            },
            r"compute.max_memory_required_in_mb \(1024\) must be >= "
            r"min_memory_required_in_mb \(2048\)",
        ),
        (
            {
                "compute": sm.ComputeRequirements(
                    min_memory_required_in_mb=1024, number_of_accelerator_devices_required=1.5
                )
            },  # type: ignore[arg-type]
            "number_of_accelerator_devices_required must be a whole number >= 1, got 1.5",
        ),
        (
            {
                "compute": sm.ComputeRequirements(
                    min_memory_required_in_mb=1024, number_of_cpu_cores_required=0.1
                )
            },
            "number_of_cpu_cores_required must be a number >= 0.25, got 0.1",
        ),
        (
            {"startup_parameters": sm.StartupParameters(model_data_download_timeout=30)},
            "startup_parameters.model_data_download_timeout must be 60 to 3600 seconds, got 30",
        ),
        (
            {
                "startup_parameters": sm.StartupParameters(
                    container_startup_health_check_timeout=4000
                )
            },
            "container_startup_health_check_timeout must be 60 to 3600 seconds, got 4000",
        ),
        (
            {"startup_parameters": sm.StartupParameters()},
            "startup_parameters needs at least one timeout",
        ),
        ({"startup_parameters": 600}, "startup_parameters must be a StartupParameters, got int"),
        (
            {"inference_component_name": "bad_name"},
            "inference_component_name must be 1-63 characters",
        ),
        ({"inference_component_name": 5}, "inference_component_name must be a str, got int"),
        ({"tags": ["team"]}, "tags must be a dict of tag names to values"),
        ({"tags": {"aws:team": "ml"}}, "aws:"),
        ({"variant_name": 5}, "variant_name 5 is not a variant of the endpoint"),
        ({"copy_count": -1}, "copy_count must be an integer >= 0, got -1"),
        ({"copy_count": 1.5}, "copy_count must be an integer >= 0, got 1.5"),
        ({"variant_name": "other"}, "variant_name 'other' is not a variant of the endpoint"),
        (
            {"copy_count": 0},
            r"copy_count 0 needs variant 'AllTraffic' to scale to zero instances "
            r"\(managed_instance_scaling",
        ),
    ],
)
def test_bad_arguments_are_rejected_before_anything_is_registered(
    rec: RecordingMonitor, kwargs: dict[str, Any], match: str
) -> None:
    error = rejected(rec, lambda: component(**kwargs), match)
    assert error.component == "InferenceComponent 'llm'"


@pytest.mark.parametrize(
    ("compute", "match"),
    [
        (
            sm.ComputeRequirements(
                min_memory_required_in_mb=1024, number_of_accelerator_devices_required=5
            ),
            "compute.number_of_accelerator_devices_required 5 exceeds the 4 accelerator",
        ),
        (
            sm.ComputeRequirements(min_memory_required_in_mb=200_000),
            "compute.min_memory_required_in_mb 200000 exceeds the 196608 MiB of one ml.g5.12xlarge",
        ),
        (
            sm.ComputeRequirements(min_memory_required_in_mb=1024, number_of_cpu_cores_required=64),
            "compute.number_of_cpu_cores_required 64 exceeds the 48 vCPUs of one ml.g5.12xlarge",
        ),
    ],
    ids=["accelerators", "memory", "cpus"],
)
def test_compute_must_fit_one_instance_of_the_variant(
    rec: RecordingMonitor, compute: sm.ComputeRequirements, match: str
) -> None:
    rejected(rec, lambda: component(compute=compute), match)


def test_copies_must_fit_the_variants_instances(rec: RecordingMonitor) -> None:
    rejected(
        rec,
        lambda: component(copy_count=3),
        r"copy_count 3 does not fit variant 'AllTraffic': one ml.g5.12xlarge holds 2 copies of "
        r"this compute, 1 instance\(s\) at most hold 2",
    )


def test_more_instances_hold_more_copies(rec: RecordingMonitor) -> None:
    run(lambda: component(ic_endpoint(count=2), copy_count=4))
    assert rec.named("llm-component").inputs["runtimeConfig"] == {"copyCount": 4.0}


def test_components_share_the_variants_accelerators(rec: RecordingMonitor) -> None:
    caught: list[ValidationError] = []

    def program() -> None:
        endpoint = ic_endpoint()
        component(endpoint, "a", copy_count=1)
        component(endpoint, "b", copy_count=1)  # 2 + 2 of 4 GPUs: fits
        with pytest.raises(ValidationError) as info:
            component(endpoint, "c", copy_count=1)
        caught.append(info.value)

    run(program)

    assert (
        "beside its other inference components: they reserve 4 accelerators, these "
        "copies 2, 1 ml.g5.12xlarge have 4" in str(caught[0])
    )
    assert sorted(r.name for r in rec.of_type(NATIVE)) == ["a-component", "b-component"]


def test_an_unknown_instance_type_skips_the_fit_check(rec: RecordingMonitor) -> None:
    huge = sm.ComputeRequirements(
        min_memory_required_in_mb=1024, number_of_accelerator_devices_required=16
    )
    run(lambda: component(ic_endpoint(instance_type="ml.p6-b200.48xlarge"), compute=huge))
    assert rec.named("llm-component").inputs["specification"]["computeResourceRequirements"] == {
        "minMemoryRequiredInMb": 1024.0,
        "numberOfAcceleratorDevicesRequired": 16.0,
    }


def test_the_endpoint_must_host_inference_components(rec: RecordingMonitor) -> None:
    caught: list[ValidationError] = []

    def program() -> None:
        config = sm.EndpointConfig(
            "cfg",
            instance_production_variants=[
                sm.InstanceProductionVariant(model=sm.Model.from_model_name("m"), variant_name="v")
            ],
        )
        endpoint = sm.Endpoint("ep", endpoint_config=config)
        with pytest.raises(ValidationError) as info:
            component(endpoint)
        caught.append(info.value)
        with pytest.raises(ValidationError, match="endpoint must be an Endpoint, got str"):
            sm.InferenceComponent(
                "x", endpoint="ep", model=sm.Model.from_model_name("m"), compute=GPU2
            )  # type: ignore[arg-type]

    run(program)

    assert "endpoint 'ep' serves no InferenceComponentProductionVariant" in str(caught[0])
    assert rec.of_type(NATIVE) == []


def test_several_variants_need_a_variant_name(rec: RecordingMonitor) -> None:
    def build() -> None:
        endpoint = ic_endpoint(
            ICV(variant_name="a", instance_type="ml.g5.12xlarge"),
            ICV(variant_name="b", instance_type="ml.g5.12xlarge"),
        )
        component(endpoint)

    rejected(rec, build, "variant_name is required: the endpoint has variants 'a', 'b'")


def test_a_missing_aws_native_names_the_extra(
    rec: RecordingMonitor, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_native(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("pulumi_aws_native"):
            raise ModuleNotFoundError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    import sys

    for module in [m for m in sys.modules if m.startswith("pulumi_aws_native")]:
        monkeypatch.delitem(sys.modules, module)
    monkeypatch.setattr(builtins, "__import__", no_native)
    error = rejected(
        rec, component, r"pip install 'pulumi-sagemaker-hosting\[inference-components\]'"
    )
    assert error.component == "InferenceComponent 'llm'"


# --- endpoint config rules ----------------------------------------------------------------------


def test_a_config_hosts_models_or_components_not_both(rec: RecordingMonitor) -> None:
    caught: list[ValidationError] = []

    def program() -> None:
        with pytest.raises(ValidationError) as info:
            sm.EndpointConfig(
                "cfg",
                instance_production_variants=[
                    ICV(variant_name="ic", instance_type="ml.g5.12xlarge"),
                    sm.InstanceProductionVariant(
                        model=sm.Model.from_model_name("m"), variant_name="v"
                    ),
                ],
            )
        caught.append(info.value)
        config = sm.EndpointConfig(
            "cfg2",
            instance_production_variants=[ICV(variant_name="ic", instance_type="ml.g5.12xlarge")],
        )
        with pytest.raises(ValidationError, match="variant\\(s\\) 'v' serve a model"):
            config.add_instance_production_variant(
                sm.InstanceProductionVariant(model=sm.Model.from_model_name("m"), variant_name="v")
            )

    run(program)

    assert (
        "a config hosts either models or inference components: variant(s) 'v' serve a "
        "model beside InferenceComponentProductionVariant 'ic'" in str(caught[0])
    )


def test_components_are_real_time_only(rec: RecordingMonitor) -> None:
    def build() -> None:
        sm.EndpointConfig(
            "cfg",
            instance_production_variants=[ICV(variant_name="ic", instance_type="ml.g5.12xlarge")],
            async_inference=sm.AsyncInference(output_path="s3://bucket/out"),
        )

    rejected(rec, build, "async_inference cannot serve inference components")


def test_an_inference_component_variant_takes_no_model(rec: RecordingMonitor) -> None:
    def build() -> None:
        sm.EndpointConfig(
            "cfg",
            instance_production_variants=[
                ICV(
                    variant_name="ic",
                    instance_type="ml.g5.12xlarge",
                    model=sm.Model.from_model_name("m"),
                )
            ],
        )

    rejected(rec, build, "an inference-component variant serves no model")


# --- auto scaling -------------------------------------------------------------------------------


def scaled(**capacity: int) -> sm.ScalableCopyCount:
    return component(ic_endpoint(count=2), copy_count=1).auto_scale_copy_count(**capacity)


def test_auto_scale_copy_count_registers_the_target(rec: RecordingMonitor) -> None:
    made: dict[str, Any] = {}

    def program() -> None:
        made["scaling"] = scaled(min_capacity=1, max_capacity=4)

    run(program)

    scaling = made["scaling"]
    assert isinstance(scaling, sm.ScalableCopyCount)
    owner = rec.named("llm-copy-count")
    assert owner.type == SCALABLE and owner.parent == rec.named("llm").urn
    (target,) = rec.of_type(TARGET)
    assert target.parent == owner.urn
    assert target.inputs == {
        "serviceNamespace": "sagemaker",
        "scalableDimension": COPY_COUNT,
        "resourceId": f"inference-component/{generated_name(rec)}",
        "roleArn": SERVICE_LINKED_ROLE_ARN,
        "minCapacity": 1.0,
        "maxCapacity": 4.0,
    }
    # The only dependency, carried by resource_id (read from the component's name): no
    # depends_on is needed for the target to wait for the component.
    assert target.dependencies == (rec.named("llm-component").urn,)


def test_a_copy_count_target_waits_for_what_depends_on_names(rec: RecordingMonitor) -> None:
    def program() -> None:
        ic = component(ic_endpoint(count=2), copy_count=1)
        gate = pulumi.CustomResource("test:index:Gate", "gate", {})
        sm.ScalableCopyCount(
            "direct",
            resource_id="inference-component/fixed",
            min_capacity=1,
            max_capacity=2,
            no_capacity_metric=ic.metric_no_capacity_invocation_failures(),
            depends_on=[gate],
        )

    run(program)
    target = rec.named("direct-target")
    assert target.inputs["resourceId"] == "inference-component/fixed"
    assert target.dependencies == (rec.named("gate").urn,)


def test_copy_count_bounds_default_to_the_copy_count(rec: RecordingMonitor) -> None:
    run(lambda: scaled())
    (target,) = rec.of_type(TARGET)
    assert (target.inputs["minCapacity"], target.inputs["maxCapacity"]) == (1.0, 1.0)


@pytest.mark.parametrize(
    ("capacity", "match"),
    [
        (
            {"max_capacity": 5},
            r"max_capacity 5 does not fit variant 'AllTraffic': "
            r"2 ml.g5.12xlarge hold at most 4 copies",
        ),
        (
            {"min_capacity": 2, "max_capacity": 3},
            r"min_capacity \(2\) and max_capacity \(3\) must bracket copy_count \(1\)",
        ),
        ({"min_capacity": -1}, "min_capacity must be an integer >= 0, got -1"),
        ({"max_capacity": 0}, "max_capacity must be an integer >= 1, got 0"),
        (
            {"min_capacity": 0, "max_capacity": 2},
            "min_capacity 0 needs variant 'AllTraffic' to scale to zero instances",
        ),
    ],
)
def test_bad_copy_count_bounds_are_rejected(
    rec: RecordingMonitor, capacity: dict[str, int], match: str
) -> None:
    caught: list[ValidationError] = []

    def program() -> None:
        ic = component(ic_endpoint(count=2))
        with pytest.raises(ValidationError, match=match) as info:
            ic.auto_scale_copy_count(**capacity)
        caught.append(info.value)

    run(program)
    assert caught[0].component == "InferenceComponent 'llm'"
    assert rec.of_type(TARGET) == []


def test_scaling_twice_is_refused(rec: RecordingMonitor) -> None:
    def program() -> None:
        ic = component()
        ic.auto_scale_copy_count()
        with pytest.raises(ValidationError, match="auto scaling is already enabled"):
            ic.auto_scale_copy_count()

    run(program)
    assert len(rec.of_type(TARGET)) == 1


def test_scale_on_invocations_tracks_invocations_per_copy(rec: RecordingMonitor) -> None:
    def program() -> None:
        scaled(max_capacity=4).scale_on_invocations(
            "rps",
            max_requests_per_second=2,
            safety_factor=0.75,
            scale_in_cooldown=600,
            scale_out_cooldown=60,
            disable_scale_in=True,
            policy_name="llm-rps",
        )

    run(program)

    (policy,) = rec.of_type(POLICY)
    assert policy.name == "llm-copy-count-rps"
    assert policy.parent == rec.named("llm-copy-count").urn
    assert policy.inputs == {
        "name": "llm-rps",
        "policyType": "TargetTrackingScaling",
        "serviceNamespace": "sagemaker",
        "scalableDimension": COPY_COUNT,
        "resourceId": f"inference-component/{generated_name(rec)}",
        "targetTrackingScalingPolicyConfiguration": {
            "targetValue": 90.0,
            "predefinedMetricSpecification": {
                "predefinedMetricType": "SageMakerInferenceComponentInvocationsPerCopy"
            },
            "scaleInCooldown": 600.0,
            "scaleOutCooldown": 60.0,
            "disableScaleIn": True,
        },
    }


def test_the_walkthroughs_target_tracking_policy_as_the_docstring_spells_it(
    rec: RecordingMonitor,
) -> None:
    # "Scale an endpoint to zero instances", step 2 of scaling in: InvocationsPerCopy at 1 with
    # 300-second cooldowns (scale_on_concurrent_requests' docstring gives this call).
    from pulumi_sagemaker_hosting.inference_component_scaling import INVOCATIONS_PER_COPY

    def program() -> None:
        scaled(min_capacity=1, max_capacity=2).scale_to_track_metric(
            "walkthrough",
            target_value=1,
            predefined_metric=INVOCATIONS_PER_COPY,
            scale_in_cooldown=300,
            scale_out_cooldown=300,
        )

    run(program)

    (policy,) = rec.of_type(POLICY)
    assert policy.inputs["targetTrackingScalingPolicyConfiguration"] == {
        "targetValue": 1.0,
        "predefinedMetricSpecification": {
            "predefinedMetricType": "SageMakerInferenceComponentInvocationsPerCopy"
        },
        "scaleInCooldown": 300.0,
        "scaleOutCooldown": 300.0,
    }


def test_scale_on_concurrent_requests_tracks_the_high_resolution_metric(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        scaled(max_capacity=4).scale_on_concurrent_requests(
            "concurrency",
            target_requests_per_copy=5,
            scale_in_cooldown=300,
            scale_out_cooldown=30,
            disable_scale_in=True,
            policy_name="llm-concurrency",
        )

    run(program)

    (policy,) = rec.of_type(POLICY)
    assert policy.inputs["targetTrackingScalingPolicyConfiguration"] == {
        "targetValue": 5.0,
        "predefinedMetricSpecification": {
            "predefinedMetricType": (
                "SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution"
            )
        },
        "scaleInCooldown": 300.0,
        "scaleOutCooldown": 30.0,
        "disableScaleIn": True,
    }
    assert policy.inputs["name"] == "llm-concurrency"


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (
            lambda s: s.scale_on_invocations("p", max_requests_per_second=0),
            "max_requests_per_second must be a finite number > 0",
        ),
        (
            lambda s: s.scale_on_invocations("p", max_requests_per_second=1, safety_factor=2),
            "safety_factor must be > 0 and <= 1",
        ),
        (
            lambda s: s.scale_on_concurrent_requests("p", target_requests_per_copy=0),
            "target_requests_per_copy must be > 0",
        ),
        (
            lambda s: s.scale_to_track_metric(
                "p", target_value=1, predefined_metric="SageMakerVariantInvocationsPerInstance"
            ),
            "predefined_metric must be one of SageMakerInferenceComponentInvocationsPerCopy",
        ),
        (lambda s: s.scale_out_from_zero(), "scale_out_from_zero needs min_capacity 0"),
    ],
    ids=["rps", "safety", "concurrency", "variant-metric", "from-zero-needs-zero"],
)
def test_bad_policies_are_rejected(
    rec: RecordingMonitor, call: Callable[[sm.ScalableCopyCount], object], match: str
) -> None:
    def program() -> None:
        scaling = scaled(max_capacity=2)
        with pytest.raises(ValidationError, match=match):
            call(scaling)

    run(program)
    assert rec.of_type(POLICY) == [] and rec.of_type(ALARM) == []


# --- metrics ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("helper", "namespace", "metric_name", "statistic"),
    [
        ("metric_invocations", "AWS/SageMaker", "Invocations", "Sum"),
        ("metric_invocations_per_copy", "AWS/SageMaker", "InvocationsPerCopy", "Sum"),
        ("metric_model_latency", "AWS/SageMaker", "ModelLatency", "Average"),
        ("metric_overhead_latency", "AWS/SageMaker", "OverheadLatency", "Average"),
        (
            "metric_no_capacity_invocation_failures",
            "AWS/SageMaker",
            "NoCapacityInvocationFailures",
            "Sum",
        ),
        (
            "metric_cpu_utilization",
            "/aws/sagemaker/InferenceComponents",
            "CPUUtilizationNormalized",
            "Average",
        ),
        (
            "metric_memory_utilization",
            "/aws/sagemaker/InferenceComponents",
            "MemoryUtilizationNormalized",
            "Average",
        ),
        (
            "metric_gpu_utilization",
            "/aws/sagemaker/InferenceComponents",
            "GPUUtilizationNormalized",
            "Average",
        ),
        (
            "metric_gpu_memory_utilization",
            "/aws/sagemaker/InferenceComponents",
            "GPUMemoryUtilizationNormalized",
            "Average",
        ),
    ],
)
def test_metric_helpers_alarm_on_the_components_dimension(
    rec: RecordingMonitor, helper: str, namespace: str, metric_name: str, statistic: str
) -> None:
    def program() -> None:
        ic = component()
        getattr(ic, helper)(period=60).create_alarm("alarm", threshold=5, evaluation_periods=2)

    run(program)

    (alarm,) = rec.of_type(ALARM)
    assert alarm.name == "llm-alarm"
    assert alarm.parent == rec.named("llm").urn
    assert alarm.inputs == {
        "namespace": namespace,
        "metricName": metric_name,
        "statistic": statistic,
        "period": 60.0,
        "dimensions": {"InferenceComponentName": generated_name(rec)},
        "comparisonOperator": "GreaterThanOrEqualToThreshold",
        "threshold": 5.0,
        "evaluationPeriods": 2.0,
    }


def test_error_metrics_by_response_code(rec: RecordingMonitor) -> None:
    def program() -> None:
        ic = component()
        metric = ic.metric_invocation_response_code(
            sm.InvocationHttpResponseCode.INVOCATION_5XX_ERRORS
        )
        assert (metric.metric_name, metric.statistic) == ("Invocation5XXErrors", "Sum")
        with pytest.raises(ValidationError, match="code must be one of Invocation4XXErrors"):
            ic.metric_invocation_response_code("Invocation3XXErrors")

    run(program)


# --- scale to zero (managed instance scaling, routing, execution role) ---------------------------

ROLE = "arn:aws:iam::123456789012:role/endpoint-role"


def zero_endpoint(max_instances: int = 2) -> sm.Endpoint:
    config = sm.EndpointConfig(
        "cfg",
        instance_production_variants=[
            ICV(
                variant_name="AllTraffic",
                instance_type="ml.g5.12xlarge",
                managed_instance_scaling=sm.ManagedInstanceScaling(
                    min_instance_count=0, max_instance_count=max_instances
                ),
                routing_strategy=sm.RoutingStrategy.LEAST_OUTSTANDING_REQUESTS,
            )
        ],
        execution_role_arn=ROLE,
    )
    return sm.Endpoint("ep", endpoint_config=config)


def test_the_config_renders_managed_scaling_routing_and_the_role(rec: RecordingMonitor) -> None:
    run(lambda: zero_endpoint())

    (config,) = rec.of_type(CONFIG)
    assert config.inputs["executionRoleArn"] == ROLE
    assert config.inputs["productionVariants"] == [
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


def test_copies_fit_the_managed_maximum_of_instances(rec: RecordingMonitor) -> None:
    caught: list[ValidationError] = []

    def program() -> None:
        endpoint = zero_endpoint(max_instances=2)
        component(endpoint, "a", copy_count=4)  # 2 per instance, 2 instances at most
        with pytest.raises(ValidationError) as info:
            component(endpoint, "b", copy_count=1)
        caught.append(info.value)

    run(program)

    assert "they reserve 8 accelerators, these copies 2, 2 ml.g5.12xlarge have 8" in str(caught[0])
    assert rec.named("a-component").inputs["runtimeConfig"] == {"copyCount": 4.0}


def test_zero_copies_where_the_variant_scales_to_zero(rec: RecordingMonitor) -> None:
    run(lambda: component(zero_endpoint(), copy_count=0))
    assert rec.named("llm-component").inputs["runtimeConfig"] == {"copyCount": 0.0}


def test_scale_to_zero_and_out_from_zero(rec: RecordingMonitor) -> None:
    made: dict[str, Any] = {}

    def program() -> None:
        scaling = component(zero_endpoint()).auto_scale_copy_count(min_capacity=0, max_capacity=2)
        made["zero"] = scaling.scale_out_from_zero()

    run(program)

    (target,) = rec.of_type(TARGET)
    assert (target.inputs["minCapacity"], target.inputs["maxCapacity"]) == (0.0, 2.0)
    owner = rec.named("llm-copy-count")
    policy = rec.named("llm-copy-count-scale-out-from-zero")
    assert policy.type == POLICY and policy.parent == owner.urn
    resource_id = f"inference-component/{generated_name(rec)}"
    assert policy.inputs == {
        "policyType": "StepScaling",
        "serviceNamespace": "sagemaker",
        "scalableDimension": COPY_COUNT,
        "resourceId": resource_id,
        "stepScalingPolicyConfiguration": {
            "adjustmentType": "ChangeInCapacity",
            "metricAggregationType": "Maximum",
            "cooldown": 60.0,
            "stepAdjustments": [{"metricIntervalLowerBound": "0", "scalingAdjustment": 1.0}],
        },
    }
    alarm = rec.named("llm-copy-count-scale-out-from-zero/alarm")
    assert alarm.type == ALARM and alarm.parent == owner.urn
    assert alarm.inputs == {
        "namespace": "AWS/SageMaker",
        "metricName": "NoCapacityInvocationFailures",
        "statistic": "Sum",
        "period": 60.0,
        "dimensions": {"InferenceComponentName": generated_name(rec)},
        "comparisonOperator": "GreaterThanOrEqualToThreshold",
        "threshold": 1.0,
        "evaluationPeriods": 1.0,
        "alarmActions": [policy.outputs["arn"]],
        "alarmDescription": "Scale llm-copy-count out from zero copies (scale-out-from-zero)",
    }
    assert made["zero"].policy is not None and made["zero"].alarm is not None


def test_scale_out_from_zero_options(rec: RecordingMonitor) -> None:
    def program() -> None:
        scaling = component(zero_endpoint()).auto_scale_copy_count(min_capacity=0, max_capacity=2)
        scaling.scale_out_from_zero(
            "wake", copies=2, cooldown=120, period=30, evaluation_periods=2, threshold=3
        )
        with pytest.raises(ValidationError, match="copies must be an integer >= 1, got 0"):
            scaling.scale_out_from_zero("bad", copies=0)
        with pytest.raises(ValidationError, match="'wake' already exists"):
            scaling.scale_out_from_zero("wake")
        with pytest.raises(ValidationError, match="threshold must be > 0, got 'x'"):
            scaling.scale_out_from_zero("bad", threshold="x")  # type: ignore[arg-type]

    run(program)

    policy = rec.named("llm-copy-count-wake")
    config = policy.inputs["stepScalingPolicyConfiguration"]
    assert config["cooldown"] == 120.0
    assert config["stepAdjustments"] == [
        {"metricIntervalLowerBound": "0", "scalingAdjustment": 2.0}
    ]
    alarm = rec.named("llm-copy-count-wake/alarm").inputs
    assert (alarm["period"], alarm["evaluationPeriods"], alarm["threshold"]) == (30.0, 2.0, 3.0)
    assert len(rec.of_type(POLICY)) == 1
