"""Shared pieces of the emulator's per-type handlers."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from pulumi.runtime.mocks import MockResourceArgs

from .. import _alarm_rules
from ._emulator_core import Backend, EmulatorError, Json
from .mocks import _suffix

#: ``handler(backend, args, inputs) -> (id, outputs)``; ``inputs`` have secrets unwrapped.
Handler = Callable[[Backend, MockResourceArgs, Json], tuple[str, Json]]


def where(args: MockResourceArgs) -> tuple[str, str]:
    """Return the (type, logical name) an :class:`EmulatorError` names."""
    return args.typ, args.name


def auto_name(
    args: MockResourceArgs,
    inputs: Json,
    limit: int,
    name_key: str = "name",
    prefix_key: str = "namePrefix",
) -> str:
    """Return the physical name: given, prefix + suffix, or ``<logical name>-<7 hex>``.

    As Pulumi's auto-naming, a prefix or logical name that leaves no room for the unique
    suffix within ``limit`` is an error, never a name with the suffix cut off.
    """
    given = inputs.get(name_key)
    if given:
        return str(given)
    prefix = inputs.get(prefix_key)
    if prefix:
        name = f"{prefix}{_suffix(args.typ, args.name, 'prefix')}"
    else:
        name = f"{args.name}-{_suffix(args.typ, args.name)}"
    if len(name) > limit:
        raise EmulatorError(
            *where(args),
            "NameTooLong",
            f"auto-naming: {str(prefix or args.name)!r} plus 7 random characters is longer "
            f"than the maximum length {limit}",
        )
    return name


def without(inputs: Json, *keys: str) -> Json:
    """Return ``inputs`` minus ``keys`` (pulumi-only inputs, or ones mapped by hand)."""
    return {k: v for k, v in inputs.items() if k not in keys}


def check_json(args: MockResourceArgs, field: str, document: Any) -> None:
    """Fail like AWS's MalformedPolicyDocument when ``document`` is not a JSON object."""
    if document is None:
        return
    try:
        parsed = json.loads(str(document))
    except json.JSONDecodeError as exc:
        raise EmulatorError(
            *where(args),
            "MalformedPolicyDocument",
            f"{field} is not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno}): "
            f"{str(document)[:120]!r}",
        ) from None
    if not isinstance(parsed, dict):
        raise EmulatorError(
            *where(args), "MalformedPolicyDocument", f"{field} must be a JSON object"
        )


def check_alarm_actions(args: MockResourceArgs, field: str, values: Iterable[Any]) -> None:
    """Fail as CloudWatch does when an alarm action is not the ARN of a service it can act on.

    The same rule the package checks at construction (:mod:`.._alarm_rules`): PutMetricAlarm
    takes SNS, Lambda, (Application) Auto Scaling, EC2 (``automate``/``swf``), Systems
    Manager and investigation-group ARNs only; moto takes any string.
    https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
    """
    found = _alarm_rules.action_problems(field, [str(v) for v in values])
    if found:
        raise EmulatorError(*where(args), "ValidationError", "; ".join(found))
