"""Pulumi mocks that carry every registration out against an in-process AWS (moto).

Where :class:`~pulumi_sagemaker_hosting.testing.AwsMocks` answers with canned values,
:class:`AwsEmulator` makes the real API call (CreateModel, CreateEndpointConfig,
RegisterScalableTarget, PutMetricAlarm, ...) through boto3 against moto, so AWS-side rules
apply (a variant naming a missing model, a scalable dimension AWS does not know, a policy that
is not JSON) and the test can read the live state back::

    with AwsEmulator() as emu, mocked_stack(emu) as rec:
        run(program)
        assert emu.describe_endpoint("svc-endpoint-1a2b3c4")["EndpointStatus"] == "InService"
"""

from __future__ import annotations

import base64
import contextlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pulumi
from pulumi.runtime.mocks import MockCallArgs, MockResourceArgs

from .._extras import require

require("testing", "the AWS emulator (and the offline runner)")

from . import (  # noqa: E402
    _emulator_ec2,
    _emulator_image,
    _emulator_inference_components,
    _emulator_resources,
    _emulator_sagemaker,
)
from ._emulator_core import (  # noqa: E402
    Backend,
    EmulatorCoverageGap,
    EmulatorError,
    Json,
    unwrap_secrets,
)
from ._emulator_handlers import Handler  # noqa: E402
from ._lifecycle import StartStop  # noqa: E402
from .harness import mocked_stack, run  # noqa: E402
from .recorder import RecordingMonitor  # noqa: E402

__all__ = ["AwsEmulator", "EmulatedStack", "EmulatorCoverageGap", "EmulatorError", "emulated_stack"]

_HANDLERS: dict[str, Handler] = {
    **_emulator_sagemaker.HANDLERS,
    **_emulator_resources.HANDLERS,
    **_emulator_image.HANDLERS,
    **_emulator_inference_components.HANDLERS,
    **_emulator_ec2.HANDLERS,
}


