"""Inputs settled after construction: an Output over a future the component resolves later.

EndpointConfig's variants and Endpoint's deployment config are registered in the constructor
but may still grow (``add_instance_production_variant``, ``add_rollback_alarm``) until the
program's synchronous code has run; the component resolves the future then.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import pulumi

T = TypeVar("T")

# Callbacks waiting for the program's synchronous code to finish, per event loop: one
# ``call_soon`` per batch, not one per component.
_PENDING: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, list[Callable[[], None]]] = (
    weakref.WeakKeyDictionary()
)


def after_program_code(loop: asyncio.AbstractEventLoop, callback: Callable[[], None]) -> None:
    """Run ``callback`` once the code now running has yielded to the event loop.

    The Pulumi runtime pumps the loop only after the program's synchronous code has run, so
    that is when every component created in it settles its deferred inputs. Callbacks
    registered before the loop turns share one ``loop.call_soon`` and run in order; one that
    raises is reported to the loop's exception handler (as a ``call_soon`` callback's would
    be) and the others still run.
    """
    pending = _PENDING.get(loop)
    if pending is None:
        pending = _PENDING[loop] = []
        loop.call_soon(_run_pending, loop)
    pending.append(callback)


def _run_pending(loop: asyncio.AbstractEventLoop) -> None:
    for callback in _PENDING.pop(loop, []):
        try:
            callback()
        except Exception as exc:
            loop.call_exception_handler(
                {"message": f"Exception in callback {callback!r}", "exception": exc}
            )


def deferred_output(
    value: asyncio.Future[T],
    resources: asyncio.Future[set[pulumi.Resource]] | None = None,
) -> pulumi.Output[Any]:
    """An Output of ``value`` once resolved, depending on ``resources``.

    Outputs nested inside the value (names of models, of alarms) stay in place: the SDK
    serializes an input's nested Outputs and records their resources as dependencies, as it
    does for any input. (Deep-unwrapping the value with ``Output.from_input`` gave the same
    registration at the cost of one Output per leaf; see ``docs/benchmarks.md``.)
    Inputs accept Outputs at any depth (https://www.pulumi.com/docs/iac/concepts/inputs-outputs/);
    the Python SDK's ``pulumi.runtime.rpc.serialize_property`` serializes the value of an
    Output recursively, adding the nested Outputs' resources to the property's dependencies.
    """
    known: asyncio.Future[bool] = value.get_loop().create_future()
    known.set_result(True)
    return pulumi.Output(resources if resources is not None else set(), value, known)
