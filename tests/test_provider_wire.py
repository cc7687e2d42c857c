"""The one reader of what other languages send (provider/_wire.Checker): values and wording.

Every reader of the provider goes through ``Checker``; these tests pin what each accepts (the
coerced value) and the one message of each rule. The component-level consequences (where the
readers of ``asyncInference`` and ``dataCapture`` used to word things their own way) are
tested at the end, through ``HostedModel`` and ``SharedEndpoint``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pulumi
import pytest

from pulumi_sagemaker_hosting import ValidationError, _validation
from pulumi_sagemaker_hosting.errors import Problems
from pulumi_sagemaker_hosting.provider import HostedModel, SharedEndpoint
from pulumi_sagemaker_hosting.provider._wire import Checker, arguments
from pulumi_sagemaker_hosting.testing import RecordingMonitor, run

HUGE = 10**400  # an int no float holds (float(HUGE) raises OverflowError)
PLAIN = "must be a plain value known when the program runs, not an output of another resource"
ROLE = "arn:aws:iam::123456789012:role/endpoint-role"


def read(call: Callable[[Checker], object]) -> tuple[object, list[str]]:
    """What ``call`` returns with a fresh Checker, and the problems it recorded."""
    problems = Problems("C 'c'")
    value = call(Checker(problems))
    return value, problems.items


@pytest.mark.parametrize(
    ("call", "value"),
    [
        (lambda c: c.integer("n", 2.0, 1, 5), 2),
        (lambda c: c.integer("n", 5, 1, 5), 5),
        (lambda c: c.integer("n", 7.0), 7),
        (lambda c: c.integer("n", -3), -3),
        (lambda c: c.integer("n", HUGE), HUGE),
        (lambda c: c.integer("n", 0.0, high=0), 0),
        (lambda c: c.integer("n", None, 1, 5), None),
        (lambda c: c.number("x", 3), 3.0),
        (lambda c: c.number("x", 0.25), 0.25),
        (lambda c: c.text("s", "a"), "a"),
        (lambda c: c.text("s", "", empty=True), ""),
        (lambda c: c.flag("f", False), False),
        (lambda c: c.mapping("m", {"a": 1}), {"a": 1}),
        (
            lambda c: c.strings("l", ["application/json", "text/csv"]),
            ["application/json", "text/csv"],
        ),
        (lambda c: c.strings("l", []), []),
        (lambda c: c.strings("l", None), None),
        (lambda c: c.items("l", [], "ARNs"), []),
        (lambda c: c.items("l", ["a", 3], "things", empty=False), ["a", 3]),
        (lambda c: c.require("r", 0), True),
        (lambda c: c.require("r", ""), True),
    ],
)
def test_readers_return_the_coerced_value_and_record_nothing(
    call: Callable[[Checker], object], value: object
) -> None:
    got, problems = read(call)
    assert problems == []
    assert got == value
    assert type(got) is type(value)


def test_input_text_passes_another_resources_output_as_it_is() -> None:
    output = pulumi.Output.from_input("arn:aws:iam::123456789012:role/r")
    got, problems = read(lambda c: c.input_text("roleArn", output))
    assert got is output
    assert problems == []
    assert read(lambda c: c.input_text("roleArn", "r")) == ("r", [])


@pytest.mark.parametrize(
    ("call", "problem"),
    [
        (lambda c: c.integer("n", 1.5), "n must be an integer, got 1.5"),
        (lambda c: c.integer("n", math.inf), "n must be an integer, got inf"),
        (lambda c: c.integer("n", math.nan), "n must be an integer, got nan"),
        (lambda c: c.integer("n", True), "n must be an integer, got True"),
        (lambda c: c.integer("n", "2"), "n must be an integer, got '2'"),
        (lambda c: c.integer("n", 0.0, 1, 5), "n must be an integer 1 to 5, got 0.0"),
        (lambda c: c.integer("n", 6, 1, 5), "n must be an integer 1 to 5, got 6"),
        (lambda c: c.integer("n", 0, 1), "n must be an integer >= 1, got 0"),
        (lambda c: c.integer("n", 2, high=1), "n must be an integer <= 1, got 2"),
        (lambda c: c.number("x", math.nan), "x must be a finite number, got nan"),
        (lambda c: c.number("x", False), "x must be a finite number, got False"),
        (lambda c: c.text("s", ""), "s must be a non-empty string, got ''"),
        (lambda c: c.text("s", 5), "s must be a non-empty string, got 5"),
        (lambda c: c.text("s", 5, empty=True), "s must be a string, got 5"),
        (lambda c: c.input_text("s", 5), "s must be a non-empty string, got 5"),
        (lambda c: c.flag("f", "true"), "f must be true or false, got 'true'"),
        (lambda c: c.flag("f", 1), "f must be true or false, got 1"),
        (lambda c: c.mapping("m", [1]), "m must be an object, got [1]"),
        (lambda c: c.strings("l", "a"), "l must be a list of non-empty strings, got 'a'"),
        (
            lambda c: c.strings("l", ["a", ""]),
            "l must be a list of non-empty strings, got ['a', '']",
        ),
        (lambda c: c.strings("l", ("a",)), "l must be a list of non-empty strings, got ('a',)"),
        (lambda c: c.items("l", "a", "ARNs"), "l must be a list of ARNs, got 'a'"),
        (
            lambda c: c.items("l", [], "objects", empty=False),
            "l must be a non-empty list of objects, got []",
        ),
        (lambda c: c.require("r", None), "r is required"),
    ],
)
def test_each_rule_has_one_wording(call: Callable[[Checker], object], problem: str) -> None:
    got, problems = read(call)
    assert got in (None, False)
    assert problems == [problem]


@pytest.mark.parametrize(
    "call",
    [
        lambda c, o: c.text("f", o),
        lambda c, o: c.integer("f", o),
        lambda c, o: c.integer("f", o, 1, 5),
        lambda c, o: c.number("f", o),
        lambda c, o: c.flag("f", o),
        lambda c, o: c.mapping("f", o),
        lambda c, o: c.strings("f", o),
        lambda c, o: c.items("f", o, "ARNs"),
    ],
)
def test_an_output_where_a_plain_value_is_read_has_one_message(
    call: Callable[[Checker, object], object],
) -> None:
    output = pulumi.Output.from_input(True)
    got, problems = read(lambda c: call(c, output))
    assert got is None
    assert problems == [f"f {PLAIN}"]


def test_long_values_are_shown_shortened() -> None:
    _, problems = read(lambda c: c.integer("n", HUGE, 1, 5))
    (problem,) = problems
    assert problem.startswith("n must be an integer 1 to 5, got 1000")
    assert problem.endswith("...")
    assert len(problem) < 300


def test_arguments_must_be_a_dict() -> None:
    problems = Problems("HostedModel 'svc'")
    given = {"image_uri": "x"}
    copied = arguments(problems, given)
    assert copied == given and copied is not given
    with pytest.raises(ValidationError) as caught:
        arguments(problems, ["image_uri"])
    assert caught.value.component == "HostedModel 'svc'"
    assert caught.value.problems == ["args must be a dict, got ['image_uri']"]


def test_numbers_beyond_floats_are_judged_not_crashed_on() -> None:
    # is_finite / is_whole used to raise OverflowError on such an int.
    assert _validation.is_whole(HUGE) is True
    assert _validation.is_finite(HUGE) is False
    assert _validation.is_whole(True) is False
    assert _validation.is_whole(2.0) is True
    assert _validation.is_whole(2.5) is False


@pytest.mark.parametrize(
    ("check", "what"),
    [
        (lambda v: _validation.tags("tags", v, ["sagemaker.CreateModel"]), "tag names to values"),
        (
            lambda v: _validation.environment(
                "environment", v, "sagemaker.CreateModel.Containers[].Environment"
            ),
            "variable names to values",
        ),
    ],
)
def test_tags_and_environment_that_are_no_dict_share_their_wording(
    check: Callable[[object], list[str]], what: str
) -> None:
    argument = "tags" if what.startswith("tag") else "environment"
    assert check(["a"]) == [f"{argument} must be a dict of {what}, got ['a']"]
    assert check(pulumi.Output.from_input({"a": "b"})) == [
        f"{argument} must be a dict known when the program runs (its values may be Outputs), "
        "not an Output"
    ]


# --- through the components: where the copies used to disagree --------------------------------


def _swap(value: Any) -> Any:
    """``value`` with each ``"OUT"`` replaced by another resource's output."""
    if value == "OUT":
        return pulumi.Output.from_input(True)
    return {k: _swap(v) for k, v in value.items()} if isinstance(value, dict) else value


