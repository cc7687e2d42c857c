r"""CloudWatch's statistic grammar: the plain statistics and every extended one AWS accepts.

From https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html:
percentiles (``p99``), trimmed mean (``tm90``, ``TM(2%:98%)``, ``TM(150:1000)``), interquartile
mean (``IQM``), winsorized mean (``wm98``, ``WM(10%:90%)``), percentile rank (``PR(:300)``,
``PR(100:2000)``), trimmed count (``tc90``, ``TC(0.005:0.030)``) and trimmed sum (``ts90``,
``TS(80%:)``). Shorthand bounds are percentages from 0 to 100 with up to 10 decimal places;
a range's bounds are percentages (``%``) or absolute values, and either end may be left open.

Narrowed to what the Terraform AWS provider that pulumi_aws bridges accepts in an alarm's
``extended_statistic`` and a metric query's ``stat``, or ``pulumi up`` fails after the program
ran (found by ``tests/terraform``): shorthands lowercase with at most two decimals (``p99.99``,
not ``p99.999`` nor ``P99``), ranges and ``IQM`` uppercase. The provider's pattern,
``^((p|tm|wm|tc|ts)((\d{1,2}(\.\d{1,2})?)|(100))|(IQM)|((TM|WM|PR|TC|TS)\(...:...\)))$``, is in
https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/cloudwatch/metric_alarm.go
"""

from __future__ import annotations

import re

#: The statistics that go in an alarm's ``Statistic`` field; every other one is extended.
STATISTICS = ("SampleCount", "Average", "Sum", "Minimum", "Maximum")

_NUMBER = r"\d+(?:\.\d{1,10})?"
_SHORTHAND = re.compile(r"^(?:p|tm|wm|tc|ts)(?P<value>\d{1,2}(?:\.\d{1,2})?|100)$")
_RANGE = re.compile(rf"^(?:TM|WM|TC|TS|PR)\((?P<low>{_NUMBER}%?)?:(?P<high>{_NUMBER}%?)?\)$")


def _bound(text: str | None) -> tuple[float, bool] | None:
    if text is None:
        return None
    percent = text.endswith("%")
    return float(text.rstrip("%")), percent


def is_extended_statistic(statistic: str) -> bool:
    """Whether ``statistic`` is an extended statistic CloudWatch accepts (``p99``, ``IQM``...)."""
    if statistic == "IQM":
        return True
    shorthand = _SHORTHAND.match(statistic)
    if shorthand is not None:
        return float(shorthand["value"]) <= 100
    ranged = _RANGE.match(statistic)
    if ranged is None:
        return False
    low, high = _bound(ranged["low"]), _bound(ranged["high"])
    if low is None and high is None:
        return False  # "TM(:)" bounds nothing
    for bound in (low, high):
        if bound is not None and bound[1] and bound[0] > 100:
            return False  # a percentage above 100
    # Both bounds of one kind must not make an empty range.
    return low is None or high is None or low[1] != high[1] or low[0] <= high[0]


def is_statistic(statistic: str) -> bool:
    """Whether CloudWatch accepts ``statistic`` (plain or extended)."""
    return statistic in STATISTICS or is_extended_statistic(statistic)
