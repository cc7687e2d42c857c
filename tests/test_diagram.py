"""The runner's Mermaid diagram (``--diagram``): structure checked against the registrations.

A strict reader for the statements ``mermaid()`` writes (nodes, subgraphs, ``direction``,
``end``, edges) fails on any other line, so a label or id Mermaid's flowchart grammar would
reject fails here; ``scripts/render-diagrams`` has Mermaid itself render every example.
Syntax: https://mermaid.js.org/syntax/flowchart.html
"""

from __future__ import annotations

import html
import re
import runpy
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pulumi
import pulumi_aws as aws
import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting.testing import RecordingMonitor, Registration, run
from pulumi_sagemaker_hosting.testing._diagram import (
    MAX_EDGES,
    MAX_TEXT_SIZE,
    mermaid,
    mermaid_limits,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ID = r"n\d+"
#: A label: any character but those Mermaid would misread, which appear as entity codes.
LABEL = r'(?:[^"<>&`#\x00-\x1f\x7f]|#(?:\d+|quot|lt|gt|amp);)*'
SHAPES = {"[": "]", "[/": "/]", "[(": ")]", "{{": "}}", "([": "])", ">": "]"}
NODE = re.compile(
    rf'(?P<indent> *)(?P<id>{ID})(?P<open>\[/|\[\(|\{{\{{|\(\[|>|\[)"(?P<label>{LABEL})"'
    r"(?P<close>/\]|\)\]|\}\}|\]\)|\])"
)
BOX = re.compile(rf'(?P<indent> *)subgraph (?P<id>{ID})\["(?P<label>{LABEL})"\]')
EDGE = re.compile(rf"    (?P<a>{ID}) (?P<arrow>-->|-\.->) (?P<b>{ID})")
ODD_NAME = 'odd "quote" <b>bold</b> & #35; `tick` end'


@dataclass
class Chart:
    """What a Mermaid flowchart declares, by id."""

    labels: dict[str, str] = field(default_factory=dict)
    """Every node's and box's label, decoded."""
    boxes: set[str] = field(default_factory=set)
    """The ids declared as subgraphs."""
    members: dict[str, list[str]] = field(default_factory=dict)
    """What each box declares directly ("" for the chart itself)."""
    edges: list[tuple[str, str, str]] = field(default_factory=list)
    """``(a, arrow, b)`` in order."""


def _decode(label: str) -> str:
    """A label as Mermaid shows it: ``#35;`` and ``#quot;`` are entity codes."""
    return re.sub(
        r"#(\w+);",
        lambda m: chr(int(m[1])) if m[1].isdigit() else html.unescape(f"&{m[1]};"),
        label,
    )


def parse(text: str) -> Chart:
    """Read what ``mermaid()`` writes; any other statement fails."""
    lines = text.splitlines()
    assert lines[0] == "flowchart LR" and text.endswith("\n")
    chart, open_boxes = Chart(), [""]
    index = 1
    while index < len(lines):
        line = lines[index]
        depth = 4 * len(open_boxes)
        node, box = NODE.fullmatch(line), BOX.fullmatch(line)
        if node is not None:
            assert SHAPES[node["open"]] == node["close"], line
            declared = node
        elif box is not None:
            # Without it Mermaid lays a box with no edge crossing its border out top to bottom.
            assert lines[index + 1] == " " * (depth + 4) + "direction LR", lines[index + 1]
            declared = box
        elif line == " " * (depth - 4) + "end" and len(open_boxes) > 1:
            open_boxes.pop()
            index += 1
            continue
        else:
            break
        assert len(declared["indent"]) == depth, line
        id_ = declared["id"]
        assert id_ not in chart.labels, f"{id_} declared twice"
        chart.labels[id_] = _decode(declared["label"])
        chart.members.setdefault(open_boxes[-1], []).append(id_)
        if box is not None:
            chart.boxes.add(id_)
            open_boxes.append(id_)
            index += 1
        index += 1
    assert open_boxes == [""], f"unclosed {open_boxes}"
    for line in lines[index:]:
        edge = EDGE.fullmatch(line)
        assert edge is not None, f"not a statement mermaid() writes: {line!r}"
        assert {edge["a"], edge["b"]} <= chart.labels.keys(), line
        chart.edges.append((edge["a"], edge["arrow"], edge["b"]))
    assert len(chart.edges) == len(set(chart.edges)), "an edge drawn twice"
    return chart


def _label(r: Registration) -> str:
    return f"{r.type.rsplit(':', 1)[-1]}: {r.name}"


class App(pulumi.ComponentResource):
    """A user's own component: a nested component, a bucket and a policy parented to it."""

    def __init__(self, name: str, after: pulumi.Resource) -> None:
        super().__init__("demo:index:App", name)
        inner = pulumi.ComponentResource(
            "demo:index:Inner", f"{name}-inner", opts=pulumi.ResourceOptions(parent=self)
        )
        bucket = aws.s3.Bucket(f"{name}-bucket", opts=pulumi.ResourceOptions(parent=inner))
        # Parented to a custom resource: drawn in the same box, joined by a dotted edge.
        aws.s3.BucketPolicy(
            f"{name}-policy",
            bucket=bucket.id,
            policy="{}",
            opts=pulumi.ResourceOptions(parent=bucket, depends_on=[after]),
        )
        self.register_outputs({})


def _stack() -> None:
    """Every kind of resource the library registers, a user component and an odd name."""
    model = sm.Model(
        "svc",
        containers=[
            sm.ContainerDefinition(image=sm.ContainerImage.from_ecr_repository("repo", "v1"))
        ],
    )
    config = sm.EndpointConfig(
        "svc",
        instance_production_variants=[
            sm.InstanceProductionVariant(
                model=model, variant_name="AllTraffic", instance_type=sm.InstanceType.M5_LARGE
            )
        ],
    )
    endpoint = sm.Endpoint(
        "svc",
        endpoint_config=config,
        endpoint_name="svc-fixed",
        deployment=sm.BlueGreenDeployment(
            traffic_routing=sm.TrafficRouting.all_at_once(wait_interval=60)
        ),
    )
    endpoint.add_default_rollback_alarms(error_threshold=5, latency_threshold=1_000_000)
    variant = endpoint.find_production_variant("AllTraffic")
    variant.auto_scale_instance_count(max_capacity=3).scale_on_invocations(
        "rps", max_requests_per_second=10
    )
    topic = aws.sns.Topic(ODD_NAME)
    variant.metric_model_latency(statistic="p99").create_alarm(
        "slow", threshold=1_000, evaluation_periods=1, alarm_actions=[topic.arn]
    )
    App("app", after=model)


def _drawn(rec: RecordingMonitor) -> tuple[Chart, dict[str, str], dict[str, Registration]]:
    """The checked chart of what ``rec`` recorded, each URN's id and each id's registration.

    Every registration is declared once (a node, or a box for a component) under a unique
    Mermaid-safe id; each box holds exactly its children (and theirs, when a child is a custom
    resource); every dependency and custom parent is an edge; every edge has a reason.
    """
    registrations = rec.registrations
    chart = parse(mermaid(registrations))
    by_label = {label: id_ for id_, label in chart.labels.items()}
    assert len(by_label) == len(chart.labels), "two declarations share a label"
    assert Counter(chart.labels.values()) == Counter(_label(r) for r in registrations)
    ids = {r.urn: by_label[_label(r)] for r in registrations}
    registration = {ids[r.urn]: r for r in registrations}
    assert len(registration) == len(registrations) == len(chart.labels)
    assert chart.boxes == {ids[r.urn] for r in registrations if not r.custom}
    by_urn = {r.urn: r for r in registrations}

    def boxes_around(r: Registration) -> list[str]:
        """The components around ``r``, innermost first."""
        found, parent = [], by_urn.get(r.parent)
        while parent is not None:
            found += [] if parent.custom else [parent.urn]
            parent = by_urn.get(parent.parent)
        return found

    expected: dict[str, list[str]] = {}
    for r in registrations:
        box = ids[boxes_around(r)[0]] if boxes_around(r) else ""
        expected.setdefault(box, []).append(ids[r.urn])
    assert {k: sorted(v) for k, v in chart.members.items()} == {
        k: sorted(v) for k, v in expected.items()
    }
    edges = set(chart.edges)
    for b in registrations:
        parent = by_urn.get(b.parent)
        if parent is not None and parent.custom:
            assert (ids[parent.urn], "-.->", ids[b.urn]) in edges, _label(b)
        for dependency in set(b.dependencies) & by_urn.keys():
            a = by_urn[dependency]
            if a.urn not in boxes_around(b) and a is not parent:
                assert (ids[a.urn], "-->", ids[b.urn]) in edges, (_label(a), _label(b))
    for a_id, arrow, b_id in chart.edges:
        a, b = registration[a_id], registration[b_id]
        # A box holds its descendants; an edge between them would point into nothing.
        assert a.urn not in boxes_around(b) and b.urn not in boxes_around(a), (a.name, b.name)
        if arrow == "-.->":
            assert b.parent == a.urn and a.custom
        elif a.urn not in b.dependencies:
            names = [str(a.outputs.get(k)) for k in ("name", "arn", "repositoryUrl", "key")]
            assert any(n in repr(b.inputs) for n in names if n != "None"), (a.name, b.name)
            assert b.urn not in a.dependencies, (a.name, b.name)
    return chart, ids, registration


@pytest.mark.parametrize("example", sorted(p.parent.name for p in EXAMPLES.glob("*/__main__.py")))
def test_every_example_diagram(
    example: str, rec: RecordingMonitor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each example's diagram, as the runner would draw it (under the recording mocks)."""
    monkeypatch.chdir(EXAMPLES / example)
    path = str(EXAMPLES / example / "__main__.py")
    run(lambda: runpy.run_path(path, run_name="__main__"))
    chart, _, _ = _drawn(rec)
    assert chart.edges and chart.boxes


def test_every_resource_is_one_node_and_every_component_one_box_of_its_children(
    rec: RecordingMonitor,
) -> None:
    run(_stack)
    chart, ids, _ = _drawn(rec)
    assert len(rec.registrations) == 19
    assert all(re.fullmatch(ID, id_) for id_ in chart.labels)
    assert {chart.labels[b] for b in chart.boxes} == {
        "Model: svc",
        "EndpointConfig: svc",
        "Endpoint: svc",
        "ScalableInstanceCount: svc-AllTraffic-instance-count",
        "App: app",
        "Inner: app-inner",
    }
    # A resource parented to a custom resource sits in that resource's box.
    assert sorted(chart.members[ids[rec.named("app-inner").urn]]) == sorted(
        [ids[rec.named("app-bucket").urn], ids[rec.named("app-policy").urn]]
    )
    assert chart.members[ids[rec.named("app").urn]] == [ids[rec.named("app-inner").urn]]


def test_every_dependency_and_parent_is_an_edge_and_every_edge_has_a_reason(
    rec: RecordingMonitor,
) -> None:
    run(_stack)
    chart, ids, _ = _drawn(rec)
    edges = set(chart.edges)
    named = {r.name: ids[r.urn] for r in rec.registrations}
    for source, target in [
        ("svc-role", "svc-model"),
        ("svc-model", "svc-config"),
        ("svc-config", "svc-endpoint"),
        ("svc-endpoint", "svc-AllTraffic-instance-count-target"),
        ("svc-AllTraffic-instance-count-target", "svc-AllTraffic-instance-count-rps"),
        (ODD_NAME, "svc-slow"),
        ("app-bucket", "app-policy"),
    ]:
        solid, dotted = ((named[source], arrow, named[target]) for arrow in ("-->", "-.->"))
        assert (solid in edges) != (dotted in edges), (source, target)
    assert (named["app-bucket"], "-.->", named["app-policy"]) in edges
    # Pulumi expands a dependency on a component into one on each resource inside it.
    for inside in ("svc-role", "svc-policy", "svc-model"):
        assert (named[inside], "-->", named["app-policy"]) in edges
    assert len(edges) == 16


def test_an_alarm_that_names_its_endpoint_points_at_it_not_from_it(rec: RecordingMonitor) -> None:
    # A rollback alarm names the endpoint (its dimension), yet the endpoint depends on it.
    run(_stack)
    chart, ids, _ = _drawn(rec)
    endpoint = ids[rec.named("svc-endpoint").urn]
    rollback = [r for r in rec.registrations if "Rollback" in r.name]
    assert len(rollback) == 2
    for alarm in rollback:
        assert (ids[alarm.urn], "-->", endpoint) in chart.edges
        assert (endpoint, "-->", ids[alarm.urn]) not in chart.edges
    # An alarm the endpoint does not depend on is drawn from the endpoint it watches.
    assert (endpoint, "-->", ids[rec.named("svc-slow").urn]) in chart.edges


def test_labels_hold_no_character_mermaid_misreads(rec: RecordingMonitor) -> None:
    run(_stack)
    text = mermaid(rec.registrations)
    (line,) = [line for line in text.splitlines() if "Topic: " in line]
    assert line.endswith(
        '["Topic: odd #quot;quote#quot; #lt;b#gt;bold#lt;/b#gt; #amp; #35;35; #96;tick#96; end"]'
    )
    assert parse(text).labels[line.split("[")[0].strip()] == f"Topic: {ODD_NAME}"


def test_parse_refuses_what_mermaid_would_misread() -> None:
    good = 'flowchart LR\n    n0["Topic: t"]\n    n1["Topic: u"]\n    n0 --> n1\n'
    assert parse(good).edges == [("n0", "-->", "n1")]
    for bad in [
        good.replace("Topic: t", 'Topic: "t"'),
        good.replace("Topic: t", "Topic: <b>t</b>"),
        good.replace("Topic: t", "Topic: #t"),
        good.replace("n1[", "end["),
        good.replace('["Topic: u"]', '(["Topic: u"]'),
        good + "    n0 --> n1\n",
        good.replace("    n0 --> n1", "    n0 --> n2"),
        good.replace('    n1["', '    subgraph n1["').replace("--> n1", "--> n0"),
    ]:
        try:
            parse(bad)
        except AssertionError:
            continue
        raise AssertionError(f"parsed: {bad!r}")


def test_limits_name_what_mermaid_would_refuse() -> None:
    # Mermaid 11 renders at most 500 edges and 50,000 characters unless the embedding page
    # raises them (a diagram cannot): https://mermaid.js.org/config/schema-docs/config.html
    assert (MAX_EDGES, MAX_TEXT_SIZE) == (500, 50_000)
    head = 'flowchart LR\n    n0["Topic: t"]\n    n1["Topic: u"]\n'
    at_limit = head + "    n0 --> n1\n" * 250 + "    n0 -.-> n1\n" * 250
    assert mermaid_limits(at_limit) == []
    assert mermaid_limits(at_limit + "    n1 --> n0\n") == [
        "501 edges (Mermaid renders 500 unless maxEdges is raised)"
    ]
    long = head + "%%" + "x" * (50_000 - len(head) - 3) + "\n"
    assert len(long) == 50_000 and mermaid_limits(long) == []
    assert mermaid_limits(long + "\n") == [
        "50001 characters (Mermaid renders 50000 unless maxTextSize is raised)"
    ]
