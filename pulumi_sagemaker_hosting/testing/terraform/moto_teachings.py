"""SageMaker calls the Terraform provider makes that moto 5.2's server does not answer.

- ``UpdateEndpoint``: moto has no such action; the provider calls it for every new endpoint
  config or deployment config (an in-place endpoint update). Taught: the endpoint adopts the
  new config's variants and the given deployment config (none unless sent: AWS reuses the
  last one only with ``RetainDeploymentConfig``).
- ``CreateEndpoint``'s ``DeploymentConfig``: moto drops it, so ``DescribeEndpoint`` had no
  ``LastDeploymentConfig`` and the provider planned to add the guardrails again after every
  apply. Taught: kept and returned.
- ``DescribeModel`` / ``DescribeEndpointConfig`` answer what ``Create*`` was sent: moto
  keeps only part of a request (no ``ShadowProductionVariants``, ``EnableNetworkIsolation``
  always false) and answers empty ``VpcConfig`` / ``DataCaptureConfig`` objects AWS omits, so
  the provider saw a difference in a replace-only field and planned to replace every model and
  config right after creating them. Taught: the request's fields fill what moto left empty,
  and empty objects are dropped.
- Application Auto Scaling ``ListTagsForResource``, ``TagResource``, ``UntagResource`` (and
  the ``Tags`` of ``RegisterScalableTarget``): moto has none; provider 5.x reads a scalable
  target's tags after every create and refresh. Taught: tags kept per ARN.

API: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpoint.html,
https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpoint.html,
https://docs.aws.amazon.com/autoscaling/application/APIReference/API_ListTagsForResource.html
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from typing import Any
from unittest import mock

#: What this module teaches moto, for reports.
TAUGHT: tuple[str, ...] = (
    "sagemaker UpdateEndpoint (new config and deployment config, in place)",
    "sagemaker CreateEndpoint keeps DeploymentConfig; DescribeEndpoint returns it as "
    "LastDeploymentConfig",
    "sagemaker DescribeModel and DescribeEndpointConfig answer every field Create* was sent, "
    "without moto's empty VpcConfig / DataCaptureConfig",
    "application-autoscaling ListTagsForResource, TagResource, UntagResource; "
    "RegisterScalableTarget keeps Tags",
)


@contextlib.contextmanager
def taught() -> Iterator[None]:
    """Patch moto's SageMaker responses while active."""
    from moto.core.responses import ActionResult
    from moto.sagemaker.exceptions import ValidationError
    from moto.sagemaker.models import FakeEndpoint, FakeEndpointConfig
    from moto.sagemaker.responses import SageMakerResponse

    original_create = SageMakerResponse.create_endpoint

    def create_endpoint(self: Any) -> Any:
        result = original_create(self)
        endpoint = self.sagemaker_backend.endpoints[self._get_param("EndpointName")]
        endpoint.last_deployment_config = self._get_param("DeploymentConfig")
        return result

    def update_endpoint(self: Any) -> Any:
        backend = self.sagemaker_backend
        name = self._get_param("EndpointName")
        config_name = self._get_param("EndpointConfigName")
        endpoint = backend.endpoints.get(name)
        if endpoint is None:
            arn = FakeEndpoint.arn_formatter(name, backend.account_id, backend.region_name)
            raise ValidationError(message=f"Could not find endpoint '{arn}'.")
        config = backend.endpoint_configs.get(config_name)
        if config is None:
            arn = FakeEndpointConfig.arn_formatter(
                config_name, backend.account_id, backend.region_name
            )
            raise ValidationError(message=f"Could not find endpoint configuration '{arn}'.")
        endpoint.endpoint_config_name = config_name
        endpoint.production_variants = endpoint._process_production_variants(
            config.production_variants
        )
        if not self._get_param("RetainDeploymentConfig"):
            endpoint.last_deployment_config = self._get_param("DeploymentConfig")
        return ActionResult({"EndpointArn": endpoint.arn})

    with (
        mock.patch.object(SageMakerResponse, "create_endpoint", create_endpoint),
        mock.patch.object(SageMakerResponse, "update_endpoint", update_endpoint, create=True),
        _autoscaling_tags(),
        _sagemaker_describes_what_was_sent(),
    ):
        yield


