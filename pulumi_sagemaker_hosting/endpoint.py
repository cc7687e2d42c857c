"""The Endpoint component: serves an endpoint config, hands out variant handles and grants."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

import pulumi
import pulumi_aws as aws

from . import _iam, _naming, _urns, _validation
from ._deferred import after_program_code, deferred_output
from ._environment import AwsEnvironment, lookup, url_suffix
from .deployment import (
    MAX_ROLLBACK_ALARMS,
    BlueGreenDeployment,
    Deployment,
    RollingDeployment,
)
from .endpoint_config import EndpointConfig, EndpointConfigReference
from .errors import Problems, ValidationError
from .metrics import ALARM_READS_SCOPES, InvocationHttpResponseCode
from .production_variant import EndpointProductionVariant
from .variants import InstanceProductionVariant

if TYPE_CHECKING:
    from .deployment import RollbackAlarm

_TOKEN = "sagemaker-hosting:index:Endpoint"
_ROLLBACK_ALARM_NAME = (
    "sagemaker.CreateEndpoint.DeploymentConfig.AutoRollbackConfiguration.Alarms[].AlarmName"
)
# The attribute of the program's root resource holding imported endpoints' grants.
_IMPORTED_GRANTS = "_sagemaker_hosting_imported_grants"


def _invocation_url(env: AwsEnvironment, name: pulumi.Input[str]) -> pulumi.Output[str]:
    # The host part is the same for every endpoint of a provider: built once.
    base = env.derived(
        ("invocation-url",), lambda e: f"https://runtime.sagemaker.{e.region}.{e.url_suffix}"
    )
    return pulumi.Output.all(base, name).apply(lambda bn: f"{bn[0]}/endpoints/{bn[1]}/invocations")


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
        # References to one imported endpoint share their grants (one policy per role), or
        # two references granting one role would register one URN twice.
        root = pulumi.runtime.get_root_resource()
        registry: dict[str, dict[str, aws.iam.RolePolicy]] = (
            root.__dict__.setdefault(_IMPORTED_GRANTS, {}) if root is not None else {}
        )
        self._grants: dict[str, aws.iam.RolePolicy] = registry.setdefault(logical, {})
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
    """The same as :meth:`find_production_variant` (an imported endpoint has no handles)."""


class Endpoint(pulumi.ComponentResource, EndpointReference):
    """A SageMaker endpoint serving an :class:`EndpointConfig`.

    A new config (any change to models or variants) updates the endpoint in place: SageMaker
    brings up the new fleet, shifts traffic, then retires the old one. The endpoint's name is
    stable (``endpoint_name`` fixes it; by default it is generated once).

    ``deployment`` makes those updates safe: a :class:`BlueGreenDeployment` (all at once, canary
    or linear, with baking periods) or a :class:`RollingDeployment`, rolled back when one of its
    rollback alarms fires. Rollback alarms may be added after construction with
    :meth:`add_rollback_alarm` (or :meth:`add_default_rollback_alarms`) until the program
    yields to the Pulumi engine (in practice: anywhere in the program's top-level code).
    Alarms on this endpoint's own metrics need a given ``endpoint_name`` (a string, or an
    output of another resource): the metrics then name the endpoint by that value instead of
    by this endpoint's output, so the alarms do not depend on the endpoint that depends on them.
    """

    # Declared for type checkers and the reference only: the SDK would resolve a
    # component's own annotations at every registration (docs/design.md, "Cost of the
    # abstraction").
    if TYPE_CHECKING:
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
        endpoint_name: pulumi.Input[str] | None = None,
        deployment: Deployment | None = None,
        tags: Mapping[str, pulumi.Input[str]] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Create an endpoint.

        Args:
            name: the component's logical name.
            endpoint_config: an :class:`EndpointConfig` or an imported reference.
            endpoint_name: a fixed physical name (endpoints may keep one: they update in
                place); generated by default. Needed for rollback on this endpoint's own
                alarms. A string is checked now against SageMaker's name rule; an output of
                another resource (e.g. a name from stack configuration or a random suffix)
                cannot be checked before deploying, so SageMaker checks it. Either way the
                variant metrics use it as their ``EndpointName`` dimension.
            deployment: deployment guardrails for config updates: a
                :class:`BlueGreenDeployment` or a :class:`RollingDeployment`; by default
                SageMaker shifts all traffic at once, without baking or rollback alarms.
            tags: tags for the endpoint.
            opts: options for the component.
        """
        _validation.check_component("Endpoint", name, opts)
        problems = Problems(f"Endpoint {name!r}")
        shape = _validation.input_text("endpoint_name", endpoint_name)
        if shape:
            raise ValidationError(problems.component, shape)
        for problem in _validation.tags("tags", tags, ["sagemaker.CreateEndpoint"]):
            problems.add(problem)
        if not isinstance(endpoint_config, EndpointConfigReference):
            problems.add(
                "endpoint_config must be an EndpointConfig or an imported reference, "
                f"got {type(endpoint_config).__name__}"
            )
        if isinstance(endpoint_name, str):
            # An output is not known yet: SageMaker checks it at deploy time (never inside an
            # apply here, which would fail the deployment half-way).
            reason = _naming.check_name(endpoint_name)
            if reason:
                problems.add(f"endpoint_name {reason}")
        variants: Sequence[object] | None = None
        if deployment is not None:
            if not isinstance(deployment, (BlueGreenDeployment, RollingDeployment)):
                problems.add(
                    "deployment must be a BlueGreenDeployment or a RollingDeployment, "
                    f"got {type(deployment).__name__}"
                )
            else:
                for problem in deployment._problems():
                    problems.add(problem)
                if isinstance(endpoint_config, EndpointConfigReference):
                    variants = endpoint_config.production_variants
                for problem in deployment._fleet_problems(variants or ()):
                    problems.add(problem)
                for problem in self._alarm_problems(
                    list(deployment.rollback_alarms), "deployment.rollback_alarms"
                ):
                    problems.add(problem)
        problems.raise_if_any()

        super().__init__(_TOKEN, name, {}, _urns.guarded(opts, f"Endpoint {name!r}"))
        self._name = name
        self._fixed_name: str | pulumi.Output[str] | None = (
            endpoint_name
            if endpoint_name is None or isinstance(endpoint_name, str)
            else pulumi.Output.from_input(endpoint_name)
        )
        # Outputs that metrics of this endpoint may read without reading the endpoint: a given
        # name does not come from this endpoint, so metrics on it read no output of this
        # endpoint and may be its rollback alarms (see metrics.Metric._reads_scopes).
        self._independent_outputs: tuple[pulumi.Output[str], ...] = (
            (self._fixed_name,) if isinstance(self._fixed_name, pulumi.Output) else ()
        )
        self._grants = {}
        self.endpoint_config = endpoint_config
        if deployment is not None and isinstance(endpoint_config, EndpointConfig):
            # A variant added to the config later is checked against this deployment then,
            # at the add, instead of failing the endpoint's registration at deploy time.
            endpoint_config._watch(
                lambda variants: [
                    f"endpoint {name!r}: {p}" for p in deployment._fleet_problems(variants)
                ]
            )
        self._handles: dict[str, EndpointProductionVariant] = {}
        self._deployment = deployment
        self._rollback_alarms: list[RollbackAlarm] = (
            list(deployment.rollback_alarms) if deployment is not None else []
        )
        self._checked_variants = tuple(variants or ())
        self._default_alarm_variants: set[str] = set()
        self._sent = False
        deployment_config: Any = None
        if deployment is not None:
            loop = asyncio.get_event_loop()
            self._frozen: asyncio.Future[dict[str, Any]] = loop.create_future()
            # The deployment config is read once the program's synchronous code has run, so
            # rollback alarms added after construction are part of the same registration.
            after_program_code(loop, self._freeze)
            deployment_config = deferred_output(self._frozen)
        self._endpoint = aws.sagemaker.Endpoint(
            f"{name}-endpoint",
            endpoint_config_name=endpoint_config.endpoint_config_name,
            name=_physical_name(f"{name}-endpoint", self._fixed_name),
            deployment_config=cast(Any, deployment_config),
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

    # --- deployment guardrails -------------------------------------------------------------

    @property
    def deployment(self) -> Deployment | None:
        """The deployment guardrails given at construction (None: SageMaker's default)."""
        return self._deployment

    @property
    def rollback_alarms(self) -> Sequence[RollbackAlarm]:
        """Every rollback alarm: the deployment's, then those added since, in order."""
        return tuple(self._rollback_alarms)

    def add_rollback_alarm(self, alarm: RollbackAlarm) -> None:
        """Roll deployments back when ``alarm`` fires (a MetricAlarm or an alarm name).

        Call it before the program yields to the Pulumi engine (anywhere in the program's
        top-level code). An alarm made from this endpoint's own variant metrics needs the
        endpoint to have a given ``endpoint_name`` (see the class documentation).
        """
        problems = Problems(f"Endpoint {self._name!r}")
        label = _alarm_label(alarm)
        if self._sent:
            problems.add(
                f"rollback alarm {label} was added after the deployment config was sent to the "
                "engine; add rollback alarms in the program's top-level code, before any await"
            )
        elif self._deployment is None:
            problems.add(
                f"rollback alarm {label} needs deployment guardrails: pass deployment= "
                "(a BlueGreenDeployment or a RollingDeployment) to the Endpoint"
            )
        else:
            for problem in self._alarm_problems([*self._rollback_alarms, alarm], "rollback alarm"):
                problems.add(problem)
        problems.raise_if_any()
        self._rollback_alarms.append(alarm)

    def add_default_rollback_alarms(
        self,
        *,
        error_threshold: float,
        latency_threshold: float,
        variant_name: str | None = None,
        period: int = 60,
        evaluation_periods: int = 3,
        datapoints_to_alarm: int = 2,
    ) -> list[aws.cloudwatch.MetricAlarm]:
        """Create, and roll back on, a 5XX-errors alarm and a p99-latency alarm per variant.

        Each variant (or only ``variant_name``) gets ``<endpoint>-<variant>-Rollback5XXErrors``
        on ``Invocation5XXErrors`` (Sum) >= ``error_threshold`` and
        ``<endpoint>-<variant>-RollbackModelLatencyP99`` on ``ModelLatency`` (p99, in
        microseconds) >= ``latency_threshold``, over ``period``-second datapoints, alarming
        when ``datapoints_to_alarm`` of ``evaluation_periods`` breach; missing data (a canary
        without traffic) does not breach. Needs a given ``endpoint_name`` (a string or an
        output of another resource) and ``deployment``.

        Args:
            error_threshold: 5XX errors per period at or above which the deployment rolls back.
            latency_threshold: p99 model latency (microseconds) at or above which it rolls back.
            variant_name: only this variant (default: every variant).
            period: seconds per datapoint.
            evaluation_periods: datapoints evaluated.
            datapoints_to_alarm: breaching datapoints (of ``evaluation_periods``) that alarm.

        Returns:
            The alarms created, two per variant, in variant order.
        """
        problems = Problems(f"Endpoint {self._name!r}")
        if self._sent:
            problems.add(
                "add_default_rollback_alarms was called after the deployment config was sent "
                "to the engine; call it in the program's top-level code, before any await"
            )
        elif self._deployment is None:
            problems.add(
                "add_default_rollback_alarms needs deployment guardrails: pass deployment= "
                "(a BlueGreenDeployment or a RollingDeployment) to the Endpoint"
            )
        if self._fixed_name is None:
            problems.add(_cycle_problem("the default rollback alarms"))
        for arg, value in (
            ("error_threshold", error_threshold),
            ("latency_threshold", latency_threshold),
        ):
            if not _validation.is_finite(value) or value < 0:
                problems.add(f"{arg} must be a finite number >= 0, got {value!r}")
        if variant_name is not None and not isinstance(variant_name, str):
            problems.add(f"variant_name must be a string, got {_validation.show(variant_name)}")
        problems.raise_if_any()
        handles = (
            [self.find_production_variant(variant_name)]
            if variant_name is not None
            else [
                self.find_production_variant(getattr(v, "variant_name", ""))
                for v in self._variants()
            ]
        )
        for handle in handles:
            if handle.variant_name in self._default_alarm_variants:
                problems.add(f"variant {handle.variant_name!r} already has default rollback alarms")
        total = len(self._rollback_alarms) + 2 * len(handles)
        problems.check(
            total <= MAX_ROLLBACK_ALARMS,
            f"at most {MAX_ROLLBACK_ALARMS} rollback alarms are allowed, "
            f"{len(self._rollback_alarms)} + {2 * len(handles)} default ones would make {total}",
        )
        problems.raise_if_any()
        common: dict[str, Any] = {
            "evaluation_periods": evaluation_periods,
            "datapoints_to_alarm": datapoints_to_alarm,
            "treat_missing_data": "notBreaching",
        }
        # Every alarm of every variant is checked before the first one is created: a bad
        # period fails the call, never half of it.
        for handle in handles:
            variant = handle.variant_name
            for metric, suffix, threshold in (
                (
                    handle.metric_invocation_response_code(
                        InvocationHttpResponseCode.INVOCATION_5XX_ERRORS, period=period
                    ),
                    "Rollback5XXErrors",
                    error_threshold,
                ),
                (
                    handle.metric_model_latency(statistic="p99", period=period),
                    "RollbackModelLatencyP99",
                    latency_threshold,
                ),
            ):
                for problem in metric._metric_alarm_problems(
                    f"{variant}-{suffix}", threshold=threshold, **common
                ):
                    problems.add(f"variant {variant!r} alarm {suffix}: {problem}")
        problems.raise_if_any()
        alarms: list[aws.cloudwatch.MetricAlarm] = []
        for handle in handles:
            variant = handle.variant_name
            errors = handle.metric_invocation_response_code(
                InvocationHttpResponseCode.INVOCATION_5XX_ERRORS, period=period
            ).create_alarm(
                f"{variant}-Rollback5XXErrors",
                threshold=error_threshold,
                alarm_description=self._about(f"/{variant}: 5XX errors"),
                **common,
            )
            latency = handle.metric_model_latency(statistic="p99", period=period).create_alarm(
                f"{variant}-RollbackModelLatencyP99",
                threshold=latency_threshold,
                alarm_description=self._about(f"/{variant}: p99 model latency"),
                **common,
            )
            self._default_alarm_variants.add(variant)
            for alarm in (errors, latency):
                self._rollback_alarms.append(alarm)
                alarms.append(alarm)
        return alarms

    def _about(self, rest: str) -> pulumi.Input[str]:
        """``Rolls back deployments of <endpoint name><rest>``, an output when the name is one."""
        fixed = self._fixed_name
        if isinstance(fixed, pulumi.Output):
            return fixed.apply(lambda name: f"Rolls back deployments of {name}{rest}")
        return f"Rolls back deployments of {fixed}{rest}"

    def _alarm_problems(self, alarms: Sequence[object], what: str) -> list[str]:
        found: list[str] = []
        seen: set[object] = set()
        for alarm in alarms:
            label = _alarm_label(alarm)
            if isinstance(alarm, aws.cloudwatch.MetricAlarm):
                key: object = f"resource:{alarm._name}"
                if any(s is self for s in getattr(alarm, ALARM_READS_SCOPES, ())):
                    found.append(f"{what} {label}: " + _cycle_problem("it"))
            elif isinstance(alarm, str):
                key = alarm
                if _validation.field(_ROLLBACK_ALARM_NAME, what, alarm):
                    found.append(
                        f"{what} must be an alarm name of 1 to 255 characters, not only "
                        f"whitespace, got {label}"
                    )
            elif isinstance(alarm, pulumi.Output):
                key = id(alarm)
            else:
                found.append(
                    f"{what} must be an aws.cloudwatch.MetricAlarm or an alarm name, "
                    f"got {type(alarm).__name__}"
                )
                continue
            if key in seen:
                found.append(f"{what} {label} is listed twice")
            seen.add(key)
        if len(alarms) > MAX_ROLLBACK_ALARMS:
            found.append(
                f"at most {MAX_ROLLBACK_ALARMS} rollback alarms are allowed (the deployment's and "
                f"added ones together), got {len(alarms)}"
            )
        return found

    def _freeze(self) -> None:
        self._sent = True
        if self._frozen.done() or self._deployment is None:
            return
        variants = self.endpoint_config.production_variants
        if variants is not None and tuple(variants) != self._checked_variants:
            # Variants were added to the config after this endpoint was built: check them too.
            found = self._deployment._fleet_problems(variants)
            if found:
                self._frozen.set_exception(ValidationError(f"Endpoint {self._name!r}", found))
                return
        rendered = self._deployment._render_policy()
        if self._rollback_alarms:
            rendered["auto_rollback_configuration"] = {
                "alarms": [{"alarm_name": _alarm_name(a)} for a in self._rollback_alarms]
            }
        self._frozen.set_result(rendered)

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
        if not isinstance(variant_name, str):
            raise ValidationError(
                f"Endpoint {self._name!r}",
                [f"variant_name must be a string, got {_validation.show(variant_name)}"],
            )
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
        reason = (
            _naming.check_name(endpoint_name)
            if isinstance(endpoint_name, str)
            else f"must be a plain string, got {_validation.show(endpoint_name)}"
        )
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
        problems = _validation.sagemaker_arn("endpoint_arn", endpoint_arn, "endpoint")
        if problems:
            raise ValidationError("Endpoint.from_endpoint_attributes", problems)
        parts = endpoint_arn.split(":", 5)
        name = _naming.name_from_arn(endpoint_arn)
        return EndpointReference(
            name,
            pulumi.Output.from_input(name),
            pulumi.Output.from_input(endpoint_arn),
            region=parts[3],
        )


def _alarm_label(alarm: object) -> str:
    if isinstance(alarm, aws.cloudwatch.MetricAlarm):
        return repr(alarm._name)
    if isinstance(alarm, str):
        return repr(alarm)
    return f"<{type(alarm).__name__}>"


def _alarm_name(alarm: RollbackAlarm) -> pulumi.Input[str]:
    return alarm.name if isinstance(alarm, aws.cloudwatch.MetricAlarm) else alarm


def _cycle_problem(subject: str) -> str:
    return (
        f"{subject} would read this endpoint's name output while the endpoint's deployment "
        "config needs its alarm names, a dependency cycle Pulumi cannot resolve; give the "
        "Endpoint an endpoint_name (a string, or an output of another resource), so that its "
        "variant metrics use that name"
    )


def _physical_name(
    logical: str, given: str | pulumi.Output[str] | None
) -> str | pulumi.Output[str] | None:
    """The endpoint's physical name: the user's, or a generated one, or None (auto-named).

    Generated when auto-naming ``logical`` cannot give a valid name (a ``_``, or no room
    for the unique suffix).
    """
    if given is not None:
        return given
    return _naming.own_name(logical) if _naming.needs_own_name(logical) else None