def _hosted_problems(args: dict[str, Any]) -> list[str]:
    """The problems HostedModel raises for ``args`` (``"OUT"``: an output) and an image URI."""
    caught: list[ValidationError] = []

    def program() -> None:
        with pytest.raises(ValidationError) as raised:
            HostedModel("svc", {"image_uri": "registry.example.com/img:1", **_swap(args)})  # type: ignore[typeddict-item]
        caught.append(raised.value)

    run(program)
    return caught[0].problems


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        # asyncInference's and dataCapture's own readers showed the Output object's repr.
        (
            {"data_capture": {"destination_s3_uri": "s3://captures/p", "capture_input": "OUT"}},
            f"dataCapture.captureInput {PLAIN}",
        ),
        (
            {
                "data_capture": {
                    "destination_s3_uri": "s3://captures/p",
                    "sampling_percentage": "OUT",
                }
            },
            f"dataCapture.samplingPercentage {PLAIN}",
        ),
        (
            {"data_capture": {"destination_s3_uri": "s3://captures/p", "csv_content_types": "OUT"}},
            f"dataCapture.csvContentTypes {PLAIN}",
        ),
        (
            {
                "instance_type": "ml.m5.large",
                "async_inference": {
                    "output_path": "s3://results/o",
                    "max_concurrent_invocations_per_instance": "OUT",
                },
            },
            f"asyncInference.maxConcurrentInvocationsPerInstance {PLAIN}",
        ),
        (
            {
                "instance_type": "ml.m5.large",
                "async_inference": {
                    "output_path": "s3://results/o",
                    "include_inference_response_in": "OUT",
                },
            },
            f"asyncInference.includeInferenceResponseIn {PLAIN}",
        ),
    ],
)
def test_options_given_outputs_where_plain_values_are_read(
    rec: RecordingMonitor, args: dict[str, Any], problem: str
) -> None:
    assert _hosted_problems(args) == [problem]
    assert rec.registrations == []


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        # Used to crash: AttributeError ('int' object has no attribute 'startswith').
        ({"role_arn": 5}, "roleArn must be a string, got 5"),
        # The empty string keeps the role rule's own wording.
        ({"role_arn": ""}, "roleArn must be a role name of 1-64 characters or a role ARN, got ''"),
        # Used to crash: OverflowError (int too large to convert to float).
        ({"initial_instance_count": HUGE}, "initialInstanceCount must be an integer 1 to "),
        (
            {
                "data_capture": {
                    "destination_s3_uri": "s3://captures/p",
                    "sampling_percentage": HUGE,
                }
            },
            "dataCapture.samplingPercentage must be an integer from 0 to 100, got 1000",
        ),
        # The whole-number reader of the options: the range stays the value object's rule.
        (
            {
                "data_capture": {
                    "destination_s3_uri": "s3://captures/p",
                    "sampling_percentage": 150.0,
                }
            },
            "dataCapture.samplingPercentage must be an integer from 0 to 100, got 150",
        ),
        # The alarm actions' list reader (its elements may be outputs): an Output for the whole
        # list used to be shown as the Output object's repr.
        (
            {"latency_alarm": {"threshold": 1, "evaluation_periods": 1, "alarm_actions": "OUT"}},
            f"latencyAlarm.alarmActions {PLAIN}",
        ),
        (
            {"latency_alarm": {"threshold": 1, "evaluation_periods": 1, "alarm_actions": "arn"}},
            "latencyAlarm.alarmActions must be a list of ARNs (each may be an output), got 'arn'",
        ),
    ],
)
def test_hosted_model_refusals_that_used_to_crash_or_differ(
    rec: RecordingMonitor, args: dict[str, Any], problem: str
) -> None:
    (found,) = _hosted_problems(args)
    assert found.startswith(problem), found
    assert rec.registrations == []


