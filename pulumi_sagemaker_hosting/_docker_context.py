"""What a docker build sends as its context: the files ``.dockerignore`` leaves in, and a hash.

Docker's rules (https://docs.docker.com/build/concepts/context/#dockerignore-files):

- the ignore file is ``<Dockerfile name>.dockerignore`` beside the Dockerfile when there is
  one, else ``.dockerignore`` at the root of the context;
- one pattern a line; ``#`` starts a comment line; blank lines are skipped; patterns are
  cleaned like Go's ``filepath.Clean`` and relative to the context's root (``foo`` matches
  ``./foo`` only, not ``./a/foo``; ``**`` matches any number of directories);
- ``!`` re-includes; the last matching line wins, and a file inside an excluded directory can
  be re-included.

Matching follows Docker's own matcher, moby/patternmatcher
(https://github.com/moby/patternmatcher/blob/main/patternmatcher.go, ``MatchesOrParentMatches``):
each pattern becomes a regular expression (``*`` and ``?`` stop at ``/``, ``**`` crosses
directories, ``[...]`` classes pass through) and a file is matched when the pattern matches its
path or one of its parent directories. A gitignore matcher is not used: gitignore's ``*``
crosses directories in ways Docker's does not, and pathspec 1.0 changed its "gitignore" style so
that ``*`` followed by ``!app.py`` (ignore everything, send one file) kept every file in a
subdirectory, which Docker does not send.
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


def _compile(pattern: str) -> re.Pattern[str]:
    """The expression moby's ``Pattern.compile`` makes of one cleaned pattern.

    Its shortcuts are written as expressions: exact (no wildcard), prefix (``dir/**``: the
    path starts with ``dir/``) and suffix (``**`` then no wildcard: ``**/name`` is ``name`` or
    ends in ``/name``, ``**name`` ends in ``name``). A pattern Python cannot compile (an
    unclosed ``[``) is matched literally; Docker refuses the build for it.
    """
    rest = pattern[2:]
    if pattern.startswith("**") and not any(c in rest for c in "*?[]\\"):
        if rest.startswith("/"):
            return re.compile(f"(.*/)?{re.escape(rest[1:])}")
        return re.compile(f".*{re.escape(rest)}")
    out = ""
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**", i):
            i += 2
            if pattern.startswith("/", i):
                i += 1
            # `**` at the end accepts everything below; elsewhere any number of directories.
            out += ".*" if i == len(pattern) else "(.*/)?"
            continue
        if char == "*":
            out += "[^/]*"
        elif char == "?":
            out += "[^/]"
        elif char == "\\" and i + 1 < len(pattern):
            i += 1
            out += re.escape(pattern[i])
        elif char == "[" and "]" in pattern[i + 1 :]:
            end = pattern.index("]", i + 1)
            out += pattern[i : end + 1]  # a class (`[a-z]`, `[^.]`) means the same to both
            i = end
        else:
            out += re.escape(char)
        i += 1
    try:
        return re.compile(out)
    except re.error:
        return re.compile(re.escape(pattern))


def _rules(patterns: Sequence[str]) -> list[tuple[bool, re.Pattern[str]]]:
    """(exclusion, expression) per pattern: cleaned like Go's ``filepath.Clean``, root-relative."""
    rules = []
    for raw in patterns:
        pattern = raw.strip()
        negate = pattern.startswith("!")
        if negate:
            pattern = pattern[1:].strip()
        if not pattern:
            continue
        pattern = posixpath.normpath(pattern.replace(os.sep, "/"))
        if len(pattern) > 1 and pattern.startswith("/"):
            pattern = pattern.lstrip("/")
        rules.append((negate, _compile(pattern)))
    return rules


def _ignored(path: str, rules: Sequence[tuple[bool, re.Pattern[str]]]) -> bool:
    """Docker's ``MatchesOrParentMatches``: the last pattern matching the path or a parent wins."""
    parts = path.split("/")
    parents = ["/".join(parts[:n]) for n in range(1, len(parts))]
    matched = False
    for negate, expression in rules:
        if negate != matched:
            continue  # an exclusion only matters once matched, an inclusion only before
        if expression.fullmatch(path) or any(expression.fullmatch(p) for p in parents):
            matched = not negate
    return matched


def context_files(context: str, patterns: Sequence[str]) -> list[str]:
    """The context's files docker would send, as sorted relative POSIX paths."""
    rules = _rules(patterns)
    files = []
    for root, dirs, names in os.walk(context):
        dirs.sort()
        for name in names:
            relative = os.path.relpath(os.path.join(root, name), context).replace(os.sep, "/")
            files.append(relative)
    return sorted(f for f in files if not _ignored(f, rules))


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
