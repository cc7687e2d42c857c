"""One pass of the upstream Terraform AWS provider over every program (shared by the tests).

Programs: the examples, the YAML example, the emulator program, the edge programs (values at
the limits of our validation) and the rollout scenarios.

v1: every stack plus every rollout scenario's v1, as child modules of one root configuration
(the 700 MB provider then starts once per command, not once per program): ``validate``,
``plan``, ``apply`` against a moto server. v2: the same stacks, the scenarios' v2: ``plan``.
The v2 plan doubles as the idempotence check (a stack that still has changes right after its
apply has a perpetual diff) and as the rollout check (the planned action per resource).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from edge_programs import EDGES
from programs import record, stacks
from rollout_programs import SCENARIOS, Knobs, program

from pulumi_sagemaker_hosting.testing.terraform import Translation, Workspace
from pulumi_sagemaker_hosting.testing.terraform.moto_server import MotoServer
from pulumi_sagemaker_hosting.testing.terraform.provider import provider_config

Json = dict[str, Any]


@dataclass
class Outcome:
    """What the provider said about every program."""

    workspace: Workspace
    translations: dict[str, Translation]
    diagnostics: list[str] = field(default_factory=list)
    created: dict[str, list[str]] = field(default_factory=dict)
    """``{module: [addresses planned for creation]}`` (v1)."""
    failure: str | None = None
    """The first command that failed, with its diagnostics."""
    changes: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    """v2 plan: ``{module: {address: actions}}``."""
    replace_paths: dict[str, list[list[Any]]] = field(default_factory=dict)
    """v2 plan: ``{module.address: attribute paths that force replacement}``."""
    seconds: dict[str, float] = field(default_factory=dict)


def scenario_module(key: str) -> str:
    """The module key of a rollout scenario."""
    return f"rollout-{key}"


def _record_scenario(key: str, knobs: Knobs) -> Translation:
    return record(lambda: program(key, knobs))


def _split(address: str) -> tuple[str, str]:
    _, module, rest = address.split(".", 2)
    return module, rest


def run_layer(root: Path) -> Outcome:
    """Translate every program, then validate, plan and apply v1 and plan v2."""
    started = time.monotonic()
    workspace = Workspace.create(root)
    translations = stacks()
    translations.update({key: record(edge) for key, edge in EDGES.items()})
    v1 = dict(translations)
    v2 = dict(translations)
    for s in SCENARIOS:
        v1[scenario_module(s.key)] = _record_scenario(s.key, s.v1)
        v2[scenario_module(s.key)] = _record_scenario(s.key, s.v2)
    outcome = Outcome(workspace, v1)
    outcome.seconds["record and translate"] = time.monotonic() - started
    with MotoServer() as server:
        provider = provider_config(server.url, workspace.provider_version)
        root_doc = {"terraform": provider["terraform"], "provider": {"aws": provider["aws"]}}
        step = "write"
        try:
            config = workspace.modules(
                "all", root_doc, {k: {"resource": t.resources} for k, t in v1.items()}
            )
            step = "validate"
            outcome.diagnostics = _timed(outcome, step, lambda: workspace.validate(config))
            if any(d.startswith("error") for d in outcome.diagnostics):
                outcome.failure = "terraform validate: " + "\n".join(outcome.diagnostics)
                return outcome
            step = "plan v1"
            plan = _timed(outcome, step, lambda: workspace.plan(config))
            for change in plan.get("resource_changes", []):
                module, rest = _split(change["address"])
                if change["change"]["actions"] == ["create"]:
                    outcome.created.setdefault(module, []).append(rest)
            step = "apply v1"
            _timed(outcome, step, lambda: workspace.apply(config))
            workspace.modules(
                "all", root_doc, {k: {"resource": t.resources} for k, t in v2.items()}
            )
            step = "plan v2"
            plan = _timed(outcome, step, lambda: workspace.plan(config))
        except Exception as exc:  # reported by every test that needs the step
            outcome.failure = f"{step}: {exc}"
            return outcome
        for change in plan.get("resource_changes", []):
            module, rest = _split(change["address"])
            outcome.changes.setdefault(module, {})[rest] = change["change"]["actions"]
            if change["change"].get("replace_paths"):
                outcome.replace_paths[change["address"]] = change["change"]["replace_paths"]
    outcome.seconds["total"] = time.monotonic() - started
    return outcome


def _timed(outcome: Outcome, step: str, action: Any) -> Any:
    started = time.monotonic()
    try:
        return action()
    finally:
        outcome.seconds[step] = time.monotonic() - started
