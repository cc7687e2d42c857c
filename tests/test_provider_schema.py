"""The multi-language package: its schema is golden, its plugin files agree with the package.

Regenerate the golden file after an intended surface change with
``python -c "import json; from pulumi_sagemaker_hosting.provider import schema;
open('provider/schema.json', 'w').write(json.dumps(schema(), indent=2, sort_keys=True) + '\\n')"``
"""

from __future__ import annotations

import json
import re
import runpy
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from pulumi_sagemaker_hosting.provider import PACKAGE_NAME, PACKAGE_VERSION, REPOSITORY, schema

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "provider"
TOKEN = "sagemaker-hosting:index:HostedModel"


def test_schema_matches_golden_file() -> None:
    golden = json.loads((PLUGIN / "schema.json").read_text())
    assert schema() == golden, "surface changed: regenerate provider/schema.json (see docstring)"


def test_schema_surface() -> None:
    doc = schema()
    assert (doc["name"], doc["version"]) == ("sagemaker-hosting", PACKAGE_VERSION)
    assert list(doc["resources"]) == [TOKEN, "sagemaker-hosting:index:SharedEndpoint"]
    resource = doc["resources"][TOKEN]
    assert resource["isComponent"] is True
    assert resource["requiredInputs"] == []
    assert sorted(resource["inputProperties"]) == sorted(
        [
            "imageUri",
            "ecrRepository",
            "dlcRepository",
            "imageTag",
            "modelDataUrl",
            "environment",
            "roleArn",
            "instanceType",
            "initialInstanceCount",
            "containerStartupHealthCheckTimeout",
            "modelDataDownloadTimeout",
            "volumeSizeInGb",
            "serverless",
            "autoScaling",
            "latencyAlarm",
            "asyncInference",
            "dataCapture",
            "endpointName",
            "tags",
            "modelDataPrefix",
            "acceptEula",
            "modelDataKmsKeyArn",
            "multiModel",
            "modelCache",
            "routingStrategy",
            "inferenceAmiVersion",
            "enableSsmAccess",
            "coreDumpConfig",
            "managedInstanceScaling",
        ]
    )
    assert sorted(resource["required"]) == sorted(
        [
            "modelName",
            "endpointConfigName",
            "endpointName",
            "endpointArn",
            "invocationUrl",
            "roleArn",
        ]
    )
    assert sorted(doc["types"]) == [
        "sagemaker-hosting:index:AsyncInferenceConfig",
        "sagemaker-hosting:index:AutoScaling",
        "sagemaker-hosting:index:CoreDumpLocation",
        "sagemaker-hosting:index:DataCaptureConfig",
        "sagemaker-hosting:index:LatencyAlarm",
        "sagemaker-hosting:index:ManagedScalingConfig",
        "sagemaker-hosting:index:ServerlessConfig",
        "sagemaker-hosting:index:SharedModel",
    ]
    inputs = resource["inputProperties"]
    # Inputs that may come from other resources are not plain; what we validate is.
    for key in (
        "imageUri",
        "roleArn",
        "modelDataUrl",
        "modelDataPrefix",
        "modelDataKmsKeyArn",
        "endpointName",
    ):
        assert "plain" not in inputs[key], key
    for key in ("environment", "tags"):  # a known map whose values may be outputs
        assert "plain" not in inputs[key]["additionalProperties"], key
    types = doc["types"]
    for token, fields in (
        (
            "AsyncInferenceConfig",
            [
                "outputPath",
                "failurePath",
                "inputPath",
                "successTopicArn",
                "errorTopicArn",
                "kmsKeyArn",
            ],
        ),
        ("DataCaptureConfig", ["destinationS3Uri", "kmsKeyArn"]),
        ("CoreDumpLocation", ["destinationS3Uri", "kmsKeyArn"]),
    ):
        properties = types[f"sagemaker-hosting:index:{token}"]["properties"]
        for field in fields:
            assert "plain" not in properties[field], f"{token}.{field}"
    assert types["sagemaker-hosting:index:AsyncInferenceConfig"]["required"] == ["outputPath"]
    assert types["sagemaker-hosting:index:DataCaptureConfig"]["required"] == ["destinationS3Uri"]
    assert inputs["initialInstanceCount"] == {
        "description": inputs["initialInstanceCount"]["description"],
        "type": "integer",
        "plain": True,
    }
    assert inputs["autoScaling"]["$ref"] == "#/types/sagemaker-hosting:index:AutoScaling"
    alarm = doc["types"]["sagemaker-hosting:index:LatencyAlarm"]
    assert sorted(alarm["required"]) == ["evaluationPeriods", "threshold"]
    assert alarm["properties"]["alarmActions"]["items"] == {
        "description": alarm["properties"]["alarmActions"]["description"],
        "type": "string",
    }


