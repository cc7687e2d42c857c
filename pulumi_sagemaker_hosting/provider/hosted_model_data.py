"""HostedModel's model data: an S3 object, or uncompressed files (or many models) under a prefix.

Reads ``modelDataUrl``, ``modelDataPrefix``, ``acceptEula``, ``modelDataKmsKeyArn``,
``multiModel`` and ``modelCache`` into this package's :class:`ModelData` and container
settings, through the Python API's factories and checks (their messages, prefixed with the
camelCase field), recording problems instead of raising.
"""

from typing import Any

import pulumi

from .. import _iam
from .._binding import Binding, BindScope
from ..errors import Problems
from ..model import ContainerDefinition, _check_multi_model
from ..model_data import ModelData, S3PrefixModelData, _check_options, _decrypt
from ._wire import Checker, factory, schema_names

#: The Python API's names in the factories' messages, and the schema's (see _wire.schema_names).
_NAMES = (
    ("modelDataUrl: accept_eula", "acceptEula"),
    ("modelDataPrefix: accept_eula", "acceptEula"),
    ("modelDataUrl: kms_key", "modelDataKmsKeyArn"),
    ("modelDataPrefix: kms_key", "modelDataKmsKeyArn"),
    ("must be an aws.kms.Key or a key ARN", "must be a KMS key ARN"),
    ("modelDataUrl: uri", "modelDataUrl"),
    ("modelDataUrl: bucket", "modelDataUrl's bucket"),
    ("modelDataUrl: key", "modelDataUrl's key"),
    ("modelDataPrefix: s3_uri", "modelDataPrefix"),
    ("modelDataPrefix: bucket", "modelDataPrefix's bucket"),
    (
        "multiModel: container.multi_model needs model_data from ModelData.from_s3_prefix or "
        "ModelData.from_bucket_prefix",
        "multiModel needs modelDataPrefix",
    ),
    ("the .tar.gz models), got S3ModelData", "the .tar.gz models), got modelDataUrl"),
    ("the .tar.gz models), got _S3UriOutput", "the .tar.gz models), got modelDataUrl"),
    (
        "modelCache: container.model_cache is only for multi_model=True containers",
        "modelCache is only for multiModel: true",
    ),
    ("multiModel: container: ", "multiModel: "),
    ("ModelData.from_s3_prefix or ModelData.from_bucket_prefix", "modelDataPrefix"),
    ("accept_eula", "acceptEula"),
)


class ModelDataPlan:
    """The model data and the container's multi-model settings, once read."""

    def __init__(self) -> None:
        self.model_data: ModelData | None = None
        self.multi_model = False
        self.model_cache: bool | None = None


def read_model_data(problems: Problems, check: Checker, raw: dict[str, Any]) -> ModelDataPlan:
    """The model data fields of ``raw`` (HostedModel's args), every problem recorded."""
    plan = ModelDataPlan()
    start = len(problems.items)
    plan = _read(problems, check, raw, plan)
    problems.items[start:] = [schema_names(p, _NAMES) for p in problems.items[start:]]
    return plan


def _read(
    problems: Problems, check: Checker, raw: dict[str, Any], plan: ModelDataPlan
) -> ModelDataPlan:
    url = raw.get("model_data_url")
    prefix = check.input_text("modelDataPrefix", raw.get("model_data_prefix"))
    eula = check.flag("acceptEula", raw.get("accept_eula"))
    kms = raw.get("model_data_kms_key_arn")
    multi = check.flag("multiModel", raw.get("multi_model"))
    cache = check.flag("modelCache", raw.get("model_cache"))
    before = len(problems.items)
    if url is not None and raw.get("model_data_prefix") is not None:
        problems.add("give at most one of modelDataUrl (an object) or modelDataPrefix (a prefix)")
        return plan
    if url is None and raw.get("model_data_prefix") is None:
        for field, value in (("acceptEula", eula), ("modelDataKmsKeyArn", kms)):
            if value is not None:
                problems.add(f"{field} applies to modelDataUrl or modelDataPrefix, neither is set")
    elif url is not None:
        text = check.input_text("modelDataUrl", url)
        if isinstance(text, pulumi.Output):
            # The factories' rules for what is known now: the key, and accept_eula only with
            # uncompressed data (an object URL is compressed).
            for problem in _check_options(eula, kms, compressed=True):
                problems.add(f"modelDataUrl: {problem}")
            plan.model_data = _S3UriOutput(text, kms)
        elif text is not None:
            plan.model_data = factory(
                problems,
                "modelDataUrl",
                lambda: ModelData.from_s3_uri(text, kms_key=kms, accept_eula=eula),
            )
    elif isinstance(prefix, pulumi.Output):
        for problem in _check_options(eula, kms, compressed=False):
            problems.add(f"modelDataPrefix: {problem}")
        plan.model_data = _S3PrefixOutput(prefix, eula, kms)
    elif prefix is not None:
        plan.model_data = factory(
            problems,
            "modelDataPrefix",
            lambda: ModelData.from_s3_prefix(prefix, kms_key=kms, accept_eula=eula),
        )
    if multi is not None or cache is not None:
        plan.multi_model = bool(multi)
        plan.model_cache = cache
        found = Problems("")
        if len(problems.items) == before:  # the data was read: check it fits the mode
            _check_multi_model(
                found,
                "container",
                ContainerDefinition(
                    model_data=plan.model_data, multi_model=plan.multi_model, model_cache=cache
                ),
            )
        for problem in found.items:
            problems.add(f"{'multiModel' if multi is not None else 'modelCache'}: {problem}")
    return plan


