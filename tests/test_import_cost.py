"""Importing the package loads only the package: what only some stacks use is loaded lazily.

Structural, not timed (docs/benchmarks.md has the import times): a fresh interpreter imports
``pulumi_aws``, then the package, and the modules the package added are listed.
"""

from __future__ import annotations

import json
import pydoc
import subprocess
import sys

import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting import _vpc

_ADDED_MODULES = """
import json, sys
import pulumi_aws
before = set(sys.modules)
import pulumi_sagemaker_hosting
print(json.dumps(sorted(set(sys.modules) - before)))
"""


@pytest.fixture(scope="module")
def added() -> list[str]:
    """The modules ``import pulumi_sagemaker_hosting`` loads after ``import pulumi_aws``."""
    done = subprocess.run(
        [sys.executable, "-c", _ADDED_MODULES], capture_output=True, text=True, check=True
    )
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_package_imports_nothing_but_itself(added: list[str]) -> None:
    # Every pulumi_aws service module (ec2 alone: ~0.2 s, ~30 MiB), the stdlib helpers only
    # error messages and schedules need (difflib, zoneinfo), the emulator and the optional
    # providers all load on first use.
    assert "pulumi_sagemaker_hosting" in added
    others = [m for m in added if m.split(".")[0] != "pulumi_sagemaker_hosting"]
    assert others == []


@pytest.mark.parametrize(
    "module",
    [
        "pulumi_aws.ec2",
        "pulumi_aws.cloudwatch",
        "pulumi_aws.iam",
        "pulumi_aws.sagemaker",
        "boto3",
        "botocore",
        "moto",
        "pulumi_docker_build",
        "pulumi_aws_native",
        "pulumi_sagemaker_hosting.testing",
        "pulumi_sagemaker_hosting._asset_image",
        "difflib",
        "zoneinfo",
    ],
)
def test_what_only_some_stacks_use_is_not_loaded_by_the_import(
    added: list[str], module: str
) -> None:
    assert module not in added


def test_mocks_come_from_the_pulumi_sdk_itself_not_from_the_package(added: list[str]) -> None:
    # pulumi/runtime/__init__.py imports .mocks: every Pulumi program loads it, with or
    # without this package, so it is not among what the package adds.
    done = subprocess.run(
        [sys.executable, "-c", "import sys, pulumi; print('pulumi.runtime.mocks' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "True"
    assert "pulumi.runtime.mocks" not in added


def test_the_version_is_looked_up_on_first_access_only() -> None:
    # importlib.metadata.version() scans every sys.path entry for distributions.
    probe = (
        "import pulumi_sagemaker_hosting as sm; print('__version__' in vars(sm)); "
        "sm.__version__; print('__version__' in vars(sm))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]


def test_lazy_names_resolve_on_access() -> None:
    import pulumi_aws as aws

    assert sm.__version__ == sm._version()
    assert sm.__version__ != ""
    assert aws.ec2.Subnet in _vpc.SubnetLike.__args__
    assert aws.ec2.SecurityGroup in _vpc.GroupLike.__args__
    assert str in _vpc.SubnetLike.__args__
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        _vpc.Nope  # noqa: B018
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        sm.Nope  # noqa: B018


def test_help_of_the_package_is_what_it_was_with_an_eager_version() -> None:
    # pydoc reads __version__ through the module __getattr__; no annotation-only stand-in
    # leaks into the module's data as __annotations__.
    text = pydoc.render_doc(sm, renderer=pydoc.plaintext)
    assert f"\nVERSION\n    {sm.__version__}\n" in text
    data = text.split("\nDATA\n", 1)[1].split("\nVERSION\n", 1)[0]
    assert "__all__ = [" in data
    assert "__annotations__" not in data


_BUILD_WITH_NAMES = """
import json, sys
import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting.testing import mocked_stack, run, AwsMocks

def program():
    image = sm.ContainerImage.from_ecr_repository("repo", "v1")
    data = sm.ModelData.from_s3_uri("s3://bucket/model.tar.gz")
    model = sm.Model("m", containers=[sm.ContainerDefinition(image=image, model_data=data)])
    config = sm.EndpointConfig("c", instance_production_variants=[
        sm.InstanceProductionVariant(model=model, variant_name="v", instance_type="ml.m5.large")])
    sm.Endpoint("e", endpoint_config=config)

with mocked_stack(AwsMocks()):
    run(program)
services = ("pulumi_aws.kms.", "pulumi_aws.ecr.")
print(json.dumps(sorted(m for m in sys.modules if m.startswith(services))))
"""


def test_a_stack_given_names_and_arns_loads_no_kms_or_ecr_module() -> None:
    # An isinstance check against aws.kms.Key or aws.ecr.Repository loads that whole service
    # module (dozens of files kept on the heap that every full collection walks); a repository
    # name and no key must not (_resource_types).
    done = subprocess.run(
        [sys.executable, "-c", _BUILD_WITH_NAMES], capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
