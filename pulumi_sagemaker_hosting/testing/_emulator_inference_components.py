"""SageMaker inference components, which moto does not emulate: create, describe, update, delete.

Requests are shaped and validated against botocore's model of ``CreateInferenceComponent``
(and Update/Describe/Delete), then checked as SageMaker checks them: the endpoint exists and
its config hosts inference components (no variant names a model), the variant exists, the
model exists, the name is free; an adapter's base exists on the same endpoint, is no adapter,
and the adapter takes no model or compute of its own. Components are InService at once,
their copies placed, as Pulumi (through Cloud Control) reports them once created.
https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateInferenceComponent.html
"""

from __future__ import annotations

import copy
import datetime
import threading
from typing import Any

from pulumi.runtime.mocks import MockResourceArgs

from ._emulator_core import Backend, EmulatorError, Json
from ._emulator_handlers import Handler, auto_name, where

KIND = "inference-components"
# Pulumi registers resources from several threads; SageMaker serializes calls on one name.
_LOCK = threading.RLock()
_TYPE = "aws-native:sagemaker:InferenceComponent"


def _store(be: Backend) -> dict[str, Json]:
    return be.extra.setdefault(KIND, {})


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def create(be: Backend, at: tuple[str, str], request: Json, region: str | None = None) -> Json:
    """CreateInferenceComponent: validate, check against the endpoint, store InService."""
    with _LOCK:
        return _create(be, at, request, region)


def _create(be: Backend, at: tuple[str, str], request: Json, region: str | None) -> Json:
    be.validate(at, "sagemaker", "CreateInferenceComponent", request)
    name = request["InferenceComponentName"]
    store = _store(be)
    if name in store:
        raise EmulatorError(
            *at,
            "ValidationException",
            f"Cannot create already existing inference component "
            f'"arn:aws:sagemaker:{region or be.region}:{be.account_id}:'
            f'inference-component/{name.lower()}".',
        )
    if ("Specification" in request) == ("Specifications" in request):
        raise EmulatorError(
            *at, "ValidationException", "Specify exactly one of Specification or Specifications"
        )
    endpoint = _endpoint(be, at, request["EndpointName"], region)
    spec = request.get("Specification") or {}
    if spec.get("BaseInferenceComponentName"):
        _check_specification(be, at, spec, region)
        variant = _adapter_variant(be, at, spec, endpoint, request.get("VariantName"))
    else:
        variant = _variant(be, at, endpoint, request.get("VariantName"), region)
        _check_specification(be, at, spec, region)
    if "RuntimeConfig" not in request and not spec.get("BaseInferenceComponentName"):
        raise EmulatorError(
            *at, "ValidationException", "RuntimeConfig is required for a non-adapter component"
        )
    arn = (
        f"arn:aws:sagemaker:{region or be.region}:{be.account_id}:"
        f"inference-component/{name.lower()}"
    )
    copies = (request.get("RuntimeConfig") or {}).get("CopyCount", 0)
    now = _now()
    store[name] = {
        "InferenceComponentName": name,
        "InferenceComponentArn": arn,
        "EndpointName": endpoint["EndpointName"],
        "EndpointArn": endpoint["EndpointArn"],
        "VariantName": variant,
        "Specification": copy.deepcopy(spec),
        "RuntimeConfig": {"DesiredCopyCount": copies, "CurrentCopyCount": copies},
        "CreationTime": now,
        "LastModifiedTime": now,
        "InferenceComponentStatus": "InService",
    }
    if spec.get("BaseInferenceComponentName") and "RuntimeConfig" not in request:
        # An adapter has no copies of its own: it is loaded onto the base's.
        del store[name]["RuntimeConfig"]
    if request.get("Tags"):
        store[name]["Tags"] = copy.deepcopy(request["Tags"])
    return {"InferenceComponentArn": arn}


def describe(be: Backend, at: tuple[str, str], name: str) -> Json:
    """DescribeInferenceComponent."""
    be.validate(at, "sagemaker", "DescribeInferenceComponent", {"InferenceComponentName": name})
    found = _store(be).get(name)
    if found is None:
        raise EmulatorError(
            *at, "ValidationException", f"Could not find inference component '{name}'."
        )
    described = copy.deepcopy(found)
    described.pop("Tags", None)
    return described


