"""What a Model hands to its images and model data when it binds them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pulumi
import pulumi_aws as aws

from ._environment import AwsEnvironment
from ._iam import Statement


@dataclass(frozen=True)
class BindScope:
    """The model being assembled: where bound resources go and what they may read.

    Custom :class:`~pulumi_sagemaker_hosting.ContainerImage` or
    :class:`~pulumi_sagemaker_hosting.ModelData` subclasses receive one in ``bind`` and may
    create resources with ``opts=pulumi.ResourceOptions(parent=scope.parent)`` and names
    starting with ``scope.name``.
    """

    name: str
    """The Model's logical name: prefix children with it."""
    parent: pulumi.Resource
    """The Model component: parent children to it."""
    env: AwsEnvironment
    """The account, region and partition the model deploys into."""
    artifact_bucket: Callable[[], aws.s3.Bucket]
    """The model's artifact bucket, created (private, encrypted) on first call."""
    bound: dict[str, Binding] = field(default_factory=dict)
    """Bindings already made for this model, by content key: two sources with the same
    content (two ``from_asset`` of one file) share one upload or build, not two resources
    with one name."""


@dataclass(frozen=True)
class Binding:
    """What an image or a model data source contributes to a container."""

    value: pulumi.Input[str]
    """The image URI, or the model data URL."""
    statements: Sequence[Statement] = ()
    """IAM statements the model's execution role needs to use it."""
    dependencies: Sequence[pulumi.Resource] = field(default_factory=tuple)
    """Resources the SageMaker model must wait for (an upload, say)."""
    model_data_source: Mapping[str, Any] | None = None
    """Model data only: the ``model_data_source`` block (uncompressed data under an S3
    prefix), rendered instead of ``model_data_url`` except in a multi-model container, which
    takes the prefix as its ``model_data_url``."""
    image_config: Mapping[str, Any] | None = None
    """Images only: the ``image_config`` block (a private registry reached through the VPC)."""
