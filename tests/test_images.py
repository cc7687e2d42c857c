"""ContainerImage factories: URIs, grants, builds, and their validation."""

from __future__ import annotations

import json
from pathlib import Path

import pulumi
import pulumi_aws as aws
import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting import ValidationError
from pulumi_sagemaker_hosting._dlc import DLC_ACCOUNTS
from pulumi_sagemaker_hosting.testing import AwsMocks, RecordingMonitor, mocked_stack, run


def one_model(image: sm.ContainerImage, name: str = "svc") -> sm.Model:
    return sm.Model(name, containers=[sm.ContainerDefinition(image=image)])


def image_of(rec: RecordingMonitor, name: str = "svc") -> str:
    image: str = rec.named(f"{name}-model").inputs["primaryContainer"]["image"]
    return image


def statements(rec: RecordingMonitor, name: str = "svc") -> list[dict[str, object]]:
    document = json.loads(rec.named(f"{name}-policy").inputs["policy"])
    assert document["Version"] == "2012-10-17"
    result: list[dict[str, object]] = document["Statement"]
    return result


PULL = {
    "Effect": "Allow",
    "Action": [
        "ecr:BatchCheckLayerAvailability",
        "ecr:GetDownloadUrlForLayer",
        "ecr:BatchGetImage",
    ],
    "Sid": "PullImage",
}
AUTH = {"Effect": "Allow", "Action": ["ecr:GetAuthorizationToken"], "Resource": ["*"]}


def test_ecr_repository_name_in_the_models_account(rec: RecordingMonitor) -> None:
    run(lambda: one_model(sm.ContainerImage.from_ecr_repository("team/repo", "v1")))
    assert image_of(rec) == "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/repo:v1"
    assert statements(rec)[2:] == [
        {**PULL, "Resource": ["arn:aws:ecr:us-east-1:123456789012:repository/team/repo"]},
        {**AUTH, "Sid": "EcrAuth"},
    ]


def test_ecr_default_tag_is_latest(rec: RecordingMonitor) -> None:
    run(lambda: one_model(sm.ContainerImage.from_ecr_repository("repo")))
    assert image_of(rec).endswith("/repo:latest")


def test_ecr_digest_pins_with_at(rec: RecordingMonitor) -> None:
    digest = "sha256:" + "a" * 64
    run(lambda: one_model(sm.ContainerImage.from_ecr_repository("repo", digest)))
    assert image_of(rec) == f"123456789012.dkr.ecr.us-east-1.amazonaws.com/repo@{digest}"


def test_ecr_repository_resource(rec: RecordingMonitor) -> None:
    def program() -> None:
        repo = aws.ecr.Repository("repo")
        one_model(sm.ContainerImage.from_ecr_repository(repo, "tag"))

    run(program)
    repo = rec.named("repo").outputs
    assert image_of(rec) == f"{repo['repositoryUrl']}:tag"
    assert statements(rec)[2]["Resource"] == [repo["arn"]]
    # The model waits for its role policy (SageMaker checks permissions on create).
    assert rec.named("svc-policy").urn in rec.named("svc-model").dependencies


@pytest.mark.parametrize(
    ("repository", "tag", "message"),
    [
        ("Repo", "v1", r"repository must be an ECR repository name .* got 'Repo'"),
        ("r", "v1", r"repository must be an ECR repository name .* got 'r'"),
        ("repo", "-bad", r"tag must be an image tag .* got '-bad'"),
        ("repo", "sha256:abc", r"tag must be an image tag .* got 'sha256:abc'"),
    ],
)
def test_ecr_validation(repository: str, tag: str, message: str) -> None:
    with pytest.raises(ValidationError, match=r"ContainerImage.from_ecr_repository: " + message):
        sm.ContainerImage.from_ecr_repository(repository, tag)


def test_ecr_rejects_other_types() -> None:
    with pytest.raises(ValidationError, match="got int"):
        sm.ContainerImage.from_ecr_repository(42, "v1")  # type: ignore[arg-type]


