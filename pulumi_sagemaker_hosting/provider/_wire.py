"""Reading what other languages send: JSON values checked into plain Python ones.

Shared by the multi-language components: problems are recorded (camelCase field names), never
raised one by one, so a component reports every problem at once before anything is registered.
"""

import math
from collections.abc import Sequence
from typing import Any, cast

import pulumi

from .. import _validation
from ..errors import Problems, ValidationError


class Checker:
    """Reads plain fields of the args, coercing JSON numbers, and records problems."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems

    def _plain(self, field: str, value: object) -> bool:
        if isinstance(value, pulumi.Output):
            self.problems.add(
                f"{field} must be a plain value known when the program runs, "
                "not an output of another resource"
            )
            return False
        return True

    def text(self, field: str, value: object) -> str | None:
        if value is None or not self._plain(field, value):
            return None
        if not isinstance(value, str) or not value:
            self.problems.add(f"{field} must be a non-empty string, got {value!r}")
            return None
        return value

    def integer(self, field: str, value: object, low: int, high: int | None = None) -> int | None:
        if value is None or not self._plain(field, value):
            return None
        # Other languages send integers as JSON numbers: 2.0 is 2.
        whole = (
            not isinstance(value, bool)
            and isinstance(value, (int, float))
            and math.isfinite(value)
            and float(value).is_integer()
        )
        number = int(cast(float, value)) if whole else None
        if number is None or number < low or (high is not None and number > high):
            rule = f"{low} to {high}" if high is not None else f">= {low}"
            self.problems.add(f"{field} must be an integer {rule}, got {value!r}")
            return None
        return number

    def number(self, field: str, value: object) -> float | None:
        if value is None or not self._plain(field, value):
            return None
        if not _validation.is_finite(value):
            self.problems.add(f"{field} must be a finite number, got {value!r}")
            return None
        return float(cast(float, value))

    def flag(self, field: str, value: object) -> bool | None:
        if value is None or not self._plain(field, value):
            return None
        if not isinstance(value, bool):
            self.problems.add(f"{field} must be true or false, got {value!r}")
            return None
        return value

    def mapping(self, field: str, value: object) -> dict[str, Any] | None:
        if value is None or not self._plain(field, value):
            return None
        if not isinstance(value, dict):
            self.problems.add(f"{field} must be an object, got {value!r}")
            return None
        return value


def factory(problems: Problems, field: str, make: Any, *values: Any) -> Any:
    """Call a ``from_*`` factory, turning its ValidationError into problems of ``field``."""
    try:
        return make(*values)
    except ValidationError as error:
        for problem in error.problems:
            problems.add(f"{field}: {problem}")
        return None


def schema_names(message: str, names: Sequence[tuple[str, str]]) -> str:
    """``message`` (the Python API's words) with its argument names as other languages see them.

    ``names`` pairs a phrase of the Python API's messages (``routingStrategy: routing_strategy``,
    the field's prefix and the argument it became) with the schema's (``routingStrategy``); the
    first pairs are replaced first. Only the text before `` got `` is renamed, so the value after
    it is shown as it was given, unless the phrase itself spans `` got `` (a Python type shown
    as the value).
    """
    for python, schema in names:
        if " got " in python:
            message = message.replace(python, schema)
    head, got, value = message.partition(" got ")
    for python, schema in names:
        head = head.replace(python, schema)
    return head + got + value
