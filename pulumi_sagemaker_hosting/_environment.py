"""The account, region and partition a component deploys into, looked up once per provider.

Lookups are invokes parented to the component, so a caller's ``provider=`` (another region or
account) reaches them exactly as it reaches the component's children.

Strings built from the environment alone (ARNs, ECR URIs) are the same for every component
sharing a provider: each is built once, as one ``apply``, and shared (graph-building time
grows with every Output a program creates; see ``docs/benchmarks.md``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar

import pulumi
import pulumi_aws as aws

T = TypeVar("T")


class EnvironmentValues(NamedTuple):
    """The resolved environment, as :meth:`AwsEnvironment.derived` hands it to its renderer."""

    account_id: str
    region: str
    partition: str
    url_suffix: str


@dataclass(frozen=True)
class AwsEnvironment:
    """Where a component's resources live."""

    account_id: pulumi.Output[str]
    region: pulumi.Output[str]
    partition: pulumi.Output[str]
    url_suffix: pulumi.Output[str]
    """``amazonaws.com``, or ``amazonaws.com.cn`` in China."""
    _memo: dict[Hashable, tuple[Any, Any]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def memo(self, key: Hashable, build: Callable[[], T], *keep: object) -> T:
        """``build()`` once per environment and ``key``, then the same value.

        ``keep`` holds objects whose ``id()`` is part of ``key`` alive as long as the entry.
        """
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = (keep, build())
        value: T = found[1]
        return value

    def values(self) -> pulumi.Output[EnvironmentValues]:
        """The four values, resolved together (one Output per environment)."""
        return self.memo(
            ("values",),
            lambda: pulumi.Output.all(
                self.account_id, self.region, self.partition, self.url_suffix
            ).apply(lambda v: EnvironmentValues(*v)),
        )

    def derived(
        self, key: Hashable, render: Callable[[EnvironmentValues], str]
    ) -> pulumi.Output[str]:
        """``render`` of the resolved environment: one Output per environment and ``key``."""
        return self.memo(("derived", key), lambda: self.values().apply(render))

    def arn(self, service: str, resource: str, *, region: bool = True) -> pulumi.Output[str]:
        """``arn:<partition>:<service>:<region>:<account>:<resource>``."""
        return self.derived(
            ("arn", service, resource, region),
            lambda e: (
                f"arn:{e.partition}:{service}:{e.region if region else ''}:"
                f"{e.account_id}:{resource}"
            ),
        )


# The attribute of the program's root resource caching lookups per AWS provider: three
# invokes per component dominated graph building for stacks with many endpoints.
_CACHE = "_sagemaker_hosting_environments"


def lookup(parent: pulumi.Resource | None = None) -> AwsEnvironment:
    """Look up the environment of ``parent`` (its provider's account, region and partition).

    One lookup per AWS provider per program: components sharing a provider (the default one,
    or the same explicit ``provider=``) share the answer.
    """
    provider = parent._providers.get("aws") if parent is not None else None
    root = pulumi.runtime.get_root_resource()
    cache: dict[int | None, AwsEnvironment] = (
        root.__dict__.setdefault(_CACHE, {}) if root is not None else {}
    )
    key = id(provider) if provider is not None else None
    if key not in cache:
        opts = pulumi.InvokeOutputOptions(parent=parent) if parent is not None else None
        identity = aws.get_caller_identity_output(opts=opts)
        region = aws.get_region_output(opts=opts)
        partition = aws.get_partition_output(opts=opts)
        cache[key] = AwsEnvironment(
            account_id=identity.account_id,
            region=region.region,
            partition=partition.partition,
            url_suffix=partition.dns_suffix,
        )
    return cache[key]


def configured_region() -> str | None:
    """The region known at program time (``aws:region`` config or the AWS env vars), if any."""
    region = pulumi.Config("aws").get("region")
    return region or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")


def url_suffix(region: str) -> str:
    """The DNS suffix of a region's endpoints."""
    if region.startswith("cn-"):
        return "amazonaws.com.cn"
    if region.startswith("us-isob-"):
        return "sc2s.sgov.gov"
    if region.startswith("us-iso-"):
        return "c2s.ic.gov"
    return "amazonaws.com"
