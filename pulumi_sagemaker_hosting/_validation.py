"""Check argument values against AWS's own field rules, at construction, before registering.

The rules (:mod:`._aws_rules`) are generated from botocore's service models by
``scripts/gen_aws_rules.py``; this module applies them to the values a component is about to
render. Every check returns problems phrased ``<argument> must <rule>, got <value>`` (the
component's :class:`~.errors.Problems` adds ``<Component> '<name>':``). Values not known at
program time (Outputs, awaitables) are skipped: AWS checks them at deploy time.

A few rules AWS states in prose rather than in the models are written here by hand, each
with its source.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from typing import Any

import pulumi

from ._aws_rules import RULES

# Smithy's ``integer`` is a signed 32-bit number and ``long`` a 64-bit one: AWS refuses
# anything beyond, even where the model sets no maximum (capacities, cooldowns).
_INT_BOUNDS = {"integer": (-(2**31), 2**31 - 1), "long": (-(2**63), 2**63 - 1)}
# Enums longer than this are not listed in messages; the closest members are.
_LISTED_ENUM = 12
_SHOWN = 80


def is_unknown(value: object) -> bool:
    """Whether ``value`` is only known at deploy time (an Output or another awaitable)."""
    return isinstance(value, pulumi.Output) or hasattr(value, "__await__")


def show(value: object) -> str:
    """``repr(value)``, shortened for long values (with their length)."""
    text = repr(value)
    if len(text) <= _SHOWN:
        return text
    size = f" ({len(value)} characters)" if isinstance(value, str) else ""
    return f"{text[: _SHOWN - 3]}...{size}"


@cache
def _regex(path: str) -> re.Pattern[str]:
    rule = RULES[path]
    return re.compile(rule.get("regex", rule["pattern"]), re.DOTALL)


def rule(path: str) -> dict[str, Any]:
    """The generated rule of one request field (``sagemaker.CreateModel.ModelName``)."""
    return RULES[path]


def closest(value: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` members of ``choices`` closest to ``value`` (difflib's ratio)."""
    import difflib  # only to word an error: not loaded by a valid program

    pool = list(choices)
    found = difflib.get_close_matches(value, pool, n=n, cutoff=0.5)
    if not found:
        found = difflib.get_close_matches(value, pool, n=n, cutoff=0.0)
    return found


def is_number(value: object) -> bool:
    """A real number (not a bool), finite or not."""
    return not isinstance(value, bool) and isinstance(value, (int, float))


def is_finite(value: object) -> bool:
    """A real number (not a bool) finite as a float: not NaN, infinity or an int beyond floats."""
    if not is_number(value):
        return False
    try:
        return math.isfinite(value)  # type: ignore[arg-type]
    except OverflowError:  # an int too large for a float (10**400): never a crash
        return False


def is_whole(value: object) -> bool:
    """An integer, or a whole float (other languages send integers as JSON numbers)."""
    if isinstance(value, int):
        return not isinstance(value, bool)
    return is_finite(value) and float(value).is_integer()  # type: ignore[arg-type]


def field(path: str, argument: str, value: object, *, what: str | None = None) -> list[str]:
    """Problems of ``value`` as the request field ``path`` (empty when AWS would accept it).

    Args:
        path: the field, a key of the generated rules.
        argument: how the user named it (``containers[0].environment``).
        value: the value about to be rendered; unknown values are skipped.
        what: a name for the enum's members in messages (``a SageMaker hosting instance
            type``), for enums too long to list.
    """
    if value is None or is_unknown(value):
        return []
    spec = RULES[path]
    kind = spec["type"]
    if kind == "string":
        return _string(path, spec, argument, value, what)
    if kind in _INT_BOUNDS:
        return _integer(spec, argument, value)
    if kind in ("float", "double"):
        return _number(spec, argument, value)
    if kind == "boolean":
        if not isinstance(value, bool):
            return [f"{argument} must be True or False, got {show(value)}"]
        return []
    if kind == "list":
        return _size(spec, argument, value, "item")
    if kind == "map":
        return _size(spec, argument, value, "entry")
    return []


