"""Shared fixtures: every test runs under fresh realistic mocks (see the testing package)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting.testing import RecordingMonitor, mocked_stack


@pytest.fixture
def rec() -> Iterator[RecordingMonitor]:
    """Fresh AwsMocks (account 123456789012, us-east-1) and the registration recorder."""
    with mocked_stack() as monitor:
        yield monitor
        monitor.assert_unique_urns()


@pytest.fixture
def make_model() -> Callable[[str], sm.Model]:
    """Build a one-container model from an ECR repository name (call inside a program)."""

    def build(name: str = "model") -> sm.Model:
        return sm.Model(
            name,
            containers=[
                sm.ContainerDefinition(image=sm.ContainerImage.from_ecr_repository("repo", "v1"))
            ],
        )

    return build
