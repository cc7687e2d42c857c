"""Progress lines while the offline runner creates a stack, in the shape ``pulumi up`` prints.

One line per resource as its registration completes (``+  TYPE  NAME  created (0.02s)``),
indented under its parent component, then a summary of counts and the elapsed time. Colour
only on a terminal (and never with ``NO_COLOR`` set, https://no-color.org/); elsewhere (pytest,
CI logs, a pipe) plain lines with no control characters.
"""

from __future__ import annotations

import os
import threading
import time
from typing import TextIO

from .recorder import RegistrationEvent

_GREEN, _RED, _BOLD, _RESET = "\033[32m", "\033[31m", "\033[1m", "\033[0m"
#: Wide enough for aws:sagemaker/endpointConfiguration:EndpointConfiguration, indented once.
_TYPE_WIDTH = 60
_NAME_WIDTH = 36


def use_color(stream: TextIO) -> bool:
    """Colour when ``stream`` is a terminal, ``NO_COLOR`` is unset and ``TERM`` is not dumb."""
    isatty = getattr(stream, "isatty", None)
    return (
        bool(isatty and isatty())
        and not os.environ.get("NO_COLOR")
        and os.environ.get("TERM") != "dumb"
    )


class Progress:
    """A registration listener that prints each resource as it is created.

    Args:
        stream: where the lines go.
        color: colour the status marks (see :func:`use_color`).
    """

    def __init__(self, stream: TextIO, *, color: bool) -> None:
        self._stream = stream
        self._color = color
        self._lock = threading.Lock()
        self._depth: dict[str, int] = {}
        self._started = time.perf_counter()
        self.created = 0
        """Resources created so far (components included)."""
        self.components = 0
        """ComponentResources among them."""
        self.failed = 0
        """Registrations that failed."""

    def header(self, project: str, stack: str, region: str) -> None:
        """The first lines: what is being updated, and the column titles."""
        self._started = time.perf_counter()
        title = f"Updating ({project}/{stack}) in emulated AWS ({region})"
        columns = f"     {'Type':<{_TYPE_WIDTH}}  {'Name':<{_NAME_WIDTH}}  Status"
        self._write(f"{self._paint(title, _BOLD)}\n\n{columns.rstrip()}\n")

    def __call__(self, event: RegistrationEvent) -> None:
        """Print one resource's line."""
        with self._lock:
            depth = self._depth.get(event.parent, -1) + 1
            if event.urn:
                self._depth[event.urn] = depth
            if event.status == "failed":
                self.failed += 1
                mark, status = self._paint("x", _RED), self._paint("creating failed", _RED)
            else:
                self.created += 1
                self.components += 0 if event.custom else 1
                mark, status = self._paint("+", _GREEN), "created"
            type_ = ("  " * depth + event.type).ljust(_TYPE_WIDTH)
            line = (
                f" {mark}   {type_}  {event.name:<{_NAME_WIDTH}}  {status} ({event.seconds:.2f}s)"
            )
            self._write(line + "\n")

    def summary(self) -> None:
        """The last lines: counts by outcome and the elapsed time."""
        elapsed = time.perf_counter() - self._started
        counts = f"+ {self.created} created"
        if self.components:
            aws = self.created - self.components
            counts += f" ({aws} AWS resources, {self.components} components)"
        if self.failed:
            counts += ", " + self._paint(f"{self.failed} failed", _RED)
        self._write(f"\nResources: {counts}\nDuration: {elapsed:.2f}s\n\n")

    def _paint(self, text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if self._color else text

    def _write(self, text: str) -> None:
        self._stream.write(text)
        self._stream.flush()
