"""Emulate a ``docker-build:index:Image`` build and push without a Docker engine.

The "build" is a sha256 over everything that would change the image (the context's files,
the Dockerfile, build args, platforms, target), so a changed context gives a new digest, as a
real build would. The "push" is an ECR PutImage of a manifest naming that hash, so the image
really exists in the emulated repository and the returned digest is the registry's.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from pulumi.runtime.mocks import MockResourceArgs

from .. import _docker_context
from ._emulator_core import Backend, EmulatorError, Json
from ._emulator_handlers import Handler, where

_ECR_REF = re.compile(
    r"^(?P<account>\d{12})\.dkr\.ecr\.(?P<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?/"
    r"(?P<repo>[^:@]+)(?::(?P<tag>[^@]+))?$"
)
_OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"


def context_digest(args: MockResourceArgs, inputs: Json) -> str:
    """Hash what makes the image: the files docker would send, Dockerfile, settings.

    As BuildKit does, the ignore file is ``<Dockerfile>.dockerignore`` beside the Dockerfile,
    else the context's ``.dockerignore``; a ``target`` must name a stage of the Dockerfile.
    Secrets are mounted at build time, not part of the image, so they do not change it.
    """
    context = Path(str((inputs.get("context") or {}).get("location") or "."))
    if not context.is_dir():
        raise EmulatorError(
            *where(args), "BuildFailed", f"build context {context} is not a directory"
        )
    dockerfile: dict[str, Any] = inputs.get("dockerfile") or {}
    if dockerfile.get("inline"):
        recipe = str(dockerfile["inline"]).encode()
        ignore = _docker_context.ignore_file(str(context), str(context / "Dockerfile"))
    else:
        path = Path(str(dockerfile.get("location") or context / "Dockerfile"))
        if not path.is_file():
            raise EmulatorError(*where(args), "BuildFailed", f"Dockerfile {path} not found")
        recipe = path.read_bytes()
        ignore = _docker_context.ignore_file(str(context), str(path))
    target = inputs.get("target")
    if target:
        stages = _docker_context.stages(recipe.decode(errors="replace"))
        if str(target).lower() not in (s.lower() for s in stages):
            raise EmulatorError(
                *where(args), "BuildFailed", f"target stage {target!r} could not be found"
            )
    for key, value in (inputs.get("secrets") or {}).items():
        if not isinstance(value, str):
            raise EmulatorError(
                *where(args), "BuildFailed", f"secret {key!r} has no value (got {value!r})"
            )
    digest = hashlib.sha256()
    digest.update(b"dockerfile\0" + recipe + b"\0")
    patterns = _docker_context.read_patterns(ignore)
    for relative in _docker_context.context_files(str(context), patterns):
        digest.update(relative.encode() + b"\0")
        digest.update((context / relative).read_bytes() + b"\0")
    settings = {k: inputs.get(k) for k in ("buildArgs", "platforms", "target")}
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def image(be: Backend, args: MockResourceArgs, inputs: Json) -> tuple[str, Json]:
    """Build (hash) and, with ``push``, PutImage under every tag; outputs ``digest``, ``ref``."""
    build = context_digest(args, inputs)
    tags = [str(t) for t in inputs.get("tags") or []]
    manifest = json.dumps(
        {
            "schemaVersion": 2,
            "mediaType": _OCI_MANIFEST,
            "config": {
                "mediaType": "application/vnd.oci.image.config.v1+json",
                "digest": f"sha256:{build}",
                "size": 0,
            },
            "layers": [
                {
                    "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                    "digest": f"sha256:{build}",
                    "size": 0,
                }
            ],
        },
        separators=(",", ":"),
    )
    # What a registry reports: the sha256 of the manifest bytes.
    digest = "sha256:" + hashlib.sha256(manifest.encode()).hexdigest()
    if inputs.get("push"):
        _check_registries(args, inputs.get("registries") or [])
        for tag in tags:
            digest = _push(be, args, tag, manifest, digest)
    first = tags[0] if tags else f"{args.name}:latest"
    return digest, {"digest": digest, "ref": f"{first}@{digest}", "contextHash": build}


def _check_registries(args: MockResourceArgs, registries: list[Any]) -> None:
    # A registry entry without credentials is the classic unanswered-token bug: docker would
    # push anonymously and ECR would answer "no basic auth credentials".
    for entry in registries:
        if not entry.get("username") or not entry.get("password"):
            raise EmulatorError(
                *where(args),
                "NoBasicAuthCredentials",
                f"registry {entry.get('address')!r} has no username/password",
            )


def _push(be: Backend, args: MockResourceArgs, tag: str, manifest: str, digest: str) -> str:
    match = _ECR_REF.match(tag)
    if match is None or match["account"] != be.account_id:
        raise EmulatorError(
            *where(args),
            "UnsupportedRegistry",
            f"can push only to the emulated ECR registry "
            f"({be.account_id}.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>), got {tag!r}",
        )
    request = {
        "repositoryName": match["repo"],
        "imageManifest": manifest,
        "imageManifestMediaType": _OCI_MANIFEST,
        "imageDigest": digest,
        "imageTag": match["tag"] or "latest",
    }
    try:
        response = be.send(where(args), "ecr", "PutImage", request, match["region"])
    except EmulatorError as exc:
        if exc.code != "ImageAlreadyExistsException":
            raise
        return digest  # re-pushing identical content under the same tag is a no-op for docker
    return str(response["image"]["imageId"]["imageDigest"])


HANDLERS: dict[str, Handler] = {"docker-build:index:Image": image}
