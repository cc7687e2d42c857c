"""The one exception type raised for bad input, before any cloud call."""

from __future__ import annotations

from collections.abc import Iterable


class ValidationError(ValueError):
    """Bad input to a component, raised at program time before anything is created.

    The message names the component (``Model 'svc'``), the argument, the value and the rule;
    every problem found in one construct is reported in one message, one per line.
    """

    def __init__(self, component: str, problems: Iterable[str]) -> None:
        self.component = component
        self.problems: list[str] = list(problems)
        if len(self.problems) == 1:
            message = f"{component}: {self.problems[0]}"
        else:
            message = f"{component}: " + "".join(f"\n  - {p}" for p in self.problems)
        super().__init__(message)


class Problems:
    """Collects the problems of one construct so they are raised together."""

    def __init__(self, component: str) -> None:
        self.component = component
        self.items: list[str] = []

    def add(self, problem: str) -> None:
        """Record one problem: ``"<argument> must ..., got <value>"``."""
        self.items.append(problem)

    def check(self, ok: bool, problem: str) -> None:
        """Record ``problem`` unless ``ok``."""
        if not ok:
            self.items.append(problem)

    def raise_if_any(self) -> None:
        """Raise one :class:`ValidationError` listing every recorded problem."""
        if self.items:
            raise ValidationError(self.component, self.items)
