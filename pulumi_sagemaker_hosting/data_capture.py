"""Data capture: record an endpoint's requests and responses to S3 (for Model Monitor)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws

from . import _iam, _s3, _validation

_CONFIG = "sagemaker.CreateEndpointConfig.DataCaptureConfig"


def _plain(member: str, argument: str, value: object) -> list[str]:
    if _validation.is_unknown(value):
        return [f"{argument} must be a plain value known when the program runs, not an Output"]
    return _validation.field(f"{_CONFIG}.{member}", argument, value)


@dataclass(frozen=True)
class DataCapture:
    """Capture a sample of an endpoint's traffic to S3 (``EndpointConfig(data_capture=...)``).

    The execution roles of the config's models are granted ``s3:PutObject`` under the
    destination (and use of ``kms_key``), which is what SageMaker writes with.
    """

    destination_s3_uri: pulumi.Input[str]
    """Where captures go: ``s3://bucket/prefix``."""
    sampling_percentage: int = 100
    """Percentage of requests captured, 0-100 (lower it for busy endpoints)."""
    capture_input: bool = True
    """Capture the requests."""
    capture_output: bool = True
    """Capture the responses."""
    kms_key: aws.kms.Key | pulumi.Input[str] | None = None
    """A KMS key (resource or key ARN) encrypting the captured data."""
    json_content_types: Sequence[str] = ()
    """Content types captured as JSON text (at most 10) instead of base64."""
    csv_content_types: Sequence[str] = ()
    """Content types captured as CSV text (at most 10) instead of base64."""
    enabled: bool = True
    """Switch capture off without removing the configuration."""

    def _problems(self) -> list[str]:
        """What is wrong with this configuration (empty when valid)."""
        found: list[str] = []
        uri = self.destination_s3_uri
        if uri is None or (isinstance(uri, str) and not uri):
            found.append(
                f"data_capture.destination_s3_uri must be an s3://bucket/prefix URI, got {uri!r}"
            )
        else:
            found += _validation.input_text("data_capture.destination_s3_uri", uri)
            reason = _s3.uri_problem("data_capture.destination_s3_uri", uri)
            if reason:
                found.append(reason)
        found += _s3.kms_key_problems("data_capture.kms_key", self.kms_key, f"{_CONFIG}.KmsKeyId")
        found += _plain(
            "InitialSamplingPercentage",
            "data_capture.sampling_percentage",
            self.sampling_percentage,
        )
        for argument in ("capture_input", "capture_output", "enabled"):
            found += _plain("EnableCapture", f"data_capture.{argument}", getattr(self, argument))
        if not (self.capture_input or self.capture_output):
            found.append("data_capture must capture the input, the output or both")
        for argument, member in (
            ("json_content_types", "JsonContentTypes"),
            ("csv_content_types", "CsvContentTypes"),
        ):
            types = getattr(self, argument)
            path = f"{_CONFIG}.CaptureContentTypeHeader.{member}"
            shape = _validation.sequence(f"data_capture.{argument}", types, "content types")
            if shape:
                found += shape
            elif types:
                found += _validation.items(path, f"data_capture.{argument}", types)
        return found

    def _render(self) -> dict[str, Any]:
        """The ``data_capture_config`` input (pulumi_aws shape)."""
        if self.capture_input and self.capture_output:
            modes = ["InputAndOutput"]
        else:
            modes = ["Input" if self.capture_input else "Output"]
        rendered: dict[str, Any] = {
            "destination_s3_uri": self.destination_s3_uri,
            "initial_sampling_percentage": self.sampling_percentage,
            "capture_options": [{"capture_mode": mode} for mode in modes],
            "enable_capture": self.enabled,
        }
        if self.kms_key is not None:
            rendered["kms_key_id"] = _s3.key_arn(self.kms_key)
        header: dict[str, Any] = {}
        if self.json_content_types:
            header["json_content_types"] = list(self.json_content_types)
        if self.csv_content_types:
            header["csv_content_types"] = list(self.csv_content_types)
        if header:
            rendered["capture_content_type_header"] = header
        return rendered

    def _statements(self, partition: pulumi.Input[str]) -> list[dict[str, Any]]:
        """What the models' roles need to write the captures."""
        statements = [_s3.write_under(partition, self.destination_s3_uri, "WriteDataCapture")]
        if self.kms_key is not None:
            statements.append(
                _iam.allow(_s3.KMS_WRITE_ACTIONS, [_s3.key_arn(self.kms_key)], "EncryptDataCapture")
            )
        return statements
