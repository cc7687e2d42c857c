"""The emulator's engine room: moto lifecycle, request shaping, validation and sending.

Requests are built from pulumi_aws inputs (camelCase, numbers as floats) by walking botocore's
service model, so key names and number types come from the same source AWS's SDKs use, and a
pulumi_aws input with no counterpart in the API fails loudly instead of being dropped.
"""

from __future__ import annotations

import contextlib
import difflib
import enum
import os
import threading
from collections.abc import Iterator, Mapping
from typing import Any
from unittest import mock

import boto3
import botocore.session
from botocore.exceptions import ClientError, ParamValidationError
from botocore.model import ListShape, MapShape, OperationModel, Shape, StructureShape
from botocore.validate import validate_parameters
from pulumi.runtime import rpc

Json = dict[str, Any]

#: Environment variables set while the emulator is active (and restored afterwards).
_FAKE_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    # No configured endpoint (env or ~/.aws/config) may send a call past moto to a network.
    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
}
#: Variables removed while active, so no profile or real endpoint leaks into the emulator.
_CLEARED_ENV = ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL")


class EmulatorError(Exception):
    """AWS (or the emulator's own checks) refused a registration or invoke.

    ``str()`` reads ``<type> '<name>': <code>: <message>``.
    """

    def __init__(self, resource_type: str, name: str, code: str, message: str) -> None:
        self.resource_type = resource_type
        self.name = name
        self.code = code
        self.message = message
        super().__init__(f"{resource_type} '{name}': {code}: {message}")


class EmulatorCoverageGap(EmulatorError):
    """The emulator cannot judge this registration or invoke (not a refusal by AWS).

    ``str()`` reads ``<type> '<name>': the emulator does not cover <what>: <detail>``.
    """

    def __init__(self, resource_type: str, name: str, code: str, what: str, detail: str) -> None:
        super().__init__(resource_type, name, code, f"the emulator does not cover {what}: {detail}")
        self.what = what


class Unmapped(Exception):
    """An input key with no counterpart in the API request (raised while shaping)."""


