"""Application Auto Scaling of an inference component's copy count, down to zero and back.

The dimension, predefined metrics and the scale-out-from-zero recipe follow "Scale an endpoint
to zero instances"
(https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-zero-instances.html)
and https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-add-code-define.html.
The page's steps, as checked against its text:

- to zero: register ``inference-component/<name>`` on
  ``sagemaker:inference-component:DesiredCopyCount`` with min capacity 0 (and the variant's
  ``ManagedInstanceScaling.MinInstanceCount`` 0), then a target tracking policy, its example
  ``SageMakerInferenceComponentInvocationsPerCopy`` at 1 with 300 s cooldowns;
- from zero: a step scaling policy (``ChangeInCapacity``, ``Maximum`` aggregation, cooldown 60,
  one step from lower bound 0 adding 1), and a CloudWatch alarm on ``AWS/SageMaker``
  ``NoCapacityInvocationFailures`` by ``InferenceComponentName`` (``Sum``, period 60, 1
  evaluation period, 1 datapoint, threshold 1) whose action is that policy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from .errors import Problems
from .metrics import Metric
from .scaling import _check_cooldowns, _is_number, _ScalableAttribute

COPY_COUNT = "sagemaker:inference-component:DesiredCopyCount"
INVOCATIONS_PER_COPY = "SageMakerInferenceComponentInvocationsPerCopy"
CONCURRENT_REQUESTS_PER_COPY = "SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution"


@dataclass(frozen=True)
class ScaleOutFromZero:
    """What :meth:`ScalableCopyCount.scale_out_from_zero` created."""

    policy: aws.appautoscaling.Policy
    """The step scaling policy adding copies."""
    alarm: aws.cloudwatch.MetricAlarm
    """The alarm on ``NoCapacityInvocationFailures`` that triggers it."""


class ScalableCopyCount(_ScalableAttribute):
    """Auto scaling of an inference component's copy count (``inference-component/<name>``)."""

    TOKEN = "sagemaker-hosting:index:ScalableCopyCount"
    DIMENSION = COPY_COUNT
    PREDEFINED = (INVOCATIONS_PER_COPY, CONCURRENT_REQUESTS_PER_COPY)

    def __init__(
        self,
        name: str,
        *,
        resource_id: pulumi.Input[str],
        min_capacity: int,
        max_capacity: int,
        no_capacity_metric: Metric,
        depends_on: Sequence[pulumi.Resource] = (),
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Register the target; create it with ``InferenceComponent.auto_scale_copy_count``.

        Args:
            name: the component's logical name.
            resource_id: ``inference-component/<inference component name>``.
            min_capacity: the fewest copies (0 lets the model scale to zero).
            max_capacity: the most copies.
            no_capacity_metric: the component's ``NoCapacityInvocationFailures`` metric.
            depends_on: resources the target waits for (the inference component).
            opts: options for the component.
        """
        self._no_capacity_metric = no_capacity_metric
        super().__init__(
            name,
            resource_id=resource_id,
            min_capacity=min_capacity,
            max_capacity=max_capacity,
            depends_on=depends_on,
            opts=opts,
        )

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
        """Track invocations per copy at ``safety_factor * max_requests_per_second * 60``.

        ``max_requests_per_second`` is what one copy sustains (load-test it); the target is
        per minute, as ``InvocationsPerCopy`` is.
        """
        return self._track_invocations(
            name,
            INVOCATIONS_PER_COPY,
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
        target_requests_per_copy: float,
        scale_in_cooldown: int | None = None,
        scale_out_cooldown: int | None = None,
        disable_scale_in: bool = False,
        policy_name: str | None = None,
    ) -> aws.appautoscaling.Policy:
        """Track concurrent requests per copy (high-resolution metric) at the target.

        The metric reacts within seconds, which suits LLMs whose requests last long. (AWS's
        scale-to-zero walkthrough shows invocations per copy instead, at a target of 1 with
        300-second cooldowns: ``scale_to_track_metric(name, target_value=1,
        predefined_metric=INVOCATIONS_PER_COPY, scale_in_cooldown=300,
        scale_out_cooldown=300)``; either lets the copies fall to the minimum.)
        """
        return self._track_concurrency(
            name,
            CONCURRENT_REQUESTS_PER_COPY,
            "target_requests_per_copy",
            target_requests_per_copy,
            scale_in_cooldown=scale_in_cooldown,
            scale_out_cooldown=scale_out_cooldown,
            disable_scale_in=disable_scale_in,
            policy_name=policy_name,
        )

    def scale_out_from_zero(
        self,
        name: str = "scale-out-from-zero",
        *,
        copies: int = 1,
        cooldown: int = 60,
        period: int = 60,
        evaluation_periods: int = 1,
        threshold: float = 1,
    ) -> ScaleOutFromZero:
        """Add ``copies`` when a request finds no copy to serve it (the model is at zero).

        Target tracking cannot scale out from zero copies (no copy, no per-copy metric), so
        AWS documents a step scaling policy (``ChangeInCapacity``, ``Maximum`` aggregation,
        cooldown 60, one step from 0 adding a copy) triggered by an alarm on the component's
        ``NoCapacityInvocationFailures`` (``Sum`` over one 60-second period, threshold 1);
        the defaults here are that recipe. One difference: the page's example alarm compares
        with ``GreaterThanThreshold``, which at threshold 1 needs two failed requests in a
        minute, while its text says the alarm starts the scale-out when a request finds no
        instance; this alarm uses ``GreaterThanOrEqualToThreshold``, so the first such
        request wakes the model.
        https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-zero-instances.html

        Args:
            name: the policy's logical name; the alarm is ``<name>-alarm``.
            copies: copies to add when the alarm fires.
            cooldown: seconds before the policy may act again.
            period: the alarm's period in seconds.
            evaluation_periods: periods the alarm evaluates.
            threshold: failed invocations per period that trigger a scale out.
        """
        problems = Problems(f"ScalableCopyCount {self._name!r}: policy {name!r}")
        problems.check(
            isinstance(copies, int) and not isinstance(copies, bool) and copies >= 1,
            f"copies must be an integer >= 1, got {copies!r}",
        )
        problems.check(
            self.min_capacity == 0,
            f"scale_out_from_zero needs min_capacity 0 (the component scales to zero), "
            f"got min_capacity {self.min_capacity}",
        )
        _check_cooldowns(problems, cooldown=cooldown)
        problems.check(
            _is_number(threshold) and threshold > 0, f"threshold must be > 0, got {threshold!r}"
        )
        self._check_names(problems, name)
        metric = self._no_capacity_metric.with_(
            statistic="Sum", period=period, scope=self, scope_name=f"{self._name}-{name}"
        )
        for problem in metric._metric_alarm_problems(
            "alarm",
            threshold=float(threshold) if _is_number(threshold) else 1.0,
            evaluation_periods=evaluation_periods,
        ):
            problems.add(f"alarm: {problem}")
        problems.raise_if_any()
        self._names.add(name)
        policy = self._policy(
            name,
            None,
            policy_type="StepScaling",
            step_scaling_policy_configuration={
                "adjustment_type": "ChangeInCapacity",
                "metric_aggregation_type": "Maximum",
                "cooldown": cooldown,
                "step_adjustments": [
                    {"metric_interval_lower_bound": "0", "scaling_adjustment": copies}
                ],
            },
        )
        alarm = metric.create_alarm(
            "alarm",
            threshold=float(threshold),
            evaluation_periods=evaluation_periods,
            comparison_operator=">=",
            alarm_actions=[policy.arn],
            alarm_description=f"Scale {self._name} out from zero copies ({name})",
        )
        return ScaleOutFromZero(policy=policy, alarm=alarm)
