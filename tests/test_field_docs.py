"""Value objects' fields are documented, and help() shows those docs (not only IDEs)."""

from __future__ import annotations

import dataclasses
import pydoc

import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting._fielddoc import document_fields

VALUE_OBJECTS = [
    getattr(sm, name) for name in sm.__all__ if dataclasses.is_dataclass(getattr(sm, name))
]


def test_the_value_objects_are_found() -> None:
    assert {cls.__name__ for cls in VALUE_OBJECTS} >= {
        "AsyncInference",
        "ContainerDefinition",
        "DataCapture",
        "InstanceProductionVariant",
        "Metric",
        "ScalingInterval",
        "ServerlessProductionVariant",
        "TrafficRouting",
    }


@pytest.mark.parametrize("cls", VALUE_OBJECTS, ids=lambda c: c.__name__)
def test_every_field_is_listed_in_the_docstring(cls: type) -> None:
    doc = cls.__doc__ or ""
    attributes = doc.split("\n\nAttributes:\n", 1)[1]
    listed = [line.split(":", 1)[0].strip() for line in attributes.splitlines() if line[4] != " "]
    assert listed == [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]


def test_help_shows_a_fields_docstring() -> None:
    text = pydoc.render_doc(sm.AsyncInference, renderer=pydoc.plaintext)
    assert "output_path: Where results are written: ``s3://bucket/prefix``." in text
    # Multi-line docstrings keep their continuation lines, indented under the field.
    assert (
        "    include_inference_response_in: Topics whose notifications carry the response: "
        "``SUCCESS_NOTIFICATION_TOPIC``,\n        ``ERROR_NOTIFICATION_TOPIC``."
        in sm.AsyncInference.__doc__  # type: ignore[operator]
    )


@dataclasses.dataclass(frozen=True)
class _Base:
    scope: str = ""
    """Declared on the base class."""


@dataclasses.dataclass(frozen=True)
class _Derived(_Base):
    """Derived."""

    own: int = 0
    """Declared here,
    over two lines."""


def test_inherited_fields_are_documented_where_declared() -> None:
    document_fields(_Derived)
    assert _Derived.__doc__ == (
        "Derived.\n\nAttributes:\n"
        "    scope: Declared on the base class.\n"
        "    own: Declared here,\n        over two lines.\n"
    )


def test_documenting_twice_changes_nothing() -> None:
    before = sm.DataCapture.__doc__
    document_fields(sm.DataCapture)
    assert sm.DataCapture.__doc__ == before


def test_a_class_without_field_docstrings_is_left_alone() -> None:
    @dataclasses.dataclass
    class Plain:
        """Plain."""

        x: int = 0

    document_fields(Plain)
    assert Plain.__doc__ == "Plain."
