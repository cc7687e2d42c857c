"""HostedModel's endpoint-configuration options: async inference and data capture.

The TypedDicts are schema types (their docstrings are the descriptions other languages see);
the readers turn the JSON other languages send into this package's value objects, recording
every problem (camelCase names) instead of raising, so :class:`HostedModel` can report them
all at once before anything is registered. S3 locations, topics and keys are
``pulumi.Input``: they may be outputs of other resources (then AWS checks them).
"""

import inspect
from typing import Any

import pulumi
from typing_extensions import NotRequired, TypedDict

from ..async_inference import AsyncInference
from ..data_capture import DataCapture
from ..errors import Problems
from ._wire import Checker, schema_names


class AsyncInferenceConfig(TypedDict):
    """Serve asynchronously: callers put payloads in S3, results are written to `outputPath`."""

    output_path: pulumi.Input[str]
    """Where results are written, `s3://bucket/prefix`; the role may write there only."""
    failure_path: NotRequired[pulumi.Input[str]]
    """Where failures are written, `s3://bucket/prefix` (default: beside the results)."""
    input_path: NotRequired[pulumi.Input[str]]
    """Where callers put payloads, `s3://bucket/prefix`; the role may read there."""
    success_topic_arn: NotRequired[pulumi.Input[str]]
    """An SNS topic ARN notified of each success."""
    error_topic_arn: NotRequired[pulumi.Input[str]]
    """An SNS topic ARN notified of each failure."""
    include_inference_response_in: NotRequired[list[str]]
    """Notifications that carry the response: `SUCCESS_NOTIFICATION_TOPIC`, `ERROR_NOTIFICATION_TOPIC`."""  # noqa: E501
    max_concurrent_invocations_per_instance: NotRequired[int]
    """Requests an instance works on at once, 1 to 1000 (SageMaker picks by default)."""
    kms_key_arn: NotRequired[pulumi.Input[str]]
    """A KMS key ARN encrypting the results."""


class DataCaptureConfig(TypedDict):
    """Capture a sample of the endpoint's requests and responses to S3."""

    destination_s3_uri: pulumi.Input[str]
    """Where captures go, `s3://bucket/prefix`; the role may write there only."""
    sampling_percentage: NotRequired[int]
    """Percentage of requests captured, 0 to 100 (default 100)."""
    capture_input: NotRequired[bool]
    """Capture the requests (default true)."""
    capture_output: NotRequired[bool]
    """Capture the responses (default true)."""
    json_content_types: NotRequired[list[str]]
    """Content types captured as JSON text (at most 10) instead of base64."""
    csv_content_types: NotRequired[list[str]]
    """Content types captured as CSV text (at most 10) instead of base64."""
    kms_key_arn: NotRequired[pulumi.Input[str]]
    """A KMS key ARN encrypting the captured data."""
    enabled: NotRequired[bool]
    """Switch capture off without removing the configuration (default true)."""


#: The value objects' Python names in their messages, and the schema's (_wire.schema_names).
_NAMES = (
    ("asyncInference: async_inference.", "asyncInference."),
    ("asyncInference: async_inference", "asyncInference"),
    ("dataCapture: data_capture.", "dataCapture."),
    ("dataCapture: data_capture", "dataCapture"),
    ("must be an aws.kms.Key or a key ARN", "must be a KMS key ARN"),
    ("kms_key", "kmsKeyArn"),
    ("success_topic", "successTopicArn"),
    ("error_topic", "errorTopicArn"),
    ("output_path", "outputPath"),
    ("failure_path", "failurePath"),
    ("input_path", "inputPath"),
    ("include_inference_response_in", "includeInferenceResponseIn"),
    ("max_concurrent_invocations_per_instance", "maxConcurrentInvocationsPerInstance"),
    ("destination_s3_uri", "destinationS3Uri"),
    ("sampling_percentage", "samplingPercentage"),
    ("json_content_types", "jsonContentTypes"),
    ("csv_content_types", "csvContentTypes"),
    ("capture_input", "captureInput"),
    ("capture_output", "captureOutput"),
)


def _adopt(problems: Problems, field: str, found: list[str]) -> None:
    # The value objects phrase problems with Python names: say which input they came from, in
    # the names other languages use.
    for problem in found:
        problems.add(schema_names(f"{field}: {problem}", _NAMES))


def read_async_inference(
    problems: Problems, check: Checker, raw: dict[str, Any]
) -> AsyncInference | None:
    """``asyncInference`` as an :class:`AsyncInference`, or None after recording problems."""
    before = len(problems.items)
    check.require("asyncInference.outputPath", raw.get("output_path"))
    include = check.strings(
        "asyncInference.includeInferenceResponseIn", raw.get("include_inference_response_in")
    )
    # The range (1 to 1000) is AsyncInference's rule, worded once there.
    concurrency = check.integer(
        "asyncInference.maxConcurrentInvocationsPerInstance",
        raw.get("max_concurrent_invocations_per_instance"),
    )
    if len(problems.items) > before:
        return None
    config = AsyncInference(
        output_path=raw["output_path"],
        failure_path=raw.get("failure_path"),
        input_path=raw.get("input_path"),
        success_topic=raw.get("success_topic_arn"),
        error_topic=raw.get("error_topic_arn"),
        include_inference_response_in=tuple(include or ()),
        max_concurrent_invocations_per_instance=concurrency,
        kms_key=raw.get("kms_key_arn"),
    )
    found = config._problems()
    _adopt(problems, "asyncInference", found)
    return None if found else config


def read_data_capture(
    problems: Problems, check: Checker, raw: dict[str, Any]
) -> DataCapture | None:
    """``dataCapture`` as a :class:`DataCapture`, or None after recording problems."""
    before = len(problems.items)
    check.require("dataCapture.destinationS3Uri", raw.get("destination_s3_uri"))
    # The range (0 to 100) is DataCapture's rule, worded once there.
    percentage = check.integer("dataCapture.samplingPercentage", raw.get("sampling_percentage"))
    flags = {
        key: check.flag(f"dataCapture.{name}", raw.get(key))
        for key, name in (
            ("capture_input", "captureInput"),
            ("capture_output", "captureOutput"),
            ("enabled", "enabled"),
        )
    }
    json_types = check.strings("dataCapture.jsonContentTypes", raw.get("json_content_types"))
    csv_types = check.strings("dataCapture.csvContentTypes", raw.get("csv_content_types"))
    if len(problems.items) > before:
        return None
    config = DataCapture(
        destination_s3_uri=raw["destination_s3_uri"],
        sampling_percentage=100 if percentage is None else percentage,
        capture_input=flags["capture_input"] is not False,
        capture_output=flags["capture_output"] is not False,
        kms_key=raw.get("kms_key_arn"),
        json_content_types=tuple(json_types or ()),
        csv_content_types=tuple(csv_types or ()),
        enabled=flags["enabled"] is not False,
    )
    found = config._problems()
    _adopt(problems, "dataCapture", found)
    return None if found else config


# The analyzer reads class docstrings as they are; drop their source indentation.
for _documented in (AsyncInferenceConfig, DataCaptureConfig):
    _documented.__doc__ = inspect.cleandoc(_documented.__doc__ or "")
