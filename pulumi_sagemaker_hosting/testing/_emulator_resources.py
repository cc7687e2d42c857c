"""Emulator handlers for the supporting resources: IAM, S3, ECR, KMS and SNS."""

from __future__ import annotations

import base64
import urllib.parse
from pathlib import Path
from typing import Any

import pulumi
from pulumi.runtime.mocks import MockResourceArgs

from ._emulator_core import Backend, EmulatorCoverageGap, EmulatorError, Json
from ._emulator_handlers import Handler, auto_name, check_json, where, without
from .mocks import _suffix

# IAM ---------------------------------------------------------------------------------------------


def role(be: Backend, args: MockResourceArgs, inputs: Json) -> tuple[str, Json]:
    """CreateRole (the trust policy must be JSON: moto would accept anything)."""
    check_json(args, "assumeRolePolicy", inputs.get("assumeRolePolicy"))
    name = auto_name(args, inputs, 64)
    body = without(inputs, "name", "namePrefix", "assumeRolePolicy", "forceDetachPolicies")
    body.update(roleName=name, assumeRolePolicyDocument=inputs.get("assumeRolePolicy"))
    request = be.shape("iam", "CreateRole", body, where(args))
    created = be.send(where(args), "iam", "CreateRole", request)["Role"]
    return name, {
        "name": name,
        "arn": created["Arn"],
        "uniqueId": created["RoleId"],
        "path": created["Path"],
    }


def role_policy(be: Backend, args: MockResourceArgs, inputs: Json) -> tuple[str, Json]:
    """PutRolePolicy; the id is ``<role>:<policy name>`` as pulumi_aws's."""
    check_json(args, "policy", inputs.get("policy"))
    name = auto_name(args, inputs, 128)
    body = {"roleName": inputs.get("role"), "policyName": name, "policyDocument": inputs["policy"]}
    request = be.shape("iam", "PutRolePolicy", body, where(args))
    be.send(where(args), "iam", "PutRolePolicy", request)
    return f"{inputs.get('role')}:{name}", {"name": name}


def role_policy_attachment(be: Backend, args: MockResourceArgs, inputs: Json) -> tuple[str, Json]:
    """AttachRolePolicy."""
    body = {"roleName": inputs.get("role"), "policyArn": inputs.get("policyArn")}
    request = be.shape("iam", "AttachRolePolicy", body, where(args))
    be.send(where(args), "iam", "AttachRolePolicy", request)
    return f"{inputs.get('role')}-{_suffix(args.typ, args.name)}", {}


def iam_policy(be: Backend, args: MockResourceArgs, inputs: Json) -> tuple[str, Json]:
    """CreatePolicy; the id is the ARN, as pulumi_aws's."""
    check_json(args, "policy", inputs.get("policy"))
    name = auto_name(args, inputs, 128)
    body = without(inputs, "name", "namePrefix", "policy")
    body.update(policyName=name, policyDocument=inputs.get("policy"))
    request = be.shape("iam", "CreatePolicy", body, where(args))
    created = be.send(where(args), "iam", "CreatePolicy", request)["Policy"]
    return created["Arn"], {
        "name": name,
        "arn": created["Arn"],
        "policyId": created["PolicyId"],
        "attachmentCount": created.get("AttachmentCount", 0),
    }


# S3 ----------------------------------------------------------------------------------------------


def bucket(be: Backend, args: MockResourceArgs, inputs: Json) -> tuple[str, Json]:
    """CreateBucket (+ PutBucketTagging); the location constraint follows the region."""
    name = auto_name(args, inputs, 63, "bucket", "bucketPrefix").lower()
    region = inputs.get("region") or be.region
    body: Json = without(inputs, "bucket", "bucketPrefix", "forceDestroy", "region", "tags")
    body["bucket"] = name
    if inputs.get("objectLockEnabled"):
        body["objectLockEnabledForBucket"] = body.pop("objectLockEnabled")
    if region != "us-east-1":
        body["createBucketConfiguration"] = {"locationConstraint": region}
    request = be.shape("s3", "CreateBucket", body, where(args))
    be.send(where(args), "s3", "CreateBucket", request, region)
    if inputs.get("tags"):
        tagging = be.shape(
            "s3",
            "PutBucketTagging",
            {"bucket": name, "tagging": {"tagSet": inputs["tags"]}},
            where(args),
        )
        be.send(where(args), "s3", "PutBucketTagging", tagging, region)
    return name, {
        "bucket": name,
        "arn": f"arn:aws:s3:::{name}",
        "bucketDomainName": f"{name}.s3.amazonaws.com",
        "bucketRegionalDomainName": f"{name}.s3.{region}.amazonaws.com",
        "region": region,
    }


