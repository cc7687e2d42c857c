"""Logical names are unambiguous by construction; a collision is a ValidationError."""

from __future__ import annotations

import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting import ValidationError
from pulumi_sagemaker_hosting._naming import join
from pulumi_sagemaker_hosting.testing import RecordingMonitor, run

IPV = sm.InstanceProductionVariant
SCALING = "sagemaker-hosting:index:ScalableInstanceCount"
ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"
POLICY = "aws:appautoscaling/policy:Policy"


def endpoint(name: str, variant: str, **kwargs: object) -> sm.Endpoint:
    config = sm.EndpointConfig(
        f"{name}-cfg",
        instance_production_variants=[
            IPV(sm.Model.from_model_name("m"), variant, instance_type="ml.m5.large")
        ],
    )
    return sm.Endpoint(name, endpoint_config=config, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("owner", "member", "expected"),
    [("ep", "v", "ep-v"), ("a-b", "c", "a-b/c"), ("a", "b-c", "a-b-c"), ("x/y", "z", "x/y-z")],
)
def test_join_is_readable_without_hyphens_and_unambiguous_with_them(
    owner: str, member: str, expected: str
) -> None:
    assert join(owner, member) == expected


def test_join_never_maps_two_pairs_to_one_name() -> None:
    parts = ["a", "b", "a-b", "b-c", "a/b", "a-b/c", "-", "a-", "-b", "x-y-z"]
    members = [p for p in parts if "/" not in p]  # members never contain '/'
    names = {join(o, m): (o, m) for o in parts for m in members}
    assert len(names) == len(parts) * len(members)


def test_hyphenated_endpoint_and_variant_names_do_not_collide(rec: RecordingMonitor) -> None:
    def program() -> None:
        for name, variant in (("a-b", "c"), ("a", "b-c")):
            handle = endpoint(name, variant).find_production_variant(variant)
            scaling = handle.auto_scale_instance_count(max_capacity=3)
            scaling.scale_on_invocations("rps", max_requests_per_second=10)
            handle.metric_model_latency().create_alarm("slow", threshold=1, evaluation_periods=1)

    run(program)
    assert sorted(r.name for r in rec.of_type(SCALING)) == [
        "a-b-c-instance-count",
        "a-b/c-instance-count",
    ]
    assert sorted(r.name for r in rec.of_type(POLICY)) == [
        "a-b-c-instance-count-rps",
        "a-b/c-instance-count-rps",
    ]
    assert sorted(r.name for r in rec.of_type(ALARM)) == ["a-b/slow", "a-slow"]
    assert {r.name: r.parent_name for r in rec.of_type(ALARM)} == {"a-b/slow": "a-b", "a-slow": "a"}


def test_alarms_of_two_endpoints_do_not_collide(rec: RecordingMonitor) -> None:
    # "c-x" on endpoint a-b and "b-c-x" on endpoint a were both a-b-c-x.
    def program() -> None:
        endpoint("a-b", "v").find_production_variant("v").metric_invocations().create_alarm(
            "c-x", threshold=1, evaluation_periods=1
        )
        endpoint("a", "v").find_production_variant("v").metric_invocations().create_alarm(
            "b-c-x", threshold=1, evaluation_periods=1
        )

    run(program)
    assert sorted(r.name for r in rec.of_type(ALARM)) == ["a-b-c-x", "a-b/c-x"]


def test_default_rollback_alarms_of_hyphenated_endpoints_do_not_collide(
    rec: RecordingMonitor,
) -> None:
    deployment = sm.BlueGreenDeployment(sm.TrafficRouting.all_at_once(wait_interval=60))

    def program() -> None:
        for name, variant in (("a-b", "c"), ("a", "b-c")):
            ep = endpoint(name, variant, endpoint_name=name, deployment=deployment)
            ep.add_default_rollback_alarms(error_threshold=1, latency_threshold=1000)

    run(program)
    assert sorted(r.name for r in rec.of_type(ALARM)) == [
        "a-b-c-Rollback5XXErrors",
        "a-b-c-RollbackModelLatencyP99",
        "a-b/c-Rollback5XXErrors",
        "a-b/c-RollbackModelLatencyP99",
    ]


def test_step_scaling_alarms_keep_their_names_and_stay_unambiguous(
    rec: RecordingMonitor,
) -> None:
    def program() -> None:
        for name, variant in (("ep", "v"), ("a-b", "c")):
            handle = endpoint(name, variant).find_production_variant(variant)
            handle.auto_scale_instance_count(max_capacity=3).scale_on_metric(
                "cpu",
                metric=handle.metric_cpu_utilization(),
                steps=[sm.ScalingInterval(upper=10, change=-1),
                               sm.ScalingInterval(lower=80, change=1)],
            )  # fmt: skip

    run(program)
    assert sorted(r.name for r in rec.of_type(ALARM)) == [
        "a-b/c-instance-count-cpu-in-alarm",
        "a-b/c-instance-count-cpu-out-alarm",
        "ep-v-instance-count-cpu-in-alarm",
        "ep-v-instance-count-cpu-out-alarm",
    ]


