"""The reusable test harness: realistic mocks, the recorder, isolation between runs."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from typing import Any

import pulumi
import pulumi_aws as aws
import pytest
from pulumi.runtime.mocks import MockResourceArgs

from pulumi_sagemaker_hosting import _naming
from pulumi_sagemaker_hosting.errors import Problems, ValidationError
from pulumi_sagemaker_hosting.testing import AwsMocks, RecordingMonitor, mocked_stack, run


def test_realistic_outputs(rec: RecordingMonitor) -> None:
    def program() -> None:
        aws.ecr.Repository("repo")
        aws.sagemaker.Model("m", execution_role_arn="arn:aws:iam::123456789012:role/r")
        aws.iam.Role("r", assume_role_policy="{}")
        aws.s3.Bucket("b")

    run(program)
    repo = rec.named("repo").outputs
    assert re.fullmatch(r"repo-[0-9a-f]{7}", repo["name"])
    assert repo["repositoryUrl"] == f"123456789012.dkr.ecr.us-east-1.amazonaws.com/{repo['name']}"
    model = rec.named("m").outputs
    assert model["arn"] == f"arn:aws:sagemaker:us-east-1:123456789012:model/{model['name']}"
    assert rec.named("r").outputs["arn"].startswith("arn:aws:iam::123456789012:role/r-")
    assert rec.named("b").outputs["arn"] == f"arn:aws:s3:::{rec.named('b').outputs['bucket']}"


def test_invokes_are_answered_and_unknown_ones_fail() -> None:
    with mocked_stack(AwsMocks(account_id="111122223333", region="eu-west-1")):

        def program() -> pulumi.Output[None]:
            ident = aws.get_caller_identity_output()
            region = aws.get_region_output()
            part = aws.get_partition_output()
            return pulumi.Output.all(ident.account_id, region.region, part.dns_suffix).apply(
                lambda v: None if v == ["111122223333", "eu-west-1", "amazonaws.com"] else 1 / 0
            )

        run(program)
    with mocked_stack(), pytest.raises(Exception, match="no answer for invoke"):
        run(lambda: aws.get_availability_zones_output().names)


def test_recorder_detects_duplicate_urns() -> None:
    with mocked_stack() as rec:
        run(lambda: [aws.s3.Bucket("same"), aws.s3.Bucket("same")])
        assert len(rec.duplicate_urns()) == 1
        with pytest.raises(AssertionError, match="duplicate URNs"):
            rec.assert_unique_urns()


def test_runs_are_isolated() -> None:
    with mocked_stack() as first:
        run(lambda: aws.s3.Bucket("one"))
    with mocked_stack() as second:
        run(lambda: aws.s3.Bucket("two"))
    assert [r.name for r in first.registrations] == ["one"]
    assert [r.name for r in second.registrations] == ["two"]


def test_config_is_set_and_cleared() -> None:
    with mocked_stack(config={"project:size": "big"}):
        assert pulumi.Config().get("size") == "big"
        assert pulumi.Config("aws").get("region") == "us-east-1"
    with mocked_stack():
        assert pulumi.Config().get("size") is None


def test_secrets_are_unwrapped_and_flagged(rec: RecordingMonitor) -> None:
    run(lambda: aws.ssm.Parameter("p", type="SecureString", value=pulumi.Output.secret("s3cr3t")))
    parameter = rec.named("p")
    assert parameter.inputs["value"] == "s3cr3t"
    assert parameter.secret_inputs == ("value",)


def test_naming_helpers() -> None:
    assert _naming.check_name("ok-name-1") is None
    assert _naming.check_name("-bad") is not None
    assert _naming.check_name("a" * 64) is not None
    assert _naming.content_name("p", {"a": 1}) == _naming.content_name("p", {"a": 1})
    assert _naming.content_name("p", {"a": 1}) != _naming.content_name("p", {"a": 2})
    assert _naming.name_from_arn("arn:aws:sagemaker:us-east-1:1:model/x") == "x"
    assert _naming.check_prefix("a" * 36, _naming.PROVIDER_PREFIX_LIMIT) is None
    assert _naming.check_prefix("a" * 37, _naming.PROVIDER_PREFIX_LIMIT) is not None


def test_validation_error_shape() -> None:
    problems = Problems("Thing 'x'")
    problems.check(True, "never")
    problems.raise_if_any()  # nothing recorded: no raise
    problems.add("a must be b, got c")
    with pytest.raises(ValidationError, match=r"^Thing 'x': a must be b, got c$") as raised:
        problems.raise_if_any()
    assert isinstance(raised.value, ValueError)


def test_no_event_loop_deprecation_warning_in_a_fresh_interpreter() -> None:
    # Python 3.12+ warns when asyncio.get_event_loop() has to create the loop; a fresh
    # interpreter's main thread has none, which is where the harness used to trigger it.
    script = (
        "import asyncio, warnings\n"
        "from pulumi_sagemaker_hosting.testing import mocked_stack\n"
        "warnings.simplefilter('error', DeprecationWarning)\n"
        "with mocked_stack():\n"
        "    pass\n"
        "between = asyncio.get_event_loop()\n"
        "with mocked_stack():\n"
        "    assert asyncio.get_event_loop() is not between\n"
        "assert asyncio.get_event_loop() is between and not between.is_running()\n"
        "print('clean')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "clean\n", "")


def test_a_failed_run_waits_for_registrations_still_in_flight() -> None:
    # Registrations run on the loop's executor threads. When one fails, the others may still
    # be running: leaving the stack must wait for them, or a straggler lands in whatever the
    # next stack runs against (an emulator's fresh account: "role already exists").
    refused = threading.Event()
    finished: list[str] = []

    class Mocks(AwsMocks):
        def new_resource(self, args: MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
            if args.name == "bad":
                refused.set()
                raise ValueError("refused")
            if args.name == "slow":
                refused.wait(timeout=10)
                time.sleep(0.2)  # widens the window a teardown without the wait would miss
                finished.append(args.name)
            return super().new_resource(args)

    def program() -> None:
        aws.sns.Topic("slow")
        aws.sns.Topic("bad")

    with mocked_stack(Mocks()), pytest.raises(Exception, match="refused"):
        run(program)
    assert finished == ["slow"]
