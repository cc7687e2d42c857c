"""The offline runner's report as text: the resource tree, each endpoint's settings, outputs.

Endpoint lines say what a reviewer checks before a real ``pulumi up``: variants (and their
routing, managed instance bounds, AMI, SSM access and core dumps), scaling
targets with their policies' targets and step bounds, alarms with statistic, period and
threshold, the deployment guardrail, asynchronous inference and data capture.
"""

from __future__ import annotations

import json
from typing import Any

Json = dict[str, Any]

_COMPARISONS = {
    "GreaterThanThreshold": ">",
    "GreaterThanOrEqualToThreshold": ">=",
    "LessThanThreshold": "<",
    "LessThanOrEqualToThreshold": "<=",
}


def render_text(report: Json) -> str:
    """Render a report (``resources``, ``endpoints``, ``outputs``) as a readable tree."""
    lines = [f"Stack {report['project']}/{report['stack']} (emulated AWS, {report['region']})", ""]
    lines.append("Resources")
    for node in report["resources"]:
        _tree_lines(node, "", lines)
    for ep in report["endpoints"]:
        lines += ["", f"Endpoint {ep['name']}: {ep['status']}", f"  config   {ep['config']}"]
        lines += _endpoint_lines(ep)
    lines += ["", "Outputs"]
    for key, value in report["outputs"].items():
        lines.append(f"  {key}: {json.dumps(value) if not isinstance(value, str) else value}")
    if not report["outputs"]:
        lines.append("  (none)")
    return "\n".join(lines) + "\n"


def _endpoint_lines(ep: Json) -> list[str]:
    lines = []
    for v in ep["variants"]:
        kind = (
            f"serverless {json.dumps(v['serverless'], sort_keys=True)}"
            if v.get("serverless")
            else f"{v['instance_type']} x{v['instance_count']}"
        )
        lines.append(f"  variant  {v['name']}: {kind}, weight {v['weight']}, model {v['model']}")
        if v.get("settings"):
            lines.append(f"  settings {v['name']}: {_settings_detail(v['settings'])}")
    for c in ep.get("inference_components", []):
        if c.get("base"):
            lines.append(
                f"  adapter  {c['name']} of {c['base']} on {c['variant']}: {c['artifact']}, "
                f"{c['status']}"
            )
            continue
        compute = json.dumps(c["compute"], sort_keys=True)
        lines.append(
            f"  component {c['name']} on {c['variant']}: copies {c['copies']} of "
            f"{c['model']}, {compute} each, {c['status']}"
        )
    for t in ep["scaling_targets"]:
        lines.append(f"  scaling  {t['dimension']} {t['min']}..{t['max']} ({t['resource_id']})")
    for p in ep["scaling_policies"]:
        lines.append(f"  policy   {p['name']} ({p['type']}){_policy_detail(p)}")
    for a in ep["scheduled_actions"]:
        lines.append(f"  schedule {a['name']} {a['schedule']}")
    for a in ep["alarms"]:
        lines.append(f"  alarm    {a['name']} {_alarm_detail(a)}")
    if ep.get("deployment"):
        lines.append(f"  deploy   {_deployment_detail(ep['deployment'])}")
    if ep.get("async_inference"):
        lines.append(f"  async    {_async_detail(ep['async_inference'])}")
    if ep.get("data_capture"):
        lines.append(f"  capture  {_capture_detail(ep['data_capture'])}")
    return lines


def _settings_detail(settings: Json) -> str:
    """``routing LEAST_OUTSTANDING_REQUESTS, instances 1..2 (managed), AMI ..., ...``."""
    parts = []
    routing = settings.get("RoutingConfig") or {}
    if routing.get("RoutingStrategy"):
        parts.append(f"routing {routing['RoutingStrategy']}")
    scaling = settings.get("ManagedInstanceScaling")
    if scaling:
        low, high = scaling.get("MinInstanceCount", "?"), scaling.get("MaxInstanceCount", "?")
        parts.append(f"managed instances {low}..{high} ({scaling.get('Status', 'ENABLED')})")
    if settings.get("InferenceAmiVersion"):
        parts.append(f"AMI {settings['InferenceAmiVersion']}")
    if "EnableSSMAccess" in settings:
        parts.append(f"SSM access {'on' if settings['EnableSSMAccess'] else 'off'}")
    dump = settings.get("CoreDumpConfig")
    if dump:
        key = f" (KMS {dump['KmsKeyId']})" if dump.get("KmsKeyId") else ""
        parts.append(f"core dumps to {dump.get('DestinationS3Uri')}{key}")
    return ", ".join(parts)


def _policy_detail(policy: Json) -> str:
    target = policy.get("target")
    if target:
        cooldowns = [
            f"{label} cooldown {target[key]}s"
            for label, key in (
                ("scale-in", "scale_in_cooldown"),
                ("scale-out", "scale_out_cooldown"),
            )
            if target.get(key) is not None
        ]
        no_in = ["no scale-in"] if target.get("disable_scale_in") else []
        return ": " + ", ".join(
            [f"{target['metric']} target {_number(target['value'])}", *cooldowns, *no_in]
        )
    steps = policy.get("steps")
    if steps:
        intervals = ", ".join(
            f"[{_bound(i['lower'], '-inf')}, {_bound(i['upper'], '+inf')}): {i['adjustment']:+d}"
            for i in steps["intervals"]
        )
        extra = [f"cooldown {steps['cooldown']}s"] if steps.get("cooldown") is not None else []
        if steps.get("aggregation"):
            extra.append(f"aggregation {steps['aggregation']}")
        return ": " + ", ".join([f"{steps['adjustment_type']} {intervals}", *extra])
    return ""


