"""CloudWatch's rules on alarm actions and alarm names that its API model does not carry.

``PutMetricAlarm`` takes as actions only the ARNs of an SNS topic, a Lambda function, an
Auto Scaling / Application Auto Scaling policy, an EC2 action (``automate``/``swf``), a
Systems Manager OpsItem or Incident Manager response plan, or an investigation group; and an
alarm name may not hold ASCII control characters.
https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import _validation

#: The services whose ARNs CloudWatch takes as alarm actions (PutMetricAlarm, AlarmActions).
ACTION_SERVICES = (
    "sns",
    "lambda",
    "autoscaling",
    "automate",
    "swf",
    "ssm",
    "ssm-incidents",
    "aiops",
)
_ACTION_ARN = re.compile(
    r"arn:aws[a-z-]*:(" + "|".join(re.escape(s) for s in ACTION_SERVICES) + r"):[a-z0-9-]*:"
    r"[^:\s]*:\S+"
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def action_problems(argument: str, actions: object) -> list[str]:
    """Problems of the known actions in ``actions`` (Outputs are left to CloudWatch)."""
    if not _validation.is_list(actions):
        return []
    assert isinstance(actions, Sequence)
    found: list[str] = []
    for index, action in enumerate(actions):
        if isinstance(action, str) and not _ACTION_ARN.fullmatch(action):
            found.append(
                f"{argument}[{index}] must be the ARN of an alarm action (an SNS topic, a Lambda "
                "function, a scaling policy, an EC2 action, an SSM OpsItem or incident "
                f"response plan), got {_validation.show(action)}"
            )
    return found


def name_problems(argument: str, name: object) -> list[str]:
    """An alarm name may not hold ASCII control characters (PutMetricAlarm, AlarmName)."""
    if isinstance(name, str) and _CONTROL.search(name):
        return [
            f"{argument} must not contain ASCII control characters (CloudWatch refuses them), "
            f"got {_validation.show(name)}"
        ]
    return []
