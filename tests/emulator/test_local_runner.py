"""The offline runner: python -m pulumi_sagemaker_hosting.local PROGRAM_DIR."""

from __future__ import annotations

import importlib.metadata
import io
import itertools
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pulumi_sagemaker_hosting.local import EXIT_CODES, main

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
    assert "\n\nStack demo/dev (emulated AWS, eu-west-1)\n" in out
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


def test_report_shows_the_variant_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Routing, managed instance bounds, AMI, SSM access and core dumps, as AWS reports them.
    variant = '    "initial_instance_count": cfg.require_int("instanceCount"),\n'
    settings = (
        variant + '    "routing_configs": [{"routing_strategy": "LEAST_OUTSTANDING_REQUESTS"}],\n'
        '    "managed_instance_scaling": {"status": "ENABLED", "min_instance_count": 1,'
        ' "max_instance_count": 3},\n'
        '    "inference_ami_version": "al2-ami-sagemaker-inference-gpu-2",\n'
        '    "enable_ssm_access": True,\n'
        '    "core_dump_config": {"destination_s3_uri": "s3://dumps/svc"},\n'
    )
    assert PROGRAM.count(variant) == 1
    project = _project(tmp_path / "demo", PROGRAM.replace(variant, settings))
    assert main([str(project), "--quiet"]) == 0
    assert (
        "  settings AllTraffic: routing LEAST_OUTSTANDING_REQUESTS, managed instances 1..3 "
        "(ENABLED), AMI al2-ami-sagemaker-inference-gpu-2, SSM access on, core dumps to "
        "s3://dumps/svc\n"
    ) in capsys.readouterr().out
    assert main([str(project), "--json", "--quiet"]) == 0
    (endpoint,) = json.loads(capsys.readouterr().out)["endpoints"]
    assert endpoint["variants"][0]["settings"] == {
        "RoutingConfig": {"RoutingStrategy": "LEAST_OUTSTANDING_REQUESTS"},
        "ManagedInstanceScaling": {
            "Status": "ENABLED",
            "MinInstanceCount": 1,
            "MaxInstanceCount": 3,
        },
        "InferenceAmiVersion": "al2-ami-sagemaker-inference-gpu-2",
        "EnableSSMAccess": True,
        "CoreDumpConfig": {"DestinationS3Uri": "s3://dumps/svc"},
    }


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


def test_a_bug_while_handling_bad_input_keeps_its_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    program = "try:\n    int('x')\nexcept ValueError:\n    {}['key']\n"
    project = _project(tmp_path / "demo", program)
    assert main([str(project)]) == 1
    err = capsys.readouterr().err
    # Not disguised as bad input: the program's own frame and the KeyError.
    assert "The program is invalid" not in err
    assert f'  File "{(project / "__main__.py").resolve()}", line 4, in <module>\n' in err
    assert err.endswith("KeyError: 'key'\n")
    assert "local.py" not in err and "runpy" not in err


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


