"""The ``provider "aws"`` block that points the upstream provider at a local moto server.

Credentials are fake, nothing is looked up (no STS account lookup, no EC2 metadata, no
region validation), S3 uses path-style URLs (``http://127.0.0.1:<port>/<bucket>``), and every
service the translated resources use has its endpoint on the server.

Provider arguments: https://registry.terraform.io/providers/hashicorp/aws/latest/docs#argument-reference
Custom endpoints: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/custom-service-endpoints
"""

from __future__ import annotations

from typing import Any

#: Endpoint keys (as the provider names them) of every service a translation may call.
SERVICES: tuple[str, ...] = (
    "applicationautoscaling",
    "cloudwatch",
    "ec2",
    "ecr",
    "iam",
    "kms",
    "s3",
    "sagemaker",
    "sns",
    "sts",
)


def provider_config(endpoint: str, version: str, region: str = "us-east-1") -> dict[str, Any]:
    """``{"terraform": ..., "aws": ...}`` for :meth:`Translation.document`."""
    return {
        "terraform": {
            "required_providers": {"aws": {"source": "hashicorp/aws", "version": version}}
        },
        "aws": {
            "region": region,
            "access_key": "testing",
            "secret_key": "testing",
            "skip_credentials_validation": True,
            "skip_requesting_account_id": True,
            "skip_metadata_api_check": True,
            "skip_region_validation": True,
            "s3_use_path_style": True,
            "endpoints": [{service: endpoint for service in SERVICES}],
        },
    }
