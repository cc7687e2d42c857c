"""Summaries of an emulated stack: resource tree, live endpoint state, Mermaid diagram."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .emulator import AwsEmulator
from .recorder import Registration

Json = dict[str, Any]

_KEY_OUTPUTS = ("name", "arn", "bucket", "key", "repositoryUrl", "digest", "keyId")

#: The types drawn in the diagram, in data-flow order, with their Mermaid node shapes.
_FLOW = {
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


def resource_tree(registrations: list[Registration]) -> list[Json]:
    """Nest registrations under their parents: ``[{type, name, outputs, children}]``."""
    nodes: dict[str, Json] = {
        r.urn: {
            "type": r.type,
            "name": r.name,
            "outputs": {k: r.outputs[k] for k in _KEY_OUTPUTS if r.outputs.get(k)},
            "children": [],
        }
        for r in registrations
    }
    roots: list[Json] = []
    for r in registrations:
        parent = nodes.get(r.parent)
        siblings: list[Json] = parent["children"] if parent is not None else roots
        siblings.append(nodes[r.urn])
    # Registrations arrive in RPC completion order; show them in data-flow order instead, so
    # the same program always prints the same tree.
    for node in [*nodes.values(), {"children": roots}]:
        node["children"].sort(key=lambda n: (_flow_rank(n["type"]), n["name"]))
    return roots


_TREE_ORDER = (
    "aws:iam/role:Role",
    "aws:iam/",
    "aws:kms/",
    "aws:s3/bucket:Bucket",
    "aws:s3/",
    "aws:ecr/",
    "docker-build:",
    "sagemaker-hosting:index:Model",
    "aws:sagemaker/model:",
    "sagemaker-hosting:index:EndpointConfig",
    "aws:sagemaker/endpointConfiguration:",
    "sagemaker-hosting:index:Endpoint",
    "aws:sagemaker/endpoint:",
    "sagemaker-hosting:index:Scalable",
    "aws:appautoscaling/target:",
    "aws:appautoscaling/",
    "aws:cloudwatch/",
    "aws:sns/",
)


def _flow_rank(type_: str) -> int:
    return next(
        (i for i, prefix in enumerate(_TREE_ORDER) if type_.startswith(prefix)),
        len(_TREE_ORDER),
    )


def endpoint_summaries(emulator: AwsEmulator, registrations: list[Registration]) -> list[Json]:
    """The live state of every endpoint the program created, with its scaling and alarms."""
    summaries = []
    alarms = sorted(emulator.alarms(), key=lambda a: str(a["AlarmName"]))
    targets = sorted(emulator.scalable_targets(), key=lambda t: str(t["ResourceId"]))
    policies = sorted(emulator.scaling_policies(), key=lambda p: str(p["PolicyName"]))
    actions = sorted(emulator.scheduled_actions(), key=lambda a: str(a["ScheduledActionName"]))
    for reg in registrations:
        if reg.type != "aws:sagemaker/endpoint:Endpoint" or not reg.outputs.get("name"):
            continue
        name = str(reg.outputs["name"])
        live = emulator.describe_endpoint(name)
        config = emulator.describe_endpoint_config(str(live["EndpointConfigName"]))
        components = [
            emulator.describe_inference_component(ic)
            for ic in emulator.inference_components()
            if emulator.describe_inference_component(ic)["EndpointName"] == name
        ]
        # Scaling of the endpoint's variants and of its inference components.
        prefixes = (
            f"endpoint/{name}/variant/",
            *(f"inference-component/{c['InferenceComponentName']}" for c in components),
        )
        owned = {name, *(str(c["InferenceComponentName"]) for c in components)}
        summaries.append(
            {
                "name": name,
                "arn": live["EndpointArn"],
                "status": live["EndpointStatus"],
                "config": live["EndpointConfigName"],
                "variants": [_variant(v, live) for v in config["ProductionVariants"]],
                "inference_components": [_component(c) for c in components],
                "scaling_targets": [
                    {
                        "resource_id": t["ResourceId"],
                        "dimension": t["ScalableDimension"],
                        "min": t["MinCapacity"],
                        "max": t["MaxCapacity"],
                    }
                    for t in targets
                    if t["ResourceId"].startswith(prefixes)
                ],
                "scaling_policies": [
                    {"name": p["PolicyName"], "type": p["PolicyType"], "arn": p["PolicyARN"]}
                    for p in policies
                    if p["ResourceId"].startswith(prefixes)
                ],
                "scheduled_actions": [
                    {"name": a["ScheduledActionName"], "schedule": a["Schedule"]}
                    for a in actions
                    if a["ResourceId"].startswith(prefixes)
                ],
                "alarms": [
                    {
                        "name": a["AlarmName"],
                        "metric": a.get("MetricName") or "metric math",
                        "arn": a["AlarmArn"],
                    }
                    for a in alarms
                    if owned
                    & set(_strings(a.get("Dimensions", [])) + _strings(a.get("Metrics", [])))
                ],
            }
        )
    return summaries


def _variant(variant: Json, live: Json) -> Json:
    current = {v["VariantName"]: v for v in live.get("ProductionVariants", [])}.get(
        variant["VariantName"], {}
    )
    out: Json = {
        "name": variant["VariantName"],
        "model": variant.get("ModelName"),
        "instance_type": variant.get("InstanceType"),
        "instance_count": current.get("CurrentInstanceCount", variant.get("InitialInstanceCount")),
        # AWS defaults InitialVariantWeight to 1.0; moto reports nothing when it was omitted.
        "weight": current.get("CurrentWeight", variant.get("InitialVariantWeight", 1.0)),
    }
    if variant.get("ServerlessConfig"):
        out["serverless"] = variant["ServerlessConfig"]
    return out


def _component(component: Json) -> Json:
    spec = component.get("Specification") or {}
    return {
        "name": component["InferenceComponentName"],
        "variant": component["VariantName"],
        "model": spec.get("ModelName"),
        "copies": component["RuntimeConfig"]["CurrentCopyCount"],
        "status": component["InferenceComponentStatus"],
        "compute": spec.get("ComputeResourceRequirements", {}),
    }


def _strings(value: Any) -> list[str]:
    """Every string inside ``value``, at any depth."""
    return list(_walk_strings(value))


def _walk_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _walk_strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _walk_strings(item)


def mermaid(registrations: list[Registration]) -> str:
    """Draw image -> model -> config -> endpoint -> scaling/alarms as a Mermaid flowchart.

    An edge A -> B exists when B depends on A or one of B's inputs holds A's name, ARN or id.
    """
    flow = [r for r in registrations if r.type in _FLOW]
    ids = {r.urn: f"n{i}" for i, r in enumerate(flow)}
    lines = ["flowchart LR"]
    for r in flow:
        left, right = _FLOW[r.type]
        label = f"{r.type.rsplit(':', 1)[-1]}: {r.name}"
        lines.append(f'    {ids[r.urn]}{left}"{label}"{right}')
    edges = []
    for b in flow:
        texts = " ".join(_strings(b.inputs))
        for a in flow:
            if a is b:
                continue
            handles = [str(a.outputs.get(k)) for k in ("name", "arn", "repositoryUrl", "key")]
            handles = [h for h in handles if h and h != "None" and len(h) > 3]
            if a.urn in b.dependencies or any(h in texts for h in handles):
                edges.append(f"    {ids[a.urn]} --> {ids[b.urn]}")
    lines.extend(sorted(set(edges), key=edges.index))
    return "\n".join(lines) + "\n"


def render_text(report: Json) -> str:
    """Render a report (``resources``, ``endpoints``, ``outputs``) as a readable tree."""
    lines = [f"Stack {report['project']}/{report['stack']} (emulated AWS, {report['region']})", ""]
    lines.append("Resources")
    for node in report["resources"]:
        _tree_lines(node, "", lines)
    for ep in report["endpoints"]:
        lines += ["", f"Endpoint {ep['name']}: {ep['status']}", f"  config   {ep['config']}"]
        for v in ep["variants"]:
            kind = (
                f"serverless {json.dumps(v['serverless'], sort_keys=True)}"
                if v.get("serverless")
                else f"{v['instance_type']} x{v['instance_count']}"
            )
            lines.append(
                f"  variant  {v['name']}: {kind}, weight {v['weight']}, model {v['model']}"
            )
        for c in ep.get("inference_components", []):
            compute = json.dumps(c["compute"], sort_keys=True)
            lines.append(
                f"  component {c['name']} on {c['variant']}: {c['copies']} copies of "
                f"{c['model']}, {compute} each, {c['status']}"
            )
        for t in ep["scaling_targets"]:
            lines.append(f"  scaling  {t['dimension']} {t['min']}..{t['max']} ({t['resource_id']})")
        for p in ep["scaling_policies"]:
            lines.append(f"  policy   {p['name']} ({p['type']})")
        for a in ep["scheduled_actions"]:
            lines.append(f"  schedule {a['name']} {a['schedule']}")
        for a in ep["alarms"]:
            lines.append(f"  alarm    {a['name']} on {a['metric']}")
    lines += ["", "Outputs"]
    for key, value in report["outputs"].items():
        lines.append(f"  {key}: {json.dumps(value) if not isinstance(value, str) else value}")
    if not report["outputs"]:
        lines.append("  (none)")
    return "\n".join(lines) + "\n"


def _tree_lines(node: Json, indent: str, lines: list[str]) -> None:
    detail = node["outputs"].get("arn") or node["outputs"].get("name") or ""
    shown = node["outputs"].get("name")
    label = f"{node['name']}" + (f" = {shown}" if shown and shown != node["name"] else "")
    suffix = f"  {detail}" if detail and detail != shown else ""
    lines.append(f"{indent}  {node['type']}  {label}{suffix}")
    for child in node["children"]:
        _tree_lines(child, indent + "  ", lines)
