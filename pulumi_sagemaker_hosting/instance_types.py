"""Instance and accelerator type names for SageMaker hosting.

The constants and the set of valid types are generated from botocore's
``ProductionVariantInstanceType`` enum (``scripts/gen_aws_rules.py``): a variant with any
other type is refused at construction, naming the closest valid types. For a type released
after this package, ``InstanceType.of(name, check=False)`` passes it through unchecked.
"""

from __future__ import annotations

from enum import Enum

from ._instance_type_names import HOSTING_INSTANCE_TYPES, HostingInstanceTypes

#: Instance families that run on CPU credits: auto scaling them is refused by SageMaker.
BURSTABLE_PREFIXES = ("ml.t2.", "ml.t3.", "ml.t3a.", "ml.t4g.")


def is_burstable(instance_type: str) -> bool:
    """Whether ``instance_type`` is a burstable (T-family) type."""
    return str(instance_type).startswith(BURSTABLE_PREFIXES)


class UncheckedInstanceType(str):
    """An instance type given with ``InstanceType.of(name, check=False)``: never refused."""

    __slots__ = ()


def instance_type_problem(argument: str, value: object) -> str | None:
    """Why ``value`` is not a SageMaker hosting instance type, or None when it is one."""
    from ._validation import closest, is_unknown, show

    if isinstance(value, UncheckedInstanceType):
        return None
    text = value.value if isinstance(value, Enum) else value
    if isinstance(text, str) and text in HOSTING_INSTANCE_TYPES:
        return None
    if is_unknown(text):
        return (
            f"{argument} must be an instance type name known when the program runs, not an "
            "Output (the variant's rules depend on it)"
        )
    if not isinstance(text, str):
        return f"{argument} must be an instance type name such as 'ml.m5.large', got {show(value)}"
    near = ", ".join(closest(text, HOSTING_INSTANCE_TYPES))
    return (
        f"{argument} must be a SageMaker hosting instance type (closest: {near}; "
        f"InstanceType.of(name, check=False) for a type newer than this package), got {text!r}"
    )


class InstanceType(HostingInstanceTypes):
    """SageMaker hosting instance types (``InstanceType.M5_LARGE == "ml.m5.large"``).

    Every type of the SageMaker API's ``ProductionVariantInstanceType`` (there is no
    ``ml.t3.*`` for hosting: those are notebook types).
    """

    @staticmethod
    def of(instance_type: str, *, check: bool = True) -> str:
        """Any hosting instance type by name.

        Args:
            instance_type: the name, e.g. ``ml.m5.large``.
            check: refuse names SageMaker hosting does not know (with the closest ones);
                ``False`` passes a type newer than this package through unchecked.
        """
        from .errors import ValidationError

        if not check:
            if not isinstance(instance_type, str) or not instance_type.startswith("ml."):
                raise ValidationError(
                    "InstanceType.of",
                    [f"instance_type must start with 'ml.', got {instance_type!r}"],
                )
            return UncheckedInstanceType(instance_type)
        reason = instance_type_problem("instance_type", instance_type)
        if reason:
            raise ValidationError("InstanceType.of", [reason])
        return instance_type


class AcceleratorType(str, Enum):
    """Elastic Inference accelerator sizes (deprecated by AWS; kept for parity with CDK)."""

    EIA1_MEDIUM = "ml.eia1.medium"
    EIA1_LARGE = "ml.eia1.large"
    EIA1_XLARGE = "ml.eia1.xlarge"
    EIA2_MEDIUM = "ml.eia2.medium"
    EIA2_LARGE = "ml.eia2.large"
    EIA2_XLARGE = "ml.eia2.xlarge"
