"""The grammar of Application Auto Scaling schedule expressions: ``at``, ``rate``, ``cron``.

Source: Application Auto Scaling, "Scheduled scaling" and its cron reference
(https://docs.aws.amazon.com/autoscaling/application/userguide/scheduled-scaling-using-cron-expressions.html,
https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScheduledAction.html):

- ``at(yyyy-mm-ddThh:mm:ss)``: a real date and time (it may lie in the past: the action is
  then simply never run);
- ``rate(value unit)``: a positive integer and ``minute(s)``, ``hour(s)`` or ``day(s)``. The
  Application Auto Scaling guide sends rate expressions to the CloudWatch Events (now
  EventBridge) reference
  (https://docs.aws.amazon.com/autoscaling/application/userguide/examples-scheduled-actions.html#recurrence-schedule-rate),
  whose Limitations say the unit is singular when the value is 1 and plural when it is
  greater (``rate(1 hours)`` and ``rate(5 hour)`` are refused)
  (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html);
- ``cron(Minutes Hours Day-of-month Month Day-of-week Year)``: exactly six fields, values
  within Minutes 0-59, Hours 0-23, Day-of-month 1-31, Month 1-12 or JAN-DEC, Day-of-week 1-7
  or SUN-SAT, Year 1970-2199, with the wildcards ``, - * /`` everywhere, ``?`` ``L`` ``W`` in
  Day-of-month and ``?`` ``L`` ``#`` in Day-of-week; "You can't specify the Day-of-month and
  Day-of-week fields in the same cron expression. If you specify a value (or a *) in one of
  the fields, you must use a ? (question mark) in the other."
"""

from __future__ import annotations

import datetime as _dt
import re

_RATE = re.compile(r"rate\(([1-9]\d*) (minute|hour|day)(s?)\)")
_AT = re.compile(r"at\((.*)\)")
_CRON = re.compile(r"cron\((.*)\)")
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_DAYS = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")
# (name, low, high, names)
_FIELDS: tuple[tuple[str, int, int, tuple[str, ...]], ...] = (
    ("minutes", 0, 59, ()),
    ("hours", 0, 23, ()),
    ("day-of-month", 1, 31, ()),
    ("month", 1, 12, _MONTHS),
    ("day-of-week", 1, 7, _DAYS),
    ("year", 1970, 2199, ()),
)
_FORMS = "at(yyyy-mm-ddThh:mm:ss), rate(N minutes|hours|days) or cron(6 fields)"


def problems(expression: object) -> list[str]:
    """Why ``expression`` is not a schedule AWS accepts (phrased after ``schedule``)."""
    if not isinstance(expression, str):
        return [f"must be a schedule expression string ({_FORMS}), got {expression!r}"]
    rate = _RATE.fullmatch(expression)
    if rate:
        value, unit, plural = rate.groups()
        if (value == "1") == (plural == ""):
            return []
        return [
            f"must be rate(1 {unit}) with the singular unit for 1 and a plural unit for more "
            f"(rate(N {unit}s)), got {expression!r}"
        ]
    at = _AT.fullmatch(expression)
    if at:
        try:
            _dt.datetime.strptime(at.group(1), "%Y-%m-%dT%H:%M:%S")
        except ValueError:
            return [
                f"must be at(yyyy-mm-ddThh:mm:ss) with a real date and time, got {expression!r}"
            ]
        return []
    cron = _CRON.fullmatch(expression)
    if cron:
        return _cron_problems(expression, cron.group(1))
    return [f"must be {_FORMS}, got {expression!r}"]


def _cron_problems(expression: str, body: str) -> list[str]:
    fields = body.split(" ")
    if len(fields) != 6 or not all(fields):
        return [
            "must be cron(minutes hours day-of-month month day-of-week year): exactly six "
            f"fields separated by single spaces, got {len(body.split())} in {expression!r}"
        ]
    found: list[str] = []
    for text, (name, low, high, names) in zip(fields, _FIELDS, strict=True):
        reason = _field_problem(text, name, low, high, names)
        if reason:
            found.append(f"{name} field {text!r} {reason} in {expression!r}")
    day_of_month, day_of_week = fields[2], fields[4]
    if (day_of_month == "?") == (day_of_week == "?"):
        found.append(
            "must use ? in exactly one of day-of-month and day-of-week (AWS refuses both set, "
            f"or both ?), got {day_of_month!r} and {day_of_week!r} in {expression!r}"
        )
    return found


def _number(text: str, low: int, high: int, names: tuple[str, ...]) -> int | None:
    upper = text.upper()
    if upper in names:
        return names.index(upper) + low
    if text.isdigit() and low <= int(text) <= high:
        return int(text)
    return None


def _field_problem(text: str, name: str, low: int, high: int, names: tuple[str, ...]) -> str | None:
    rule = f"must hold values {low}-{high}" + (f" or {names[0]}-{names[-1]}" if names else "")
    if text == "?":
        return None if name in ("day-of-month", "day-of-week") else "cannot be ?"
    for part in text.split(","):
        if not part:
            return f"{rule} separated by commas"
        if name == "day-of-month" and re.fullmatch(
            r"L|LW|L-([1-9]|[12]\d|30)|([1-9]|[12]\d|3[01])W", part
        ):
            continue
        if name == "day-of-week":
            nth = re.fullmatch(r"(\w+)#([1-5])", part)
            last = re.fullmatch(r"(\w*)L", part)
            if nth and _number(nth.group(1), low, high, names) is not None:
                continue
            if last and (not last.group(1) or _number(last.group(1), low, high, names) is not None):
                continue
        base, slash, step = part.partition("/")
        if slash and not (step.isdigit() and int(step) >= 1):
            return f"must have a positive step after /, got {part!r}"
        if base == "*":
            continue
        start, dash, end = base.partition("-")
        first = _number(start, low, high, names)
        last_value = _number(end, low, high, names) if dash else first
        if first is None or last_value is None:
            return f"{rule}, got {part!r}"
    return None
