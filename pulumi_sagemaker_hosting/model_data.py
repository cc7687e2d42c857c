"""Model artifacts: S3 objects, local ``.tar.gz`` files uploaded on deploy, S3 prefixes.

A prefix holds uncompressed files (LLM weights) or the models of a multi-model endpoint.
"""

from __future__ import annotations

import hashlib
import os
import re
from abc import ABC, abstractmethod
from typing import Any

import pulumi
import pulumi_aws as aws

from . import _iam, _s3
from ._binding import Binding, BindScope
from ._resource_types import is_kms_key
from ._validation import field, is_unknown, show
from .errors import ValidationError

_BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
_S3_URI = re.compile(r"^s3://([^/]+)/(.+)$")
_S3_PREFIX_URI = re.compile(r"^s3://([^/]+)/(.*)$")
# AWS accepts a model licence (ModelAccessConfig.AcceptEula) only on uncompressed data:
# https://docs.aws.amazon.com/sagemaker/latest/dg/large-model-inference-uncompressed.html
_EULA_NEEDS_PREFIX = (
    "accept_eula needs uncompressed model data (SageMaker takes the licence acceptance only "
    "with CompressionType None): use ModelData.from_s3_prefix or ModelData.from_bucket_prefix"
)


def _check_prefix(prefix: object) -> list[str]:
    if (
        not isinstance(prefix, str)
        or not prefix.endswith("/")
        or prefix.startswith("/")
        or "//" in prefix
        or len(prefix.encode()) > 1024
    ):
        return [
            "prefix must be an S3 key prefix of 1-1024 bytes ending with '/' (not starting "
            f"with '/'), got {prefix!r}"
        ]
    return []


def _check_options(accept_eula: object, kms_key: object, compressed: bool) -> list[str]:
    problems: list[str] = []
    if accept_eula is not None and not isinstance(accept_eula, bool):
        problems.append(f"accept_eula must be a bool, got {accept_eula!r}")
    elif accept_eula is not None and compressed:
        problems.append(_EULA_NEEDS_PREFIX)
    reason = _s3.key_problem("kms_key", kms_key)
    if reason:
        problems.append(reason)
    elif kms_key is not None and not (
        is_kms_key(kms_key) or isinstance(kms_key, (str, pulumi.Output))
    ):
        problems.append(f"kms_key must be an aws.kms.Key or a key ARN, got {kms_key!r}")
    return problems


def _check_bucket(bucket: object) -> list[str]:
    if isinstance(bucket, str):
        if not _BUCKET_NAME.match(bucket):
            return [f"bucket must be an S3 bucket name, got {bucket!r}"]
    elif not isinstance(bucket, aws.s3.Bucket):
        return [f"bucket must be an aws.s3.Bucket or a bucket name, got {type(bucket).__name__}"]
    return []


# ContainerDefinition.ModelDataUrl: at most 1024 characters (botocore's Url shape).
_URL = "sagemaker.CreateModel.Containers[].ModelDataUrl"


def _check_key(where: str, key: object) -> list[str]:
    if is_unknown(key):
        return []
    if not isinstance(key, str):
        return [f"key must be a string (or an Output of one), got {show(key)}"]
    if not key or key.startswith("/") or key.endswith("/") or len(key.encode()) > 1024:
        return [
            "key must be an S3 object key of 1-1024 bytes, not starting or ending with '/', "
            f"got {key!r}"
        ]
    return []


