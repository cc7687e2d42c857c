"""The InferenceComponent component: one model on a shared inference-component endpoint.

An inference component names its model, the compute each copy reserves and how many copies
run; SageMaker places the copies on the endpoint variant's instances, and the component
scales on its own, down to zero copies. Registered as ``aws-native:sagemaker:InferenceComponent``
(pulumi-aws-native, an optional extra): https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sagemaker-inferencecomponent.html
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pulumi

from . import _aws_native, _iam, _naming, _urns, _validation
from ._instance_capacity import capacity
from .endpoint import Endpoint
from .errors import Problems
from .inference_component_metrics import InferenceComponentMetrics
from .inference_component_scaling import ScalableCopyCount
from .inference_component_spec import ComputeRequirements, StartupParameters
from .inference_component_variant import InferenceComponentProductionVariant
from .model import ContainerDefinition, Model, ModelReference

if TYPE_CHECKING:
    from .inference_component_adapter import InferenceComponentAdapter
    from .model_data import ModelData

_TOKEN = "sagemaker-hosting:index:InferenceComponent"
# The attribute of an Endpoint listing the inference components built on it.
_COMPONENTS = "_sagemaker_hosting_inference_components"
_SCALE_TO_ZERO = (
    "https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-zero-instances.html"
)


def _max_instances(variant: InferenceComponentProductionVariant) -> int:
    """The most instances the variant may run (managed scaling's maximum, else its count)."""
    scaling = getattr(variant, "managed_instance_scaling", None)
    high = getattr(scaling, "max_instance_count", None)
    return int(high) if high is not None else int(variant.initial_instance_count)


def _scales_to_zero(variant: InferenceComponentProductionVariant) -> bool:
    """Whether the variant may run zero instances (managed scaling with minimum 0)."""
    scaling = getattr(variant, "managed_instance_scaling", None)
    return getattr(scaling, "min_instance_count", None) == 0


def _accelerators(compute: ComputeRequirements) -> float:
    return float(compute.number_of_accelerator_devices_required or 0)


def _memory(compute: ComputeRequirements) -> float:
    return float(compute.min_memory_required_in_mb)


def _is_count(value: object, floor: int) -> bool:
    return (
        not isinstance(value, bool)
        and isinstance(value, (int, float))
        and float(value).is_integer()
        and value >= floor
    )


def zero_copies_problems(variant: InferenceComponentProductionVariant, copies: int) -> list[str]:
    """Why ``copies`` copies at creation do not suit ``variant`` (0 needs it to scale to zero)."""
    if copies == 0 and not _scales_to_zero(variant):
        return [
            f"copy_count 0 needs variant {variant.variant_name!r} to scale to zero "
            "instances (managed_instance_scaling with min_instance_count=0); see " + _SCALE_TO_ZERO
        ]
    return []


def fit_problems(
    variant: InferenceComponentProductionVariant,
    compute: ComputeRequirements,
    copies: int,
    others: Sequence[tuple[ComputeRequirements, int]] = (),
) -> list[str]:
    """Why ``copies`` copies of ``compute`` cannot run on ``variant`` (empty: they fit).

    ``others`` are the (compute, copies) of the variant's other components. Only instance
    types of the capacity table are checked; SageMaker checks the rest at deploy time.
    """
    instance_type = str(variant.instance_type)
    per_instance = capacity(instance_type)
    if per_instance is None:
        return []
    found = [
        p.removeprefix("compute: ")
        for p in compute._fit_problems("compute", instance_type, per_instance)
    ]
    if found:
        return found
    instances = _max_instances(variant)
    each = compute.copies_per_instance(per_instance)
    if copies > each * instances:
        found.append(
            f"copy_count {copies} does not fit variant {variant.variant_name!r}: one "
            f"{instance_type} holds {each} copies of this compute, {instances} instance(s) at "
            f"most hold {each * instances}"
        )
    resources: list[tuple[str, Callable[[ComputeRequirements], float], int]] = [
        ("accelerators", _accelerators, per_instance.accelerators),
        ("memory MiB", _memory, per_instance.memory_mib),
    ]
    for resource, need, have in resources:
        used = sum(need(c) * n for c, n in others)
        wanted = need(compute) * copies
        if others and wanted and used + wanted > have * instances:
            found.append(
                f"copy_count {copies} does not fit variant {variant.variant_name!r} beside its "
                f"other inference components: they reserve {used:g} {resource}, these copies "
                f"{wanted:g}, {instances} {instance_type} have {have * instances}"
            )
    return found


def scaling_problems(
    variant: InferenceComponentProductionVariant,
    compute: ComputeRequirements,
    copies: int,
    low: object,
    high: object,
) -> list[str]:
    """Why copy-count scaling from ``low`` to ``high`` is refused (empty: it is fine)."""
    found: list[str] = []
    if not _is_count(low, 0):
        found.append(f"min_capacity must be an integer >= 0, got {low!r}")
    if not _is_count(high, 1):
        found.append(f"max_capacity must be an integer >= 1, got {high!r}")
    if found:
        return found
    assert isinstance(low, (int, float)) and isinstance(high, (int, float))
    if not low <= copies <= high:
        found.append(
            f"min_capacity ({low}) and max_capacity ({high}) must bracket copy_count ({copies})"
        )
    if low == 0 and not _scales_to_zero(variant):
        found.append(
            f"min_capacity 0 needs variant {variant.variant_name!r} to scale to zero "
            "instances (managed_instance_scaling with min_instance_count=0); see " + _SCALE_TO_ZERO
        )
    per_instance = capacity(str(variant.instance_type))
    if per_instance is not None:
        room = compute.copies_per_instance(per_instance) * _max_instances(variant)
        if high > room:
            found.append(
                f"max_capacity {high} does not fit variant {variant.variant_name!r}: "
                f"{_max_instances(variant)} {variant.instance_type} hold at most {room} copies "
                "of this compute"
            )
    return found


def _publish_outputs(
    owner: pulumi.ComponentResource, component: Any
) -> tuple[pulumi.Output[str], pulumi.Output[str]]:
    """The name and ARN of ``owner``'s aws-native inference component, registered as its outputs.

    Shared by :class:`InferenceComponent` and the adapter component: aws-native types both
    outputs loosely, so each is narrowed to a string once here.
    """
    name = component.inference_component_name.apply(lambda value: str(value))
    arn = component.inference_component_arn.apply(lambda value: str(value))
    owner.register_outputs({"inference_component_name": name, "inference_component_arn": arn})
    return name, arn


class InferenceComponent(pulumi.ComponentResource, InferenceComponentMetrics):
    """A model deployed as an inference component of an :class:`Endpoint`.

    The endpoint's config must serve :class:`InferenceComponentProductionVariant` s (instances
    without a model of their own). Give either ``model`` (a :class:`Model` or a reference) or
    ``container`` (built into a :class:`Model` child, with its own least-privilege role).
    Program-time checks: the compute fits one instance of the variant's type, and
    ``copy_count`` copies (and the scaling maximum) fit the variant's most instances, together
    with the other components on the variant. LoRA adapters of the model are added with
    :meth:`add_adapter` (they share this component's copies). Needs ``pulumi-aws-native``
    (``pip install 'pulumi-sagemaker-hosting[inference-components]'``).
    """

    # Declared for type checkers and the reference only: the SDK would resolve a
    # component's own annotations at every registration (docs/design.md, "Cost of the
    # abstraction").
    if TYPE_CHECKING:
        inference_component_name: pulumi.Output[str]
        """The SageMaker inference component name (what ``InvokeEndpoint`` takes)."""
        inference_component_arn: pulumi.Output[str]
        """The inference component's ARN."""
        model: ModelReference
        """The model served (given, or built from ``container``)."""

    def __init__(
        self,
        name: str,
        *,
        endpoint: Endpoint,
        compute: ComputeRequirements,
        model: ModelReference | None = None,
        container: ContainerDefinition | None = None,
        role: _iam.RoleLike | None = None,
        variant_name: str | None = None,
        copy_count: int = 1,
        startup_parameters: StartupParameters | None = None,
        inference_component_name: str | None = None,
        tags: Mapping[str, pulumi.Input[str]] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Deploy a model onto an inference-component endpoint.

        Args:
            name: the component's logical name.
            endpoint: the endpoint whose config serves inference-component variants.
            compute: what each copy reserves (memory, accelerators, CPU cores).
            model: the model to serve.
            container: a container defined inline instead of ``model`` (a Model child is made).
            role: the execution role of the inline container's model (default: a new role).
            variant_name: the variant to run on (default: the config's only variant).
            copy_count: copies at creation (0 only on a variant that scales to zero instances).
            startup_parameters: model download and health check time limits per copy.
            inference_component_name: a fixed physical name (default: generated).
            tags: tags for the inference component.
            opts: options for the component.
        """
        _validation.check_component("InferenceComponent", name, opts)
        where = f"InferenceComponent {name!r}"
        problems = Problems(where)
        if (model is None) == (container is None):
            problems.add("exactly one of model and container is required")
        if model is not None and not isinstance(model, ModelReference):
            problems.add(
                f"model must be a Model or a Model.from_model_name/arn reference, "
                f"got {type(model).__name__}"
            )
        if role is not None and container is None:
            problems.add("role applies only to an inline container (the model has its own)")
        if not isinstance(compute, ComputeRequirements):
            problems.add(f"compute must be a ComputeRequirements, got {type(compute).__name__}")
        else:
            for problem in compute._problems("compute"):
                problems.add(problem.removeprefix("compute: "))
        if startup_parameters is not None:
            if isinstance(startup_parameters, StartupParameters):
                for problem in startup_parameters._problems("startup_parameters"):
                    problems.add(problem.removeprefix("startup_parameters: "))
            else:
                problems.add(
                    "startup_parameters must be a StartupParameters, "
                    f"got {type(startup_parameters).__name__}"
                )
        if inference_component_name is not None:
            reason = (
                _naming.check_name(inference_component_name)
                if isinstance(inference_component_name, str)
                else f"must be a str, got {type(inference_component_name).__name__}"
            )
            if reason:
                problems.add(f"inference_component_name {reason}")
        # CreateInferenceComponent takes the tags CreateEndpoint takes (TagList, 50 at most).
        for problem in _validation.tags("tags", tags, ["sagemaker.CreateEndpoint"]):
            problems.add(problem)
        problems.check(
            _is_count(copy_count, 0), f"copy_count must be an integer >= 0, got {copy_count!r}"
        )
        variant = self._find_variant(problems, endpoint, variant_name)
        if variant is not None and _is_count(copy_count, 0):
            for problem in zero_copies_problems(variant, int(copy_count)):
                problems.add(problem)
            if isinstance(compute, ComputeRequirements) and not compute._problems(""):
                others = [
                    (c._compute, c._copy_count)
                    for c in getattr(endpoint, _COMPONENTS, [])
                    if c._variant is variant
                ]
                for problem in fit_problems(variant, compute, int(copy_count), others):
                    problems.add(problem)
        problems.raise_if_any()
        native = _aws_native.sagemaker(where)

        super().__init__(_TOKEN, name, {}, _urns.guarded(opts, f"InferenceComponent {name!r}"))
        assert variant is not None  # a missing variant raised above
        self._name = name
        self._endpoint = endpoint
        self._variant = variant
        self._compute = compute
        self._copy_count = int(copy_count)
        self._scaling: ScalableCopyCount | None = None
        self._adapters: list[InferenceComponentAdapter] = []
        components: list[InferenceComponent] = getattr(endpoint, _COMPONENTS, [])
        components.append(self)
        setattr(endpoint, _COMPONENTS, components)

        if container is not None:
            model = Model(
                f"{name}-model",
                containers=[container],
                role=role,
                tags=tags,
                opts=pulumi.ResourceOptions(parent=self),
            )
        assert model is not None
        self.model = model
        specification: dict[str, Any] = {
            "model_name": model.model_name,
            "compute_resource_requirements": compute._render(),
        }
        if startup_parameters is not None:
            specification["startup_parameters"] = startup_parameters._render()
        self._component = native.InferenceComponent(
            f"{name}-component",
            endpoint_name=endpoint.endpoint_name,
            variant_name=variant.variant_name,
            inference_component_name=inference_component_name,
            specification=specification,
            runtime_config={"copy_count": int(copy_count)},
            tags=_aws_native.tags(tags),
            opts=pulumi.ResourceOptions(parent=self),
        )
        self.inference_component_name, self.inference_component_arn = _publish_outputs(
            self, self._component
        )

    def _scope(self) -> pulumi.Resource:
        return self

    @property
    def variant(self) -> InferenceComponentProductionVariant:
        """The endpoint variant the copies run on."""
        return self._variant

    @property
    def compute(self) -> ComputeRequirements:
        """What each copy reserves."""
        return self._compute

    @property
    def copy_count(self) -> int:
        """The copies at creation."""
        return self._copy_count

    @property
    def resource_id(self) -> pulumi.Output[str]:
        """Application Auto Scaling's id: ``inference-component/<name>``."""
        # One apply (Output.concat would wrap the literal piece in an Output of its own); it
        # carries the component as a dependency, as the name does.
        return self.inference_component_name.apply(lambda name: f"inference-component/{name}")

    @property
    def adapters(self) -> list[InferenceComponentAdapter]:
        """The adapters loaded onto this component, in the order they were added."""
        return list(self._adapters)

    def add_adapter(
        self,
        name: str,
        *,
        artifact: ModelData | str,
        role: _iam.RoleLike | None = None,
        inference_component_name: str | None = None,
        tags: Mapping[str, pulumi.Input[str]] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> InferenceComponentAdapter:
        """Load a LoRA adapter onto this component: an :class:`InferenceComponentAdapter`.

        The same as ``InferenceComponentAdapter(name, base=self, ...)`` (see it for the
        arguments, the IAM grant and the checks); the adapter is invoked by its own
        ``inference_component_name`` and uses this component's copies and compute.
        https://docs.aws.amazon.com/sagemaker/latest/dg/realtime-endpoints-adapt.html
        """
        from .inference_component_adapter import InferenceComponentAdapter

        return InferenceComponentAdapter(
            name,
            base=self,
            artifact=artifact,
            role=role,
            inference_component_name=inference_component_name,
            tags=tags,
            opts=opts,
        )

    # --- validation --------------------------------------------------------------------------

    @staticmethod
    def _find_variant(
        problems: Problems, endpoint: object, variant_name: str | None
    ) -> InferenceComponentProductionVariant | None:
        if not isinstance(endpoint, Endpoint):
            problems.add(f"endpoint must be an Endpoint, got {type(endpoint).__name__}")
            return None
        variants = endpoint.endpoint_config.production_variants
        if variants is None:
            problems.add(
                "endpoint must serve an EndpointConfig built in this program (an imported "
                "config's variants are unknown)"
            )
            return None
        hosts = [v for v in variants if isinstance(v, InferenceComponentProductionVariant)]
        if not hosts:
            problems.add(
                f"endpoint {endpoint._name!r} serves no InferenceComponentProductionVariant; "
                "an inference component needs an endpoint config whose variants have no model"
            )
            return None
        if variant_name is None:
            if len(hosts) > 1:
                names = ", ".join(repr(v.variant_name) for v in hosts)
                problems.add(f"variant_name is required: the endpoint has variants {names}")
                return None
            return hosts[0]
        for variant in hosts:
            if variant.variant_name == variant_name:
                return variant
        names = ", ".join(repr(v.variant_name) for v in hosts)
        problems.add(f"variant_name {variant_name!r} is not a variant of the endpoint ({names})")
        return None

    # --- auto scaling --------------------------------------------------------------------------

    def auto_scale_copy_count(
        self, *, min_capacity: int | None = None, max_capacity: int | None = None
    ) -> ScalableCopyCount:
        """Enable auto scaling of the copy count (then add ``scale_*`` policies).

        ``min_capacity`` and ``max_capacity`` default to ``copy_count``. ``min_capacity=0``
        lets the model scale to zero copies: the variant must then scale to zero instances
        (``managed_instance_scaling`` with ``min_instance_count=0``), and a
        :meth:`ScalableCopyCount.scale_out_from_zero` policy brings a copy back on the first
        request (see the AWS page on scaling to zero). ``max_capacity`` copies must fit the
        variant's most instances.
        """
        problems = Problems(f"InferenceComponent {self._name!r}")
        if self._scaling is not None:
            problems.add("auto scaling is already enabled for this inference component")
        low = self._copy_count if min_capacity is None else min_capacity
        high = self._copy_count if max_capacity is None else max_capacity
        for problem in scaling_problems(self._variant, self._compute, self._copy_count, low, high):
            problems.add(problem)
        problems.raise_if_any()
        self._scaling = ScalableCopyCount(
            _naming.join(self._name, "copy-count"),
            resource_id=self.resource_id,
            min_capacity=int(low),
            max_capacity=int(high),
            no_capacity_metric=self.metric_no_capacity_invocation_failures(),
            # No depends_on: resource_id reads the component's name, so the target already
            # waits for the component (and records the dependency).
            opts=pulumi.ResourceOptions(parent=self),
        )
        return self._scaling
