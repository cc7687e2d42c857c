"""Field docs of value objects in ``help()``: attribute docstrings copied into ``__doc__``.

A value object documents each field with a docstring under it (PEP 257 "attribute
docstrings"), which IDEs show on hover and the API reference renders, but ``help()`` and
``__doc__`` ignore. :func:`document_fields` appends an ``Attributes:`` section built from them
to the class docstring, so ``help(sm.AsyncInference)`` lists every field with its meaning.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import inspect
import re
import sys
import textwrap


def document_fields(*classes: type) -> None:
    """Append each dataclass's field docstrings to its ``__doc__`` (once; no-op without source)."""
    for cls in classes:
        if not dataclasses.is_dataclass(cls) or "\nAttributes:\n" in (cls.__doc__ or ""):
            continue
        docs: dict[str, str] = {}
        for base in reversed(cls.__mro__):  # inherited fields are documented where declared
            if dataclasses.is_dataclass(base):
                docs.update(_field_docs(base))
        names = [f.name for f in dataclasses.fields(cls) if f.name in docs]
        if not names:
            continue
        section = "\n".join(
            f"    {name}: {textwrap.indent(docs[name], '        ').lstrip()}" for name in names
        )
        cls.__doc__ = f"{inspect.cleandoc(cls.__doc__ or '')}\n\nAttributes:\n{section}\n"


#: ``    name: annotation`` (a field) in a class body formatted by ruff.
_FIELD = re.compile(r"^    (?P<name>[A-Za-z_]\w*): ")


def _field_docs(cls: type) -> dict[str, str]:
    """``{field: docstring}`` from the string literals right below the fields.

    A line scan of the class body (ast-parsing every module would cost ~100 ms at import):
    a field line ``    name: type ...`` followed by a line opening a triple-quoted string.
    """
    module = sys.modules.get(cls.__module__)
    filename = getattr(module, "__file__", None)
    lines = _lines(filename) if filename else ()
    header = f"class {cls.__name__}"
    start = next(
        (i for i, line in enumerate(lines) if line.startswith((header + "(", header + ":"))), None
    )
    if start is None:
        return {}
    docs: dict[str, str] = {}
    field: str | None = None
    i = start + 1
    while i < len(lines) and (not lines[i] or lines[i].startswith(" ")):
        line = lines[i]
        if field and line.startswith('    """'):
            end = i
            while not lines[end].rstrip().endswith('"""') or (end == i and line.strip() == '"""'):
                end += 1
            literal = "\n".join(lines[i : end + 1]).strip()
            docs[field] = inspect.cleandoc(ast.literal_eval(literal))
            i, field = end + 1, None
            continue
        match = _FIELD.match(line)
        field = match["name"] if match else None
        i += 1
    return docs


@functools.cache
def _lines(filename: str) -> tuple[str, ...]:
    try:
        with open(filename, encoding="utf-8") as source:
            return tuple(source.read().splitlines())
    except OSError:  # pragma: no cover - a zipapp or a stripped install
        return ()
