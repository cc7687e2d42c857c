"""The multi-language face of this package: components other Pulumi languages can use.

``pulumi package add`` runs this package as a plugin (see ``provider/`` at the repository
root and ``docs/multi-language.md``); the Pulumi analyzer infers the schema from the
``args`` TypedDicts and output annotations of :data:`COMPONENTS`. Python programs use the
keyword-argument components of :mod:`pulumi_sagemaker_hosting` directly; :class:`HostedModel`
works from Python too (``HostedModel("svc", {"image_uri": ...})``).
"""

import json
from typing import Any

import pulumi

from .hosted_model import (
    AutoScaling,
    HostedModel,
    HostedModelArgs,
    LatencyAlarm,
    ServerlessConfig,
)

#: The package name other languages see (``sagemaker-hosting:index:HostedModel``).
PACKAGE_NAME = "sagemaker-hosting"
#: The plugin's version; equal to the distribution's version (a test checks it).
PACKAGE_VERSION = "0.1.0"
#: The components the plugin hosts.
COMPONENTS: list[type[pulumi.ComponentResource]] = [HostedModel]

__all__ = [
    "COMPONENTS",
    "PACKAGE_NAME",
    "PACKAGE_VERSION",
    "AutoScaling",
    "HostedModel",
    "HostedModelArgs",
    "LatencyAlarm",
    "ServerlessConfig",
    "schema",
]


def schema() -> dict[str, Any]:
    """The package schema the plugin serves, inferred without the Pulumi CLI."""
    from pulumi.provider.experimental.component import ComponentProvider

    provider = ComponentProvider(COMPONENTS, PACKAGE_NAME, version=PACKAGE_VERSION)
    if provider.schema is None:
        raise RuntimeError("the analyzer produced no schema")
    document: dict[str, Any] = json.loads(provider.schema)
    return document
