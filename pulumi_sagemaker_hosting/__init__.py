"""Pulumi components that put machine-learning models into production on Amazon SageMaker.

Images and model data -> :class:`Model` -> :class:`EndpointConfig` -> :class:`Endpoint` ->
variant handles with metrics, alarms and auto scaling.
"""

from typing import TYPE_CHECKING, Any

from ._fielddoc import document_fields
from .async_inference import AsyncInference
from .data_capture import DataCapture
from .deployment import (
    BlueGreenDeployment,
    CapacitySize,
    Deployment,
    RollingDeployment,
    TrafficRouting,
)
from .endpoint import Endpoint, EndpointReference
from .endpoint_config import EndpointConfig, EndpointConfigReference
from .errors import ValidationError
from .images import ContainerImage
from .inference_component import InferenceComponent
from .inference_component_adapter import InferenceComponentAdapter
from .inference_component_scaling import ScalableCopyCount, ScaleOutFromZero
from .inference_component_spec import ComputeRequirements, StartupParameters
from .inference_component_variant import InferenceComponentProductionVariant
from .instance_types import AcceleratorType, InstanceType
from .metrics import InvocationHttpResponseCode, MathExpression, Metric
from .model import ContainerDefinition, Model, ModelReference
from .model_data import ModelData
from .production_variant import EndpointProductionVariant
from .scaling import (
    ScalableInstanceCount,
    ScalableProvisionedConcurrency,
    ScalingInterval,
    StepScalingPolicy,
)
from .schedule import Schedule
from .variant_settings import (
    CoreDumpConfig,
    InferenceAmiVersion,
    ManagedInstanceScaling,
    RoutingStrategy,
)
from .variants import InstanceProductionVariant, ServerlessProductionVariant


def _version() -> str:
    # The installed distribution's version (``pyproject.toml`` is its only source). Looked up
    # on first access: importlib.metadata scans every path entry for distributions.
    from importlib import metadata

    try:
        return metadata.version("pulumi-sagemaker-hosting")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"


if TYPE_CHECKING:
    from .deployment import RollbackAlarm

    #: The installed distribution's version (``pyproject.toml`` is its only source). An
    #: assignment, not an annotation: an annotation would give the module ``__annotations__``.
    __version__ = _version()
else:

    def __getattr__(name: str) -> Any:
        # RollbackAlarm names aws.cloudwatch.MetricAlarm: resolved on first access, so that
        # importing the package does not load all of pulumi_aws.cloudwatch. __version__ is
        # looked up once, on first access, then kept as a plain module attribute.
        if name == "RollbackAlarm":
            from . import deployment

            return deployment.RollbackAlarm
        if name == "__version__":
            version = globals()["__version__"] = _version()
            return version
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AcceleratorType",
    "AsyncInference",
    "BlueGreenDeployment",
    "CapacitySize",
    "ComputeRequirements",
    "ContainerDefinition",
    "ContainerImage",
    "CoreDumpConfig",
    "DataCapture",
    "Deployment",
    "Endpoint",
    "EndpointConfig",
    "EndpointConfigReference",
    "EndpointProductionVariant",
    "EndpointReference",
    "InferenceAmiVersion",
    "InferenceComponent",
    "InferenceComponentAdapter",
    "InferenceComponentProductionVariant",
    "InstanceProductionVariant",
    "InstanceType",
    "InvocationHttpResponseCode",
    "ManagedInstanceScaling",
    "MathExpression",
    "Metric",
    "Model",
    "ModelData",
    "ModelReference",
    "RollbackAlarm",
    "RollingDeployment",
    "RoutingStrategy",
    "ScalableCopyCount",
    "ScalableInstanceCount",
    "ScalableProvisionedConcurrency",
    "ScaleOutFromZero",
    "ScalingInterval",
    "Schedule",
    "ServerlessProductionVariant",
    "StartupParameters",
    "StepScalingPolicy",
    "TrafficRouting",
    "ValidationError",
]

# help() shows each value object's fields with their docstrings (IDEs read them from source).
# Names resolved lazily (module __getattr__) are type aliases, not value objects.
document_fields(*(globals()[name] for name in __all__ if name in globals()))
