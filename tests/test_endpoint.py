"""Endpoint: inputs, parents, outputs, variant handles, grants, imports, config changes (issue 4).

Mirrors the CDK alpha module's endpoint tests (reference §2.4, §4.4) where they make sense for
Pulumi.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

import pulumi
import pulumi_aws as aws
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting import ValidationError
from pulumi_sagemaker_hosting.testing import RecordingMonitor, Registration, mocked_stack, run

ENDPOINT_TYPE = "sagemaker-hosting:index:Endpoint"
ENDPOINT_RESOURCE_TYPE = "aws:sagemaker/endpoint:Endpoint"
CONFIG_TYPE = "sagemaker-hosting:index:EndpointConfig"
CONFIG_RESOURCE_TYPE = "aws:sagemaker/endpointConfiguration:EndpointConfiguration"
ROLE_POLICY_TYPE = "aws:iam/rolePolicy:RolePolicy"
STACK_URN = "urn:pulumi:stack::project::pulumi:pulumi:Stack::project-stack"
ACCOUNT, REGION = "123456789012", "us-east-1"
INVOKE_ACTIONS = [
    "sagemaker:InvokeEndpoint",
    "sagemaker:InvokeEndpointAsync",
    "sagemaker:InvokeEndpointWithResponseStream",
]
IMPORTED_CONFIG_ERROR = (
    "Endpoint 'ep': production variant lookup is not supported for an imported endpoint config"
)

IPV = sm.InstanceProductionVariant
SPV = sm.ServerlessProductionVariant


def imported(name: str = "m") -> sm.ModelReference:
    """A model that registers nothing."""
    return sm.Model.from_model_name(name)


def url(name: str, region: str = REGION) -> str:
    return f"https://runtime.sagemaker.{region}.amazonaws.com/endpoints/{name}/invocations"


def endpoint_arn(name: str, region: str = REGION, account: str = ACCOUNT) -> str:
    return f"arn:aws:sagemaker:{region}:{account}:endpoint/{name}"


def invoke_policy(arn: str) -> dict[str, Any]:
    """Exactly the three invoke actions on exactly one endpoint ARN."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": INVOKE_ACTIONS,
                "Resource": [arn],
                "Sid": "InvokeEndpoint",
            }
        ],
    }


def one_variant_endpoint(**endpoint_args: Any) -> sm.Endpoint:
    config = sm.EndpointConfig("cfg", instance_production_variants=[IPV(imported(), "variant")])
    return sm.Endpoint("ep", endpoint_config=config, **endpoint_args)


def assert_rejected(rec: RecordingMonitor, build: Callable[[], object], match: str) -> Any:
    """Run ``build`` as a program: it must raise ValidationError and register nothing."""
    caught: list[ValidationError] = []

    def program() -> None:
        with pytest.raises(ValidationError, match=match) as info:
            build()
        caught.append(info.value)

    run(program)
    assert rec.registrations == []
    (error,) = caught
    return error


# --- Inputs, parents, outputs --------------------------------------------------------------------


def test_endpoint_inputs_parent_chain_and_outputs(
    rec: RecordingMonitor, make_model: Callable[[str], sm.Model]
) -> None:
    resolved: dict[str, str] = {}

    def program() -> pulumi.Output[None]:
        config = sm.EndpointConfig(
            "cfg", instance_production_variants=[IPV(make_model("model"), "variant")]
        )
        endpoint = sm.Endpoint("ep", endpoint_config=config, endpoint_name=None)
        assert endpoint.endpoint_config is config

        def check(values: list[str]) -> None:
            name, arn, invocation_url, config_name = values
            assert re.fullmatch(r"ep-endpoint-[0-9a-f]{7}", name)
            assert arn == endpoint_arn(name)
            assert invocation_url == url(name)
            assert re.fullmatch(r"cfg-config-[0-9a-f]{7}", config_name)
            resolved.update(name=name, config_name=config_name)

        return pulumi.Output.all(
            endpoint.endpoint_name,
            endpoint.endpoint_arn,
            endpoint.invocation_url,
            config.endpoint_config_name,
        ).apply(check)

    run(program)
    component, resource = rec.named("ep"), rec.named("ep-endpoint")
    config_component, config = rec.named("cfg"), rec.named("cfg-config")
    assert (component.type, component.custom, component.parent) == (ENDPOINT_TYPE, False, STACK_URN)
    assert (resource.type, resource.custom) == (ENDPOINT_RESOURCE_TYPE, True)
    assert resource.parent == component.urn and resource.parent_name == "ep"
    assert resource.urn.endswith(f"{ENDPOINT_TYPE}${ENDPOINT_RESOURCE_TYPE}::ep-endpoint")
    assert (config_component.type, config_component.parent) == (CONFIG_TYPE, STACK_URN)
    assert (config.type, config.parent) == (CONFIG_RESOURCE_TYPE, config_component.urn)
    # endpointConfigName is the config's generated name, and nothing else is sent.
    assert resource.inputs == {"endpointConfigName": config.outputs["name"]}
    assert resource.inputs["endpointConfigName"] == resolved["config_name"]
    assert config.urn in resource.dependencies
    assert resource.outputs["name"] == resolved["name"]
    assert resource.outputs["arn"] == endpoint_arn(resolved["name"])
    assert rec.types()[ENDPOINT_RESOURCE_TYPE] == 1