def test_every_schema_entry_is_described() -> None:
    doc = schema()
    resource = doc["resources"][TOKEN]
    entries = [("HostedModel", resource)]
    entries += [(f"input {k}", v) for k, v in resource["inputProperties"].items()]
    entries += [(f"output {k}", v) for k, v in resource["properties"].items()]
    for token, typ in doc["types"].items():
        entries.append((token, typ))
        entries += [(f"{token}.{k}", v) for k, v in typ["properties"].items()]
    for where, entry in entries:
        text = entry.get("description") or ""
        assert text, f"{where} has no description"
        # Source indentation or reST markup must not leak into other languages' docs.
        assert "\n    " not in text and "``" not in text, where


def test_plugin_files_agree_with_the_package() -> None:
    plugin = yaml.safe_load((PLUGIN / "PulumiPlugin.yaml").read_text())
    assert plugin["name"] == PACKAGE_NAME
    assert plugin["version"] == PACKAGE_VERSION
    assert plugin["runtime"]["name"] == "python"
    entry = (PLUGIN / "__main__.py").read_text()
    assert "from pulumi_sagemaker_hosting.provider.__main__ import main" in entry
    # The root's Pulumi.yaml is the quickstart program; the plugin lives apart from it.
    assert not (ROOT / "PulumiPlugin.yaml").exists()
    assert not (ROOT / "__main__.py").exists()


def test_plugin_version_is_the_distribution_version() -> None:
    text = (ROOT / "pyproject.toml").read_text()
    match = re.search(r'^version = "([^"]+)"$', text, re.MULTILINE)
    assert match is not None
    assert match.group(1) == PACKAGE_VERSION


def test_plugin_requirements_are_the_package_dependencies() -> None:
    text = (ROOT / "pyproject.toml").read_text()
    block = text.split("dependencies = [", 1)[1].split("]", 1)[0]
    declared = re.findall(r'"([^"]+)"', block)
    # SharedEndpoint creates inference components: the plugin installs their extra too.
    extra = text.split("inference-components = [", 1)[1].split("]", 1)[0]
    declared += re.findall(r'"([^"]+)"', extra)
    lines = (PLUGIN / "requirements.txt").read_text().splitlines()
    required = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert required == declared


def test_entry_point_imports_without_starting_the_host(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "path", list(sys.path))
    namespace = runpy.run_path(str(PLUGIN / "__main__.py"), run_name="not_main")
    assert callable(namespace["main"])


def test_yaml_example_uses_the_plugin() -> None:
    example = ROOT / "examples" / "yaml-hosted-model"
    program = yaml.safe_load((example / "Pulumi.yaml").read_text())
    assert program["runtime"] == "yaml"
    assert (example / program["packages"]["sagemaker-hosting"]).resolve() == PLUGIN
    resource = program["resources"]["sentiment"]
    assert resource["type"] == TOKEN
    inputs = schema()["resources"][TOKEN]["inputProperties"]
    assert set(resource["properties"]) <= set(inputs)
    types = schema()["types"]
    for key in ("autoScaling", "latencyAlarm"):
        nested = types[inputs[key]["$ref"].rsplit("/", 1)[1]]["properties"]
        assert set(resource["properties"][key]) <= set(nested), key
    outputs = set(schema()["resources"][TOKEN]["properties"])
    for value in program["outputs"].values():
        assert value.startswith("${sentiment.") and value[12:-1] in outputs


