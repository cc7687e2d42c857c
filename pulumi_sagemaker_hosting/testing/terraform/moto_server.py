"""A moto server on 127.0.0.1 for the Terraform provider, taught what the provider calls.

The provider talks HTTP to the endpoints its ``endpoints { ... }`` block names, so the
in-process ``mock_aws`` of the emulator is not enough: :class:`MotoServer` runs moto's
``ThreadedMotoServer`` on a free local port with the emulator's corrections to moto (current
instance types and scalable dimensions, from botocore) plus the SageMaker calls the provider
makes that moto 5.2 lacks (see :mod:`.moto_teachings`).

moto server mode: https://docs.getmoto.org/en/latest/docs/server_mode.html
"""

from __future__ import annotations

import contextlib
import logging
import socket
import urllib.request
from typing import Any

from .._emulator_core import Backend, moto_corrections
from .._lifecycle import StartStop
from .moto_teachings import taught


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class MotoServer(StartStop):
    """moto's HTTP server, started and stopped by its owner (a context manager).

    Only one may run at a time, and not beside an in-process emulator: both use moto's
    process-wide backends.
    """

    def __init__(self) -> None:
        self.port = 0
        self._server: Any = None
        self._patches: contextlib.ExitStack | None = None

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> MotoServer:
        """Start the server with an empty account."""
        if Backend._running:
            raise RuntimeError("an emulator (or another moto server) is already running")
        from moto.server import ThreadedMotoServer

        patches = contextlib.ExitStack()
        werkzeug = logging.getLogger("werkzeug")  # one line per request otherwise
        patches.callback(werkzeug.setLevel, werkzeug.level)
        werkzeug.setLevel(logging.ERROR)
        patches.enter_context(moto_corrections())
        patches.enter_context(taught())
        self.port = _free_port()
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        server.start()
        self._server, self._patches = server, patches
        Backend._running = True
        self.reset()
        return self

    def reset(self) -> None:
        """Discard every resource (between configurations)."""
        request = urllib.request.Request(f"{self.url}/moto-api/reset", method="POST")
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()

    def stop(self) -> None:
        """Stop the server and undo the patches."""
        server, self._server = self._server, None
        patches, self._patches = self._patches, None
        if server is not None:
            server.stop()
            Backend._running = False
        if patches is not None:
            patches.close()
