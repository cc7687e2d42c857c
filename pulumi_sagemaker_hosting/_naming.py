"""Physical names: prefixes that never freeze a replace-only resource's name.

Every field of a SageMaker Model and EndpointConfiguration forces replacement, and Pulumi
replaces create-before-delete, so a fixed physical name would collide with itself. A name the
user gives is therefore a prefix, completed with a hash of the resource's resolved inputs: the
same inputs keep the same name, new inputs give a new name (and a clean blue/green rollout).
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import pulumi

#: SageMaker's pattern for model, endpoint-config and endpoint names.
SAGEMAKER_NAME = re.compile(r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")
_MAX_NAME = 63
_SUFFIX_LEN = 8


def check_name(value: str) -> str | None:
    """Return why ``value`` is not a SageMaker resource name, or None when it is one."""
    if not SAGEMAKER_NAME.match(value):
        return (
            f"must be 1-63 characters of letters, digits and hyphens, starting and ending "
            f"with a letter or digit (pattern ^[a-zA-Z0-9](-*[a-zA-Z0-9]){{0,62}}$), got {value!r}"
        )
    return None


#: The longest prefix :func:`content_name` can complete within SageMaker's 63 characters.
CONTENT_PREFIX_LIMIT = _MAX_NAME - _SUFFIX_LEN - 1
#: The longest ``name_prefix`` the AWS provider accepts: it appends a 26-character unique id,
#: and we add a hyphen.
PROVIDER_PREFIX_LIMIT = _MAX_NAME - 26 - 1


def check_prefix(value: str, limit: int = CONTENT_PREFIX_LIMIT) -> str | None:
    """Return why ``value`` cannot prefix a generated SageMaker name, or None."""
    if len(value) > limit or not SAGEMAKER_NAME.match(value):
        return (
            f"must be 1-{limit} characters of letters, digits and hyphens, starting and "
            f"ending with a letter or digit (a unique suffix is added), got {value!r}"
        )
    return None


def content_name(prefix: str, content: Any) -> str:
    """``prefix-<8 hex>`` where the hex is a hash of ``content`` (JSON-serialisable)."""
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()
    return f"{prefix}-{digest[:_SUFFIX_LEN]}"


def prefixed_name(prefix: str, content: pulumi.Input[Any]) -> pulumi.Output[str]:
    """A name from :func:`content_name` once every Output inside ``content`` is known."""
    return pulumi.Output.from_input(content).apply(lambda c: content_name(prefix, c))


def name_from_arn(arn: str) -> str:
    """The resource name of a slash-form ARN (``...:model/my-model`` gives ``my-model``)."""
    resource = arn.split(":", 5)[-1]
    return resource.split("/", 1)[1] if "/" in resource else resource
