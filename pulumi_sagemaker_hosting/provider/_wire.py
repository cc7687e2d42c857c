"""Reading what other languages send: JSON values checked into plain Python ones.

Shared by the multi-language components: problems are recorded (camelCase field names), never
raised one by one, so a component reports every problem at once before anything is registered.
Every reader of the provider goes through :class:`Checker`, so one rule has one wording: a
plain field given another resource's output, a missing required field, a string, a whole
number, a number, a flag, an object and a list of strings.
"""

from collections.abc import Sequence
from typing import Any, cast

import pulumi

from .. import _validation
from .._validation import show
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

    def require(self, field: str, value: object) -> bool:
        """Whether ``value`` is given; records ``<field> is required`` when it is not (None)."""
        if value is None:
            self.problems.add(f"{field} is required")
            return False
        return True

    def text(self, field: str, value: object, *, empty: bool = False) -> str | None:
        """A non-empty string; with ``empty``, ``""`` too (left to the field's own rule)."""
        if value is None or not self._plain(field, value):
            return None
        if not isinstance(value, str) or not (value or empty):
            kind = "a string" if empty else "a non-empty string"
            self.problems.add(f"{field} must be {kind}, got {show(value)}")
            return None
        return value

    def input_text(
        self, field: str, value: object, *, empty: bool = False
    ) -> str | pulumi.Output[str] | None:
        """A string checked as :meth:`text`, or another resource's output as it is.

        For fields that only flow into AWS inputs (AWS checks an output's value).
        """
        if isinstance(value, pulumi.Output):
            return value
        return self.text(field, value, empty=empty)

    def integer(
        self, field: str, value: object, low: int | None = None, high: int | None = None
    ) -> int | None:
        """A whole number (other languages send 2 as ``2.0``) within ``low`` to ``high``.

        Without bounds only the kind is checked (the value object checks its range).
        """
        if value is None or not self._plain(field, value):
            return None
        number = int(cast(float, value)) if _validation.is_whole(value) else None
        if (
            number is None
            or (low is not None and number < low)
            or (high is not None and number > high)
        ):
            self.problems.add(f"{field} must be an integer{_bounds(low, high)}, got {show(value)}")
            return None
        return number

    def number(self, field: str, value: object) -> float | None:
        """A finite number (an integer too), as a float."""
        if value is None or not self._plain(field, value):
            return None
        if not _validation.is_finite(value):
            self.problems.add(f"{field} must be a finite number, got {show(value)}")
            return None
        return float(cast(float, value))

    def flag(self, field: str, value: object) -> bool | None:
        """``true`` or ``false``."""
        if value is None or not self._plain(field, value):
            return None
        if not isinstance(value, bool):
            self.problems.add(f"{field} must be true or false, got {show(value)}")
            return None
        return value

    def mapping(self, field: str, value: object) -> dict[str, Any] | None:
        """An object (a nested args type)."""
        if value is None or not self._plain(field, value):
            return None
        if not isinstance(value, dict):
            self.problems.add(f"{field} must be an object, got {show(value)}")
            return None
        return value

    def items(
        self, field: str, value: object, what: str, *, empty: bool = True
    ) -> list[Any] | None:
        """A list known now (its elements may be outputs) of ``what``; ``empty``: may be ``[]``."""
        if value is None or not self._plain(field, value):
            return None
        if not isinstance(value, list) or not (value or empty):
            kind = "a list" if empty else "a non-empty list"
            self.problems.add(f"{field} must be {kind} of {what}, got {show(value)}")
            return None
        return value

    def strings(self, field: str, value: object) -> list[str] | None:
        """A list of non-empty strings (content types, notification topics)."""
        if value is None or not self._plain(field, value):
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.problems.add(f"{field} must be a list of non-empty strings, got {show(value)}")
            return None
        return value


def arguments(problems: Problems, args: object) -> dict[str, Any]:
    """A component's ``args``: a dict (copied), else a ValidationError naming the component."""
    if not isinstance(args, dict):
        raise ValidationError(problems.component, [f"args must be a dict, got {show(args)}"])
    return dict(args)


def _bounds(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f" {low} to {high}"
    if low is not None:
        return f" >= {low}"
    if high is not None:
        return f" <= {high}"
    return ""


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