def _bound(value: Any, infinity: str) -> str:
    return infinity if value is None else _number(value)


def _number(value: Any) -> str:
    """``500000`` for 500000.0, ``0.5`` for 0.5: numbers as a person writes them."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _alarm_detail(alarm: Json) -> str:
    comparison = _COMPARISONS.get(str(alarm.get("comparison")), alarm.get("comparison"))
    text = f"on {alarm['metric']}"
    if alarm.get("statistic"):
        text += f" {alarm['statistic']}"
    if alarm.get("period"):
        text += f" over {alarm['period']}s"
    if alarm.get("threshold") is not None:
        text += f" {comparison} {_number(alarm['threshold'])}"
    elif comparison:
        text += f" {comparison}"
    periods = alarm.get("evaluation_periods")
    if periods:
        points = alarm.get("datapoints_to_alarm") or periods
        text += f", {points} of {periods} periods"
    if alarm.get("treat_missing_data"):
        text += f", missing data {alarm['treat_missing_data']}"
    return text


def _deployment_detail(config: Json) -> str:
    parts = []
    blue_green = config.get("BlueGreenUpdatePolicy")
    if blue_green:
        routing = blue_green.get("TrafficRoutingConfiguration", {})
        kind = str(routing.get("Type", "")).lower().replace("_", "-")
        size = routing.get("CanarySize") or routing.get("LinearStepSize")
        step = f" {_capacity(size)}" if size else ""
        wait = routing.get("WaitIntervalInSeconds")
        parts.append(f"blue/green {kind}{step}" + (f", wait {wait}s" if wait is not None else ""))
        if blue_green.get("TerminationWaitInSeconds") is not None:
            parts.append(f"terminate old fleet after {blue_green['TerminationWaitInSeconds']}s")
        if blue_green.get("MaximumExecutionTimeoutInSeconds") is not None:
            parts.append(f"timeout {blue_green['MaximumExecutionTimeoutInSeconds']}s")
    rolling = config.get("RollingUpdatePolicy")
    if rolling:
        parts.append(
            f"rolling batches of {_capacity(rolling.get('MaximumBatchSize', {}))}, "
            f"wait {rolling.get('WaitIntervalInSeconds')}s"
        )
        if rolling.get("RollbackMaximumBatchSize"):
            parts.append(f"rollback batches of {_capacity(rolling['RollbackMaximumBatchSize'])}")
        if rolling.get("MaximumExecutionTimeoutInSeconds") is not None:
            parts.append(f"timeout {rolling['MaximumExecutionTimeoutInSeconds']}s")
    alarms = [
        a.get("AlarmName") for a in config.get("AutoRollbackConfiguration", {}).get("Alarms", [])
    ]
    if alarms:
        parts.append(f"roll back on alarms {', '.join(str(a) for a in alarms)}")
    return "; ".join(parts) or json.dumps(config, sort_keys=True)


def _capacity(size: Json) -> str:
    value = size.get("Value")
    return f"{value}%" if size.get("Type") == "CAPACITY_PERCENT" else f"{value} instance(s)"


def _async_detail(config: Json) -> str:
    output = config.get("OutputConfig", {})
    parts = []
    if output.get("S3OutputPath"):
        parts.append(f"output {output['S3OutputPath']}")
    if output.get("S3FailurePath"):
        parts.append(f"failures {output['S3FailurePath']}")
    concurrency = config.get("ClientConfig", {}).get("MaxConcurrentInvocationsPerInstance")
    if concurrency:
        parts.append(f"max {concurrency} concurrent invocations per instance")
    notify = output.get("NotificationConfig", {})
    for label, key in (("success", "SuccessTopic"), ("error", "ErrorTopic")):
        if notify.get(key):
            parts.append(f"{label} topic {notify[key]}")
    if output.get("KmsKeyId"):
        parts.append(f"KMS {output['KmsKeyId']}")
    return ", ".join(parts) or json.dumps(config, sort_keys=True)


def _capture_detail(config: Json) -> str:
    modes = "+".join(o.get("CaptureMode", "") for o in config.get("CaptureOptions", []))
    state = "on" if config.get("EnableCapture", True) else "off"
    text = (
        f"{state}, {config.get('InitialSamplingPercentage')}% of {modes or 'requests'} "
        f"to {config.get('DestinationS3Uri')}"
    )
    if config.get("KmsKeyId"):
        text += f", KMS {config['KmsKeyId']}"
    return text


def _tree_lines(node: Json, indent: str, lines: list[str]) -> None:
    detail = node["outputs"].get("arn") or node["outputs"].get("name") or ""
    shown = node["outputs"].get("name")
    label = f"{node['name']}" + (f" = {shown}" if shown and shown != node["name"] else "")
    suffix = f"  {detail}" if detail and detail != shown else ""
    lines.append(f"{indent}  {node['type']}  {label}{suffix}")
    for child in node["children"]:
        _tree_lines(child, indent + "  ", lines)