def test_dlc_uses_the_regions_registry(rec: RecordingMonitor) -> None:
    run(lambda: one_model(sm.ContainerImage.from_dlc("pytorch-inference", "2.1-cpu")))
    assert image_of(rec) == "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1-cpu"
    assert statements(rec)[2]["Resource"] == [
        "arn:aws:ecr:us-east-1:763104351884:repository/pytorch-inference"
    ]


@pytest.mark.parametrize(
    ("region", "partition", "expected"),
    [
        ("ap-east-1", "aws", "871362719292.dkr.ecr.ap-east-1.amazonaws.com/rr:t"),
        ("cn-north-1", "aws-cn", "727897471807.dkr.ecr.cn-north-1.amazonaws.com.cn/rr:t"),
        ("us-gov-west-1", "aws-us-gov", "442386744353.dkr.ecr.us-gov-west-1.amazonaws.com/rr:t"),
    ],
)
def test_dlc_regions(region: str, partition: str, expected: str) -> None:
    with mocked_stack(AwsMocks(region=region, partition=partition)) as rec:
        run(lambda: one_model(sm.ContainerImage.from_dlc("rr", "t")))
        assert image_of(rec) == expected
        account = expected.split(".", 1)[0]
        assert statements(rec)[2]["Resource"] == [
            f"arn:{partition}:ecr:{region}:{account}:repository/rr"
        ]


def test_dlc_table_covers_commercial_china_and_govcloud() -> None:
    for region in ("us-east-1", "eu-west-1", "me-central-1", "cn-northwest-1", "us-gov-east-1"):
        assert region in DLC_ACCOUNTS
    assert len(DLC_ACCOUNTS) == 39


def test_dlc_unknown_region_is_a_clear_error() -> None:
    with (
        mocked_stack(AwsMocks(region="xx-nowhere-1")),
        pytest.raises(
            ValidationError,
            match=r"ContainerImage.from_dlc: no Deep Learning Containers registry is known for "
            r"region 'xx-nowhere-1'; pass account_id=",
        ),
    ):
        sm.ContainerImage.from_dlc("rr", "t")


def test_dlc_explicit_account(rec: RecordingMonitor) -> None:
    run(lambda: one_model(sm.ContainerImage.from_dlc("rr", "t", account_id="111122223333")))
    assert image_of(rec) == "111122223333.dkr.ecr.us-east-1.amazonaws.com/rr:t"
    with pytest.raises(ValidationError, match="account_id must be 12 digits, got '12'"):
        sm.ContainerImage.from_dlc("rr", "t", account_id="12")


def test_uri_is_used_as_given_without_grants(rec: RecordingMonitor) -> None:
    run(lambda: one_model(sm.ContainerImage.from_uri("registry.example.com/img:1")))
    assert image_of(rec) == "registry.example.com/img:1"
    assert [s["Sid"] for s in statements(rec)] == ["WriteLogs", "PutMetrics"]
    with pytest.raises(ValidationError, match="uri must be a non-empty image URI, got ''"):
        sm.ContainerImage.from_uri("")


def make_context(tmp_path: Path) -> Path:
    (tmp_path / "Dockerfile").write_text("FROM scratch\n")
    (tmp_path / "app.py").write_text("print('hi')\n")
    return tmp_path


