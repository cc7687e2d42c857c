"""Normalized registrations of a mocked Pulumi program: what the engine would be asked to create.

One record per registration, sorted by URN (registration order depends on the event loop, not
on the program): the URN, type, parent URN, whether it is a custom resource, the wire-shaped
inputs and the sorted dependency URNs. Two programs with equal records register the same
resources with the same inputs under the same parents; that is how ``stack_floor.py`` is
checked against ``stack_ours.py`` (resource by resource), and what the golden file of
``tests/test_bench_registrations.py`` pins.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

from pulumi_sagemaker_hosting.testing.recorder import Registration


def normalize(registrations: Iterable[Registration]) -> list[dict[str, Any]]:
    """The records of ``registrations``, sorted by URN."""
    records = [
        {
            "urn": r.urn,
            "type": r.type,
            "parent": r.parent,
            "custom": r.custom,
            "inputs": r.inputs,
            "dependencies": sorted(set(r.dependencies)),
        }
        for r in registrations
    ]
    records.sort(key=lambda record: record["urn"])
    return records


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, sort_keys=True, separators=(",", ":"))


def digest(records: Sequence[dict[str, Any]]) -> str:
    """A sha256 over the records, one canonical JSON line each (no big string in memory)."""
    hasher = hashlib.sha256()
    for record in records:
        hasher.update(_line(record).encode())
        hasher.update(b"\n")
    return hasher.hexdigest()


def diff(expected: Sequence[dict[str, Any]], actual: Sequence[dict[str, Any]]) -> list[str]:
    """Human-readable differences, per URN (empty when equal)."""
    want = {r["urn"]: r for r in expected}
    got = {r["urn"]: r for r in actual}
    problems = [f"missing: {urn}" for urn in want if urn not in got]
    problems += [f"unexpected: {urn}" for urn in got if urn not in want]
    for urn in want:
        if urn in got and want[urn] != got[urn]:
            for key in ("type", "parent", "custom", "inputs", "dependencies"):
                if want[urn][key] != got[urn][key]:
                    problems.append(
                        f"{urn}: {key} differ:\n  expected {_line({key: want[urn][key]})}"
                        f"\n  actual   {_line({key: got[urn][key]})}"
                    )
    return problems
