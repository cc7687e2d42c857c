"""The variant of an inference-component endpoint: instances without a model of their own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .model import ModelReference
from .variants import InstanceProductionVariant


@dataclass(frozen=True, kw_only=True)
class InferenceComponentProductionVariant(InstanceProductionVariant):
    """An instance variant that hosts :class:`InferenceComponent` s instead of one model.

    The endpoint config renders it without ``ModelName``; each inference component names its
    model, the compute it needs per copy and its copy count, and scales on its own. Everything
    an :class:`InstanceProductionVariant` takes applies (``variant_name`` and
    ``instance_type`` first), except ``model``, which must stay None. Give the variant
    ``managed_instance_scaling`` (so SageMaker adds instances when copies need them, down to
    zero instances with ``min_instance_count=0``) and the endpoint config an
    ``execution_role_arn``.
    See https://docs.aws.amazon.com/sagemaker/latest/dg/realtime-endpoints-deploy-models.html
    """

    _SERVES_MODEL: ClassVar[bool] = False

    model: ModelReference | None = None
    """Always None: the inference components name the models."""
