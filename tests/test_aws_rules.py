"""The generated AWS field rules and instance types match the installed botocore; the checker."""

from __future__ import annotations

import importlib.util
import math
import pathlib
import subprocess
import sys

import botocore
import botocore.session
import pulumi
import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting import _validation as v
from pulumi_sagemaker_hosting._aws_rules import BOTOCORE_VERSION, RULES
from pulumi_sagemaker_hosting._instance_type_names import HOSTING_INSTANCE_TYPES

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _generator() -> object:
    spec = importlib.util.spec_from_file_location(
        "gen_aws_rules", ROOT / "scripts/gen_aws_rules.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_rules_equal_what_the_installed_botocore_gives() -> None:
    gen = _generator()
    assert (ROOT / "pulumi_sagemaker_hosting/_aws_rules.py").read_text() == gen.render_rules()  # type: ignore[attr-defined]
    assert (
        ROOT / "pulumi_sagemaker_hosting/_instance_type_names.py"
    ).read_text() == gen.render_instance_types()  # type: ignore[attr-defined]
    assert botocore.__version__ == BOTOCORE_VERSION


def test_check_mode_reports_up_to_date() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts/gen_aws_rules.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_instance_types_are_botocore_hosting_enum_and_constants_cover_it() -> None:
    enum = botocore.session.get_session().get_service_model("sagemaker")
    types = set(enum.shape_for("ProductionVariantInstanceType").enum)
    assert types == HOSTING_INSTANCE_TYPES
    constants = {v for k, v in vars(sm.InstanceType).items() if k.isupper()} | {
        v for k, v in vars(type.mro(sm.InstanceType)[1]).items() if k.isupper()
    }
    assert constants == types
    assert sm.InstanceType.M5_LARGE == "ml.m5.large"
    assert sm.InstanceType.P6_B200_48XLARGE == "ml.p6-b200.48xlarge"
    assert not hasattr(sm.InstanceType, "T3_MEDIUM")  # ml.t3 is not a hosting type


def test_every_rendered_field_has_a_rule_with_a_compilable_pattern() -> None:
    assert len(RULES) > 100
    for path in RULES:
        if "pattern" in RULES[path]:
            v._regex(path)


@pytest.mark.parametrize(
    ("key", "ok"),
    [
        ("team", True),
        ("Équipe 2", True),  # Unicode letters and separators
        ("cost-center/a_b.c:d=e+f@g", True),
        ("名前", True),
        ("bad#key", False),
        ("tab\tkey", False),  # a control character is not a separator
        ("", False),
    ],
)
def test_tag_key_pattern_translates_java_unicode_classes(key: str, ok: bool) -> None:
    found = v.field("sagemaker.CreateModel.Tags[].Key", "tags key", key)
    assert (found == []) is ok, found


def test_policy_name_print_class_is_ascii_only() -> None:
    path = "application-autoscaling.PutScalingPolicy.PolicyName"
    assert v.field(path, "policy_name", "scale-out 1") == []
    assert v.field(path, "policy_name", "échelle") != []


def test_schedule_pattern_accepts_astral_characters() -> None:
    assert (
        v.field("application-autoscaling.PutScheduledAction.Timezone", "tz", "UTC\U0001f600") == []
    )


def test_messages_name_argument_rule_and_value() -> None:
    [message] = v.field("sagemaker.CreateModel.Containers[].Image", "image", "x" * 300)
    assert message.startswith("image must be at most 255 characters long, got 'xxx")
    assert "(300 characters)" in message
    [message] = v.field("sagemaker.CreateModel.InferenceExecutionConfig.Mode", "mode", "Fast")
    assert message == "mode must be one of Serial, Direct, got 'Fast'"
    [message] = v.field(
        "sagemaker.CreateEndpointConfig.ProductionVariants[].InstanceType",
        "instance_type",
        "ml.m5.lrge",
        what="a hosting instance type",
    )
    assert "closest: ml.m5.large" in message and "ml.c4.large" not in message.split("closest")[0]
    assert message.count(",") <= 3  # never the whole list


@pytest.mark.parametrize(
    ("value", "ok"),
    [(1, True), (2**31 - 1, True), (2**31, False), (-1, True), (2.0, True), (2.5, False),
     (True, False), (math.nan, False), (math.inf, False), ("3", False)],
)  # fmt: skip
def test_integer_fields_are_32_bit(value: object, ok: bool) -> None:
    found = v.field("application-autoscaling.RegisterScalableTarget.MaxCapacity", "max", value)
    assert (found == []) is ok, found


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, True, "1"])
def test_double_fields_refuse_nan_inf_bool_and_text(value: object) -> None:
    [message] = v.field("cloudwatch.PutMetricAlarm.Threshold", "threshold", value)
    assert message.startswith("threshold must be a finite number, got ")


def test_unknown_values_are_skipped() -> None:
    out = pulumi.Output.from_input("x" * 5000)
    assert v.field("sagemaker.CreateModel.Containers[].Image", "image", out) == []
    assert v.items("cloudwatch.PutMetricAlarm.AlarmActions", "alarm_actions", out) == []


def test_lists_refuse_strings_and_check_each_item() -> None:
    [message] = v.items("sagemaker.CreateModel.VpcConfig.Subnets", "vpc_subnet_ids", "subnet-1")
    assert message == "vpc_subnet_ids must be a list, got 'subnet-1' (str)"
    [message] = v.items("sagemaker.CreateModel.VpcConfig.Subnets", "vpc_subnet_ids", ["subnet_1"])
    assert message.startswith("vpc_subnet_ids[0] must match the pattern ^[-0-9a-zA-Z]+$")


def test_environment_counts_utf8_bytes() -> None:
    path = "sagemaker.CreateModel.Containers[].Environment"
    assert v.environment("environment", {"A": "é" * 512}, path) == []
    [message] = v.environment("environment", {"A": "é" * 513}, path)
    assert "must be at most 1024 bytes (UTF-8)" in message and "1026 bytes" in message
    big = {f"K{i}": "x" * 1000 for i in range(33)}
    [message] = v.environment("environment", big, path)
    assert "at most 32768 bytes in all" in message


def test_tags_reserved_prefix_and_count() -> None:
    ops = ("sagemaker.CreateModel", "iam.CreateRole")
    [message] = v.tags("tags", {"AWS:team": "x"}, ops)
    assert message == "tags key must not start with 'aws:' (reserved), got 'AWS:team'"
    [message] = v.tags("tags", {f"k{i}": "v" for i in range(51)}, ops)
    assert message == "tags must hold at most 50 tags, got 51"
    assert v.tags("tags", {"team": pulumi.Output.from_input("x")}, ops) == []
