"""Test Pulumi stacks offline: realistic mocks, a registration recorder, the AWS emulator."""

from .harness import mocked_stack, run
from .mocks import AwsMocks
from .recorder import RecordingMonitor, Registration

__all__ = ["AwsMocks", "RecordingMonitor", "Registration", "mocked_stack", "run"]
