"""Attributes that differ between the mirrored provider and the one pulumi_aws embeds.

pulumi_aws 7.x bridges terraform-provider-aws v6; the machine's plugin mirror may hold another
version (5.100.0 here). The difference is derived, not listed: the argument names of
pulumi_aws's resource classes and their nested ``...Args`` classes (generated from the
provider v6 schema) are compared with the mirrored provider's schema. An input only v6 knows
is skipped by name (:attr:`Translation.newer`), never silently: everything else that does not
map is a translator bug (:attr:`Translation.unmapped`).

pulumi-aws 7 / provider v6: https://www.pulumi.com/registry/packages/aws/how-to-guides/7-0-migration/
"""

from __future__ import annotations

import importlib
import inspect
from functools import cache
from pathlib import Path

from .schema import Block, ProviderSchema
from .tokens import snake
from .values import Converter

_SKIPPED_PARAMETERS = {"self", "__self__", "resource_name", "opts", "__props__"}


def _arguments(cls: type, method: str) -> list[str]:
    signature = inspect.signature(getattr(cls, method))
    return [p for p in signature.parameters if p not in _SKIPPED_PARAMETERS]


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _walk(module: object, prefix: str, block: Block, word: str, path: str, top: bool) -> list[str]:
    owner = getattr(module, prefix if top else f"{prefix}Args", None)
    if owner is None:
        return []
    names = _arguments(owner, "_internal_init" if top else "__init__")
    matcher = Converter(str, Path("."), word)
    found: list[str] = []
    for name in names:
        match = matcher.match(block, _camel(name))
        if match is None:
            found.append(f"{path}{name}")
        elif match in block.block_types:
            nested = _camel(name)
            nested = nested[:1].upper() + nested[1:]  # productionVariants -> ProductionVariants
            for candidate in (nested, nested[:-1] if nested.endswith("s") else nested):
                if getattr(module, f"{prefix}{candidate}Args", None) is not None:
                    found += _walk(
                        module,
                        f"{prefix}{candidate}",
                        block.nested(match),
                        word,
                        f"{path}{match}.",
                        False,
                    )
                    break
    return found


@cache
def newer_arguments(token: str, tf_type: str, schema: ProviderSchema) -> frozenset[str]:
    """The pulumi_aws argument paths of ``token`` the mirrored ``tf_type`` lacks.

    Paths are snake_case and dotted: ``primary_container.additional_model_data_sources``.
    """
    class_name = token.rsplit(":", 1)[-1]
    package = token.split(":")[1].split("/")[0]
    try:
        module = importlib.import_module(f"pulumi_aws.{package}")
    except ImportError:
        return frozenset()
    word = tf_type.rsplit("_", 1)[-1]
    return frozenset(_walk(module, class_name, schema.block(tf_type), word, "", True))


def is_newer(token: str, tf_type: str, schema: ProviderSchema, path: str) -> bool:
    """Whether the unmapped input ``path`` (camelCase, ``a.b[0].c``) is a v6-only argument."""
    parts = [snake(p.split("[", 1)[0]) for p in path.split(".") if p]
    return ".".join(parts) in newer_arguments(token, tf_type, schema)
