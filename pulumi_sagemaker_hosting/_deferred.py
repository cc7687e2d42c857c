"""Inputs settled after construction: an Output over a future the component resolves later.

EndpointConfig's variants and Endpoint's deployment config are registered in the constructor
but may still grow (``add_instance_production_variant``, ``add_rollback_alarm``) until the
program's synchronous code has run; the component resolves the future then.
"""

from __future__ import annotations

import asyncio
from typing import Any, TypeVar

import pulumi

T = TypeVar("T")


def deferred_output(
    value: asyncio.Future[T],
    resources: asyncio.Future[set[pulumi.Resource]] | None = None,
) -> pulumi.Output[Any]:
    """An Output of ``value`` once resolved, depending on ``resources``.

    Outputs nested inside the value (names of models, of alarms) stay in place: the SDK
    serializes an input's nested Outputs and records their resources as dependencies, as it
    does for any input. (Deep-unwrapping the value with ``Output.from_input`` gave the same
    registration at the cost of one Output per leaf; see ``docs/benchmarks.md``.)
    """
    known: asyncio.Future[bool] = value.get_loop().create_future()
    known.set_result(True)
    return pulumi.Output(resources if resources is not None else set(), value, known)
