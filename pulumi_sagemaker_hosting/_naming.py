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


#: What Pulumi's auto-naming adds to a logical name: a hyphen and 7 random hex characters.
_AUTO_SUFFIX = 8
_INVALID = re.compile(r"[^a-zA-Z0-9]+")


def needs_own_name(logical: str) -> bool:
    """Whether Pulumi's auto-name of ``logical`` (``<logical>-<7 hex>``) is no SageMaker name.

    A ``_`` (or any character but letters, digits and hyphens) makes AWS refuse it; a
    logical name longer than 55 characters leaves no room for the unique suffix.
    """
    return len(logical) + _AUTO_SUFFIX > _MAX_NAME or not SAGEMAKER_NAME.match(logical)


def sanitized(logical: str, limit: int) -> str:
    """``logical`` as a valid SageMaker name prefix of at most ``limit`` characters."""
    cleaned = _INVALID.sub("-", logical).strip("-")[:limit].rstrip("-")
    return cleaned or "r"


def scoped_content(logical: str) -> dict[str, str]:
    """What makes a generated name unique to this resource: project, stack and logical name."""
    return {"project": pulumi.get_project(), "stack": pulumi.get_stack(), "logical": logical}


def own_name(logical: str) -> str:
    """A valid, unique SageMaker name for ``logical`` when auto-naming cannot give one.

    ``<sanitized prefix>-<8 hex>``: the hash covers the project, stack and the original
    logical name, so ``a_b`` and ``a-b`` (both ``a-b``) still differ, and the suffix is never
    cut (the prefix is).
    """
    return content_name(sanitized(logical, CONTENT_PREFIX_LIMIT), scoped_content(logical))


#: Characters IAM role names allow (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html).
_IAM_INVALID = re.compile(r"[^\w+=,.@-]+", re.ASCII)
#: Characters S3 bucket names allow (lowercase letters, digits, hyphens; no dots, for TLS).
_BUCKET_INVALID = re.compile(r"[^a-z0-9-]+")


def fitted_name(logical: str, limit: int, kind: str) -> str | None:
    """An IAM role (``kind="iam"``) or S3 bucket (``"bucket"``) name, or None to auto-name.

    A name is made when Pulumi's auto-name of ``logical`` would be invalid or longer than
    ``limit``: ``<sanitized prefix>-<8 hex>`` of the project, stack and logical name (unique suffix
    kept whole, the prefix cut).
    """
    pattern = _IAM_INVALID if kind == "iam" else _BUCKET_INVALID
    basis = logical if kind == "iam" else logical.lower()
    if len(logical) + _AUTO_SUFFIX <= limit and not pattern.search(basis):
        return None
    cleaned = pattern.sub("-", basis).strip("-")[: limit - _SUFFIX_LEN - 1].rstrip("-") or "r"
    return content_name(cleaned, scoped_content(logical))


#: What a secret value contributes to a generated name's hash (never the secret itself).
SECRET_MARKER = "[secret]"


def is_secret(value: pulumi.Output[Any]) -> pulumi.Output[bool]:
    """Whether ``value`` is secret, as a plain (not secret) Output."""
    awaitable: Any = value.is_secret()
    flag: pulumi.Output[bool] = pulumi.Output.from_input(awaitable)
    return flag


def _secret_marked(value: Any) -> Any:
    """``value`` with every secret Output replaced by :data:`SECRET_MARKER`, none secret.

    A secret (an environment value, say) must neither feed a hash that ends up in names and
    ARNs (32 bits of it would be visible) nor make the whole name a secret.
    """
    if isinstance(value, pulumi.Output):
        secret = is_secret(value)
        plain = pulumi.Output.unsecret(value)
        return pulumi.Output.all(secret, plain).apply(
            lambda pair: SECRET_MARKER if pair[0] else pair[1]
        )
    if isinstance(value, dict):
        return {k: _secret_marked(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_secret_marked(v) for v in value]
    return value


def prefixed_name(prefix: str, content: pulumi.Input[Any]) -> pulumi.Output[str]:
    """A name from :func:`content_name` once every Output inside ``content`` is known.

    Secret values are hashed as :data:`SECRET_MARKER`: the name stays a plain value, and a
    change to a secret alone does not change it.
    """
    marked = pulumi.Output.from_input(_secret_marked(content))
    return marked.apply(lambda c: content_name(prefix, c))


def join(owner: str, member: str) -> str:
    """The logical name of ``member`` (a variant, an alarm...) of the component ``owner``.

    Unambiguous by construction, so two (owner, member) pairs never give one name: an owner
    without a hyphen keeps the readable ``owner-member``; an owner with one gives
    ``owner/member`` (``a-b`` + ``c`` is ``a-b/c``, while ``a`` + ``b-c`` is ``a-b-c``).
    Decoding proves it: in the first form no ``/`` follows the first hyphen (members never
    contain ``/``), in the second one does, and its last ``/`` ends the owner. Appending a
    fixed suffix keeps it unambiguous: ``join(o, m) + s == join(o, m + s)``.
    """
    return f"{owner}/{member}" if "-" in owner else f"{owner}-{member}"


def name_from_arn(arn: str) -> str:
    """The resource name of a slash-form ARN (``...:model/my-model`` gives ``my-model``)."""
    resource = arn.split(":", 5)[-1]
    return resource.split("/", 1)[1] if "/" in resource else resource