def _bucket_setting(operation: str, build: Any) -> Handler:
    """Make the handler of one S3 per-bucket setting resource; its id is the bucket."""

    def handler(be: Backend, args: MockResourceArgs, inputs: Json) -> tuple[str, Json]:
        name = str(inputs.get("bucket"))
        body = {"bucket": name, **build(without(inputs, "bucket", "region", "expectedBucketOwner"))}
        request = be.shape("s3", operation, body, where(args))
        be.send(where(args), "s3", operation, request, inputs.get("region"))
        return name, {}

    handler.__doc__ = f"{operation}."
    return handler


def bucket_object(be: Backend, args: MockResourceArgs, inputs: Json) -> tuple[str, Json]:
    """PutObject with the real bytes of ``source`` (a file asset), ``content`` or base64."""
    key = str(inputs.get("key") or args.name)
    body = without(
        inputs,
        "source",
        "content",
        "contentBase64",
        "sourceHash",
        "etag",
        "forceDestroy",
        "region",
        "tags",
        "kmsKeyId",
    )
    body.update(key=key, body=_object_bytes(args, inputs))
    if inputs.get("kmsKeyId"):
        body["ssekmsKeyId"] = inputs["kmsKeyId"]
    if inputs.get("tags"):
        body["tagging"] = urllib.parse.urlencode(inputs["tags"])
    request = be.shape("s3", "PutObject", body, where(args))
    response = be.send(where(args), "s3", "PutObject", request, inputs.get("region"))
    return key, {
        "key": key,
        "etag": str(response.get("ETag", "")).strip('"'),
        "versionId": response.get("VersionId") or "",
    }


def _object_bytes(args: MockResourceArgs, inputs: Json) -> bytes:
    source = inputs.get("source")
    if source is not None:
        if isinstance(source, pulumi.FileAsset):
            path = Path(str(source.path))
            if not path.is_file():
                raise EmulatorError(*where(args), "NoSuchFile", f"source file {path} not found")
            return path.read_bytes()
        if isinstance(source, pulumi.StringAsset):
            return str(source.text).encode()
        raise EmulatorCoverageGap(
            *where(args),
            "UnsupportedSource",
            f"{type(source).__name__} sources",
            "it uploads FileAsset and StringAsset sources",
        )
    if inputs.get("contentBase64") is not None:
        return base64.b64decode(str(inputs["contentBase64"]))
    return str(inputs.get("content") or "").encode()


# ECR, KMS, SNS ---------------------------------------------------------------------------------


def repository(be: Backend, args: MockResourceArgs, inputs: Json) -> tuple[str, Json]:
    """CreateRepository."""
    name = auto_name(args, inputs, 256).lower()
    body = {**without(inputs, "name", "forceDelete", "region"), "repositoryName": name}
    request = be.shape("ecr", "CreateRepository", body, where(args))
    created = be.send(where(args), "ecr", "CreateRepository", request, inputs.get("region"))
    repo = created["repository"]
    return name, {
        "name": name,
        "arn": repo["repositoryArn"],
        "registryId": repo["registryId"],
        "repositoryUrl": repo["repositoryUri"],
    }


def lifecycle_policy(be: Backend, args: MockResourceArgs, inputs: Json) -> tuple[str, Json]:
    """PutLifecyclePolicy (the policy must be JSON)."""
    check_json(args, "policy", inputs.get("policy"))
    name = str(inputs.get("repository"))
    body = {"repositoryName": name, "lifecyclePolicyText": inputs.get("policy")}
    request = be.shape("ecr", "PutLifecyclePolicy", body, where(args))
    response = be.send(where(args), "ecr", "PutLifecyclePolicy", request, inputs.get("region"))
    return name, {"registryId": response.get("registryId", be.account_id)}


