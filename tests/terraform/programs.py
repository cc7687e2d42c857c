"""Every program the Terraform layer plans and applies, recorded under the mocks.

The examples (``examples/*/__main__.py``), the YAML example through the multi-language
``HostedModel`` it names, the emulator's raw pulumi_aws program and the rollout scenarios.
"""

from __future__ import annotations

import os
import re
import runpy
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pulumi
import pulumi_aws as aws
import yaml  # type: ignore[import-untyped]

from pulumi_sagemaker_hosting.provider.hosted_model import HostedModel
from pulumi_sagemaker_hosting.testing import mocked_stack, run
from pulumi_sagemaker_hosting.testing.terraform import Translation, translate

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
sys.path.insert(0, str(ROOT / "tests" / "emulator"))

from emulator_programs import hosting  # noqa: E402


def record(program: Callable[[], Any], directory: Path = ROOT) -> Translation:
    """Run ``program`` under the mocks (in ``directory``, as Pulumi would) and translate it."""
    previous = os.getcwd()
    os.chdir(directory)
    try:
        with mocked_stack() as recorder:
            run(program)
            return translate(recorder.registrations, base_dir=directory)
    finally:
        os.chdir(previous)


def _snake(key: str) -> str:
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", key).lower()


def _yaml_args(value: Any, resources: dict[str, pulumi.Resource]) -> Any:
    if isinstance(value, dict):
        return {_snake(k): _yaml_args(v, resources) for k, v in value.items()}
    if isinstance(value, list):
        return [_yaml_args(v, resources) for v in value]
    found = re.fullmatch(r"\$\{(\w+)\.(\w+)\}", str(value))
    if found:
        return getattr(resources[found[1]], found[2])
    return value


def yaml_hosted_model() -> None:
    """``examples/yaml-hosted-model/Pulumi.yaml``, its resources built in Python."""
    project = yaml.safe_load((EXAMPLES / "yaml-hosted-model" / "Pulumi.yaml").read_text())
    resources: dict[str, pulumi.Resource] = {}
    for name, spec in project["resources"].items():
        if spec["type"] == "aws:sns:Topic":
            resources[name] = aws.sns.Topic(name)
        elif spec["type"] == "sagemaker-hosting:index:HostedModel":
            resources[name] = HostedModel(name, _yaml_args(spec["properties"], resources))
        else:
            raise AssertionError(f"the YAML example uses {spec['type']}: teach this test")


#: Examples Terraform's AWS provider cannot express, and why (test_translate checks the reason).
NOT_IN_TERRAFORM = {
    "inference-components": "Terraform's AWS provider has no inference component, and its "
    "endpoint configuration requires model_name on every variant",
}


def example(name: str) -> Callable[[], Any]:
    """The program of ``examples/<name>``."""
    path = EXAMPLES / name / "__main__.py"
    return lambda: runpy.run_path(str(path), run_name="__main__")


def stacks() -> dict[str, Translation]:
    """``{module key: translation}`` of every example and the emulator program."""
    found = {
        name: record(example(name), EXAMPLES / name)
        for name in sorted(p.parent.name for p in EXAMPLES.glob("*/__main__.py"))
        if name not in NOT_IN_TERRAFORM
    }
    found["yaml-hosted-model"] = record(yaml_hosted_model, EXAMPLES / "yaml-hosted-model")
    found["emulator-hosting"] = record(hosting)
    return found