REVIEW_PROGRAM = textwrap.dedent(
    """
    import json
    import pulumi
    import pulumi_aws as aws

    role = aws.iam.Role("role", assume_role_policy=json.dumps({"Statement": []}))
    bucket = aws.s3.Bucket("io", bucket="review-io")
    model = aws.sagemaker.Model(
        "model",
        execution_role_arn=role.arn,
        primary_container={"image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/serve:v1"},
    )
    config = aws.sagemaker.EndpointConfiguration(
        "config",
        production_variants=[{
            "model_name": model.name, "variant_name": "AllTraffic",
            "instance_type": "ml.m5.large", "initial_instance_count": 2,
        }],
        async_inference_config={
            "output_config": {
                "s3_output_path": "s3://review-io/out",
                "s3_failure_path": "s3://review-io/failed",
            },
            "client_config": {"max_concurrent_invocations_per_instance": 4},
        },
        data_capture_config={
            "initial_sampling_percentage": 20,
            "destination_s3_uri": "s3://review-io/capture",
            "capture_options": [{"capture_mode": "Input"}, {"capture_mode": "Output"}],
        },
        opts=pulumi.ResourceOptions(depends_on=[bucket]),
    )
    alarm = aws.cloudwatch.MetricAlarm(
        "latency", comparison_operator="GreaterThanOrEqualToThreshold", evaluation_periods=5,
        datapoints_to_alarm=3, threshold=500000, namespace="AWS/SageMaker",
        metric_name="ModelLatency", extended_statistic="p99", period=60,
        treat_missing_data="notBreaching",
        dimensions={"EndpointName": "review", "VariantName": "AllTraffic"},
    )
    endpoint = aws.sagemaker.Endpoint(
        "endpoint", name="review", endpoint_config_name=config.name,
        deployment_config={
            "blue_green_update_policy": {
                "traffic_routing_configuration": {
                    "type": "CANARY",
                    "canary_size": {"type": "CAPACITY_PERCENT", "value": 25},
                    "wait_interval_in_seconds": 600,
                },
                "termination_wait_in_seconds": 300,
            },
            "auto_rollback_configuration": {"alarms": [{"alarm_name": alarm.name}]},
        },
    )
    target = aws.appautoscaling.Target(
        "target", service_namespace="sagemaker",
        scalable_dimension="sagemaker:variant:DesiredInstanceCount",
        resource_id=pulumi.Output.concat("endpoint/", endpoint.name, "/variant/AllTraffic"),
        min_capacity=1, max_capacity=4,
    )
    aws.appautoscaling.Policy(
        "track", name="track", policy_type="TargetTrackingScaling",
        resource_id=target.resource_id, scalable_dimension=target.scalable_dimension,
        service_namespace=target.service_namespace,
        target_tracking_scaling_policy_configuration={
            "target_value": 600,
            "predefined_metric_specification": {
                "predefined_metric_type": "SageMakerVariantInvocationsPerInstance"
            },
            "scale_in_cooldown": 300, "scale_out_cooldown": 60,
        },
    )
    aws.appautoscaling.Policy(
        "steps", name="steps", policy_type="StepScaling",
        resource_id=target.resource_id, scalable_dimension=target.scalable_dimension,
        service_namespace=target.service_namespace,
        step_scaling_policy_configuration={
            "adjustment_type": "ChangeInCapacity", "cooldown": 120,
            "metric_aggregation_type": "Maximum",
            "step_adjustments": [
                {"metric_interval_upper_bound": "0", "scaling_adjustment": -1},
                {"metric_interval_lower_bound": "0", "metric_interval_upper_bound": "10",
                 "scaling_adjustment": 1},
                {"metric_interval_lower_bound": "10", "scaling_adjustment": 3},
            ],
        },
    )
    """
)


