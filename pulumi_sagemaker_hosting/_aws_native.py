"""The optional pulumi-aws-native dependency, imported only when something needs it."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from types import ModuleType

import pulumi

from ._extras import install_hint
from .errors import ValidationError

#: The extra that installs pulumi-aws-native.
EXTRA = "inference-components"


def sagemaker(component: str) -> ModuleType:
    """Return ``pulumi_aws_native.sagemaker``, or fail naming the extra that installs it.

    ``component`` (``InferenceComponent 'llm'``) is named in the error.
    """
    try:
        return importlib.import_module("pulumi_aws_native.sagemaker")
    except ImportError:
        raise ValidationError(
            component,
            [
                "inference components are created with pulumi-aws-native, which is not "
                f"installed (the `{EXTRA}` extra): {install_hint(EXTRA)}"
            ],
        ) from None


def tags(given: Mapping[str, pulumi.Input[str]] | None) -> list[dict[str, object]] | None:
    """``given`` as aws-native's tag list (``[{"key": ..., "value": ...}]``), None when empty."""
    return [{"key": k, "value": v} for k, v in (given or {}).items()] or None
