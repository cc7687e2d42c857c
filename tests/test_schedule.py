"""Schedule expressions for scheduled scaling: ``at(...)``, ``rate(...)``, ``cron(...)``."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pulumi_sagemaker_hosting import Schedule, ValidationError

RATE_ERROR = r"^Schedule\.rate: exactly one of minutes, hours or days must be a positive integer"

# --- at -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (dt.datetime(2026, 12, 24, 18, 0), "at(2026-12-24T18:00:00)"),
        (dt.datetime(2027, 1, 2, 3, 4, 5), "at(2027-01-02T03:04:05)"),
        (dt.datetime(2026, 6, 1, 9, 30, 15, 999999), "at(2026-06-01T09:30:15)"),
        (dt.datetime(2026, 12, 24, 18, 0, tzinfo=dt.timezone.utc), "at(2026-12-24T18:00:00)"),
    ],
    ids=["naive", "zero-padded", "microseconds-dropped", "aware-utc"],
)
def test_at_renders_the_moment_to_the_second(moment: dt.datetime, expected: str) -> None:
    assert Schedule.at(moment) == expected
    assert Schedule.expression(expected) == expected


def test_at_renders_an_aware_datetime_in_utc() -> None:
    moment = dt.datetime(2026, 12, 24, 18, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert Schedule.at(moment) == "at(2026-12-24T16:00:00)"


# --- rate -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({"minutes": 1}, "rate(1 minute)"),
        ({"minutes": 5}, "rate(5 minutes)"),
        ({"hours": 1}, "rate(1 hour)"),
        ({"hours": 12}, "rate(12 hours)"),
        ({"days": 1}, "rate(1 day)"),
        ({"days": 7}, "rate(7 days)"),
        ({"minutes": 0, "hours": 3, "days": 0}, "rate(3 hours)"),
    ],
)
def test_rate_uses_singular_for_one_and_plural_otherwise(
    arguments: dict[str, int], expected: str
) -> None:
    assert Schedule.rate(**arguments) == expected
    assert Schedule.expression(expected) == expected


@pytest.mark.parametrize(
    ("arguments", "shown"),
    [
        ({}, "minutes=0, hours=0, days=0"),
        ({"minutes": 0}, "minutes=0, hours=0, days=0"),
        ({"minutes": 30, "hours": 1}, "minutes=30, hours=1, days=0"),
        ({"minutes": 1, "hours": 1, "days": 1}, "minutes=1, hours=1, days=1"),
        ({"days": -1}, "minutes=0, hours=0, days=-1"),
        ({"minutes": -5}, "minutes=-5, hours=0, days=0"),
    ],
    ids=["nothing", "zero", "two-units", "three-units", "negative-days", "negative-minutes"],
)
def test_rate_needs_exactly_one_positive_unit(arguments: dict[str, int], shown: str) -> None:
    with pytest.raises(ValidationError, match=rf"{RATE_ERROR}, got {shown}$"):
        Schedule.rate(**arguments)


def test_rate_rejects_a_fractional_value() -> None:
    with pytest.raises(ValidationError, match=RATE_ERROR):
        Schedule.rate(minutes=1.5)  # type: ignore[arg-type]


@settings(max_examples=30, deadline=None)
@given(
    unit=st.sampled_from(["minutes", "hours", "days"]),
    value=st.integers(min_value=1, max_value=100_000),
)
def test_rate_of_any_positive_integer_is_a_valid_expression(unit: str, value: int) -> None:
    rendered = Schedule.rate(**{unit: value})
    singular = unit[:-1]
    assert rendered == f"rate({value} {singular if value == 1 else unit})"
    assert Schedule.expression(rendered) == rendered


# --- cron -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({}, "cron(* * * * ? *)"),
        ({"minute": "0", "hour": "8"}, "cron(0 8 * * ? *)"),
        ({"minute": "0", "hour": "8", "week_day": "MON-FRI"}, "cron(0 8 ? * MON-FRI *)"),
        ({"minute": "0", "hour": "0", "day": "1"}, "cron(0 0 1 * ? *)"),
        (
            {"minute": "30", "hour": "6", "day": "15", "month": "JAN", "year": "2027"},
            "cron(30 6 15 JAN ? 2027)",
        ),
        ({"minute": "*/15", "week_day": "SAT,SUN"}, "cron(*/15 * ? * SAT,SUN *)"),
    ],
    ids=["defaults", "daily", "weekdays", "monthly", "once-a-year", "weekends"],
)
def test_cron_fills_day_and_week_day_exclusively(arguments: dict[str, str], expected: str) -> None:
    assert Schedule.cron(**arguments) == expected
    assert Schedule.expression(expected) == expected


def test_cron_rejects_day_and_week_day_together() -> None:
    with pytest.raises(
        ValidationError,
        match=r"^Schedule\.cron: day and week_day cannot both be set, "
        r"got day='1', week_day='MON'$",
    ):
        Schedule.cron(day="1", week_day="MON")


# --- expression -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "expression",
    [
        "at(2026-12-24T18:00:00)",
        "rate(1 minute)",
        "rate(10 minutes)",
        "rate(1 hour)",
        "rate(2 hours)",
        "rate(1 day)",
        "rate(30 days)",
        "cron(0 8 * * ? *)",
        "cron(0/5 8-17 ? * MON-FRI *)",
    ],
)
def test_expression_returns_valid_expressions_unchanged(expression: str) -> None:
    assert Schedule.expression(expression) == expression


@pytest.mark.parametrize(
    "expression",
    [
        "",
        "every day",
        "rate(5)",
        "rate(5 weeks)",
        "rate(five minutes)",
        "rate(-5 minutes)",
        " rate(5 minutes)",
        "rate(5 minutes) ",
        "cron()",
        "at()",
        "0 8 * * ? *",
        "RATE(5 minutes)",
    ],
)
def test_expression_rejects_anything_else(expression: str) -> None:
    with pytest.raises(
        ValidationError,
        match=r"^Schedule\.expression: expression must be ",
    ) as caught:
        Schedule.expression(expression)
    assert caught.value.problems[0].endswith(f"{expression!r}")


@pytest.mark.parametrize(
    ("expression", "unit"),
    [
        ("rate(1 minutes)", "minute"),
        ("rate(1 hours)", "hour"),
        ("rate(1 days)", "day"),
        ("rate(5 minute)", "minute"),
        ("rate(2 hour)", "hour"),
        ("rate(30 day)", "day"),
    ],
)
def test_expression_requires_a_singular_unit_for_1_and_a_plural_one_otherwise(
    expression: str, unit: str
) -> None:
    # The EventBridge rate reference Application Auto Scaling points to: "rate(1 hours) and
    # rate(5 hour) aren't valid".
    with pytest.raises(ValidationError) as caught:
        Schedule.expression(expression)
    assert caught.value.component == "Schedule.expression"
    assert caught.value.problems == [
        f"expression must be rate(1 {unit}) with the singular unit for 1 and a plural unit for "
        f"more (rate(N {unit}s)), got {expression!r}"
    ]


@pytest.mark.parametrize("expression", ["rate(0 minutes)", "rate(0 hours)", "rate(00 days)"])
def test_expression_rejects_a_zero_rate(expression: str) -> None:
    with pytest.raises(ValidationError, match=r"^Schedule\.expression: "):
        Schedule.expression(expression)


# --- the cron grammar ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "problem"),
    [
        ("cron(61 8 * * ? *)", "minutes field '61' must hold values 0-59, got '61'"),
        ("cron(0 24 * * ? *)", "hours field '24' must hold values 0-23, got '24'"),
        ("cron(0 8 32 * ? *)", "day-of-month field '32' must hold values 1-31, got '32'"),
        ("cron(0 8 * 13 ? *)", "month field '13' must hold values 1-12 or JAN-DEC, got '13'"),
        ("cron(0 8 ? * 8 *)", "day-of-week field '8' must hold values 1-7 or SUN-SAT, got '8'"),
        ("cron(0 8 * * ? 1969)", "year field '1969' must hold values 1970-2199, got '1969'"),
        ("cron(0 8 * * ? FOO)", "year field 'FOO' must hold values 1970-2199, got 'FOO'"),
        ("cron(0/0 8 * * ? *)", "minutes field '0/0' must have a positive step after /"),
        ("cron(? 8 * * ? *)", "minutes field '?' cannot be ?"),
        ("cron(0 8 * * *)", "exactly six fields separated by single spaces, got 5"),
        ("cron(0 8 * * ? * *)", "exactly six fields separated by single spaces, got 7"),
        ("cron(0 8 1 * MON *)", "must use ? in exactly one of day-of-month and day-of-week"),
        ("cron(0 8 * * * *)", "must use ? in exactly one of day-of-month and day-of-week"),
        ("cron(0 8 ? * ? *)", "must use ? in exactly one of day-of-month and day-of-week"),
        ("at(2026-02-30T10:00:00)", "must be at(yyyy-mm-ddThh:mm:ss) with a real date and time"),
        ("at(2026-12-24 18:00:00)", "must be at(yyyy-mm-ddThh:mm:ss) with a real date and time"),
        ("at(2026-12-24T25:00:00)", "must be at(yyyy-mm-ddThh:mm:ss) with a real date and time"),
    ],
)
def test_expression_checks_the_aws_grammar(expression: str, problem: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Schedule.expression(expression)
    assert caught.value.component == "Schedule.expression"
    (message,) = caught.value.problems
    assert message.startswith("expression ")
    assert problem in message and repr(expression) in message


@pytest.mark.parametrize(
    "expression",
    [
        "cron(0 8 L * ? *)",
        "cron(0 8 15W * ? *)",
        "cron(0 8 LW * ? *)",
        "cron(0 8 ? * 6L *)",
        "cron(0 8 ? * MON#2 *)",
        "cron(0 8 ? * 2#1 *)",
        "cron(0,30 8-17/2 ? JAN-MAR,DEC mon-fri 2026-2030)",
        "cron(*/5 * * * ? *)",
        "at(2001-01-01T00:00:00)",  # in the past: AWS accepts it (the action never runs)
    ],
)
def test_expression_accepts_the_aws_wildcards(expression: str) -> None:
    assert Schedule.expression(expression) == expression


def test_cron_builder_checks_fields_and_accepts_integers() -> None:
    assert Schedule.cron(minute=0, hour=8) == "cron(0 8 * * ? *)"  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as caught:
        Schedule.cron(minute="61", hour="8")
    assert caught.value.problems == [
        "expression minutes field '61' must hold values 0-59, got '61' in 'cron(61 8 * * ? *)'"
    ]
    with pytest.raises(ValidationError, match=r"hour must be a cron field string"):
        Schedule.cron(hour=None)  # type: ignore[arg-type]


@pytest.mark.parametrize("moment", ["2026-12-24T18:00:00", None, 1767000000])
def test_at_needs_a_datetime(moment: object) -> None:
    with pytest.raises(ValidationError) as caught:
        Schedule.at(moment)  # type: ignore[arg-type]
    assert caught.value.problems == [f"moment must be a datetime.datetime, got {moment!r}"]


def test_expression_refuses_a_non_string() -> None:
    with pytest.raises(ValidationError, match=r"expression must be a schedule expression string"):
        Schedule.expression(None)  # type: ignore[arg-type]
