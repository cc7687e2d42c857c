"""A catalogue of bad inputs over every public constructor, factory and method.

Each case builds what it needs (a model, a config, an endpoint, a scalable target...), then
makes one bad call. It must raise :class:`ValidationError` (never a TypeError or
AttributeError), the message must name the argument and show the offending value, and the
call must register nothing: the registrations equal those of the same setup without the bad
call (recorded by the mocks).
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from types import FunctionType
from typing import Any

import pulumi
import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting import ValidationError
from pulumi_sagemaker_hosting.provider import HostedModel
from pulumi_sagemaker_hosting.testing import mocked_stack, run

NAN, INF = math.nan, math.inf
IMAGE = sm.ContainerImage.from_ecr_repository("repo", "v1")
C = sm.ContainerDefinition(image=IMAGE)
ARN = "arn:aws:sagemaker:us-east-1:123456789012"
TOPIC = "arn:aws:sns:us-east-1:123456789012:topic"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
M = sm.Metric("AWS/SageMaker", "Invocations", {"EndpointName": "e", "VariantName": "main"})
IPV = sm.InstanceProductionVariant
SPV = sm.ServerlessProductionVariant
BG = sm.BlueGreenDeployment
TR = sm.TrafficRouting
CS = sm.CapacitySize
SI = sm.ScalingInterval
ASG = sm.Schedule
DIR = tempfile.mkdtemp(prefix="catalogue-")  # an existing directory without a Dockerfile
TARBALL = os.path.join(DIR, "model.tar.gz")
with open(TARBALL, "wb") as _handle:
    _handle.write(b"x")


def out(value: object = "x") -> pulumi.Output[Any]:
    """An Output (built inside the program, on its event loop)."""
    return pulumi.Output.from_input(value)


@dataclass
class Ctx:
    """What a setup built."""

    model: sm.Model | None = None
    config: sm.EndpointConfig | None = None
    endpoint: sm.Endpoint | None = None
    handle: sm.EndpointProductionVariant | None = None
    scaling: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


def _model() -> Ctx:
    return Ctx(model=sm.Model("m", containers=[C]))


def _config() -> Ctx:
    ctx = _model()
    ctx.config = sm.EndpointConfig(
        "c",
        instance_production_variants=[
            IPV(ctx.model, "main", instance_type="ml.m5.large", initial_instance_count=2)  # type: ignore[arg-type]
        ],
    )
    return ctx


def _endpoint() -> Ctx:
    ctx = _config()
    ctx.endpoint = sm.Endpoint(
        "e",
        endpoint_config=ctx.config,  # type: ignore[arg-type]
        endpoint_name="e",
        deployment=BG(TR.all_at_once(wait_interval=60)),
    )
    ctx.handle = ctx.endpoint.find_production_variant("main")
    return ctx


def _scaling() -> Ctx:
    ctx = _endpoint()
    ctx.scaling = ctx.handle.auto_scale_instance_count(max_capacity=4)  # type: ignore[union-attr]
    return ctx


def _serverless() -> Ctx:
    ctx = _model()
    ctx.config = sm.EndpointConfig(
        "c",
        serverless_production_variant=SPV(
            ctx.model,  # type: ignore[arg-type]
            "main",
            max_concurrency=10,
            memory_size_in_mb=2048,
            provisioned_concurrency=2,
        ),
    )
    ctx.endpoint = sm.Endpoint("e", endpoint_config=ctx.config, endpoint_name="e")
    ctx.handle = ctx.endpoint.find_production_variant("main")
    ctx.scaling = ctx.handle.auto_scale_provisioned_concurrency(max_capacity=4)
    return ctx


SETUPS: dict[str, Callable[[], Ctx]] = {
    "none": Ctx,
    "model": _model,
    "config": _config,
    "endpoint": _endpoint,
    "scaling": _scaling,
    "serverless": _serverless,
}


@dataclass(frozen=True)
class Case:
    """One bad call: ``call(ctx)`` after ``setup``; the message names ``arg`` and ``shown``."""

    id: str
    setup: str
    call: Callable[[Ctx], object]
    arg: str
    shown: str | None


CASES: list[Case] = []


def add(id_: str, setup: str, call: Callable[[Ctx], object], arg: str, shown: str | None) -> None:
    CASES.append(Case(id_, setup, call, arg, shown))


# --- Model ----------------------------------------------------------------------------------------


def model(**kwargs: Any) -> Callable[[Ctx], object]:
    def call(ctx: Ctx) -> object:
        resolved = {k: (v() if isinstance(v, FunctionType) else v) for k, v in kwargs.items()}
        if "containers" not in resolved and "container" not in resolved:
            resolved["containers"] = [C]
        return sm.Model(resolved.pop("name", "bad"), **resolved)

    return call


def container(**kwargs: Any) -> Callable[[Ctx], object]:
    def call(ctx: Ctx) -> object:
        resolved = {k: (v() if callable(v) else v) for k, v in kwargs.items()}
        return sm.Model("bad", containers=[sm.ContainerDefinition(image=IMAGE, **resolved)])

    return call


BIG_ENV = {f"K{i}": "x" * 1000 for i in range(33)}
MANY_ENV = {f"K{i}": "x" for i in range(101)}
add("model-containers-single", "none", model(containers=C), "containers", "ContainerDefinition(")
add("model-containers-str", "none", model(containers="abc"), "containers", "'abc'")
add("model-containers-output", "none", model(containers=lambda: out([C])), "containers", "Output")
add("model-containers-empty", "none", model(containers=[]), "containers", "got 0")
add("model-containers-16", "none", model(containers=[C] * 16), "containers", "got 16")
add("model-containers-item", "none", model(containers=["nope"]), "containers[0]", "str")
add("model-extra-str", "none", model(container=C, extra_containers="x"), "extra_containers", "'x'")
add(
    "model-image-str",
    "none",
    model(containers=[sm.ContainerDefinition(image="repo")]),
    "containers[0].image",
    "'repo'",
)  # type: ignore[arg-type]
add(
    "model-data-str",
    "none",
    container(model_data="s3://b/k"),
    "containers[0].model_data",
    "'s3://b/k'",
)
add(
    "env-value-bytes",
    "none",
    container(environment={"A": "é" * 600}),
    "environment['A']",
    "1200 bytes",
)
add("env-total-bytes", "none", container(environment=BIG_ENV), "environment", "bytes in all")
add("env-list", "none", container(environment=[("A", "b")]), "environment", "[('A', 'b')]")
add("env-int-key", "none", container(environment={1: "x"}), "environment names", "1")
add("env-bad-key", "none", container(environment={"1BAD": "x"}), "environment name", "'1BAD'")
add("env-int-value", "none", container(environment={"A": 5}), "environment['A']", "5")
add("env-output", "none", container(environment=lambda: out({"A": "b"})), "environment", "Output")
add("env-101", "none", container(environment=MANY_ENV), "environment", "got 101")
add("env-key-bytes", "none", container(environment={"K" * 1025: "x"}), "environment name", "1025")
add(
    "hostname-output",
    "none",
    container(container_hostname=lambda: out("h")),
    "container_hostname",
    "Output",
)
add(
    "hostname-underscore",
    "none",
    container(container_hostname="bad_host"),
    "container_hostname",
    "'bad_host'",
)
add("hostname-int", "none", container(container_hostname=5), "container_hostname", "5")
add(
    "mode-unknown",
    "none",
    model(inference_execution_mode="Parallel"),
    "inference_execution_mode",
    "'Parallel'",
)
add("mode-int", "none", model(inference_execution_mode=1), "inference_execution_mode", "1")
VPC = {"security_group_ids": ["sg-1"]}
add("subnets-str", "none", model(vpc_subnet_ids="subnet-1", **VPC), "vpc_subnet_ids", "'subnet-1'")
add(
    "sgs-str",
    "none",
    model(vpc_subnet_ids=["subnet-1"], security_group_ids="sg-1"),
    "security_group_ids",
    "'sg-1'",
)
add("subnets-empty", "none", model(vpc_subnet_ids=[], **VPC), "vpc_subnet_ids", "got 0")
add("subnets-17", "none", model(vpc_subnet_ids=["s-1"] * 17, **VPC), "vpc_subnet_ids", "got 17")
add(
    "sgs-6",
    "none",
    model(vpc_subnet_ids=["s-1"], security_group_ids=["sg-1"] * 6),
    "security_group_ids",
    "got 6",
)
add(
    "subnet-underscore",
    "none",
    model(vpc_subnet_ids=["subnet_1"], **VPC),
    "vpc_subnet_ids[0]",
    "'subnet_1'",
)
add(
    "sg-long",
    "none",
    model(vpc_subnet_ids=["s-1"], security_group_ids=["sg-" + "a" * 40]),
    "security_group_ids[0]",
    "sg-aaa",
)
add("subnets-int", "none", model(vpc_subnet_ids=[5], **VPC), "vpc_subnet_ids[0]", "5")
add(
    "role-bad-account",
    "none",
    model(role="arn:aws:iam::123:role/x"),
    "role",
    "'arn:aws:iam::123:role/x'",
)
add("role-empty", "none", model(role=""), "role", "''")
add("role-int", "none", model(role=123), "role", "123")
add("role-long-name", "none", model(role="r" * 65), "role", "rrrr")
add("role-not-iam", "none", model(role="arn:aws:s3:::bucket"), "role", "'arn:aws:s3:::bucket'")
add("isolation-str", "none", model(network_isolation="yes"), "network_isolation", "'yes'")
add(
    "isolation-output",
    "none",
    model(network_isolation=lambda: out(True)),
    "network_isolation",
    "Output",
)
add("model-name-output", "none", model(model_name=lambda: out("m")), "model_name", "Output")
add("model-name-underscore", "none", model(model_name="bad_name"), "model_name", "'bad_name'")
add("model-name-long", "none", model(model_name="a" * 60), "model_name", "aaaa")
add("model-tags-aws", "none", model(tags={"aws:team": "x"}), "tags key", "'aws:team'")
add("model-tags-AWS", "none", model(tags={"AWS:team": "x"}), "tags key", "'AWS:team'")
add("model-tags-51", "none", model(tags={f"k{i}": "v" for i in range(51)}), "tags", "got 51")
add("model-tags-key-129", "none", model(tags={"k" * 129: "v"}), "tags key", "kkkk")
add("model-tags-value-257", "none", model(tags={"k": "v" * 257}), "tags['k']", "vvvv")
add("model-tags-char", "none", model(tags={"bad#key": "v"}), "tags key", "'bad#key'")
add("model-tags-output", "none", model(tags=lambda: out({"k": "v"})), "tags", "Output")
add("model-tags-list", "none", model(tags=["a"]), "tags", "['a']")
add("model-tags-int-value", "none", model(tags={"k": 5}), "tags['k']", "5")
add("model-tags-empty-key", "none", model(tags={"": "v"}), "tags key", "''")
add("model-name-not-latin1", "none", model(name="模型"), "name", "模型")
add(
    "model-hostnames-dup",
    "none",
    model(containers=[sm.ContainerDefinition(IMAGE, container_hostname="a")] * 2),
    "container_hostname",
    "['a', 'a']",
)

# Model methods and imports.
add("policy-str", "model", lambda c: c.model.add_to_role_policy("x"), "statement", "'x'")  # type: ignore[union-attr, arg-type]
add(
    "policy-effect",
    "model",
    lambda c: c.model.add_to_role_policy({"Effect": "Maybe", "Action": [], "Resource": []}),
    "Effect",
    "'Maybe'",
)  # type: ignore[union-attr]
add(
    "policy-no-action",
    "model",
    lambda c: c.model.add_to_role_policy({"Effect": "Allow", "Resource": []}),
    "Action",
    "'Effect': 'Allow'",
)  # type: ignore[union-attr]
add("grant-suffix-int", "model", lambda c: c.model.grant(5, []), "suffix", "5")  # type: ignore[union-attr, arg-type]
add("grant-statements-str", "model", lambda c: c.model.grant("s", "x"), "statements", "'x'")  # type: ignore[union-attr, arg-type]
add(
    "model-by-name-underscore",
    "none",
    lambda c: sm.Model.from_model_name("bad_name"),
    "model_name",
    "'bad_name'",
)
add("model-by-name-int", "none", lambda c: sm.Model.from_model_name(5), "model_name", "5")  # type: ignore[arg-type]
add(
    "model-by-name-output",
    "none",
    lambda c: sm.Model.from_model_name(out("m")),
    "model_name",
    "Output",
)  # type: ignore[arg-type]
add(
    "model-arn-no-name",
    "none",
    lambda c: sm.Model.from_model_arn(f"{ARN}:model/"),
    "model_arn",
    ":model/'",
)
add(
    "model-arn-no-region",
    "none",
    lambda c: sm.Model.from_model_arn("arn:aws:sagemaker::123456789012:model/m"),
    "model_arn",
    "sagemaker::",
)
add(
    "model-arn-short-account",
    "none",
    lambda c: sm.Model.from_model_arn("arn:aws:sagemaker:us-east-1:12345:model/m"),
    "model_arn",
    ":12345:",
)
add(
    "model-arn-endpoint",
    "none",
    lambda c: sm.Model.from_model_arn(f"{ARN}:endpoint/m"),
    "model_arn",
    "endpoint/m",
)
add("model-arn-none", "none", lambda c: sm.Model.from_model_arn(None), "model_arn", "None")  # type: ignore[arg-type]
add(
    "model-arn-bad-name",
    "none",
    lambda c: sm.Model.from_model_arn(f"{ARN}:model/bad_name"),
    "model_arn",
    "bad_name",
)

# --- Images and model data ------------------------------------------------------------------------

ECR = sm.ContainerImage.from_ecr_repository
add("ecr-tag-none", "none", lambda c: ECR("repo", None), "tag", "None")  # type: ignore[arg-type]
add("ecr-repo-none", "none", lambda c: ECR(None), "repository", "NoneType")  # type: ignore[arg-type]
add("ecr-repo-upper", "none", lambda c: ECR("Bad/Repo"), "repository", "'Bad/Repo'")
add("ecr-repo-long", "none", lambda c: ECR("r" * 257), "repository", "rrrr")
add("ecr-repo-output", "none", lambda c: ECR(out("repo")), "repository", "Output")  # type: ignore[arg-type]
add("ecr-tag-dash", "none", lambda c: ECR("repo", "-bad"), "tag", "'-bad'")
add("ecr-tag-long", "none", lambda c: ECR("repo", "t" * 129), "tag", "tttt")
add("ecr-tag-int", "none", lambda c: ECR("repo", 5), "tag", "5")  # type: ignore[arg-type]
add("ecr-digest-short", "none", lambda c: ECR("repo", "sha256:abc"), "tag", "'sha256:abc'")
add("ecr-uri-256", "none", lambda c: ECR("r" * 208, "v1"), "repository and tag", "256 characters")
ASSET = sm.ContainerImage.from_asset
add("asset-none", "none", lambda c: ASSET(None), "directory", "None")  # type: ignore[arg-type]
add("asset-missing", "none", lambda c: ASSET("/nonexistent-dir"), "directory", "'/nonexistent-dir'")
add("asset-no-dockerfile", "none", lambda c: ASSET(DIR), "dockerfile", "Dockerfile'")
add(
    "asset-platform",
    "none",
    lambda c: ASSET(DIR, platform="windows/amd64"),
    "platform",
    "'windows/amd64'",
)
add(
    "asset-build-args",
    "none",
    lambda c: ASSET(DIR, build_args=[("a", "b")]),
    "build_args",
    "[('a', 'b')]",
)  # type: ignore[arg-type]
add("asset-repository-str", "none", lambda c: ASSET(DIR, repository="repo"), "repository", "str")  # type: ignore[arg-type]
add("asset-int", "none", lambda c: ASSET(5), "directory", "5")  # type: ignore[arg-type]
DLC = sm.ContainerImage.from_dlc
add(
    "dlc-account-int",
    "none",
    lambda c: DLC("pytorch-inference", "2.1", account_id=123456789012),
    "account_id",
    "123456789012",
)  # type: ignore[arg-type]
add(
    "dlc-account-short",
    "none",
    lambda c: DLC("pytorch-inference", "2.1", account_id="12345"),
    "account_id",
    "'12345'",
)
add("dlc-repo-space", "none", lambda c: DLC("Bad Repo", "t"), "repository_name", "'Bad Repo'")
add("dlc-repo-none", "none", lambda c: DLC(None, "t"), "repository_name", "None")  # type: ignore[arg-type]
add("dlc-tag-none", "none", lambda c: DLC("pytorch-inference", None), "tag", "None")  # type: ignore[arg-type]
add("dlc-uri-256", "none", lambda c: DLC("r" * 208, "v1"), "repository_name and tag", "rrr:v1")
URI = sm.ContainerImage.from_uri
add("uri-256", "none", lambda c: URI("x" * 256), "uri", "256 characters")
add("uri-space", "none", lambda c: URI("has space"), "uri", "'has space'")
add("uri-empty", "none", lambda c: URI(""), "uri", "''")
add("uri-none", "none", lambda c: URI(None), "uri", "None")  # type: ignore[arg-type]
add("uri-int", "none", lambda c: URI(5), "uri", "5")  # type: ignore[arg-type]
BUCKET = sm.ModelData.from_bucket
add("bucket-key-none", "none", lambda c: BUCKET("bucket", None), "key", "None")  # type: ignore[arg-type]
add("bucket-name-underscore", "none", lambda c: BUCKET("Bad_Bucket", "k"), "bucket", "'Bad_Bucket'")
add("bucket-none", "none", lambda c: BUCKET(None, "k"), "bucket", "NoneType")  # type: ignore[arg-type]
add("bucket-key-slash", "none", lambda c: BUCKET("bucket", "/k"), "key", "'/k'")
add("bucket-key-trailing", "none", lambda c: BUCKET("bucket", "k/"), "key", "'k/'")
add(
    "bucket-url-1024",
    "none",
    lambda c: BUCKET("bucket", "k" * 1020),
    "model data URL",
    "1032 characters",
)
add("bucket-key-int", "none", lambda c: BUCKET("bucket", 5), "key", "5")  # type: ignore[arg-type]
add("bucket-output", "none", lambda c: BUCKET(out("b"), "k"), "bucket", "Output")  # type: ignore[arg-type]
S3URI = sm.ModelData.from_s3_uri
add("s3uri-none", "none", lambda c: S3URI(None), "uri", "None")  # type: ignore[arg-type]
add("s3uri-http", "none", lambda c: S3URI("http://b/k"), "uri", "'http://b/k'")
add("s3uri-no-key", "none", lambda c: S3URI("s3://bucket"), "uri", "'s3://bucket'")
add("s3uri-output", "none", lambda c: S3URI(out("s3://b/k")), "uri", "Output")  # type: ignore[arg-type]
add(
    "s3uri-long",
    "none",
    lambda c: S3URI("s3://bucket/" + "k" * 1020),
    "model data URL",
    "1032 characters",
)
DATA_ASSET = sm.ModelData.from_asset
add("data-asset-none", "none", lambda c: DATA_ASSET(None), "path", "None")  # type: ignore[arg-type]
add("data-asset-zip", "none", lambda c: DATA_ASSET("model.zip"), "path", "'model.zip'")
add(
    "data-asset-missing",
    "none",
    lambda c: DATA_ASSET("/nonexistent.tar.gz"),
    "path",
    "'/nonexistent.tar.gz'",
)
add("data-asset-bucket-str", "none", lambda c: DATA_ASSET(TARBALL, bucket="b"), "bucket", "str")  # type: ignore[arg-type]

# --- Instance types -------------------------------------------------------------------------------

OF = sm.InstanceType.of
add("of-typo", "none", lambda c: OF("ml.m5.lrge"), "instance_type", "'ml.m5.lrge'")
add("of-t3", "none", lambda c: OF("ml.t3.medium"), "instance_type", "'ml.t3.medium'")
add("of-int", "none", lambda c: OF(5), "instance_type", "5")  # type: ignore[arg-type]
add(
    "of-unchecked-prefix",
    "none",
    lambda c: OF("m5.large", check=False),
    "instance_type",
    "'m5.large'",
)

# --- Variants, through an endpoint config ---------------------------------------------------------


def ipv(**kwargs: Any) -> Callable[[Ctx], object]:
    def call(ctx: Ctx) -> object:
        resolved = {k: (v() if callable(v) else v) for k, v in kwargs.items()}
        resolved.setdefault("variant_name", "v")
        variant = IPV(model=resolved.pop("model", ctx.model), **resolved)
        return sm.EndpointConfig("bad", instance_production_variants=[variant])

    return call


def spv(**kwargs: Any) -> Callable[[Ctx], object]:
    def call(ctx: Ctx) -> object:
        options = {"max_concurrency": 10, "memory_size_in_mb": 2048, **kwargs}
        variant = SPV(ctx.model, "sv", **options)  # type: ignore[arg-type]
        return sm.EndpointConfig("bad", serverless_production_variant=variant)

    return call


add("type-t3", "model", ipv(instance_type="ml.t3.medium"), "instance_type", "'ml.t3.medium'")
add("type-typo", "model", ipv(instance_type="ml.m5.lrge"), "instance_type", "closest: ml.m5.large")
add(
    "type-output", "model", ipv(instance_type=lambda: out("ml.m5.large")), "instance_type", "Output"
)
add("type-none", "model", ipv(instance_type=None), "instance_type", "None")
add("type-no-prefix", "model", ipv(instance_type="m5.large"), "instance_type", "'m5.large'")
add("count-zero", "model", ipv(initial_instance_count=0), "initial_instance_count", "got 0")
add(
    "count-2-31", "model", ipv(initial_instance_count=2**31), "initial_instance_count", "2147483648"
)
add("count-bool", "model", ipv(initial_instance_count=True), "initial_instance_count", "True")
add("count-nan", "model", ipv(initial_instance_count=NAN), "initial_instance_count", "nan")
add("count-str", "model", ipv(initial_instance_count="2"), "initial_instance_count", "'2'")
add("count-fraction", "model", ipv(initial_instance_count=1.5), "initial_instance_count", "1.5")
add(
    "count-output",
    "model",
    ipv(initial_instance_count=lambda: out(1)),
    "initial_instance_count",
    "Output",
)
add("weight-nan", "model", ipv(initial_variant_weight=NAN), "initial_variant_weight", "nan")
add("weight-inf", "model", ipv(initial_variant_weight=INF), "initial_variant_weight", "inf")
add("weight-negative", "model", ipv(initial_variant_weight=-1), "initial_variant_weight", "-1")
add("weight-str", "model", ipv(initial_variant_weight="1"), "initial_variant_weight", "'1'")
add("weight-bool", "model", ipv(initial_variant_weight=True), "initial_variant_weight", "True")
add(
    "accelerator-unknown",
    "model",
    ipv(accelerator_type="ml.eia3.medium"),
    "accelerator_type",
    "'ml.eia3.medium'",
)
add("accelerator-int", "model", ipv(accelerator_type=5), "accelerator_type", "5")
HEALTH = "container_startup_health_check_timeout"
add("health-59", "model", ipv(**{HEALTH: 59}), HEALTH, "got 59")
add("health-3601", "model", ipv(**{HEALTH: 3601}), HEALTH, "got 3601")
add("health-bool", "model", ipv(**{HEALTH: True}), HEALTH, "True")
add(
    "download-nan",
    "model",
    ipv(model_data_download_timeout=NAN),
    "model_data_download_timeout",
    "nan",
)
add(
    "download-4000",
    "model",
    ipv(model_data_download_timeout=4000),
    "model_data_download_timeout",
    "4000",
)
add("volume-0", "model", ipv(volume_size_in_gb=0), "volume_size_in_gb", "got 0")
add("volume-513", "model", ipv(volume_size_in_gb=513), "volume_size_in_gb", "513")
add("volume-huge", "model", ipv(volume_size_in_gb=2**40), "volume_size_in_gb", str(2**40))
add("variant-name-underscore", "model", ipv(variant_name="bad_name"), "variant_name", "'bad_name'")
add("variant-name-empty", "model", ipv(variant_name=""), "variant_name", "''")
add("variant-name-int", "model", ipv(variant_name=5), "variant_name", "5")
add("variant-name-output", "model", ipv(variant_name=lambda: out("v")), "variant_name", "Output")
add("variant-name-64", "model", ipv(variant_name="a" * 64), "variant_name", "aaaa")
add("variant-model-str", "model", ipv(model="m"), "model", "str")
add("sv-concurrency-0", "model", spv(max_concurrency=0), "max_concurrency", "got 0")
add("sv-concurrency-201", "model", spv(max_concurrency=201), "max_concurrency", "201")
add("sv-concurrency-bool", "model", spv(max_concurrency=True), "max_concurrency", "True")
add("sv-concurrency-nan", "model", spv(max_concurrency=NAN), "max_concurrency", "nan")
add("sv-memory-1000", "model", spv(memory_size_in_mb=1000), "memory_size_in_mb", "1000")
add("sv-memory-bool", "model", spv(memory_size_in_mb=True), "memory_size_in_mb", "True")
add("sv-provisioned-0", "model", spv(provisioned_concurrency=0), "provisioned_concurrency", "got 0")
add(
    "sv-provisioned-300",
    "model",
    spv(provisioned_concurrency=300),
    "provisioned_concurrency",
    "300",
)
add(
    "sv-provisioned-above-max",
    "model",
    spv(max_concurrency=2, provisioned_concurrency=5),
    "provisioned_concurrency",
    "got 5",
)
add("sv-weight-nan", "model", spv(initial_variant_weight=NAN), "initial_variant_weight", "nan")

# --- EndpointConfig -------------------------------------------------------------------------------


def config(**kwargs: Any) -> Callable[[Ctx], object]:
    def call(ctx: Ctx) -> object:
        resolved = {k: (v(ctx) if callable(v) else v) for k, v in kwargs.items()}
        if not {"instance_production_variants", "serverless_production_variant",
                "production_variant"} & set(resolved):  # fmt: skip
            resolved["instance_production_variants"] = [
                IPV(ctx.model, "v", instance_type="ml.m5.large")  # type: ignore[arg-type]
            ]
        return sm.EndpointConfig("bad", **resolved)

    return call


def variant(name: str = "v", instance_type: str = "ml.m5.large") -> Callable[[Ctx], IPV]:
    return lambda ctx: IPV(ctx.model, name, instance_type=instance_type)  # type: ignore[arg-type]


add(
    "cfg-variants-single",
    "model",
    config(instance_production_variants=variant()),
    "instance_production_variants",
    "InstanceProductionVariant(",
)
add(
    "cfg-variants-str",
    "model",
    config(instance_production_variants="v"),
    "instance_production_variants",
    "'v'",
)
add(
    "cfg-variants-output",
    "model",
    config(instance_production_variants=lambda c: out([])),
    "instance_production_variants",
    "Output",
)
add(
    "cfg-variants-11",
    "model",
    config(instance_production_variants=lambda c: [IPV(c.model, f"v{i}") for i in range(11)]),
    "production variants",
    "got 11",
)  # type: ignore[arg-type]
add(
    "cfg-variants-dup",
    "model",
    config(instance_production_variants=lambda c: [IPV(c.model, "v")] * 2),
    "variant names",
    "'v'",
)  # type: ignore[arg-type]
add(
    "cfg-extra-str",
    "model",
    config(production_variant=variant(), extra_production_variants="x"),
    "extra_production_variants",
    "'x'",
)
add(
    "cfg-shadow-single",
    "model",
    config(shadow_production_variants=variant("s")),
    "shadow_production_variants",
    "InstanceProductionVariant(",
)
add(
    "cfg-shadow-bad-type",
    "model",
    config(shadow_production_variants=lambda c: [IPV(c.model, "s", instance_type="ml.t3.large")]),
    "instance_type",
    "'ml.t3.large'",
)  # type: ignore[arg-type]
add(
    "cfg-name-output",
    "model",
    config(endpoint_config_name=lambda c: out("c")),
    "endpoint_config_name",
    "Output",
)
add(
    "cfg-name-underscore",
    "model",
    config(endpoint_config_name="bad_name"),
    "endpoint_config_name",
    "'bad_name'",
)
add("cfg-name-long", "model", config(endpoint_config_name="a" * 40), "endpoint_config_name", "aaaa")
add("cfg-key-empty", "model", config(encryption_key=""), "encryption_key", "''")
add("cfg-key-space", "model", config(encryption_key="key id"), "encryption_key", "'key id'")
add("cfg-key-int", "model", config(encryption_key=5), "encryption_key", "5")
add(
    "cfg-key-nvme-g5",
    "model",
    config(
        encryption_key=KEY, instance_production_variants=lambda c: [variant("v", "ml.g5.xlarge")(c)]
    ),
    "encryption_key",
    "ml.g5.xlarge",
)
add(
    "cfg-key-nvme-m5d",
    "model",
    config(
        encryption_key="alias/k",
        instance_production_variants=lambda c: [variant("v", "ml.m5d.large")(c)],
    ),
    "encryption_key",
    "ml.m5d.large",
)
add(
    "cfg-key-nvme-shadow",
    "model",
    config(
        encryption_key=KEY,
        shadow_production_variants=lambda c: [variant("s", "ml.p4d.24xlarge")(c)],
    ),
    "encryption_key",
    "ml.p4d.24xlarge",
)
add("cfg-tags-aws", "model", config(tags={"aws:x": "1"}), "tags key", "'aws:x'")
add("cfg-tags-51", "model", config(tags={f"k{i}": "v" for i in range(51)}), "tags", "got 51")
add("cfg-capture-str", "model", config(data_capture="s3://cap/p"), "data_capture", "str")
add("cfg-async-str", "model", config(async_inference="s3://asy/o"), "async_inference", "str")
add(
    "cfg-serverless-as-instance",
    "model",
    config(production_variant=lambda c: SPV(c.model, "s", 1, 1024)),
    "variant 's'",
    "ServerlessProductionVariant",
)  # type: ignore[arg-type]


def capture(*args: Any, **kwargs: Any) -> Callable[[Ctx], object]:
    def call(ctx: Ctx) -> object:
        resolved = {k: (v() if callable(v) else v) for k, v in kwargs.items()}
        return config(data_capture=sm.DataCapture(*args, **resolved))(ctx)

    return call


add("capture-none", "model", capture(None), "data_capture.destination_s3_uri", "None")
add("capture-empty", "model", capture(""), "data_capture.destination_s3_uri", "''")
add(
    "capture-http",
    "model",
    capture("http://b/p"),
    "data_capture.destination_s3_uri",
    "'http://b/p'",
)
add(
    "capture-long",
    "model",
    capture("s3://bucket/" + "p" * 600),
    "data_capture.destination_s3_uri",
    "pppp",
)
add("capture-int", "model", capture(5), "data_capture.destination_s3_uri", "5")
add(
    "capture-percent-101",
    "model",
    capture("s3://cap/p", sampling_percentage=101),
    "data_capture.sampling_percentage",
    "101",
)
add(
    "capture-percent-nan",
    "model",
    capture("s3://cap/p", sampling_percentage=NAN),
    "data_capture.sampling_percentage",
    "nan",
)
add(
    "capture-percent-bool",
    "model",
    capture("s3://cap/p", sampling_percentage=True),
    "data_capture.sampling_percentage",
    "True",
)
add(
    "capture-input-str",
    "model",
    capture("s3://cap/p", capture_input="yes"),
    "data_capture.capture_input",
    "'yes'",
)
add("capture-enabled-int", "model", capture("s3://cap/p", enabled=1), "data_capture.enabled", "1")
add(
    "capture-kms-alias",
    "model",
    capture("s3://cap/p", kms_key="alias/x"),
    "data_capture.kms_key",
    "'alias/x'",
)
add(
    "capture-kms-space",
    "model",
    capture("s3://cap/p", kms_key=KEY + " x"),
    "data_capture.kms_key",
    "1234abcd",
)
add("capture-kms-int", "model", capture("s3://cap/p", kms_key=5), "data_capture.kms_key", "5")
add(
    "capture-json-str",
    "model",
    capture("s3://cap/p", json_content_types="application/json"),
    "data_capture.json_content_types",
    "'application/json'",
)
add(
    "capture-json-item",
    "model",
    capture("s3://cap/p", json_content_types=["json"]),
    "data_capture.json_content_types[0]",
    "'json'",
)
add(
    "capture-csv-11",
    "model",
    capture("s3://cap/p", csv_content_types=["text/csv"] * 11),
    "data_capture.csv_content_types",
    "got 11",
)
add(
    "capture-json-output",
    "model",
    capture("s3://cap/p", json_content_types=lambda: out(["a/b"])),
    "data_capture.json_content_types",
    "Output",
)


def asynchronous(*args: Any, **kwargs: Any) -> Callable[[Ctx], object]:
    def call(ctx: Ctx) -> object:
        return config(async_inference=sm.AsyncInference(*args, **kwargs))(ctx)

    return call


ASYNC = "async_inference"
add("async-none", "model", asynchronous(None), f"{ASYNC}.output_path", "None")
add("async-empty", "model", asynchronous(""), f"{ASYNC}.output_path", "''")
add("async-http", "model", asynchronous("http://x/y"), f"{ASYNC}.output_path", "'http://x/y'")
add(
    "async-failure-empty",
    "model",
    asynchronous("s3://asy/o", failure_path=""),
    f"{ASYNC}.failure_path",
    "''",
)
add(
    "async-failure-bad",
    "model",
    asynchronous("s3://asy/o", failure_path="s3:/bad"),
    f"{ASYNC}.failure_path",
    "'s3:/bad'",
)
add(
    "async-input-int", "model", asynchronous("s3://asy/o", input_path=5), f"{ASYNC}.input_path", "5"
)
add(
    "async-topic-sqs",
    "model",
    asynchronous("s3://asy/o", success_topic="arn:aws:sqs:us-east-1:123456789012:q"),
    f"{ASYNC}.success_topic",
    "arn:aws:sqs",
)
add(
    "async-topic-int",
    "model",
    asynchronous("s3://asy/o", error_topic=5),
    f"{ASYNC}.error_topic",
    "5",
)
add(
    "async-include-str",
    "model",
    asynchronous(
        "s3://asy/o",
        success_topic=TOPIC,
        include_inference_response_in="SUCCESS_NOTIFICATION_TOPIC",
    ),
    f"{ASYNC}.include_inference_response_in",
    "'SUCCESS_NOTIFICATION_TOPIC'",
)
add(
    "async-include-unknown",
    "model",
    asynchronous("s3://asy/o", include_inference_response_in=["BOTH"]),
    f"{ASYNC}.include_inference_response_in",
    "'BOTH'",
)
add(
    "async-invocations-0",
    "model",
    asynchronous("s3://asy/o", max_concurrent_invocations_per_instance=0),
    f"{ASYNC}.max_concurrent_invocations_per_instance",
    "got 0",
)
add(
    "async-invocations-1001",
    "model",
    asynchronous("s3://asy/o", max_concurrent_invocations_per_instance=1001),
    f"{ASYNC}.max_concurrent_invocations_per_instance",
    "1001",
)
add(
    "async-invocations-nan",
    "model",
    asynchronous("s3://asy/o", max_concurrent_invocations_per_instance=NAN),
    f"{ASYNC}.max_concurrent_invocations_per_instance",
    "nan",
)
add(
    "async-kms-alias",
    "model",
    asynchronous("s3://asy/o", kms_key="alias/k"),
    f"{ASYNC}.kms_key",
    "'alias/k'",
)

# EndpointConfig methods and imports.
add(
    "add-variant-str",
    "config",
    lambda c: c.config.add_instance_production_variant("v"),
    "variants",
    "str",
)  # type: ignore[union-attr, arg-type]
add(
    "add-variant-t3",
    "config",
    lambda c: c.config.add_instance_production_variant(
        IPV(c.model, "b", instance_type="ml.t3.large")
    ),
    "instance_type",
    "'ml.t3.large'",
)  # type: ignore[union-attr, arg-type]
add(
    "add-variant-dup",
    "config",
    lambda c: c.config.add_instance_production_variant(IPV(c.model, "main")),
    "variant names",
    "'main'",
)  # type: ignore[union-attr, arg-type]
add(
    "add-variant-serverless",
    "config",
    lambda c: c.config.add_instance_production_variant(SPV(c.model, "s", 1, 1024)),
    "variant 's'",
    "ServerlessProductionVariant",
)  # type: ignore[union-attr, arg-type]
add(
    "add-variant-count",
    "config",
    lambda c: c.config.add_instance_production_variant(
        IPV(c.model, "b", initial_instance_count=-1)
    ),
    "initial_instance_count",
    "-1",
)  # type: ignore[union-attr, arg-type]
CFG_NAME, CFG_ARN = (
    sm.EndpointConfig.from_endpoint_config_name,
    sm.EndpointConfig.from_endpoint_config_arn,
)
add("cfg-by-name-underscore", "none", lambda c: CFG_NAME("bad_name"), "name", "'bad_name'")
add("cfg-by-name-none", "none", lambda c: CFG_NAME(None), "name", "None")  # type: ignore[arg-type]
add(
    "cfg-arn-no-name",
    "none",
    lambda c: CFG_ARN(f"{ARN}:endpoint-config/"),
    "arn",
    "endpoint-config/'",
)
add(
    "cfg-arn-no-region",
    "none",
    lambda c: CFG_ARN("arn:aws:sagemaker::123456789012:endpoint-config/c"),
    "arn",
    "sagemaker::",
)
add("cfg-arn-int", "none", lambda c: CFG_ARN(5), "arn", "5")  # type: ignore[arg-type]

# --- Endpoint and deployment ----------------------------------------------------------------------


def endpoint(**kwargs: Any) -> Callable[[Ctx], object]:
    def call(ctx: Ctx) -> object:
        resolved = {k: (v() if callable(v) else v) for k, v in kwargs.items()}
        resolved.setdefault("endpoint_config", ctx.config)
        return sm.Endpoint("bad", **resolved)

    return call


add("ep-config-str", "config", endpoint(endpoint_config="c"), "endpoint_config", "str")
add("ep-name-int", "config", endpoint(endpoint_name=7), "endpoint_name", "7")
add(
    "ep-name-underscore",
    "config",
    endpoint(endpoint_name="bad_name"),
    "endpoint_name",
    "'bad_name'",
)
add("ep-name-64", "config", endpoint(endpoint_name="a" * 64), "endpoint_name", "aaaa")
add("ep-tags-aws", "config", endpoint(tags={"aws:x": "1"}), "tags key", "'aws:x'")
add("ep-tags-value-long", "config", endpoint(tags={"k": "v" * 300}), "tags['k']", "vvvv")
add("ep-deployment-str", "config", endpoint(deployment="canary"), "deployment", "str")
add(
    "ep-wait-3601",
    "config",
    endpoint(deployment=BG(TR.all_at_once(wait_interval=3601))),
    "wait_interval",
    "3601",
)
add(
    "ep-wait-nan",
    "config",
    endpoint(deployment=BG(TR.all_at_once(wait_interval=NAN))),
    "wait_interval",
    "nan",
)
add(
    "ep-canary-60",
    "config",
    endpoint(deployment=BG(TR.canary(CS.percent(60), wait_interval=60))),
    "canary_size",
    "60%",
)
add(
    "ep-canary-2-31",
    "config",
    endpoint(deployment=BG(TR.canary(CS.instances(2**31), wait_interval=60))),
    "canary_size",
    "2147483648",
)
add(
    "ep-linear-5",
    "config",
    endpoint(deployment=BG(TR.linear(CS.percent(5), wait_interval=60))),
    "linear_step_size",
    "5%",
)
add(
    "ep-termination-negative",
    "config",
    endpoint(deployment=BG(TR.all_at_once(wait_interval=0), termination_wait=-1)),
    "termination_wait",
    "-1",
)
add(
    "ep-timeout-500",
    "config",
    endpoint(deployment=BG(TR.all_at_once(wait_interval=0), maximum_execution_timeout=500)),
    "maximum_execution_timeout",
    "500",
)
add(
    "ep-timeout-20000",
    "config",
    endpoint(deployment=BG(TR.all_at_once(wait_interval=0), maximum_execution_timeout=20000)),
    "maximum_execution_timeout",
    "20000",
)
add(
    "ep-timeout-below-waits",
    "config",
    endpoint(deployment=BG(TR.all_at_once(wait_interval=3600), maximum_execution_timeout=600)),
    "maximum_execution_timeout",
    "got 600",
)
add(
    "ep-rolling-60",
    "config",
    endpoint(deployment=sm.RollingDeployment(CS.percent(60), wait_interval=0)),
    "maximum_batch_size",
    "60%",
)
add(
    "ep-rolling-str",
    "config",
    endpoint(deployment=sm.RollingDeployment("25%", wait_interval=0)),
    "maximum_batch_size",
    "'25%'",
)  # type: ignore[arg-type]
add(
    "ep-rollback-size-type",
    "config",
    endpoint(
        deployment=sm.RollingDeployment(
            CS.percent(25), wait_interval=0, rollback_maximum_batch_size=CS("BOGUS", 1)
        )
    ),
    "rollback_maximum_batch_size",
    "'BOGUS'",
)
add(
    "ep-alarms-int",
    "config",
    endpoint(deployment=BG(TR.all_at_once(wait_interval=0), rollback_alarms=[5])),
    "rollback_alarms",
    "int",
)  # type: ignore[list-item]
add(
    "ep-alarms-11",
    "config",
    endpoint(
        deployment=BG(TR.all_at_once(wait_interval=0), rollback_alarms=[f"a{i}" for i in range(11)])
    ),
    "rollback alarms",
    "got 11",
)
add(
    "ep-alarms-blank",
    "config",
    endpoint(deployment=BG(TR.all_at_once(wait_interval=0), rollback_alarms=["  "])),
    "rollback_alarms",
    "'  '",
)
add(
    "ep-alarms-256",
    "config",
    endpoint(deployment=BG(TR.all_at_once(wait_interval=0), rollback_alarms=["x" * 256])),
    "rollback_alarms",
    "xxxx",
)
add("ep-routing-str", "config", endpoint(deployment=BG("ALL")), "traffic_routing", "str")  # type: ignore[arg-type]
add(
    "ep-routing-type",
    "config",
    endpoint(deployment=BG(TR("SLOW", 0))),
    "traffic_routing.type",
    "'SLOW'",
)

# Endpoint methods, imports and references.
EP = "endpoint"
add("rollback-int", EP, lambda c: c.endpoint.add_rollback_alarm(5), "rollback alarm", "int")  # type: ignore[union-attr, arg-type]
add("rollback-empty", EP, lambda c: c.endpoint.add_rollback_alarm(""), "rollback alarm", "''")  # type: ignore[union-attr]
add(
    "rollback-256", EP, lambda c: c.endpoint.add_rollback_alarm("x" * 256), "rollback alarm", "xxxx"
)  # type: ignore[union-attr]


def defaults(**kwargs: Any) -> Callable[[Ctx], object]:
    options = {"error_threshold": 1, "latency_threshold": 1000, **kwargs}
    return lambda c: c.endpoint.add_default_rollback_alarms(**options)  # type: ignore[union-attr]


add("defaults-error-nan", EP, defaults(error_threshold=NAN), "error_threshold", "nan")
add("defaults-latency-inf", EP, defaults(latency_threshold=INF), "latency_threshold", "inf")
add("defaults-error-bool", EP, defaults(error_threshold=True), "error_threshold", "True")
add("defaults-one-day", EP, defaults(period=36000), "evaluation_periods x period", "3 x 36000")
add("defaults-period-45", EP, defaults(period=45), "period", "45")
add("defaults-periods-0", EP, defaults(evaluation_periods=0), "evaluation_periods", "got 0")
add("defaults-datapoints-5", EP, defaults(datapoints_to_alarm=5), "datapoints_to_alarm", "got 5")
add("defaults-variant-unknown", EP, defaults(variant_name="nope"), "variant", "'nope'")
add("defaults-periods-bool", EP, defaults(evaluation_periods=True), "evaluation_periods", "True")
add("defaults-variant-int", EP, defaults(variant_name=5), "variant_name", "5")
add(
    "grant-s3-arn",
    EP,
    lambda c: c.endpoint.grant_invoke("arn:aws:s3:::b"),
    "grantee",
    "'arn:aws:s3:::b'",
)  # type: ignore[union-attr]
add("grant-int", EP, lambda c: c.endpoint.grant_invoke(5), "grantee", "int")  # type: ignore[union-attr, arg-type]
add("grant-empty", EP, lambda c: c.endpoint.grant_invoke(""), "grantee", "''")  # type: ignore[union-attr]
add("find-unknown", EP, lambda c: c.endpoint.find_production_variant("nope"), "variant", "'nope'")  # type: ignore[union-attr]
add(
    "find-instance-unknown",
    EP,
    lambda c: c.endpoint.find_instance_production_variant("nope"),
    "instance variant",
    "'nope'",
)  # type: ignore[union-attr]
add("find-int", EP, lambda c: c.endpoint.find_production_variant(5), "variant", "5")  # type: ignore[union-attr, arg-type]
EP_NAME, EP_ARN = sm.Endpoint.from_endpoint_name, sm.Endpoint.from_endpoint_arn
add("ep-by-name-underscore", "none", lambda c: EP_NAME("bad_name"), "endpoint_name", "'bad_name'")
add("ep-by-name-int", "none", lambda c: EP_NAME(5), "endpoint_name", "5")  # type: ignore[arg-type]
add("ep-arn-no-name", "none", lambda c: EP_ARN(f"{ARN}:endpoint/"), "endpoint_arn", "endpoint/'")
add(
    "ep-arn-no-region",
    "none",
    lambda c: EP_ARN("arn:aws:sagemaker::123456789012:endpoint/e"),
    "endpoint_arn",
    "sagemaker::",
)
add(
    "ep-attributes-model",
    "none",
    lambda c: sm.Endpoint.from_endpoint_attributes(endpoint_arn=f"{ARN}:model/e"),
    "endpoint_arn",
    "model/e",
)
add("ep-arn-none", "none", lambda c: EP_ARN(None), "endpoint_arn", "None")  # type: ignore[arg-type]
add("ref-grant-int", "none", lambda c: EP_NAME("e").grant_invoke(5), "grantee", "int")  # type: ignore[arg-type]
add(
    "ref-grant-bad-arn",
    "none",
    lambda c: EP_NAME("e").grant_invoke("arn:aws:iam::1:role/r"),
    "grantee",
    "'arn:aws:iam::1:role/r'",
)

# --- Variant handles: metrics and auto scaling ----------------------------------------------------

H = "endpoint"
add(
    "code-3xx",
    H,
    lambda c: c.handle.metric_invocation_response_code("Invocation3XXErrors"),
    "code",
    "'Invocation3XXErrors'",
)  # type: ignore[union-attr]
add(
    "metric-unknown-field",
    H,
    lambda c: c.handle.metric_invocations(colour="red"),
    "colour",
    "colour",
)  # type: ignore[union-attr]
add("scale-no-max", H, lambda c: c.handle.auto_scale_instance_count(), "max_capacity", "got None")  # type: ignore[union-attr]
add(
    "scale-max-2-31",
    H,
    lambda c: c.handle.auto_scale_instance_count(max_capacity=2**31),
    "max_capacity",
    "2147483648",
)  # type: ignore[union-attr]
add(
    "scale-max-nan",
    H,
    lambda c: c.handle.auto_scale_instance_count(max_capacity=NAN),
    "max_capacity",
    "nan",
)  # type: ignore[union-attr]
add(
    "scale-max-bool",
    H,
    lambda c: c.handle.auto_scale_instance_count(max_capacity=True),
    "max_capacity",
    "True",
)  # type: ignore[union-attr]
add(
    "scale-max-below",
    H,
    lambda c: c.handle.auto_scale_instance_count(max_capacity=1),
    "max_capacity",
    "got 1",
)  # type: ignore[union-attr]
add(
    "scale-min-0",
    H,
    lambda c: c.handle.auto_scale_instance_count(min_capacity=0, max_capacity=4),
    "min_capacity",
    "got 0",
)  # type: ignore[union-attr]
add(
    "scale-min-above",
    H,
    lambda c: c.handle.auto_scale_instance_count(min_capacity=3, max_capacity=4),
    "min_capacity",
    "got 3",
)  # type: ignore[union-attr]
add(
    "scale-max-str",
    H,
    lambda c: c.handle.auto_scale_instance_count(max_capacity="4"),
    "max_capacity",
    "'4'",
)  # type: ignore[union-attr, arg-type]
add(
    "scale-twice",
    "scaling",
    lambda c: c.handle.auto_scale_instance_count(max_capacity=NAN),
    "max_capacity",
    "nan",
)  # type: ignore[union-attr]


def alarm(metric: Any = M, **kwargs: Any) -> Callable[[Ctx], object]:
    options = {"threshold": 1.0, "evaluation_periods": 1, **kwargs}

    def call(ctx: Ctx) -> object:
        resolved = {k: (v() if callable(v) else v) for k, v in options.items()}
        return metric.create_alarm("A", **resolved)

    return call


add("alarm-threshold-nan", "none", alarm(threshold=NAN), "threshold", "nan")
add("alarm-threshold-inf", "none", alarm(threshold=-INF), "threshold", "-inf")
add("alarm-threshold-bool", "none", alarm(threshold=True), "threshold", "True")
add("alarm-threshold-str", "none", alarm(threshold="1"), "threshold", "'1'")
add("alarm-threshold-output", "none", alarm(threshold=lambda: out(1.0)), "threshold", "Output")
add("alarm-periods-bool", "none", alarm(evaluation_periods=True), "evaluation_periods", "True")
add("alarm-periods-0", "none", alarm(evaluation_periods=0), "evaluation_periods", "got 0")
add(
    "alarm-periods-2-31",
    "none",
    alarm(evaluation_periods=2**31),
    "evaluation_periods",
    "2147483648",
)
add("alarm-periods-fraction", "none", alarm(evaluation_periods=1.5), "evaluation_periods", "1.5")
add(
    "alarm-periods-output",
    "none",
    alarm(evaluation_periods=lambda: out(1)),
    "evaluation_periods",
    "Output",
)
add("alarm-datapoints-above", "none", alarm(datapoints_to_alarm=2), "datapoints_to_alarm", "got 2")
add("alarm-datapoints-bool", "none", alarm(datapoints_to_alarm=True), "datapoints_to_alarm", "True")
add(
    "alarm-one-day-3600",
    "none",
    alarm(M.with_(period=3600), evaluation_periods=25),
    "evaluation_periods x period",
    "25 x 3600",
)
add(
    "alarm-one-day-high-res",
    "none",
    alarm(M.with_(period=10), evaluation_periods=8641),
    "evaluation_periods x period",
    "8641 x 10",
)
add("alarm-operator", "none", alarm(comparison_operator="=>"), "comparison_operator", "'=>'")
add(
    "alarm-missing-data",
    "none",
    alarm(treat_missing_data="Missing"),
    "treat_missing_data",
    "'Missing'",
)
add("alarm-actions-str", "none", alarm(alarm_actions=TOPIC), "alarm_actions", "'arn:aws:sns")
add("alarm-actions-6", "none", alarm(alarm_actions=[TOPIC] * 6), "alarm_actions", "got 6")
add("alarm-actions-empty-item", "none", alarm(alarm_actions=[""]), "alarm_actions[0]", "''")
add("alarm-ok-str", "none", alarm(ok_actions="x"), "ok_actions", "'x'")
add(
    "alarm-insufficient-long",
    "none",
    alarm(insufficient_data_actions=["x" * 1025]),
    "insufficient_data_actions[0]",
    "1025 characters",
)
add(
    "alarm-description-1025",
    "none",
    alarm(alarm_description="d" * 1025),
    "alarm_description",
    "1025 characters",
)
add("alarm-description-int", "none", alarm(alarm_description=5), "alarm_description", "5")
add("alarm-name-256", "none", alarm(alarm_name="n" * 256), "alarm_name", "256 characters")
add("alarm-name-empty", "none", alarm(alarm_name=""), "alarm_name", "''")
add("alarm-enabled-str", "none", alarm(actions_enabled="yes"), "actions_enabled", "'yes'")
add("alarm-tags-aws", "none", alarm(tags={"aws:x": "1"}), "tags key", "'aws:x'")
add("alarm-tags-output", "none", alarm(tags=lambda: out({})), "tags", "Output")
add("metric-statistic", "none", alarm(M.with_(statistic="median")), "statistic", "'median'")
add("metric-period-45", "none", alarm(M.with_(period=45)), "period", "45")
add("metric-period-bool", "none", alarm(M.with_(period=True)), "period", "True")
add("metric-unit", "none", alarm(M.with_(unit="Millis")), "unit", "'Millis'")
add(
    "metric-dimension-empty",
    "none",
    alarm(M.with_(dimensions={"EndpointName": ""})),
    "dimensions['EndpointName']",
    "''",
)
add(
    "metric-dimensions-31",
    "none",
    alarm(M.with_(dimensions={f"d{i}": "v" for i in range(31)})),
    "dimensions",
    "got 31",
)
add("metric-dimensions-str", "none", alarm(M.with_(dimensions="e")), "dimensions", "'e'")
add(
    "metric-name-256",
    "none",
    alarm(M.with_(metric_name="m" * 256)),
    "metric_name",
    "256 characters",
)
add("metric-namespace-colon", "none", alarm(M.with_(namespace=":bad")), "namespace", "':bad'")
MATH = sm.MathExpression
add("math-2049", "none", alarm(MATH("m" * 2049, {"m": M})), "expression", "2049 characters")
add("math-id-upper", "none", alarm(MATH("M", {"M": M})), "using_metrics id", "'M'")
add("math-metric-str", "none", alarm(MATH("m", {"m": "metric"})), "using_metrics['m']", "'metric'")  # type: ignore[dict-item]
add(
    "math-reserved-id",
    "none",
    alarm(MATH("expression", {"expression": M})),
    "using_metrics id",
    "'expression'",
)
add("math-int", "none", alarm(MATH(5, {"m": M})), "expression", "5")  # type: ignore[arg-type]
add("math-period-45", "none", alarm(MATH("m", {"m": M}, period=45)), "period", "45")
add(
    "math-one-day",
    "none",
    alarm(MATH("m", {"m": M}, period=3600), evaluation_periods=25),
    "evaluation_periods x period",
    "25 x 3600",
)
add(
    "scoped-alarm-nan",
    H,
    lambda c: c.handle.metric_model_latency().create_alarm(
        "L", threshold=NAN, evaluation_periods=1
    ),
    "threshold",
    "nan",
)  # type: ignore[union-attr]

S = "scaling"
PREDEFINED = "SageMakerVariantInvocationsPerInstance"


def track(**kwargs: Any) -> Callable[[Ctx], object]:
    options = {"target_value": 100.0, "predefined_metric": PREDEFINED, **kwargs}
    return lambda c: c.scaling.scale_to_track_metric("p", **options)


add("track-nan", S, track(target_value=NAN), "target_value", "nan")
add("track-inf", S, track(target_value=INF), "target_value", "inf")
add("track-zero", S, track(target_value=0), "target_value", "got 0")
add("track-bool", S, track(target_value=True), "target_value", "True")
add("track-predefined", S, track(predefined_metric="CPU"), "predefined_metric", "'CPU'")
add("track-metric-str", S, track(predefined_metric=None, metric="cpu"), "metric", "'cpu'")
add("track-policy-name-unicode", S, track(policy_name="échelle"), "policy_name", "'échelle'")
add("track-policy-name-257", S, track(policy_name="p" * 257), "policy_name", "257 characters")
add("track-cooldown-negative", S, track(scale_in_cooldown=-1), "scale_in_cooldown", "-1")
add("track-cooldown-bool", S, track(scale_out_cooldown=True), "scale_out_cooldown", "True")
add("track-disable-str", S, track(disable_scale_in="no"), "disable_scale_in", "'no'")
add(
    "track-percentile",
    S,
    track(predefined_metric=None, metric=M.with_(statistic="p99")),
    "metric statistic",
    "'p99'",
)
add(
    "invocations-nan",
    S,
    lambda c: c.scaling.scale_on_invocations("r", max_requests_per_second=NAN),
    "max_requests_per_second",
    "nan",
)
add(
    "invocations-inf",
    S,
    lambda c: c.scaling.scale_on_invocations("r", max_requests_per_second=INF),
    "max_requests_per_second",
    "inf",
)
add(
    "invocations-factor",
    S,
    lambda c: c.scaling.scale_on_invocations("r", max_requests_per_second=10, safety_factor=1.5),
    "safety_factor",
    "1.5",
)
add(
    "invocations-factor-nan",
    S,
    lambda c: c.scaling.scale_on_invocations("r", max_requests_per_second=10, safety_factor=NAN),
    "safety_factor",
    "nan",
)


def steps(*intervals: Any, **kwargs: Any) -> Callable[[Ctx], object]:
    options = {"metric": M, "steps": list(intervals), **kwargs}
    return lambda c: c.scaling.scale_on_metric("s", **options)


add("steps-str", S, steps(steps="x"), "steps", "'x'")
add("steps-lower-nan", S, steps(SI(change=1, lower=NAN)), "steps[0].lower", "nan")
add("steps-lower-inf", S, steps(SI(change=1, lower=INF)), "steps[0].lower", "inf")
add("steps-change-fraction", S, steps(SI(change=1.5, lower=10)), "steps[0].change", "1.5")  # type: ignore[arg-type]
add("steps-change-2-31", S, steps(SI(change=2**31, lower=10)), "steps[0].change", "2147483648")
add("steps-item-str", S, steps("x"), "steps[0]", "'x'")
add("steps-metric-str", S, steps(SI(change=1, lower=10), metric="m"), "metric", "'m'")
add(
    "steps-adjustment",
    S,
    steps(SI(change=1, lower=10), adjustment_type="Add"),
    "adjustment_type",
    "'Add'",
)
add("steps-cooldown", S, steps(SI(change=1, lower=10), cooldown=-5), "cooldown", "-5")
add(
    "steps-magnitude",
    S,
    steps(SI(change=1, lower=10), min_adjustment_magnitude=5),
    "min_adjustment_magnitude",
    "5",
)
add(
    "steps-periods-0",
    S,
    steps(SI(change=1, lower=10), evaluation_periods=0),
    "evaluation_periods",
    "got 0",
)
add(
    "steps-lower-above-upper",
    S,
    steps(SI(change=1, lower=10, upper=5), SI(change=2, lower=5)),
    "lower",
    "lower=10, upper=5",
)
add("steps-upper-bound-nan", S, steps(SI(change=-1, upper=NAN)), "steps[0].upper", "nan")


def scheduled(**kwargs: Any) -> Callable[[Ctx], object]:
    options = {"schedule": "rate(1 hour)", "min_capacity": 2, **kwargs}

    def call(ctx: Ctx) -> object:
        resolved = {k: (v() if callable(v) else v) for k, v in options.items()}
        return ctx.scaling.scale_on_schedule("n", **resolved)

    return call


add("schedule-minute-61", S, scheduled(schedule="cron(61 8 * * ? *)"), "schedule", "'61'")
add("schedule-five-fields", S, scheduled(schedule="cron(0 8 * * *)"), "schedule", "got 5")
add("schedule-both-days", S, scheduled(schedule="cron(0 8 1 * MON *)"), "schedule", "'1' and 'MON'")
add(
    "schedule-at-feb-30",
    S,
    scheduled(schedule="at(2026-02-30T00:00:00)"),
    "schedule",
    "'at(2026-02-30T00:00:00)'",
)
add("schedule-output", S, scheduled(schedule=lambda: out("rate(1 hour)")), "schedule", "Output")
add("schedule-none", S, scheduled(schedule=None), "schedule", "None")
add("schedule-rate-zero", S, scheduled(schedule="rate(0 minutes)"), "schedule", "'rate(0 minutes)'")
add("schedule-rate-1-plural", S, scheduled(schedule="rate(1 minutes)"), "schedule", "singular")
add("schedule-rate-5-singular", S, scheduled(schedule="rate(5 hour)"), "schedule", "'rate(5 hour)'")
add("schedule-timezone", S, scheduled(timezone="Mars/Olympus"), "timezone", "'Mars/Olympus'")
add("schedule-timezone-int", S, scheduled(timezone=5), "timezone", "5")
add("schedule-start-word", S, scheduled(start_time="tomorrow"), "start_time", "'tomorrow'")
add(
    "schedule-start-no-zone",
    S,
    scheduled(start_time="2026-12-01T00:00:00"),
    "start_time",
    "'2026-12-01T00:00:00'",
)
add(
    "schedule-start-after-end",
    S,
    scheduled(start_time="2026-12-02T00:00:00Z", end_time="2026-12-01T00:00:00Z"),
    "start_time",
    "2026-12-02T00:00:00Z",
)
add("schedule-end-int", S, scheduled(end_time=5), "end_time", "5")
add("schedule-min-2-31", S, scheduled(min_capacity=2**31), "min_capacity", "2147483648")
add("schedule-max-negative", S, scheduled(min_capacity=None, max_capacity=-1), "max_capacity", "-1")
add("schedule-min-nan", S, scheduled(min_capacity=NAN), "min_capacity", "nan")
add("schedule-min-above-max", S, scheduled(min_capacity=5, max_capacity=2), "min_capacity", "(5)")

SV = "serverless"
add(
    "utilization-nan",
    SV,
    lambda c: c.scaling.scale_on_utilization("u", target_utilization=NAN),
    "target_utilization",
    "nan",
)
add(
    "utilization-1-5",
    SV,
    lambda c: c.scaling.scale_on_utilization("u", target_utilization=1.5),
    "target_utilization",
    "1.5",
)
add(
    "provisioned-max-300",
    SV,
    lambda c: c.handle.auto_scale_provisioned_concurrency(max_capacity=300),
    "max_capacity",
    "300",
)  # type: ignore[union-attr]
add(
    "provisioned-min-0",
    SV,
    lambda c: c.handle.auto_scale_provisioned_concurrency(min_capacity=0),
    "min_capacity",
    "got 0",
)  # type: ignore[union-attr]

# --- Schedule builders ----------------------------------------------------------------------------

add("rate-zero", "none", lambda c: ASG.rate(minutes=0), "minutes", "minutes=0")
add("rate-fraction", "none", lambda c: ASG.rate(minutes=1.5), "minutes", "minutes=1.5")  # type: ignore[arg-type]
add("rate-bool", "none", lambda c: ASG.rate(minutes=True), "minutes", "minutes=True")
add("rate-two-units", "none", lambda c: ASG.rate(minutes=5, hours=1), "hours", "hours=1")
add("cron-minute-61", "none", lambda c: ASG.cron(minute="61"), "minutes", "'61'")
add("cron-both-days", "none", lambda c: ASG.cron(day="1", week_day="MON"), "week_day", "'MON'")
add("cron-hour-none", "none", lambda c: ASG.cron(hour=None), "hour", "None")  # type: ignore[arg-type]
add("cron-month-13", "none", lambda c: ASG.cron(month="13"), "month", "'13'")
add("cron-year-1969", "none", lambda c: ASG.cron(year="1969"), "year", "'1969'")
add("cron-week-day-8", "none", lambda c: ASG.cron(week_day="8"), "day-of-week", "'8'")
add("at-str", "none", lambda c: ASG.at("2026-01-01"), "moment", "'2026-01-01'")  # type: ignore[arg-type]
add("expression-words", "none", lambda c: ASG.expression("every day"), "expression", "'every day'")
add(
    "expression-rate-zero",
    "none",
    lambda c: ASG.expression("rate(0 minutes)"),
    "expression",
    "'rate(0 minutes)'",
)
add("expression-none", "none", lambda c: ASG.expression(None), "expression", "None")  # type: ignore[arg-type]

# --- HostedModel (the multi-language adapter) -----------------------------------------------------


def hosted(**args: Any) -> Callable[[Ctx], object]:
    return lambda c: HostedModel("hm", {"image_uri": "app", **args})  # type: ignore[typeddict-item]


add("hm-type-t3", "none", hosted(instance_type="ml.t3.medium"), "instanceType", "'ml.t3.medium'")
add("hm-env-bytes", "none", hosted(environment={"A": "é" * 600}), "environment['A']", "1200 bytes")
add("hm-tags-aws", "none", hosted(tags={"aws:x": "1"}), "tags key", "'aws:x'")
add(
    "hm-alarm-one-day",
    "none",
    hosted(latency_alarm={"threshold": 1, "evaluation_periods": 1441}),
    "latencyAlarm.evaluationPeriods",
    "1441 x 60",
)
add(
    "hm-alarm-nan",
    "none",
    hosted(latency_alarm={"threshold": NAN, "evaluation_periods": 1}),
    "latencyAlarm.threshold",
    "nan",
)
add(
    "hm-rps-inf",
    "none",
    hosted(
        instance_type="ml.m5.large",
        auto_scaling={"max_capacity": 2, "max_requests_per_second": INF},
    ),
    "autoScaling.maxRequestsPerSecond",
    "inf",
)
add(
    "hm-count-2-31",
    "none",
    hosted(initial_instance_count=2**31),
    "initialInstanceCount",
    "2147483648",
)
add(
    "hm-actions-6",
    "none",
    hosted(latency_alarm={"threshold": 1, "evaluation_periods": 1, "alarm_actions": [TOPIC] * 6}),
    "latencyAlarm.alarmActions",
    "got 6",
)
add("hm-uri-300", "none", hosted(image_uri="x" * 300), "imageUri", "300 characters")
add("hm-name-int", "none", hosted(endpoint_name=7), "endpointName", "7")
add("hm-role-int", "none", hosted(role_arn=5), "roleArn", "got 5")
add(
    "hm-count-10e400",
    "none",
    hosted(initial_instance_count=10**400),
    "initialInstanceCount",
    "1000",
)
add("hm-routing", "none", hosted(routing_strategy="FASTEST"), "routingStrategy", "'FASTEST'")
add("hm-ami", "none", hosted(inference_ami_version="al2-x"), "inferenceAmiVersion", "'al2-x'")
add("hm-ssm-str", "none", hosted(enable_ssm_access="yes"), "enableSsmAccess", "'yes'")
add(
    "hm-core-dump-http",
    "none",
    hosted(core_dump_config={"destination_s3_uri": "http://dumps/p"}),
    "coreDumpConfig",
    "'http://dumps/p'",
)
add(
    "hm-managed-min-0",
    "none",
    hosted(managed_instance_scaling={"min_instance_count": 0, "max_instance_count": 2}),
    "managedInstanceScaling",
    "minInstanceCount 0",
)
add(
    "hm-prefix-no-slash",
    "none",
    hosted(model_data_prefix="s3://weights/llama"),
    "modelDataPrefix",
    "'llama'",
)
add(
    "hm-eula-object",
    "none",
    hosted(model_data_url="s3://models/m.tar.gz", accept_eula=True),
    "acceptEula needs uncompressed model data",
    None,
)
add(
    "hm-multi-model-object",
    "none",
    hosted(model_data_url="s3://models/m.tar.gz", multi_model=True),
    "multiModel needs modelDataPrefix",
    "got modelDataUrl",
)
add("hm-args-str", "none", lambda c: HostedModel("hm", "x"), "args", "'x'")  # type: ignore[arg-type]


add(
    "alarm-name-list",
    "none",
    lambda c: M.create_alarm([], threshold=1, evaluation_periods=1),
    "name",
    "[]",
)  # type: ignore[arg-type]
add("alarm-operator-list", "none", alarm(comparison_operator=[]), "comparison_operator", "[]")
add("metric-statistic-list", "none", alarm(M.with_(statistic=[])), "statistic", "[]")
add("metric-label-list", "none", alarm(M.with_(label=["x"])), "label", "['x']")
add("math-label-list", "none", alarm(MATH("m", {"m": M}, label=["x"])), "label", "['x']")
add("find-list", EP, lambda c: c.endpoint.find_production_variant([]), "variant_name", "[]")  # type: ignore[union-attr, arg-type]
add(
    "track-name-list",
    S,
    lambda c: c.scaling.scale_to_track_metric([], target_value=1, predefined_metric=PREDEFINED),
    "name",
    "[]",
)
add(
    "invocations-name-list",
    S,
    lambda c: c.scaling.scale_on_invocations([], max_requests_per_second=1),
    "name",
    "[]",
)
add(
    "schedule-name-list",
    S,
    lambda c: c.scaling.scale_on_schedule([], schedule="rate(1 hour)", min_capacity=1),
    "name",
    "[]",
)
add(
    "steps-name-empty",
    S,
    lambda c: c.scaling.scale_on_metric("", metric=M, steps=[SI(change=1, lower=1)]),
    "name",
    "''",
)


# --- fixes after review: names, options, alarm actions and names, short buckets -----------------

add("model-name-empty", "none", lambda c: sm.Model("", containers=[C]), "name", "''")
add("model-name-int", "none", lambda c: sm.Model(123, containers=[C]), "name", "123")  # type: ignore[arg-type]
add(
    "model-opts-dict",
    "none",
    lambda c: sm.Model("m2", containers=[C], opts={"protect": True}),  # type: ignore[arg-type]
    "opts",
    "{'protect': True}",
)
add(
    "config-name-empty",
    "model",
    lambda c: sm.EndpointConfig("", instance_production_variants=[variant()(c)]),
    "name",
    "''",
)
add(
    "endpoint-name-none",
    "config",
    lambda c: sm.Endpoint(None, endpoint_config=c.config),  # type: ignore[arg-type]
    "name",
    "None",
)
add(
    "endpoint-opts-dict",
    "config",
    lambda c: sm.Endpoint("e2", endpoint_config=c.config, opts={}),  # type: ignore[arg-type]
    "opts",
    "{}",
)
add(
    "ic-name-int",
    "none",
    lambda c: sm.InferenceComponent(7, endpoint=None, model=None, compute=None),  # type: ignore[arg-type]
    "name",
    "7",
)
add(
    "adapter-name-int",
    "none",
    lambda c: sm.InferenceComponentAdapter(7, base=None, artifact=None),  # type: ignore[arg-type]
    "name",
    "7",
)
add(
    "adapter-base-none",
    "none",
    lambda c: sm.InferenceComponentAdapter("a", base=None, artifact="s3://b/a.tar.gz"),  # type: ignore[arg-type]
    "base",
    "NoneType",
)
add("hm-name-empty", "none", lambda c: HostedModel("", {"image_uri": "app"}), "name", "''")
add(
    "alarm-action-not-arn",
    "none",
    alarm(alarm_actions=["my-topic"]),
    "alarm_actions[0]",
    "'my-topic'",
)
add(
    "alarm-ok-action-s3",
    "none",
    alarm(ok_actions=[TOPIC, "arn:aws:s3:::bucket"]),
    "ok_actions[1]",
    "'arn:aws:s3:::bucket'",
)
add(
    "alarm-insufficient-action-queue",
    "none",
    alarm(insufficient_data_actions=["arn:aws:sqs:us-east-1:123456789012:q"]),
    "insufficient_data_actions[0]",
    "'arn:aws:sqs",
)
add(
    "hm-alarm-action-not-arn",
    "none",
    hosted(latency_alarm={"threshold": 1, "evaluation_periods": 1, "alarm_actions": ["t"]}),
    "latencyAlarm.alarmActions[0]",
    "'t'",
)
add(
    "alarm-name-newline",
    "none",
    lambda c: M.create_alarm("bad\nname", threshold=1, evaluation_periods=1),
    "name",
    "'bad\\nname'",
)
add(
    "alarm-physical-name-tab",
    "none",
    alarm(alarm_name="bad\tname"),
    "alarm_name",
    "'bad\\tname'",
)
add(
    "capture-bucket-2-chars",
    "model",
    capture("s3://bb/p"),
    "data_capture.destination_s3_uri",
    "bucket name has 3 to 63 characters",
)
add(
    "async-bucket-1-char",
    "model",
    asynchronous("s3://o/p"),
    f"{ASYNC}.output_path",
    "(bucket 'o')",
)


# --- the runner -----------------------------------------------------------------------------------

_BASELINES: dict[str, list[tuple[str, str]]] = {}


def _registrations(
    setup: str, bad: Callable[[Ctx], object] | None
) -> tuple[list[tuple[str, str]], ValidationError | None]:
    caught: list[ValidationError] = []
    with mocked_stack() as rec:

        def program() -> None:
            ctx = SETUPS[setup]()
            if bad is not None:
                with pytest.raises(ValidationError) as info:
                    bad(ctx)
                caught.append(info.value)

        run(program)
        registered = sorted((r.type, r.name) for r in rec.registrations)
    return registered, (caught[0] if caught else None)


def baseline(setup: str) -> list[tuple[str, str]]:
    if setup not in _BASELINES:
        _BASELINES[setup] = _registrations(setup, None)[0]
    return _BASELINES[setup]


def test_the_catalogue_is_large_unique_and_spread() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))
    assert len(CASES) >= 200
    assert {c.setup for c in CASES} == set(SETUPS)


@pytest.mark.parametrize("bad", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_a_validation_error_naming_argument_and_value_registering_nothing(
    bad: Case,
) -> None:
    registered, error = _registrations(bad.setup, bad.call)
    assert error is not None and type(error) is ValidationError
    message = str(error)
    assert bad.arg in message, message
    if bad.shown is not None:
        assert bad.shown in message, message
    assert registered == baseline(bad.setup)


# --- calls that used to fail half-way ------------------------------------------------------------


def test_default_rollback_alarms_check_every_variant_before_creating_any() -> None:
    # Variant b's 5XX alarm name is taken: before, variant a's two alarms were registered and
    # the call then failed on b. Now nothing of the call is registered.
    with mocked_stack() as rec:

        def program() -> None:
            ctx = _model()
            config = sm.EndpointConfig(
                "c",
                instance_production_variants=[
                    IPV(ctx.model, "a", instance_type="ml.m5.large"),  # type: ignore[arg-type]
                    IPV(ctx.model, "b", instance_type="ml.m5.large"),  # type: ignore[arg-type]
                ],
            )
            ep = sm.Endpoint(
                "e",
                endpoint_config=config,
                endpoint_name="e",
                deployment=BG(TR.all_at_once(wait_interval=60)),
            )
            ep.find_production_variant("b").metric_invocations().create_alarm(
                "b-Rollback5XXErrors", threshold=1, evaluation_periods=1
            )
            with pytest.raises(ValidationError) as info:
                ep.add_default_rollback_alarms(error_threshold=1, latency_threshold=1000)
            assert "variant 'b' alarm Rollback5XXErrors" in str(info.value)
            assert ep.rollback_alarms == ()

        run(program)
        alarms = [r.name for r in rec.of_type("aws:cloudwatch/metricAlarm:MetricAlarm")]
    assert alarms == ["e-b-Rollback5XXErrors"]


def test_environment_none_means_no_environment() -> None:
    with mocked_stack() as rec:
        run(lambda: sm.Model("m", containers=[sm.ContainerDefinition(IMAGE, environment=None)]))  # type: ignore[arg-type]
        (model_registration,) = rec.of_type("aws:sagemaker/model:Model")
    assert "environment" not in model_registration.inputs["primaryContainer"]


def test_whole_list_outputs_are_accepted_where_documented() -> None:
    with mocked_stack() as rec:

        def program() -> None:
            sm.Model(
                "m",
                containers=[C],
                vpc_subnet_ids=out(["subnet-1", "subnet-2"]),
                security_group_ids=out(["sg-1"]),
            )
            M.create_alarm("A", threshold=1, evaluation_periods=1, alarm_actions=out([TOPIC]))

        run(program)
        (model_registration,) = rec.of_type("aws:sagemaker/model:Model")
        (alarm_registration,) = rec.of_type("aws:cloudwatch/metricAlarm:MetricAlarm")
    assert model_registration.inputs["vpcConfig"] == {
        "subnets": ["subnet-1", "subnet-2"],
        "securityGroupIds": ["sg-1"],
    }
    assert alarm_registration.inputs["alarmActions"] == [TOPIC]


def test_unchecked_instance_type_passes_through() -> None:
    newer = sm.InstanceType.of("ml.x99.large", check=False)
    with mocked_stack() as rec:

        def program() -> None:
            m = sm.Model("m", containers=[C])
            sm.EndpointConfig("c", instance_production_variants=[IPV(m, "v", instance_type=newer)])

        run(program)
        (config,) = rec.of_type("aws:sagemaker/endpointConfiguration:EndpointConfiguration")
    assert config.inputs["productionVariants"][0]["instanceType"] == "ml.x99.large"


# --- values only known at deploy time: never checked inside an apply ------------------------------

POLICY = "aws:iam/rolePolicy:RolePolicy"


def _policy_resources(rec: Any) -> list[Any]:
    import json

    return [
        statement["Resource"]
        for policy in rec.of_type(POLICY)
        for statement in json.loads(policy.inputs["policy"])["Statement"]
    ]


def test_output_uris_that_are_not_s3_are_left_to_aws_not_raised_in_an_apply() -> None:
    # Before: a bare ValueError("not an s3:// URI") inside the grant's apply, after the model
    # and its role were registered. Now the stack registers; SageMaker refuses the URIs.
    with mocked_stack() as rec:

        def program() -> None:
            ctx = _model()
            sm.EndpointConfig(
                "c",
                instance_production_variants=[variant()(ctx)],
                data_capture=sm.DataCapture(out("http://x/y")),
                async_inference=sm.AsyncInference(out("https://o/p"), input_path=out("nope")),
            )

        run(program)
        resources = _policy_resources(rec)
        (config,) = rec.of_type("aws:sagemaker/endpointConfiguration:EndpointConfiguration")
    assert config.inputs["dataCaptureConfig"]["destinationS3Uri"] == "http://x/y"
    assert config.inputs["asyncInferenceConfig"]["outputConfig"]["s3OutputPath"] == "https://o/p"
    flat = [r for rs in resources for r in (rs if isinstance(rs, list) else [rs])]
    assert "arn:aws:s3:::x/y/*" in flat
    assert "arn:aws:s3:::o/p/*" in flat
    assert "arn:aws:s3:::nope/*" in flat


def test_hosted_model_output_prefix_that_is_not_s3_is_left_to_aws() -> None:
    # The grant's bucket and prefix are split from the URI inside an apply: never raised there.
    with mocked_stack() as rec:
        run(lambda: HostedModel("hm", {"image_uri": "app", "model_data_prefix": out("weights")}))
        resources = _policy_resources(rec)
        (model,) = rec.of_type("aws:sagemaker/model:Model")
    source = model.inputs["primaryContainer"]["modelDataSource"]["s3DataSources"][0]
    assert source["s3Uri"] == "weights"
    flat = [r for rs in resources for r in (rs if isinstance(rs, list) else [rs])]
    assert "arn:aws:s3:::weights/*" in flat


def test_output_role_that_is_not_an_arn_is_used_as_a_role_name() -> None:
    # Before: a ValidationError raised inside the apply computing the role name, after
    # registration. Now the policy is attached to the name; IAM/SageMaker judge it at deploy.
    with mocked_stack() as rec:
        run(lambda: sm.Model("m", containers=[C], role=out("not-an-arn")))
        (policy,) = rec.of_type(POLICY)
        (model_registration,) = rec.of_type("aws:sagemaker/model:Model")
    assert policy.inputs["role"] == "not-an-arn"
    assert model_registration.inputs["executionRoleArn"] == "not-an-arn"
    assert not rec.of_type("aws:iam/role:Role")


def test_output_environment_values_are_rendered_as_strings() -> None:
    # Before: a list Output crashed Pulumi's serializer after the role was registered.
    with mocked_stack() as rec:
        run(
            lambda: sm.Model(
                "m",
                containers=[
                    sm.ContainerDefinition(
                        IMAGE,
                        environment={
                            "A": out(["x", 1]),
                            "B": out("plain"),
                            "C": out(3),
                            "D": out(True),
                            "E": "known",
                            "F": out(2.5),
                            "G": out({"k": None}),
                            "H": pulumi.Output.secret(8080),
                            "UNSET": out(None),
                            "UNSET_PLAIN": None,
                        },
                    )
                ],
            )
        )
        (model_registration,) = rec.of_type("aws:sagemaker/model:Model")
    # SageMaker's Environment is string -> string: JSON text for what is not a string, and
    # None leaves the variable out, whether plain or resolved (as Pulumi drops a None).
    assert model_registration.inputs["primaryContainer"]["environment"] == {
        "A": '["x",1]',
        "B": "plain",
        "C": "3",
        "D": "true",
        "E": "known",
        "F": "2.5",
        "G": '{"k":null}',
        "H": "8080",
    }
    assert "primaryContainer" in model_registration.secret_inputs  # the converted secret stays one


def test_schedule_at_an_aware_datetime_keeps_its_instant_in_the_action_time_zone() -> None:
    import datetime as dt

    moment = dt.datetime(2026, 12, 24, 17, 0, tzinfo=dt.timezone.utc)
    berlin = dt.datetime(2026, 7, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert sm.Schedule.at(moment) == "at(2026-12-24T17:00:00)"
    with mocked_stack() as rec:

        def program() -> None:
            scaling = _scaling().scaling
            scaling.scale_on_schedule("utc", schedule=sm.Schedule.at(moment), min_capacity=1)
            scaling.scale_on_schedule(
                "winter",
                schedule=sm.Schedule.at(moment),
                min_capacity=1,
                timezone="Europe/Berlin",
            )
            scaling.scale_on_schedule(
                "summer",
                schedule=sm.Schedule.at(berlin),
                min_capacity=1,
                timezone="America/New_York",
            )
            naive = sm.Schedule.at(dt.datetime(2026, 12, 24, 17, 0))
            scaling.scale_on_schedule(
                "naive", schedule=naive, min_capacity=1, timezone="Europe/Berlin"
            )

        run(program)
        schedules = {
            r.name.rsplit("-", 1)[-1]: (r.inputs["schedule"], r.inputs.get("timezone"))
            for r in rec.of_type("aws:appautoscaling/scheduledAction:ScheduledAction")
        }
    assert schedules == {
        "utc": ("at(2026-12-24T17:00:00)", None),
        "winter": ("at(2026-12-24T18:00:00)", "Europe/Berlin"),  # UTC+1 in December
        "summer": ("at(2026-07-01T03:30:00)", "America/New_York"),  # 07:30 UTC, UTC-4
        "naive": ("at(2026-12-24T17:00:00)", "Europe/Berlin"),  # wall-clock, as given
    }


def test_whole_list_subnet_output_resolving_to_one_string_grants_that_id_only() -> None:
    # The grant is computed inside an apply: a string there was iterated into characters.
    with mocked_stack() as rec:
        run(
            lambda: sm.Model(
                "m", containers=[C], vpc_subnet_ids=out("subnet-1"), security_group_ids=out(None)
            )
        )
        resources = _policy_resources(rec)
    create = next(r for r in resources if isinstance(r, list) and any("subnet/" in x for x in r))
    assert [r for r in create if ":subnet/" in r] == [
        "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-1"
    ]
    assert not [r for r in create if ":security-group/" in r]