class ModelData(ABC):
    """Where a model's artifacts come from; create one with a ``from_*`` factory.

    Subclass it for other sources: ``bind`` returns the model data URL plus the IAM statements
    the model's role needs to read it.
    """

    @abstractmethod
    def _bind(self, scope: BindScope) -> Binding:
        """Produce the model data URL (and grants) for the model described by ``scope``."""

    @staticmethod
    def from_bucket(
        bucket: aws.s3.Bucket | str,
        key: pulumi.Input[str],
        *,
        kms_key: aws.kms.Key | pulumi.Input[str] | None = None,
        accept_eula: bool | None = None,
    ) -> ModelData:
        """An object in S3 (a ``.tar.gz``): a bucket resource (or bucket name) and its key.

        The key may be an Output (a ``BucketObject``'s ``key``); it is then checked by AWS.
        The model's role may read this object only (``s3:GetObject`` on ``bucket/key``), and
        decrypt with ``kms_key`` (resource or key ARN) when the object is encrypted with it.
        ``accept_eula`` is refused here: SageMaker takes a model licence only with
        uncompressed data (:meth:`from_s3_prefix`).
        """
        where = "ModelData.from_bucket"
        problems = _check_key(where, key)
        problems += _check_bucket(bucket)
        if not problems and isinstance(bucket, str) and isinstance(key, str):
            problems = field(_URL, "the model data URL s3://<bucket>/<key>", f"s3://{bucket}/{key}")
        problems += _check_options(accept_eula, kms_key, compressed=True)
        if problems:
            raise ValidationError(where, problems)
        return S3ModelData(bucket, key, kms_key)

    @staticmethod
    def from_s3_uri(
        uri: str,
        *,
        kms_key: aws.kms.Key | pulumi.Input[str] | None = None,
        accept_eula: bool | None = None,
    ) -> ModelData:
        """An object given as ``s3://bucket/key.tar.gz`` (``kms_key`` as in :meth:`from_bucket`)."""
        if not isinstance(uri, str):
            raise ValidationError(
                "ModelData.from_s3_uri",
                [f"uri must be a plain s3://bucket/key string, got {show(uri)}"],
            )
        match = _S3_URI.match(uri)
        if not match:
            raise ValidationError(
                "ModelData.from_s3_uri", [f"uri must look like s3://bucket/key, got {uri!r}"]
            )
        try:
            return ModelData.from_bucket(
                match.group(1), match.group(2), kms_key=kms_key, accept_eula=accept_eula
            )
        except ValidationError as error:
            raise ValidationError("ModelData.from_s3_uri", error.problems) from None

    @staticmethod
    def from_bucket_prefix(
        bucket: aws.s3.Bucket | str,
        prefix: str,
        *,
        accept_eula: bool | None = None,
        kms_key: aws.kms.Key | pulumi.Input[str] | None = None,
    ) -> ModelData:
        """Uncompressed files under an S3 prefix (``prefix`` ends with ``/``).

        SageMaker copies every object under the prefix to ``/opt/ml/model`` (no ``.tar.gz`` to
        build or unpack: what large model weights want), or, in a multi-model container, loads
        the ``.tar.gz`` models under it on demand. ``accept_eula=True`` accepts the licence of a
        gated model (Llama, say); you are responsible for its terms. The model's role may list
        the prefix (``s3:ListBucket`` with an ``s3:prefix`` condition) and read the objects
        under it (``s3:GetObject`` on ``prefix*``), and decrypt with ``kms_key``.
        https://docs.aws.amazon.com/sagemaker/latest/dg/large-model-inference-uncompressed.html
        """
        where = "ModelData.from_bucket_prefix"
        problems = _check_bucket(bucket) + _check_prefix(prefix)
        if not problems and isinstance(bucket, str):
            problems = field(
                "sagemaker.CreateModel.Containers[].ModelDataSource.S3DataSource.S3Uri",
                "the prefix URI s3://<bucket>/<prefix>",
                f"s3://{bucket}/{prefix}",
            )
        problems += _check_options(accept_eula, kms_key, compressed=False)
        if problems:
            raise ValidationError(where, problems)
        return S3PrefixModelData(bucket, prefix, accept_eula, kms_key)

    @staticmethod
    def from_s3_prefix(
        s3_uri: str,
        *,
        accept_eula: bool | None = None,
        kms_key: aws.kms.Key | pulumi.Input[str] | None = None,
    ) -> ModelData:
        """Uncompressed files under ``s3://bucket/prefix/`` (see :meth:`from_bucket_prefix`)."""
        match = _S3_PREFIX_URI.match(s3_uri) if isinstance(s3_uri, str) else None
        if not match:
            raise ValidationError(
                "ModelData.from_s3_prefix",
                [f"s3_uri must look like s3://bucket/prefix/, got {s3_uri!r}"],
            )
        try:
            return ModelData.from_bucket_prefix(
                match.group(1), match.group(2), accept_eula=accept_eula, kms_key=kms_key
            )
        except ValidationError as error:
            problems = [p.replace("prefix must", "s3_uri's prefix must") for p in error.problems]
            raise ValidationError("ModelData.from_s3_prefix", problems) from None

    @staticmethod
    def from_asset(path: str, *, bucket: aws.s3.Bucket | None = None) -> ModelData:
        """A local ``.tar.gz`` file, uploaded when the stack deploys.

        The object key contains the file's sha256 (``models/<sha256>/<file name>``), so a new
        artifact is a new key, hence a new model and a rollout. The upload goes to ``bucket``
        or to an artifact bucket (private, encrypted) created under the model.
        """
        where = "ModelData.from_asset"
        problems: list[str] = []
        if not isinstance(path, str):
            raise ValidationError(
                where, [f"path must be a path string to a .tar.gz file, got {show(path)}"]
            )
        if not path.lower().endswith(".tar.gz"):
            problems.append(f"path must be a gzipped tar file ending in .tar.gz, got {path!r}")
        elif not os.path.isfile(path):
            problems.append(f"path must be an existing file, got {path!r}")
        if bucket is not None and not isinstance(bucket, aws.s3.Bucket):
            problems.append(f"bucket must be an aws.s3.Bucket, got {type(bucket).__name__}")
        if problems:
            raise ValidationError(where, problems)
        return AssetModelData(os.path.abspath(path), bucket)