def _string(
    path: str, spec: dict[str, Any], argument: str, value: object, what: str | None
) -> list[str]:
    if not isinstance(value, str):
        return [f"{argument} must be a string, got {show(value)} ({type(value).__name__})"]
    enum: tuple[str, ...] | None = spec.get("enum")
    if enum is not None:
        if value in enum:
            return []
        if len(enum) <= _LISTED_ENUM:
            return [f"{argument} must be one of {', '.join(enum)}, got {show(value)}"]
        near = ", ".join(closest(value, enum))
        return [
            f"{argument} must be {what or 'a value AWS accepts'} (closest: {near}), "
            f"got {show(value)}"
        ]
    low, high = spec.get("min", 0), spec.get("max")
    if len(value) < low or (high is not None and len(value) > high):
        if high is None:
            bound = f"at least {low}"
        else:
            bound = f"{low} to {high}" if low else f"at most {high}"
        shown = show(value)
        if "characters)" not in shown:
            shown += f" ({len(value)} characters)"
        return [f"{argument} must be {bound} characters long, got {shown}"]
    if "pattern" in spec and not _regex(path).fullmatch(value):
        return [f"{argument} must match the pattern ^{spec['pattern']}$, got {show(value)}"]
    return []


def _integer(spec: dict[str, Any], argument: str, value: object) -> list[str]:
    floor, ceiling = _INT_BOUNDS[spec["type"]]
    low, high = spec.get("min", floor), spec.get("max", ceiling)
    if not is_whole(value) or not low <= value <= high:
        return [f"{argument} must be an integer from {low} to {high}, got {show(value)}"]
    return []


def _number(spec: dict[str, Any], argument: str, value: object) -> list[str]:
    low, high = spec.get("min"), spec.get("max")
    if not is_finite(value):
        return [f"{argument} must be a finite number, got {show(value)}"]
    if (low is not None and value < low) or (high is not None and value > high):
        bound = (
            f"from {low} to {high}"
            if low is not None and high is not None
            else (f">= {low}" if low is not None else f"<= {high}")
        )
        return [f"{argument} must be a number {bound}, got {show(value)}"]
    return []


def _size(spec: dict[str, Any], argument: str, value: object, unit: str) -> list[str]:
    container = "list" if unit == "item" else "dict"
    if unit == "item" and not is_list(value):
        return [f"{argument} must be a list, got {show(value)} ({type(value).__name__})"]
    if unit == "entry" and not isinstance(value, Mapping):
        return [f"{argument} must be a dict, got {show(value)} ({type(value).__name__})"]
    count = len(value)  # type: ignore[arg-type]
    low, high = spec.get("min", 0), spec.get("max")
    if count < low or (high is not None and count > high):
        bound = f"{low} to {high}" if low and high is not None else f"at most {high}"
        if high is None:
            bound = f"at least {low}"
        plural = "entries" if unit == "entry" else "items"
        return [f"{argument} must be a {container} of {bound} {plural}, got {count}"]
    return []


def is_list(value: object) -> bool:
    """A list or tuple (a string is a sequence too, but never a list of ids)."""
    return isinstance(value, Sequence) and not isinstance(value, (str, bytes, bytearray))


def items(path: str, argument: str, value: object, **kwargs: Any) -> list[str]:
    """Problems of a list field and of each known element (``path`` + ``[]``)."""
    if value is None or is_unknown(value):
        return []
    found = field(path, argument, value)
    if found or not is_list(value):
        return found
    assert isinstance(value, Sequence)
    for index, item in enumerate(value):
        found += field(f"{path}[]", f"{argument}[{index}]", item, **kwargs)
    return found


def plain(argument: str, value: object, kinds: type | tuple[type, ...], label: str) -> list[str]:
    """``value`` must be a plain value of ``kinds`` (no Output): what the component branches on."""
    if (
        value is None
        or (isinstance(value, kinds) and not isinstance(value, bool))
        or (kinds is bool and isinstance(value, bool))
    ):
        return []
    if is_unknown(value):
        return [
            f"{argument} must be {label} known when the program runs, not an Output "
            "(the component validates and branches on it)"
        ]
    return [f"{argument} must be {label}, got {show(value)} ({type(value).__name__})"]


def optional_text(argument: str, value: object) -> list[str]:
    """``value`` must be a plain string or None."""
    return plain(argument, value, str, "a string")


