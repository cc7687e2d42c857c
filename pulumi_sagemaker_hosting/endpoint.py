"""The Endpoint component: serves an endpoint config, hands out variant handles and grants."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

import pulumi
import pulumi_aws as aws

from . import _iam, _naming
from ._environment import AwsEnvironment, lookup, url_suffix
from .endpoint_config import EndpointConfigReference
from .errors import Problems, ValidationError
from .production_variant import EndpointProductionVariant
from .variants import InstanceProductionVariant

_TOKEN = "sagemaker-hosting:index:Endpoint"


def _invocation_url(env: AwsEnvironment, name: pulumi.Input[str]) -> pulumi.Output[str]:
    return pulumi.Output.concat(
        "https://runtime.sagemaker.", env.region, ".", env.url_suffix, "/endpoints/", name,
        "/invocations",
    )  # fmt: skip


def _grantee_key(logical: str, grantee: object) -> str:
    """A stable identity of a grantee, validating it."""
    if isinstance(grantee, str):
        reason = _iam.role_arn_problem(grantee)
        if reason:
            raise ValidationError(f"Endpoint {logical!r}", [f"grantee {reason}"])
        return grantee.rsplit("/", 1)[-1]
    if isinstance(grantee, aws.iam.Role):
        return f"resource:{grantee._name}"
    raise ValidationError(
        f"Endpoint {logical!r}",
        [f"grantee must be an aws.iam.Role, a role name or ARN, got {type(grantee).__name__}"],
    )


class EndpointReference:
    """An endpoint that can be invoked and granted: ours, or an existing one imported."""

    endpoint_name: pulumi.Output[str]
    """The SageMaker endpoint name."""
    endpoint_arn: pulumi.Output[str]
    """The SageMaker endpoint ARN."""
    invocation_url: pulumi.Output[str]
    """``https://runtime.sagemaker.<region>.<suffix>/endpoints/<name>/invocations``."""

    def __init__(
        self,
        logical: str,
        name: pulumi.Output[str],
        arn: pulumi.Output[str],
        region: str | None = None,
    ) -> None:
        self._name = logical
        self._grants: dict[str, aws.iam.RolePolicy] = {}
        self.endpoint_name = name
        self.endpoint_arn = arn
        if region:
            # An endpoint imported by ARN lives where its ARN says, not where the stack is.
            self.invocation_url = pulumi.Output.concat(
                f"https://runtime.sagemaker.{region}.{url_suffix(region)}/endpoints/",
                name,
                "/invocations",
            )
        else:
            self.invocation_url = _invocation_url(lookup(), name)

    def grant_invoke(self, grantee: aws.iam.Role | str) -> aws.iam.RolePolicy:
        """Let a role (resource, name or ARN) invoke this endpoint, and nothing else.

        Adds ``sagemaker:InvokeEndpoint``, ``InvokeEndpointAsync`` and
        ``InvokeEndpointWithResponseStream`` on this endpoint's ARN, as an inline policy.
        Granting the same role twice returns the first policy.
        """
        return self._grant(grantee, None)

    def _grant(
        self, grantee: aws.iam.Role | str, parent: pulumi.Resource | None
    ) -> aws.iam.RolePolicy:
        key = _grantee_key(self._name, grantee)
        if key not in self._grants:
            suffix = hashlib.sha256(key.encode()).hexdigest()[:8]
            self._grants[key] = aws.iam.RolePolicy(
                f"{self._name}-invoke-{suffix}",
                role=_iam.role_name(grantee),
                policy=_iam.document(
                    [_iam.allow(_iam.INVOKE_ACTIONS, [self.endpoint_arn], "InvokeEndpoint")]
                ),
                opts=pulumi.ResourceOptions(parent=parent),
            )
        return self._grants[key]

    def find_production_variant(self, variant_name: str) -> EndpointProductionVariant:
        """Variants of an imported endpoint are not known."""
        raise ValidationError(
            f"Endpoint {self._name!r}",
            ["production variant lookup is not supported for an imported endpoint"],
        )

    find_instance_production_variant = find_production_variant