class _S3UriOutput(ModelData):
    """Model data whose ``s3://bucket/key`` URL is another resource's output.

    The grant (``s3:GetObject`` on that object only) is derived from the URL once it is known;
    a URL that is not ``s3://bucket/key`` is left to SageMaker, which refuses it when the
    model is created (nothing raises inside the apply).
    """

    def __init__(self, url: pulumi.Output[str], kms_key: pulumi.Input[str] | None) -> None:
        self.url = url
        self.kms_key = kms_key

    def _bind(self, scope: BindScope) -> Binding:
        """The URL as given, readable (and decryptable) by the model's role."""
        arn = pulumi.Output.all(scope.env.partition, self.url).apply(
            lambda pu: f"arn:{pu[0]}:s3:::{_s3_object(pu[1])}"
        )
        statements = [_iam.allow(["s3:GetObject"], [arn], "ReadModelData")]
        return Binding(self.url, statements + _decrypt(self.kms_key))


class _S3PrefixOutput(S3PrefixModelData):
    """Uncompressed model files under an ``s3://bucket/prefix/`` that is another resource's output.

    As :meth:`ModelData.from_s3_prefix` (list the prefix, read under it), with the bucket and
    prefix of the grants taken from the URI once it is known; a URI that is not
    ``s3://bucket/prefix/`` is left to SageMaker, which refuses it when the model is created
    (nothing raises inside the apply).
    """

    def __init__(
        self, uri: pulumi.Output[str], accept_eula: bool | None, kms_key: pulumi.Input[str] | None
    ) -> None:
        # Not S3PrefixModelData.__init__: the bucket and prefix are known only with the URI.
        self.uri = uri
        self.accept_eula = accept_eula
        self.kms_key = kms_key

    def _bind(self, scope: BindScope) -> Binding:
        """The URI as given, as a ``model_data_source``; list and read under the prefix."""
        source: dict[str, Any] = {
            "s3_uri": self.uri,
            "s3_data_type": "S3Prefix",
            "compression_type": "None",
        }
        if self.accept_eula is not None:
            source["model_access_config"] = {"accept_eula": self.accept_eula}
        parts = pulumi.Output.all(scope.env.partition, self.uri).apply(
            lambda pu: (pu[0], *_bucket_and_key(pu[1]))
        )
        statements = [
            _iam.allow(
                ["s3:GetObject"],
                [parts.apply(lambda pbk: f"arn:{pbk[0]}:s3:::{pbk[1]}/{pbk[2]}*")],
                "ReadModelData",
            ),
            {
                **_iam.allow(
                    ["s3:ListBucket"],
                    [parts.apply(lambda pbk: f"arn:{pbk[0]}:s3:::{pbk[1]}")],
                    "ListModelData",
                ),
                "Condition": {"StringLike": {"s3:prefix": [parts.apply(lambda pbk: f"{pbk[2]}*")]}},
            },
        ]
        return Binding(
            self.uri,
            statements + _decrypt(self.kms_key),
            model_data_source={"s3_data_sources": [source]},
        )


def _bucket_and_key(uri: str) -> tuple[str, str]:
    # Inside an apply: never raise (see _s3_object). "s3://b/p/" is ("b", "p/").
    bucket, _, key = uri.split("://", 1)[-1].partition("/")
    return bucket, key


def _s3_object(url: str) -> str:
    # Inside an apply: never raise on user input (issue 9). SageMaker's CreateModel refuses a
    # ModelDataUrl that is no S3/HTTPS URL at deploy time; the grant names the text after the
    # scheme, no broader than the URL itself.
    return url.split("://", 1)[-1]