def test_asset_builds_pushes_and_references_the_digest(
    rec: RecordingMonitor, tmp_path: Path
) -> None:
    context = make_context(tmp_path)
    image = sm.ContainerImage.from_asset(str(context), build_args={"V": "1"})
    run(lambda: one_model(image))
    (repo,) = rec.of_type("aws:ecr/repository:Repository")
    (build,) = rec.of_type("docker-build:index:Image")
    (lifecycle,) = rec.of_type("aws:ecr/lifecyclePolicy:LifecyclePolicy")
    assert {repo.parent_name, build.parent_name, lifecycle.parent_name} == {"svc"}
    assert repo.inputs["imageScanningConfiguration"] == {"scanOnPush": True}
    assert repo.inputs["imageTagMutability"] == "MUTABLE"
    assert json.loads(lifecycle.inputs["policy"])["rules"][0]["selection"]["countNumber"] == 20
    url = repo.outputs["repositoryUrl"]
    assert build.inputs["push"] is True
    assert build.inputs["platforms"] == ["linux/amd64"]
    assert build.inputs["buildArgs"] == {"V": "1"}
    assert build.inputs["context"] == {"location": str(context)}
    assert build.inputs["dockerfile"] == {"location": str(context / "Dockerfile")}
    assert build.inputs["registries"] == [
        {"address": url, "username": "AWS", "password": "mock-ecr-password"}
    ]
    assert build.secret_inputs == ("registries",)
    (tag,) = build.inputs["tags"]
    assert tag.startswith(f"{url}:") and len(tag.rsplit(":", 1)[1]) == 16
    assert image_of(rec) == f"{url}@{build.outputs['digest']}"
    assert statements(rec)[2]["Resource"] == [repo.outputs["arn"]]
    assert build.urn in rec.named("svc-model").dependencies


def test_asset_tag_follows_the_content(tmp_path: Path) -> None:
    context = make_context(tmp_path)

    def tag() -> str:
        with mocked_stack() as rec:
            run(lambda: one_model(sm.ContainerImage.from_asset(str(context))))
            value: str = rec.of_type("docker-build:index:Image")[0].inputs["tags"][0]
            return value.rsplit(":", 1)[1]

    first = tag()
    assert tag() == first
    (context / "app.py").write_text("print('changed')\n")
    assert tag() != first


def test_asset_is_built_once_for_several_models(rec: RecordingMonitor, tmp_path: Path) -> None:
    image = sm.ContainerImage.from_asset(str(make_context(tmp_path)))
    run(lambda: [one_model(image, "a"), one_model(image, "b")])
    assert len(rec.of_type("docker-build:index:Image")) == 1
    assert image_of(rec, "a") == image_of(rec, "b")


def test_asset_into_a_given_repository(rec: RecordingMonitor, tmp_path: Path) -> None:
    def program() -> None:
        repo = aws.ecr.Repository("mine")
        one_model(sm.ContainerImage.from_asset(str(make_context(tmp_path)), repository=repo))

    run(program)
    assert [r.name for r in rec.of_type("aws:ecr/repository:Repository")] == ["mine"]
    assert rec.of_type("aws:ecr/lifecyclePolicy:LifecyclePolicy") == []


def test_asset_validation(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="directory must be an existing directory"):
        sm.ContainerImage.from_asset(str(tmp_path / "missing"))
    with pytest.raises(
        ValidationError, match=r"dockerfile must be an existing file, got '.*/Nope'"
    ):
        sm.ContainerImage.from_asset(str(tmp_path), dockerfile="Nope")
    make_context(tmp_path)
    with pytest.raises(
        ValidationError, match="platform must be one of linux/amd64, linux/arm64, got 'win'"
    ):
        sm.ContainerImage.from_asset(str(tmp_path), platform="win")


def test_custom_image_subclass_may_create_resources(rec: RecordingMonitor) -> None:
    from pulumi_sagemaker_hosting._binding import Binding, BindScope

    class Mirrored(sm.ContainerImage):
        def _bind(self, scope: BindScope) -> Binding:
            repo = aws.ecr.Repository(
                f"{scope.name}-mirror", opts=pulumi.ResourceOptions(parent=scope.parent)
            )
            return Binding(pulumi.Output.concat(repo.repository_url, ":1"))

    run(lambda: one_model(Mirrored()))
    assert rec.named("svc-mirror").parent_name == "svc"
    assert image_of(rec).endswith("/svc-mirror-") is False and image_of(rec).endswith(":1")
