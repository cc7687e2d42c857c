"""S3 locations given as ``s3://bucket/prefix`` strings (or Outputs of them) and their grants."""

from __future__ import annotations

import re
from typing import Any

import pulumi
import pulumi_aws as aws

from . import _iam
from ._resource_types import is_kms_key

S3_URI = re.compile(r"^s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(/.*)?$")
KMS_WRITE_ACTIONS = ("kms:Encrypt", "kms:GenerateDataKey", "kms:Decrypt")


def uri_problem(argument: str, uri: object) -> str | None:
    """Why a plain ``uri`` is not an ``s3://bucket[/prefix]`` URI (Outputs are not checked)."""
    if isinstance(uri, str) and (not S3_URI.match(uri) or len(uri) > 512):
        bucket = uri[5:].split("/", 1)[0] if uri.startswith("s3://") else None
        if bucket is not None and len(bucket) < 3:
            # Bucket names are 3-63 characters:
            # https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
            return (
                f"{argument} must be an s3://bucket/prefix URI whose bucket name has 3 to 63 "
                f"characters (S3's bucket naming rules), got {uri!r} (bucket {bucket!r})"
            )
        return (
            f"{argument} must be an s3://bucket/prefix URI of at most 512 characters, got {uri!r}"
        )
    return None


def _objects_under(partition: str, uri: str) -> str:
    # Runs inside an apply, on a value only known at deploy time: it must not raise (issue 9:
    # no check deferred into an apply). A known string is checked at construction
    # (uri_problem); an Output that is no s3:// URI is left to SageMaker, which refuses it when
    # the endpoint config is created. The grant then names the text after the scheme, which
    # is no broader than what the URI names.
    match = S3_URI.match(uri)
    if not match:
        rest = uri.split("://", 1)[-1].rstrip("/")
        return f"arn:{partition}:s3:::{rest}/*"
    prefix = (match.group(2) or "/").rstrip("/")
    return f"arn:{partition}:s3:::{match.group(1)}{prefix}/*"


def write_under(partition: pulumi.Input[str], uri: pulumi.Input[str], sid: str) -> dict[str, Any]:
    """Allow writing objects under ``uri`` (and nothing else in the bucket)."""
    arn = pulumi.Output.all(partition, uri).apply(lambda pu: _objects_under(pu[0], pu[1]))
    return _iam.allow(["s3:PutObject", "s3:AbortMultipartUpload"], [arn], sid)


def read_under(partition: pulumi.Input[str], uri: pulumi.Input[str], sid: str) -> dict[str, Any]:
    """Allow reading objects under ``uri``."""
    arn = pulumi.Output.all(partition, uri).apply(lambda pu: _objects_under(pu[0], pu[1]))
    return _iam.allow(["s3:GetObject"], [arn], sid)


_KEY_ARN = re.compile(r"^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/[a-zA-Z0-9-]+$")


def key_problem(argument: str, key: object) -> str | None:
    """Why a plain ``key`` cannot be granted: IAM needs a key ARN, not an id or an alias."""
    if isinstance(key, str) and not _KEY_ARN.match(key):
        return (
            f"{argument} must be an aws.kms.Key or a key ARN "
            f"(arn:<partition>:kms:<region>:<account>:key/<id>; IAM grants need it), got {key!r}"
        )
    return None


def kms_key_problems(argument: str, key: object, path: str) -> list[str]:
    """Problems of a KMS key given to a feature whose roles are granted its use."""
    from . import _validation

    if key is None or is_kms_key(key) or _validation.is_unknown(key):
        return []
    if not isinstance(key, str):
        return [f"{argument} must be an aws.kms.Key or a key ARN, got {_validation.show(key)}"]
    found = _validation.field(path, argument, key)
    reason = key_problem(argument, key)
    return found or ([reason] if reason else [])


def key_arn(key: aws.kms.Key | pulumi.Input[str]) -> pulumi.Input[str]:
    """A KMS key's ARN (or the id/alias given)."""
    return key.arn if is_kms_key(key) else key
