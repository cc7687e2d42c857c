"""Optional dependencies: find out early, and say which extra installs them.

A plain ``pip install pulumi-sagemaker-hosting`` stays lean; the emulator and the offline
runner need the ``testing`` extra (moto, boto3), local image builds the ``docker`` extra
(the docker-build provider), inference components the
``inference-components`` extra (pulumi-aws-native).
"""

from __future__ import annotations

import importlib.util

DISTRIBUTION = "pulumi-sagemaker-hosting"
#: The importable modules each extra brings (the first missing one is named in the message).
EXTRAS: dict[str, tuple[str, ...]] = {
    "testing": ("boto3", "botocore", "moto"),
    "docker": ("pulumi_docker_build",),
    "inference-components": ("pulumi_aws_native",),
}


def missing(extra: str) -> str | None:
    """The first module of ``extra`` that cannot be imported, or None when all can."""
    for module in EXTRAS[extra]:
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):  # a parent package that fails, a None in sys.modules
            found = False
        if not found:
            return module
    return None


def install_hint(extra: str) -> str:
    """The command that installs ``extra``."""
    return f"pip install '{DISTRIBUTION}[{extra}]'"


def require(extra: str, feature: str) -> None:
    """Raise ModuleNotFoundError naming ``extra`` when one of its modules is missing."""
    module = missing(extra)
    if module is not None:
        raise ModuleNotFoundError(
            f"{feature} needs the `{extra}` extra ({module} is not installed): "
            f"{install_hint(extra)}",
            name=module,
        )
