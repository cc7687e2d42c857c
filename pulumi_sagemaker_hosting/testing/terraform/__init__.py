"""Plan and apply recorded Pulumi programs with the upstream Terraform AWS provider.

:func:`translate` turns a :class:`~pulumi_sagemaker_hosting.testing.RecordingMonitor`'s
registrations into Terraform JSON against the provider's own schema; :class:`Workspace`
drives the ``terraform`` CLI offline from a local plugin mirror; :class:`MotoServer` is the AWS
it applies to (moto, taught what the provider calls that moto lacks).
"""

from __future__ import annotations

from .cli import TerraformError, Workspace, unavailable
from .translate import Translation, translate

__all__ = ["TerraformError", "Translation", "Workspace", "translate", "unavailable"]
