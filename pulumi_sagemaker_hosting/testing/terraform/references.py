"""Recorded values that another resource produced -> Terraform references.

Under the mocks every value a program passes around is already resolved: a model's
``executionRoleArn`` is the role's ARN as the mocks answered it. Terraform must see the
reference instead (``${aws_iam_role.x.arn}``), both for the order of operations and because the
real value is only known once the role exists. A value is replaced when it is an output the
provider computes (not an input the program set: a fixed name stays a literal, as in the
program, so a deliberately dependency-free reference such as an alarm naming a fixed-name
endpoint stays free of the dependency) of a resource the registration depends on, directly or
through others; occurrences inside longer strings (``endpoint/<name>/variant/<v>``, ARNs in a
policy document) become interpolations. Literal ``${`` and ``%{`` are escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Values never treated as references however they arise (the account, region, partition).
COMMON = frozenset({"123456789012", "us-east-1", "aws", "amazonaws.com", "/", ""})
_MIN_LENGTH = 6


def escape(text: str) -> str:
    """Escape Terraform template sequences in a literal string."""
    return text.replace("${", "$${").replace("%{", "%%{")


@dataclass(frozen=True)
class Produced:
    """A value one resource computed, and the expression that reads it in Terraform."""

    value: str
    expression: str
    """E.g. ``aws_iam_role.model_role.arn``."""


class ReferenceIndex:
    """The computed outputs of resources, by value, for one registration's dependencies."""

    def __init__(self, produced: list[Produced], common: frozenset[str] = COMMON) -> None:
        # Longest first, so an ARN wins over the name inside it.
        self._by_value: dict[str, str] = {}
        for item in sorted(produced, key=lambda p: -len(p.value)):
            if len(item.value) >= _MIN_LENGTH and item.value not in common:
                self._by_value.setdefault(item.value, item.expression)
        alternatives = "|".join(re.escape(v) for v in self._by_value)
        self._pattern = re.compile(alternatives) if alternatives else None
        self.used: set[str] = set()
        """Expressions the converted strings refer to (their resources are dependencies)."""

    def interpolate(self, text: str) -> str:
        """``text`` with every produced value replaced by ``${expression}``, the rest escaped."""
        if self._pattern is None:
            return escape(text)
        parts: list[str] = []
        last = 0
        for found in self._pattern.finditer(text):
            expression = self._by_value[found.group(0)]
            self.used.add(expression)
            parts.append(escape(text[last : found.start()]))
            parts.append("${" + expression + "}")
            last = found.end()
        parts.append(escape(text[last:]))
        return "".join(parts)