def test_two_unscoped_alarms_with_one_name_are_a_validation_error(rec: RecordingMonitor) -> None:
    metric = sm.Metric("AWS/SageMaker", "Invocations")

    def program() -> None:
        metric.create_alarm("X", threshold=1, evaluation_periods=1)
        with pytest.raises(ValidationError) as caught:
            metric.with_(statistic="Sum").create_alarm("X", threshold=2, evaluation_periods=1)
        assert str(caught.value) == (
            "Alarm 'X': the logical name 'X' of a aws:cloudwatch/metricAlarm:MetricAlarm is "
            "already used by another one under the same parent types (Alarm 'X'); Pulumi would "
            "give both one URN: rename one of them"
        )

    run(program)
    assert [r.inputs["threshold"] for r in rec.of_type(ALARM)] == [1.0]


def test_two_components_with_one_name_fail_before_any_child(rec: RecordingMonitor) -> None:
    image = sm.ContainerImage.from_ecr_repository("repo", "v1")

    def program() -> None:
        sm.Model("m", containers=[sm.ContainerDefinition(image)])
        with pytest.raises(ValidationError, match=r"the logical name 'm' of a sagemaker-hosting:"):
            sm.Model("m", containers=[sm.ContainerDefinition(image)])

    run(program)
    assert [r.name for r in rec.registrations if r.type.startswith("aws:")] == [
        "m-role",
        "m-policy",
        "m-model",
    ]


def test_a_grant_named_like_another_models_policy_is_a_validation_error(
    rec: RecordingMonitor,
) -> None:
    image = sm.ContainerImage.from_ecr_repository("repo", "v1")

    def program() -> None:
        sm.Model("a-policy", containers=[sm.ContainerDefinition(image)])  # a-policy-policy
        model = sm.Model("a", containers=[sm.ContainerDefinition(image)])
        with pytest.raises(ValidationError) as caught:
            model.grant(
                "policy", [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}]
            )
        assert "'a-policy-policy' of a aws:iam/rolePolicy:RolePolicy is already used" in str(
            caught.value
        )
        assert caught.value.component == "Model 'a'"

    run(program)


@pytest.mark.parametrize("kind", ["alarm", "policy"])
def test_a_slash_in_a_member_name_is_refused(rec: RecordingMonitor, kind: str) -> None:
    def program() -> None:
        handle = endpoint("ep", "v").find_production_variant("v")
        scaling = handle.auto_scale_instance_count(max_capacity=2)
        registered = len(rec.registrations)
        with pytest.raises(ValidationError, match=r"name must not contain '/'.*got 'x/y'"):
            if kind == "alarm":
                handle.metric_invocations().create_alarm("x/y", threshold=1, evaluation_periods=1)
            else:
                scaling.scale_on_invocations("x/y", max_requests_per_second=1)
        assert len(rec.registrations) == registered

    run(program)


# --- Physical names ------------------------------------------------------------------------

LONG = "a-very-long-logical-name-for-a-hosted-model-that-goes-on-and-on"  # 63 characters


def hosted(name: str) -> None:
    model = sm.Model(
        name,
        containers=[sm.ContainerDefinition(sm.ContainerImage.from_ecr_repository("repo", "v1"))],
    )
    config = sm.EndpointConfig(
        name, instance_production_variants=[IPV(model, "v", instance_type="ml.m5.large")]
    )
    sm.Endpoint(name, endpoint_config=config)


def test_valid_short_logical_names_keep_pulumi_auto_naming(rec: RecordingMonitor) -> None:
    run(lambda: hosted("svc"))
    assert "name" not in rec.named("svc-model").inputs
    assert "namePrefix" not in rec.named("svc-config").inputs
    assert "name" not in rec.named("svc-endpoint").inputs


@pytest.mark.parametrize("name", ["my_model", LONG, "über model"])
def test_logical_names_auto_naming_cannot_serve_get_valid_unique_names(
    rec: RecordingMonitor, name: str
) -> None:
    run(lambda: hosted(name))
    model = rec.named(f"{name}-model").inputs["name"]
    prefix = rec.named(f"{name}-config").inputs["namePrefix"]
    endpoint = rec.named(f"{name}-endpoint").inputs["name"]
    for physical in (model, endpoint):
        assert sm_name(physical) and len(physical) <= 63
        assert physical.rsplit("-", 1)[1].isalnum() and len(physical.rsplit("-", 1)[1]) == 8
    assert sm_name(prefix.rstrip("-")) and len(prefix) <= 37  # the provider adds 26


def sm_name(value: str) -> bool:
    from pulumi_sagemaker_hosting._naming import check_name

    return check_name(value) is None


def test_names_that_sanitize_alike_still_differ(rec: RecordingMonitor) -> None:
    def program() -> None:
        hosted("a_b")
        hosted("a.b")

    run(program)
    models = {rec.named(f"{n}-model").inputs["name"] for n in ("a_b", "a.b")}
    endpoints = {rec.named(f"{n}-endpoint").inputs["name"] for n in ("a_b", "a.b")}
    assert len(models) == 2 and len(endpoints) == 2
    assert all(n.startswith("a-b-") for n in models | endpoints)
