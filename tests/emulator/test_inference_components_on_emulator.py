"""Inference components as AWS (the emulator) receives them, and the mistakes it refuses."""

from __future__ import annotations

from typing import Any

import pulumi_aws as aws
import pulumi_aws_native as aws_native
import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting.testing import EmulatedStack, EmulatorError, emulated_stack

IMAGE = sm.ContainerImage.from_ecr_repository("tgi", "2.4")
NATIVE = "aws-native:sagemaker:InferenceComponent"


def ic_endpoint(*, with_model: bool = False) -> sm.Endpoint:
    variant = (
        sm.InstanceProductionVariant(
            model=sm.Model("served", containers=[sm.ContainerDefinition(image=IMAGE)]),
            variant_name="AllTraffic",
            instance_type="ml.g5.12xlarge",
        )
        if with_model
        else sm.InferenceComponentProductionVariant(
            variant_name="AllTraffic", instance_type="ml.g5.12xlarge", initial_instance_count=2
        )
    )
    config = sm.EndpointConfig("cfg", instance_production_variants=[variant])
    return sm.Endpoint("ep", endpoint_config=config)


def test_two_components_deploy_and_scale(aws_emulator: EmulatedStack) -> None:
    def program() -> None:
        endpoint = ic_endpoint()
        for name, gpus in (("llama", 2), ("mistral", 1)):
            ic = sm.InferenceComponent(
                name,
                endpoint=endpoint,
                container=sm.ContainerDefinition(image=IMAGE, environment={"HF_MODEL_ID": name}),
                compute=sm.ComputeRequirements(
                    min_memory_required_in_mb=8192, number_of_accelerator_devices_required=gpus
                ),
                startup_parameters=sm.StartupParameters(model_data_download_timeout=1200),
            )
            scaling = ic.auto_scale_copy_count(min_capacity=1, max_capacity=2)
            scaling.scale_on_concurrent_requests("concurrency", target_requests_per_copy=4)
            ic.metric_model_latency().create_alarm("slow", threshold=2e6, evaluation_periods=3)

    aws_emulator.run(program)
    emu, rec = aws_emulator.emulator, aws_emulator.recorder
    (endpoint_name,) = emu.endpoints()
    config = emu.describe_endpoint_config(
        emu.describe_endpoint(endpoint_name)["EndpointConfigName"]
    )
    assert [v.get("ModelName") for v in config["ProductionVariants"]] == [None]
    names = emu.inference_components()
    assert names == sorted(
        rec.named(f"{n}-component").outputs["inferenceComponentName"] for n in ("llama", "mistral")
    )
    llama = emu.describe_inference_component(
        rec.named("llama-component").outputs["inferenceComponentName"]
    )
    assert llama["InferenceComponentStatus"] == "InService"
    assert llama["EndpointName"] == endpoint_name
    assert llama["VariantName"] == "AllTraffic"
    assert llama["RuntimeConfig"] == {"DesiredCopyCount": 1, "CurrentCopyCount": 1}
    assert llama["Specification"] == {
        "ModelName": rec.named("llama-model-model").outputs["name"],
        "ComputeResourceRequirements": {
            "MinMemoryRequiredInMb": 8192,
            "NumberOfAcceleratorDevicesRequired": 2.0,
        },
        "StartupParameters": {"ModelDataDownloadTimeoutInSeconds": 1200},
    }
    assert (
        rec.named("llama-component").outputs["inferenceComponentArn"]
        == llama["InferenceComponentArn"]
    )
    targets = {
        t["ResourceId"]: (t["MinCapacity"], t["MaxCapacity"]) for t in emu.scalable_targets()
    }
    assert targets == {f"inference-component/{n}": (1, 2) for n in names}
    policies = emu.scaling_policies()
    assert sorted(p["ResourceId"] for p in policies) == [f"inference-component/{n}" for n in names]
    assert {
        p["TargetTrackingScalingPolicyConfiguration"]["PredefinedMetricSpecification"][
            "PredefinedMetricType"
        ]
        for p in policies
    } == {"SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution"}
    alarms = {a["AlarmName"]: a for a in emu.alarms()}
    slow = alarms[rec.named("llama-slow").outputs["name"]]
    assert slow["Dimensions"] == [
        {"Name": "InferenceComponentName", "Value": llama["InferenceComponentName"]}
    ]