def test_schema_carries_the_registry_metadata() -> None:
    doc = schema()
    text = (ROOT / "pyproject.toml").read_text()
    found = re.search(r'^Repository = "([^"]+)"$', text, re.MULTILINE)
    assert found is not None
    assert doc["repository"] == doc["homepage"] == REPOSITORY == found.group(1)
    assert doc["description"].startswith("Put machine-learning models into production")
    assert {"pulumi", "aws", "sagemaker", "kind/component", "category/cloud"} <= set(
        doc["keywords"]
    )
    assert doc["publisher"] == "pulumi-sagemaker-hosting contributors"
    assert doc["license"] == "Apache-2.0"
    assert doc["logoUrl"] == (
        REPOSITORY.replace("github.com", "raw.githubusercontent.com") + "/main/provider/logo.svg"
    )
    assert (PLUGIN / "logo.svg").read_text().startswith("<svg")


def test_plugin_readme_documents_every_input_and_output() -> None:
    readme = (PLUGIN / "README.md").read_text()
    doc = schema()
    resource = doc["resources"][TOKEN]
    names = list(resource["inputProperties"]) + list(resource["properties"])
    for typ in doc["types"].values():
        names += list(typ["properties"])
    missing = sorted({n for n in names if f"`{n}`" not in readme})
    assert missing == []


def _schema_type(spec: dict[str, Any]) -> str:
    return "object" if "$ref" in spec else str(spec["type"])


def _check_value(where: str, value: object, spec: dict[str, Any], types: dict[str, Any]) -> None:
    """``value`` (from the YAML program) has the type ``spec`` declares, recursively."""
    if isinstance(value, str) and value.startswith("${"):
        assert "plain" not in spec, f"{where} takes an output but the schema says plain"
        return
    kind = _schema_type(spec)
    python = {"string": str, "integer": int, "number": (int, float), "boolean": bool}
    if kind in python:
        assert isinstance(value, python[kind]) and not (
            kind != "boolean" and isinstance(value, bool)
        ), f"{where}: {value!r} is not a {kind}"
    elif kind == "array":
        assert isinstance(value, list), where
        for i, item in enumerate(value):
            _check_value(f"{where}[{i}]", item, spec["items"], types)
    elif "$ref" in spec:
        nested = types[spec["$ref"].rsplit("/", 1)[1]]
        assert isinstance(value, dict), where
        assert set(nested.get("required", [])) <= set(value), f"{where} misses required fields"
        for key, item in value.items():
            assert key in nested["properties"], f"{where}.{key} is not in the schema"
            _check_value(f"{where}.{key}", item, nested["properties"][key], types)
    else:
        assert kind == "object" and isinstance(value, dict), where
        for key, item in value.items():
            _check_value(f"{where}[{key!r}]", item, spec["additionalProperties"], types)


def test_yaml_example_properties_match_the_schema() -> None:
    """Golden: every property of the YAML example exists in the schema with the right type."""
    program = yaml.safe_load((ROOT / "examples" / "yaml-hosted-model" / "Pulumi.yaml").read_text())
    doc = schema()
    resource = doc["resources"][TOKEN]
    properties = program["resources"]["sentiment"]["properties"]
    assert set(resource["requiredInputs"]) <= set(properties)
    for key, value in properties.items():
        assert key in resource["inputProperties"], f"{key} is not an input of {TOKEN}"
        _check_value(key, value, resource["inputProperties"][key], doc["types"])
    assert sorted(properties) == [
        "autoScaling",
        "containerStartupHealthCheckTimeout",
        "dlcRepository",
        "environment",
        "imageTag",
        "initialInstanceCount",
        "instanceType",
        "latencyAlarm",
        "routingStrategy",
    ]
