"""Pulumi input values -> Terraform JSON values, walking the provider's schema.

pulumi_aws sends camelCase keys, every number as a float, a block of at most one item as a
single object and a repeated block under a plural name (``stepAdjustments``); Terraform wants
the provider's snake_case names, a list of objects for every block and values of the
attribute's declared type. Keys are matched to schema names ignoring case and underscores,
then as the plural of a block name, then (pulumi_aws's other renaming rule) as
``<last word of the type>_<key>`` (``name`` -> ``alarm_name``). A key matching nothing is
reported, never dropped silently.

Terraform JSON syntax: https://developer.hashicorp.com/terraform/language/syntax/json
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pulumi.asset import FileArchive, FileAsset, StringAsset

from .schema import Block

#: Turns a literal string into a Terraform string expression (references, escapes).
StringFn = Callable[[str], str]


def _norm(name: str) -> str:
    return name.replace("_", "").lower()


def _plurals(name: str) -> list[str]:
    forms = [name + "s", name + "es"]
    if name.endswith("y"):
        forms.append(name[:-1] + "ies")
    return forms


@dataclass
class Converter:
    """Convert one resource's inputs against its schema, collecting what does not map.

    Args:
        strings: applied to every string value (resource references, escaping).
        base_dir: where relative asset paths are resolved (the program's directory).
        type_word: the last word of the Terraform type (``alarm`` for a metric alarm).
    """

    strings: StringFn
    base_dir: Path
    type_word: str = ""
    unmapped: list[str] = field(default_factory=list)
    """``path: reason`` of every input that has no place in the schema."""
    unknown: list[str] = field(default_factory=list)
    """Paths of the inputs whose key names nothing in the schema (a subset of ``unmapped``)."""

    def match(self, block: Block, key: str) -> str | None:
        """The schema name of pulumi key ``key`` in ``block``, or None."""
        wanted = _norm(key)
        by_norm = {_norm(n): n for n in block.names()}
        if wanted in by_norm:
            return by_norm[wanted]
        for name in block.names():  # pulumi_aws pluralises lists: stepAdjustments, ...Ins
            spec = block.attributes.get(name, {"type": ["list"]})
            is_list = name in block.block_types or isinstance(spec.get("type"), list)
            if is_list and wanted in (_norm(p) for p in _plurals(name)):
                return name
        renamed = _norm(f"{self.type_word}_{key}")
        return by_norm.get(renamed) if self.type_word else None

    def block(self, block: Block, value: Any, path: str = "") -> dict[str, Any]:
        """Convert an object of inputs to a block body."""
        if not isinstance(value, dict):
            self.unmapped.append(f"{path or '.'}: expected an object, got {value!r}")
            return {}
        out: dict[str, Any] = {}
        for key, item in value.items():
            if item is None:
                continue
            name = self.match(block, key)
            if name is None:
                self.unmapped.append(f"{path}{key}: no attribute or block of that name")
                self.unknown.append(f"{path}{key}")
                continue
            if name in block.attributes:
                out[name] = self.attribute(block.attributes[name]["type"], item, f"{path}{key}")
            else:
                out[name] = self.nested(block, name, item, f"{path}{key}")
        return out

    def nested(self, block: Block, name: str, value: Any, path: str) -> Any:
        """Convert a nested block (one object or a list of them) to a list of bodies."""
        spec = block.block_types[name]
        inner = block.nested(name)
        items = value if isinstance(value, list) else [value]
        bodies = [self.block(inner, item, f"{path}[{i}].") for i, item in enumerate(items)]
        if spec["nesting_mode"] == "single":
            return bodies[0] if bodies else {}
        return bodies

    def attribute(self, type_: Any, value: Any, path: str) -> Any:
        """Convert a value to the attribute type ``type_`` (cty type JSON)."""
        if isinstance(type_, list):
            kind, element = type_[0], type_[1]
            if kind in ("list", "set") and isinstance(value, list):
                return [self.attribute(element, v, path) for v in value]
            if kind == "map" and isinstance(value, dict):
                return {k: self.attribute(element, v, f"{path}.{k}") for k, v in value.items()}
            if kind == "object" and isinstance(value, dict):
                # Object attributes keep the provider's names (a security group's inline
                # ``egress`` rules: ``fromPort`` -> ``from_port``).
                by_norm: dict[str, str] = {_norm(str(a)): str(a) for a in element}
                converted: dict[str, Any] = {}
                for k, v in value.items():
                    name = by_norm.get(_norm(str(k)), str(k))
                    converted[name] = self.attribute(element.get(name, "dynamic"), v, path)
                return converted
            self.unmapped.append(f"{path}: {value!r} is not a {kind}")
            return value
        return self.scalar(type_, value, path)

    def scalar(self, type_: str, value: Any, path: str) -> Any:
        """Convert a primitive: numbers arrive as floats, assets as objects."""
        if isinstance(value, (FileAsset, FileArchive)):
            return self.strings(os.path.normpath(self.base_dir / str(value.path)))
        if isinstance(value, StringAsset):
            return self.strings(str(value.text))
        if type_ == "string":
            if isinstance(value, bool):
                return "true" if value else "false"
            if isinstance(value, float) and value.is_integer():
                return str(int(value))
            if isinstance(value, (int, float)):
                return str(value)
            if isinstance(value, str):
                return self.strings(value)
        if type_ == "number" and isinstance(value, float) and value.is_integer():
            return int(value)
        if type_ == "bool" and isinstance(value, str) and value in ("true", "false"):
            return value == "true"
        if isinstance(value, str):
            return self.strings(value)
        return value