def unwrap_secrets(value: Any) -> Any:
    """Strip Pulumi's secret envelopes at every depth (AWS receives plain values)."""
    if rpc.is_rpc_secret(value):
        return unwrap_secrets(rpc.unwrap_rpc_secret(value))
    if isinstance(value, dict):
        return {k: unwrap_secrets(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unwrap_secrets(v) for v in value]
    return value


def _pair_names(shape: StructureShape) -> tuple[str, str] | None:
    """Return the (key, value) member names of a tag- or dimension-like pair structure."""
    names = set(shape.members)
    for pair in (("Key", "Value"), ("TagKey", "TagValue"), ("Name", "Value")):
        if names.issuperset(pair) and len(names) == 2:
            return pair
    return None


def to_request(shape: Shape, value: Any, path: str = "") -> Any:
    """Convert a camelCase pulumi_aws value to the API's shape ``shape``.

    Keys match member names case-insensitively (``volumeSizeInGb`` -> ``VolumeSizeInGB``).
    pulumi_aws pluralises a few single-valued API members as one-element lists
    (``s3DataSources``, ``routingConfigs``, ``encryptionConfigurations``): a key ending in
    ``s`` whose singular is a member is unwrapped. ``{k: v}`` maps become ``[{Key, Value}]``
    (tags, CloudWatch dimensions) where the API wants a list of pairs.
    """
    if isinstance(shape, StructureShape):
        if not isinstance(value, dict):
            return value  # the validator reports the type error with the API's wording
        by_lower = {m.lower(): m for m in shape.members}
        out: Json = {}
        for key, item in value.items():
            if item is None:
                continue
            member: str | None = by_lower.get(key.lower())
            if member is None and key.endswith("s") and key[:-1].lower() in by_lower:
                member = by_lower[key[:-1].lower()]
                if not isinstance(shape.members[member], ListShape) and isinstance(item, list):
                    if len(item) != 1:
                        raise Unmapped(f"{path}{key} must hold exactly one item, got {len(item)}")
                    item = item[0]
            if member is None:
                raise Unmapped(f"input '{path}{key}' has no counterpart in {shape.name}")
            member_shape: Shape = shape.members[member]
            out[member] = to_request(member_shape, item, f"{path}{key}.")
        return out
    if isinstance(shape, ListShape):
        element = shape.member
        if isinstance(value, dict) and isinstance(element, StructureShape):
            pair = _pair_names(element)
            if pair is not None:
                return [{pair[0]: k, pair[1]: str(v)} for k, v in value.items()]
        if isinstance(value, list):
            return [to_request(element, v, path) for v in value]
        return value
    if isinstance(shape, MapShape):
        if isinstance(value, dict):
            return {k: to_request(shape.value, v, path) for k, v in value.items()}
        return value
    return _scalar(shape.type_name, value)


def _scalar(type_name: str, value: Any) -> Any:
    # pulumi sends every number as a float and some (step bounds) as strings.
    try:
        if type_name in ("integer", "long") and not isinstance(value, bool):
            if isinstance(value, float) and value.is_integer():
                return int(value)
            if isinstance(value, str) and value.strip().lstrip("-").isdigit():
                return int(value)
        if type_name in ("double", "float") and isinstance(value, (str, int)):
            return float(value)
        if type_name == "boolean" and isinstance(value, str):
            return {"true": True, "false": False}.get(value.lower(), value)
        if type_name == "string" and isinstance(value, float) and value.is_integer():
            return str(int(value))
    except ValueError:
        pass  # leave it: the validator names the bad value
    return value


def enum_problems(shape: Shape, value: Any, path: str = "") -> list[str]:
    """Values outside botocore's enums (botocore's validator does not check enums)."""
    problems: list[str] = []
    if isinstance(shape, StructureShape) and isinstance(value, dict):
        for key, item in value.items():
            if key in shape.members:
                problems += enum_problems(shape.members[key], item, f"{path}{key}.")
    elif isinstance(shape, ListShape) and isinstance(value, list):
        for i, item in enumerate(value):
            problems += enum_problems(shape.member, item, f"{path.rstrip('.')}[{i}].")
    elif isinstance(shape, MapShape) and isinstance(value, dict):
        for item in value.values():
            problems += enum_problems(shape.value, item, path)
    elif isinstance(value, str):
        allowed: list[str] = getattr(shape, "enum", None) or []  # only StringShape has one
        if allowed and value not in allowed:
            problems.append(
                f"{path.rstrip('.')} {value!r} is not one of {shape.name}{_one_of(value, allowed)}"
            )
    return problems


#: Enums longer than this are not listed whole in a refusal: the closest values are.
_LISTED = 12


def _one_of(value: str, allowed: list[str]) -> str:
    """``: a, b, c`` when ``allowed`` is short, else a count and the values closest to ``value``.

    ProductionVariantInstanceType has hundreds of values: listing them all would bury the
    message under kilobytes of names.
    """
    if len(allowed) <= _LISTED:
        return ": " + ", ".join(allowed)
    closest = difflib.get_close_matches(value, allowed, n=5, cutoff=0.5)
    hint = f"closest: {', '.join(closest)}" if closest else f"e.g. {', '.join(allowed[:5])}"
    return f" ({len(allowed)} values; {hint})"


class Backend:
    """An in-process moto backend plus validated boto3 calls into it.

    Args:
        account_id: the emulated account (moto's ``MOTO_ACCOUNT_ID``).
        region: the default region.
    """

    #: Whether any Backend is active in this process (moto is process-wide).
    _running = False

    def __init__(self, account_id: str, region: str) -> None:
        self.account_id = account_id
        self.region = region
        self._session: boto3.session.Session | None = None
        self._models = botocore.session.get_session()
        self._clients: dict[tuple[str, str], Any] = {}
        self._stack: contextlib.ExitStack | None = None
        #: Requests as sent, keyed by (operation, name): moto drops some fields on the floor.
        self.sent: dict[tuple[str, str], Json] = {}
        #: State of what moto does not emulate, by kind (``"inference-components"``).
        self.extra: dict[str, dict[str, Json]] = {}
        #: Serializes every call into moto: Pulumi registers resources from several threads
        #: and moto's backends are not thread-safe (IAM raised "dictionary changed size during
        #: iteration" on big stacks). Reentrant, so a handler can hold it across its calls.
        self.lock = threading.RLock()

    # Lifecycle ---------------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        """Whether moto is running."""
        return self._stack is not None

    def start(self) -> None:
        """Start a fresh moto backend with fake credentials in the environment."""
        if self._stack is not None:
            raise RuntimeError("the emulator is already running")
        if Backend._running:
            # moto's state and our patches are process-wide: a second active emulator would
            # share the first one's account and leave globals patched if stopped out of order.
            raise RuntimeError("another emulator is already running in this process")
        from moto import mock_aws  # imported late: moto is a `testing` extra and slow to import

        stack = contextlib.ExitStack()
        env = {**_FAKE_ENV, "MOTO_ACCOUNT_ID": self.account_id, "AWS_DEFAULT_REGION": self.region}
        endpoint_vars = tuple(k for k in os.environ if k.startswith("AWS_ENDPOINT_URL"))
        stack.enter_context(_environment(env, (*_CLEARED_ENV, *endpoint_vars)))
        stack.enter_context(moto_corrections())
        stack.enter_context(mock_aws())
        # A session made after moto is imported, so its clients carry moto's request hook.
        self._session = boto3.session.Session(region_name=self.region)
        self._stack = stack
        Backend._running = True
        self._clients.clear()
        self.sent.clear()
        self.extra.clear()

    def stop(self) -> None:
        """Stop moto (its state is discarded) and restore the environment."""
        stack, self._stack = self._stack, None
        self._clients.clear()
        if stack is not None:
            Backend._running = False
            stack.close()

    # Calls --------------------------------------------------------------------------------------

    def client(self, service: str, region: str | None = None) -> Any:
        """Return a boto3 client bound to the emulated backend."""
        if self._stack is None or self._session is None:
            raise RuntimeError("the emulator is not running: use `with AwsEmulator() as emu:`")
        key = (service, region or self.region)
        with self.lock:
            if key not in self._clients:
                session: Any = self._session  # boto3's stubs list services as literals only
                self._clients[key] = session.client(service, region_name=key[1])
            return self._clients[key]

    def operation(self, service: str, operation: str) -> OperationModel:
        """Return botocore's model of one operation (``CreateModel``)."""
        return self._models.get_service_model(service).operation_model(operation)

    def input_shape(self, service: str, operation: str) -> StructureShape:
        """Return the request shape of one operation."""
        shape = self.operation(service, operation).input_shape
        if shape is None:  # operations without parameters (GetCallerIdentity)
            return StructureShape("Empty", {"type": "structure", "members": {}})
        return shape

    def shape(self, service: str, operation: str, value: Json, where: tuple[str, str]) -> Json:
        """Shape camelCase ``value`` into ``operation``'s request; ``where`` = (type, name)."""
        try:
            result: Json = to_request(self.input_shape(service, operation), value)
        except Unmapped as exc:
            raise EmulatorError(*where, "UnmappedInput", str(exc)) from None
        return result

    def send(
        self,
        where: tuple[str, str],
        service: str,
        operation: str,
        params: Json,
        region: str | None = None,
        key: str | None = None,
    ) -> Json:
        """Validate ``params`` against botocore's model, send them, return the response.

        ``where`` is the (resource type, logical name) named by an :class:`EmulatorError`;
        ``key`` files the request under ``(operation, key)`` in :attr:`sent`.
        """
        self.validate(where, service, operation, params)
        with self.lock:
            client = self.client(service, region)
            try:
                response: Json = getattr(client, botocore.xform_name(operation))(**params)
            except ClientError as exc:
                error = exc.response.get("Error", {})
                raise EmulatorError(
                    *where, str(error.get("Code", "ClientError")), str(error.get("Message", exc))
                ) from None
            response.pop("ResponseMetadata", None)
            if key is not None:
                self.sent[(operation, key)] = params
        return response

    def validate(self, where: tuple[str, str], service: str, operation: str, params: Json) -> None:
        """Check ``params`` against botocore's model of ``operation`` (types, bounds, enums)."""
        shape = self.input_shape(service, operation)
        try:
            validate_parameters(params, shape)
        except ParamValidationError as exc:
            raise EmulatorError(*where, "ParamValidation", str(exc.kwargs["report"])) from None
        problems = enum_problems(shape, params)
        if problems:
            raise EmulatorError(*where, "ValidationException", "; ".join(problems))

    def moto_backend(self, service: str, region: str | None = None) -> Any:
        """Return moto's in-memory backend of ``service`` (for state moto has no API to set)."""
        from moto.backends import get_backend

        backends: Any = get_backend(service)  # type: ignore[call-overload]
        return backends[self.account_id][region or self.region]


@contextlib.contextmanager
def _environment(values: Mapping[str, str], cleared: tuple[str, ...]) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in (*values, *cleared)}
    os.environ.update(values)
    for name in cleared:
        os.environ.pop(name, None)
    try:
        yield
    finally:
        for name, old in saved.items():
            if old is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = old