def update(be: Backend, at: tuple[str, str], request: Json, region: str | None = None) -> Json:
    """UpdateInferenceComponent: a new specification and/or copy count, InService again."""
    with _LOCK:
        return _update(be, at, request, region)


def _update(be: Backend, at: tuple[str, str], request: Json, region: str | None) -> Json:
    be.validate(at, "sagemaker", "UpdateInferenceComponent", request)
    name = request["InferenceComponentName"]
    found = _store(be).get(name)
    if found is None:
        raise EmulatorError(
            *at, "ValidationException", f"Could not find inference component '{name}'."
        )
    if "Specification" in request:
        _check_specification(be, at, request["Specification"], region)
        found["Specification"] = copy.deepcopy(request["Specification"])
    if "RuntimeConfig" in request:
        copies = request["RuntimeConfig"]["CopyCount"]
        found["RuntimeConfig"] = {"DesiredCopyCount": copies, "CurrentCopyCount": copies}
    found["LastModifiedTime"] = _now()
    return {"InferenceComponentArn": found["InferenceComponentArn"]}


def delete(be: Backend, at: tuple[str, str], name: str) -> None:
    """DeleteInferenceComponent."""
    be.validate(at, "sagemaker", "DeleteInferenceComponent", {"InferenceComponentName": name})
    if _store(be).pop(name, None) is None:
        raise EmulatorError(
            *at, "ValidationException", f"Could not find inference component '{name}'."
        )


def exists(be: Backend, name: str) -> bool:
    """Whether an inference component of that name exists."""
    return name in _store(be)


def _endpoint(be: Backend, at: tuple[str, str], name: str, region: str | None) -> Json:
    try:
        endpoint = be.send(at, "sagemaker", "DescribeEndpoint", {"EndpointName": name}, region)
    except EmulatorError:
        raise EmulatorError(
            *at, "ValidationException", f"Could not find endpoint '{name}'."
        ) from None
    if endpoint.get("EndpointStatus") != "InService":
        raise EmulatorError(
            *at,
            "ValidationException",
            f"Endpoint '{name}' is {endpoint.get('EndpointStatus')}, not InService",
        )
    return endpoint


def _variant(
    be: Backend, at: tuple[str, str], endpoint: Json, variant: str | None, region: str | None
) -> str:
    config_name = endpoint["EndpointConfigName"]
    config = be.send(
        at, "sagemaker", "DescribeEndpointConfig", {"EndpointConfigName": config_name}, region
    )
    variants = config.get("ProductionVariants", [])
    with_model = [v["VariantName"] for v in variants if v.get("ModelName")]
    if with_model:
        raise EmulatorError(
            *at,
            "ValidationException",
            f"Endpoint '{endpoint['EndpointName']}' uses endpoint config '{config_name}', "
            f"whose variants {with_model} name a model: inference components need a config "
            "whose variants name none",
        )
    names = [v["VariantName"] for v in variants]
    if variant is None:
        if len(names) != 1:
            raise EmulatorError(
                *at, "ValidationException", f"VariantName is required: variants are {names}"
            )
        return str(names[0])
    if variant not in names:
        raise EmulatorError(
            *at,
            "ValidationException",
            f"Variant '{variant}' is not a variant of endpoint '{endpoint['EndpointName']}' "
            f"(variants: {names})",
        )
    return variant


def _adapter_variant(
    be: Backend, at: tuple[str, str], spec: Json, endpoint: Json, variant: str | None
) -> str:
    """The variant of an adapter: its base's, on the same endpoint."""
    base = _store(be)[spec["BaseInferenceComponentName"]]
    if base["EndpointName"] != endpoint["EndpointName"]:
        raise EmulatorError(
            *at,
            "ValidationException",
            f"Base inference component '{base['InferenceComponentName']}' is hosted on "
            f"endpoint '{base['EndpointName']}', not '{endpoint['EndpointName']}'",
        )
    if variant is not None and variant != base["VariantName"]:
        raise EmulatorError(
            *at,
            "ValidationException",
            f"Variant '{variant}' is not the variant of base inference component "
            f"'{base['InferenceComponentName']}' ('{base['VariantName']}')",
        )
    return str(base["VariantName"])