def test_endpoint_name_fixes_the_physical_name_and_tags_render(rec: RecordingMonitor) -> None:
    def program() -> pulumi.Output[None]:
        endpoint = one_variant_endpoint(endpoint_name="my-endpoint", tags={"team": "ml"})

        def check(values: list[str]) -> None:
            assert values == ["my-endpoint", endpoint_arn("my-endpoint"), url("my-endpoint")]

        return pulumi.Output.all(
            endpoint.endpoint_name, endpoint.endpoint_arn, endpoint.invocation_url
        ).apply(check)

    run(program)
    config_name = rec.named("cfg-config").outputs["name"]
    assert rec.named("ep-endpoint").inputs == {
        "endpointConfigName": config_name,
        "name": "my-endpoint",
        "tags": {"team": "ml"},
    }


def test_endpoint_references_a_prefixed_config_by_its_generated_name(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        config = sm.EndpointConfig(
            "cfg",
            instance_production_variants=[IPV(imported(), "v")],
            endpoint_config_name="my-config",
        )
        sm.Endpoint("ep", endpoint_config=config)

    run(program)
    config = rec.named("cfg-config")
    assert config.inputs["namePrefix"] == "my-config-"
    assert re.fullmatch(r"my-config-[0-9a-f]{7}", config.outputs["name"])
    assert rec.named("ep-endpoint").inputs == {"endpointConfigName": config.outputs["name"]}


def test_endpoint_from_an_imported_config_uses_its_name(rec: RecordingMonitor) -> None:
    def program() -> None:
        sm.Endpoint("ep", endpoint_config=sm.EndpointConfig.from_endpoint_config_name("my-config"))
        sm.Endpoint(
            "ep2",
            endpoint_config=sm.EndpointConfig.from_endpoint_config_arn(
                f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:endpoint-config/other-config"
            ),
        )

    run(program)
    assert rec.named("ep-endpoint").inputs == {"endpointConfigName": "my-config"}
    assert rec.named("ep2-endpoint").inputs == {"endpointConfigName": "other-config"}
    assert rec.of_type(CONFIG_RESOURCE_TYPE) == []


@pytest.mark.parametrize(
    ("kwargs", "problems"),
    [
        (
            {"endpoint_config": "cfg"},
            ["endpoint_config must be an EndpointConfig or an imported reference, got str"],
        ),
        (
            {"endpoint_name": "bad_name"},
            [
                "endpoint_name must be 1-63 characters of letters, digits and hyphens, starting "
                "and ending with a letter or digit (pattern ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$), "
                "got 'bad_name'"
            ],
        ),
        (
            {"endpoint_config": None, "endpoint_name": "x" * 64},
            [
                "endpoint_config must be an EndpointConfig or an imported reference, got NoneType",
                "endpoint_name must be 1-63 characters of letters, digits and hyphens, starting "
                "and ending with a letter or digit (pattern ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$), "
                f"got {'x' * 64!r}",
            ],
        ),
        (
            # Neither a string nor an Output: refused before the name rule or Output handling.
            {"endpoint_name": 5},
            ["endpoint_name must be a string (or an Output of one), got 5 (int)"],
        ),
    ],
)
def test_bad_endpoint_arguments_are_rejected_and_nothing_is_registered(
    rec: RecordingMonitor, kwargs: dict[str, Any], problems: list[str]
) -> None:
    def build() -> object:
        args: dict[str, Any] = {
            "endpoint_config": sm.EndpointConfig.from_endpoint_config_name("my-config"),
            **kwargs,
        }
        return sm.Endpoint("ep", **args)

    error = assert_rejected(rec, build, r"^Endpoint 'ep': ")
    assert error.problems == problems


# --- The spec's example --------------------------------------------------------------------------


def test_spec_two_to_one_weights_example_and_its_endpoint(
    rec: RecordingMonitor, make_model: Callable[[str], sm.Model]
) -> None:
    def program() -> pulumi.Output[None]:
        model_a, model_b = make_model("modelA"), make_model("modelB")
        endpoint_config = sm.EndpointConfig(
            "EndpointConfig",
            production_variant=IPV(
                model=model_a, variant_name="modelA", initial_variant_weight=2.0
            ),
            extra_production_variants=[
                IPV(model=model_b, variant_name="variantB", initial_variant_weight=1.0)
            ],
        )
        endpoint = sm.Endpoint("Endpoint", endpoint_config=endpoint_config)
        return pulumi.Output.all(endpoint.endpoint_name, endpoint.invocation_url).apply(
            lambda values: None if values[1] == url(values[0]) else pytest.fail(repr(values))
        )

    run(program)
    config = rec.named("EndpointConfig-config")
    assert config.parent_name == "EndpointConfig"
    variants = config.inputs["productionVariants"]
    assert len(variants) == 2
    assert variants[0] == {
        "modelName": rec.named("modelA-model").outputs["name"],
        "variantName": "modelA",
        "instanceType": "ml.t2.medium",
        "initialInstanceCount": 1.0,
        "initialVariantWeight": 2.0,
    }
    assert variants[1] == {
        "modelName": rec.named("modelB-model").outputs["name"],
        "variantName": "variantB",
        "instanceType": "ml.t2.medium",
        "initialInstanceCount": 1.0,
        "initialVariantWeight": 1.0,
    }
    assert set(config.inputs) == {"productionVariants"}
    endpoint = rec.named("Endpoint-endpoint")
    assert endpoint.parent == rec.named("Endpoint").urn
    assert endpoint.inputs == {"endpointConfigName": config.outputs["name"]}


# --- Variant handles -----------------------------------------------------------------------------


def test_find_instance_production_variant_returns_a_cached_handle(rec: RecordingMonitor) -> None:
    def program() -> None:
        config = sm.EndpointConfig(
            "cfg",
            instance_production_variants=[
                IPV(imported(), "a", instance_type="ml.m5.large", initial_instance_count=3),
                IPV(imported(), "b"),
            ],
        )
        endpoint = sm.Endpoint("ep", endpoint_config=config)
        handle = endpoint.find_instance_production_variant("a")
        assert isinstance(handle, sm.EndpointProductionVariant)
        assert (handle.variant_name, handle.instance_type, handle.initial_instance_count) == (
            "a",
            "ml.m5.large",
            3,
        )
        assert handle.endpoint is endpoint
        assert handle.variant is config.production_variants[0]
        assert endpoint.find_instance_production_variant("a") is handle
        assert endpoint.find_production_variant("a") is handle
        other = endpoint.find_production_variant("b")
        assert (other.variant_name, other.instance_type, other.initial_instance_count) == (
            "b",
            "ml.t2.medium",
            1,
        )
        assert other is not handle
        assert endpoint.find_instance_production_variant("b") is other

    run(program)


@pytest.mark.parametrize(
    ("method", "kind"),
    [
        ("find_instance_production_variant", "instance variant"),
        ("find_production_variant", "variant"),
    ],
)
def test_unknown_variant_name_lists_the_known_ones(
    rec: RecordingMonitor, method: str, kind: str
) -> None:
    def program() -> None:
        config = sm.EndpointConfig(
            "cfg",
            instance_production_variants=[IPV(imported(), "variant"), IPV(imported(), "other")],
        )
        endpoint = sm.Endpoint("ep", endpoint_config=config)
        with pytest.raises(
            ValidationError,
            match=re.escape(
                f"Endpoint 'ep': no {kind} named 'missing-variant'; known: 'variant', 'other'"
            ),
        ):
            getattr(endpoint, method)("missing-variant")

    run(program)


def _serverless_endpoint() -> sm.Endpoint:
    config = sm.EndpointConfig(
        "cfg",
        serverless_production_variant=SPV(
            imported(), "s", max_concurrency=10, memory_size_in_mb=2048, provisioned_concurrency=2
        ),
    )
    return sm.Endpoint("ep", endpoint_config=config)


def test_serverless_variant_is_found_only_by_find_production_variant(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        endpoint = _serverless_endpoint()
        with pytest.raises(
            ValidationError,
            match=re.escape("Endpoint 'ep': no instance variant named 's'; known: none"),
        ):
            endpoint.find_instance_production_variant("s")
        handle = endpoint.find_production_variant("s")
        assert (handle.variant_name, handle.instance_type, handle.initial_instance_count) == (
            "s",
            None,
            None,
        )
        assert handle.endpoint is endpoint
        assert endpoint.find_production_variant("s") is handle
        assert endpoint.instance_production_variants == []

    run(program)


# Regression: failed at f4e6169, the handle cache bypassed the instance-only filter.
def test_serverless_variant_stays_hidden_from_instance_lookup_after_a_generic_lookup(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        endpoint = _serverless_endpoint()
        endpoint.find_production_variant("s")
        with pytest.raises(
            ValidationError,
            match=re.escape("Endpoint 'ep': no instance variant named 's'; known: none"),
        ):
            endpoint.find_instance_production_variant("s")

    run(program)


def test_instance_production_variants_property_lists_the_handles_in_order(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        config = sm.EndpointConfig(
            "cfg",
            instance_production_variants=[
                IPV(imported(), "first"),
                IPV(imported(), "second", instance_type="ml.c5.large", initial_instance_count=2),
            ],
        )
        endpoint = sm.Endpoint("ep", endpoint_config=config)
        handles = endpoint.instance_production_variants
        assert [(h.variant_name, h.instance_type, h.initial_instance_count) for h in handles] == [
            ("first", "ml.t2.medium", 1),
            ("second", "ml.c5.large", 2),
        ]
        assert all(h.endpoint is endpoint for h in handles)
        assert handles[0] is endpoint.find_instance_production_variant("first")
        assert endpoint.instance_production_variants[1] is handles[1]

    run(program)


def test_a_variant_added_after_the_endpoint_is_found(rec: RecordingMonitor) -> None:
    def program() -> None:
        config = sm.EndpointConfig("cfg", instance_production_variants=[IPV(imported(), "a")])
        endpoint = sm.Endpoint("ep", endpoint_config=config)
        config.add_instance_production_variant(IPV(imported(), "late"))
        assert endpoint.find_instance_production_variant("late").variant_name == "late"
        assert [h.variant_name for h in endpoint.instance_production_variants] == ["a", "late"]

    run(program)
    variants = rec.named("cfg-config").inputs["productionVariants"]
    assert [v["variantName"] for v in variants] == ["a", "late"]


@pytest.mark.parametrize(
    "lookup",
    [
        pytest.param(lambda e: e.find_instance_production_variant("variant"), id="find-instance"),
        pytest.param(lambda e: e.find_production_variant("variant"), id="find"),
        pytest.param(lambda e: e.instance_production_variants, id="property"),
    ],
)
@pytest.mark.parametrize(
    "config",
    [
        pytest.param(lambda: sm.EndpointConfig.from_endpoint_config_name("my-config"), id="name"),
        pytest.param(
            lambda: sm.EndpointConfig.from_endpoint_config_arn(
                f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:endpoint-config/my-config"
            ),
            id="arn",
        ),
    ],
)
def test_variant_lookup_on_an_imported_config_is_a_clear_error(
    rec: RecordingMonitor,
    lookup: Callable[[sm.Endpoint], object],
    config: Callable[[], sm.EndpointConfigReference],
) -> None:
    def program() -> None:
        endpoint = sm.Endpoint("ep", endpoint_config=config())
        with pytest.raises(ValidationError, match=re.escape(IMPORTED_CONFIG_ERROR)):
            lookup(endpoint)

    run(program)


# --- grant_invoke --------------------------------------------------------------------------------


def _policies(rec: RecordingMonitor) -> dict[str, Registration]:
    return {r.inputs["role"]: r for r in rec.of_type(ROLE_POLICY_TYPE)}


def test_grant_invoke_to_a_role_name_and_arns_with_and_without_a_path(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        endpoint = one_variant_endpoint()
        endpoint.grant_invoke("plain-role")
        endpoint.grant_invoke(f"arn:aws:iam::{ACCOUNT}:role/arn-role")
        endpoint.grant_invoke(f"arn:aws:iam::{ACCOUNT}:role/service-role/team/path-role")

    run(program)
    component, resource = rec.named("ep"), rec.named("ep-endpoint")
    arn = resource.outputs["arn"]
    assert arn == endpoint_arn(resource.outputs["name"])
    policies = _policies(rec)
    assert sorted(policies) == ["arn-role", "path-role", "plain-role"]
    for policy in policies.values():
        assert policy.parent == component.urn and policy.parent_name == "ep"
        assert set(policy.inputs) == {"role", "policy"}
        assert json.loads(policy.inputs["policy"]) == invoke_policy(arn)
        assert re.fullmatch(r"ep-invoke-[0-9a-f]{8}", policy.name)
        assert resource.urn in policy.dependencies
    assert len({p.name for p in policies.values()}) == 3
    assert policies["plain-role"].name == (
        f"ep-invoke-{hashlib.sha256(b'plain-role').hexdigest()[:8]}"
    )


def test_grant_invoke_to_a_role_resource_uses_its_name(rec: RecordingMonitor) -> None:
    def program() -> None:
        endpoint = one_variant_endpoint()
        role = aws.iam.Role("reader", assume_role_policy="{}")
        policy = endpoint.grant_invoke(role)
        assert isinstance(policy, aws.iam.RolePolicy)

    run(program)
    role, resource = rec.named("reader"), rec.named("ep-endpoint")
    (policy,) = rec.of_type(ROLE_POLICY_TYPE)
    assert policy.parent == rec.named("ep").urn
    assert policy.inputs == {
        "role": role.outputs["name"],
        "policy": policy.inputs["policy"],
    }
    assert json.loads(policy.inputs["policy"]) == invoke_policy(resource.outputs["arn"])
    assert role.urn in policy.dependencies and resource.urn in policy.dependencies


@pytest.mark.parametrize(
    ("grantee", "problem"),
    [
        (42, "grantee must be an aws.iam.Role, a role name or ARN, got int"),
        (None, "grantee must be an aws.iam.Role, a role name or ARN, got NoneType"),
        (
            "arn:aws:s3:::bucket",
            "grantee must be an IAM role ARN (arn:<partition>:iam::<account>:role/<name>), "
            "got 'arn:aws:s3:::bucket'",
        ),
        (
            f"arn:aws:iam::{ACCOUNT}:user/bob",
            "grantee must be an IAM role ARN (arn:<partition>:iam::<account>:role/<name>), "
            f"got 'arn:aws:iam::{ACCOUNT}:user/bob'",
        ),
        ("", "grantee must be a role name of 1-64 characters or a role ARN, got ''"),
        (
            "r" * 65,
            f"grantee must be a role name of 1-64 characters or a role ARN, got {'r' * 65!r}",
        ),
    ],
)
def test_grant_invoke_rejects_a_bad_grantee(
    rec: RecordingMonitor, grantee: object, problem: str
) -> None:
    def program() -> None:
        endpoint = one_variant_endpoint()
        with pytest.raises(ValidationError) as info:
            endpoint.grant_invoke(grantee)  # type: ignore[arg-type]
        assert str(info.value) == f"Endpoint 'ep': {problem}"

    run(program)
    assert rec.of_type(ROLE_POLICY_TYPE) == []


# --- Imported endpoints --------------------------------------------------------------------------


def test_from_endpoint_name_values(rec: RecordingMonitor) -> None:
    def program() -> pulumi.Output[None]:
        ref = sm.Endpoint.from_endpoint_name("my-name")
        assert isinstance(ref, sm.EndpointReference)

        def check(values: list[str]) -> None:
            assert values == ["my-name", endpoint_arn("my-name"), url("my-name")]

        return pulumi.Output.all(ref.endpoint_name, ref.endpoint_arn, ref.invocation_url).apply(
            check
        )

    run(program)
    assert rec.registrations == []


@pytest.mark.parametrize("factory", ["from_endpoint_arn", "from_endpoint_attributes"])
def test_from_endpoint_arn_and_attributes_values(rec: RecordingMonitor, factory: str) -> None:
    arn = endpoint_arn("my-name")

    def program() -> pulumi.Output[None]:
        if factory == "from_endpoint_arn":
            ref = sm.Endpoint.from_endpoint_arn(arn)
        else:
            ref = sm.Endpoint.from_endpoint_attributes(endpoint_arn=arn)

        def check(values: list[str]) -> None:
            assert values == ["my-name", arn, url("my-name")]

        return pulumi.Output.all(ref.endpoint_name, ref.endpoint_arn, ref.invocation_url).apply(
            check
        )

    run(program)
    assert rec.registrations == []


# Regression: failed at f4e6169, invocation_url used the stack's region.
def test_an_endpoint_imported_from_another_region_invokes_in_that_region(
    rec: RecordingMonitor,
) -> None:
    arn = "arn:aws:sagemaker:eu-west-1:210987654321:endpoint/other"

    def program() -> pulumi.Output[None]:
        ref = sm.Endpoint.from_endpoint_arn(arn)
        return pulumi.Output.all(ref.endpoint_name, ref.endpoint_arn, ref.invocation_url).apply(
            lambda values: (
                None
                if values == ["other", arn, url("other", "eu-west-1")]
                else pytest.fail(repr(values))
            )
        )

    run(program)


@pytest.mark.parametrize(
    ("build", "match"),
    [
        (
            lambda: sm.Endpoint.from_endpoint_name("bad_name"),
            r"^Endpoint\.from_endpoint_name: endpoint_name must be 1-63 characters.*'bad_name'$",
        ),
        (
            lambda: sm.Endpoint.from_endpoint_arn(f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:model/x"),
            r"^Endpoint\.from_endpoint_attributes: endpoint_arn must look like "
            r"arn:<partition>:sagemaker:<region>:<account>:endpoint/<name>, got '.*:model/x'$",
        ),
        (
            lambda: sm.Endpoint.from_endpoint_attributes(endpoint_arn="my-endpoint"),
            r"^Endpoint\.from_endpoint_attributes: endpoint_arn must look like .*"
            r"got 'my-endpoint'$",
        ),
        (
            lambda: sm.Endpoint.from_endpoint_arn(
                f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:endpoint-config/x"
            ),
            r"^Endpoint\.from_endpoint_attributes: endpoint_arn must look like .*"
            r"endpoint-config/x'$",
        ),
    ],
)
def test_bad_endpoint_imports_are_rejected(
    rec: RecordingMonitor, build: Callable[[], object], match: str
) -> None:
    assert_rejected(rec, build, match)


@pytest.mark.parametrize(
    "reference",
    [
        pytest.param(lambda: sm.Endpoint.from_endpoint_name("my-name"), id="name"),
        pytest.param(lambda: sm.Endpoint.from_endpoint_arn(endpoint_arn("my-name")), id="arn"),
    ],
)
def test_grant_invoke_on_an_imported_endpoint(
    rec: RecordingMonitor, reference: Callable[[], sm.EndpointReference]
) -> None:
    def program() -> None:
        policy = reference().grant_invoke(f"arn:aws:iam::{ACCOUNT}:role/service-role/app")
        assert isinstance(policy, aws.iam.RolePolicy)

    run(program)
    (policy,) = rec.registrations
    assert (policy.type, policy.parent) == (ROLE_POLICY_TYPE, STACK_URN)
    assert re.fullmatch(r"my-name-invoke-[0-9a-f]{8}", policy.name)
    assert policy.inputs["role"] == "app"
    assert set(policy.inputs) == {"role", "policy"}
    assert json.loads(policy.inputs["policy"]) == invoke_policy(endpoint_arn("my-name"))


def test_variant_lookup_on_an_imported_endpoint_is_a_clear_error(rec: RecordingMonitor) -> None:
    def program() -> None:
        ref = sm.Endpoint.from_endpoint_name("my-name")
        message = re.escape(
            "Endpoint 'my-name': production variant lookup is not supported for an imported "
            "endpoint"
        )
        with pytest.raises(ValidationError, match=message):
            ref.find_production_variant("variant")
        with pytest.raises(ValidationError, match=message):
            ref.find_instance_production_variant("variant")

    run(program)


# --- Config changes: a new config, the same endpoint ---------------------------------------------


def _deploy(variant: Callable[[], sm.InstanceProductionVariant]) -> dict[str, Registration]:
    """Deploy ``cfg`` + ``ep`` with one variant in a fresh stack; registrations by name."""
    with mocked_stack() as monitor:

        def program() -> None:
            config = sm.EndpointConfig("cfg", instance_production_variants=[variant()])
            sm.Endpoint("ep", endpoint_config=config)

        run(program)
        monitor.assert_unique_urns()
        return {r.name: r for r in monitor.registrations}


BASELINE = {"instance_type": "ml.m5.large", "initial_variant_weight": 1.0}


def _changed(model: str = "m", **changes: Any) -> Callable[[], sm.InstanceProductionVariant]:
    return lambda: IPV(imported(model), "v", **{**BASELINE, **changes})


@pytest.mark.parametrize(
    "changed",
    [
        pytest.param(_changed(instance_type="ml.c5.xlarge"), id="instance-type"),
        pytest.param(_changed(initial_variant_weight=0.25), id="weight"),
        pytest.param(_changed(initial_instance_count=4), id="count"),
        pytest.param(_changed(model="m2"), id="model"),
    ],
)
def test_a_config_change_is_a_new_auto_named_config_under_the_same_endpoint(
    changed: Callable[[], sm.InstanceProductionVariant],
) -> None:
    before = _deploy(_changed())
    after = _deploy(changed)
    for registrations in (before, after):
        config, endpoint = registrations["cfg-config"], registrations["ep-endpoint"]
        # Never a fixed physical name: replacing (create-before-delete) cannot collide.
        assert "name" not in config.inputs and "namePrefix" not in config.inputs
        assert config.options["deleteBeforeReplace"] is False
        # The Endpoint follows whatever name the (new) config gets.
        assert endpoint.inputs == {"endpointConfigName": config.outputs["name"]}
        assert config.urn in endpoint.dependencies
    # The contents differ (all replace-only inputs) ...
    assert before["cfg-config"].inputs != after["cfg-config"].inputs
    # ... but no logical name depends on them: same URNs, so Pulumi replaces the config
    # resource and updates the same endpoint in place.
    assert {n: r.urn for n, r in before.items()} == {n: r.urn for n, r in after.items()}
    assert sorted(before) == ["cfg", "cfg-config", "ep", "ep-endpoint"]


@settings(max_examples=15, deadline=None, database=None)
@given(
    instance_type=st.sampled_from(["ml.t2.medium", "ml.m5.large", "ml.g5.xlarge", "ml.c6i.large"]),
    weight=st.floats(min_value=0, max_value=100, allow_nan=False),
    count=st.integers(min_value=1, max_value=50),
    model=st.sampled_from(["m", "m2", "model-b"]),
)
def test_property_logical_names_do_not_depend_on_variant_contents(
    instance_type: str, weight: float, count: int, model: str
) -> None:
    registrations = _deploy(
        lambda: IPV(
            imported(model),
            "v",
            instance_type=instance_type,
            initial_variant_weight=weight,
            initial_instance_count=count,
        )
    )
    config, endpoint = registrations["cfg-config"], registrations["ep-endpoint"]
    assert config.urn.endswith(f"{CONFIG_TYPE}${CONFIG_RESOURCE_TYPE}::cfg-config")
    assert endpoint.urn.endswith(f"{ENDPOINT_TYPE}${ENDPOINT_RESOURCE_TYPE}::ep-endpoint")
    assert config.inputs == {
        "productionVariants": [
            {
                "modelName": model,
                "variantName": "v",
                "instanceType": instance_type,
                "initialInstanceCount": float(count),
                "initialVariantWeight": weight,
            }
        ]
    }
    assert endpoint.inputs == {"endpointConfigName": config.outputs["name"]}


def test_granting_the_same_role_twice_is_one_policy(rec: RecordingMonitor) -> None:
    def program() -> None:
        endpoint = one_variant_endpoint()
        first = endpoint.grant_invoke("arn:aws:iam::123456789012:role/app")
        assert endpoint.grant_invoke("app") is first  # same role by name: same policy
        endpoint.grant_invoke("other")

    run(program)
    assert len(rec.of_type("aws:iam/rolePolicy:RolePolicy")) == 2  # two grantees (imported model)


def test_imported_names_are_lowercased_in_arns(rec: RecordingMonitor) -> None:
    def program() -> pulumi.Output[None]:
        model = sm.Model.from_model_name("MyModel")
        config = sm.EndpointConfig.from_endpoint_config_name("MyConfig")
        return pulumi.Output.all(model.model_arn, config.endpoint_config_arn).apply(
            lambda arns: (
                None
                if arns
                == [
                    f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:model/mymodel",
                    f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:endpoint-config/myconfig",
                ]
                else pytest.fail(f"unexpected ARNs {arns}")
            )
        )

    run(program)
