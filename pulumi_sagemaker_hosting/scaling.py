"""Application Auto Scaling of a variant: instance count, or serverless provisioned concurrency.

Each scalable attribute is a component owning one ``aws.appautoscaling.Target``; its policies,
scheduled actions and step-scaling alarms are its children, so they are destroyed before the
target and the target before the endpoint.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import pulumi
import pulumi_aws as aws

from . import _cron, _urns, _validation
from ._environment import lookup
from .errors import Problems, ValidationError
from .metrics import Metric
from .schedule import AtExpression

INSTANCE_COUNT = "sagemaker:variant:DesiredInstanceCount"
PROVISIONED_CONCURRENCY = "sagemaker:variant:DesiredProvisionedConcurrency"
INVOCATIONS_PER_INSTANCE = "SageMakerVariantInvocationsPerInstance"
PROVISIONED_CONCURRENCY_UTILIZATION = "SageMakerVariantProvisionedConcurrencyUtilization"
CONCURRENT_REQUESTS_PER_MODEL = "SageMakerVariantConcurrentRequestsPerModelHighResolution"
PREDEFINED_METRICS = (
    INVOCATIONS_PER_INSTANCE,
    PROVISIONED_CONCURRENCY_UTILIZATION,
    CONCURRENT_REQUESTS_PER_MODEL,
)
ADJUSTMENT_TYPES = ("ChangeInCapacity", "ExactCapacity", "PercentChangeInCapacity")
_POLICY = "application-autoscaling.PutScalingPolicy"
_SERVICE_LINKED_ROLE = (
    "role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/"
    "AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint"
)


@dataclass(frozen=True)
class ScalingInterval:
    """One step of step scaling: when the metric is in [lower, upper), change capacity."""

    change: int
    """Capacity change (by ``adjustment_type``): positive scales out, negative scales in."""
    lower: float | None = None
    """Inclusive lower bound of the metric (None: unbounded below)."""
    upper: float | None = None
    """Exclusive upper bound of the metric (None: unbounded above)."""


@dataclass(frozen=True)
class StepScalingPolicy:
    """What :meth:`ScalableInstanceCount.scale_on_metric` (and the concurrency twin) created."""

    scale_out_policy: aws.appautoscaling.Policy | None
    """The policy adding capacity (None without positive steps)."""
    scale_out_alarm: aws.cloudwatch.MetricAlarm | None
    """The alarm triggering it."""
    scale_in_policy: aws.appautoscaling.Policy | None
    """The policy removing capacity (None without negative steps)."""
    scale_in_alarm: aws.cloudwatch.MetricAlarm | None
    """The alarm triggering it."""


def _is_number(value: object) -> bool:
    return not isinstance(value, bool) and isinstance(value, (int, float))


def _whole(value: object) -> bool:
    return _is_number(value) and float(value).is_integer()  # type: ignore[arg-type]


class _ScalableAttribute(pulumi.ComponentResource):
    """A variant's scalable dimension with its target; add policies with the ``scale_*`` methods."""

    target: aws.appautoscaling.Target
    """The registered scalable target."""
    min_capacity: int
    """The target's minimum capacity."""
    max_capacity: int
    """The target's maximum capacity."""

    #: The component's type token (set by each subclass).
    TOKEN: str = ""
    #: The scalable dimension the target registers (set by each subclass).
    DIMENSION: str = ""
    #: The predefined metrics Application Auto Scaling accepts for that dimension.
    PREDEFINED: tuple[str, ...] = ()

    def __init__(
        self,
        name: str,
        *,
        resource_id: pulumi.Input[str],
        min_capacity: int,
        max_capacity: int,
        depends_on: Sequence[pulumi.Resource] = (),
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Register the scalable target for ``resource_id``.

        Create one through the variant handle (``auto_scale_instance_count`` or
        ``auto_scale_provisioned_concurrency``), which validates the bounds.
        """
        super().__init__(
            self.TOKEN, name, {}, _urns.guarded(opts, f"{type(self).__name__} {name!r}")
        )
        self._name = name
        #: (owner, member prefix) of step-scaling alarms' logical names (see _naming.join);
        #: the variant handle sets the endpoint and ``<variant>-instance-count-``.
        self._alarm_scope: tuple[str, str] = (name, "")
        # Names of this target's policies and scheduled actions: one name twice would be one
        # URN twice, refused here rather than by the engine at deploy time.
        self._names: set[str] = set()
        self.min_capacity = min_capacity
        self.max_capacity = max_capacity
        env = lookup(self)
        self.target = aws.appautoscaling.Target(
            f"{name}-target",
            service_namespace="sagemaker",
            scalable_dimension=self.DIMENSION,
            resource_id=resource_id,
            min_capacity=min_capacity,
            max_capacity=max_capacity,
            role_arn=env.arn("iam", _SERVICE_LINKED_ROLE, region=False),
            # The target is registered against a live endpoint; create it after the endpoint
            # (a resource_id read from the endpoint's name output already waits for it).
            opts=pulumi.ResourceOptions(parent=self, depends_on=list(depends_on) or None),
        )
        self.register_outputs({"target_arn": self.target.arn})

    # --- policies --------------------------------------------------------------------------

    def _check_names(self, problems: Problems, *names: str) -> None:
        for name in names:
            if not isinstance(name, str) or not name:
                raise ValidationError(problems.component, _validation.logical_name("name", name))
            problems.check(
                "/" not in name,
                f"name must not contain '/' (it separates the owner in logical names), got "
                f"{name!r}",
            )
            problems.check(
                name not in self._names,
                f"a policy or scheduled action named {name!r} already exists on this target",
            )

    def _policy(
        self, name: str, policy_name: str | None, **config: Any
    ) -> aws.appautoscaling.Policy:
        return aws.appautoscaling.Policy(
            f"{self._name}-{name}",
            name=policy_name,
            service_namespace=self.target.service_namespace,
            scalable_dimension=self.target.scalable_dimension,
            resource_id=self.target.resource_id,
            opts=pulumi.ResourceOptions(parent=self),
            **config,
        )

    def _track_invocations(
        self,
        name: str,
        predefined_metric: str,
        *,
        max_requests_per_second: float,
        safety_factor: float,
        scale_in_cooldown: int | None,
        scale_out_cooldown: int | None,
        disable_scale_in: bool,
        policy_name: str | None,
    ) -> aws.appautoscaling.Policy:
        """Track a per-minute invocations metric at ``safety_factor * rps * 60``."""
        problems = Problems(f"{type(self).__name__} {self._name!r}: policy {name!r}")
        self._check_names(problems, name)
        problems.check(
            _validation.is_finite(max_requests_per_second) and max_requests_per_second > 0,
            f"max_requests_per_second must be a finite number > 0, got {max_requests_per_second!r}",
        )
        problems.check(
            _validation.is_finite(safety_factor) and 0 < safety_factor <= 1,
            f"safety_factor must be > 0 and <= 1, got {safety_factor!r}",
        )
        problems.raise_if_any()
        return self.scale_to_track_metric(
            name,
            target_value=safety_factor * max_requests_per_second * 60,
            predefined_metric=predefined_metric,
            scale_in_cooldown=scale_in_cooldown,
            scale_out_cooldown=scale_out_cooldown,
            disable_scale_in=disable_scale_in,
            policy_name=policy_name,
        )

    def _track_concurrency(
        self,
        name: str,
        predefined_metric: str,
        argument: str,
        target: float,
        *,
        scale_in_cooldown: int | None,
        scale_out_cooldown: int | None,
        disable_scale_in: bool,
        policy_name: str | None,
    ) -> aws.appautoscaling.Policy:
        """Track a concurrent-requests metric at ``target`` (given as ``argument``), > 0."""
        problems = Problems(f"{type(self).__name__} {self._name!r}: policy {name!r}")
        problems.check(_is_number(target) and target > 0, f"{argument} must be > 0, got {target!r}")
        problems.raise_if_any()
        return self.scale_to_track_metric(
            name,
            target_value=target,
            predefined_metric=predefined_metric,
            scale_in_cooldown=scale_in_cooldown,
            scale_out_cooldown=scale_out_cooldown,
            disable_scale_in=disable_scale_in,
            policy_name=policy_name,
        )

    def scale_to_track_metric(
        self,
        name: str,
        *,
        target_value: float,
        metric: Metric | None = None,
        predefined_metric: str | None = None,
        scale_in_cooldown: int | None = None,
        scale_out_cooldown: int | None = None,
        disable_scale_in: bool = False,
        policy_name: str | None = None,
    ) -> aws.appautoscaling.Policy:
        """Target tracking: keep ``metric`` (or a predefined SageMaker metric) at ``target_value``.

        Args:
            name: the policy's logical name (prefixed with this component's name).
            target_value: the value to hold the metric at.
            metric: any CloudWatch metric (CPU, GPU, a custom one); its statistic must be a
                plain one (no percentiles).
            predefined_metric: one of the SageMaker predefined metric types instead.
            scale_in_cooldown: seconds between scale-in activities.
            scale_out_cooldown: seconds between scale-out activities.
            disable_scale_in: never remove capacity.
            policy_name: the physical policy name (generated by default).
        """
        problems = Problems(f"{type(self).__name__} {self._name!r}: policy {name!r}")
        self._check_names(problems, name)
        problems.check(
            _validation.is_finite(target_value) and target_value > 0,
            f"target_value must be a finite number > 0, got {target_value!r}",
        )
        if metric is not None and not isinstance(metric, Metric):
            problems.add(f"metric must be a Metric, got {_validation.show(metric)}")
            metric = None
        for problem in _validation.collect(
            _validation.optional_text("predefined_metric", predefined_metric),
            _validation.plain("disable_scale_in", disable_scale_in, bool, "True or False"),
            _validation.input_text("policy_name", policy_name)
            or _validation.field(f"{_POLICY}.PolicyName", "policy_name", policy_name),
        ):
            problems.add(problem)
        problems.check(
            (metric is None) != (predefined_metric is None),
            "exactly one of metric and predefined_metric is required",
        )
        if predefined_metric is not None:
            problems.check(
                predefined_metric in self.PREDEFINED,
                f"predefined_metric must be one of {', '.join(self.PREDEFINED)} for "
                f"{self.DIMENSION}, got {predefined_metric!r}",
            )
        self._check_names(problems, name)
        if metric is not None:
            for problem in metric._problems():
                problems.add(f"metric: {problem}")
            problems.check(
                not metric.is_percentile,
                f"metric statistic must be Average, Sum, Minimum, Maximum or SampleCount for "
                f"target tracking, got {metric.statistic!r}",
            )
        _check_cooldowns(
            problems, scale_in_cooldown=scale_in_cooldown, scale_out_cooldown=scale_out_cooldown
        )
        problems.raise_if_any()
        self._names.add(name)
        config: dict[str, Any] = {"target_value": float(target_value)}
        if predefined_metric is not None:
            config["predefined_metric_specification"] = {
                "predefined_metric_type": predefined_metric
            }
        elif metric is not None:
            custom: dict[str, Any] = {
                "namespace": metric.namespace,
                "metric_name": metric.metric_name,
                "statistic": metric.statistic,
                "dimensions": [{"name": k, "value": v} for k, v in metric.dimensions.items()],
            }
            if metric.unit:
                custom["unit"] = metric.unit
            config["customized_metric_specification"] = custom
        if scale_in_cooldown is not None:
            config["scale_in_cooldown"] = scale_in_cooldown
        if scale_out_cooldown is not None:
            config["scale_out_cooldown"] = scale_out_cooldown
        if disable_scale_in:
            config["disable_scale_in"] = True
        return self._policy(
            name,
            policy_name,
            policy_type="TargetTrackingScaling",
            target_tracking_scaling_policy_configuration=config,
        )

    def scale_on_metric(
        self,
        name: str,
        *,
        metric: Metric,
        steps: Sequence[ScalingInterval],
        adjustment_type: str = "ChangeInCapacity",
        cooldown: int | None = None,
        min_adjustment_magnitude: int | None = None,
        evaluation_periods: int = 1,
        datapoints_to_alarm: int | None = None,
    ) -> StepScalingPolicy:
        """Step scaling: capacity changes by metric band, driven by alarms created here.

        Steps with a positive ``change`` form the scale-out policy, triggered by an alarm at
        ``metric >= lowest lower bound`` among them; steps with a negative ``change`` form the
        scale-in policy, triggered at ``metric <= highest upper bound`` among them. Each
        side's bands must be contiguous and open-ended away from the threshold, as
        Application Auto Scaling requires.

        Example: ``steps=[ScalingInterval(upper=20, change=-1), ScalingInterval(lower=70,
        upper=90, change=+1), ScalingInterval(lower=90, change=+3)]``.
        """
        where = f"{type(self).__name__} {self._name!r}: policy {name!r}"
        problems = Problems(where)
        shape = _validation.logical_name("name", name)
        shape += _validation.sequence("steps", steps, "ScalingInterval")
        if not isinstance(metric, Metric):
            shape.append(f"metric must be a Metric, got {_validation.show(metric)}")
        if not shape:
            for index, step in enumerate(steps):
                if not isinstance(step, ScalingInterval):
                    shape.append(
                        f"steps[{index}] must be a ScalingInterval, got {_validation.show(step)}"
                    )
                    continue
                shape += _step_problems(f"steps[{index}]", step)
        if shape:
            raise ValidationError(where, shape)
        for problem in metric._problems():
            problems.add(f"metric: {problem}")
        problems.check(
            adjustment_type in ADJUSTMENT_TYPES,
            f"adjustment_type must be one of {', '.join(ADJUSTMENT_TYPES)}, "
            f"got {adjustment_type!r}",
        )
        _check_cooldowns(problems, cooldown=cooldown)
        if min_adjustment_magnitude is not None:
            problems.check(
                adjustment_type == "PercentChangeInCapacity"
                and _whole(min_adjustment_magnitude)
                and 1 <= min_adjustment_magnitude <= _INT32_MAX,
                "min_adjustment_magnitude needs adjustment_type PercentChangeInCapacity and "
                f"must be >= 1, got {min_adjustment_magnitude!r}",
            )
        out_steps = sorted((s for s in steps if s.change > 0), key=lambda s: s.lower or 0.0)
        in_steps = sorted((s for s in steps if s.change < 0), key=lambda s: s.upper or 0.0)
        problems.check(bool(out_steps or in_steps), "steps must hold at least one non-zero change")
        for step in steps:
            problems.check(
                _whole(step.change), f"step change must be an integer, got {step.change!r}"
            )
            if step.lower is not None and step.upper is not None:
                problems.check(
                    step.lower < step.upper,
                    f"step lower must be < upper, got lower={step.lower}, upper={step.upper}",
                )
        _check_bands(problems, out_steps, scale_out=True)
        _check_bands(problems, in_steps, scale_out=False)
        if (
            out_steps
            and in_steps
            and out_steps[0].lower is not None
            and in_steps[-1].upper is not None
        ):
            problems.check(
                in_steps[-1].upper <= out_steps[0].lower,
                f"scale-in steps (up to {in_steps[-1].upper}) must lie below scale-out steps "
                f"(from {out_steps[0].lower}), or both alarms fire at once",
            )
        sides = [side for side, side_steps in (("out", out_steps), ("in", in_steps)) if side_steps]
        self._check_names(problems, *(f"{name}-{side}" for side in sides))
        owner, member = self._alarm_scope
        alarm_metric = metric.with_(
            scope=self, scope_name=owner, scope_member_prefix=f"{member}{name}-"
        )
        for side in sides:
            for problem in alarm_metric._metric_alarm_problems(
                f"{side}-alarm",
                threshold=0.0,
                evaluation_periods=evaluation_periods,
                datapoints_to_alarm=datapoints_to_alarm,
            ):
                problems.add(f"{side} alarm: {problem}")
        # Everything is checked: nothing below can fail half-way through.
        problems.raise_if_any()
        self._names.update(f"{name}-{side}" for side in sides)

        result: dict[str, Any] = {}
        for side, side_steps in (("out", out_steps), ("in", in_steps)):
            if not side_steps:
                result[f"scale_{side}_policy"] = result[f"scale_{side}_alarm"] = None
                continue
            if side == "out":
                threshold = float(side_steps[0].lower)  # type: ignore[arg-type]
                operator = ">="
            else:
                threshold = float(side_steps[-1].upper)  # type: ignore[arg-type]
                operator = "<="
            adjustments = [_adjustment(step, threshold) for step in side_steps]
            config: dict[str, Any] = {
                "adjustment_type": adjustment_type,
                "step_adjustments": adjustments,
                "metric_aggregation_type": _aggregation(metric.statistic),
            }
            if cooldown is not None:
                config["cooldown"] = cooldown
            if min_adjustment_magnitude is not None:
                config["min_adjustment_magnitude"] = min_adjustment_magnitude
            policy = self._policy(
                f"{name}-{side}", None, policy_type="StepScaling",
                step_scaling_policy_configuration=config,
            )  # fmt: skip
            # The alarm is this component's child, named after the policy it drives.
            alarm = alarm_metric.create_alarm(
                f"{side}-alarm",
                threshold=threshold,
                evaluation_periods=evaluation_periods,
                datapoints_to_alarm=datapoints_to_alarm,
                comparison_operator=operator,
                alarm_actions=[policy.arn],
                alarm_description=f"Scale {side} {self._name} ({name})",
            )
            result[f"scale_{side}_policy"] = policy
            result[f"scale_{side}_alarm"] = alarm
        return StepScalingPolicy(**result)

    def scale_on_schedule(
        self,
        name: str,
        *,
        schedule: str,
        min_capacity: int | None = None,
        max_capacity: int | None = None,
        timezone: str | None = None,
        start_time: str | None = None,
        end_time: str | None = None,
    ) -> aws.appautoscaling.ScheduledAction:
        """Change the capacity bounds on a schedule, e.g. ``Schedule.cron(minute="0", hour="8")``.

        Args:
            name: the action's logical name.
            schedule: an ``at(...)``, ``rate(...)`` or ``cron(...)`` expression.
            min_capacity: the new minimum.
            max_capacity: the new maximum.
            timezone: an IANA time zone for the schedule (UTC by default).
            start_time: RFC 3339 time before which the action never runs.
            end_time: RFC 3339 time after which the action never runs.
        """
        problems = Problems(f"{type(self).__name__} {self._name!r}: schedule {name!r}")
        self._check_names(problems, name)
        if _validation.is_unknown(schedule):
            problems.add(
                "schedule must be a plain expression string known when the program runs, not an "
                "Output (build one with Schedule.at, .rate or .cron)"
            )
        else:
            for problem in _cron.problems(schedule):
                problems.add(f"schedule {problem}")
        problems.check(
            min_capacity is not None or max_capacity is not None,
            "at least one of min_capacity and max_capacity is required",
        )
        capacities_ok = True
        for arg, value in (("min_capacity", min_capacity), ("max_capacity", max_capacity)):
            if value is not None and not (_whole(value) and 0 <= value <= _INT32_MAX):
                problems.add(f"{arg} must be an integer from 0 to {_INT32_MAX}, got {value!r}")
                capacities_ok = False
        if capacities_ok and min_capacity is not None and max_capacity is not None:
            problems.check(
                min_capacity <= max_capacity,
                f"min_capacity ({min_capacity}) must be <= max_capacity ({max_capacity})",
            )
        for problem in _schedule_window_problems(timezone, start_time, end_time):
            problems.add(problem)
        self._check_names(problems, name)
        problems.raise_if_any()
        if isinstance(schedule, AtExpression) and isinstance(timezone, str):
            # Schedule.at(aware datetime): AWS reads at(...) in the action's time zone, so the
            # instant is rewritten there rather than firing at the UTC wall-clock time.
            import zoneinfo  # sysconfig + tz paths: only loaded by stacks with schedules

            try:
                schedule = schedule.in_zone(zoneinfo.ZoneInfo(timezone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                problems.add(
                    f"schedule {schedule!r} was built from an aware datetime, which cannot be "
                    f"written in timezone {timezone!r} (no time zone database here)"
                )
        problems.raise_if_any()
        self._names.add(name)
        action: dict[str, Any] = {}
        if min_capacity is not None:
            action["min_capacity"] = int(min_capacity)
        if max_capacity is not None:
            action["max_capacity"] = int(max_capacity)
        return aws.appautoscaling.ScheduledAction(
            f"{self._name}-{name}",
            service_namespace=self.target.service_namespace,
            scalable_dimension=self.target.scalable_dimension,
            resource_id=self.target.resource_id,
            schedule=schedule,
            scalable_target_action=cast(Any, action),
            timezone=timezone,
            start_time=start_time,
            end_time=end_time,
            opts=pulumi.ResourceOptions(parent=self),
        )


_INT32_MAX = 2**31 - 1


def _schedule_window_problems(timezone: object, start: object, end: object) -> list[str]:
    """The time zone (IANA, via zoneinfo) and the RFC 3339 start/end of a scheduled action.

    PutScheduledAction: "Timezone: ... the canonical names of the IANA time zones";
    "StartTime/EndTime" bound the action's runs
    (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScheduledAction.html);
    the provider takes the times in RFC 3339 (``2026-12-01T00:00:00Z``).
    """
    found = _validation.optional_text("timezone", timezone)
    if not found and isinstance(timezone, str) and not _known_timezone(timezone):
        import zoneinfo

        near = ", ".join(_validation.closest(timezone, zoneinfo.available_timezones()))
        found.append(f"timezone must be an IANA time zone (closest: {near}), got {timezone!r}")
    moments: dict[str, _dt.datetime] = {}
    for arg, value in (("start_time", start), ("end_time", end)):
        shape = _validation.optional_text(arg, value)
        if shape:
            found += shape
            continue
        if isinstance(value, str):
            moment = _rfc3339(value)
            if moment is None:
                found.append(
                    f"{arg} must be an RFC 3339 time with a zone, like 2026-12-01T08:00:00Z, "
                    f"got {value!r}"
                )
            else:
                moments[arg] = moment
    if len(moments) == 2 and moments["start_time"] >= moments["end_time"]:
        found.append(f"start_time ({start}) must be before end_time ({end})")
    return found


def _known_timezone(name: str) -> bool:
    import zoneinfo  # loaded by stacks that give a time zone only (import time)

    if not zoneinfo.available_timezones():
        return True  # no time zone database on this machine: leave the check to AWS
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _rfc3339(text: str) -> _dt.datetime | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", text):
        return None
    try:
        return _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def _step_problems(at: str, step: ScalingInterval) -> list[str]:
    found = []
    if not (_whole(step.change) and -_INT32_MAX - 1 <= step.change <= _INT32_MAX):
        found.append(f"{at}.change must be an integer (32-bit), got {step.change!r}")
    for arg in ("lower", "upper"):
        bound = getattr(step, arg)
        if bound is not None and not _validation.is_finite(bound):
            found.append(f"{at}.{arg} must be a finite number or None, got {bound!r}")
    return found


def _check_cooldowns(problems: Problems, **cooldowns: int | None) -> None:
    for arg, value in cooldowns.items():
        if value is not None:
            problems.check(
                isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 31536000,
                f"{arg} must be 0 to 31536000 seconds, got {value!r}",
            )


def _check_bands(problems: Problems, steps: list[ScalingInterval], *, scale_out: bool) -> None:
    if not steps:
        return
    side = "scale-out" if scale_out else "scale-in"
    for step in steps:
        bound = step.lower if scale_out else step.upper
        if bound is None:
            problems.add(
                f"{side} step (change {step.change}) needs "
                f"a {'lower' if scale_out else 'upper'} bound"
            )
            return
    for before, after in itertools.pairwise(steps):
        if before.upper != after.lower:
            problems.add(
                f"{side} steps must be contiguous: a band ends at {before.upper} and the next "
                f"starts at {after.lower}"
            )
    open_end = steps[-1].upper if scale_out else steps[0].lower
    if open_end is not None:
        problems.add(
            f"the outermost {side} step must be unbounded "
            f"({'upper' if scale_out else 'lower'}=None), got {open_end}"
        )


def _adjustment(step: ScalingInterval, threshold: float) -> dict[str, Any]:
    # Step bounds are relative to the alarm threshold; pulumi_aws takes them as strings.
    adjustment: dict[str, Any] = {"scaling_adjustment": int(step.change)}
    if step.lower is not None:
        adjustment["metric_interval_lower_bound"] = _bound(step.lower - threshold)
    if step.upper is not None:
        adjustment["metric_interval_upper_bound"] = _bound(step.upper - threshold)
    return adjustment


def _bound(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _aggregation(statistic: str) -> str:
    return {"Minimum": "Minimum", "Maximum": "Maximum"}.get(statistic, "Average")


class ScalableInstanceCount(_ScalableAttribute):
    """Auto scaling of an instance variant's instance count."""

    TOKEN = "sagemaker-hosting:index:ScalableInstanceCount"
    DIMENSION = INSTANCE_COUNT
    PREDEFINED = (INVOCATIONS_PER_INSTANCE, CONCURRENT_REQUESTS_PER_MODEL)

    def scale_on_invocations(
        self,
        name: str,
        *,
        max_requests_per_second: float,
        safety_factor: float = 0.5,
        scale_in_cooldown: int | None = None,
        scale_out_cooldown: int | None = None,
        disable_scale_in: bool = False,
        policy_name: str | None = None,
    ) -> aws.appautoscaling.Policy:
        """Track invocations per instance at ``safety_factor * max_requests_per_second * 60``.

        ``max_requests_per_second`` is what one instance sustains (load-test it); the target
        is per minute, as the metric is, so the spec's 30 rps gives 900.
        """
        return self._track_invocations(
            name,
            INVOCATIONS_PER_INSTANCE,
            max_requests_per_second=max_requests_per_second,
            safety_factor=safety_factor,
            scale_in_cooldown=scale_in_cooldown,
            scale_out_cooldown=scale_out_cooldown,
            disable_scale_in=disable_scale_in,
            policy_name=policy_name,
        )

    def scale_on_concurrent_requests(
        self,
        name: str,
        *,
        target_requests_per_model: float,
        scale_in_cooldown: int | None = None,
        scale_out_cooldown: int | None = None,
        disable_scale_in: bool = False,
        policy_name: str | None = None,
    ) -> aws.appautoscaling.Policy:
        """Track requests in flight per model (the high-resolution concurrency metric).

        SageMaker publishes it every 10 seconds, so scaling reacts within a minute: what LLMs,
        whose requests last seconds and are limited by concurrent generations, want.
        https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-add-code-define.html
        """
        return self._track_concurrency(
            name,
            CONCURRENT_REQUESTS_PER_MODEL,
            "target_requests_per_model",
            target_requests_per_model,
            scale_in_cooldown=scale_in_cooldown,
            scale_out_cooldown=scale_out_cooldown,
            disable_scale_in=disable_scale_in,
            policy_name=policy_name,
        )


