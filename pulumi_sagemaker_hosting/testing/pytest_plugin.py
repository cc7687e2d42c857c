"""pytest fixtures for testing Pulumi stacks offline (registered as a pytest plugin).

``pulumi_mocks`` runs each test under fresh :class:`~pulumi_sagemaker_hosting.testing.AwsMocks`
and yields the :class:`~pulumi_sagemaker_hosting.testing.RecordingMonitor`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .harness import mocked_stack
from .recorder import RecordingMonitor


@pytest.fixture
def pulumi_mocks() -> Iterator[RecordingMonitor]:
    """Fresh realistic mocks and a recorder of every registration, for one test."""
    with mocked_stack() as monitor:
        yield monitor
