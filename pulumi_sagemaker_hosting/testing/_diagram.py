"""The Mermaid flowchart of an emulated stack: each component a box, each resource a node.

Syntax: https://mermaid.js.org/syntax/flowchart.html (node shapes, subgraphs, "Direction in
subgraphs", "Entity codes to escape characters"). ``scripts/render-diagrams`` renders every
example's diagram with Mermaid itself.
"""

from __future__ import annotations

from functools import cache

from ._report import _flow_rank, _strings
from .recorder import Registration

#: Node shapes by type, so the kinds of resource are told apart at a glance.
_SHAPES = {
    "docker-build:index:Image": ("[/", "/]"),
    "aws:ecr/repository:Repository": ("[(", ")]"),
    "aws:s3/bucketObjectv2:BucketObjectv2": ("[/", "/]"),
    "aws:iam/role:Role": ("{{", "}}"),
    "aws:sagemaker/model:Model": ("[", "]"),
    "aws:sagemaker/endpointConfiguration:EndpointConfiguration": ("[", "]"),
    "aws:sagemaker/endpoint:Endpoint": ("([", "])"),
    "aws:appautoscaling/target:Target": ("[", "]"),
    "aws:appautoscaling/policy:Policy": ("[", "]"),
    "aws:appautoscaling/scheduledAction:ScheduledAction": ("[", "]"),
    "aws:cloudwatch/metricAlarm:MetricAlarm": (">", "]"),
}

#: Characters a label may not hold as they are, as Mermaid entity codes: ``"`` ends the quoted
#: label; ``<``, ``>`` and ``&`` would be read as HTML (``<b>`` bolds); a label wrapped in
#: backticks is read as Markdown; ``#`` would start an entity code of its own.
_ENTITIES = str.maketrans(
    {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "`": "#96;"}
    # Line breaks and other control characters would end the statement.
    | {chr(c): " " for c in [*range(32), 127]}
)

#: What Mermaid renders unless the page that embeds it raises the limit (``maxTextSize`` and
#: ``maxEdges`` are "secure" settings: a diagram cannot raise them itself). Mermaid 11's
#: defaults: https://mermaid.js.org/config/schema-docs/config.html
MAX_TEXT_SIZE = 50_000
MAX_EDGES = 500

#: Inputs whose value names another resource (drawn as an edge when it holds one).
_HANDLES = ("name", "arn", "repositoryUrl", "key")


def mermaid(registrations: list[Registration]) -> str:
    """Draw every resource as a Mermaid flowchart, each component as a box around its children.

    Every custom resource is a node (images, repositories, objects, roles, models, configs,
    endpoints, scaling, alarms, topics...); every ComponentResource is a ``subgraph`` holding
    its children, laid out left to right as the whole chart is. A resource whose parent is a
    custom resource sits in its parent's box, joined to it by a dotted edge. An edge A -> B
    exists when B depends on A, or one of B's inputs holds A's name, ARN, repository URL or key
    and A does not itself depend on B (a guardrail alarm names its endpoint, yet the endpoint
    depends on the alarm). A box already holds its descendants, so no edge joins the two.
    """
    ids = {r.urn: f"n{i}" for i, r in enumerate(registrations)}
    by_urn = {r.urn: r for r in registrations}

    @cache
    def boxes(urn: str) -> frozenset[str]:
        """The components around ``urn``: its component ancestors."""
        parent = by_urn.get(by_urn[urn].parent)
        if parent is None:
            return frozenset()
        return boxes(parent.urn) | ({parent.urn} if not parent.custom else frozenset())

    @cache
    def upstream(urn: str) -> frozenset[str]:
        """Everything ``urn`` depends on, directly or through other resources."""
        direct = {d for d in by_urn[urn].dependencies if d in by_urn and d != urn}
        return frozenset(direct.union(*(upstream(d) for d in direct)))

    def box(r: Registration) -> str:
        """The innermost component around ``r`` ("" for the chart itself)."""
        parent = by_urn.get(r.parent)
        while parent is not None and parent.custom:
            parent = by_urn.get(parent.parent)
        return parent.urn if parent is not None else ""

    members: dict[str, list[Registration]] = {}
    for r in registrations:
        members.setdefault(box(r), []).append(r)
    for siblings in members.values():
        siblings.sort(key=lambda r: (_flow_rank(r.type), r.name))
    lines = ["flowchart LR"]

    def draw(parent: str, indent: str) -> None:
        for r in members.get(parent, []):
            label = _label(r)
            if r.custom:
                left, right = _SHAPES.get(r.type, ("[", "]"))
                lines.append(f'{indent}{ids[r.urn]}{left}"{label}"{right}')
            else:
                # Mermaid lays a box with no edge crossing its border out top to bottom
                # unless told otherwise; say LR so every box reads as the chart does.
                lines.append(f'{indent}subgraph {ids[r.urn]}["{label}"]')
                lines.append(f"{indent}    direction LR")
                draw(r.urn, indent + "    ")
                lines.append(f"{indent}end")

    draw("", "    ")
    edges: dict[str, None] = {}  # in order, once each
    for b in registrations:
        texts = " ".join(_strings(b.inputs)) if b.custom else ""
        for a in registrations:
            if a is b or a.urn in boxes(b.urn) or b.urn in boxes(a.urn):
                continue
            if a.urn == b.parent:
                edges[f"    {ids[a.urn]} -.-> {ids[b.urn]}"] = None
                continue
            linked = a.urn in b.dependencies
            if not linked and a.custom and texts:
                handles = [str(a.outputs.get(k)) for k in _HANDLES]
                linked = any(h in texts for h in handles if h and h != "None" and len(h) > 3)
                linked = linked and b.urn not in upstream(a.urn)
            if linked:
                edges[f"    {ids[a.urn]} --> {ids[b.urn]}"] = None
    return "\n".join([*lines, *edges]) + "\n"


def _label(r: Registration) -> str:
    """``Type: name``, every character Mermaid would misread written as an entity code."""
    return f"{r.type.rsplit(':', 1)[-1]}: {r.name}".translate(_ENTITIES)


def mermaid_limits(text: str) -> list[str]:
    """Why Mermaid's default settings would refuse to render ``text`` (empty: they would not)."""
    edges = sum(1 for line in text.splitlines() if "-->" in line or "-.->" in line)
    problems = []
    if len(text) > MAX_TEXT_SIZE:
        problems.append(
            f"{len(text)} characters (Mermaid renders {MAX_TEXT_SIZE} unless maxTextSize is raised)"
        )
    if edges > MAX_EDGES:
        problems.append(f"{edges} edges (Mermaid renders {MAX_EDGES} unless maxEdges is raised)")
    return problems