class ScalableProvisionedConcurrency(_ScalableAttribute):
    """Auto scaling of a serverless variant's provisioned concurrency."""

    TOKEN = "sagemaker-hosting:index:ScalableProvisionedConcurrency"
    DIMENSION = PROVISIONED_CONCURRENCY
    PREDEFINED = (PROVISIONED_CONCURRENCY_UTILIZATION,)

    def scale_on_utilization(
        self,
        name: str,
        *,
        target_utilization: float = 0.7,
        scale_in_cooldown: int | None = None,
        scale_out_cooldown: int | None = None,
        disable_scale_in: bool = False,
        policy_name: str | None = None,
    ) -> aws.appautoscaling.Policy:
        """Track provisioned-concurrency utilization (a fraction, 0.7 = 70 %)."""
        problems = Problems(f"ScalableProvisionedConcurrency {self._name!r}: policy {name!r}")
        problems.check(
            _validation.is_finite(target_utilization) and 0 < target_utilization <= 1,
            f"target_utilization must be > 0 and <= 1, got {target_utilization!r}",
        )
        problems.raise_if_any()
        return self.scale_to_track_metric(
            name,
            target_value=target_utilization,
            predefined_metric=PROVISIONED_CONCURRENCY_UTILIZATION,
            scale_in_cooldown=scale_in_cooldown,
            scale_out_cooldown=scale_out_cooldown,
            disable_scale_in=disable_scale_in,
            policy_name=policy_name,
        )
