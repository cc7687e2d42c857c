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
from ..model_data import ModelData, _check_options, _decrypt
from ._wire import Checker, factory


class ModelDataPlan:
    """The model data and the container's multi-model settings, once read."""

    def __init__(self) -> None:
        self.model_data: ModelData | None = None
        self.multi_model = False
        self.model_cache: bool | None = None


def read_model_data(problems: Problems, check: Checker, raw: dict[str, Any]) -> ModelDataPlan:
    """The model data fields of ``raw`` (HostedModel's args), every problem recorded."""
    plan = ModelDataPlan()
    url = raw.get("model_data_url")
    prefix = check.text("modelDataPrefix", raw.get("model_data_prefix"))
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
    elif isinstance(url, pulumi.Output):
        # The factories' rules for what is known now: the key, and accept_eula only with
        # uncompressed data (an object URL is compressed).
        for problem in _check_options(eula, kms, compressed=True):
            problems.add(f"modelDataUrl: {problem}")
        plan.model_data = _S3UriOutput(url, kms)
    elif url is not None:
        text = check.text("modelDataUrl", url)
        if text is not None:
            plan.model_data = factory(
                problems,
                "modelDataUrl",
                lambda: ModelData.from_s3_uri(text, kms_key=kms, accept_eula=eula),
            )
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


def _s3_object(url: str) -> str:
    # Inside an apply: never raise on user input (issue 9). SageMaker's CreateModel refuses a
    # ModelDataUrl that is no S3/HTTPS URL at deploy time; the grant names the text after the
    # scheme, no broader than the URL itself.
    return url.split("://", 1)[-1]