def test_report_shows_what_a_reviewer_checks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project(tmp_path / "review", REVIEW_PROGRAM)
    assert main([str(project), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Stack demo/dev (emulated AWS, eu-west-1)\n")
    assert (
        "  policy   track (TargetTrackingScaling): SageMakerVariantInvocationsPerInstance "
        "target 600, scale-in cooldown 300s, scale-out cooldown 60s\n" in out
    )
    assert (
        "  policy   steps (StepScaling): ChangeInCapacity [-inf, 0): -1, [0, 10): +1, "
        "[10, +inf): +3, cooldown 120s, aggregation Maximum\n" in out
    )
    assert (
        "on ModelLatency p99 over 60s >= 500000, 3 of 5 periods, missing data notBreaching\n"
    ) in out
    assert (
        "  deploy   blue/green canary 25%, wait 600s; terminate old fleet after 300s; "
        "roll back on alarms latency-"
    ) in out
    assert (
        "  async    output s3://review-io/out, failures s3://review-io/failed, "
        "max 4 concurrent invocations per instance\n"
    ) in out
    assert "  capture  on, 20% of Input+Output to s3://review-io/capture\n" in out


def test_json_report_shows_what_a_reviewer_checks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project(tmp_path / "review", REVIEW_PROGRAM)
    assert main([str(project), "--json"]) == 0
    (endpoint,) = json.loads(capsys.readouterr().out)["endpoints"]
    policies = {p["name"]: p for p in endpoint["scaling_policies"]}
    assert policies["track"]["target"] == {
        "value": 600.0,
        "metric": "SageMakerVariantInvocationsPerInstance",
        "scale_in_cooldown": 300,
        "scale_out_cooldown": 60,
        "disable_scale_in": False,
    }
    assert policies["steps"]["steps"]["intervals"] == [
        {"lower": None, "upper": 0.0, "adjustment": -1},
        {"lower": 0.0, "upper": 10.0, "adjustment": 1},
        {"lower": 10.0, "upper": None, "adjustment": 3},
    ]
    assert (
        policies["steps"]["steps"]["adjustment_type"],
        policies["steps"]["steps"]["cooldown"],
    ) == (
        "ChangeInCapacity",
        120,
    )
    (alarm,) = endpoint["alarms"]
    assert {k: alarm[k] for k in ("statistic", "period", "threshold", "comparison")} == {
        "statistic": "p99",
        "period": 60,
        "threshold": 500000.0,
        "comparison": "GreaterThanOrEqualToThreshold",
    }
    assert (alarm["evaluation_periods"], alarm["datapoints_to_alarm"]) == (5, 3)
    routing = endpoint["deployment"]["BlueGreenUpdatePolicy"]["TrafficRoutingConfiguration"]
    assert routing["CanarySize"] == {"Type": "CAPACITY_PERCENT", "Value": 25}
    assert endpoint["deployment"]["AutoRollbackConfiguration"]["Alarms"] == [
        {"AlarmName": alarm["name"]}
    ]
    assert endpoint["async_inference"]["ClientConfig"] == {"MaxConcurrentInvocationsPerInstance": 4}
    assert endpoint["data_capture"]["InitialSamplingPercentage"] == 20
    assert endpoint["data_capture"]["DestinationS3Uri"] == "s3://review-io/capture"


PROGRESS_LINE = re.compile(
    r"^ \+   (?P<indent> *)(?P<type>\S+) +(?P<name>\S+) +created \(\d+\.\d\ds\)$"
)


def test_progress_lists_each_resource_as_created_then_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(_project(tmp_path / "demo"))]) == 0
    out = capsys.readouterr().out
    progress, _report = out.split("\n\nStack demo/dev", 1)
    lines = progress.splitlines()
    assert lines[0] == "Updating (demo/dev) in emulated AWS (eu-west-1)"
    assert lines[2].split() == ["Type", "Name", "Status"]
    created = [PROGRESS_LINE.match(line) for line in lines[3:9]]
    assert all(created), lines[3:9]
    assert sorted((m["type"], m["name"]) for m in created if m) == sorted(
        [
            ("aws:iam/role:Role", "role"),
            ("aws:sagemaker/model:Model", "model"),
            ("aws:sagemaker/endpointConfiguration:EndpointConfiguration", "config"),
            ("aws:sagemaker/endpoint:Endpoint", "endpoint"),
            ("aws:appautoscaling/target:Target", "target"),
            ("aws:cloudwatch/metricAlarm:MetricAlarm", "errors"),
        ]
    )
    assert lines[9] == ""
    assert lines[10] == "Resources: + 6 created"
    assert re.fullmatch(r"Duration: \d+\.\d\ds", lines[11])
    # Not a terminal: no colour codes or carriage returns for logs to mangle.
    assert "\033" not in out and "\r" not in out