def _shared_problems(models: object) -> list[str]:
    """The problems SharedEndpoint raises for these ``models`` (``"OUT"``: an output)."""
    args = {"instance_type": "ml.g5.xlarge", "execution_role_arn": ROLE, "models": models}
    caught: list[ValidationError] = []

    def program() -> None:
        with pytest.raises(ValidationError) as raised:
            SharedEndpoint("llms", args)  # type: ignore[arg-type]
        caught.append(raised.value)

    run(program)
    return caught[0].problems


@pytest.mark.parametrize(
    ("model", "problem"),
    [
        (None, "models[0] must be an object, got None"),
        ("phi", "models[0] must be an object, got 'phi'"),
        ("OUT", f"models[0] {PLAIN}"),
    ],
)
def test_shared_endpoint_models_must_be_objects(
    rec: RecordingMonitor, model: object, problem: str
) -> None:
    assert _shared_problems([_swap(model)]) == [problem]
    assert rec.registrations == []


@pytest.mark.parametrize(
    ("models", "problem"),
    [
        # Required like instanceType and executionRoleArn (was "must be a non-empty list, got
        # None"); the schema refuses a missing list before this over the wire.
        (None, "models is required"),
        ([], "models must be a non-empty list of objects, got []"),
        ("phi", "models must be a non-empty list of objects, got 'phi'"),
        ("OUT", f"models {PLAIN}"),
    ],
)
def test_shared_endpoint_models_must_be_a_non_empty_list(
    rec: RecordingMonitor, models: object, problem: str
) -> None:
    assert _shared_problems(_swap(models)) == [problem]
    assert rec.registrations == []
