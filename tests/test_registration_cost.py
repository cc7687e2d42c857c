"""What the SDK does per registration because of how our component classes are written.

After every registration the Pulumi SDK resolves the resource class's own annotations as
output types (``pulumi.runtime.rpc.resolve_outputs`` -> ``pulumi._types.resource_types`` ->
``typing.get_type_hints``, not cached), compiling each string annotation again: 1-3% of
the instructions one endpoint of the benchmark stack costs (``bench/instructions.py``). Our
components declare their outputs for type checkers and the reference docs only
(``if TYPE_CHECKING:``), so the SDK finds nothing to resolve. Counted, never timed.

The multi-language components (``provider/``) keep runtime annotations: the component
provider reads its schema's outputs from them.
"""

from __future__ import annotations

import inspect

import pulumi
import pulumi._types
import pytest

import pulumi_sagemaker_hosting as hosting
from pulumi_sagemaker_hosting.scaling import _ScalableAttribute

COMPONENTS = sorted(
    (
        obj
        for name in hosting.__all__
        if inspect.isclass(obj := getattr(hosting, name))
        and issubclass(obj, pulumi.ComponentResource)
    ),
    key=lambda cls: cls.__name__,
)


def test_every_public_component_is_covered() -> None:
    assert [cls.__name__ for cls in COMPONENTS] == [
        "Endpoint",
        "EndpointConfig",
        "InferenceComponent",
        "InferenceComponentAdapter",
        "Model",
        "ScalableCopyCount",
        "ScalableInstanceCount",
        "ScalableProvisionedConcurrency",
    ]


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda cls: cls.__name__)
def test_the_sdk_finds_no_annotations_to_resolve(component: type) -> None:
    assert inspect.get_annotations(component) == {}
    assert pulumi._types.resource_types(component) == {}


def test_the_base_of_the_scalable_attributes_is_never_registered_itself() -> None:
    # Its annotations are its subclasses' (inherited annotations are not resolved): harmless
    # as long as no registration has it as its exact class.
    assert inspect.get_annotations(_ScalableAttribute)
    assert "_ScalableAttribute" not in hosting.__all__


@pytest.mark.parametrize(
    ("component", "outputs"),
    [
        (hosting.Model, {"model_name", "model_arn", "role_arn", "role"}),
        (hosting.Endpoint, {"endpoint_name", "endpoint_arn", "invocation_url"}),
        (hosting.EndpointConfig, {"endpoint_config_name", "endpoint_config_arn"}),
        (
            hosting.InferenceComponent,
            {"inference_component_name", "inference_component_arn", "model"},
        ),
        (
            hosting.InferenceComponentAdapter,
            {"inference_component_name", "inference_component_arn", "artifact_url", "read_policy"},
        ),
    ],
    ids=lambda value: value.__name__ if isinstance(value, type) else "",
)
def test_outputs_are_still_declared_for_type_checkers_and_the_docs(
    component: type, outputs: set[str]
) -> None:
    # The declarations sit in the class body under ``if TYPE_CHECKING:`` (mypy and griffe read
    # them; the interpreter skips them): each is there, with its docstring on the next line.
    source = inspect.getsource(component)
    block = source.split("    if TYPE_CHECKING:\n", 1)[1].split("\n    def ", 1)[0]
    declared = {
        line.strip().split(":", 1)[0]
        for line in block.splitlines()
        if line.startswith("        ") and not line.strip().startswith(('"""', "#"))
    }
    assert declared == outputs
    assert block.count('"""') == 2 * len(outputs)
