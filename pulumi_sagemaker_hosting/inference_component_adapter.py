"""The InferenceComponentAdapter component: a LoRA adapter loaded onto a base inference component.

An adapter inference component names a base inference component (which serves the foundation
model) and the S3 location of the adapter's weights; it has no model, compute or copies of its
own (it uses the base's), and is invoked by its own name (``InvokeEndpoint`` with
``InferenceComponentName=<adapter>``). Registered as ``aws-native:sagemaker:InferenceComponent``
with ``Specification.BaseInferenceComponentName`` and ``Specification.Container.ArtifactUrl``:

- https://docs.aws.amazon.com/sagemaker/latest/dg/realtime-endpoints-adapt.html
- https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateInferenceComponent.html
- https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InferenceComponentSpecification.html
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import pulumi
import pulumi_aws as aws

from . import _aws_native, _iam, _urns, _validation
from ._binding import Binding, BindScope
from ._environment import lookup
from .errors import Problems, ValidationError
from .inference_component import InferenceComponent, _publish_outputs
from .inference_component_metrics import InferenceComponentInvocationMetrics
from .model import Model, _artifact_bucket
from .model_data import AssetModelData, ModelData, S3ModelData, S3PrefixModelData

_TOKEN = "sagemaker-hosting:index:InferenceComponentAdapter"
_OPERATION = "sagemaker.CreateInferenceComponent"
_ARTIFACT_URL = f"{_OPERATION}.Specification.Container.ArtifactUrl"
# "This path must point to a single gzip compressed tar archive (.tar.gz suffix)."
# https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InferenceComponentContainerSpecification.html
_TAR_GZ = ".tar.gz"


def _artifact_problems(artifact: object) -> list[str]:
    """Why ``artifact`` is not one ``.tar.gz`` object in S3 (empty: it is one)."""
    if isinstance(artifact, str):
        if not artifact.startswith("s3://"):
            return [
                "artifact must be the s3:// URI of the adapter's .tar.gz (adapters are "
                f"loaded from Amazon S3), got {_validation.show(artifact)}"
            ]
        try:
            ModelData.from_s3_uri(artifact)
        except ValidationError as error:
            return [f"artifact {p.removeprefix('uri ')}" for p in error.problems]
        return _key_problems(artifact.split("/", 3)[3])
    if isinstance(artifact, S3PrefixModelData):
        return [
            "artifact must be one .tar.gz object (ArtifactUrl points to a single gzip "
            "compressed tar archive), not an S3 prefix (ModelData.from_bucket_prefix/"
            "from_s3_prefix)"
        ]
    if isinstance(artifact, S3ModelData):
        key = artifact.key
        if isinstance(artifact.bucket, str) and isinstance(key, str):
            url = f"s3://{artifact.bucket}/{key}"
            return _validation.field(_ARTIFACT_URL, "artifact", url) + _key_problems(key)
        return _key_problems(key) if isinstance(key, str) else []
    if isinstance(artifact, AssetModelData):
        return []  # ModelData.from_asset takes only a .tar.gz file
    return [
        "artifact must be ModelData.from_bucket, ModelData.from_s3_uri, ModelData.from_asset "
        f"or an s3:// URI string (one .tar.gz object in S3), got {type(artifact).__name__}"
    ]


def _key_problems(key: str) -> list[str]:
    if key.endswith(_TAR_GZ):
        return []
    return [
        "artifact must be a gzip compressed tar archive whose key ends with .tar.gz "
        f"(ArtifactUrl's rule), got key {_validation.show(key)}"
    ]


class InferenceComponentAdapter(pulumi.ComponentResource, InferenceComponentInvocationMetrics):
    """A LoRA adapter served by a base :class:`InferenceComponent` (an adapter inference component).

    SageMaker loads the adapter's weights (``artifact``, one ``.tar.gz`` in S3) onto the
    base component, which holds the foundation model; the adapter uses the base's copies and
    compute, so it takes no compute, copy count or scaling of its own (scale the base). Invoke
    it with ``InvokeEndpoint(EndpointName=..., InferenceComponentName=<adapter name>)``.

    The base model's execution role reads the artifact: this component grants exactly that
    object (``s3:GetObject`` on ``bucket/key``, plus ``kms:Decrypt`` with the artifact's
    ``kms_key``) as an inline policy, and the adapter waits for it. When the base serves a
    :class:`Model` of this program, the grant goes on that model's role. When it serves a
    model given by reference (``Model.from_model_name``/``from_model_arn``), this program does
    not know its role: ``role`` (that model's execution role) is then required and granted.

    Built with this constructor (``base=``, like every component) or with
    :meth:`InferenceComponent.add_adapter`, which reads as the relation and passes the same
    arguments. Program-time checks: the base is an inference component serving a model (an
    adapter of an adapter is refused: AWS needs "an existing inference component that contains
    the foundation model"), the artifact is one ``.tar.gz`` object in S3, and the name and tags
    follow ``CreateInferenceComponent``'s rules (botocore's model).
    https://docs.aws.amazon.com/sagemaker/latest/dg/realtime-endpoints-adapt.html
    """

    _KIND = "InferenceComponentAdapter"

    # Declared for type checkers and the reference only (docs/design.md, "Cost of the
    # abstraction").
    if TYPE_CHECKING:
        inference_component_name: pulumi.Output[str]
        """The adapter's inference component name (what ``InvokeEndpoint`` takes)."""
        inference_component_arn: pulumi.Output[str]
        """The adapter inference component's ARN."""
        artifact_url: pulumi.Input[str]
        """The adapter's ``s3://`` URL, as rendered in ``ArtifactUrl``."""
        read_policy: aws.iam.RolePolicy
        """The inline policy letting the base model's role read the artifact."""

    def __init__(
        self,
        name: str,
        *,
        base: InferenceComponent,
        artifact: ModelData | str,
        role: _iam.RoleLike | None = None,
        inference_component_name: str | None = None,
        tags: Mapping[str, pulumi.Input[str]] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Load a LoRA adapter onto a base inference component.

        Args:
            name: the component's logical name.
            base: the inference component serving the foundation model (not an adapter).
            artifact: the adapter's weights, one ``.tar.gz`` object in S3:
                ``ModelData.from_bucket``/``from_s3_uri`` (an existing object),
                ``ModelData.from_asset`` (a local file uploaded on deploy, to the base model's
                artifact bucket unless a bucket is given) or an ``s3://bucket/key.tar.gz``
                string.
            role: the base model's execution role, required (and only accepted) when the base
                serves a model given by reference: the artifact read is granted to it.
            inference_component_name: a fixed physical name (default: generated).
            tags: tags for the adapter inference component.
            opts: options for the component.
        """
        _validation.check_component(self._KIND, name, opts)
        where = f"{self._KIND} {name!r}"
        problems = Problems(where)
        base_model = None
        if isinstance(base, InferenceComponentAdapter):
            problems.add(
                f"base must be an inference component serving a model, got adapter "
                f"{base._name!r}: an adapter loads onto the component that holds the "
                "foundation model, not onto another adapter"
            )
        elif not isinstance(base, InferenceComponent):
            problems.add(f"base must be an InferenceComponent, got {type(base).__name__}")
        else:
            base_model = base.model
        for problem in _artifact_problems(artifact):
            problems.add(problem)
        if isinstance(base_model, Model):
            problems.check(
                role is None,
                f"role applies only to a base serving a model given by reference; base "
                f"{base._name!r} serves Model {base_model._name!r}, whose role is granted",
            )
        elif base_model is not None and role is None:
            problems.add(
                f"role is required: base {base._name!r} serves a model given by reference, "
                "whose execution role this program does not know; pass that role (it loads "
                "the adapter and is granted read of the artifact)"
            )
        for problem in _iam.role_like_problems("role", role):
            problems.add(problem)
        if inference_component_name is not None:
            if isinstance(inference_component_name, str):
                for problem in _validation.field(
                    f"{_OPERATION}.InferenceComponentName",
                    "inference_component_name",
                    inference_component_name,
                ):
                    problems.add(problem)
                problems.check(
                    bool(inference_component_name),
                    "inference_component_name must be 1 to 63 characters long, got ''",
                )
            else:
                problems.add(
                    "inference_component_name must be a str, "
                    f"got {type(inference_component_name).__name__}"
                )
        for problem in _validation.tags("tags", tags, [_OPERATION]):
            problems.add(problem)
        problems.raise_if_any()
        assert isinstance(base, InferenceComponent)
        native = _aws_native.sagemaker(where)

        super().__init__(_TOKEN, name, {}, _urns.guarded(opts, where))
        self._name = name
        self._base = base
        base._adapters.append(self)
        source = ModelData.from_s3_uri(artifact) if isinstance(artifact, str) else artifact
        binding = source._bind(
            BindScope(
                name=name,
                parent=self,
                env=lookup(self),
                artifact_bucket=self._bucket_for(base_model),
            )
        )
        self.artifact_url = binding.value
        self.read_policy = self._grant(base_model, role, binding)
        self._component = native.InferenceComponent(
            f"{name}-component",
            endpoint_name=base._endpoint.endpoint_name,
            inference_component_name=inference_component_name,
            specification={
                "base_inference_component_name": base.inference_component_name,
                "container": {"artifact_url": binding.value},
            },
            tags=_aws_native.tags(tags),
            # SageMaker loads the adapter with the base model's role when it creates it.
            opts=pulumi.ResourceOptions(
                parent=self, depends_on=[self.read_policy, *binding.dependencies]
            ),
        )
        self.inference_component_name, self.inference_component_arn = _publish_outputs(
            self, self._component
        )

    def _scope(self) -> pulumi.Resource:
        return self

    @property
    def base(self) -> InferenceComponent:
        """The inference component whose model this adapter adapts."""
        return self._base

    def _bucket_for(self, model: object) -> Callable[[], aws.s3.Bucket]:
        """Where ``ModelData.from_asset`` uploads: the base model's bucket, else our own."""
        made: list[aws.s3.Bucket] = []

        def bucket() -> aws.s3.Bucket:
            if isinstance(model, Model):
                return model._bucket()
            if not made:
                made.append(_artifact_bucket(self._name, self))
            return made[0]

        return bucket

    def _grant(
        self, model: object, role: _iam.RoleLike | None, binding: Binding
    ) -> aws.iam.RolePolicy:
        """Let the base model's role read the artifact (exactly its object)."""
        if isinstance(model, Model):
            return model.grant(f"adapter-{self._name}", binding.statements)
        assert role is not None  # refused above
        return aws.iam.RolePolicy(
            f"{self._name}-policy",
            role=_iam.role_name(role),
            policy=_iam.document(binding.statements),
            opts=pulumi.ResourceOptions(parent=self),
        )
