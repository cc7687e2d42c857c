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

    Outputs nested inside the value (names of models, of alarms) are unwrapped, and the
    result depends on their resources too.
    """
    loop = value.get_loop()

    def done(result: Any) -> asyncio.Future[Any]:
        future: asyncio.Future[Any] = loop.create_future()
        future.set_result(result)
        return future

    settled: pulumi.Output[T] = pulumi.Output(
        resources if resources is not None else done(set()), value, done(True), done(False)
    )
    return settled.apply(pulumi.Output.from_input)