def test_update_and_delete_follow_aws(aws_emulator: EmulatedStack) -> None:
    def program() -> None:
        sm.InferenceComponent(
            "llm",
            endpoint=ic_endpoint(),
            model=sm.Model("m", containers=[sm.ContainerDefinition(image=IMAGE)]),
            compute=sm.ComputeRequirements(min_memory_required_in_mb=1024),
            inference_component_name="llm",
        )

    aws_emulator.run(program)
    emu = aws_emulator.emulator
    emu.update_inference_component("llm", RuntimeConfig={"CopyCount": 3})
    assert emu.describe_inference_component("llm")["RuntimeConfig"] == {
        "DesiredCopyCount": 3,
        "CurrentCopyCount": 3,
    }
    with pytest.raises(EmulatorError, match=r"ParamValidation: .*CopyCount.*-1"):
        emu.update_inference_component("llm", RuntimeConfig={"CopyCount": -1})
    with pytest.raises(EmulatorError, match="ComputeResourceRequirements is required"):
        emu.update_inference_component("llm", Specification={"ModelName": "x"})
    emu.delete_inference_component("llm")
    assert emu.inference_components() == []
    with pytest.raises(EmulatorError, match="Could not find inference component 'llm'"):
        emu.describe_inference_component("llm")
    with pytest.raises(EmulatorError, match="Could not find inference component 'llm'"):
        emu.delete_inference_component("llm")


def native(endpoint: sm.Endpoint, **overrides: Any) -> None:
    """A raw aws-native inference component: no program-time checks, only AWS's."""
    spec: dict[str, Any] = {
        "model_name": sm.Model.from_model_name("missing").model_name,
        "compute_resource_requirements": {"min_memory_required_in_mb": 1024},
    }
    args: dict[str, Any] = {
        "endpoint_name": endpoint.endpoint_name,
        "variant_name": "AllTraffic",
        "specification": spec,
        "runtime_config": {"copy_count": 1},
        **overrides,
    }
    aws_native.sagemaker.InferenceComponent("raw", **args)


@pytest.mark.parametrize(
    ("build", "match"),
    [
        (
            lambda: native(ic_endpoint(with_model=True)),
            "whose variants \\['AllTraffic'\\] name a model",
        ),
        (lambda: native(ic_endpoint(), variant_name="Blue"), "Variant 'Blue' is not a variant"),
        (lambda: native(ic_endpoint()), "Could not find model 'missing'"),
        (
            lambda: native(ic_endpoint(), specification={"model_name": "m"}),
            "ComputeResourceRequirements is required",
        ),
        (
            lambda: native(
                ic_endpoint(),
                specification={
                    "model_name": "m",
                    "compute_resource_requirements": {"min_memory_required_in_mb": 64},
                },
            ),
            r"ParamValidation: .*MinMemoryRequiredInMb",
        ),
        (lambda: native(ic_endpoint(), endpoint_name="nope"), "Could not find endpoint 'nope'"),
    ],
    ids=[
        "config-with-model",
        "unknown-variant",
        "missing-model",
        "no-compute",
        "memory",
        "endpoint",
    ],
)
def test_aws_refuses_bad_components(build: Any, match: str) -> None:
    with emulated_stack() as stack, pytest.raises(EmulatorError, match=match) as caught:
        stack.run(build)
    assert (caught.value.resource_type, caught.value.name) == (NATIVE, "raw")


def test_a_name_is_taken_once() -> None:
    def program() -> None:
        endpoint = ic_endpoint()
        model = sm.Model("m", containers=[sm.ContainerDefinition(image=IMAGE)])
        for name in ("a", "b"):
            sm.InferenceComponent(
                name,
                endpoint=endpoint,
                model=model,
                compute=sm.ComputeRequirements(min_memory_required_in_mb=1024),
                inference_component_name="same",
            )

    with (
        emulated_stack() as stack,
        pytest.raises(EmulatorError, match="Cannot create already existing inference component"),
    ):
        stack.run(program)