@contextlib.contextmanager
def moto_corrections() -> Iterator[None]:
    """Every correction to moto the emulator applies (also used by the moto server)."""
    with (
        _moto_dimensions_from_botocore(),
        _moto_instance_types_from_botocore(),
        _moto_variants_without_model(),
        _moto_extended_statistics(),
    ):
        yield


@contextlib.contextmanager
def _moto_dimensions_from_botocore() -> Iterator[None]:
    """Let moto accept every scalable dimension botocore knows.

    moto 5.2 hard-codes an older list that lacks ``sagemaker:variant:DesiredProvisionedConcurrency``
    and ``sagemaker:inference-component:DesiredCopyCount``; AWS accepts both. Our own enum
    check (from botocore) still rejects a dimension AWS does not know.
    """
    from moto.applicationautoscaling import models, responses

    request: Any = (
        botocore.session.get_session()
        .get_service_model("application-autoscaling")
        .operation_model("RegisterScalableTarget")
        .input_shape
    )
    members = {f"D{i}": value for i, value in enumerate(request.members["ScalableDimension"].enum)}
    dimensions = enum.Enum("ScalableDimensionValueSet", members)  # type: ignore[misc]
    with (
        mock.patch.object(models, "ScalableDimensionValueSet", dimensions),
        mock.patch.object(responses, "ScalableDimensionValueSet", dimensions),
    ):
        yield


