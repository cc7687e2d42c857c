"""Deployment guardrails: how an endpoint update shifts traffic, and which alarms roll it back.

An :class:`Endpoint` given ``deployment=`` updates its fleet (on every new endpoint config)
with SageMaker's deployment guardrails instead of the default all-at-once blue/green swap:

- :class:`BlueGreenDeployment`: a full new (green) fleet is provisioned, then traffic moves to
  it all at once, in a canary step then the rest, or in linear steps, with a baking period
  (``wait_interval``) after each step; the old (blue) fleet is kept ``termination_wait``
  seconds more, then terminated.
- :class:`RollingDeployment`: the fleet is replaced batch by batch (fewer spare instances,
  for large models), with a baking period after each batch.

During every baking period SageMaker watches the ``rollback_alarms``; if one goes to ALARM,
all traffic returns to the old fleet.

Limits enforced here, before anything is created (sources):

- ``WaitIntervalInSeconds`` and ``TerminationWaitInSeconds``: 0-3600 seconds. SageMaker API
  reference, ``TrafficRoutingConfig``, ``BlueGreenUpdatePolicy``, ``RollingUpdatePolicy``
  (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_TrafficRoutingConfig.html,
  .../API_BlueGreenUpdatePolicy.html, .../API_RollingUpdatePolicy.html).
- ``MaximumExecutionTimeoutInSeconds``: 600-14400 seconds. The API allows up to 28800, but
  the Terraform provider that ``pulumi_aws`` bridges validates ``IntBetween(600, 14400)``
  (``internal/service/sagemaker/endpoint.go``; the pulumi_aws 7.51.1 docstring says "Valid
  values are between 600 and 14400"), so a larger value would fail at preview. The API
  reference adds that the timeout "should be larger than the total waiting time specified in
  TerminationWaitInSeconds and WaitIntervalInSeconds": required here.
- ``CapacitySize``: ``INSTANCE_COUNT`` or ``CAPACITY_PERCENT``, ``Value`` >= 1
  (.../API_CapacitySize.html). A canary is at most 50% of the variant's instance count; a
  linear step is 10-50% (``TrafficRoutingConfig``); a rolling batch is 5-50%
  (``RollingUpdatePolicy``); a rollback batch of 100% (or none) means "all at once"
  (``CapacitySize``). Instance counts are checked against each instance variant's
  ``initial_instance_count``, which is what every config update brings the fleet to.
- ``AutoRollbackConfig.Alarms``: 1 to 10 alarms (.../API_AutoRollbackConfig.html).
- Exclusions (https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-exclusions.html):
  with Marketplace containers, Inf1 (Inferentia) instances or Elastic Inference, SageMaker
  silently falls back to all-at-once blue/green with no baking period; rolling deployments
  additionally exclude serverless and multi-variant endpoints. Inf1 and Elastic Inference
  variants are rejected here rather than silently stripped of their guardrails; so are
  canary, linear and rolling deployments of a serverless config (their sizes count
  instances, which a serverless variant has none of). All-at-once blue/green stays allowed.
- The provider's schema requires exactly one of ``blue_green_update_policy`` and
  ``rolling_update_policy`` in a ``deployment_config``: a deployment is one or the other.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pulumi
import pulumi_aws as aws

from .variants import InstanceProductionVariant, ServerlessProductionVariant

if TYPE_CHECKING:
    from typing import TypeAlias

INSTANCE_COUNT = "INSTANCE_COUNT"
CAPACITY_PERCENT = "CAPACITY_PERCENT"
ALL_AT_ONCE = "ALL_AT_ONCE"
CANARY = "CANARY"
LINEAR = "LINEAR"
MAX_WAIT = 3600
MIN_EXECUTION_TIMEOUT, MAX_EXECUTION_TIMEOUT = 600, 14400
MAX_ROLLBACK_ALARMS = 10
_INT32_MAX = 2**31 - 1

if TYPE_CHECKING:
    RollbackAlarm: TypeAlias = aws.cloudwatch.MetricAlarm | str | pulumi.Output[str]
    """A rollback alarm: a MetricAlarm resource (its ``name`` output is used) or an alarm name."""
else:

    def __getattr__(name: str) -> Any:
        # Built on first access: naming aws.cloudwatch at import would load all of
        # pulumi_aws.cloudwatch (docs/benchmarks.md, import time). Hidden from mypy.
        if name == "RollbackAlarm":
            return aws.cloudwatch.MetricAlarm | str | pulumi.Output[str]
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _is_int(value: object) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _seconds(arg: str, value: object, low: int, high: int) -> list[str]:
    if _is_int(value) and low <= value <= high:  # type: ignore[operator]
        return []
    return [f"{arg} must be an integer number of seconds from {low} to {high}, got {value!r}"]


@dataclass(frozen=True)
class CapacitySize:
    """A share of a variant's fleet: a number of instances or a percentage of them.

    Build one with :meth:`percent` or :meth:`instances`.
    """

    type: str
    """``CAPACITY_PERCENT`` or ``INSTANCE_COUNT`` (SageMaker's ``CapacitySize.Type``)."""
    value: int
    """The percentage (1-100) or the number of instances (>= 1)."""

    @classmethod
    def percent(cls, value: int) -> CapacitySize:
        """``value`` percent of the variant's instances (SageMaker rounds to instances)."""
        return cls(CAPACITY_PERCENT, value)

    @classmethod
    def instances(cls, count: int) -> CapacitySize:
        """``count`` instances of the variant."""
        return cls(INSTANCE_COUNT, count)

    def __str__(self) -> str:
        """``10%`` or ``2 instances``."""
        if self.type == CAPACITY_PERCENT:
            return f"{self.value}%"
        return f"{self.value} instance{'' if self.value == 1 else 's'}"

    def _problems(self, arg: str, low_percent: int, high_percent: int) -> list[str]:
        """What is wrong with this size as ``arg`` allowing ``low_percent``-``high_percent``."""
        if self.type not in (CAPACITY_PERCENT, INSTANCE_COUNT):
            return [
                f"{arg} must be a CapacitySize of type CAPACITY_PERCENT or INSTANCE_COUNT, "
                f"got {self.type!r}"
            ]
        if not _is_int(self.value) or self.value < 1:
            return [f"{arg} value must be an integer >= 1, got {self.value!r}"]
        if self.value > _INT32_MAX:  # CapacitySize.Value is a 32-bit integer
            return [f"{arg} value must be at most {_INT32_MAX}, got {self.value!r}"]
        if self.type == CAPACITY_PERCENT and not low_percent <= self.value <= high_percent:
            return [f"{arg} must be {low_percent}% to {high_percent}% of the fleet, got {self}"]
        return []

    def _fleet_problems(
        self, arg: str, low_percent: int, high_percent: int, variants: Sequence[object]
    ) -> list[str]:
        """What is wrong with an instance count against each instance variant's fleet size."""
        if self.type != INSTANCE_COUNT or not _is_int(self.value) or self.value < 1:
            return []
        found = []
        for variant in variants:
            if not isinstance(variant, InstanceProductionVariant):
                continue
            count = variant.initial_instance_count
            if not _is_int(count) or count < 1:
                continue  # the variant's own validation reports it
            if not low_percent * count <= 100 * self.value <= high_percent * count:
                share = f"{low_percent}% to " if low_percent else "at most "
                found.append(
                    f"{arg} must be {share}{high_percent}% of variant "
                    f"{variant.variant_name!r}'s {count} instance{'' if count == 1 else 's'}, "
                    f"got {self}"
                )
        return found

    def _render(self) -> dict[str, Any]:
        """The pulumi_aws ``{type, value}`` block."""
        return {"type": self.type, "value": int(self.value)}


@dataclass(frozen=True)
class TrafficRouting:
    """How a blue/green deployment moves traffic to the new fleet.

    Build one with :meth:`all_at_once`, :meth:`canary` or :meth:`linear`.
    """

    type: str
    """``ALL_AT_ONCE``, ``CANARY`` or ``LINEAR`` (SageMaker's ``TrafficRoutingConfig.Type``)."""
    wait_interval: int
    """Seconds (0-3600) of baking after each traffic shift, watching the rollback alarms."""
    canary_size: CapacitySize | None = None
    """The canary's share of the new fleet (``CANARY`` only): at most 50%."""
    linear_step_size: CapacitySize | None = None
    """Each step's share of the new fleet (``LINEAR`` only): 10% to 50%."""

    @classmethod
    def all_at_once(cls, *, wait_interval: int) -> TrafficRouting:
        """Shift all traffic at once, then bake ``wait_interval`` seconds."""
        return cls(ALL_AT_ONCE, wait_interval)

    @classmethod
    def canary(cls, size: CapacitySize, *, wait_interval: int) -> TrafficRouting:
        """Send a canary share (``size``, <= 50%) first, bake, then shift the rest and bake."""
        return cls(CANARY, wait_interval, canary_size=size)

    @classmethod
    def linear(cls, step: CapacitySize, *, wait_interval: int) -> TrafficRouting:
        """Shift traffic in equal steps (``step``, 10-50%), baking after each."""
        return cls(LINEAR, wait_interval, linear_step_size=step)

    def _problems(self, arg: str) -> list[str]:
        """What is wrong with this routing (empty when valid)."""
        found = _seconds(f"{arg}.wait_interval", self.wait_interval, 0, MAX_WAIT)
        sizes = {"canary_size": self.canary_size, "linear_step_size": self.linear_step_size}
        expected = {CANARY: "canary_size", LINEAR: "linear_step_size"}.get(self.type)
        if self.type not in (ALL_AT_ONCE, CANARY, LINEAR):
            found.append(f"{arg}.type must be ALL_AT_ONCE, CANARY or LINEAR, got {self.type!r}")
        for name, size in sizes.items():
            if name == expected:
                if not isinstance(size, CapacitySize):
                    found.append(
                        f"{arg}.{name} must be a CapacitySize for {self.type}, got {size!r}"
                    )
                else:
                    low = 1 if name == "canary_size" else 10
                    found.extend(size._problems(f"{arg}.{name}", low, 50))
            elif size is not None:
                kind = CANARY if name == "canary_size" else LINEAR
                found.append(f"{arg}.{name} is only allowed with {kind} routing, got {size}")
        return found

    def _bakes(self) -> int:
        """How many baking periods (``wait_interval``) a deployment with this routing has."""
        if self.type == CANARY:
            return 2
        step = self.linear_step_size
        if (
            self.type == LINEAR
            and isinstance(step, CapacitySize)
            and step.type != INSTANCE_COUNT
            and _is_int(step.value)
            and step.value >= 1
        ):
            return math.ceil(100 / step.value)
        return 1

    def _fleet_problems(self, arg: str, variants: Sequence[object]) -> list[str]:
        """Instance-count sizes checked against the variants' instance counts."""
        found: list[str] = []
        if isinstance(self.canary_size, CapacitySize):
            found += self.canary_size._fleet_problems(f"{arg}.canary_size", 0, 50, variants)
        if isinstance(self.linear_step_size, CapacitySize):
            found += self.linear_step_size._fleet_problems(
                f"{arg}.linear_step_size", 10, 50, variants
            )
        return found

    def _render(self) -> dict[str, Any]:
        """The pulumi_aws ``traffic_routing_configuration`` block."""
        rendered: dict[str, Any] = {
            "type": self.type,
            "wait_interval_in_seconds": int(self.wait_interval),
        }
        if self.canary_size is not None:
            rendered["canary_size"] = self.canary_size._render()
        if self.linear_step_size is not None:
            rendered["linear_step_size"] = self.linear_step_size._render()
        return rendered


def _alarm_tuple(value: object) -> tuple[Any, ...]:
    if isinstance(value, (str, aws.cloudwatch.MetricAlarm, pulumi.Output)):
        return (value,)  # one alarm given bare: accept it rather than iterate a name's letters
    return tuple(value) if isinstance(value, Sequence) else (value,)


@dataclass(frozen=True)
class BlueGreenDeployment:
    """Update the endpoint by bringing up a full new fleet and shifting traffic to it.

    ``BlueGreenDeployment(TrafficRouting.canary(CapacitySize.percent(10), wait_interval=600),
    rollback_alarms=[errors_alarm])``.
    """

    traffic_routing: TrafficRouting
    """How traffic moves: :meth:`TrafficRouting.all_at_once`, ``canary`` or ``linear``."""
    termination_wait: int = 0
    """Seconds (0-3600) the old fleet is kept after the shift completes (a fast way back)."""
    maximum_execution_timeout: int | None = None
    """Seconds (600-14400) the whole deployment may take; more than the waits combined."""
    rollback_alarms: Sequence[RollbackAlarm] = field(default=())
    """CloudWatch alarms (up to 10, with :meth:`Endpoint.add_rollback_alarm` ones) that roll
    the deployment back when they go to ALARM during a baking period."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "rollback_alarms", _alarm_tuple(self.rollback_alarms))

    def _problems(self, arg: str = "deployment") -> list[str]:
        """What is wrong with this deployment given as argument ``arg`` (empty when valid)."""
        if not isinstance(self.traffic_routing, TrafficRouting):
            found = [
                f"{arg}.traffic_routing must be a TrafficRouting (TrafficRouting.all_at_once, "
                f".canary or .linear), got {type(self.traffic_routing).__name__}"
            ]
        else:
            found = self.traffic_routing._problems(f"{arg}.traffic_routing")
        found += _seconds(f"{arg}.termination_wait", self.termination_wait, 0, MAX_WAIT)
        waits = [self.termination_wait]
        if isinstance(self.traffic_routing, TrafficRouting):
            # Every traffic shift bakes for wait_interval: canary bakes twice (the canary, then
            # the rest), linear once per step, all-at-once once.
            waits += [self.traffic_routing.wait_interval] * self.traffic_routing._bakes()
        found += _timeout_problems(arg, self.maximum_execution_timeout, waits)
        return found

    def _fleet_problems(self, variants: Sequence[object], arg: str = "deployment") -> list[str]:
        """What is wrong with this deployment for an endpoint config with these variants."""
        # AWS excludes serverless from rolling deployments only; an all-at-once blue/green
        # shift has no instance sizes to count, so it stays allowed there.
        all_at_once = (
            isinstance(self.traffic_routing, TrafficRouting)
            and self.traffic_routing.type == ALL_AT_ONCE
        )
        found = _excluded_variants(arg, variants, allow_serverless=all_at_once)
        if isinstance(self.traffic_routing, TrafficRouting):
            found += self.traffic_routing._fleet_problems(f"{arg}.traffic_routing", variants)
        return found

    def _render_policy(self) -> dict[str, Any]:
        """The pulumi_aws ``deployment_config`` entries, without the rollback alarms."""
        policy: dict[str, Any] = {
            "traffic_routing_configuration": self.traffic_routing._render(),
            "termination_wait_in_seconds": int(self.termination_wait),
        }
        if self.maximum_execution_timeout is not None:
            policy["maximum_execution_timeout_in_seconds"] = int(self.maximum_execution_timeout)
        return {"blue_green_update_policy": policy}


@dataclass(frozen=True)
class RollingDeployment:
    """Update the endpoint batch by batch: fewer spare instances than blue/green.

    SageMaker supports it only for single-variant, instance-based endpoints.
    ``RollingDeployment(CapacitySize.percent(25), wait_interval=300)``.
    """

    maximum_batch_size: CapacitySize
    """Instances replaced per step: 5% to 50% of the variant's fleet."""
    wait_interval: int
    """Seconds (0-3600) of baking after each batch, watching the rollback alarms."""
    maximum_execution_timeout: int | None = None
    """Seconds (600-14400) the whole deployment may take; more than ``wait_interval``."""
    rollback_maximum_batch_size: CapacitySize | None = None
    """Instances restored per rollback step; SageMaker's default is the whole fleet at once."""
    rollback_alarms: Sequence[RollbackAlarm] = field(default=())
    """CloudWatch alarms (up to 10, with :meth:`Endpoint.add_rollback_alarm` ones) that roll
    the deployment back when they go to ALARM during a baking period."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "rollback_alarms", _alarm_tuple(self.rollback_alarms))

    def _problems(self, arg: str = "deployment") -> list[str]:
        """What is wrong with this deployment given as argument ``arg`` (empty when valid)."""
        found: list[str] = []
        if not isinstance(self.maximum_batch_size, CapacitySize):
            found.append(
                f"{arg}.maximum_batch_size must be a CapacitySize (CapacitySize.percent or "
                f".instances), got {self.maximum_batch_size!r}"
            )
        else:
            found += self.maximum_batch_size._problems(f"{arg}.maximum_batch_size", 5, 50)
        found += _seconds(f"{arg}.wait_interval", self.wait_interval, 0, MAX_WAIT)
        found += _timeout_problems(arg, self.maximum_execution_timeout, [self.wait_interval])
        rollback = self.rollback_maximum_batch_size
        if rollback is not None:
            if not isinstance(rollback, CapacitySize):
                found.append(
                    f"{arg}.rollback_maximum_batch_size must be a CapacitySize or None, "
                    f"got {rollback!r}"
                )
            else:
                found += rollback._problems(f"{arg}.rollback_maximum_batch_size", 1, 100)
        return found

    def _fleet_problems(self, variants: Sequence[object], arg: str = "deployment") -> list[str]:
        """What is wrong with this deployment for an endpoint config with these variants."""
        found = _excluded_variants(arg, variants)
        if len(variants) > 1:
            names = ", ".join(repr(getattr(v, "variant_name", "?")) for v in variants)
            found.append(
                f"{arg}: a RollingDeployment needs an endpoint config with exactly one variant "
                f"(SageMaker excludes multi-variant endpoints), got {len(variants)}: {names}"
            )
        if isinstance(self.maximum_batch_size, CapacitySize):
            found += self.maximum_batch_size._fleet_problems(
                f"{arg}.maximum_batch_size", 5, 50, variants
            )
        return found

    def _render_policy(self) -> dict[str, Any]:
        """The pulumi_aws ``deployment_config`` entries, without the rollback alarms."""
        policy: dict[str, Any] = {
            "maximum_batch_size": self.maximum_batch_size._render(),
            "wait_interval_in_seconds": int(self.wait_interval),
        }
        if self.maximum_execution_timeout is not None:
            policy["maximum_execution_timeout_in_seconds"] = int(self.maximum_execution_timeout)
        if self.rollback_maximum_batch_size is not None:
            policy["rollback_maximum_batch_size"] = self.rollback_maximum_batch_size._render()
        return {"rolling_update_policy": policy}


Deployment = BlueGreenDeployment | RollingDeployment
"""What ``Endpoint(deployment=...)`` takes."""


def _timeout_problems(arg: str, timeout: object, waits: Sequence[object]) -> list[str]:
    if timeout is None:
        return []
    found = _seconds(
        f"{arg}.maximum_execution_timeout", timeout, MIN_EXECUTION_TIMEOUT, MAX_EXECUTION_TIMEOUT
    )
    if not found and all(_is_int(w) for w in waits):
        total = sum(int(w) for w in waits)  # type: ignore[call-overload]
        if timeout <= total:  # type: ignore[operator]
            covered = (
                f"{len(waits) - 1} x wait_interval + termination_wait"
                if len(waits) > 1
                else "wait_interval"
            )
            found.append(
                f"{arg}.maximum_execution_timeout must be greater than the waits it covers "
                f"({covered} = {total} seconds), got {timeout}"
            )
    return found


def _excluded_variants(
    arg: str, variants: Sequence[object], *, allow_serverless: bool = False
) -> list[str]:
    found: list[str] = []
    for variant in variants:
        name = getattr(variant, "variant_name", "?")
        if isinstance(variant, ServerlessProductionVariant) and not allow_serverless:
            found.append(
                f"{arg} (deployment guardrails) is not supported for serverless variant "
                f"{name!r}; remove deployment"
            )
        elif isinstance(variant, InstanceProductionVariant):
            if str(variant.instance_type).startswith("ml.inf1."):
                found.append(
                    f"{arg} (deployment guardrails) is not supported on Inf1 instances (variant "
                    f"{name!r} is {variant.instance_type}): SageMaker would silently update it "
                    "all at once, without baking or rollback"
                )
            if variant.accelerator_type is not None:
                found.append(
                    f"{arg} (deployment guardrails) is not supported with Elastic Inference "
                    f"(variant {name!r} has accelerator_type "
                    f"{getattr(variant.accelerator_type, 'value', variant.accelerator_type)}): "
                    "SageMaker would silently update it all at once, without baking or rollback"
                )
    return found
