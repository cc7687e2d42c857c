"""Schedule expressions for scheduled scaling: ``at(...)``, ``rate(...)``, ``cron(...)``."""

from __future__ import annotations

import datetime as _dt

from . import _cron
from .errors import ValidationError


class AtExpression(str):
    """An ``at(...)`` expression (in UTC) built from an aware datetime, which it remembers."""

    moment: _dt.datetime
    """The instant, time zone aware."""

    def __new__(cls, moment: _dt.datetime) -> AtExpression:
        """The expression of ``moment`` (aware) in UTC."""
        made = super().__new__(cls, _at(moment.astimezone(_dt.timezone.utc)))
        made.moment = moment
        return made

    def in_zone(self, zone: _dt.tzinfo) -> str:
        """The expression of the same instant, written in the time zone ``zone``."""
        return _at(self.moment.astimezone(zone))


def _at(moment: _dt.datetime) -> str:
    return f"at({moment.strftime('%Y-%m-%dT%H:%M:%S')})"


class Schedule:
    """Builds Application Auto Scaling schedule expressions (all times in UTC by default).

    Every expression is checked against AWS's grammar (see :mod:`._cron`): cron field ranges,
    six fields, ``?`` in exactly one of day-of-month and day-of-week, real ``at`` dates.
    """

    @staticmethod
    def at(moment: _dt.datetime) -> str:
        """Once, at ``moment`` (``at(2026-12-24T18:00:00)``).

        An aware datetime keeps its instant: it is written in UTC (the schedule's default time
        zone), and ``scale_on_schedule(timezone=...)`` rewrites it in that zone (an
        ``at(...)`` expression carries no offset: AWS reads it in the action's time zone). A
        naive one is written as given, to be read in the action's ``timezone=`` (UTC by
        default). A moment in the past is accepted (the action then never runs), as AWS does.
        """
        if not isinstance(moment, _dt.datetime):
            raise ValidationError(
                "Schedule.at", [f"moment must be a datetime.datetime, got {moment!r}"]
            )
        if moment.tzinfo is not None and moment.utcoffset() is not None:
            return AtExpression(moment)
        return _at(moment)

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
            or not 1 <= given[0][0] <= 2**31 - 1
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
        hour. Integers are accepted for single values (``hour=8``).
        """
        fields = {
            "minute": minute,
            "hour": hour,
            "day": day,
            "month": month,
            "week_day": week_day,
            "year": year,
        }
        problems = [
            f"{name} must be a cron field string (or an integer), got {value!r}"
            for name, value in fields.items()
            if (value is not None or name not in ("day", "week_day"))
            and (isinstance(value, bool) or not isinstance(value, (str, int)) or value == "")
        ]
        if day is not None and week_day is not None:
            problems.append(
                f"day and week_day cannot both be set, got day={day!r}, week_day={week_day!r}"
            )
        if problems:
            raise ValidationError("Schedule.cron", problems)
        day_field = "?" if week_day is not None else (str(day) if day is not None else "*")
        week_field = str(week_day) if week_day is not None else "?"
        expression = f"cron({minute} {hour} {day_field} {month} {week_field} {year})"
        found = _cron.problems(expression)
        if found:
            raise ValidationError("Schedule.cron", [f"expression {p}" for p in found])
        return expression

    @staticmethod
    def expression(expression: str) -> str:
        """A ready-made ``at(...)``, ``rate(...)`` or ``cron(...)`` expression, checked."""
        found = _cron.problems(expression)
        if found:
            raise ValidationError("Schedule.expression", [f"expression {p}" for p in found])
        return expression
