"""``with`` for the offline AWS stand-ins that are started and stopped (emulator, moto server)."""

from __future__ import annotations

from types import TracebackType
from typing import TypeVar

_T = TypeVar("_T", bound="StartStop")


class StartStop:
    """A context manager over ``start()`` (which returns the started object) and ``stop()``."""

    def start(self: _T) -> _T:
        """Start; return ``self``."""
        raise NotImplementedError

    def stop(self) -> None:
        """Stop and discard the state."""
        raise NotImplementedError

    def __enter__(self: _T) -> _T:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