def kms_key(be: Backend, args: MockResourceArgs, inputs: Json) -> tuple[str, Json]:
    """CreateKey (+ EnableKeyRotation)."""
    check_json(args, "policy", inputs.get("policy"))
    body = without(
        inputs,
        "deletionWindowInDays",
        "enableKeyRotation",
        "isEnabled",
        "region",
        "customerMasterKeySpec",
        "rotationPeriodInDays",
    )
    if inputs.get("customerMasterKeySpec"):
        body["keySpec"] = inputs["customerMasterKeySpec"]
    region = inputs.get("region")
    request = be.shape("kms", "CreateKey", body, where(args))
    meta = be.send(where(args), "kms", "CreateKey", request, region)["KeyMetadata"]
    if inputs.get("enableKeyRotation"):
        rotation: Json = {"KeyId": meta["KeyId"]}
        if inputs.get("rotationPeriodInDays") is not None:
            rotation["RotationPeriodInDays"] = int(inputs["rotationPeriodInDays"])
        be.send(where(args), "kms", "EnableKeyRotation", rotation, region)
    if inputs.get("isEnabled") is False:
        be.send(where(args), "kms", "DisableKey", {"KeyId": meta["KeyId"]}, region)
    return meta["KeyId"], {"keyId": meta["KeyId"], "arn": meta["Arn"]}


_TOPIC_ATTRIBUTES = {
    "displayName": "DisplayName",
    "policy": "Policy",
    "kmsMasterKeyId": "KmsMasterKeyId",
    "fifoTopic": "FifoTopic",
    "contentBasedDeduplication": "ContentBasedDeduplication",
}


def topic(be: Backend, args: MockResourceArgs, inputs: Json) -> tuple[str, Json]:
    """CreateTopic; pulumi_aws's flat settings become topic attributes."""
    check_json(args, "policy", inputs.get("policy"))
    name = auto_name(args, inputs, 256)
    body: Json = without(inputs, "name", "namePrefix", "region", *_TOPIC_ATTRIBUTES)
    body["name"] = name
    attributes = {
        api: str(inputs[key]).lower() if isinstance(inputs[key], bool) else str(inputs[key])
        for key, api in _TOPIC_ATTRIBUTES.items()
        if inputs.get(key) is not None
    }
    if attributes:
        body["attributes"] = attributes
    request = be.shape("sns", "CreateTopic", body, where(args))
    arn = be.send(where(args), "sns", "CreateTopic", request, inputs.get("region"))["TopicArn"]
    return arn, {"name": name, "arn": arn}


HANDLERS: dict[str, Handler] = {
    "aws:iam/role:Role": role,
    "aws:iam/rolePolicy:RolePolicy": role_policy,
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": role_policy_attachment,
    "aws:iam/policy:Policy": iam_policy,
    "aws:s3/bucket:Bucket": bucket,
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": (
        _bucket_setting("PutBucketEncryption", lambda i: {"serverSideEncryptionConfiguration": i})
    ),
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": _bucket_setting(
        "PutPublicAccessBlock", lambda i: {"publicAccessBlockConfiguration": i}
    ),
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": _bucket_setting(
        "PutBucketOwnershipControls", lambda i: {"ownershipControls": {"rules": [i.get("rule")]}}
    ),
    "aws:s3/bucketVersioning:BucketVersioning": _bucket_setting(
        "PutBucketVersioning",
        lambda i: {"versioningConfiguration": i.get("versioningConfiguration")},
    ),
    "aws:s3/bucketObjectv2:BucketObjectv2": bucket_object,
    "aws:ecr/repository:Repository": repository,
    "aws:ecr/lifecyclePolicy:LifecyclePolicy": lifecycle_policy,
    "aws:kms/key:Key": kms_key,
    "aws:sns/topic:Topic": topic,
}
