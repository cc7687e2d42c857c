"""IAM policy documents assembled from grants, with ARNs that may still be Outputs."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pulumi
import pulumi_aws as aws

from ._aws_rules import RULES

if TYPE_CHECKING:
    from typing import TypeAlias

#: A policy statement: ``{"Effect": ..., "Action": [...], "Resource": [...]}``; values may be
#: ``pulumi.Input``.
Statement = Mapping[str, Any]

ECR_PULL_ACTIONS = (
    "ecr:BatchCheckLayerAvailability",
    "ecr:GetDownloadUrlForLayer",
    "ecr:BatchGetImage",
)
INVOKE_ACTIONS = (
    "sagemaker:InvokeEndpoint",
    "sagemaker:InvokeEndpointAsync",
    "sagemaker:InvokeEndpointWithResponseStream",
)


def allow(
    actions: Sequence[str], resources: Sequence[pulumi.Input[str]], sid: str | None = None
) -> dict[str, Any]:
    """An ``Allow`` statement for ``actions`` on ``resources``."""
    statement: dict[str, Any] = {
        "Effect": "Allow",
        "Action": list(actions),
        "Resource": list(resources),
    }
    if sid:
        statement["Sid"] = sid
    return statement


def ecr_pull(repository_arn: pulumi.Input[str]) -> list[dict[str, Any]]:
    """Pull from one repository (plus the account-wide auth token SageMaker asks for)."""
    return [
        allow(ECR_PULL_ACTIONS, [repository_arn], "PullImage"),
        allow(["ecr:GetAuthorizationToken"], ["*"], "EcrAuth"),
    ]


def document(statements: Sequence[Statement]) -> pulumi.Output[str]:
    """A policy document JSON string, once every ARN inside the statements is known.

    Statements with the same Sid, effect and actions (two containers pulling from two
    repositories) are merged into one with the union of their resources, in order: IAM wants
    Sids unique within a policy.
    """
    # Only the Output (or awaitable) leaves are resolved, in one Output.all: handing the whole
    # structure to Output.from_input wraps every literal string in an Output of its own, which
    # dominated graph-building time (docs/benchmarks.md).
    leaves: list[Any] = []

    def hole(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: hole(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [hole(v) for v in value]
        if isinstance(value, (str, int, float, bool)) or value is None:
            return value
        leaves.append(value)
        return _Hole(len(leaves) - 1)

    # Models pulling the same images and reading the same data (Outputs shared per provider,
    # see _environment) have the same document: it is built once per program and shared.
    found: list[Any] = []
    shape = _shape_key([dict(statement) for statement in statements], found)
    if not found:
        return pulumi.Output.from_input(_render([hole(dict(s)) for s in statements]))
    key = (shape, *(id(leaf) for leaf in found))
    root = pulumi.runtime.get_root_resource()
    cache: dict[tuple[object, ...], tuple[list[Any], pulumi.Output[str]]] = (
        root.__dict__.setdefault(_DOCUMENTS, {}) if root is not None else {}
    )
    if key not in cache:
        shaped = [hole(dict(statement)) for statement in statements]
        # The leaves stay referenced with the entry, so their ids cannot be reused.
        built = pulumi.Output.all(*leaves).apply(lambda values: _render(_fill(shaped, values)))
        cache[key] = (leaves, built)
    return cache[key][1]


# The attribute of the program's root resource caching policy documents.
_DOCUMENTS = "_sagemaker_hosting_policy_documents"


def _shape_key(value: Any, leaves: list[Any]) -> object:
    """A hashable key of statements, their Output leaves by position (collected in ``leaves``).

    Equal keys over the same leaves give equal documents.
    """
    if isinstance(value, dict):
        return ("dict", tuple((k, _shape_key(v, leaves)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return ("list", tuple(_shape_key(v, leaves) for v in value))
    if isinstance(value, (str, int, float, bool)) or value is None:
        return ("value", type(value).__name__, value)
    leaves.append(value)
    return ("leaf", len(leaves) - 1)


class _Hole:
    """Where a resolved leaf goes back into a statement."""

    __slots__ = ("index",)

    def __init__(self, index: int) -> None:
        self.index = index


def _fill(value: Any, values: list[Any]) -> Any:
    if isinstance(value, _Hole):
        return values[value.index]
    if isinstance(value, dict):
        return {k: _fill(v, values) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, values) for v in value]
    return value


def _render(resolved: list[dict[str, Any]]) -> str:
    merged: list[dict[str, Any]] = []
    for statement in resolved:
        twin = next(
            (
                m
                for m in merged
                if "Sid" in statement
                and all(m.get(k) == statement.get(k) for k in ("Sid", "Effect", "Action"))
                and "Condition" not in m
                and "Condition" not in statement
                and isinstance(m.get("Resource"), list)
                and isinstance(statement.get("Resource"), list)
            ),
            None,
        )
        if twin is None:
            resources = statement.get("Resource", [])
            if isinstance(resources, list):
                merged.append({**statement, "Resource": list(resources)})
            else:
                merged.append(dict(statement))
            continue
        for resource in statement.get("Resource", []):
            if resource not in twin["Resource"]:
                twin["Resource"].append(resource)
    return json.dumps({"Version": "2012-10-17", "Statement": merged})


def trust_policy(service: str) -> str:
    """The assume-role policy letting an AWS service principal assume the role."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": service},
                    "Action": "sts:AssumeRole",
                }
            ],
        }
    )


