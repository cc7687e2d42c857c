"""CloudWatch metrics as values, and alarms on them (plain metrics or math expressions)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import pulumi
import pulumi_aws as aws

from . import _alarm_rules, _naming, _statistics, _urns, _validation
from .errors import Problems, ValidationError

STATISTICS = _statistics.STATISTICS
COMPARISON_OPERATORS: dict[str, str] = {
    ">=": "GreaterThanOrEqualToThreshold",
    ">": "GreaterThanThreshold",
    "<": "LessThanThreshold",
    "<=": "LessThanOrEqualToThreshold",
}
TREAT_MISSING_DATA = ("missing", "ignore", "breaching", "notBreaching")
DEFAULT_PERIOD = 300
# The metric-query id of a math expression's result.
_RESULT_ID = "expression"
# The attribute of a scope resource holding the logical alarm names already used under it.
_ALARM_NAMES = "_sagemaker_hosting_alarm_names"
# The attribute of an alarm listing the scopes (endpoints) whose outputs its dimensions read:
# such an alarm depends on that endpoint, so the endpoint cannot depend on it in turn.
ALARM_READS_SCOPES = "_sagemaker_hosting_reads_scopes"


class InvocationHttpResponseCode(str, Enum):
    """The error-count metrics of an endpoint variant (the value is the metric name)."""

    INVOCATION_4XX_ERRORS = "Invocation4XXErrors"
    INVOCATION_5XX_ERRORS = "Invocation5XXErrors"


def _response_code_metric_name(code: object, component: str) -> str:
    """The CloudWatch metric name of ``code``, or a ValidationError naming ``component``."""
    try:
        return InvocationHttpResponseCode(code).value
    except ValueError:
        codes = ", ".join(c.value for c in InvocationHttpResponseCode)
        raise ValidationError(component, [f"code must be one of {codes}, got {code!r}"]) from None


def _check_statistic(problems: Problems, statistic: str) -> None:
    if not isinstance(statistic, str) or not _statistics.is_statistic(statistic):
        problems.add(
            f"statistic must be one of {', '.join(STATISTICS)} or an extended statistic "
            f"(p99, tm90, wm99, tc90, ts90, IQM, TM(10%:90%), PR(:300)...), got {statistic!r}"
        )


def _check_period(problems: Problems, period: int) -> None:
    if (
        isinstance(period, bool)
        or not isinstance(period, int)
        or not (period in (10, 20, 30) or (period >= 60 and period % 60 == 0))
    ):
        problems.add(f"period must be 10, 20, 30 or a multiple of 60 seconds, got {period!r}")


_ALARM = "cloudwatch.PutMetricAlarm"


def _plain_int(argument: str, value: object) -> list[str]:
    if _validation.is_unknown(value):
        return [f"{argument} must be a plain integer known when the program runs, not an Output"]
    return _validation.field(f"{_ALARM}.EvaluationPeriods", argument, value)


def _as_list(values: object) -> Any:
    """A list of ARNs as given: a list (copied), a whole-list Output (as is), or None."""
    if isinstance(values, Sequence) and not isinstance(values, str):
        return list(values)
    return values


def _alarm_settings_problems(**settings: Any) -> list[str]:
    """The alarm's actions, description, physical name, switch and tags, against AWS's rules."""
    found: list[str] = []
    for argument, member in (
        ("alarm_actions", "AlarmActions"),
        ("ok_actions", "OKActions"),
        ("insufficient_data_actions", "InsufficientDataActions"),
    ):
        found += _validation.items(
            f"{_ALARM}.{member}", argument, settings[argument]
        ) or _alarm_rules.action_problems(argument, settings[argument])
    for argument, member in (
        ("alarm_description", "AlarmDescription"),
        ("alarm_name", "AlarmName"),
    ):
        value = settings[argument]
        found += (
            _validation.input_text(argument, value)
            or _validation.field(f"{_ALARM}.{member}", argument, value)
            or _alarm_rules.name_problems(argument, value)
        )
    found += _validation.plain(
        "actions_enabled", settings["actions_enabled"], bool, "True or False"
    )
    found += _validation.tags("tags", settings["tags"], [_ALARM])
    return found


@dataclass(frozen=True)
class _Alarmable:
    """What metrics and math expressions share: alarm creation."""

    scope: pulumi.Resource | None = field(default=None, compare=False, kw_only=True)
    """Default parent of alarms (the endpoint, for a variant's metrics)."""
    scope_name: str | None = field(default=None, compare=False, kw_only=True)
    """The owner in alarms' logical names (the endpoint's name): an alarm ``X`` is named
    ``<scope_name>-X``, or ``<scope_name>/X`` when the owner has a hyphen (unambiguous)."""
    scope_member_prefix: str = field(default="", compare=False, kw_only=True)
    """Put before an alarm's name inside its logical name (``<variant>-instance-count-<policy>-``
    for a step-scaling alarm), so nested alarms stay unambiguous too."""

    def _alarm_source(self, problems: Problems) -> dict[str, Any]:
        raise NotImplementedError

    def _reads_scopes(self) -> tuple[pulumi.Resource, ...]:
        """The scopes whose outputs (e.g. the endpoint's name) this metric's dimensions read."""
        return ()

    def create_alarm(
        self,
        name: str,
        *,
        threshold: float,
        evaluation_periods: int,
        comparison_operator: str = ">=",
        datapoints_to_alarm: int | None = None,
        treat_missing_data: str | None = None,
        alarm_actions: Sequence[pulumi.Input[str]] | None = None,
        ok_actions: Sequence[pulumi.Input[str]] | None = None,
        insufficient_data_actions: Sequence[pulumi.Input[str]] | None = None,
        alarm_description: pulumi.Input[str] | None = None,
        alarm_name: str | None = None,
        actions_enabled: bool | None = None,
        tags: Mapping[str, pulumi.Input[str]] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> aws.cloudwatch.MetricAlarm:
        """Create a CloudWatch alarm on this metric.

        Args:
            name: the alarm's logical name; a variant's metric prefixes it with the endpoint's
                name and parents the alarm to the endpoint.
            threshold: the value compared against.
            evaluation_periods: how many periods are evaluated.
            comparison_operator: ``>=`` (default), ``>``, ``<``, ``<=`` or a CloudWatch name
                such as ``GreaterThanThreshold``.
            datapoints_to_alarm: breaching datapoints (of ``evaluation_periods``) that alarm.
            treat_missing_data: ``missing``, ``ignore``, ``breaching`` or ``notBreaching``.
            alarm_actions: ARNs notified (SNS topics, scaling policies) on ALARM.
            ok_actions: ARNs notified on OK.
            insufficient_data_actions: ARNs notified on INSUFFICIENT_DATA.
            alarm_description: a description (may be an Output).
            alarm_name: the physical alarm name (generated by default).
            actions_enabled: whether actions run (CloudWatch's default: yes).
            tags: tags for the alarm.
            opts: resource options, merged over the default parent.
        """
        problems = Problems(f"Alarm {name!r}")
        for problem in _validation.logical_name("name", name):
            problems.add(problem)
        problems.raise_if_any()
        if alarm_name is None:
            # The physical name is then derived from the logical one.
            for problem in _alarm_rules.name_problems("name", name):
                problems.add(problem)
        for problem in self._metric_alarm_problems(
            name,
            threshold=threshold,
            evaluation_periods=evaluation_periods,
            comparison_operator=comparison_operator,
            datapoints_to_alarm=datapoints_to_alarm,
            treat_missing_data=treat_missing_data,
        ):
            problems.add(problem)
        for problem in _alarm_settings_problems(
            alarm_actions=alarm_actions,
            ok_actions=ok_actions,
            insufficient_data_actions=insufficient_data_actions,
            alarm_description=alarm_description,
            alarm_name=alarm_name,
            actions_enabled=actions_enabled,
            tags=tags,
        ):
            problems.add(problem)
        problems.raise_if_any()
        logical = self._logical_name(name)
        self._taken_names().add(logical)
        source = self._alarm_source(Problems(""))
        operator = COMPARISON_OPERATORS.get(comparison_operator, comparison_operator)
        defaults = pulumi.ResourceOptions(parent=self.scope) if self.scope else None
        alarm = aws.cloudwatch.MetricAlarm(
            logical,
            name=alarm_name,
            comparison_operator=operator,
            threshold=float(threshold),
            evaluation_periods=evaluation_periods,
            datapoints_to_alarm=datapoints_to_alarm,
            treat_missing_data=treat_missing_data,
            alarm_actions=_as_list(alarm_actions),
            ok_actions=_as_list(ok_actions),
            insufficient_data_actions=_as_list(insufficient_data_actions),
            alarm_description=alarm_description,
            actions_enabled=actions_enabled,
            tags=tags,
            opts=_urns.guarded(pulumi.ResourceOptions.merge(defaults, opts), f"Alarm {name!r}"),
            **source,
        )
        setattr(alarm, ALARM_READS_SCOPES, self._reads_scopes())
        return alarm

    def _logical_name(self, name: str) -> str:
        if not self.scope_name:
            return name
        return _naming.join(self.scope_name, f"{self.scope_member_prefix}{name}")

    def _taken_names(self) -> set[str]:
        # Logical alarm names already used under the scope: two alarms of one endpoint with
        # one name would share a URN, so that is refused at program time, not at deploy.
        if self.scope is None:
            return set()
        taken: set[str] = self.scope.__dict__.setdefault(_ALARM_NAMES, set())
        return taken

    def _metric_alarm_problems(
        self,
        name: str,
        *,
        threshold: float,
        evaluation_periods: int,
        comparison_operator: str = ">=",
        datapoints_to_alarm: int | None = None,
        treat_missing_data: str | None = None,
    ) -> list[str]:
        """What :meth:`create_alarm` with these arguments would refuse (empty when valid).

        Lets a caller that creates other resources first (step scaling's policies) check the
        alarm before creating anything.
        """
        problems = Problems("")
        operator = (
            COMPARISON_OPERATORS.get(comparison_operator, comparison_operator)
            if isinstance(comparison_operator, str)
            else comparison_operator
        )
        problems.check(
            operator in COMPARISON_OPERATORS.values(),
            "comparison_operator must be one of >=, >, <, <= or their CloudWatch names, "
            f"got {comparison_operator!r}",
        )
        if _validation.is_unknown(threshold):
            problems.add(
                "threshold must be a plain number known when the program runs, not an Output"
            )
        for problem in _validation.field(f"{_ALARM}.Threshold", "threshold", threshold):
            problems.add(problem)
        period_problems = _plain_int("evaluation_periods", evaluation_periods)
        ok_periods = not period_problems
        for problem in period_problems:
            problems.add(problem)
        if datapoints_to_alarm is not None and ok_periods:
            problems.check(
                _validation.is_whole(datapoints_to_alarm)
                and 1 <= datapoints_to_alarm <= evaluation_periods,
                f"datapoints_to_alarm must be an integer from 1 to evaluation_periods "
                f"({evaluation_periods}), got {datapoints_to_alarm!r}",
            )
        if treat_missing_data is not None:
            problems.check(
                treat_missing_data in TREAT_MISSING_DATA,
                f"treat_missing_data must be one of {', '.join(TREAT_MISSING_DATA)}, "
                f"got {treat_missing_data!r}",
            )
        self._alarm_source(problems)
        period = getattr(self, "period", DEFAULT_PERIOD)
        # "An alarm's total current evaluation period can be no longer than one day, so this
        # number multiplied by Period cannot be more than 86,400 seconds", for every period
        # (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html).
        if ok_periods and _validation.is_whole(period) and period > 0:
            problems.check(
                evaluation_periods * period <= 86400,
                f"evaluation_periods x period must be at most one day (86400 s), got "
                f"{evaluation_periods} x {period} s",
            )
        if self.scope_name and isinstance(name, str):
            problems.check(
                "/" not in name,
                f"name must not contain '/' (it separates the owner in logical names), "
                f"got {name!r}",
            )
        logical = self._logical_name(name)
        problems.check(
            logical not in self._taken_names(),
            f"an alarm named {name!r} already exists here ({logical}); choose another name",
        )
        return problems.items


@dataclass(frozen=True)
class Metric(_Alarmable):
    """A CloudWatch metric: what to measure, how to aggregate it, over which period.

    Change any field with :meth:`with_` (``metric.with_(statistic="p99", period=60)``).
    """

    namespace: str
    """The namespace, e.g. ``AWS/SageMaker``."""
    metric_name: str
    """The metric, e.g. ``ModelLatency``."""
    dimensions: Mapping[str, pulumi.Input[str]] = field(default_factory=dict)
    """Dimension name to value (values may be Outputs, e.g. the endpoint's name)."""
    statistic: str = "Average"
    """``Average``, ``Sum``, ``Minimum``, ``Maximum``, ``SampleCount`` or an extended statistic
    (``p99``, ``tm90``, ``IQM``, ``TM(10%:90%)``, ``PR(:300)``...)."""
    period: int = DEFAULT_PERIOD
    """Seconds per datapoint: 10, 20, 30 or a multiple of 60."""
    unit: str | None = None
    """The unit to filter on, e.g. ``Microseconds``."""
    label: str | None = None
    """A label for graphs and math expressions."""

    def with_(self, **changes: Any) -> Metric:
        """A copy with some fields changed (``statistic``, ``period``, ``dimensions``...)."""
        problems = Problems(f"Metric {self.metric_name!r}")
        known = {f.name for f in dataclasses.fields(self)}
        for key in changes:
            problems.check(
                key in known, f"{key} is not a Metric field ({', '.join(sorted(known))})"
            )
        problems.raise_if_any()
        return dataclasses.replace(self, **changes)

    def _problems(self) -> list[str]:
        """What is wrong with this metric (empty when valid)."""
        problems = Problems("")
        if not isinstance(self.statistic, str):
            problems.add(f"statistic must be a string, got {_validation.show(self.statistic)}")
        else:
            _check_statistic(problems, self.statistic)
        if self.label is not None and not isinstance(self.label, str):
            problems.add(f"label must be a string, got {_validation.show(self.label)}")
        _check_period(problems, self.period)
        problems.check(bool(self.namespace), "namespace must not be empty")
        problems.check(bool(self.metric_name), "metric_name must not be empty")
        if problems.items:
            return problems.items
        for argument, member in (("namespace", "Namespace"), ("metric_name", "MetricName")):
            for problem in _validation.field(
                f"{_ALARM}.{member}", argument, getattr(self, argument)
            ):
                problems.add(problem)
        for problem in _validation.field(
            f"{_ALARM}.Unit", "unit", self.unit, what="a CloudWatch unit"
        ):
            problems.add(problem)
        dimensions = self.dimensions
        if not isinstance(dimensions, Mapping):
            problems.add(
                f"dimensions must be a dict of names to values, got {_validation.show(dimensions)}"
            )
            return problems.items
        for problem in _validation.field(f"{_ALARM}.Dimensions", "dimensions", list(dimensions)):
            problems.add(problem.replace("a list of", "a dict of").replace("items", "entries"))
        for key, value in dimensions.items():
            for problem in _validation.field(
                f"{_ALARM}.Dimensions[].Name", "dimensions name", key
            ) + (
                _validation.input_text(f"dimensions[{key!r}]", value)
                or _validation.field(f"{_ALARM}.Dimensions[].Value", f"dimensions[{key!r}]", value)
            ):
                problems.add(problem)
        return problems.items

    def _dimensions(self) -> dict[str, Any] | None:
        # A malformed dimensions value is reported by _problems; render nothing for it.
        return dict(self.dimensions) or None if isinstance(self.dimensions, Mapping) else None

    def _reads_scopes(self) -> tuple[pulumi.Resource, ...]:
        values = self.dimensions.values() if isinstance(self.dimensions, Mapping) else ()
        # An Output dimension is taken to read the scope (the endpoint's name, or something
        # derived from it), except the outputs the scope declares independent of itself (an
        # endpoint name given as another resource's output).
        independent = getattr(self.scope, "_independent_outputs", ())
        reads = any(
            isinstance(v, pulumi.Output) and not any(v is i for i in independent) for v in values
        )
        return (self.scope,) if reads and self.scope is not None else ()

    @property
    def is_percentile(self) -> bool:
        """Whether the statistic is an extended one (``p99``, ``tm90``, ``IQM``...)."""
        return self.statistic not in STATISTICS

    def _alarm_source(self, problems: Problems) -> dict[str, Any]:
        for problem in self._problems():
            problems.add(f"metric {self.metric_name!r}: {problem}")
        source: dict[str, Any] = {
            "namespace": self.namespace,
            "metric_name": self.metric_name,
            "dimensions": self._dimensions(),
            "period": self.period,
            "unit": self.unit,
        }
        key = "extended_statistic" if self.is_percentile else "statistic"
        source[key] = self.statistic
        return source

    def _metric_stat(self) -> dict[str, Any]:
        """Render as a ``metric_queries[].metric`` entry."""
        stat: dict[str, Any] = {
            "namespace": self.namespace,
            "metric_name": self.metric_name,
            "dimensions": self._dimensions(),
            "period": self.period,
            "stat": self.statistic,
        }
        if self.unit:
            stat["unit"] = self.unit
        return stat


@dataclass(frozen=True)
class MathExpression(_Alarmable):
    """A metric math expression over named metrics, e.g. the 5XX error rate in percent.

    ``MathExpression("100 * errors / invocations", {"errors": e, "invocations": i})``.
    """

    expression: str
    """The expression; identifiers are the keys of ``using_metrics``."""
    using_metrics: Mapping[str, Metric]
    """The metrics the expression reads, by identifier (lowercase first letter)."""
    label: str | None = None
    """The expression's label."""
    period: int = DEFAULT_PERIOD
    """The period of the expression's result: every metric it reads is aggregated over it
    (their own periods are overridden, as in CDK)."""

    def _reads_scopes(self) -> tuple[pulumi.Resource, ...]:
        scopes = [s for m in self.using_metrics.values() for s in m._reads_scopes()]
        return tuple({id(s): s for s in scopes}.values())

    def _alarm_source(self, problems: Problems) -> dict[str, Any]:
        if not isinstance(self.expression, str) or not isinstance(self.using_metrics, Mapping):
            problems.add(
                "expression must be a string and using_metrics a dict of ids to Metrics, got "
                f"{_validation.show(self.expression)} and {_validation.show(self.using_metrics)}"
            )
            return {}
        problems.check(bool(self.expression.strip()), "expression must not be empty")
        if self.expression:
            for problem in _validation.field(
                f"{_ALARM}.Metrics[].Expression", "expression", self.expression
            ):
                problems.add(problem)
        problems.check(bool(self.using_metrics), "using_metrics must name at least one metric")
        if self.label is not None and not isinstance(self.label, str):
            problems.add(f"label must be a string, got {_validation.show(self.label)}")
        _check_period(problems, self.period)
        queries: list[dict[str, Any]] = []
        for identifier, metric in self.using_metrics.items():
            if not isinstance(metric, Metric) or not isinstance(identifier, str):
                problems.add(
                    f"using_metrics[{identifier!r}] must be a Metric, "
                    f"got {_validation.show(metric)}"
                )
                continue
            if not re.fullmatch(r"[a-z][a-zA-Z0-9_]*", identifier):
                problems.add(
                    f"using_metrics id must start with a lowercase letter, got {identifier!r}"
                )
            if identifier == _RESULT_ID:
                problems.add(f"using_metrics id {identifier!r} is reserved for the result")
            for problem in metric._problems():
                problems.add(f"metric {identifier!r}: {problem}")
            query: dict[str, Any] = {
                "id": identifier,
                "metric": {**metric._metric_stat(), "period": self.period},
                "return_data": False,
            }
            if metric.label:
                query["label"] = metric.label
            queries.append(query)
        result: dict[str, Any] = {
            "id": _RESULT_ID,
            "expression": self.expression,
            "return_data": True,
        }
        if self.label:
            result["label"] = self.label
        return {"metric_queries": [*queries, result]}