def test_progress_indents_children_and_counts_components(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    program = textwrap.dedent(
        """
        import pulumi
        import pulumi_aws as aws

        class Box(pulumi.ComponentResource):
            def __init__(self, name):
                super().__init__("test:index:Box", name)
                aws.sns.Topic(f"{name}-topic", opts=pulumi.ResourceOptions(parent=self))
                self.register_outputs({})

        Box("box")
        """
    )
    assert main([str(_project(tmp_path / "demo", program))]) == 0
    lines = capsys.readouterr().out.splitlines()
    matches = [m for m in map(PROGRESS_LINE.match, lines) if m]
    assert [(m["indent"], m["type"], m["name"]) for m in matches] == [
        ("", "test:index:Box", "box"),
        ("  ", "aws:sns/topic:Topic", "box-topic"),
    ]
    assert "Resources: + 2 created (1 AWS resources, 1 components)" in lines


def test_progress_on_a_terminal_is_coloured_unless_no_color(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pulumi_sagemaker_hosting.testing._progress import Progress, use_color
    from pulumi_sagemaker_hosting.testing.recorder import RegistrationEvent

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    terminal = Terminal()
    assert use_color(terminal) and not use_color(io.StringIO())
    progress = Progress(terminal, color=use_color(terminal))
    event = RegistrationEvent("aws:sns/topic:Topic", "t", "urn:t", "", True, "failed", 0.5)
    progress(event)
    progress.summary()
    text = terminal.getvalue()
    assert text.startswith(" \033[31mx\033[0m   aws:sns/topic:Topic")
    assert "\033[31mcreating failed\033[0m (0.50s)" in text
    assert "Resources: + 0 created, \033[31m1 failed\033[0m\n" in text
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(terminal)


def test_json_sends_progress_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(_project(tmp_path / "demo")), "--json"]) == 0
    captured = capsys.readouterr()
    json.loads(captured.out)
    assert "Resources: + 6 created\n" in captured.err


def test_quiet_prints_only_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(_project(tmp_path / "demo")), "--quiet"]) == 0
    assert capsys.readouterr().out.startswith("Stack demo/dev (emulated AWS, eu-west-1)\n")


def test_a_named_stack_without_its_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project(tmp_path / "demo")
    assert main([str(project), "--stack", "prod"]) == 2
    assert capsys.readouterr().err == (
        f"error: no stack 'prod': {project / 'Pulumi.prod.yaml'} does not exist "
        "(stacks here: dev; create it with `pulumi stack init prod`)\n"
    )


