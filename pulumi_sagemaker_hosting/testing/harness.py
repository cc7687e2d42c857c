"""Run a Pulumi program function in-process under mocks, isolated from every other run.

Pulumi's runtime settings are global: without a fresh event loop, fresh mocks and
``reset_options()`` around each run, one test sees another's resources or pending futures.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import warnings
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pulumi
from pulumi.runtime import config as pulumi_config
from pulumi.runtime.mocks import Mocks

from .mocks import AwsMocks
from .recorder import RecordingMonitor


@contextlib.contextmanager
def mocked_stack(
    mocks: Mocks | None = None,
    *,
    project: str = "project",
    stack: str = "stack",
    preview: bool = False,
    config: Mapping[str, str] | None = None,
) -> Iterator[RecordingMonitor]:
    """Install ``mocks`` (default :class:`AwsMocks`) and yield the recorder of registrations.

    Args:
        mocks: what answers registrations and invokes.
        project: the project name in URNs.
        stack: the stack name in URNs.
        preview: run as ``pulumi preview`` (outputs the mocks omit stay unknown).
        config: stack configuration, ``{"aws:region": "eu-west-1", ...}``.
    """
    mocks = mocks if mocks is not None else AwsMocks()
    region = getattr(mocks, "region", None)
    settings: dict[str, str] = {"aws:region": region} if isinstance(region, str) else {}
    settings.update(config or {})
    loop = asyncio.new_event_loop()
    errors: list[str] = []
    # A quiet handler: futures of a failed program are collected later; logging them from
    # the garbage collector can corrupt pytest's assertion rewriting (see docs/testing.md).
    loop.set_exception_handler(lambda _loop, ctx: errors.append(str(ctx.get("message"))))
    previous_loop = _current_loop()
    asyncio.set_event_loop(loop)
    pulumi.runtime.reset_options()
    pulumi_config.set_all_config(dict(settings))
    monitor = RecordingMonitor(mocks)
    pulumi.runtime.set_mocks(mocks, project=project, stack=stack, preview=preview, monitor=monitor)
    try:
        yield monitor
    finally:
        for task in asyncio.all_tasks(loop):
            task.cancel()
        with contextlib.suppress(Exception):
            loop.run_until_complete(asyncio.sleep(0))
        # Registrations and invokes run on the loop's executor threads; after a failed run
        # some may still be in flight, and `loop.close()` does not wait for them. A straggler
        # would land in the next stack's mocks (an emulator's fresh account): wait for them.
        # https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.shutdown_default_executor
        with contextlib.suppress(Exception):
            loop.run_until_complete(loop.shutdown_default_executor())
        loop.close()
        asyncio.set_event_loop(previous_loop or _loop_between_runs())
        pulumi_config.set_all_config({})
        pulumi.runtime.reset_options()


def _current_loop() -> asyncio.AbstractEventLoop | None:
    """The loop set for this thread, or None; never creates one.

    ``asyncio.get_event_loop()`` with no loop set warns (a DeprecationWarning on Python 3.12
    and 3.13) and then creates one, or raises RuntimeError (3.14): the warning is made an
    error here, which stops it before it creates anything.
    (https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.get_event_loop)
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        try:
            return asyncio.get_event_loop()
        except (DeprecationWarning, RuntimeError):
            return None


_between_runs: list[asyncio.AbstractEventLoop] = []


def _loop_between_runs() -> asyncio.AbstractEventLoop | None:
    """The main thread's idle loop between runs when it had none before; None elsewhere.

    Code outside any mocked stack (building value objects, say) still finds a loop on the
    main thread, as it did when Python created one there implicitly, without a warning and
    without a new loop per run. Other threads never got an implicit loop, and get none.
    """
    if threading.current_thread() is not threading.main_thread():
        return None
    if not _between_runs or _between_runs[0].is_closed():
        _between_runs[:] = [asyncio.new_event_loop()]
    return _between_runs[0]


def run(program: Callable[[], Any]) -> None:
    """Run ``program`` as a Pulumi program and wait for every registration and output.

    Whatever ``program`` returns (an Output, say one whose ``apply`` asserts) is awaited too;
    an exception raised by the program or inside an ``apply`` is re-raised here.
    """
    pulumi.runtime.test(program)()  # type: ignore[no-untyped-call]
