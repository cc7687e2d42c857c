"""Test Pulumi stacks offline: realistic mocks, a registration recorder, the AWS emulator.

The emulator names are imported on first use: they need the ``testing`` extra (moto, boto3),
which a plain install, and so the always-registered pytest plugin, may lack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .harness import mocked_stack, run
from .mocks import AwsMocks
from .recorder import RecordingMonitor, Registration, RegistrationEvent

if TYPE_CHECKING:
    from .emulator import (
        AwsEmulator,
        EmulatedStack,
        EmulatorCoverageGap,
        EmulatorError,
        emulated_stack,
    )

__all__ = [
    "AwsEmulator",
    "AwsMocks",
    "EmulatedStack",
    "EmulatorCoverageGap",
    "EmulatorError",
    "RecordingMonitor",
    "Registration",
    "RegistrationEvent",
    "emulated_stack",
    "mocked_stack",
    "run",
]

_LAZY = {"AwsEmulator", "EmulatedStack", "EmulatorCoverageGap", "EmulatorError", "emulated_stack"}


def __getattr__(name: str) -> Any:
    """Import the emulator's names on first access."""
    if name in _LAZY:
        from . import emulator

        return getattr(emulator, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
