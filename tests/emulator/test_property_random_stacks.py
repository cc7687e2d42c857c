"""Property: every random configuration either deploys InService on the emulator, or is
refused with a ValidationError before the refusing component registers anything.

Random stacks cover models (network isolation, VPC, pipelines, execution modes), instance
and serverless variants, shadows, auto scaling, alarms (extended statistics, the one-day
rule), data capture, asynchronous inference and deployment guardrails, valid and not.

The default run is short (``PROPERTY_EXAMPLES``, 40). The long run, 1,000 random examples::

    SAGEMAKER_HOSTING_PROPERTY_EXAMPLES=1000 .venv/bin/pytest \
        tests/emulator/test_property_random_stacks.py
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting import ValidationError
from pulumi_sagemaker_hosting.testing import AwsEmulator, mocked_stack, run

#: Examples of the default run; the environment variable asks for more (the long run).
PROPERTY_EXAMPLES = int(os.environ.get("SAGEMAKER_HOSTING_PROPERTY_EXAMPLES", "40"))
LONG_RUN = "SAGEMAKER_HOSTING_PROPERTY_EXAMPLES" in os.environ

IMAGE = sm.ContainerImage.from_ecr_repository("serve", "v1")
INSTANCE_TYPES = [
    "ml.m5.large",
    "ml.c5.xlarge",
    "ml.g5.xlarge",
    "ml.m5.large",
    "ml.t2.medium",
    "ml.inf1.xlarge",
]
STATISTICS = ["Average", "p99", "tm90", "IQM", "TM(10%:90%)", "PR(:300)", "Median", "p101"]


@dataclass
class Stack:
    """One random configuration (what the program builds)."""

    containers: int
    execution_mode: str | None
    network_isolation: bool
    vpc: bool
    serverless: bool
    instance_types: list[str]
    counts: list[int]
    memory: int
    max_concurrency: int
    provisioned: int | None
    shadow: bool
    capture: bool
    async_inference: bool
    guardrails: str | None
    scaling: tuple[int, int] | None
    alarm: tuple[str, int, int] | None
    extra: dict[str, Any] = field(default_factory=dict)


stacks = st.builds(
    Stack,
    containers=st.sampled_from([1, 1, 1, 2, 3]),
    execution_mode=st.sampled_from([None, None, "Serial", "Direct"]),
    network_isolation=st.sampled_from([False, False, True]),
    vpc=st.sampled_from([False, False, True]),
    serverless=st.booleans(),
    instance_types=st.lists(st.sampled_from(INSTANCE_TYPES), min_size=1, max_size=2),
    counts=st.lists(st.sampled_from([1, 2, 3, 1, 2, 1, 1, 1, 0]), min_size=2, max_size=2),
    memory=st.sampled_from([1024, 2048, 6144, 1000]),
    max_concurrency=st.sampled_from([5, 1, 200, 5, 0, 201]),
    provisioned=st.sampled_from([None, 1, None, 2, None, 0, 9]),
    shadow=st.sampled_from([False, False, False, True]),
    capture=st.sampled_from([False, False, True]),
    async_inference=st.sampled_from([False, False, False, True]),
    guardrails=st.sampled_from([None, "all-at-once", "canary", "linear"]),
    scaling=st.one_of(st.none(), st.tuples(st.integers(0, 3), st.integers(1, 6))),
    alarm=st.one_of(
        st.none(),
        st.tuples(
            st.sampled_from(STATISTICS), st.sampled_from([60, 300, 3600]), st.integers(1, 30)
        ),
    ),
)


def build(stack: Stack, n: int = 0) -> tuple[str, str] | None:
    """Build the program; None, or (what refused it, the prefix of its resources' names).

    Names carry the example number ``n``: one emulated account serves every example.
    """
    hostnames = stack.execution_mode == "Direct"
    containers = [
        sm.ContainerDefinition(IMAGE, container_hostname=f"c{i}" if hostnames else None)
        for i in range(stack.containers)
    ]
    try:
        model = sm.Model(
            f"model{n}",
            containers=containers,
            network_isolation=stack.network_isolation or None,
            vpc_subnet_ids=["subnet-0a", "subnet-0b"] if stack.vpc else None,
            security_group_ids=["sg-0a"] if stack.vpc else None,
            inference_execution_mode=stack.execution_mode,
        )
    except ValidationError:
        return "model", f"model{n}"
    try:
        if stack.serverless:
            variant = sm.ServerlessProductionVariant(
                model=model,
                variant_name="serverless",
                max_concurrency=stack.max_concurrency,
                memory_size_in_mb=stack.memory,
                provisioned_concurrency=stack.provisioned,
            )
            kwargs: dict[str, Any] = {"serverless_production_variant": variant}
        else:
            kwargs = {
                "instance_production_variants": [
                    sm.InstanceProductionVariant(
                        model=model,
                        variant_name=f"v{i}",
                        instance_type=kind,
                        initial_instance_count=stack.counts[i],
                    )
                    for i, kind in enumerate(stack.instance_types)
                ]
            }
        if stack.shadow:
            kwargs["shadow_production_variants"] = [
                sm.InstanceProductionVariant(
                    model=model, variant_name="shadow", instance_type="ml.m5.large"
                )
            ]
        if stack.capture:
            kwargs["data_capture"] = sm.DataCapture("s3://captures/prefix")
        if stack.async_inference:
            kwargs["async_inference"] = sm.AsyncInference(output_path="s3://async/out")
        config = sm.EndpointConfig(f"config{n}", **kwargs)
    except ValidationError:
        return "config", f"config{n}"
    try:
        deployment = None
        if stack.guardrails is not None:
            routing = {
                "all-at-once": lambda: sm.TrafficRouting.all_at_once(wait_interval=60),
                "canary": lambda: sm.TrafficRouting.canary(
                    sm.CapacitySize.percent(10), wait_interval=60
                ),
                "linear": lambda: sm.TrafficRouting.linear(
                    sm.CapacitySize.percent(50), wait_interval=60
                ),
            }[stack.guardrails]()
            deployment = sm.BlueGreenDeployment(routing)
        endpoint = sm.Endpoint(
            f"endpoint{n}", endpoint_config=config, endpoint_name=f"ep{n}", deployment=deployment
        )
    except ValidationError:
        return "endpoint", f"endpoint{n}"
    handle = endpoint.find_production_variant(config.production_variants[0].variant_name)
    if stack.scaling is not None:
        low, high = stack.scaling
        try:
            if stack.serverless:
                handle.auto_scale_provisioned_concurrency(min_capacity=low, max_capacity=high)
            else:
                scaling = handle.auto_scale_instance_count(min_capacity=low, max_capacity=high)
                scaling.scale_on_invocations("rps", max_requests_per_second=5)
        except ValidationError:
            return "scaling", f"endpoint{n}-{handle.variant_name}-"
    if stack.alarm is not None:
        statistic, period, periods = stack.alarm
        try:
            handle.metric_model_latency(statistic=statistic, period=period).create_alarm(
                "latency", threshold=1000, evaluation_periods=periods
            )
        except ValidationError:
            return "alarm", f"endpoint{n}-latency"
    return None


#: Outcomes so far, ``{"deployed": n, "<component> refused": n}`` (reported by the long run).
OUTCOMES: dict[str, int] = {}


def check(emulator: AwsEmulator, stack: Stack, n: int) -> None:
    """Run example ``n`` on ``emulator`` and assert the property."""
    refused: list[tuple[str, str] | None] = []
    with mocked_stack(emulator) as recorder:
        run(lambda: refused.append(build(stack, n)))
        names = [r.name for r in recorder.registrations]
    outcome = "deployed" if refused[0] is None else f"{refused[0][0]} refused"
    OUTCOMES[outcome] = OUTCOMES.get(outcome, 0) + 1
    if refused[0] is None:
        assert emulator.describe_endpoint(f"ep{n}")["EndpointStatus"] == "InService"
    else:
        # The refusing component registered nothing: no resource under its (unique) name.
        prefix = refused[0][1]
        assert not [x for x in names if x.startswith(prefix)], names


#: One instance variant of one model, nothing else: the explicit examples below change a few fields.
_PLAIN = Stack(
    containers=1,
    execution_mode=None,
    network_isolation=False,
    vpc=False,
    serverless=False,
    instance_types=["ml.m5.large"],
    counts=[1, 1],
    memory=2048,
    max_concurrency=5,
    provisioned=None,
    shadow=False,
    capture=False,
    async_inference=False,
    guardrails=None,
    scaling=None,
    alarm=("p99", 60, 1),
)


@settings(
    max_examples=PROPERTY_EXAMPLES,
    deadline=None,
    database=None,
    derandomize=not LONG_RUN,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Rich stacks that must deploy, whatever the random draw: each a plain stack with a few changes.
@example(
    replace(
        _PLAIN,
        containers=2,
        execution_mode="Serial",
        vpc=True,
        instance_types=["ml.m5.large", "ml.c5.xlarge"],
        counts=[2, 1],
        capture=True,
        guardrails="canary",
        scaling=(1, 4),
        alarm=("tm90", 60, 5),
    )
)
@example(replace(_PLAIN, serverless=True, provisioned=2, scaling=(1, 4), alarm=("IQM", 300, 3)))
@example(
    replace(
        _PLAIN,
        network_isolation=True,
        capture=True,
        async_inference=True,
        scaling=(0, 2),
        alarm=("p99", 60, 1),
    )
)
@example(replace(_PLAIN, shadow=True, guardrails="all-at-once", alarm=("TM(10%:90%)", 3600, 24)))
@given(stacks)
def _property(emulator: AwsEmulator, counter: list[int], stack: Stack) -> None:
    counter[0] += 1
    check(emulator, stack, counter[0])


def test_random_stacks_deploy_or_are_refused_before_registration() -> None:
    # One emulated account for every example (starting moto per example would dominate).
    with AwsEmulator() as emulator:
        _property(emulator, [0])
    assert OUTCOMES.get("deployed", 0) >= 4  # at least the explicit rich examples
    assert sum(OUTCOMES.values()) > OUTCOMES.get("deployed", 0)


def teardown_module() -> None:
    """Print how the examples ended (shown with ``-s``): both outcomes must occur."""
    print(f"\nproperty outcomes: {dict(sorted(OUTCOMES.items()))}")
