"""Pulumi components that put machine-learning models into production on Amazon SageMaker.

Images and model data -> :class:`Model` -> :class:`EndpointConfig` -> :class:`Endpoint` ->
variant handles with metrics, alarms and auto scaling.
"""

from importlib import metadata as _metadata

from .async_inference import AsyncInference
from .data_capture import DataCapture
from .deployment import (
    BlueGreenDeployment,
    CapacitySize,
    Deployment,
    RollbackAlarm,
    RollingDeployment,
    TrafficRouting,
)
from .endpoint import Endpoint, EndpointReference
from .endpoint_config import EndpointConfig, EndpointConfigReference
from .errors import ValidationError
from .images import ContainerImage
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
from .variants import InstanceProductionVariant, ServerlessProductionVariant

try:
    #: The installed distribution's version (``pyproject.toml`` is its only source).
    __version__ = _metadata.version("pulumi-sagemaker-hosting")
except _metadata.PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "AcceleratorType",
    "AsyncInference",
    "BlueGreenDeployment",
    "CapacitySize",
    "ContainerDefinition",
    "ContainerImage",
    "DataCapture",
    "Deployment",
    "Endpoint",
    "EndpointConfig",
    "EndpointConfigReference",
    "EndpointProductionVariant",
    "EndpointReference",
    "InstanceProductionVariant",
    "InstanceType",
    "InvocationHttpResponseCode",
    "MathExpression",
    "Metric",
    "Model",
    "ModelData",
    "ModelReference",
    "RollbackAlarm",
    "RollingDeployment",
    "ScalableInstanceCount",
    "ScalableProvisionedConcurrency",
    "ScalingInterval",
    "Schedule",
    "ServerlessProductionVariant",
    "StepScalingPolicy",
    "TrafficRouting",
    "ValidationError",
]