@contextlib.contextmanager
def _moto_instance_types_from_botocore() -> Iterator[None]:
    """Let moto accept every hosting instance type botocore knows (ml.g5, ml.g6, ml.inf2...).

    moto 5.2 checks endpoint-config variants against an old hard-coded list; AWS (and
    botocore's ``ProductionVariantInstanceType`` enum, which our request validation applies)
    accepts the current families.
    """
    from moto.sagemaker import models
    from moto.sagemaker.exceptions import ValidationError

    shape: Any = (
        botocore.session.get_session()
        .get_service_model("sagemaker")
        .shape_for("ProductionVariantInstanceType")
    )
    known = frozenset(shape.enum)

    def validate_instance_type(self: Any, instance_type: str) -> None:
        if instance_type not in known:
            raise ValidationError(
                message=f"Value '{instance_type}' at 'instanceType' failed to satisfy "
                "constraint: Member must satisfy enum value set"
            )

    with mock.patch.object(
        models.FakeEndpointConfig, "validate_instance_type", validate_instance_type
    ):
        yield


@contextlib.contextmanager
def _moto_variants_without_model() -> Iterator[None]:
    """Let moto accept endpoint-config variants without ``ModelName``.

    moto 5.2 reads ``ModelName`` from every variant; AWS accepts variants without one in a
    config that hosts inference components (ModelName is optional in CreateEndpointConfig).
    Variants naming a model are still checked against moto's models.
    """
    from moto.sagemaker import models

    backend: Any = models.SageMakerModelBackend
    original = backend.validate_production_variants

    def validate(self: Any, production_variants: list[dict[str, Any]]) -> None:
        original(self, [v for v in production_variants if v.get("ModelName")])

    with mock.patch.object(backend, "validate_production_variants", validate):
        yield


@contextlib.contextmanager
def _moto_extended_statistics() -> Iterator[None]:
    """Let moto store every extended statistic CloudWatch accepts, not only percentiles.

    moto 5.2 refuses an ``ExtendedStatistic`` that does not start with ``p``; CloudWatch also
    takes trimmed/winsorized means, trimmed counts and sums, IQM and percentile ranks
    (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html).
    The emulator's alarm handler refuses what CloudWatch refuses.
    """
    from moto.cloudwatch import models

    original = models.CloudWatchBackend.put_metric_alarm

    def put_metric_alarm(self: Any, *args: Any, **kwargs: Any) -> Any:
        extended = kwargs.get("extended_statistic")
        if extended and not str(extended).startswith("p"):
            kwargs["extended_statistic"] = "p50"  # stands in past moto's check, then restored
            alarm = original(self, *args, **kwargs)
            alarm.extended_statistic = extended
            return alarm
        return original(self, *args, **kwargs)

    with mock.patch.object(models.CloudWatchBackend, "put_metric_alarm", put_metric_alarm):
        yield
