"""Every IAM policy the examples create passes parliament (https://github.com/duo-labs/parliament).

Parliament checks actions, resource ARN shapes, condition keys and over-broad grants against
AWS's IAM reference. Zero findings are allowed, except RESOURCE_STAR on actions that support
no resource-level permission, where "*" is the only valid resource.
"""

from __future__ import annotations

import json
import runpy
import warnings
from pathlib import Path

import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting.testing import mocked_stack, run

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # parliament imports the deprecated pkg_resources
    from parliament import analyze_policy_string  # type: ignore[import-untyped]

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PROGRAMS = sorted(p.parent.name for p in EXAMPLES.glob("*/__main__.py"))
POLICY_TYPES = ("aws:iam/rolePolicy:RolePolicy", "aws:iam/policy:Policy")


def findings(document: str) -> list[str]:
    """Parliament's findings on one policy document, as ``ISSUE: detail`` lines."""
    analyzed = analyze_policy_string(document)
    return [f"{f.issue}: {f.detail}" for f in analyzed.findings]


def policies_of(program_name: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.chdir(EXAMPLES / program_name)
    main = str(EXAMPLES / program_name / "__main__.py")
    with mocked_stack() as rec:
        run(lambda: runpy.run_path(main, run_name="__main__"))
        return {r.name: r.inputs["policy"] for t in POLICY_TYPES for r in rec.of_type(t)}


@pytest.mark.parametrize("program_name", [p for p in PROGRAMS if p != "yaml-hosted-model"])
def test_every_example_policy_has_no_findings(
    program_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    policies = policies_of(program_name, monkeypatch)
    assert policies, f"{program_name} creates no policy"
    found = {name: findings(doc) for name, doc in policies.items()}
    assert found == {name: [] for name in policies}


def vpc_model_policy(subnets: list[str], groups: list[str] | None = None) -> str:
    """The inline policy document of a model placed in ``subnets`` (and ``groups``)."""
    image = sm.ContainerImage.from_ecr_repository("repo", "v1")
    with mocked_stack() as rec:
        run(
            lambda: sm.Model(
                "svc",
                containers=[sm.ContainerDefinition(image)],
                vpc_subnet_ids=subnets,
                security_group_ids=groups,
            )
        )
        document: str = rec.named("svc-policy").inputs["policy"]
    return document


def test_vpc_model_policy_has_no_findings() -> None:
    document = vpc_model_policy(
        ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"], ["sg-0123456789abcdef0"]
    )
    assert findings(document) == []
    star = [s for s in json.loads(document)["Statement"] if "*" in s["Resource"]]
    # Only actions without resource-level permissions are granted on "*".
    assert sorted(a for s in star for a in s["Action"]) == sorted(
        [
            "cloudwatch:PutMetricData",
            "ec2:DescribeDhcpOptions",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeSecurityGroups",
            "ec2:DescribeSubnets",
            "ec2:DescribeVpcs",
            "ecr:GetAuthorizationToken",
        ]
    )


def test_parliament_would_flag_the_old_unscoped_grant() -> None:
    # The test can fail: a policy with the network-interface actions on "*" is flagged.
    document = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Action": ["ec2:DeleteNetworkInterface"], "Resource": "*"}
            ],
        }
    )
    assert any(f.startswith("RESOURCE_STAR") for f in findings(document))


def test_the_vpc_subnet_condition_key_applies_to_every_action_it_guards() -> None:
    # The Service Authorization Reference for EC2
    # (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html)
    # defines ec2:Subnet as "the ARN of the subnet" (type ARN) and lists it among the
    # network-interface resource's condition keys for CreateNetworkInterfacePermission,
    # DeleteNetworkInterface and DeleteNetworkInterfacePermission. parliament ships that
    # reference as data: a key that did not apply to an action would never match, and the
    # statement would silently grant nothing.
    from parliament import iam_definition

    document = json.loads(vpc_model_policy(["subnet-0123456789abcdef0"]))
    (guarded,) = [s for s in document["Statement"] if "Condition" in s]
    assert guarded["Condition"] == {
        "ArnEquals": {
            "ec2:Subnet": ["arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0123456789abcdef0"]
        }
    }
    (ec2,) = [service for service in iam_definition if service["prefix"] == "ec2"]
    (key,) = [c for c in ec2["conditions"] if c["condition"] == "ec2:Subnet"]
    assert key["type"] == "ARN"  # so ArnEquals is the operator
    privileges = {p["privilege"]: p for p in ec2["privileges"]}
    assert guarded["Action"]
    for action in guarded["Action"]:
        resource_types = privileges[action.removeprefix("ec2:")]["resource_types"]
        keys = {
            k
            for r in resource_types
            if r["resource_type"].rstrip("*") == "network-interface"
            for k in r["condition_keys"]
        }
        assert "ec2:Subnet" in keys, action
