"""The EndpointConfig component: production variants, traffic weights, encryption."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

import pulumi
import pulumi_aws as aws

from . import _iam, _naming, _urns, _validation
from ._deferred import after_program_code, deferred_output
from ._environment import lookup
from ._resource_types import is_kms_key
from ._validation import collect
from .async_inference import AsyncInference
from .data_capture import DataCapture
from .errors import Problems, ValidationError
from .inference_component_variant import InferenceComponentProductionVariant
from .model import Model
from .variants import InstanceProductionVariant, ProductionVariant, ServerlessProductionVariant

MAX_VARIANTS = 10
_TOKEN = "sagemaker-hosting:index:EndpointConfig"
_OPERATION = "sagemaker.CreateEndpointConfig"


class EndpointConfigReference:
    """An endpoint config usable by an Endpoint: ours, or an existing one imported."""

    endpoint_config_name: pulumi.Output[str]
    """The SageMaker endpoint config name."""
    endpoint_config_arn: pulumi.Output[str]
    """The SageMaker endpoint config ARN."""

    def __init__(self, name: pulumi.Output[str], arn: pulumi.Output[str]) -> None:
        self.endpoint_config_name = name
        self.endpoint_config_arn = arn

    @property
    def production_variants(self) -> Sequence[ProductionVariant] | None:
        """The variants, or None when they are not known (an imported config)."""
        return None


class EndpointConfig(pulumi.ComponentResource, EndpointConfigReference):
    """A SageMaker endpoint configuration: which models serve, on what, with which weights.

    Either 1 to 10 instance variants, or exactly one serverless variant. The physical name is
    generated (``endpoint_config_name`` is a prefix): every change is a new config, which the
    Endpoint adopts by an in-place, blue/green update. Variants may be added with
    :meth:`add_instance_production_variant` until the program yields to the Pulumi engine
    (in practice: anywhere in the program's top-level code).
    """

    # Declared for type checkers and the reference only: the SDK would resolve a
    # component's own annotations at every registration (docs/design.md, "Cost of the
    # abstraction").
    if TYPE_CHECKING:
        endpoint_config_name: pulumi.Output[str]
        """The SageMaker endpoint config name (generated)."""
        endpoint_config_arn: pulumi.Output[str]
        """The SageMaker endpoint config ARN."""

    def __init__(
        self,
        name: str,
        *,
        instance_production_variants: Sequence[InstanceProductionVariant] | None = None,
        production_variant: InstanceProductionVariant | None = None,
        extra_production_variants: Sequence[InstanceProductionVariant] | None = None,
        serverless_production_variant: ServerlessProductionVariant | None = None,
        shadow_production_variants: Sequence[InstanceProductionVariant] | None = None,
        data_capture: DataCapture | None = None,
        async_inference: AsyncInference | None = None,
        encryption_key: aws.kms.Key | pulumi.Input[str] | None = None,
        execution_role_arn: aws.iam.Role | pulumi.Input[str] | None = None,
        endpoint_config_name: str | None = None,
        tags: Mapping[str, pulumi.Input[str]] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Create an endpoint configuration.

        Args:
            name: the component's logical name.
            instance_production_variants: 1 to 10 instance variants.
            production_variant: the spec's spelling: the first variant.
            extra_production_variants: the spec's spelling: the variants after the first.
            serverless_production_variant: one serverless variant (never with instance ones).
            shadow_production_variants: one shadow variant receiving a copy of the single
                production variant's traffic (its responses are discarded): test a new model
                on live traffic.
            data_capture: capture a sample of requests and responses to S3.
            async_inference: serve asynchronously (one instance variant; results to S3).
            encryption_key: a KMS key (resource, or ARN that may be an Output) encrypting the
                instances' storage volumes.
            execution_role_arn: the role SageMaker assumes for the endpoint itself (a resource
                or an ARN, which may be an Output). SageMaker needs one when the variants name
                no model (an endpoint hosting inference components); the caller needs
                ``iam:PassRole`` on it. Variants without a model have their core dumps written
                with it, and it is granted that write.
            endpoint_config_name: a prefix for the generated config name.
            tags: tags for the endpoint configuration.
            opts: options for the component.
        """
        _validation.check_component("EndpointConfig", name, opts)
        where = f"EndpointConfig {name!r}"
        problems = Problems(where)
        shapes = collect(
            _validation.sequence(
                "instance_production_variants",
                instance_production_variants,
                "InstanceProductionVariant",
            ),
            _validation.sequence(
                "extra_production_variants", extra_production_variants, "InstanceProductionVariant"
            ),
            _validation.sequence(
                "shadow_production_variants",
                shadow_production_variants,
                "InstanceProductionVariant",
            ),
            _validation.optional_text("endpoint_config_name", endpoint_config_name),
        )
        if shapes:
            # Nothing below can be read reliably from arguments of the wrong shape.
            raise ValidationError(where, shapes)
        if instance_production_variants is not None and (
            production_variant is not None or extra_production_variants is not None
        ):
            problems.add(
                "instance_production_variants cannot be combined with "
                "production_variant/extra_production_variants"
            )
        if production_variant is None and extra_production_variants is not None:
            problems.add("extra_production_variants needs production_variant (the first variant)")
        variants: list[ProductionVariant] = list(instance_production_variants or [])
        if production_variant is not None:
            variants.append(production_variant)
        variants.extend(extra_production_variants or [])
        for variant in variants:
            if isinstance(variant, ServerlessProductionVariant):
                problems.add(
                    f"variant {variant.variant_name!r}: a ServerlessProductionVariant goes in "
                    "serverless_production_variant, not among the instance variants"
                )
        if serverless_production_variant is not None:
            if variants or instance_production_variants is not None:
                problems.add(
                    "serverless_production_variant cannot be combined with instance variants"
                )
            variants.append(serverless_production_variant)
        if not variants:
            problems.add("at least one production variant is required")
        for variant in variants:
            _check_variant_type(problems, variant)
        problems.check(
            len(variants) <= MAX_VARIANTS,
            f"at most {MAX_VARIANTS} production variants are allowed, got {len(variants)}",
        )
        shadows = list(shadow_production_variants or [])
        _check_shadows(problems, variants, shadows)
        _check_unique_names(problems, [*variants, *shadows])
        _check_modes(problems, variants, data_capture, async_inference)
        _check_serverless(problems, variants, data_capture)
        _check_inference_components(problems, variants, shadows, async_inference)
        for problem in _encryption_key_problems(encryption_key, [*variants, *shadows]):
            problems.add(problem)
        for problem in _validation.tags("tags", tags, [_OPERATION]):
            problems.add(problem)
        if isinstance(execution_role_arn, str) and _validation.field(
            f"{_OPERATION}.ExecutionRoleArn", "execution_role_arn", execution_role_arn
        ):
            # CreateEndpointConfig's RoleArn rule (botocore's sagemaker model).
            problems.add(
                "execution_role_arn must be an IAM role ARN "
                f"(arn:<partition>:iam::<account>:role/<name>), got {execution_role_arn!r}"
            )
        elif execution_role_arn is not None and not isinstance(
            execution_role_arn, (str, aws.iam.Role, pulumi.Output)
        ):
            problems.add(
                "execution_role_arn must be an aws.iam.Role or a role ARN, "
                f"got {type(execution_role_arn).__name__}"
            )
        if endpoint_config_name is not None:
            reason = _naming.check_prefix(endpoint_config_name, _naming.PROVIDER_PREFIX_LIMIT)
            if reason:
                problems.add(f"endpoint_config_name {reason}")
        problems.raise_if_any()

        super().__init__(_TOKEN, name, {}, _urns.guarded(opts, f"EndpointConfig {name!r}"))
        self._name = name
        self._variants: list[ProductionVariant] = variants
        self._shadows = shadows
        self._data_capture = data_capture
        self._async_inference = async_inference
        self._granted: set[str] = set()
        self._execution_role = execution_role_arn
        self._grant_policies: list[aws.iam.RolePolicy] = []
        self._watchers: list[Callable[[Sequence[ProductionVariant]], list[str]]] = []
        self._sent = False
        loop = asyncio.get_event_loop()
        self._frozen: asyncio.Future[list[dict[str, Any]]] = loop.create_future()
        self._frozen_grants: asyncio.Future[set[pulumi.Resource]] = loop.create_future()
        # The variants are read once the program's synchronous code has run, so variants
        # added after construction are part of the same (single) registration.
        after_program_code(loop, self._freeze)

        key_arn: pulumi.Input[str] | None = (
            encryption_key.arn if is_kms_key(encryption_key) else encryption_key
        )
        self._grant_models([*variants, *shadows])
        self._config = aws.sagemaker.EndpointConfiguration(
            f"{name}-config",
            # The config also waits for the grants of its models (data capture, async
            # output), those of variants added later included: SageMaker uses them as soon
            # as the endpoint runs.
            production_variants=cast(Any, deferred_output(self._frozen, self._frozen_grants)),
            shadow_production_variants=(
                cast(Any, [v._render() for v in shadows]) if shadows else None
            ),
            data_capture_config=cast(Any, data_capture._render()) if data_capture else None,
            async_inference_config=(
                cast(Any, async_inference._render()) if async_inference else None
            ),
            kms_key_arn=key_arn,
            execution_role_arn=(
                execution_role_arn.arn
                if isinstance(execution_role_arn, aws.iam.Role)
                else execution_role_arn
            ),
            name_prefix=_config_name_prefix(f"{name}-config", endpoint_config_name),
            tags=tags,
            opts=pulumi.ResourceOptions(parent=self),
        )
        self.endpoint_config_name = self._config.name
        self.endpoint_config_arn = self._config.arn
        self.register_outputs(
            {
                "endpoint_config_name": self.endpoint_config_name,
                "endpoint_config_arn": self.endpoint_config_arn,
            }
        )

    @property
    def production_variants(self) -> Sequence[ProductionVariant]:
        """The variants, in order (instance variants, or the one serverless variant)."""
        return tuple(self._variants)

    def _watch(self, check: Callable[[Sequence[ProductionVariant]], list[str]]) -> None:
        """Run ``check`` on the variants whenever one is added (an endpoint's rules)."""
        self._watchers.append(check)

    @property
    def shadow_production_variants(self) -> Sequence[InstanceProductionVariant]:
        """The shadow variants."""
        return tuple(self._shadows)

    @property
    def async_inference(self) -> AsyncInference | None:
        """The asynchronous inference settings, if the endpoint is asynchronous."""
        return self._async_inference

    def _grant_models(self, variants: Sequence[ProductionVariant]) -> None:
        """Give the roles of our models what data capture, async output and core dumps need."""
        self._grant_core_dumps(variants)
        features = [
            (kind, feature)
            for kind, feature in (("capture", self._data_capture), ("async", self._async_inference))
            if feature is not None
        ]
        if not features:
            return
        env = lookup(self)
        for variant in variants:
            model = variant.model
            if not isinstance(model, Model) or model._name in self._granted:
                continue  # imported models: their owner grants them
            self._granted.add(model._name)
            for kind, feature in features:
                self._grant_policies.append(
                    model.grant(f"{self._name}-{kind}", feature._statements(env.partition))
                )

    def _grant_core_dumps(self, variants: Sequence[ProductionVariant]) -> None:
        """Let each variant's role write its core dumps (the model's role, or the config's)."""
        for variant in variants:
            dump = getattr(variant, "core_dump_config", None)
            if dump is None:
                continue
            statements = dump.statements(lookup(self).partition)
            suffix = f"{self._name}-{variant.variant_name}-core-dump"
            model = variant.model
            if isinstance(model, Model):
                self._grant_policies.append(model.grant(suffix, statements))
            elif model is None and self._execution_role is not None:
                role = self._execution_role
                if not isinstance(role, (aws.iam.Role, str, pulumi.Output)):
                    role = pulumi.Output.from_input(role)
                self._grant_policies.append(
                    aws.iam.RolePolicy(
                        f"{self._name}-policy-{variant.variant_name}-core-dump",
                        role=_iam.role_name(role),
                        policy=_iam.document(statements),
                        opts=pulumi.ResourceOptions(parent=self),
                    )
                )
            # An imported model's owner grants its role.

    def add_instance_production_variant(self, variant: InstanceProductionVariant) -> None:
        """Add an instance variant after construction, before the program yields to Pulumi."""
        problems = Problems(f"EndpointConfig {self._name!r}")
        if self._sent:
            problems.add(
                f"variant {getattr(variant, 'variant_name', variant)!r} was added after the "
                "configuration was sent to the engine; add variants right after construction"
            )
            problems.raise_if_any()
        _check_variant_type(problems, variant)
        _check_shadows(problems, [*self._variants, variant], self._shadows)
        _check_modes(
            problems, [*self._variants, variant], self._data_capture, self._async_inference
        )
        _check_inference_components(
            problems, [*self._variants, variant], self._shadows, self._async_inference
        )
        if isinstance(variant, ServerlessProductionVariant):
            problems.add(
                f"variant {variant.variant_name!r}: add_instance_production_variant takes an "
                "InstanceProductionVariant, got a ServerlessProductionVariant"
            )
        if any(isinstance(v, ServerlessProductionVariant) for v in self._variants):
            problems.add("instance variants cannot be added to a serverless configuration")
        candidate = [*self._variants, variant]
        problems.check(
            len(candidate) <= MAX_VARIANTS,
            f"at most {MAX_VARIANTS} production variants are allowed, got {len(candidate)}",
        )
        _check_unique_names(problems, [*candidate, *self._shadows])
        for watcher in self._watchers:
            for problem in watcher(candidate):
                problems.add(problem)
        problems.raise_if_any()
        self._variants.append(variant)
        self._grant_models([variant])

    def _freeze(self) -> None:
        self._sent = True
        if not self._frozen.done():
            rendered = [variant._render() for variant in self._variants]
            self._frozen_grants.set_result(set(self._grant_policies))
            self._frozen.set_result(rendered)

    @staticmethod
    def from_endpoint_config_name(name: str) -> EndpointConfigReference:
        """A reference to an existing endpoint config in the stack's account and region."""
        reason = (
            _naming.check_name(name)
            if isinstance(name, str)
            else f"must be a plain string, got {_validation.show(name)}"
        )
        if reason:
            raise ValidationError("EndpointConfig.from_endpoint_config_name", [f"name {reason}"])
        arn = lookup().arn("sagemaker", f"endpoint-config/{name.lower()}")
        return EndpointConfigReference(pulumi.Output.from_input(name), arn)

    @staticmethod
    def from_endpoint_config_arn(arn: str) -> EndpointConfigReference:
        """A reference to an existing endpoint config by ARN."""
        problems = _validation.sagemaker_arn("arn", arn, "endpoint-config")
        if problems:
            raise ValidationError("EndpointConfig.from_endpoint_config_arn", problems)
        return EndpointConfigReference(
            pulumi.Output.from_input(_naming.name_from_arn(arn)), pulumi.Output.from_input(arn)
        )


def _encryption_key_problems(key: object, variants: Sequence[object]) -> list[str]:
    if key is None:
        return []
    if is_kms_key(key) or _validation.is_unknown(key):
        found: list[str] = []
    elif not isinstance(key, str) or not key:
        return [
            "encryption_key must be an aws.kms.Key or a KMS key ARN, id or alias, "
            f"got {_validation.show(key)}"
        ]
    else:
        found = _validation.field(f"{_OPERATION}.KmsKeyId", "encryption_key", key)
    local = [
        f"{getattr(v, 'variant_name', '?')!r} ({v.instance_type})"
        for v in variants
        if isinstance(v, InstanceProductionVariant)
        and _validation.has_local_storage(v.instance_type)
    ]
    if local:
        # https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html
        found.append(
            "encryption_key cannot be used with instance types that have local NVMe storage "
            "(encrypted by the instance's hardware; CreateEndpointConfig refuses a KmsKeyId): "
            f"variant {', '.join(local)}; remove encryption_key or use an EBS-backed type"
        )
    return found


def _check_variant_type(problems: Problems, variant: object) -> None:
    if not isinstance(variant, (InstanceProductionVariant, ServerlessProductionVariant)):
        problems.add(
            "variants must be InstanceProductionVariant or ServerlessProductionVariant, "
            f"got {type(variant).__name__}"
        )
        return
    for problem in variant._problems():
        problems.add(problem)


def _check_unique_names(problems: Problems, variants: Sequence[object]) -> None:
    names = [getattr(v, "variant_name", None) for v in variants]
    duplicates = sorted({n for n in names if n is not None and names.count(n) > 1})
    for duplicate in duplicates:
        problems.add(f"variant names must be unique, {duplicate!r} is used twice")


def _check_shadows(
    problems: Problems,
    variants: Sequence[object],
    shadows: Sequence[object],
) -> None:
    if not shadows:
        return
    for shadow in shadows:
        if not isinstance(shadow, InstanceProductionVariant):
            problems.add(
                "shadow_production_variants must hold InstanceProductionVariant, "
                f"got {type(shadow).__name__}"
            )
            continue
        for problem in shadow._problems():
            problems.add(f"shadow {problem}")
    problems.check(
        len(shadows) == 1,
        f"shadow_production_variants must hold exactly one variant, got {len(shadows)}",
    )
    problems.check(
        len(variants) == 1 and isinstance(variants[0], InstanceProductionVariant),
        "a shadow variant needs exactly one production instance variant, "
        f"got {len(variants)} production variants",
    )


def _check_modes(
    problems: Problems,
    variants: Sequence[object],
    data_capture: DataCapture | None,
    async_inference: AsyncInference | None,
) -> None:
    if data_capture is not None:
        if not isinstance(data_capture, DataCapture):
            problems.add(f"data_capture must be a DataCapture, got {type(data_capture).__name__}")
        else:
            for problem in data_capture._problems():
                problems.add(problem)
    if async_inference is None:
        return
    if not isinstance(async_inference, AsyncInference):
        problems.add(
            f"async_inference must be an AsyncInference, got {type(async_inference).__name__}"
        )
        return
    for problem in async_inference._problems():
        problems.add(problem)
    problems.check(
        len(variants) == 1 and isinstance(variants[0], InstanceProductionVariant),
        "async_inference serves exactly one instance variant (not serverless), "
        f"got {len(variants)} variants",
    )


#: Where AWS lists what serverless inference does not support ("Feature exclusions").
SERVERLESS_EXCLUSIONS_URL = (
    "https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html"
)


def _check_serverless(
    problems: Problems, variants: Sequence[object], data_capture: DataCapture | None
) -> None:
    """Serverless inference's feature exclusions, as far as they are known at construction.

    AWS (SERVERLESS_EXCLUSIONS_URL) excludes GPUs, marketplace model packages, private Docker
    registries, multi-model endpoints, VPC configuration, network isolation, data capture,
    multiple production variants, Model Monitor and inference pipelines. Instance types,
    several variants and asynchronous inference are refused elsewhere; the model's settings
    are checked when the model is ours (an imported one is not known until deploy).
    """
    from .images import PrivateRegistryImage
    from .model import Model  # the config module is imported by model users: no cycle

    for variant in variants:
        if not isinstance(variant, ServerlessProductionVariant):
            continue
        at = f"serverless variant {variant.variant_name!r}"
        if data_capture is not None:
            problems.add(
                f"data_capture is not supported with {at} (serverless inference feature "
                f"exclusions: {SERVERLESS_EXCLUSIONS_URL})"
            )
        model = variant.model
        if not isinstance(model, Model):
            continue
        excluded = []
        if model._network_isolation:
            excluded.append("network isolation")
        if model._in_vpc:
            excluded.append("a VPC configuration")
        if model._container_count > 1:
            excluded.append(f"{model._container_count} containers (an inference pipeline)")
        if model.multi_model:
            excluded.append("a multi-model container")
        if any(isinstance(c.image, PrivateRegistryImage) for c in model.containers):
            excluded.append("an image from a private registry")
        if excluded:
            problems.add(
                f"{at} cannot serve Model {model._name!r}: it has {' and '.join(excluded)}, "
                f"which serverless inference does not support ({SERVERLESS_EXCLUSIONS_URL})"
            )


def _check_inference_components(
    problems: Problems,
    variants: Sequence[object],
    shadows: Sequence[object],
    async_inference: AsyncInference | None,
) -> None:
    """A config hosts models or inference components, never both; components are real-time.

    https://docs.aws.amazon.com/sagemaker/latest/dg/realtime-endpoints-deploy-models.html
    """
    hosts = [v for v in variants if isinstance(v, InferenceComponentProductionVariant)]
    if not hosts:
        return
    others = [getattr(v, "variant_name", "?") for v in [*variants, *shadows] if v not in hosts]
    if others:
        problems.add(
            f"a config hosts either models or inference components: variant(s) "
            f"{', '.join(map(repr, others))} serve a model beside "
            f"InferenceComponentProductionVariant {hosts[0].variant_name!r}"
        )
    if async_inference is not None:
        problems.add("async_inference cannot serve inference components (they are real-time)")


def _config_name_prefix(logical: str, given: str | None) -> str | None:
    """The config's ``name_prefix``: the user's, a sanitized one, or None (auto-named).

    Sanitized when auto-naming ``logical`` would give no valid SageMaker name; the provider
    adds a unique suffix to the prefix.
    """
    if given:
        return f"{given}-"
    if _naming.needs_own_name(logical):
        return f"{_naming.sanitized(logical, _naming.PROVIDER_PREFIX_LIMIT)}-"
    return None
