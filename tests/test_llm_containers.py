"""LLM serving containers (TGI, LMI) resolve in every region the DLC table knows (issue 10)."""

from __future__ import annotations

import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting._dlc import DLC_ACCOUNTS, LLM_REPOSITORIES
from pulumi_sagemaker_hosting._environment import url_suffix
from pulumi_sagemaker_hosting.testing import AwsMocks, mocked_stack, run

TAGS = {
    "huggingface-pytorch-tgi-inference": "2.4.0-tgi2.3.1-gpu-py311-cu124-ubuntu22.04",
    "djl-inference": "0.31.0-lmi13.0.0-cu124",
}


def partition(region: str) -> str:
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    if region.startswith("us-isob-"):
        return "aws-iso-b"
    if region.startswith("us-iso-"):
        return "aws-iso"
    return "aws"


def test_llm_repositories_are_tgi_and_lmi() -> None:
    assert LLM_REPOSITORIES == ("huggingface-pytorch-tgi-inference", "djl-inference")


@pytest.mark.parametrize("region", sorted(DLC_ACCOUNTS))
def test_llm_containers_in_every_known_region(region: str) -> None:
    with mocked_stack(AwsMocks(region=region, partition=partition(region))) as rec:

        def program() -> None:
            for repository in LLM_REPOSITORIES:
                sm.Model(
                    repository,
                    containers=[
                        sm.ContainerDefinition(
                            image=sm.ContainerImage.from_dlc(repository, TAGS[repository])
                        )
                    ],
                )

        run(program)
        account = DLC_ACCOUNTS[region]
        for repository in LLM_REPOSITORIES:
            image = rec.named(f"{repository}-model").inputs["primaryContainer"]["image"]
            assert image == (
                f"{account}.dkr.ecr.{region}.{url_suffix(region)}/{repository}:{TAGS[repository]}"
            )