def _identity(value: object) -> object:
    """A cache key part: a string as itself, anything else (an Output, a bucket) by identity."""
    return value if isinstance(value, str) else ("id", id(value))


def _bucket_name(bucket: aws.s3.Bucket | str) -> pulumi.Input[str]:
    return bucket.bucket if isinstance(bucket, aws.s3.Bucket) else bucket


def _object_url(
    scope: BindScope, bucket: aws.s3.Bucket | str, key: pulumi.Input[str]
) -> pulumi.Input[str]:
    """``s3://<bucket>/<key>``: plain when both are, else built once per bucket and key."""
    if isinstance(bucket, str) and isinstance(key, str):
        return f"s3://{bucket}/{key}"
    return scope.env.memo(
        ("s3-url", _identity(bucket), _identity(key)),
        lambda: pulumi.Output.all(_bucket_name(bucket), key).apply(
            lambda bk: f"s3://{bk[0]}/{bk[1]}"
        ),
        bucket,
        key,
    )


def _object_arn(
    scope: BindScope, bucket: aws.s3.Bucket | str, key: pulumi.Input[str]
) -> pulumi.Output[str]:
    """``arn:<partition>:s3:::<bucket>/<key>``, built once per provider, bucket and key."""
    env = scope.env
    if isinstance(bucket, str) and isinstance(key, str):
        return env.derived(
            ("s3-object-arn", bucket, key), lambda e: f"arn:{e.partition}:s3:::{bucket}/{key}"
        )
    return env.memo(
        ("s3-object-arn", _identity(bucket), _identity(key)),
        lambda: pulumi.Output.all(env.partition, _bucket_name(bucket), key).apply(
            lambda pbk: f"arn:{pbk[0]}:s3:::{pbk[1]}/{pbk[2]}"
        ),
        bucket,
        key,
    )


def _decrypt(kms_key: aws.kms.Key | pulumi.Input[str] | None) -> list[dict[str, Any]]:
    if kms_key is None:
        return []
    return [_iam.allow(["kms:Decrypt"], [_s3.key_arn(kms_key)], "DecryptModelData")]


