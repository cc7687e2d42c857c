"""Every stack planned and applied by the upstream Terraform AWS provider, and its rollouts.

Slow (the provider is a 700 MB binary that takes seconds to start on every command): marked
``terraform`` so ``pytest -m "not terraform"`` leaves it out locally; CI runs it.
"""

from __future__ import annotations

import json
import os

import pytest
from edge_programs import EDGES
from layer import Outcome, scenario_module
from programs import NOT_IN_TERRAFORM, ROOT
from rollout_programs import SCENARIOS, Scenario
from rollout_table import ROLE_TYPES, action_word, render_table

from pulumi_sagemaker_hosting.testing.terraform import schema

pytestmark = pytest.mark.terraform

STACKS = [
    *sorted(
        name
        for name in (p.parent.name for p in (ROOT / "examples").glob("*/__main__.py"))
        if name not in NOT_IN_TERRAFORM
    ),
    "yaml-hosted-model",
    "emulator-hosting",
    *EDGES,
]
TABLE = ROOT / "docs" / "rollout-table.md"


def completed(outcome: Outcome) -> Outcome:
    if outcome.failure is not None:
        pytest.fail(outcome.failure)
    return outcome


def test_validate_is_clean(provider_pass: Outcome) -> None:
    completed(provider_pass)
    assert provider_pass.diagnostics == []


@pytest.mark.parametrize("stack", STACKS)
def test_plan_creates_every_resource(provider_pass: Outcome, stack: str) -> None:
    outcome = completed(provider_pass)
    translated = {a for a in outcome.translations[stack].addresses.values()}
    assert sorted(outcome.created[stack]) == sorted(translated)


@pytest.mark.parametrize("stack", STACKS)
def test_nothing_left_to_change_after_apply(provider_pass: Outcome, stack: str) -> None:
    outcome = completed(provider_pass)
    pending = {a: act for a, act in outcome.changes[stack].items() if act != ["no-op"]}
    assert pending == {}
    assert len(outcome.changes[stack]) == len(outcome.translations[stack].addresses)


def planned(outcome: Outcome, scenario: Scenario) -> dict[str, str]:
    """``{role: action word}`` of the scenario's v2 plan."""
    changes = outcome.changes[scenario_module(scenario.key)]
    found: dict[str, str] = {}
    for role, (tf_type, suffix) in ROLE_TYPES.items():
        matching = [
            actions
            for address, actions in changes.items()
            if address.startswith(f"{tf_type}.")
            and address.endswith(suffix.format(key=scenario.key))
        ]
        assert len(matching) == 1, (role, sorted(changes))
        found[role] = action_word(matching[0])
    return found


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.key)
def test_rollout(provider_pass: Outcome, scenario: Scenario) -> None:
    actions = planned(completed(provider_pass), scenario)
    assert {role: actions[role] for role in scenario.expected} == scenario.expected


def test_an_endpoint_is_never_replaced_except_for_a_new_name(provider_pass: Outcome) -> None:
    outcome = completed(provider_pass)
    replaced = {s.key for s in SCENARIOS if planned(outcome, s)["endpoint"] == "replace"}
    assert replaced == {"rename"}
    (paths,) = [
        p
        for address, p in outcome.replace_paths.items()
        if address.startswith("module.rollout-rename.aws_sagemaker_endpoint.")
    ]
    assert paths == [["name"]]


def test_rollout_table_is_the_readme_s(provider_pass: Outcome) -> None:
    outcome = completed(provider_pass)
    table = render_table(
        [(s, planned(outcome, s)) for s in SCENARIOS], outcome.workspace.provider_version
    )
    if os.environ.get("UPDATE_ROLLOUT_TABLE"):
        TABLE.write_text(table)
    assert TABLE.read_text() == table, (
        "run with UPDATE_ROLLOUT_TABLE=1, then scripts/render_readme.py"
    )
    assert table in (ROOT / "README.md").read_text()


def test_trimmed_schema_is_the_mirrors(provider_pass: Outcome) -> None:
    workspace = provider_pass.workspace
    trimmed = schema.trim(workspace.provider_schema(), workspace.provider_version)
    shipped = json.loads(schema.TRIMMED.read_text())
    assert trimmed == shipped, "run scripts/trim_tf_schema.py"


def test_layer_timings_are_reported(provider_pass: Outcome, record_property: object) -> None:
    outcome = completed(provider_pass)
    steps = ["record and translate", "validate", "plan v1", "apply v1", "plan v2", "total"]
    assert sorted(outcome.seconds) == sorted(steps)
    print(json.dumps({k: round(v, 1) for k, v in outcome.seconds.items()}))