def test_the_default_stack_may_have_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project(tmp_path / "demo", "import pulumi\npulumi.export('x', 1)\n")
    (project / "Pulumi.dev.yaml").unlink()
    assert main([str(project), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["outputs"] == {"x": 1}


def test_a_yaml_program_gets_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "Pulumi.yaml").write_text("name: y\nruntime: yaml\nresources: {}\n")
    assert main([str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"error: {tmp_path / 'Pulumi.yaml'} is a Pulumi YAML program; the offline runner "
        "runs Python programs only. Deploy it with `pulumi up`"
    )


def test_a_type_error_in_the_program_shows_the_programs_frames(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    program = (
        "import pulumi_sagemaker_hosting as sm\n"
        "\n"
        "def make():\n"
        "    return sm.Model('m', bogus=1)\n"
        "\n"
        "make()\n"
    )
    project = _project(tmp_path / "demo", program)
    assert main([str(project)]) == 1
    err = capsys.readouterr().err
    main_py = (project / "__main__.py").resolve()
    assert err.startswith("The program failed (its frames; --verbose shows all):\n")
    assert f'  File "{main_py}", line 6, in <module>\n    make()\n' in err
    assert f'  File "{main_py}", line 4, in make\n' in err
    assert err.endswith("TypeError: Model.__init__() got an unexpected keyword argument 'bogus'\n")
    assert err.count('  File "') == 2  # no runner, runpy or Pulumi frames


def test_an_internal_error_exits_3_with_its_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pulumi_sagemaker_hosting import local

    def broken(*_args: object) -> None:
        raise RuntimeError("runner bug")

    monkeypatch.setattr(local, "run_project", broken)
    assert main([str(_project(tmp_path / "demo"))]) == 3
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):\n")
    assert "RuntimeError: runner bug\n" in err
    assert "internal error: RuntimeError in " in err and "this is a bug" in err


def test_help_documents_exit_statuses_and_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    statuses = " ".join(out.split("exit status:\n", 1)[1].split("examples:", 1)[0].split())
    assert statuses == " ".join(f"{code} {meaning}" for code, meaning in EXIT_CODES.items())
    assert "exit status:\n  0  the stack was created\n" in out
    assert (
        "examples:\n" in out and " . --stack prod\n" in out and " . --json > report.json\n" in out
    )
    assert max(len(line) for line in out.splitlines()) <= 100


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.split()[-1] == importlib.metadata.version(
        "pulumi-sagemaker-hosting"
    )


def test_console_script_is_declared() -> None:
    pyproject = (Path(__file__).parents[2] / "pyproject.toml").read_text()
    scripts = pyproject.split("[project.scripts]\n", 1)[1].split("\n\n", 1)[0]
    assert scripts.splitlines() == [
        'sagemaker-hosting-local = "pulumi_sagemaker_hosting.local:main"'
    ]


def test_an_invalid_enum_value_names_the_closest_not_every_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    program = PROGRAM.replace('cfg.require("instanceType")', '"ml.m5.huge"')
    assert main([str(_project(tmp_path / "demo", program))]) == 1
    err = capsys.readouterr().err
    assert len(err) < 600, err
    assert "'ml.m5.huge' is not one of ProductionVariantInstanceType (" in err
    assert "closest: ml.m5." in err


def test_diagram_boxes_components_and_draws_every_resource(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    program = textwrap.dedent(
        """
        import pulumi_sagemaker_hosting as sm

        model = sm.Model("svc", containers=[sm.ContainerDefinition(
            image=sm.ContainerImage.from_uri(
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/serve:v1"))])
        config = sm.EndpointConfig("svc", instance_production_variants=[
            sm.InstanceProductionVariant(model=model, variant_name="AllTraffic",
                instance_type=sm.InstanceType.M5_LARGE)])
        endpoint = sm.Endpoint("svc", endpoint_config=config)
        endpoint.find_production_variant("AllTraffic").auto_scale_instance_count(
            max_capacity=3).scale_on_invocations("rps", max_requests_per_second=10)
        """
    )
    diagram = tmp_path / "flow.mmd"
    project = _project(tmp_path / "demo", program)
    # Mermaid refuses a diagram with more edges than its maxEdges: the runner says so.
    monkeypatch.setattr("pulumi_sagemaker_hosting.testing._diagram.MAX_EDGES", 4)
    assert main([str(project), "--json", "--diagram", str(diagram)]) == 0
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    edge_count = sum(" --> " in line for line in diagram.read_text().splitlines())
    assert (
        f"note: the diagram has {edge_count} edges (Mermaid renders 4 unless maxEdges is raised)"
        in captured.err
    )
    lines = diagram.read_text().splitlines()
    assert lines[0] == "flowchart LR"

    def labels(nodes: list[dict[str, object]]) -> list[str]:
        found = []
        for node in nodes:
            found.append(f"{str(node['type']).rsplit(':', 1)[-1]}: {node['name']}")
            found += labels(node["children"])  # type: ignore[arg-type]
        return found

    every = labels(report["resources"])
    assert len(every) == 11
    declared = {line.strip().split('"')[1]: line for line in lines if '"' in line}
    assert sorted(declared) == sorted(every)
    # Components are boxes; their children are declared inside them.
    for component in ("Model: svc", "EndpointConfig: svc", "Endpoint: svc"):
        assert declared[component].lstrip().startswith("subgraph ")
    box = lines.index(declared["Model: svc"])
    end = lines.index("    end", box)
    assert lines[box + 1] == "        direction LR"
    inside = {line.strip().split('"')[1] for line in lines[box + 2 : end]}
    assert inside == {"Role: svc-role", "RolePolicy: svc-policy", "Model: svc-model"}

    def node(label: str) -> str:
        text = declared[label].strip()
        return (
            text.split()[1].split("[")[0]
            if text.startswith("subgraph")
            else (text.split('"')[0].rstrip("[({>/"))
        )

    edges = {line.strip() for line in lines if "-->" in line}
    for a, b in [
        ("Role: svc-role", "Model: svc-model"),
        ("Model: svc-model", "EndpointConfiguration: svc-config"),
        ("EndpointConfiguration: svc-config", "Endpoint: svc-endpoint"),
        ("Endpoint: svc-endpoint", "Target: svc-AllTraffic-instance-count-target"),
        (
            "Target: svc-AllTraffic-instance-count-target",
            "Policy: svc-AllTraffic-instance-count-rps",
        ),
    ]:
        assert f"{node(a)} --> {node(b)}" in edges