class AwsEmulator(StartStop, pulumi.runtime.Mocks):
    """Mocks whose registrations are real AWS API calls against a fresh moto backend.

    Use it as a context manager (or :meth:`start` / :meth:`stop`): moto runs, and fake
    credentials are in the environment, only while it is active; each activation starts with
    an empty account.

    Args:
        account_id: the emulated account, in every ARN.
        region: the default region (``aws:region``; :func:`mocked_stack` reads it).
    """

    #: The resource types the emulator carries out.
    SUPPORTED_TYPES: frozenset[str] = frozenset(_HANDLERS)

    def __init__(self, account_id: str = "123456789012", region: str = "us-east-1") -> None:
        self.account_id = account_id
        self.region = region
        self.partition = "aws"
        self._backend = Backend(account_id, region)

    # Lifecycle -------------------------------------------------------------------------------

    def start(self) -> AwsEmulator:
        """Start a fresh, empty emulated account."""
        self._backend.start()
        return self

    def stop(self) -> None:
        """Stop the emulator and discard its state."""
        self._backend.stop()

    # pulumi.runtime.Mocks ----------------------------------------------------------------------

    def new_resource(self, args: MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        """Create the resource in the emulated AWS; return its id and pulumi_aws outputs."""
        if not args.custom:
            return "", {}
        if args.typ.startswith("pulumi:providers:"):
            return f"{args.name}-provider", dict(args.inputs)  # explicit providers: no AWS call
        handler = _HANDLERS.get(args.typ)
        if handler is None:
            raise EmulatorCoverageGap(
                args.typ,
                args.name,
                "UnsupportedResourceType",
                args.typ,
                f"it emulates {', '.join(sorted(_HANDLERS))}",
            )
        # One registration at a time: Pulumi registers from several threads, and a handler's
        # calls (check the model exists, then create the config) must not interleave.
        with self._backend.lock:
            resource_id, outputs = handler(self._backend, args, unwrap_secrets(dict(args.inputs)))
        return resource_id, {**args.inputs, **outputs}

    def call(self, args: MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        """Answer an invoke from the emulated account (STS, ECR) or its settings."""
        inputs = unwrap_secrets(dict(args.args))
        region = str(inputs.get("region") or self.region)
        where = (args.token, "invoke")
        if args.token == "aws:index/getCallerIdentity:getCallerIdentity":
            identity = self._backend.send(where, "sts", "GetCallerIdentity", {})
            return {
                "accountId": identity["Account"],
                "arn": identity["Arn"],
                "userId": identity["UserId"],
                "id": identity["Account"],
            }, []
        if args.token == "aws:index/getRegion:getRegion":
            return {
                "name": region,
                "region": region,
                "id": region,
                "endpoint": f"ec2.{region}.amazonaws.com",
                "description": region,
            }, []
        if args.token == "aws:index/getPartition:getPartition":
            return {
                "partition": self.partition,
                "dnsSuffix": "amazonaws.com",
                "reverseDnsPrefix": "com.amazonaws",
                "id": self.partition,
            }, []
        if args.token == "aws:ecr/getAuthorizationToken:getAuthorizationToken":
            return self._ecr_token(where, inputs, region), []
        if args.token == "aws:ec2/getSubnet:getSubnet":
            return _emulator_ec2.get_subnet(self._backend, args.token, inputs, region), []
        raise EmulatorCoverageGap(
            args.token,
            "invoke",
            "UnsupportedInvoke",
            f"the invoke {args.token}",
            "it answers getCallerIdentity, getRegion, getPartition, getAuthorizationToken and "
            "getSubnet",
        )

    def _ecr_token(self, where: tuple[str, str], inputs: Json, region: str) -> Json:
        request = {"registryIds": [inputs["registryId"]]} if inputs.get("registryId") else {}
        data = self._backend.send(where, "ecr", "GetAuthorizationToken", request, region)
        auth = data["authorizationData"][0]
        user, _, password = base64.b64decode(auth["authorizationToken"]).decode().partition(":")
        return {
            "userName": user,
            "password": password,
            "authorizationToken": auth["authorizationToken"],
            "proxyEndpoint": auth["proxyEndpoint"],
            "expiresAt": auth["expiresAt"].isoformat(),
            "registryId": inputs.get("registryId") or self.account_id,
            "id": region,
        }

    # Live state ----------------------------------------------------------------------------------

    def client(self, service: str, region: str | None = None) -> Any:
        """Return a boto3 client (``"sagemaker"``, ``"s3"``...) bound to the emulated account."""
        return self._backend.client(service, region)

    def _describe(self, operation: str, params: Json, name: str) -> Json:
        response = self._backend.send(("query", name), "sagemaker", operation, params)
        # moto keeps only part of some requests and answers its own defaults for the rest
        # (EnableNetworkIsolation, InferenceExecutionConfig, DeploymentConfig,
        # ShadowProductionVariants, ...): AWS describes what was sent, so what we sent wins
        # wherever the response has that field; moto's values stay where nothing was sent.
        create = operation.replace("Describe", "Create")
        sent = self._backend.sent.get((create, name), {})
        for key, value in sent.items():
            if key != "Tags":  # tags are listed by ListTags, not described
                response[key] = _overlay(response.get(key), value)
        if operation == "DescribeEndpoint" and "DeploymentConfig" in sent:
            # AWS describes the deployment config in force as LastDeploymentConfig.
            response["LastDeploymentConfig"] = sent["DeploymentConfig"]
        return response

    def describe_model(self, name: str) -> Json:
        """DescribeModel, completed with the request fields moto does not keep."""
        return self._describe("DescribeModel", {"ModelName": name}, name)

    def describe_endpoint_config(self, name: str) -> Json:
        """DescribeEndpointConfig, completed with the request fields moto does not keep."""
        return self._describe("DescribeEndpointConfig", {"EndpointConfigName": name}, name)

    def describe_endpoint(self, name: str) -> Json:
        """DescribeEndpoint (status, variants), completed with the deployment config sent."""
        return self._describe("DescribeEndpoint", {"EndpointName": name}, name)

    def describe_inference_component(self, name: str) -> Json:
        """DescribeInferenceComponent (moto has none: the emulator keeps them)."""
        return _emulator_inference_components.describe(self._backend, ("query", name), name)

    def create_inference_component(self, name: str, **request: Any) -> Json:
        """CreateInferenceComponent outside a program, e.g. an adapter of a deployed base.

        ``request`` holds the other request fields (``EndpointName``, ``Specification``...);
        validated and checked as AWS does.
        """
        return _emulator_inference_components.create(
            self._backend, ("query", name), {"InferenceComponentName": name, **request}
        )

    def update_inference_component(self, name: str, **request: Any) -> Json:
        """UpdateInferenceComponent, e.g. ``RuntimeConfig={"CopyCount": 0}``.

        What a later deployment, or Application Auto Scaling, does; validated as AWS does.
        """
        return _emulator_inference_components.update(
            self._backend, ("query", name), {"InferenceComponentName": name, **request}
        )

    def delete_inference_component(self, name: str) -> None:
        """DeleteInferenceComponent."""
        _emulator_inference_components.delete(self._backend, ("query", name), name)

    def inference_components(self) -> list[str]:
        """List the names of every inference component."""
        return sorted(self._backend.extra.get(_emulator_inference_components.KIND, {}))

    def endpoints(self) -> list[str]:
        """List the names of every endpoint."""
        found = self.client("sagemaker").list_endpoints()["Endpoints"]
        return sorted(e["EndpointName"] for e in found)

    def scalable_targets(self, namespace: str = "sagemaker") -> list[Json]:
        """Every registered scalable target of ``namespace``."""
        client = self.client("application-autoscaling")
        targets: list[Json] = client.describe_scalable_targets(ServiceNamespace=namespace)[
            "ScalableTargets"
        ]
        return targets

    def scaling_policies(
        self, resource_id: str | None = None, namespace: str = "sagemaker"
    ) -> list[Json]:
        """Scaling policies, of one ``resource_id`` (``endpoint/<e>/variant/<v>``) or all."""
        client = self.client("application-autoscaling")
        params: Json = {"ServiceNamespace": namespace}
        if resource_id is not None:
            params["ResourceId"] = resource_id
        policies: list[Json] = client.describe_scaling_policies(**params)["ScalingPolicies"]
        return policies

    def scheduled_actions(self, namespace: str = "sagemaker") -> list[Json]:
        """Every scheduled scaling action of ``namespace``."""
        client = self.client("application-autoscaling")
        actions: list[Json] = client.describe_scheduled_actions(ServiceNamespace=namespace)[
            "ScheduledActions"
        ]
        return actions

    def alarms(self) -> list[Json]:
        """Every CloudWatch metric alarm."""
        found: list[Json] = self.client("cloudwatch").describe_alarms()["MetricAlarms"]
        return found

    def role_policies(self, role_name: str) -> dict[str, Any]:
        """Return the inline policies of a role, ``{policy name: parsed document}``."""
        iam = self.client("iam")
        names = iam.list_role_policies(RoleName=role_name)["PolicyNames"]
        result: dict[str, Any] = {}
        for name in names:
            document = iam.get_role_policy(RoleName=role_name, PolicyName=name)["PolicyDocument"]
            result[name] = json.loads(document) if isinstance(document, str) else document
        return result

    def attached_role_policies(self, role_name: str) -> list[str]:
        """List the ARNs of the managed policies attached to a role."""
        attached = self.client("iam").list_attached_role_policies(RoleName=role_name)
        return sorted(p["PolicyArn"] for p in attached["AttachedPolicies"])

    def bucket_objects(self, bucket: str) -> dict[str, bytes]:
        """Every object of a bucket, ``{key: bytes}``."""
        s3 = self.client("s3")
        listed = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
        return {o["Key"]: s3.get_object(Bucket=bucket, Key=o["Key"])["Body"].read() for o in listed}

    def images(self, repository: str) -> list[Json]:
        """List the images of an ECR repository (digest, tags)."""
        found: list[Json] = self.client("ecr").describe_images(repositoryName=repository)[
            "imageDetails"
        ]
        return found


def _overlay(answered: Any, sent: Any) -> Any:
    """``sent`` over ``answered``: dicts merge key by key, equal-length lists item by item."""
    if isinstance(answered, dict) and isinstance(sent, dict):
        merged = dict(answered)
        for key, value in sent.items():
            merged[key] = _overlay(answered.get(key), value)
        return merged
    if isinstance(answered, list) and isinstance(sent, list) and len(answered) == len(sent):
        return [_overlay(a, s) for a, s in zip(answered, sent, strict=True)]
    return sent


@dataclass(frozen=True)
class EmulatedStack:
    """A Pulumi stack wired to an :class:`AwsEmulator`, with its registration recorder."""

    emulator: AwsEmulator
    """The emulated AWS account (live state queries)."""
    recorder: RecordingMonitor
    """Every registration the program made, with the emulator's outputs."""

    def run(self, program: Callable[[], Any]) -> None:
        """Run ``program`` as the stack's Pulumi program (errors are re-raised)."""
        run(program)


@contextlib.contextmanager
def emulated_stack(
    *,
    account_id: str = "123456789012",
    region: str = "us-east-1",
    project: str = "project",
    stack: str = "stack",
    config: Mapping[str, str] | None = None,
) -> Iterator[EmulatedStack]:
    """Start a fresh emulator, install it as the stack's mocks, yield both; stop at the end.

    An ``aws:region`` in ``config`` is the emulated region (it must agree with ``region`` when
    both are given), so invokes, ARNs and the provider see one region.
    """
    configured = (config or {}).get("aws:region")
    if configured and region not in ("us-east-1", configured):
        raise ValueError(
            f"emulated_stack: region {region!r} and config aws:region {configured!r} disagree"
        )
    region = configured or region
    with (
        AwsEmulator(account_id=account_id, region=region) as emulator,
        mocked_stack(emulator, project=project, stack=stack, config=config) as recorder,
    ):
        yield EmulatedStack(emulator, recorder)
