"""One URN per resource: every logical name this package registers is claimed first.

Pulumi identifies a resource by its type, its parents' types and its logical name, never by
its parents' names: two children with one name under two components of one type share one
URN, which the engine refuses only at deploy time. Each of our components carries a
transformation that claims the URN of itself and of every resource below it in a registry
held by the stack, so a collision is a :class:`~.errors.ValidationError` raised before the
second resource is registered.
"""

from __future__ import annotations

from typing import Any

import pulumi

from .errors import ValidationError

_REGISTRY = "_sagemaker_hosting_urns"
#: Used when no stack exists (a component built outside any program).
_NO_STACK: dict[str, Any] = {}


def _registry() -> dict[str, Any]:
    root = pulumi.runtime.get_root_resource()
    holder: dict[str, Any] = root.__dict__ if root is not None else _NO_STACK
    registry: dict[str, Any] = holder.setdefault(_REGISTRY, {"urns": {}, "chains": {}})
    return registry


def _chain_of(
    parent: pulumi.Resource | None, chains: dict[int, tuple[str, ...]]
) -> tuple[str, ...]:
    if parent is None or parent is pulumi.runtime.get_root_resource():
        return ()
    known = chains.get(id(parent))
    return known if known is not None else (str(getattr(parent, "_type", "?")),)


def _describe(parent: pulumi.Resource | None, fallback: str) -> str:
    if parent is None or parent is pulumi.runtime.get_root_resource():
        return fallback
    kind = str(getattr(parent, "_type", "?")).rsplit(":", 1)[-1]
    return f"{kind} {getattr(parent, '_name', '?')!r}"


def _transformation(label: str) -> Any:
    def claim(args: pulumi.ResourceTransformationArgs) -> None:
        registry = _registry()
        chains: dict[int, tuple[str, ...]] = registry["chains"]
        if id(args.resource) in chains:
            return None  # claimed already, by the guard of a component further down
        parent = args.opts.parent if args.opts is not None else None
        chain = (*_chain_of(parent, chains), args.type_)
        key = ("$".join(chain), args.name)
        urns: dict[tuple[str, str], str] = registry["urns"]
        if key in urns:
            raise ValidationError(
                _describe(parent, label),
                [
                    f"the logical name {args.name!r} of a {args.type_} is already used by "
                    f"another one under the same parent types ({urns[key]}); Pulumi would give "
                    "both one URN: rename one of them"
                ],
            )
        urns[key] = _describe(parent, label)
        chains[id(args.resource)] = chain
        return None

    return claim


def guarded(opts: pulumi.ResourceOptions | None, label: str) -> pulumi.ResourceOptions:
    """``opts`` plus the claim of this resource's URN and of every resource below it.

    ``label`` names the caller in the error when the resource has no parent
    (``Metric.create_alarm``, say).
    """
    return pulumi.ResourceOptions.merge(
        opts, pulumi.ResourceOptions(transformations=[_transformation(label)])
    )
