"""Registry accounts that host the AWS Deep Learning Containers, per region.

Sources: aws/deep-learning-containers ``available_images.md`` (region table), the SageMaker
Python SDK's ``image_uri_config`` maps (newer regions, GovCloud, ISO), and the CDK module's
``DLC_REPOSITORY_ACCOUNT`` regional fact. A region missing here needs ``account_id=``.
"""

from __future__ import annotations

_MAIN = "763104351884"

DLC_ACCOUNTS: dict[str, str] = {
    # Commercial regions served by the main DLC account.
    **{
        region: _MAIN
        for region in (
            "us-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2",
            "ca-central-1",
            "sa-east-1",
            "eu-central-1",
            "eu-north-1",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-south-1",
            "ap-southeast-1",
            "ap-southeast-2",
        )
    },
    # Opt-in commercial regions, each with its own registry account.
    "af-south-1": "626614931356",
    "ap-east-1": "871362719292",
    "ap-east-2": "975050140332",
    "ap-northeast-3": "364406365360",
    "ap-south-2": "772153158452",
    "ap-southeast-3": "907027046896",
    "ap-southeast-4": "457447274322",
    "ap-southeast-5": "550225433462",
    "ap-southeast-7": "590183813437",
    "ca-west-1": "204538143572",
    "eu-central-2": "380420809688",
    "eu-south-1": "692866216735",
    "eu-south-2": "503227376785",
    "il-central-1": "780543022126",
    "me-central-1": "914824155844",
    "me-south-1": "217643126080",
    "mx-central-1": "637423239942",
    # China.
    "cn-north-1": "727897471807",
    "cn-northwest-1": "727897471807",
    # GovCloud.
    "us-gov-east-1": "446045086412",
    "us-gov-west-1": "442386744353",
    # Isolated regions.
    "us-iso-east-1": "886529160074",
    "us-isob-east-1": "094389454867",
}


#: Large-model inference containers, served from the DLC registry of every region above:
#: Hugging Face Text Generation Inference (TGI) and Large Model Inference (LMI: DJL Serving with
#: vLLM, TensorRT-LLM or Neuron). The SageMaker Python SDK's ``image_uri_config``
#: ``huggingface-llm.json`` and ``djl-lmi.json`` list these repositories under the same
#: per-region registry accounts as the table above.
#: https://github.com/aws/deep-learning-containers/blob/master/available_images.md
#: https://docs.aws.amazon.com/sagemaker/latest/dg/large-model-inference-container-docs.html
LLM_REPOSITORIES = ("huggingface-pytorch-tgi-inference", "djl-inference")


def dlc_account(region: str) -> str | None:
    """The DLC registry account of ``region``, or None when it is not known."""
    return DLC_ACCOUNTS.get(region)
