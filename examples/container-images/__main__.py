"""Spec twin: container images from an ECR repository and from a local Dockerfile."""

import os

import pulumi

import pulumi_sagemaker_hosting as sm

# EcrImage: reference an image available within ECR (a repository name in this account,
# or an aws.ecr.Repository resource).
image = sm.ContainerImage.from_ecr_repository("repo", "tag")

# AssetImage: build a local directory containing a Dockerfile and push it to ECR.
asset_image = sm.ContainerImage.from_asset(os.path.join("path", "to", "Dockerfile", "directory"))

ecr_model = sm.Model("EcrImageModel", containers=[sm.ContainerDefinition(image=image)])
asset_model = sm.Model("AssetImageModel", containers=[sm.ContainerDefinition(image=asset_image)])

pulumi.export("ecr_model_name", ecr_model.model_name)
pulumi.export("asset_model_name", asset_model.model_name)
