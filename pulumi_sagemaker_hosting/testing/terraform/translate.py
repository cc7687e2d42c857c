"""Recorded registrations -> a Terraform JSON configuration (``main.tf.json``).

Each custom resource of a recorded Pulumi program becomes one Terraform resource: its type
from :mod:`.tokens`, its body from :mod:`.values` (against the provider's schema), references
from :mod:`.references`, explicit Pulumi dependencies as ``depends_on``. Pulumi replaces a
resource by creating the new one first, so every resource gets
``lifecycle.create_before_destroy`` unless the program asked for ``deleteBeforeReplace``. An
input the provider does not know and a type with no Terraform resource are reported in
:attr:`Translation.unmapped` / :attr:`Translation.skipped`, never dropped silently.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..recorder import Registration
from .references import Produced, ReferenceIndex
from .schema import ProviderSchema, load
from .tokens import skip_reason, terraform_type
from .values import Converter
from .versions import is_newer

Json = dict[str, Any]


@dataclass
class Translation:
    """A program's resources in Terraform JSON, with what did not translate."""

    resources: dict[str, dict[str, Json]] = field(default_factory=dict)
    """``{terraform type: {label: body}}``."""
    addresses: dict[str, str] = field(default_factory=dict)
    """``{URN: "type.label"}`` of every translated resource."""
    skipped: dict[str, str] = field(default_factory=dict)
    """``{URN: reason}`` of registrations with no Terraform resource (by design)."""
    unmapped: list[str] = field(default_factory=list)
    """``"<type> '<name>': <path>: <reason>"`` of every input or type that does not map."""
    newer: list[str] = field(default_factory=list)
    """``"<type> '<name>': <path>"`` of inputs only the provider pulumi_aws embeds (v6) has,
    left out by name (see :mod:`.versions`)."""

    def address(self, name: str) -> str:
        """The Terraform address of the resource with Pulumi logical name ``name``."""
        found = [a for urn, a in self.addresses.items() if urn.rsplit("::", 1)[-1] == name]
        if len(found) != 1:
            raise KeyError(f"{len(found)} translated resources named {name!r}")
        return found[0]

    def body(self, name: str) -> Json:
        """The Terraform body of the resource with Pulumi logical name ``name``."""
        type_, label = self.address(name).split(".", 1)
        return self.resources[type_][label]

    def document(self, provider: Json) -> Json:
        """The whole ``main.tf.json``: ``provider`` (the ``aws`` block) and the resources."""
        return {
            "terraform": provider["terraform"],
            "provider": {"aws": provider["aws"]},
            "resource": self.resources,
        }


