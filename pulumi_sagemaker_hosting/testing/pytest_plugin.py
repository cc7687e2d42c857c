"""pytest fixtures for testing Pulumi stacks offline (registered as a pytest plugin).

``pulumi_mocks`` runs each test under fresh :class:`~pulumi_sagemaker_hosting.testing.AwsMocks`
and yields the :class:`~pulumi_sagemaker_hosting.testing.RecordingMonitor`.

``aws_emulator`` runs each test against a fresh, empty
:class:`~pulumi_sagemaker_hosting.testing.AwsEmulator` and yields an
:class:`~pulumi_sagemaker_hosting.testing.EmulatedStack` (``.run(program)``, ``.emulator``,
``.recorder``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from .harness import mocked_stack
from .recorder import RecordingMonitor

if TYPE_CHECKING:
    from .emulator import EmulatedStack


@pytest.fixture
def pulumi_mocks() -> Iterator[RecordingMonitor]:
    """Fresh realistic mocks and a recorder of every registration, for one test."""
    with mocked_stack() as monitor:
        yield monitor


@pytest.fixture
def aws_emulator() -> Iterator[EmulatedStack]:
    """Yield a fresh emulated AWS account wired to a Pulumi stack, for one test."""
    from .emulator import emulated_stack  # needs the `testing` extra: import only when used

    with emulated_stack() as stack:
        yield stack
