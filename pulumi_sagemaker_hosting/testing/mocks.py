"""Mocks that answer like AWS would: auto-names with a suffix, ARNs, URLs and digests.

Mocks that only echo their inputs let garbage pass (an ARN of ``None`` in a policy, say), so
:class:`AwsMocks` returns every output our components read, shaped like the real provider's,
and refuses invokes it cannot answer instead of returning empty fields.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

import pulumi
from pulumi.runtime.mocks import MockCallArgs, MockResourceArgs

from .recorder import unwrap_secrets

Outputs = dict[str, Any]


def _suffix(*parts: str) -> str:
    """A stable pseudo-random 7-hex suffix, as Pulumi's auto-naming would add."""
    return hashlib.sha256("/".join(parts).encode()).hexdigest()[:7]


class AwsMocks(pulumi.runtime.Mocks):
    """Realistic canned outputs for every resource type and invoke the package uses.

    Args:
        account_id: the account in every ARN.
        region: the region in every ARN and URL.
        partition: ``aws``, ``aws-cn`` or ``aws-us-gov``.
    """

    def __init__(
        self, account_id: str = "123456789012", region: str = "us-east-1", partition: str = "aws"
    ) -> None:
        self.account_id = account_id
        self.region = region
        self.partition = partition
        self.url_suffix = "amazonaws.com.cn" if partition == "aws-cn" else "amazonaws.com"
        self._resources: dict[str, Callable[[MockResourceArgs], tuple[str, Outputs]]] = {
            "aws:sagemaker/model:Model": self._sagemaker("model"),
            "aws:sagemaker/endpointConfiguration:EndpointConfiguration": self._sagemaker(
                "endpoint-config"
            ),
            "aws:sagemaker/endpoint:Endpoint": self._sagemaker("endpoint"),
            "aws-native:sagemaker:InferenceComponent": self._inference_component,
            "aws:iam/role:Role": self._iam_role,
            "aws:iam/rolePolicy:RolePolicy": self._role_policy,
            "aws:iam/policy:Policy": self._iam_policy,
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment": self._echo_with_id,
            "aws:s3/bucket:Bucket": self._bucket,
            "aws:s3/bucketObjectv2:BucketObjectv2": self._bucket_object,
            "aws:ecr/repository:Repository": self._repository,
            "aws:ecr/lifecyclePolicy:LifecyclePolicy": self._echo_with_id,
            "docker-build:index:Image": self._image,
            "aws:appautoscaling/target:Target": self._scalable_target,
            "aws:appautoscaling/policy:Policy": self._scaling_policy,
            "aws:appautoscaling/scheduledAction:ScheduledAction": self._scheduled_action,
            "aws:cloudwatch/metricAlarm:MetricAlarm": self._alarm,
            "aws:kms/key:Key": self._kms_key,
            "aws:sns/topic:Topic": self._topic,
        }
        self._calls: dict[str, Callable[[dict[str, Any]], Outputs]] = {
            "aws:index/getCallerIdentity:getCallerIdentity": lambda _: {
                "accountId": self.account_id,
                "arn": f"arn:{self.partition}:iam::{self.account_id}:user/test",
                "userId": "AIDATESTUSER",
                "id": self.account_id,
            },
            "aws:index/getRegion:getRegion": lambda _: {
                "name": self.region,
                "region": self.region,
                "id": self.region,
                "endpoint": f"ec2.{self.region}.{self.url_suffix}",
                "description": self.region,
            },
            "aws:index/getPartition:getPartition": lambda _: {
                "partition": self.partition,
                "dnsSuffix": self.url_suffix,
                "reverseDnsPrefix": "com.amazonaws",
                "id": self.partition,
            },
            "aws:ecr/getAuthorizationToken:getAuthorizationToken": lambda args: {
                "userName": "AWS",
                "password": "mock-ecr-password",
                "authorizationToken": "QVdTOm1vY2stZWNyLXBhc3N3b3Jk",
                "proxyEndpoint": f"https://{self._registry()}",
                "expiresAt": "2030-01-01T00:00:00Z",
                "registryId": args.get("registryId") or self.account_id,
                "id": self.region,
            },
            "aws:ec2/getSubnet:getSubnet": self._subnet_lookup,
        }

    # pulumi.runtime.Mocks --------------------------------------------------------------------

    def new_resource(self, args: MockResourceArgs) -> tuple[str | None, Outputs]:
        """Answer a registration with realistic outputs merged over the inputs."""
        if not args.custom:
            return "", {}
        handler = self._resources.get(args.typ, self._echo_with_id)
        resource_id, outputs = handler(args)
        return resource_id, {**args.inputs, **outputs}

    def call(self, args: MockCallArgs) -> tuple[Outputs, list[tuple[str, str]] | None]:
        """Answer a known invoke; an unknown one fails loudly instead of returning nothing."""
        handler = self._calls.get(args.token)
        if handler is None:
            raise NotImplementedError(f"AwsMocks has no answer for invoke {args.token!r}")
        return handler(dict(args.args)), []

    # Helpers -----------------------------------------------------------------------------------

    def _subnet_lookup(self, args: dict[str, Any]) -> Outputs:
        # Any subnet id resolves, in a VPC named after it (deterministic, like the rest).
        subnet = str(args.get("id") or "subnet-0")
        return {
            "id": subnet,
            "vpcId": f"vpc-{_suffix(subnet)}",
            "arn": self._arn("ec2", f"subnet/{subnet}"),
            "availabilityZone": f"{self.region}a",
            "cidrBlock": "10.0.0.0/24",
        }

    def _arn(self, service: str, resource: str, region: bool = True, account: bool = True) -> str:
        return (
            f"arn:{self.partition}:{service}:{self.region if region else ''}:"
            f"{self.account_id if account else ''}:{resource}"
        )

    def _registry(self) -> str:
        return f"{self.account_id}.dkr.ecr.{self.region}.{self.url_suffix}"

    @staticmethod
    def _auto_name(args: MockResourceArgs, limit: int = 63) -> str:
        # A name given as a secret arrives in Pulumi's secret envelope: the name is its value.
        given = unwrap_secrets(args.inputs.get("name"))
        if given:
            return str(given)
        prefix = unwrap_secrets(args.inputs.get("namePrefix"))
        if prefix:
            return f"{prefix}{_suffix(args.typ, args.name, 'prefix')}"[:limit]
        return f"{args.name}-{_suffix(args.typ, args.name)}"[:limit]

    def _echo_with_id(self, args: MockResourceArgs) -> tuple[str, Outputs]:
        return f"{args.name}-{_suffix(args.typ, args.name)}", {}

    def _sagemaker(self, kind: str) -> Callable[[MockResourceArgs], tuple[str, Outputs]]:
        def handler(args: MockResourceArgs) -> tuple[str, Outputs]:
            name = self._auto_name(args)
            return name, {"name": name, "arn": self._arn("sagemaker", f"{kind}/{name.lower()}")}

        return handler

    def _inference_component(self, args: MockResourceArgs) -> tuple[str, Outputs]:
        # aws-native's id is the ARN (CloudFormation's primary identifier); SageMaker reports
        # a component InService with its copies placed.
        name = str(args.inputs.get("inferenceComponentName") or self._auto_name(args))
        arn = self._arn("sagemaker", f"inference-component/{name.lower()}")
        copies = (args.inputs.get("runtimeConfig") or {}).get("copyCount", 1)
        return arn, {
            "inferenceComponentName": name,
            "inferenceComponentArn": arn,
            "inferenceComponentStatus": "InService",
            "endpointArn": self._arn("sagemaker", f"endpoint/{args.inputs.get('endpointName')}"),
            "creationTime": "2026-01-01T00:00:00Z",
            "lastModifiedTime": "2026-01-01T00:00:00Z",
            "runtimeConfig": {
                "copyCount": copies,
                "currentCopyCount": copies,
                "desiredCopyCount": copies,
            },
        }

    def _iam_role(self, args: MockResourceArgs) -> tuple[str, Outputs]:
        name = self._auto_name(args, 64)
        path = args.inputs.get("path") or "/"
        return name, {
            "name": name,
            "arn": self._arn("iam", f"role{path}{name}", region=False),
            "uniqueId": "AROA" + _suffix(name).upper() * 2,
            "path": path,
        }

    def _role_policy(self, args: MockResourceArgs) -> tuple[str, Outputs]:
        name = self._auto_name(args, 128)
        return f"{args.inputs.get('role')}:{name}", {"name": name}

    def _iam_policy(self, args: MockResourceArgs) -> tuple[str, Outputs]:
        name = self._auto_name(args, 128)
        arn = self._arn("iam", f"policy/{name}", region=False)
        return arn, {"name": name, "arn": arn, "policyId": "ANPA" + _suffix(name).upper()}

    def _bucket(self, args: MockResourceArgs) -> tuple[str, Outputs]:
        bucket = args.inputs.get("bucket") or f"{args.name}-{_suffix(args.typ, args.name)}"
        bucket = str(bucket).lower()
        return bucket, {
            "bucket": bucket,
            "arn": f"arn:{self.partition}:s3:::{bucket}",
            "bucketDomainName": f"{bucket}.s3.{self.url_suffix}",
            "bucketRegionalDomainName": f"{bucket}.s3.{self.region}.{self.url_suffix}",
            "region": self.region,
        }

    def _bucket_object(self, args: MockResourceArgs) -> tuple[str, Outputs]:
        key = str(args.inputs.get("key") or args.name)
        etag = hashlib.md5(
            json.dumps(args.inputs, sort_keys=True, default=str).encode()
        ).hexdigest()
        return key, {"key": key, "etag": etag, "versionId": ""}

    def _repository(self, args: MockResourceArgs) -> tuple[str, Outputs]:
        name = str(args.inputs.get("name") or f"{args.name}-{_suffix(args.typ, args.name)}").lower()
        return name, {
            "name": name,
            "arn": self._arn("ecr", f"repository/{name}"),
            "registryId": self.account_id,
            "repositoryUrl": f"{self._registry()}/{name}",
        }

    def _image(self, args: MockResourceArgs) -> tuple[str, Outputs]:
        digest = (
            "sha256:"
            + hashlib.sha256(
                json.dumps(args.inputs, sort_keys=True, default=str).encode()
            ).hexdigest()
        )
        tags = args.inputs.get("tags") or []
        first = str(tags[0]) if tags else f"{self._registry()}/{args.name}:latest"
        return digest, {"digest": digest, "ref": f"{first}@{digest}"}

    def _scalable_target(self, args: MockResourceArgs) -> tuple[str, Outputs]:
        rid = str(args.inputs.get("resourceId"))
        return rid, {
            "arn": self._arn(
                "application-autoscaling", f"scalable-target/{_suffix(rid)}{_suffix(rid, 'x')}"
            ),
            "roleArn": self._arn(
                "iam",
                "role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/"
                "AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint",
                region=False,
            ),
        }

    def _scaling_policy(self, args: MockResourceArgs) -> tuple[str, Outputs]:
        name = self._auto_name(args, 256)
        rid = args.inputs.get("resourceId")
        arn = self._arn(
            "autoscaling",
            f"scalingPolicy:{_suffix(name)}-0000-4000-8000-{_suffix(name, 'p')}00000:"
            f"resource/sagemaker/{rid}:policyName/{name}",
        )
        return name, {"name": name, "arn": arn, "alarmArns": []}

    def _scheduled_action(self, args: MockResourceArgs) -> tuple[str, Outputs]:
        name = self._auto_name(args, 256)
        arn = self._arn(
            "autoscaling",
            f"scheduledAction:{_suffix(name)}:resource/sagemaker/"
            f"{args.inputs.get('resourceId')}:scheduledActionName/{name}",
        )
        return name, {"name": name, "arn": arn}

    def _alarm(self, args: MockResourceArgs) -> tuple[str, Outputs]:
        name = self._auto_name(args, 255)
        return name, {"name": name, "arn": self._arn("cloudwatch", f"alarm:{name}")}

    def _kms_key(self, args: MockResourceArgs) -> tuple[str, Outputs]:
        key_id = f"{_suffix(args.name)}0-0000-4000-8000-{_suffix(args.name, 'k')}00000"
        return key_id, {"keyId": key_id, "arn": self._arn("kms", f"key/{key_id}")}

    def _topic(self, args: MockResourceArgs) -> tuple[str, Outputs]:
        name = self._auto_name(args, 256)
        arn = self._arn("sns", name)
        return arn, {"name": name, "arn": arn}