def _check_adapter(be: Backend, at: tuple[str, str], spec: Json) -> None:
    """An adapter inference component: a base that serves a model, an artifact, nothing else.

    "Omit [ComputeResourceRequirements] if your request is meant to create an adapter
    inference component", whose Container gives the adapter's ArtifactUrl, on "an existing
    inference component that contains the foundation model":
    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InferenceComponentSpecification.html
    """
    base = spec["BaseInferenceComponentName"]
    found = _store(be).get(base)
    if found is None:
        raise EmulatorError(
            *at, "ValidationException", f"Could not find base inference component '{base}'."
        )
    if found["Specification"].get("BaseInferenceComponentName"):
        raise EmulatorError(
            *at,
            "ValidationException",
            f"Base inference component '{base}' is itself an adapter (of "
            f"'{found['Specification']['BaseInferenceComponentName']}'); an adapter needs a "
            "base that contains a model",
        )
    for field in ("ComputeResourceRequirements", "ModelName"):
        if field in spec:
            raise EmulatorError(
                *at,
                "ValidationException",
                f"{field} must be omitted for an adapter inference component (it uses the "
                f"resources of base inference component '{base}')",
            )
    if not (spec.get("Container") or {}).get("ArtifactUrl"):
        raise EmulatorError(
            *at,
            "ValidationException",
            "An adapter inference component needs Container.ArtifactUrl (the adapter's "
            "location in Amazon S3)",
        )


def _check_specification(be: Backend, at: tuple[str, str], spec: Json, region: str | None) -> None:
    base = spec.get("BaseInferenceComponentName")
    if base is None and "ComputeResourceRequirements" not in spec:
        raise EmulatorError(
            *at,
            "ValidationException",
            "ComputeResourceRequirements is required unless BaseInferenceComponentName is set",
        )
    if base is not None:
        _check_adapter(be, at, spec)
    compute = spec.get("ComputeResourceRequirements") or {}
    low, high = compute.get("MinMemoryRequiredInMb"), compute.get("MaxMemoryRequiredInMb")
    if low is not None and high is not None and high < low:
        raise EmulatorError(
            *at,
            "ValidationException",
            f"MaxMemoryRequiredInMb ({high}) must be >= MinMemoryRequiredInMb ({low})",
        )
    model = spec.get("ModelName")
    if model is None and base is None and not (spec.get("Container") or {}).get("Image"):
        raise EmulatorError(
            *at, "ValidationException", "Specification needs a ModelName or a Container image"
        )
    if model is not None:
        try:
            be.send(at, "sagemaker", "DescribeModel", {"ModelName": model}, region)
        except EmulatorError:
            raise EmulatorError(
                *at, "ValidationException", f"Could not find model '{model}'."
            ) from None


def inference_component(be: Backend, args: MockResourceArgs, inputs: Json) -> tuple[str, Json]:
    """``aws-native:sagemaker:InferenceComponent`` as CreateInferenceComponent."""
    name = auto_name(args, inputs, 63, name_key="inferenceComponentName")
    body: dict[str, Any] = {
        k: v for k, v in inputs.items() if k not in ("inferenceComponentName", "endpointArn")
    }
    body["inferenceComponentName"] = name
    request = be.shape("sagemaker", "CreateInferenceComponent", body, where(args))
    response = create(be, where(args), request)
    state = _store(be)[name]
    outputs: Json = {
        "inferenceComponentName": name,
        "inferenceComponentArn": response["InferenceComponentArn"],
        "inferenceComponentStatus": state["InferenceComponentStatus"],
        "endpointArn": state["EndpointArn"],
        "variantName": state["VariantName"],
        "creationTime": state["CreationTime"].isoformat(),
        "lastModifiedTime": state["LastModifiedTime"].isoformat(),
    }
    runtime = state.get("RuntimeConfig")
    if runtime is not None:  # an adapter has none
        outputs["runtimeConfig"] = {
            "copyCount": runtime["DesiredCopyCount"],
            "desiredCopyCount": runtime["DesiredCopyCount"],
            "currentCopyCount": runtime["CurrentCopyCount"],
        }
    return response["InferenceComponentArn"], outputs


HANDLERS: dict[str, Handler] = {_TYPE: inference_component}