def input_text(argument: str, value: object) -> list[str]:
    """``value`` must be a string or an Output of one."""
    if value is None or isinstance(value, str) or is_unknown(value):
        return []
    return [
        f"{argument} must be a string (or an Output of one), "
        f"got {show(value)} ({type(value).__name__})"
    ]


# --- tags --------------------------------------------------------------------------------

# AWS-generated tag keys are "typically prefixed with aws. This prefix cannot be used in
# user-defined tag keys." (case-insensitively: aws:, AWS:, Aws:...), Best Practices for Tagging
# AWS Resources: https://docs.aws.amazon.com/whitepapers/latest/tagging-best-practices/what-are-tags.html
_RESERVED_TAG_PREFIX = "aws:"


def _not_a_dict(argument: str, value: object, what: str) -> list[str]:
    """The problem of a tags or environment ``value`` that is no dict (of ``what``)."""
    if is_unknown(value):
        return [
            f"{argument} must be a dict known when the program runs (its values may be "
            "Outputs), not an Output"
        ]
    return [f"{argument} must be a dict of {what}, got {show(value)}"]


def tags(argument: str, value: object, operations: Sequence[str]) -> list[str]:
    """Problems of a tags dict sent to each of ``operations`` (``sagemaker.CreateModel``).

    The dict itself must be known (values may be Outputs): its size, keys and the reserved
    ``aws:`` prefix are checked against every operation the tags go to.
    """
    if value is None:
        return []
    if not isinstance(value, Mapping):
        return _not_a_dict(argument, value, "tag names to values")
    found: list[str] = []
    for operation in operations:
        spec = RULES[f"{operation}.Tags"]
        high = spec.get("max")
        if high is not None and len(value) > high:
            found.append(f"{argument} must hold at most {high} tags, got {len(value)}")
            break
    for key, item in value.items():
        at = f"{argument}[{key!r}]"
        if not isinstance(key, str):
            found.append(f"{argument} keys must be strings, got {show(key)}")
            continue
        problems: list[str] = []
        for operation in operations:
            problems += field(f"{operation}.Tags[].Key", f"{argument} key", key)
            problems += field(f"{operation}.Tags[].Value", at, item)
            if problems:
                break
        if not problems and key.lower().startswith(_RESERVED_TAG_PREFIX):
            problems.append(f"{argument} key must not start with 'aws:' (reserved), got {key!r}")
        found += problems
    return found


# --- environment -------------------------------------------------------------------------

# "The maximum length of each key and value in the Environment map is 1024 bytes. The
# maximum length of all keys and values in the map, combined, is 32 KB."
# https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html
ENV_ITEM_BYTES = 1024
ENV_TOTAL_BYTES = 32 * 1024


def environment(argument: str, value: object, path: str) -> list[str]:
    """Problems of a container's environment (``path``: the rendered ``Environment`` field)."""
    if value is None:
        return []
    if not isinstance(value, Mapping):
        return _not_a_dict(argument, value, "variable names to values")
    found = field(path, argument, value)
    total = 0
    for key, item in value.items():
        if not isinstance(key, str):
            found.append(f"{argument} names must be strings, got {show(key)}")
            continue
        found += field(f"{path}{{key}}", f"{argument} name", key)
        found += input_text(f"{argument}[{key!r}]", item)
        size = len(key.encode())
        if size > ENV_ITEM_BYTES:
            found.append(
                f"{argument} name must be at most {ENV_ITEM_BYTES} bytes, got {show(key)} ({size})"
            )
        total += size
        if isinstance(item, str):
            size = len(item.encode())
            total += size
            if size > ENV_ITEM_BYTES:
                found.append(
                    f"{argument}[{key!r}] must be at most {ENV_ITEM_BYTES} bytes (UTF-8), "
                    f"got {show(item)} ({size} bytes)"
                )
    if total > ENV_TOTAL_BYTES:
        found.append(
            f"{argument} names and values must be at most {ENV_TOTAL_BYTES} bytes in all "
            f"(32 KB), got {total} bytes"
        )
    return found


def collect(*checks: list[str]) -> list[str]:
    """Concatenate problem lists."""
    return [problem for check in checks for problem in check]