class Endpoint(pulumi.ComponentResource, EndpointReference):
    """A SageMaker endpoint serving an :class:`EndpointConfig`.

    A new config (any change to models or variants) updates the endpoint in place: SageMaker
    brings up the new fleet, shifts traffic, then retires the old one. The endpoint's name is
    stable (``endpoint_name`` fixes it; by default it is generated once).
    """

    endpoint_name: pulumi.Output[str]
    """The SageMaker endpoint name."""
    endpoint_arn: pulumi.Output[str]
    """The SageMaker endpoint ARN."""
    invocation_url: pulumi.Output[str]
    """The HTTPS URL that ``InvokeEndpoint`` posts to."""

    def __init__(
        self,
        name: str,
        *,
        endpoint_config: EndpointConfigReference,
        endpoint_name: str | None = None,
        tags: Mapping[str, pulumi.Input[str]] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Create an endpoint.

        Args:
            name: the component's logical name.
            endpoint_config: an :class:`EndpointConfig` or an imported reference.
            endpoint_name: a fixed physical name (endpoints may keep one: they update in
                place); generated by default.
            tags: tags for the endpoint.
            opts: options for the component.
        """
        problems = Problems(f"Endpoint {name!r}")
        if not isinstance(endpoint_config, EndpointConfigReference):
            problems.add(
                "endpoint_config must be an EndpointConfig or an imported reference, "
                f"got {type(endpoint_config).__name__}"
            )
        if endpoint_name is not None:
            reason = _naming.check_name(endpoint_name)
            if reason:
                problems.add(f"endpoint_name {reason}")
        problems.raise_if_any()

        super().__init__(_TOKEN, name, {}, opts)
        self._name = name
        self._grants = {}
        self.endpoint_config = endpoint_config
        self._handles: dict[str, EndpointProductionVariant] = {}
        self._endpoint = aws.sagemaker.Endpoint(
            f"{name}-endpoint",
            endpoint_config_name=endpoint_config.endpoint_config_name,
            name=endpoint_name,
            tags=tags,
            opts=pulumi.ResourceOptions(parent=self),
        )
        self.endpoint_name = self._endpoint.name
        self.endpoint_arn = self._endpoint.arn
        self.invocation_url = _invocation_url(lookup(self), self.endpoint_name)
        self.register_outputs(
            {
                "endpoint_name": self.endpoint_name,
                "endpoint_arn": self.endpoint_arn,
                "invocation_url": self.invocation_url,
            }
        )

    def grant_invoke(self, grantee: aws.iam.Role | str) -> aws.iam.RolePolicy:
        """Let a role (resource, name or ARN) invoke this endpoint, and nothing else.

        The policy is parented to this endpoint.
        """
        return self._grant(grantee, self)

    def find_production_variant(self, variant_name: str) -> EndpointProductionVariant:
        """The handle of any variant (instance or serverless) by name."""
        return self._find(variant_name, instance_only=False)

    def find_instance_production_variant(self, variant_name: str) -> EndpointProductionVariant:
        """The handle of an instance variant by name."""
        return self._find(variant_name, instance_only=True)

    @property
    def instance_production_variants(self) -> list[EndpointProductionVariant]:
        """Handles of every instance variant, in order."""
        return [
            self._find(v.variant_name, instance_only=True)
            for v in self._variants()
            if isinstance(v, InstanceProductionVariant)
        ]

    def _variants(self) -> Sequence[object]:
        variants = self.endpoint_config.production_variants
        if variants is None:
            raise ValidationError(
                f"Endpoint {self._name!r}",
                ["production variant lookup is not supported for an imported endpoint config"],
            )
        return variants

    def _find(self, variant_name: str, *, instance_only: bool) -> EndpointProductionVariant:
        cached = self._handles.get(variant_name)
        if cached is not None and (
            not instance_only or isinstance(cached.variant, InstanceProductionVariant)
        ):
            return cached
        candidates = [
            v
            for v in self._variants()
            if not instance_only or isinstance(v, InstanceProductionVariant)
        ]
        for variant in candidates:
            if getattr(variant, "variant_name", None) == variant_name:
                handle = EndpointProductionVariant(self, variant)  # type: ignore[arg-type]
                return self._handles.setdefault(variant_name, handle)
        known = ", ".join(repr(getattr(v, "variant_name", "?")) for v in candidates) or "none"
        kind = "instance variant" if instance_only else "variant"
        raise ValidationError(
            f"Endpoint {self._name!r}",
            [f"no {kind} named {variant_name!r}; known: {known}"],
        )

    @staticmethod
    def from_endpoint_name(endpoint_name: str) -> EndpointReference:
        """A reference to an existing endpoint in the stack's account and region."""
        reason = _naming.check_name(endpoint_name)
        if reason:
            raise ValidationError("Endpoint.from_endpoint_name", [f"endpoint_name {reason}"])
        arn = lookup().arn("sagemaker", f"endpoint/{endpoint_name.lower()}")
        return EndpointReference(endpoint_name, pulumi.Output.from_input(endpoint_name), arn)

    @staticmethod
    def from_endpoint_arn(endpoint_arn: str) -> EndpointReference:
        """A reference to an existing endpoint by ARN (``arn:...:endpoint/<name>``)."""
        return Endpoint.from_endpoint_attributes(endpoint_arn=endpoint_arn)

    @staticmethod
    def from_endpoint_attributes(*, endpoint_arn: str) -> EndpointReference:
        """A reference to an existing endpoint from its attributes (the ARN)."""
        parts = endpoint_arn.split(":", 5)
        if len(parts) != 6 or parts[2] != "sagemaker" or not parts[5].startswith("endpoint/"):
            raise ValidationError(
                "Endpoint.from_endpoint_attributes",
                [
                    "endpoint_arn must look like arn:<partition>:sagemaker:<region>:<account>:"
                    f"endpoint/<name>, got {endpoint_arn!r}"
                ],
            )
        name = _naming.name_from_arn(endpoint_arn)
        return EndpointReference(
            name,
            pulumi.Output.from_input(name),
            pulumi.Output.from_input(endpoint_arn),
            region=parts[3],
        )
