"""The Terraform layer: skipped, with the reason, where terraform or the provider mirror is
absent; one provider pass per session (see layer.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from layer import Outcome, run_layer

from pulumi_sagemaker_hosting.testing.terraform import unavailable


@pytest.fixture(scope="session")
def provider_pass(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    reason = unavailable()
    if reason is not None:
        # CI runs on a machine kind that has terraform and the provider mirror: there a skip
        # would hide a missing layer behind a green run, so .ci/run makes it a failure.
        if os.environ.get("SAGEMAKER_HOSTING_REQUIRE_TERRAFORM") == "1":
            pytest.fail(f"Terraform layer required in CI: {reason}")
        pytest.skip(f"Terraform layer skipped: {reason}")
    return run_layer(tmp_path_factory.mktemp("terraform"))
