"""The EndpointConfig component: production variants, traffic weights, encryption."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any, cast

import pulumi
import pulumi_aws as aws

from . import _naming
from ._environment import lookup
from .errors import Problems, ValidationError
from .variants import InstanceProductionVariant, ProductionVariant, ServerlessProductionVariant

MAX_VARIANTS = 10
_TOKEN = "sagemaker-hosting:index:EndpointConfig"


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
        encryption_key: aws.kms.Key | pulumi.Input[str] | None = None,
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
            encryption_key: a KMS key (resource, or ARN that may be an Output) encrypting the
                instances' storage volumes.
            endpoint_config_name: a prefix for the generated config name.
            tags: tags for the endpoint configuration.
            opts: options for the component.
        """
        where = f"EndpointConfig {name!r}"
        problems = Problems(where)
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
        _check_unique_names(problems, variants)
        if isinstance(encryption_key, str) and not encryption_key:
            problems.add("encryption_key must be a KMS key ARN, id or alias, got ''")
        if endpoint_config_name is not None:
            reason = _naming.check_prefix(endpoint_config_name, _naming.PROVIDER_PREFIX_LIMIT)
            if reason:
                problems.add(f"endpoint_config_name {reason}")
        problems.raise_if_any()

        super().__init__(_TOKEN, name, {}, opts)
        self._name = name
        self._variants: list[ProductionVariant] = variants
        self._sent = False
        loop = asyncio.get_event_loop()
        self._frozen: asyncio.Future[list[dict[str, Any]]] = loop.create_future()
        # The variants are read once the program's synchronous code has run, so variants
        # added after construction are part of the same (single) registration.
        loop.call_soon(self._freeze)

        key_arn: pulumi.Input[str] | None = (
            encryption_key.arn if isinstance(encryption_key, aws.kms.Key) else encryption_key
        )
        self._config = aws.sagemaker.EndpointConfiguration(
            f"{name}-config",
            production_variants=cast(Any, self._deferred_variants(loop)),
            kms_key_arn=key_arn,
            name_prefix=f"{endpoint_config_name}-" if endpoint_config_name else None,
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
        _check_unique_names(problems, candidate)
        problems.raise_if_any()
        self._variants.append(variant)

    def _freeze(self) -> None:
        self._sent = True
        if not self._frozen.done():
            self._frozen.set_result([variant.render() for variant in self._variants])

    def _deferred_variants(
        self, loop: asyncio.AbstractEventLoop
    ) -> pulumi.Output[list[dict[str, Any]]]:
        def done(value: Any) -> asyncio.Future[Any]:
            future: asyncio.Future[Any] = loop.create_future()
            future.set_result(value)
            return future

        frozen: pulumi.Output[list[dict[str, Any]]] = pulumi.Output(
            done(set()), self._frozen, done(True), done(False)
        )
        # The rendered variants hold the models' name Outputs: unwrap them (and their
        # dependencies) once the list is final.
        return frozen.apply(pulumi.Output.from_input)

    @staticmethod
    def from_endpoint_config_name(name: str) -> EndpointConfigReference:
        """A reference to an existing endpoint config in the stack's account and region."""
        reason = _naming.check_name(name)
        if reason:
            raise ValidationError("EndpointConfig.from_endpoint_config_name", [f"name {reason}"])
        arn = lookup().arn("sagemaker", f"endpoint-config/{name.lower()}")
        return EndpointConfigReference(pulumi.Output.from_input(name), arn)

    @staticmethod
    def from_endpoint_config_arn(arn: str) -> EndpointConfigReference:
        """A reference to an existing endpoint config by ARN."""
        parts = arn.split(":", 5)
        if (
            len(parts) != 6
            or parts[2] != "sagemaker"
            or not parts[5].startswith("endpoint-config/")
        ):
            raise ValidationError(
                "EndpointConfig.from_endpoint_config_arn",
                [
                    "arn must look like arn:<partition>:sagemaker:<region>:<account>:"
                    f"endpoint-config/<name>, got {arn!r}"
                ],
            )
        return EndpointConfigReference(
            pulumi.Output.from_input(_naming.name_from_arn(arn)), pulumi.Output.from_input(arn)
        )


def _check_variant_type(problems: Problems, variant: object) -> None:
    if not isinstance(variant, (InstanceProductionVariant, ServerlessProductionVariant)):
        problems.add(
            "variants must be InstanceProductionVariant or ServerlessProductionVariant, "
            f"got {type(variant).__name__}"
        )
        return
    for problem in variant.problems():
        problems.add(problem)


def _check_unique_names(problems: Problems, variants: Sequence[object]) -> None:
    names = [getattr(v, "variant_name", None) for v in variants]
    duplicates = sorted({n for n in names if n is not None and names.count(n) > 1})
    for duplicate in duplicates:
        problems.add(f"variant names must be unique, {duplicate!r} is used twice")