class S3ModelData(ModelData):
    """An existing S3 object."""

    def __init__(
        self,
        bucket: aws.s3.Bucket | str,
        key: pulumi.Input[str],
        kms_key: aws.kms.Key | pulumi.Input[str] | None = None,
    ) -> None:
        self.bucket = bucket
        self.key = key
        self.kms_key = kms_key

    def _bind(self, scope: BindScope) -> Binding:
        """``s3://bucket/key``, readable (and decryptable) by the model's role."""
        # Built once per provider, bucket and key: shared by every model reading the object.
        url = _object_url(scope, self.bucket, self.key)
        arn = _object_arn(scope, self.bucket, self.key)
        statements = [_iam.allow(["s3:GetObject"], [arn], "ReadModelData")]
        return Binding(url, statements + _decrypt(self.kms_key))


class S3PrefixModelData(ModelData):
    """Uncompressed files under an S3 prefix (``model_data_source``, ``S3Prefix``)."""

    def __init__(
        self,
        bucket: aws.s3.Bucket | str,
        prefix: str,
        accept_eula: bool | None,
        kms_key: aws.kms.Key | pulumi.Input[str] | None,
    ) -> None:
        self.bucket = bucket
        self.prefix = prefix
        self.accept_eula = accept_eula
        self.kms_key = kms_key

    def _bind(self, scope: BindScope) -> Binding:
        """``s3://bucket/prefix/`` as a ``model_data_source``; list and read under the prefix."""
        url = _object_url(scope, self.bucket, self.prefix)
        source: dict[str, Any] = {
            "s3_uri": url,
            "s3_data_type": "S3Prefix",
            "compression_type": "None",
        }
        if self.accept_eula is not None:
            source["model_access_config"] = {"accept_eula": self.accept_eula}
        bucket_arn = pulumi.Output.all(scope.env.partition, _bucket_name(self.bucket)).apply(
            lambda pb: f"arn:{pb[0]}:s3:::{pb[1]}"
        )
        statements = [
            _iam.allow(
                ["s3:GetObject"],
                [_object_arn(scope, self.bucket, f"{self.prefix}*")],
                "ReadModelData",
            ),
            {
                **_iam.allow(["s3:ListBucket"], [bucket_arn], "ListModelData"),
                "Condition": {"StringLike": {"s3:prefix": [f"{self.prefix}*"]}},
            },
        ]
        return Binding(
            url,
            statements + _decrypt(self.kms_key),
            model_data_source={"s3_data_sources": [source]},
        )


def file_sha256(path: str) -> str:
    """The sha256 hex digest of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class AssetModelData(ModelData):
    """A local file uploaded to S3 under a content-addressed key; uploaded once however used."""

    def __init__(self, path: str, bucket: aws.s3.Bucket | None) -> None:
        self.path = path
        self.bucket = bucket
        self.sha256 = file_sha256(path)
        self.key = f"models/{self.sha256}/{os.path.basename(path)}"
        self._uploaded: Binding | None = None

    def _bind(self, scope: BindScope) -> Binding:
        """Upload on first use (under the first model) and grant read on the object."""
        key = f"data:{self.sha256}:{id(self.bucket)}"
        if self._uploaded is None and key in scope.bound:
            self._uploaded = scope.bound[key]
        if self._uploaded is None:
            bucket = self.bucket if self.bucket is not None else scope.artifact_bucket()
            upload = aws.s3.BucketObjectv2(
                f"{scope.name}-data-{self.sha256[:8]}",
                bucket=bucket.id,
                key=self.key,
                source=pulumi.FileAsset(self.path),
                source_hash=self.sha256,
                content_type="application/gzip",
                opts=pulumi.ResourceOptions(parent=scope.parent),
            )
            url = pulumi.Output.concat("s3://", upload.bucket, "/", upload.key)
            arn = _object_arn(scope, bucket, self.key)
            self._uploaded = Binding(
                url,
                [_iam.allow(["s3:GetObject"], [arn], "ReadModelData")],
                dependencies=(upload,),
            )
            scope.bound[key] = self._uploaded
        return self._uploaded
