"""Image URIs the package builds itself fit CreateModel's Containers[].Image (255 characters).

The limit is checked when the URI's text is known (the repository, tag, the model's name for
``from_asset``), against the configured region, or the shortest region name when none is: the
boundaries below are the exact lengths of the URIs the mocks then register.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting import ValidationError
from pulumi_sagemaker_hosting.testing import AwsMocks, RecordingMonitor, mocked_stack, run

ECR = sm.ContainerImage.from_ecr_repository
DLC = sm.ContainerImage.from_dlc
# <12 digits>.dkr.ecr.us-east-1.amazonaws.com/ is 45 characters: 210 remain for the path.
US_EAST_1_PATH = 210
# eu-central-1 is three characters longer than us-east-1.
EU_CENTRAL_1_PATH = 207


def one_model(make: Callable[[], sm.ContainerImage], name: str = "svc") -> sm.Model:
    return sm.Model(name, containers=[sm.ContainerDefinition(image=make())])


def registered_image(rec: RecordingMonitor, name: str = "svc") -> str:
    image: str = rec.named(f"{name}-model").inputs["primaryContainer"]["image"]
    return image


@pytest.fixture
def no_region_in_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("AWS_REGION", raising=False)
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    yield


@pytest.mark.parametrize(
    ("factory", "argument"), [(ECR, "repository and tag"), (DLC, "repository_name and tag")]
)
@pytest.mark.parametrize(
    ("region", "path_room"), [("us-east-1", US_EAST_1_PATH), ("eu-central-1", EU_CENTRAL_1_PATH)]
)
def test_ecr_and_dlc_uris_up_to_255_characters_and_no_more(
    factory: Callable[[str, str], sm.ContainerImage], argument: str, region: str, path_room: int
) -> None:
    repository = "r" * (path_room - len(":v1"))
    with mocked_stack(AwsMocks(region=region)) as rec:
        run(lambda: one_model(lambda: factory(repository, "v1")))
        assert len(registered_image(rec)) == 255
    with mocked_stack(AwsMocks(region=region)) as rec:
        with pytest.raises(ValidationError) as caught:
            factory(repository + "r", "v1")
        assert rec.registrations == []
    (problem,) = caught.value.problems
    assert caught.value.component.startswith("ContainerImage.from_")
    assert problem.startswith(
        f"{argument}: the image URI would be 256 characters in region {region}, but CreateModel "
        "takes at most 255 (Containers[].Image), got "
    )
    assert problem.endswith(f".dkr.ecr.{region}.amazonaws.com/{repository}r:v1")


def test_without_a_configured_region_the_shortest_region_decides(
    no_region_in_environment: None,
) -> None:
    # Outside a stack nothing is configured: us-east-1 (9 characters) is the most room any
    # region leaves, so what is refused is too long everywhere.
    ECR("r" * (US_EAST_1_PATH - 3), "v1")
    with pytest.raises(ValidationError) as caught:
        ECR("r" * (US_EAST_1_PATH - 2), "v1")
    assert "256 characters in every region (us-east-1, the shortest, shown)" in str(caught.value)
    assert "got <account>.dkr.ecr.us-east-1.amazonaws.com/rrr" in str(caught.value)


def test_a_digest_counts_as_written() -> None:
    digest = "sha256:" + "a" * 64
    with mocked_stack() as rec:
        run(lambda: one_model(lambda: ECR("r" * (US_EAST_1_PATH - 1 - len(digest)), digest)))
        assert len(registered_image(rec)) == 255
    with mocked_stack(), pytest.raises(ValidationError, match="256 characters"):
        ECR("r" * (US_EAST_1_PATH - len(digest)), digest)


def test_asset_uri_names_the_model_and_is_refused_before_anything_is_registered(
    tmp_path: Path,
) -> None:
    # from_asset pushes to <model>-image-<8 hex>-repo-<7 random> and the model pins the digest:
    # 45 + len(model) + 28 + 72 characters, so a model name of 110 characters is the most.
    (tmp_path / "Dockerfile").write_text("FROM scratch\n")
    image = sm.ContainerImage.from_asset(str(tmp_path))
    longest = "m" * 110
    with mocked_stack() as rec:
        run(lambda: one_model(lambda: image, longest))
        assert len(registered_image(rec, longest)) == 255
    too_long = "m" * 111
    with mocked_stack() as rec:
        with pytest.raises(ValidationError) as caught:
            run(lambda: one_model(lambda: sm.ContainerImage.from_asset(str(tmp_path)), too_long))
        assert rec.registrations == []
    assert caught.value.component == f"Model {too_long!r}"
    (problem,) = caught.value.problems
    assert problem.startswith(
        "containers[0].image: the image URI would be 256 characters in region us-east-1, but "
        "CreateModel takes at most 255 (Containers[].Image); from_asset pushes to a repository "
        f"named after the model ({too_long!r}): give the model a shorter name, or pass "
        "repository=, got "
    )
    assert f"/{too_long}-image-" in problem


def test_asset_into_a_given_repository_is_not_measured(tmp_path: Path) -> None:
    # The given repository's URL is an Output: AWS checks it at deployment.
    import pulumi_aws as aws

    (tmp_path / "Dockerfile").write_text("FROM scratch\n")
    name = "m" * 111

    def program() -> None:
        repo = aws.ecr.Repository("mine")
        one_model(lambda: sm.ContainerImage.from_asset(str(tmp_path), repository=repo), name)

    with mocked_stack() as rec:
        run(program)
        assert rec.of_type("aws:sagemaker/model:Model") != []


def test_region_from_the_environment_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_REGION", "ap-southeast-2")  # 14 characters: 5 more than us-east-1
    assert os.environ["AWS_REGION"] == "ap-southeast-2"
    ECR("r" * (US_EAST_1_PATH - 5 - 3), "v1")
    with pytest.raises(ValidationError, match="256 characters in region ap-southeast-2"):
        ECR("r" * (US_EAST_1_PATH - 5 - 2), "v1")