def _complete(response: dict[str, Any], sent: dict[str, Any]) -> dict[str, Any]:
    """Moto's answer, with the request filling what moto left out, empty objects dropped."""
    out = dict(response)
    for key, value in sent.items():
        if key != "Tags" and out.get(key) in (None, {}, [], "", False):
            out[key] = value
    return {k: v for k, v in out.items() if v not in ({}, [])}


@contextlib.contextmanager
def _sagemaker_describes_what_was_sent() -> Iterator[None]:
    from moto.core.responses import ActionResult
    from moto.sagemaker.responses import SageMakerResponse as Response

    def store(self: Any) -> dict[tuple[str, str], dict[str, Any]]:
        backend = self.sagemaker_backend
        if not hasattr(backend, "taught_requests"):
            backend.taught_requests = {}
        sent: dict[tuple[str, str], dict[str, Any]] = backend.taught_requests
        return sent

    original_model = Response.create_model
    original_config = Response.create_endpoint_config

    def create_model(self: Any) -> Any:
        result = original_model(self)
        store(self)[("model", self._get_param("ModelName"))] = json.loads(self.body)
        return result

    def create_endpoint_config(self: Any) -> Any:
        result = original_config(self)
        sent = json.loads(self.body)
        store(self)[("config", self._get_param("EndpointConfigName"))] = sent
        return result

    def describe_model(self: Any) -> Any:
        name = self._get_param("ModelName")
        response = self.sagemaker_backend.describe_model(name).response_object
        return ActionResult(_complete(response, store(self).get(("model", name), {})))

    def describe_endpoint_config(self: Any) -> Any:
        name = self._get_param("EndpointConfigName")
        response = self.sagemaker_backend.describe_endpoint_config(name)
        return ActionResult(_complete(response, store(self).get(("config", name), {})))

    with (
        mock.patch.object(Response, "create_model", create_model),
        mock.patch.object(Response, "create_endpoint_config", create_endpoint_config),
        mock.patch.object(Response, "describe_model", describe_model),
        mock.patch.object(Response, "describe_endpoint_config", describe_endpoint_config),
    ):
        yield


@contextlib.contextmanager
def _autoscaling_tags() -> Iterator[None]:
    from moto.applicationautoscaling.responses import ApplicationAutoScalingResponse as Response

    def store(self: Any) -> dict[str, dict[str, str]]:
        backend = self.applicationautoscaling_backend
        if not hasattr(backend, "taught_tags"):
            backend.taught_tags = {}
        tags: dict[str, dict[str, str]] = backend.taught_tags
        return tags

    original_register = Response.register_scalable_target

    def register_scalable_target(self: Any) -> str:
        result: str = original_register(self)
        arn = json.loads(result)["ScalableTargetARN"]
        store(self).setdefault(arn, {}).update(self._get_param("Tags") or {})
        return result

    def list_tags_for_resource(self: Any) -> str:
        return json.dumps({"Tags": store(self).get(self._get_param("ResourceARN"), {})})

    def tag_resource(self: Any) -> str:
        store(self).setdefault(self._get_param("ResourceARN"), {}).update(self._get_param("Tags"))
        return "{}"

    def untag_resource(self: Any) -> str:
        tags = store(self).get(self._get_param("ResourceARN"), {})
        for key in self._get_param("TagKeys") or []:
            tags.pop(key, None)
        return "{}"

    with (
        mock.patch.object(Response, "register_scalable_target", register_scalable_target),
        mock.patch.object(Response, "list_tags_for_resource", list_tags_for_resource, create=True),
        mock.patch.object(Response, "tag_resource", tag_resource, create=True),
        mock.patch.object(Response, "untag_resource", untag_resource, create=True),
    ):
        yield
