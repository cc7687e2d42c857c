"""Records every resource registration a Pulumi program makes under mocks."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pulumi.runtime import rpc
from pulumi.runtime.mocks import MockMonitor, Mocks


@dataclass(frozen=True)
class Registration:
    """One resource registration as the engine would receive it.

    ``inputs`` are wire-shaped: camelCase keys and numbers as floats, exactly what the
    provider would be sent. ``outputs`` are what the mocks (or the emulator) answered.
    """

    type: str
    """The type token, e.g. ``aws:sagemaker/model:Model``."""
    name: str
    """The logical name."""
    urn: str
    """The URN the monitor assigned."""
    parent: str
    """The parent's URN (the stack's for top-level resources)."""
    custom: bool
    """False for ComponentResources."""
    inputs: dict[str, Any]
    """The resolved inputs, camelCase."""
    outputs: dict[str, Any]
    """The outputs the mocks returned."""
    dependencies: tuple[str, ...]
    """URNs of explicit and implicit dependencies."""
    options: dict[str, Any] = field(default_factory=dict)
    """Resource options the engine sees (protect, retainOnDelete, deletedWith, ...)."""
    secret_inputs: tuple[str, ...] = ()
    """Top-level input keys whose value was sent as a secret (shown unwrapped in ``inputs``)."""
    id: str = ""
    """The physical id the mocks (or the emulator) gave a custom resource (empty for components)."""

    @property
    def parent_name(self) -> str:
        """The logical name of the parent (last URN segment)."""
        return self.parent.rsplit("::", 1)[-1]


def _is_secret(value: Any) -> bool:
    return isinstance(value, dict) and value.get(rpc._special_sig_key) == rpc._special_secret_sig


def _has_secret(value: Any) -> bool:
    if _is_secret(value):
        return True
    if isinstance(value, dict):
        return any(_has_secret(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_secret(v) for v in value)
    return False


def unwrap_secrets(value: Any) -> Any:
    """Replace the wire form of secrets (``{sig: ..., value: ...}``) by their plain values."""
    if _is_secret(value):
        return unwrap_secrets(value["value"])
    if isinstance(value, dict):
        return {k: unwrap_secrets(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unwrap_secrets(v) for v in value]
    return value


@dataclass(frozen=True)
class RegistrationEvent:
    """A registration as it completes, for progress output."""

    type: str
    """The type token."""
    name: str
    """The logical name."""
    urn: str
    """The URN (empty when the registration failed)."""
    parent: str
    """The parent's URN."""
    custom: bool
    """False for ComponentResources."""
    status: str
    """``"created"`` or ``"failed"``."""
    seconds: float
    """How long the registration took (the emulated AWS call, for custom resources)."""


#: Told of each registration as it completes.
Listener = Callable[[RegistrationEvent], None]


class RecordingMonitor(MockMonitor):
    """A :class:`MockMonitor` that keeps every registration, in order, with its parent.

    Append to :attr:`listeners` to hear of each registration as it completes (the offline
    runner prints its progress this way).
    """

    def __init__(self, mocks: Mocks) -> None:
        super().__init__(mocks)
        self.registrations: list[Registration] = []
        self.listeners: list[Listener] = []
        """Called with a :class:`RegistrationEvent` after each registration."""
        self._lock = threading.Lock()

    def RegisterResource(self, request: Any) -> Any:
        """Register through the mocks, then record the request and the answer."""
        started = time.perf_counter()
        try:
            response = super().RegisterResource(request)  # type: ignore[no-untyped-call]
        except BaseException:
            self._tell(request, "", "failed", started)
            raise
        if request.type == "pulumi:pulumi:Stack":
            return response
        urn = response.urn
        state = self.resources[urn].state if urn in self.resources else {}
        options = {
            "protect": request.protect,
            "retainOnDelete": request.retainOnDelete,
            "deletedWith": request.deletedWith,
            "ignoreChanges": list(request.ignoreChanges),
            "replaceOnChanges": list(request.replaceOnChanges),
            "deleteBeforeReplace": request.deleteBeforeReplace,
            "additionalSecretOutputs": list(request.additionalSecretOutputs),
            "provider": request.provider,
            "aliases": [str(a) for a in request.aliases],
        }
        raw_inputs = rpc.deserialize_properties(request.object)
        registration = Registration(
            type=request.type,
            name=request.name,
            urn=urn,
            parent=request.parent,
            custom=bool(request.custom),
            inputs=unwrap_secrets(raw_inputs),
            outputs=unwrap_secrets(dict(state)),
            dependencies=tuple(request.dependencies),
            options=options,
            secret_inputs=tuple(sorted(k for k, v in raw_inputs.items() if _has_secret(v))),
            id=str(getattr(response, "id", "") or ""),
        )
        with self._lock:
            self.registrations.append(registration)
        self._tell(request, urn, "created", started)
        return response

    def _tell(self, request: Any, urn: str, status: str, started: float) -> None:
        if request.type == "pulumi:pulumi:Stack" or not self.listeners:
            return
        event = RegistrationEvent(
            type=request.type,
            name=request.name,
            urn=urn,
            parent=request.parent,
            custom=bool(request.custom),
            status=status,
            seconds=time.perf_counter() - started,
        )
        for listener in list(self.listeners):
            listener(event)

    # Queries -------------------------------------------------------------------------------

    def of_type(self, type_: str) -> list[Registration]:
        """Every registration of one type token, in registration order."""
        return [r for r in self.registrations if r.type == type_]

    def named(self, name: str) -> Registration:
        """The one registration with this logical name (AssertionError otherwise)."""
        found = [r for r in self.registrations if r.name == name]
        if len(found) != 1:
            known = sorted(r.name for r in self.registrations)
            raise AssertionError(f"{len(found)} registrations named {name!r}; known: {known}")
        return found[0]

    def children_of(self, parent: Registration) -> list[Registration]:
        """Registrations whose parent is ``parent``."""
        return [r for r in self.registrations if r.parent == parent.urn]

    def types(self) -> Counter[str]:
        """How many registrations of each type token."""
        return Counter(r.type for r in self.registrations)

    def duplicate_urns(self) -> list[str]:
        """URNs registered more than once (the mock engine accepts them; a real one fails)."""
        counts = Counter(r.urn for r in self.registrations)
        return sorted(urn for urn, n in counts.items() if n > 1)

    def assert_unique_urns(self) -> None:
        """Fail when two registrations share a URN."""
        dups = self.duplicate_urns()
        if dups:
            raise AssertionError(f"duplicate URNs: {dups}")