def label(name: str) -> str:
    """A Terraform resource name for a Pulumi logical name (letters, digits, ``_``, ``-``)."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]", "_", name)
    return cleaned if re.match(r"[A-Za-z_]", cleaned) else f"r_{cleaned}"


class _Graph:
    """Registrations by URN, components expanded to their custom descendants."""

    def __init__(self, registrations: Iterable[Registration]) -> None:
        self.by_urn = {r.urn: r for r in registrations}
        self.children: dict[str, list[str]] = {}
        for r in self.by_urn.values():
            self.children.setdefault(r.parent, []).append(r.urn)

    def expand(self, urn: str) -> set[str]:
        registration = self.by_urn.get(urn)
        if registration is None:
            return set()
        if registration.custom:
            return {urn}
        found: set[str] = set()
        for child in self.children.get(urn, []):
            found |= self.expand(child)
        return found

    def direct(self, urn: str) -> set[str]:
        found: set[str] = set()
        for dep in self.by_urn[urn].dependencies:
            found |= self.expand(dep)
        found.discard(urn)
        return found

    def closure(self, urn: str) -> set[str]:
        seen: set[str] = set()
        todo = list(self.direct(urn))
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(self.direct(current))
        return seen


def translate(
    registrations: Iterable[Registration],
    schema: ProviderSchema | None = None,
    base_dir: Path | None = None,
) -> Translation:
    """Translate recorded registrations (a :class:`RecordingMonitor`'s) to Terraform JSON.

    Args:
        registrations: in registration order.
        schema: the provider schema (default: the trimmed one shipped with the package).
        base_dir: where relative asset paths resolve (default: the current directory, where
            Pulumi runs the program).
    """
    schema = schema if schema is not None else load()
    base = base_dir if base_dir is not None else Path(os.getcwd())
    graph = _Graph(registrations)
    result = Translation()
    types: dict[str, str] = {}
    for r in graph.by_urn.values():
        if not r.custom:
            continue
        reason = skip_reason(r.type)
        if reason is not None:
            result.skipped[r.urn] = reason
            continue
        tf_type = terraform_type(r.type, schema)
        if tf_type is None:
            result.unmapped.append(f"{r.type} '{r.name}': the provider has no resource for it")
            continue
        taken = result.resources.setdefault(tf_type, {})
        name = label(r.name)
        while name in taken:
            name += "_"
        taken[name] = {}
        types[r.urn] = tf_type
        result.addresses[r.urn] = f"{tf_type}.{name}"

    produced = {
        urn: _produced(graph.by_urn[urn], address, schema)
        for urn, address in result.addresses.items()
    }
    for urn, address in result.addresses.items():
        r = graph.by_urn[urn]
        tf_type, name = address.split(".", 1)
        index = ReferenceIndex([p for dep in graph.closure(urn) for p in produced.get(dep, [])])
        converter = Converter(index.interpolate, base, tf_type.rsplit("_", 1)[-1])
        block = schema.block(tf_type)
        inputs = {k: v for k, v in r.inputs.items() if not k.startswith("__")}
        body = converter.block(block, inputs)
        for attr, spec in block.attributes.items():
            if spec.get("required") and attr not in body:
                # Pulumi auto-named it (``name`` -> ``alarm_name``): keep the recorded name.
                recorded = [v for k, v in r.outputs.items() if converter.match(block, k) == attr]
                if recorded:
                    body[attr] = converter.attribute(spec["type"], recorded[0], attr)
                else:
                    converter.unmapped.append(f"{attr}: required by the provider, not set")
        referenced = {e.rsplit(".", 1)[0] for e in index.used}
        depends = sorted(
            {result.addresses[d] for d in _translated_deps(graph, urn, result.addresses)}
            - referenced
        )
        if depends:
            body["depends_on"] = depends
        lifecycle: Json = {}
        if not r.options.get("deleteBeforeReplace"):
            lifecycle["create_before_destroy"] = True
        ignored = [converter.match(block, k) for k in r.options.get("ignoreChanges") or []]
        if any(ignored):
            lifecycle["ignore_changes"] = sorted(i for i in ignored if i)
        if lifecycle:
            body["lifecycle"] = lifecycle
        result.resources[tf_type][name] = body
        newer = {p for p in converter.unknown if is_newer(r.type, tf_type, schema, p)}
        result.newer += [f"{r.type} '{r.name}': {p}" for p in sorted(newer)]
        result.unmapped += [
            f"{r.type} '{r.name}': {u}"
            for u in converter.unmapped
            if u.split(":", 1)[0] not in newer
        ]
    return result


def _translated_deps(graph: _Graph, urn: str, addresses: dict[str, str]) -> set[str]:
    """Direct dependencies, looking through skipped resources to what they depend on."""
    found: set[str] = set()
    todo = list(graph.direct(urn))
    seen: set[str] = set()
    while todo:
        dep = todo.pop()
        if dep in seen:
            continue
        seen.add(dep)
        if dep in addresses:
            found.add(dep)
        else:
            todo.extend(graph.direct(dep))
    return found


def _produced(r: Registration, address: str, schema: ProviderSchema) -> list[Produced]:
    """The computed outputs of ``r`` Terraform can read back, by value."""
    tf_type = address.split(".", 1)[0]
    block = schema.block(tf_type)
    matcher = Converter(str, Path("."), tf_type.rsplit("_", 1)[-1])
    found = []
    for key, value in r.outputs.items():
        if not isinstance(value, str) or r.inputs.get(key) == value:
            continue
        attr = matcher.match(block, key)
        if attr is not None and block.attributes.get(attr, {}).get("computed"):
            found.append(Produced(value, f"{address}.{attr}"))
    known = {p.value for p in found} | {v for v in r.outputs.values() if isinstance(v, str)}
    if r.id and r.id not in known and block.attributes.get("id", {}).get("computed"):
        # ``resource.id`` (a VPC's, a subnet's) as another resource reads it, when no named
        # output carries the same value (a model's id is its name: ``.name`` reads it).
        found.append(Produced(r.id, f"{address}.id"))
    return found
