"""What a docker build sends as its context: the files ``.dockerignore`` leaves in, and a hash.

Docker's rules (https://docs.docker.com/build/concepts/context/#dockerignore-files):

- the ignore file is ``<Dockerfile name>.dockerignore`` beside the Dockerfile when there is
  one, else ``.dockerignore`` at the root of the context;
- one pattern a line; ``#`` starts a comment line; blank lines are skipped; patterns are
  cleaned like Go's ``filepath.Clean`` and relative to the context's root (``foo`` matches
  ``./foo`` only, not ``./a/foo``; ``**`` matches any number of directories);
- ``!`` re-includes; the last matching line wins, and a file inside an excluded directory can
  be re-included.

Matching is done by ``pathspec`` (a maintained gitignore matcher, the ``docker`` extra): each
docker pattern is anchored at the root (``/pattern``), which gives the same answers for the
rules above (a root-anchored gitignore pattern matches a directory's whole subtree, as docker's
parent-directory match does; pathspec matches files one by one, so ``!`` can re-include a file
of an excluded directory, as docker allows).
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
from collections.abc import Mapping, Sequence

IGNORE_FILE = ".dockerignore"
# `FROM <image> [AS <name>]` (https://docs.docker.com/reference/dockerfile/#from).
_STAGE = re.compile(r"^\s*FROM\s+(?:--\S+\s+)*\S+\s+AS\s+(\S+)\s*$", re.IGNORECASE | re.MULTILINE)


def stages(recipe: str) -> list[str]:
    """The ``FROM ... AS <name>`` stage names of a Dockerfile's text, in order."""
    return _STAGE.findall(recipe)


def ignore_file(context: str, dockerfile: str) -> str | None:
    """The ignore file docker reads for this build, or None when there is none."""
    specific = f"{dockerfile}{IGNORE_FILE}"
    if os.path.isfile(specific):
        return specific
    root = os.path.join(context, IGNORE_FILE)
    return root if os.path.isfile(root) else None


def read_patterns(path: str | None) -> list[str]:
    """The patterns of an ignore file: comments and blank lines dropped, lines stripped."""
    if path is None:
        return []
    with open(path, encoding="utf-8") as handle:
        lines = [line.strip() for line in handle.read().splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def _anchored(pattern: str) -> str | None:
    negate = pattern.startswith("!")
    body = pattern[1:].strip() if negate else pattern
    body = posixpath.normpath(body.replace(os.sep, "/")).lstrip("/")
    if body in ("", "."):
        return None
    return ("!" if negate else "") + "/" + body


def context_files(context: str, patterns: Sequence[str]) -> list[str]:
    """The context's files docker would send, as sorted relative POSIX paths."""
    from pathspec import PathSpec  # the `docker` extra, like the build itself

    lines = [line for line in (_anchored(p) for p in patterns) if line is not None]
    spec = PathSpec.from_lines("gitignore", lines)
    files = []
    for root, dirs, names in os.walk(context):
        dirs.sort()
        for name in names:
            relative = os.path.relpath(os.path.join(root, name), context).replace(os.sep, "/")
            files.append(relative)
    return sorted(f for f in files if not spec.match_file(f))


def content_hash(
    context: str, dockerfile: str, patterns: Sequence[str], settings: Mapping[str, object]
) -> str:
    """A sha256 over the Dockerfile, the sent files (paths and bytes) and the build settings."""
    digest = hashlib.sha256()
    with open(dockerfile, "rb") as handle:
        digest.update(b"dockerfile\0" + handle.read() + b"\0")
    for relative in context_files(context, patterns):
        digest.update(relative.encode() + b"\0")
        with open(os.path.join(context, relative), "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        digest.update(b"\0")
    digest.update(json.dumps(dict(settings), sort_keys=True, default=str).encode())
    return digest.hexdigest()
