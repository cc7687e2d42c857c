"""The length of the ECR image URIs the package builds itself, checked at construction.

CreateModel takes an image URI of at most 255 characters (``Containers[].Image``, in the
generated ``_aws_rules``;
https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html). An
ECR image URI is ``<account>.dkr.ecr.<region>.<dns suffix>/<repository>`` followed by
``:<tag>`` or ``@<digest>`` (the registry URL:
https://docs.aws.amazon.com/AmazonECR/latest/userguide/Registries.html). The repository and
the tag are known when the image is made and an account id is always 12 digits; the region is
the one configured (``aws:region``, ``AWS_REGION``) or, when none is, the shortest a region
name can be (9 characters, ``us-east-1``), so a URI refused without a configured region is too
long in every region. (A model deployed through a ``provider=`` of another region is checked
with the configured region, as ``from_dlc`` looks up its registry account.)
"""

from __future__ import annotations

from ._environment import configured_region, url_suffix
from ._validation import rule

_SHORTEST_REGION = "us-east-1"
_ACCOUNT_DIGITS = 12
IMAGE_FIELD = "sagemaker.CreateModel.Containers[].Image"


def problems(argument: str, path: str, account: str | None = None, hint: str = "") -> list[str]:
    """Why ``<registry>/<path>`` is too long for CreateModel (empty when it fits).

    Args:
        argument: what the user gave that makes ``path`` (``repository and tag``).
        path: ``<repository><:tag|@digest>``.
        account: the registry's account, when known (12 digits either way).
        hint: what to do about it, appended to the message.
    """
    region = configured_region()
    shown_region = region or _SHORTEST_REGION
    registry = f"{account or '<account>'}.dkr.ecr.{shown_region}.{url_suffix(shown_region)}"
    length = len(registry) - len(account or "<account>") + _ACCOUNT_DIGITS + 1 + len(path)
    limit: int = rule(IMAGE_FIELD)["max"]
    if length <= limit:
        return []
    where = f"in region {region}" if region else "in every region (us-east-1, the shortest, shown)"
    return [
        f"{argument}: the image URI would be {length} characters {where}, but CreateModel "
        f"takes at most {limit} (Containers[].Image){hint}, got {registry}/{path}"
    ]
