"""Drive the ``terraform`` CLI offline: one provider install shared by every configuration.

:meth:`Workspace.create` writes a CLI config whose only provider source is the local plugin
mirror (``provider_installation { filesystem_mirror { ... } }``, read through
``TF_CLI_CONFIG_FILE``), runs ``terraform init`` once, and shares that initialized data
directory (``TF_DATA_DIR``) and lock file with every configuration it makes, so no
configuration pays for its own ``init``.

CLI configuration: https://developer.hashicorp.com/terraform/cli/config/config-file
``TF_DATA_DIR``: https://developer.hashicorp.com/terraform/cli/config/environment-variables
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Json = dict[str, Any]

#: Where the hashicorp/aws provider is mirrored on this machine kind (override: TF_PLUGIN_MIRROR).
DEFAULT_MIRROR = Path("/opt/tf-plugins")
_PROVIDER_DIR = Path("registry.terraform.io/hashicorp/aws")
#: Seconds any one terraform command may take before it is stopped.
COMMAND_TIMEOUT = 300


class TerraformError(Exception):
    """A terraform command failed; the message holds its diagnostics."""


def mirror() -> Path:
    """The plugin mirror directory in use."""
    return Path(os.environ.get("TF_PLUGIN_MIRROR", str(DEFAULT_MIRROR)))


def unavailable() -> str | None:
    """Why the Terraform layer cannot run here, or None when it can."""
    if shutil.which("terraform") is None:
        return "the terraform CLI is not on PATH"
    versions = mirror() / _PROVIDER_DIR
    if not versions.is_dir() or not any(versions.iterdir()):
        return f"no hashicorp/aws provider in the plugin mirror {mirror()} (set TF_PLUGIN_MIRROR)"
    return None


def mirrored_version() -> str:
    """The (highest) hashicorp/aws version in the mirror."""
    found = sorted(
        (p.name for p in (mirror() / _PROVIDER_DIR).iterdir()),
        key=lambda v: tuple(int(x) if x.isdigit() else 0 for x in v.split(".")),
    )
    return found[-1]


@dataclass
class Result:
    """What a terraform command printed."""

    returncode: int
    stdout: str
    stderr: str


@dataclass
class Workspace:
    """A directory with the CLI config, the shared provider install and configurations."""

    root: Path
    provider_version: str
    env: dict[str, str] = field(default_factory=dict)

    @staticmethod
    def create(root: Path, extra_env: dict[str, str] | None = None) -> Workspace:
        """Write the CLI config under ``root`` and install the provider once (offline)."""
        reason = unavailable()
        if reason is not None:
            raise TerraformError(reason)
        root.mkdir(parents=True, exist_ok=True)
        version = mirrored_version()
        config = root / "cli.tfrc"
        config.write_text(
            f'provider_installation {{\n  filesystem_mirror {{\n    path = "{mirror()}"\n  }}\n}}\n'
        )
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "TF_"))},
            "TF_CLI_CONFIG_FILE": str(config),
            "TF_DATA_DIR": str(root / "data"),
            "TF_IN_AUTOMATION": "1",
            "TF_INPUT": "0",
            "CHECKPOINT_DISABLE": "1",
            **(extra_env or {}),
        }
        workspace = Workspace(root, version, env)
        init = root / "init"
        init.mkdir(exist_ok=True)
        (init / "main.tf.json").write_text(json.dumps(workspace.terraform_block()))
        workspace.run(init, "init", "-backend=false")
        return workspace

    def terraform_block(self) -> Json:
        """``terraform { required_providers { aws = ... } }`` pinned to the mirrored version."""
        return {
            "terraform": {
                "required_providers": {
                    "aws": {"source": "hashicorp/aws", "version": self.provider_version}
                }
            }
        }

    def configuration(self, name: str, document: Json) -> Path:
        """Write ``document`` as ``<root>/<name>/main.tf.json`` (replacing any previous one)."""
        directory = self.root / "configs" / name
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "main.tf.json").write_text(json.dumps(document, indent=1, sort_keys=True))
        shutil.copy(self.root / "init" / ".terraform.lock.hcl", directory / ".terraform.lock.hcl")
        return directory

    def modules(self, name: str, root: Json, modules: dict[str, Json]) -> Path:
        """Write a root configuration calling one child module per entry of ``modules``.

        ``root`` holds the ``terraform`` and ``provider`` blocks; each module body (its
        ``resource`` block) goes to ``modules/<key>/main.tf.json``. Every program then shares
        one ``validate``, ``plan`` and ``apply``: the provider starts once, not per program.
        ``init`` records the modules (the provider is only linked from the mirror: cheap).
        """
        calls = {key: {"source": f"./modules/{key}"} for key in modules}
        directory = self.configuration(name, {**root, "module": calls})
        for key, body in modules.items():
            module = directory / "modules" / key
            module.mkdir(parents=True, exist_ok=True)
            (module / "main.tf.json").write_text(json.dumps(body, indent=1, sort_keys=True))
        self.run(directory, "init", "-backend=false")
        return directory

    def run(self, directory: Path, *args: str, check: bool = True) -> Result:
        """Run ``terraform <args>`` in ``directory``; raise on failure when ``check``."""
        done = subprocess.run(
            ["terraform", *args, "-no-color"],
            cwd=directory,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
            check=False,
        )
        result = Result(done.returncode, done.stdout, done.stderr)
        if check and done.returncode != 0:
            raise TerraformError(
                f"terraform {' '.join(args)} in {directory} exited {done.returncode}:\n"
                f"{done.stderr or done.stdout}"
            )
        return result

    def provider_schema(self) -> Json:
        """``terraform providers schema -json`` of the installed provider (cached on disk)."""
        cached = self.root / "provider-schema.json"
        if not cached.exists():
            result = self.run(self.root / "init", "providers", "schema", "-json")
            cached.write_text(result.stdout)
        schema: Json = json.loads(cached.read_text())
        return schema

    # Commands on one configuration ----------------------------------------------------------

    def validate(self, directory: Path) -> list[str]:
        """``terraform validate``: the error and warning summaries (empty when clean)."""
        result = self.run(directory, "validate", "-json", check=False)
        report = json.loads(result.stdout)
        return [
            f"{d['severity']}: {d['summary']}: {d.get('detail', '')}"
            + (f" ({d['range']['filename']})" if d.get("range") else "")
            for d in report.get("diagnostics", [])
        ]

    def plan(self, directory: Path) -> Json:
        """``terraform plan -out`` then ``show -json``: the plan as JSON."""
        self.run(directory, "plan", "-input=false", "-lock=false", "-out=tfplan", "-parallelism=20")
        shown = self.run(directory, "show", "-json", "tfplan")
        plan: Json = json.loads(shown.stdout)
        return plan

    def apply(self, directory: Path) -> None:
        """Apply the saved plan of the last :meth:`plan`."""
        self.run(
            directory,
            "apply",
            "-input=false",
            "-lock=false",
            "-parallelism=20",
            "-auto-approve",
            "tfplan",
        )

    def pending_changes(self, directory: Path) -> list[str]:
        """``plan -detailed-exitcode`` after an apply: the resources still to change."""
        result = self.run(
            directory, "plan", "-input=false", "-lock=false", "-detailed-exitcode", check=False
        )
        if result.returncode == 0:
            return []
        if result.returncode != 2:
            raise TerraformError(f"terraform plan failed:\n{result.stderr or result.stdout}")
        found = [
            line.strip()
            for line in result.stdout.splitlines()
            if line.strip().startswith("#") and ("will be" in line or "must be" in line)
        ]
        return found or [result.stdout]
