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
from .hosted_model_options import AsyncInferenceConfig, DataCaptureConfig
from .hosted_model_variant import CoreDumpLocation, ManagedScalingConfig
from .shared_endpoint import SharedEndpoint, SharedEndpointArgs, SharedModel

#: The package name other languages see (``sagemaker-hosting:index:HostedModel``).
PACKAGE_NAME = "sagemaker-hosting"
#: The plugin's version; equal to the distribution's version (a test checks it).
PACKAGE_VERSION = "0.1.0"
#: The components the plugin hosts.
COMPONENTS: list[type[pulumi.ComponentResource]] = [HostedModel, SharedEndpoint]
#: Where the package lives (equal to ``pyproject.toml``'s Repository URL; a test checks it).
#: A placeholder until the repository is public: CHANGELOG.md says where to set it.
REPOSITORY = "https://github.com/pulumi-sagemaker-hosting/pulumi-sagemaker-hosting"
#: What registries show about the package: merged into the inferred schema
#: (https://www.pulumi.com/docs/iac/extending-pulumi/schema/#package).
METADATA: dict[str, Any] = {
    "description": (
        "Put machine-learning models into production on Amazon SageMaker: a model on an "
        "endpoint with a least-privilege role, auto scaling, alarms, async inference and "
        "data capture."
    ),
    "keywords": [
        "pulumi",
        "aws",
        "sagemaker",
        "machine-learning",
        "inference",
        "category/cloud",
        "kind/component",
    ],
    "homepage": REPOSITORY,
    "repository": REPOSITORY,
    "publisher": "pulumi-sagemaker-hosting contributors",
    "license": "Apache-2.0",
    "logoUrl": f"{REPOSITORY.replace('github.com', 'raw.githubusercontent.com')}"
    "/main/provider/logo.svg",
}

__all__ = [
    "COMPONENTS",
    "METADATA",
    "PACKAGE_NAME",
    "PACKAGE_VERSION",
    "REPOSITORY",
    "AsyncInferenceConfig",
    "AutoScaling",
    "CoreDumpLocation",
    "DataCaptureConfig",
    "HostedModel",
    "HostedModelArgs",
    "LatencyAlarm",
    "ManagedScalingConfig",
    "ServerlessConfig",
    "SharedEndpoint",
    "SharedEndpointArgs",
    "SharedModel",
    "provider",
    "schema",
]


def provider() -> Any:
    """The plugin's provider: the analyzer's inferred schema with :data:`METADATA` merged in."""
    from pulumi.provider.experimental.component import ComponentProvider

    hosted = ComponentProvider(COMPONENTS, PACKAGE_NAME, version=PACKAGE_VERSION)
    if hosted.schema is None:
        raise RuntimeError("the analyzer produced no schema")
    document = json.loads(hosted.schema)
    document.update(METADATA)
    hosted.schema = json.dumps(document)
    return hosted


def schema() -> dict[str, Any]:
    """The package schema the plugin serves, inferred without the Pulumi CLI."""
    document: dict[str, Any] = json.loads(provider().schema)
    return document
