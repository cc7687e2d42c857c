"""Asynchronous inference: queued requests, results written to S3, SNS notifications."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws

from . import _iam, _s3, _validation

INCLUDE_RESPONSE_IN = ("SUCCESS_NOTIFICATION_TOPIC", "ERROR_NOTIFICATION_TOPIC")
_OUT = "sagemaker.CreateEndpointConfig.AsyncInferenceConfig.OutputConfig"


def _topic_arn(topic: aws.sns.Topic | pulumi.Input[str]) -> pulumi.Input[str]:
    return topic.arn if isinstance(topic, aws.sns.Topic) else topic


@dataclass(frozen=True)
class AsyncInference:
    """Serve an endpoint asynchronously (``EndpointConfig(async_inference=...)``).

    Callers put the payload in S3 and call ``InvokeEndpointAsync``; results land under
    ``output_path`` (errors under ``failure_path``) and optionally notify SNS topics. The
    models' execution roles are granted exactly that: write under the paths, read under
    ``input_path``, publish to the topics, use ``kms_key``. An async endpoint's instance count
    may scale to zero (``auto_scale_instance_count(min_capacity=0)``).
    """

    output_path: pulumi.Input[str]
    """Where results are written: ``s3://bucket/prefix``."""
    failure_path: pulumi.Input[str] | None = None
    """Where failures are written (default: alongside the results)."""
    input_path: pulumi.Input[str] | None = None
    """Where callers put payloads; the models' roles may read there."""
    success_topic: aws.sns.Topic | pulumi.Input[str] | None = None
    """An SNS topic (or ARN) notified of each success."""
    error_topic: aws.sns.Topic | pulumi.Input[str] | None = None
    """An SNS topic (or ARN) notified of each failure."""
    include_inference_response_in: Sequence[str] = ()
    """Topics whose notifications carry the response: ``SUCCESS_NOTIFICATION_TOPIC``,
    ``ERROR_NOTIFICATION_TOPIC``."""
    max_concurrent_invocations_per_instance: int | None = None
    """Requests an instance works on at once, 1-1000 (SageMaker picks by default)."""
    kms_key: aws.kms.Key | pulumi.Input[str] | None = None
    """A KMS key (resource or key ARN) encrypting the results."""

    def _problems(self) -> list[str]:
        """What is wrong with this configuration (empty when valid)."""
        found: list[str] = []
        output = self.output_path
        if output is None or (isinstance(output, str) and not output):
            found.append(
                f"async_inference.output_path must be an s3://bucket/prefix URI, got {output!r}"
            )
        for argument in ("output_path", "failure_path", "input_path"):
            value = getattr(self, argument)
            if value is None or value == "":
                if argument != "output_path" and value == "":
                    found.append(
                        f"async_inference.{argument} must be an s3://bucket/prefix URI or None, "
                        "got ''"
                    )
                continue
            problems = _validation.input_text(f"async_inference.{argument}", value)
            reason = None if problems else _s3.uri_problem(f"async_inference.{argument}", value)
            found += problems + ([reason] if reason else [])
        found += _s3.kms_key_problems("async_inference.kms_key", self.kms_key, f"{_OUT}.KmsKeyId")
        for argument, member in (("success_topic", "SuccessTopic"), ("error_topic", "ErrorTopic")):
            topic = getattr(self, argument)
            if topic is None or isinstance(topic, aws.sns.Topic):
                continue
            found += _validation.input_text(f"async_inference.{argument}", topic) or (
                _validation.field(
                    f"{_OUT}.NotificationConfig.{member}", f"async_inference.{argument}", topic
                )
            )
        include = self.include_inference_response_in
        shape = _validation.sequence(
            "async_inference.include_inference_response_in", include, "topic types"
        )
        found += shape
        include = () if shape else include
        for where in include:
            if where not in INCLUDE_RESPONSE_IN:
                found.append(
                    "async_inference.include_inference_response_in must hold "
                    f"{' or '.join(INCLUDE_RESPONSE_IN)}, got {where!r}"
                )
        if "SUCCESS_NOTIFICATION_TOPIC" in include and self.success_topic is None:
            found.append("async_inference: SUCCESS_NOTIFICATION_TOPIC needs success_topic")
        if "ERROR_NOTIFICATION_TOPIC" in include and self.error_topic is None:
            found.append("async_inference: ERROR_NOTIFICATION_TOPIC needs error_topic")
        limit = self.max_concurrent_invocations_per_instance
        if _validation.is_unknown(limit):
            found.append(
                "async_inference.max_concurrent_invocations_per_instance must be a plain value "
                "known when the program runs, not an Output"
            )
        else:
            found += _validation.field(
                "sagemaker.CreateEndpointConfig.AsyncInferenceConfig.ClientConfig."
                "MaxConcurrentInvocationsPerInstance",
                "async_inference.max_concurrent_invocations_per_instance",
                limit,
            )
        return found

    def _render(self) -> dict[str, Any]:
        """The ``async_inference_config`` input (pulumi_aws shape)."""
        output: dict[str, Any] = {"s3_output_path": self.output_path}
        if self.failure_path is not None:
            output["s3_failure_path"] = self.failure_path
        if self.kms_key is not None:
            output["kms_key_id"] = _s3.key_arn(self.kms_key)
        notification: dict[str, Any] = {}
        if self.success_topic is not None:
            notification["success_topic"] = _topic_arn(self.success_topic)
        if self.error_topic is not None:
            notification["error_topic"] = _topic_arn(self.error_topic)
        if self.include_inference_response_in:
            notification["include_inference_response_ins"] = list(
                self.include_inference_response_in
            )
        if notification:
            output["notification_config"] = notification
        rendered: dict[str, Any] = {"output_config": output}
        if self.max_concurrent_invocations_per_instance is not None:
            rendered["client_config"] = {
                "max_concurrent_invocations_per_instance": (
                    self.max_concurrent_invocations_per_instance
                )
            }
        return rendered

    def _statements(self, partition: pulumi.Input[str]) -> list[dict[str, Any]]:
        """What the models' roles need to read payloads, write results and notify."""
        statements = [_s3.write_under(partition, self.output_path, "WriteAsyncOutput")]
        if self.failure_path is not None:
            statements.append(_s3.write_under(partition, self.failure_path, "WriteAsyncFailure"))
        if self.input_path is not None:
            statements.append(_s3.read_under(partition, self.input_path, "ReadAsyncInput"))
        topics = [_topic_arn(t) for t in (self.success_topic, self.error_topic) if t is not None]
        if topics:
            statements.append(_iam.allow(["sns:Publish"], topics, "NotifyAsync"))
        if self.kms_key is not None:
            statements.append(
                _iam.allow(_s3.KMS_WRITE_ACTIONS, [_s3.key_arn(self.kms_key)], "EncryptAsync")
            )
        return statements
