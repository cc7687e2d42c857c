"""Regenerate pulumi_sagemaker_hosting/testing/terraform/aws_schema.json from the plugin mirror.

    .venv/bin/python scripts/trim_tf_schema.py

Runs ``terraform init`` (offline, from the filesystem mirror) and ``terraform providers schema
-json`` in a scratch directory and keeps the structure of the resource types the translator
uses (see ``schema.RESOURCE_TYPES``).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from pulumi_sagemaker_hosting.testing.terraform import cli, schema


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        workspace = cli.Workspace.create(Path(scratch))
        trimmed = schema.trim(workspace.provider_schema(), workspace.provider_version)
    schema.TRIMMED.write_text(json.dumps(trimmed, indent=1, sort_keys=True) + "\n")
    print(f"wrote {schema.TRIMMED} (provider {trimmed['version']})")


if __name__ == "__main__":
    main()