def test_scaling_a_missing_component_is_refused() -> None:
    def program() -> None:
        aws.appautoscaling.Target(
            "target",
            service_namespace="sagemaker",
            scalable_dimension="sagemaker:inference-component:DesiredCopyCount",
            resource_id="inference-component/ghost",
            min_capacity=0,
            max_capacity=1,
        )

    with (
        emulated_stack() as stack,
        pytest.raises(
            EmulatorError, match="names inference component 'ghost', which does not exist"
        ),
    ):
        stack.run(program)


# --- LoRA adapters ---------------------------------------------------------------------------

ADAPTER_REFUSALS = [
    ({"BaseInferenceComponentName": "ghost"}, "Could not find base inference component 'ghost'"),
    (
        {"ComputeResourceRequirements": {"MinMemoryRequiredInMb": 1024}},
        "ComputeResourceRequirements must be omitted for an adapter",
    ),
    ({"ModelName": "m"}, "ModelName must be omitted for an adapter"),
    ({"Container": {}}, "An adapter inference component needs Container.ArtifactUrl"),
    (
        {"BaseInferenceComponentName": "llama-chinese"},
        r"Base inference component 'llama-chinese' is itself an adapter \(of 'llama'\)",
    ),
    ({"VariantName": "Blue"}, "Variant 'Blue' is not the variant of base inference component"),
    ({"EndpointName": "other"}, "Base inference component 'llama' is hosted on endpoint 'ep-"),
]


def test_an_adapter_deploys_in_service_and_aws_checks_adapters(
    aws_emulator: EmulatedStack,
) -> None:
    def program() -> None:
        llm = sm.InferenceComponent(
            "llm",
            endpoint=ic_endpoint(),
            container=sm.ContainerDefinition(image=IMAGE),
            compute=sm.ComputeRequirements(
                min_memory_required_in_mb=8192, number_of_accelerator_devices_required=1
            ),
            inference_component_name="llama",
        )
        llm.add_adapter(
            "chinese",
            artifact=sm.ModelData.from_bucket("adapters", "lora/chinese.tar.gz"),
            inference_component_name="llama-chinese",
        )
        variant = sm.InferenceComponentProductionVariant(
            variant_name="AllTraffic", instance_type="ml.g5.xlarge"
        )
        config = sm.EndpointConfig("other-cfg", instance_production_variants=[variant])
        sm.Endpoint("other", endpoint_config=config, endpoint_name="other")

    aws_emulator.run(program)
    emu, rec = aws_emulator.emulator, aws_emulator.recorder
    assert emu.inference_components() == ["llama", "llama-chinese"]
    endpoint_name = rec.named("ep-endpoint").outputs["name"]
    adapter = emu.describe_inference_component("llama-chinese")
    assert adapter["InferenceComponentStatus"] == "InService"
    assert adapter["EndpointName"] == endpoint_name
    assert adapter["VariantName"] == "AllTraffic"
    assert adapter["Specification"] == {
        "BaseInferenceComponentName": "llama",
        "Container": {"ArtifactUrl": "s3://adapters/lora/chinese.tar.gz"},
    }
    assert "RuntimeConfig" not in adapter  # the base's copies serve it
    assert (
        rec.named("chinese-component").outputs["inferenceComponentArn"]
        == (adapter["InferenceComponentArn"])
    )
    # What AWS refuses of an adapter (the deployed one is the base of none of these).
    for change, match in ADAPTER_REFUSALS:
        request: dict[str, Any] = {
            "EndpointName": endpoint_name,
            "Specification": {
                "BaseInferenceComponentName": "llama",
                "Container": {"ArtifactUrl": "s3://adapters/other.tar.gz"},
            },
        }
        for key, value in change.items():
            if key in ("VariantName", "EndpointName"):
                request[key] = value
            else:
                request["Specification"][key] = value
        with pytest.raises(EmulatorError, match=match):
            emu.create_inference_component("other", **request)
    assert emu.inference_components() == ["llama", "llama-chinese"]
