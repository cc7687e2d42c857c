"""The offline runner: python -m pulumi_sagemaker_hosting.local PROGRAM_DIR."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pulumi_sagemaker_hosting.local import main

PROGRAM = textwrap.dedent(
    """
    import json
    import pulumi
    import pulumi_aws as aws

    cfg = pulumi.Config()
    role = aws.iam.Role("role", assume_role_policy=json.dumps({"Statement": []}))
    model = aws.sagemaker.Model(
        "model",
        execution_role_arn=role.arn,
        primary_container={"image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/serve:v1"},
    )
    config = aws.sagemaker.EndpointConfiguration("config", production_variants=[{
        "model_name": model.name, "variant_name": "AllTraffic",
        "instance_type": cfg.require("instanceType"),
        "initial_instance_count": cfg.require_int("instanceCount"),
    }])
    endpoint = aws.sagemaker.Endpoint("endpoint", endpoint_config_name=config.name)
    aws.appautoscaling.Target(
        "target", service_namespace="sagemaker",
        scalable_dimension="sagemaker:variant:DesiredInstanceCount",
        resource_id=pulumi.Output.concat("endpoint/", endpoint.name, "/variant/AllTraffic"),
        min_capacity=1, max_capacity=4,
    )
    aws.cloudwatch.MetricAlarm(
        "errors", comparison_operator="GreaterThanThreshold", evaluation_periods=1,
        threshold=1, namespace="AWS/SageMaker", metric_name="Invocation5XXErrors",
        statistic="Sum", period=60,
        dimensions={"EndpointName": endpoint.name, "VariantName": "AllTraffic"},
    )
    pulumi.export("endpointName", endpoint.name)
    pulumi.export("roleArn", pulumi.Output.secret(role.arn))
    pulumi.export("region", aws.get_region_output().region)
    """
)


def _project(directory: Path, program: str = PROGRAM) -> Path:
    directory.mkdir(exist_ok=True)
    # Project-wide config (a value and a declaration's default), then the stack's own.
    (directory / "Pulumi.yaml").write_text(
        "name: demo\nruntime:\n  name: python\n"
        "config:\n  demo:instanceType:\n    value: ml.m5.large\n"
        "  retries:\n    type: integer\n    default: 3\n"
    )
    (directory / "Pulumi.dev.yaml").write_text(
        "config:\n  aws:region: eu-west-1\n  instanceCount: 2\n"
    )
    (directory / "__main__.py").write_text(program)
    return directory


def test_tree_endpoint_summary_and_outputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project(tmp_path / "demo")
    diagram = tmp_path / "flow.mmd"
    assert main([str(project), "--diagram", str(diagram)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Stack demo/dev (emulated AWS, eu-west-1)\n")
    assert "  aws:sagemaker/model:Model  model = model-" in out
    assert "arn:aws:sagemaker:eu-west-1:123456789012:endpoint/endpoint-" in out
    assert "Endpoint endpoint-" in out and ": InService" in out
    assert "  variant  AllTraffic: ml.m5.large x2, weight 1.0, model model-" in out
    assert "  scaling  sagemaker:variant:DesiredInstanceCount 1..4" in out
    assert "  alarm    errors-" in out and "on Invocation5XXErrors" in out
    assert "  roleArn: [secret]\n" in out
    assert "  region: eu-west-1\n" in out

    text = diagram.read_text()
    assert text.startswith("flowchart LR\n")
    ids = {
        line.split('"')[1]: line.strip().split('"')[0].rstrip("[({>/")
        for line in text.splitlines()[1:]
        if '"' in line
    }
    edges = {line.strip() for line in text.splitlines() if "-->" in line}
    chain = ["Role: role", "Model: model", "EndpointConfiguration: config", "Endpoint: endpoint"]
    for a, b in itertools.pairwise(chain):
        assert f"{ids[a]} --> {ids[b]}" in edges
    assert f"{ids['Endpoint: endpoint']} --> {ids['Target: target']}" in edges
    assert f"{ids['Endpoint: endpoint']} --> {ids['MetricAlarm: errors']}" in edges


def test_json_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _project(tmp_path / "demo")
    assert main([str(project), "--json", "--stack", "dev"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["project"], report["stack"], report["region"]) == ("demo", "dev", "eu-west-1")
    assert [n["name"] for n in report["resources"]] == [
        "role",
        "model",
        "config",
        "endpoint",
        "target",
        "errors",
    ]
    (endpoint,) = report["endpoints"]
    assert endpoint["status"] == "InService"
    assert endpoint["name"] == report["outputs"]["endpointName"]
    assert endpoint["variants"] == [
        {
            "name": "AllTraffic",
            "model": report["resources"][1]["outputs"]["name"],
            "instance_type": "ml.m5.large",
            "instance_count": 2,
            "weight": 1.0,
        }
    ]
    assert endpoint["scaling_targets"][0]["max"] == 4
    assert [a["metric"] for a in endpoint["alarms"]] == ["Invocation5XXErrors"]


def test_program_raising_value_error_exits_1_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    program = (
        "import pulumi, pulumi_aws as aws\n"
        "role = aws.iam.Role('role', assume_role_policy='{}')\n"
        "def check(arn):\n"
        "    raise ValueError(\"Hosting 'svc': min_capacity (5) must be <= max_capacity (2)\")\n"
        "role.arn.apply(check)\n"
    )
    project = _project(tmp_path / "bad", program)
    assert main([str(project)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err == (
        "The program is invalid: Hosting 'svc': min_capacity (5) must be <= max_capacity (2)\n"
    )


def test_aws_refusal_exits_1_and_names_the_resource(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    program = PROGRAM.replace("sagemaker:variant:DesiredInstanceCount", "sagemaker:variant:Nope")
    project = _project(tmp_path / "refused", program)
    assert main([str(project)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        "AWS refused the stack: aws:appautoscaling/target:Target 'target': ValidationException:"
    )
    assert "Traceback" not in err


def test_missing_project_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"error: no Pulumi.yaml in {tmp_path}\n"


def test_module_entry_point_in_a_subprocess(tmp_path: Path) -> None:
    project = _project(tmp_path / "demo")
    done = subprocess.run(
        [sys.executable, "-m", "pulumi_sagemaker_hosting.local", str(project), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["endpoints"][0]["status"] == "InService"
    assert report["outputs"]["roleArn"] == "[secret]"


def test_project_config_then_stack_config(tmp_path: Path) -> None:
    from pulumi_sagemaker_hosting.local import load_project

    project = load_project(_project(tmp_path / "demo"), "dev")
    assert project.config == {
        "demo:instanceType": "ml.m5.large",
        "demo:retries": "3",
        "aws:region": "eu-west-1",
        "demo:instanceCount": "2",
    }


def test_missing_config_is_a_user_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    program = "import pulumi\npulumi.Config().require('missing')\n"
    assert main([str(_project(tmp_path / "demo", program))]) == 1
    err = capsys.readouterr().err
    assert "Missing required configuration variable 'demo:missing'" in err
    assert "Traceback" not in err


def test_a_bug_while_handling_bad_input_keeps_its_traceback(tmp_path: Path) -> None:
    program = "try:\n    int('x')\nexcept ValueError:\n    {}['key']\n"
    with pytest.raises(KeyError):
        main([str(_project(tmp_path / "demo", program))])


def test_program_modules_do_not_leak_between_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = []
    for who in ("one", "two"):
        directory = _project(
            tmp_path / who,
            "import pulumi\nimport helper\npulumi.export('who', helper.WHO)\n",
        )
        (directory / "helper.py").write_text(f"WHO = {who!r}\n")
        assert main([str(directory), "--json"]) == 0
        outputs.append(json.loads(capsys.readouterr().out)["outputs"]["who"])
    assert outputs == ["one", "two"]


def test_encrypted_config_stays_unset_with_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pulumi_sagemaker_hosting.local import load_project

    directory = _project(tmp_path / "demo")
    stack_file = directory / "Pulumi.dev.yaml"
    stack_file.write_text(stack_file.read_text() + "  demo:apiKey:\n    secure: AAABAKxyz\n")
    project = load_project(directory, "dev")
    assert "demo:apiKey" not in project.config
    assert "config demo:apiKey is encrypted; it stays unset offline" in capsys.readouterr().err


def test_verbose_shows_the_traceback_of_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    program = "raise ValueError('bad input')\n"
    assert main([str(_project(tmp_path / "demo", program)), "--verbose"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and "The program is invalid: bad input" in err
