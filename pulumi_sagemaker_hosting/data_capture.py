"""Data capture: record an endpoint's requests and responses to S3 (for Model Monitor)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws

from . import _iam, _s3

# SageMaker's CaptureContentTypeHeader pattern for one content type.
_CONTENT_TYPE = re.compile(r"^[a-zA-Z0-9](-*[a-zA-Z0-9])*/[a-zA-Z0-9](-*[a-zA-Z0-9.])*$")


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
        reason = _s3.uri_problem("data_capture.destination_s3_uri", self.destination_s3_uri)
        if reason:
            found.append(reason)
        reason = _s3.key_problem("data_capture.kms_key", self.kms_key)
        if reason:
            found.append(reason)
        percent = self.sampling_percentage
        if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
            found.append(
                f"data_capture.sampling_percentage must be an integer 0 to 100, got {percent!r}"
            )
        if not (self.capture_input or self.capture_output):
            found.append("data_capture must capture the input, the output or both")
        for argument in ("json_content_types", "csv_content_types"):
            types = list(getattr(self, argument))
            if len(types) > 10:
                found.append(
                    f"data_capture.{argument} must hold at most 10 types, got {len(types)}"
                )
            for content_type in types:
                if not _CONTENT_TYPE.match(content_type) or len(content_type) > 256:
                    found.append(
                        f"data_capture.{argument} must hold content types like "
                        f"application/json, got {content_type!r}"
                    )
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

    def statements(self, partition: pulumi.Input[str]) -> list[dict[str, Any]]:
        """What the models' roles need to write the captures."""
        statements = [_s3.write_under(partition, self.destination_s3_uri, "WriteDataCapture")]
        if self.kms_key is not None:
            statements.append(
                _iam.allow(_s3.KMS_WRITE_ACTIONS, [_s3.key_arn(self.kms_key)], "EncryptDataCapture")
            )
        return statements