# IAM's role ARN rule: botocore's RoleArn shape, as CreateModel's ExecutionRoleArn uses it (the
# generated _aws_rules, the one place field rules live).
_ROLE_ARN = re.compile(RULES["sagemaker.CreateModel.ExecutionRoleArn"]["pattern"])

if TYPE_CHECKING:
    #: A role given by resource, name or ARN (an ARN may be an Output of another resource).
    RoleLike: TypeAlias = aws.iam.Role | str | pulumi.Output[str]
else:

    def __getattr__(name: str) -> Any:
        # Built on first access: naming aws.iam at import would load all of pulumi_aws.iam
        # (docs/benchmarks.md, import time). Hidden from mypy, which keeps checking names.
        if name == "RoleLike":
            return aws.iam.Role | str | pulumi.Output[str]
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def role_name(role: RoleLike) -> pulumi.Input[str]:
    """The name of a role given as a resource, a name or an ARN (``.../path/name``)."""
    if isinstance(role, aws.iam.Role):
        return role.name
    if isinstance(role, str):
        return role.rsplit("/", 1)[-1] if role.startswith("arn:") else role
    return role.apply(_arn_name)


def _arn_name(arn: str) -> str:
    # An Output ARN is only known at deploy time, inside this apply: it must not raise there
    # (issue 9: no check deferred into an apply). IAM and SageMaker check it when the stack
    # is deployed (README, "What is checked before deploying"); a known string is checked at
    # construction with role_arn_problem.
    return arn.rsplit("/", 1)[-1] if arn.startswith("arn:") else arn


def role_like_problems(argument: str, role: object) -> list[str]:
    """Why ``role`` (given as ``argument``) is not a :data:`RoleLike`; empty when it is one or None.

    A string must be a role name or ARN (:func:`role_arn_problem`); anything else an
    ``aws.iam.Role`` or an Output.
    """
    if isinstance(role, str):
        reason = role_arn_problem(role)
        return [f"{argument} {reason}"] if reason else []
    if role is not None and not isinstance(role, (aws.iam.Role, pulumi.Output)):
        return [f"{argument} must be an aws.iam.Role, a role name or ARN, got {role!r}"]
    return []


def role_arn_problem(role: str) -> str | None:
    """Why ``role`` is not a role ARN or role name, or None."""
    if role.startswith("arn:"):
        parts = role.split(":", 5)
        if (
            len(parts) != 6
            or parts[2] != "iam"
            or not parts[5].startswith("role/")
            or not _ROLE_ARN.fullmatch(role)
        ):
            return (
                "must be an IAM role ARN (arn:<partition>:iam::<account>:role/<name>), "
                f"got {role!r}"
            )
        return None
    if not role or len(role) > 64:
        return f"must be a role name of 1-64 characters or a role ARN, got {role!r}"
    return None
