"""Spec twin: model artifacts from an S3 bucket and from a local file."""

import os

import pulumi
import pulumi_aws as aws

import pulumi_sagemaker_hosting as sm

image = sm.ContainerImage.from_ecr_repository("repo", "tag")

# S3ModelData: an S3 bucket and object key.
bucket = aws.s3.Bucket("MyBucket")
model_data = sm.ModelData.from_bucket(bucket, "path/to/artifact/file.tar.gz")

# AssetModelData: a local .tar.gz, uploaded under a key that contains its sha256.
asset_model_data = sm.ModelData.from_asset(os.path.join("path", "to", "artifact", "file.tar.gz"))

s3_model = sm.Model(
    "S3DataModel", containers=[sm.ContainerDefinition(image=image, model_data=model_data)]
)
asset_model = sm.Model(
    "AssetDataModel",
    containers=[sm.ContainerDefinition(image=image, model_data=asset_model_data)],
)

pulumi.export("s3_model_name", s3_model.model_name)
pulumi.export("asset_model_name", asset_model.model_name)
