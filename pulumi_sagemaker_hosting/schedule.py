"""Schedule expressions for scheduled scaling: ``at(...)``, ``rate(...)``, ``cron(...)``."""

from __future__ import annotations

import datetime as _dt
import re

from .errors import ValidationError

# A rate must be a positive integer: AWS refuses rate(0 minutes) and rate(01 day).
_EXPRESSION = re.compile(
    r"^(at\(.+\)|rate\([1-9]\d* (minute|minutes|hour|hours|day|days)\)|cron\(.+\))$"
)


class Schedule:
    """Builds Application Auto Scaling schedule expressions (all times in UTC by default)."""

    @staticmethod
    def at(moment: _dt.datetime) -> str:
        """Once, at ``moment`` (``at(2026-12-24T18:00:00)``).

        An aware datetime is converted to UTC (the schedule's default time zone); a naive one
        is written as given, to be read in the action's ``timezone=`` (UTC by default).
        """
        if moment.tzinfo is not None and moment.utcoffset() is not None:
            moment = moment.astimezone(_dt.timezone.utc)
        return f"at({moment.strftime('%Y-%m-%dT%H:%M:%S')})"

    @staticmethod
    def rate(*, minutes: int = 0, hours: int = 0, days: int = 0) -> str:
        """Every N minutes, hours or days (exactly one of them)."""
        given = [
            (n, unit) for n, unit in ((minutes, "minute"), (hours, "hour"), (days, "day")) if n
        ]
        if (
            len(given) != 1
            or isinstance(given[0][0], bool)
            or not isinstance(given[0][0], int)
            or given[0][0] < 1
        ):
            raise ValidationError(
                "Schedule.rate",
                [
                    "exactly one of minutes, hours or days must be a positive integer, got "
                    f"minutes={minutes}, hours={hours}, days={days}"
                ],
            )
        value, unit = given[0]
        return f"rate({value} {unit}{'' if value == 1 else 's'})"

    @staticmethod
    def cron(
        *,
        minute: str = "*",
        hour: str = "*",
        day: str | None = None,
        month: str = "*",
        week_day: str | None = None,
        year: str = "*",
    ) -> str:
        """A cron schedule; ``day`` and ``week_day`` are exclusive (the other becomes ``?``).

        Fields default to ``*`` (every), ``minute`` included: daily at 08:00 is
        ``Schedule.cron(minute="0", hour="8")``; ``hour="8"`` alone fires every minute of that
        hour.
        """
        if day is not None and week_day is not None:
            raise ValidationError(
                "Schedule.cron",
                [f"day and week_day cannot both be set, got day={day!r}, week_day={week_day!r}"],
            )
        day_field = "?" if week_day is not None else (day or "*")
        week_field = week_day if week_day is not None else "?"
        return f"cron({minute} {hour} {day_field} {month} {week_field} {year})"

    @staticmethod
    def expression(expression: str) -> str:
        """A ready-made ``at(...)``, ``rate(...)`` or ``cron(...)`` expression, checked."""
        if not _EXPRESSION.match(expression):
            raise ValidationError(
                "Schedule.expression",
                [f"expression must be at(...), rate(N unit) or cron(...), got {expression!r}"],
            )
        return expression