def guarded(argument: str, check: Callable[[], list[str]]) -> list[str]:
    """Run ``check``; a TypeError or AttributeError from an unexpected value becomes a problem."""
    try:
        return check()
    except (TypeError, AttributeError, ValueError) as error:
        return [f"{argument} has an unexpected value ({error})"]


def sequence(argument: str, value: object, label: str) -> list[str]:
    """``value`` must be a list (or tuple) of ``label``; None passes (the argument is optional)."""
    if value is None or is_list(value):
        return []
    if is_unknown(value):
        return [f"{argument} must be a list of {label} known when the program runs, not an Output"]
    return [f"{argument} must be a list of {label}, got {show(value)} ({type(value).__name__})"]


# --- local instance storage --------------------------------------------------------------

# "Certain Nitro-based instances include local storage ... You can't request a KmsKeyId when
# using an instance type with local storage. ... If you specify a value for KmsKeyId when
# using any nitro-based instances with local storage, the call to CreateEndpointConfig fails."
# https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html
# Hosting families with NVMe instance store volumes (the "d" families and the accelerated
# ones with local SSDs): https://docs.aws.amazon.com/sagemaker/latest/dg/host-instance-storage.html
# and the EC2 instance type specifications (https://aws.amazon.com/ec2/instance-types/).
LOCAL_STORAGE_FAMILIES = frozenset(
    {
        "c5d", "c6gd", "m5d", "m6gd", "r5d", "r6gd", "r7gd",
        "g4dn", "g5", "g6", "g6e", "p3dn", "p4d", "p4de", "p5", "p5e", "p5en",
        "p6-b200", "p6-b300", "p6e-gb200", "dl1", "trn1", "trn1n", "trn2",
    }
)  # fmt: skip


def has_local_storage(instance_type: object) -> bool:
    """Whether a hosting instance type has NVMe instance storage (no KMS volume key then)."""
    text = str(getattr(instance_type, "value", instance_type))
    parts = text.split(".")
    return len(parts) == 3 and parts[1] in LOCAL_STORAGE_FAMILIES


# --- imported ARNs -----------------------------------------------------------------------

# arn:partition:service:region:account-id:resource-type/resource-id; SageMaker ARNs always
# carry a region and a 12-digit account, and the name follows SageMaker's name rule (1-63
# letters, digits and hyphens).
# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
_SAGEMAKER_ARN = re.compile(
    r"arn:aws[a-z-]*:sagemaker:[a-z]{2}(-[a-z]+)+-\d:\d{12}:(?P<type>[a-z-]+)/"
    r"(?P<name>[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62})"
)


def sagemaker_arn(argument: str, value: object, resource: str) -> list[str]:
    """Problems of an imported SageMaker ARN of ``resource`` (``model``, ``endpoint``...)."""
    if not isinstance(value, str):
        return [f"{argument} must be an ARN string, got {show(value)} ({type(value).__name__})"]
    match = _SAGEMAKER_ARN.fullmatch(value)
    if match is None or match.group("type") != resource:
        return [
            f"{argument} must look like arn:<partition>:sagemaker:<region>:<account>:"
            f"{resource}/<name>, got {show(value)}"
        ]
    return []


def logical_name(argument: str, value: object) -> list[str]:
    """A logical (Pulumi) name: a non-empty plain string."""
    if isinstance(value, str) and value:
        return []
    return [f"{argument} must be a non-empty string, got {show(value)} ({type(value).__name__})"]


def check_component(kind: str, name: object, opts: object) -> None:
    """Refuse a component's logical ``name`` and ``opts`` before anything else runs.

    Pulumi itself raises a bare TypeError (after the component's checks, or half-way through
    its children) on a name that is not a non-empty string or options that are not a
    ``pulumi.ResourceOptions``; every public component calls this first instead.
    """
    from .errors import ValidationError

    found = logical_name("name", name)
    if opts is not None and not isinstance(opts, pulumi.ResourceOptions):
        found.append(
            f"opts must be a pulumi.ResourceOptions or None, got {show(opts)} "
            f"({type(opts).__name__})"
        )
    if found:
        raise ValidationError(f"{kind} {name!r}", found)
